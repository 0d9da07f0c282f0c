import Yams

extension NodeReader {
  static let programKeys = [
    "title", "course", "meeting", "date", "language", "venue", "facilitator", "day", "start", "next-meeting",
    "rules", "agenda",
  ]
  static let activityKeys = [
    "kind", "title", "presenter", "affiliation", "lead", "notes", "exercise", "minutes",
  ]
  static let itemKeys = ["time", "parts"] + activityKeys

  mutating func program(
    id: String, series: String, from root: Node, defaults: SeriesDefaults, exercises: ExerciseLibrary
  ) -> Program? {
    guard let fields = fields(of: root, "a program", allowed: Self.programKeys) else { return nil }
    let title =
      (fields.has("title") ? string(fields, "title", required: "a title, or leave it to series.yaml") : nil)
      ?? defaults.title
    if title == nil && fields.lacks("title") {
      report(.missingKey, at: fields.location, "missing \"title\" (here or in series.yaml)")
    }
    let date = date(fields, "date", required: "(the meeting's date, like 2013-04-18)")
    let meeting = wholeNumber(fields, "meeting", example: "2", range: 1...999)
    var rules = defaults.rules
    if let entry = fields["rules"] { readRules(entry.value, into: &rules) }

    var agenda: [AgendaItem] = []
    var agendaLocation = fields.location
    if let (entry, nodes) = sequence(fields, "agenda") {
      agendaLocation = location(of: entry.key)
      if nodes.isEmpty { report(.missingKey, at: entry.key, "\"agenda\" is empty; list the day's items") }
      agenda = nodes.compactMap { agendaItem(from: $0, exercises: exercises) }
    } else if fields.lacks("agenda") {
      report(.missingKey, at: fields.location, "missing \"agenda\" (the list of the day's items)")
    }

    // Every key is read before giving up on the program, so one run reports every finding.
    let course = string(fields, "course") ?? defaults.course
    let language = choice(fields, "language", as: Language.self)?.value ?? defaults.language ?? .da
    let venue = string(fields, "venue") ?? defaults.venue
    let facilitator = string(fields, "facilitator") ?? defaults.facilitator
    var day = timeRange(fields, "day") ?? defaults.day
    var start = clockTime(fields, "start") ?? defaults.start
    let nextMeeting = self.date(fields, "next-meeting")
    guard let title, let date else { return nil }
    if let evening = day, let pastMidnight = evening.value.runningPastMidnight {
      // `day: 18.00-01.00`: times before the day's start are on the next day's clock.
      day = Located(pastMidnight, at: evening.location)
      agenda = agenda.map { $0.placed(onDayStarting: pastMidnight.start) }
      start = start.map { Located($0.value.onDay(starting: pastMidnight.start), at: $0.location) }
    }
    var program = Program(
      id: id, series: series, file: file, title: title, course: course, meeting: meeting?.value, date: date,
      language: language, venue: venue, facilitator: facilitator, day: day, start: start, nextMeeting: nextMeeting,
      rules: rules, participants: defaults.participants, agenda: agenda, agendaLocation: agendaLocation)
    program.meetingLocation = meeting?.location
    return program
  }

  private mutating func agendaItem(from node: Node, exercises: ExerciseLibrary) -> AgendaItem? {
    guard let fields = fields(of: node, "an agenda item", allowed: Self.itemKeys) else { return nil }
    let range = timeRange(fields, "time")
    let minutesGiven = fields.has("minutes")

    if let (entry, nodes) = sequence(fields, "parts") {
      for key in ["kind", "presenter", "affiliation", "exercise", "lead", "notes"] where fields.has(key) {
        report(
          .invalidValue, at: fields[key]!.key,
          "an item with \"parts\" takes \"\(key)\" on each part, not on the slot")
      }
      if nodes.isEmpty { report(.missingKey, at: entry.key, "\"parts\" is empty; list the slot's parts") }
      let parts = nodes.compactMap { node -> Activity? in
        guard let partFields = self.fields(of: node, "a part", allowed: Self.activityKeys) else { return nil }
        return activity(partFields, exercises: exercises)
      }
      let minutes = wholeNumber(fields, "minutes", example: "45", range: 1...1440)
      if range != nil, let minutes { reportTimeAndMinutes(at: minutes.location) }
      guard let timing = timing(fields, range: range, minutes: minutes, isSlot: true, parts: parts) else {
        return nil
      }
      return AgendaItem(
        timing: timing, parts: parts, isSlot: true, slotTitle: string(fields, "title"),
        partsLocation: location(of: entry.key), location: fields.location)
    }
    guard var activity = activity(fields, exercises: exercises) else { return nil }
    let minutes = activity.minutes
    if minutesGiven && range != nil, let minutes { reportTimeAndMinutes(at: minutes.location) }
    activity.minutes = nil
    guard let timing = timing(fields, range: range, minutes: minutes, isSlot: false, parts: [activity]) else {
      return nil
    }
    return AgendaItem(timing: timing, parts: [activity], isSlot: false, location: fields.location)
  }

  private mutating func reportTimeAndMinutes(at location: SourceLocation) {
    report(
      .invalidValue, at: location,
      "give either \"time\" or \"minutes\", not both; \"time\" already says how long the item is")
  }

  private mutating func timing(
    _ fields: Fields, range: Located<TimeRange>?, minutes: Located<Int>?, isSlot: Bool, parts: [Activity]
  ) -> AgendaItem.Timing? {
    if let range { return .range(range) }
    if let minutes { return .duration(minutes) }
    if !fields.lacks("time") || !fields.lacks("minutes") { return nil }  // unreadable, already reported
    if isSlot && !parts.isEmpty && parts.allSatisfy({ $0.minutes != nil }) { return .sumOfParts }
    report(
      .missingKey, at: fields.location,
      isSlot
        ? "a slot needs \"time\" (like 10.15-11.30), \"minutes\", or minutes on every part"
        : "an agenda item needs \"time\" (like 10.15-11.30) or \"minutes\" (like 45)")
    return nil
  }

  private mutating func activity(_ fields: Fields, exercises: ExerciseLibrary) -> Activity? {
    var reference: ExerciseReference?
    if let idText = text(fields, "exercise") {
      reference = exerciseReference(idText, exercises: exercises)
    }
    var kind = choice(fields, "kind", as: ActivityKind.self)?.value
    if reference != nil {
      if let given = kind, given != .exercise, let location = text(fields, "kind")?.location {
        report(.invalidValue, at: location, "an item with \"exercise\" is of kind exercise, not \(given.rawValue)")
      }
      kind = .exercise
    }
    let title = string(fields, "title") ?? reference?.exercise?.title
    let minutes = wholeNumber(fields, "minutes", example: "45", range: 1...1440)
    guard let kind else {
      // An unreadable or unknown `exercise:` has been reported already; it stands in for the kind.
      if fields.lacks("kind") && fields.lacks("exercise") {
        report(
          .missingKey, at: fields.location,
          "missing \"kind\" (arrival, talk, exercise, plenary, recap, break or meal) or \"exercise\"")
      }
      return nil
    }
    guard let title else {
      // An exercise gives the title; when it cannot be used, that has been reported already.
      if !fields.has("exercise") && fields.lacks("title") {
        report(.missingKey, at: fields.location, "missing \"title\" (what the agenda shows for this item)")
      }
      return nil
    }
    return Activity(
      kind: kind, title: title, presenter: string(fields, "presenter"), affiliation: string(fields, "affiliation"),
      lead: string(fields, "lead"), notes: string(fields, "notes"), exercise: reference, minutes: minutes,
      location: fields.location)
  }

  private mutating func exerciseReference(_ id: Located<String>, exercises: ExerciseLibrary) -> ExerciseReference? {
    guard ExerciseLibrary.isValidID(id.value) else {
      report(
        .invalidValue, at: id.location,
        "\"\(id.value.prefix(80))\" is not an exercise id; an id is the file name in \(exercises.directory)/ "
          + "without .yaml, in lowercase letters, digits and hyphens")
      return nil
    }
    referencedExercises.insert(id.value)
    guard exercises.contains(id.value) else {
      report(
        .unknownExercise, at: id.location,
        "no exercise \"\(id.value)\" in \(exercises.directory)/\(Suggestion.phrase(for: id.value, in: exercises.ids))")
      return nil
    }
    // An exercise whose file has errors is reported in its own file, once, with this
    // program's findings; this reference adds no second finding for the same defect.
    guard let exercise = exercises.exercise(id.value) else {
      return ExerciseReference(id: id.value, location: id.location)
    }
    return ExerciseReference(id: id.value, location: id.location, exercise: exercise)
  }
}
