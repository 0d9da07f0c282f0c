import Yams

extension NodeReader {
  static let programKeys = [
    "title", "course", "meeting", "date", "language", "venue", "facilitator", "day", "start", "next-meeting",
    "evaluation",
    "rules", "agenda", "days", "timezone", "absent",
  ]
  static let dayKeys = ["date", "day", "start", "agenda"]
  static let activityKeys = [
    "kind", "title", "presenter", "affiliation", "lead", "notes", "exercise", "minutes", "with", "flexible",
    "groups",
  ]
  static let itemKeys = ["time", "parts"] + activityKeys
  static let presenterKeys = ["name", "affiliation"]

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
    let meeting = wholeNumber(fields, "meeting", example: "2", range: 1...999)
    var rules = defaults.rules
    if let entry = fields["rules"] { readRules(entry.value, into: &rules) }
    programRules = rules

    // Every key is read before giving up on the program, so one run reports every finding.
    let course = string(fields, "course") ?? defaults.course
    let language =
      choice(fields, "language", as: Language.self, suggest: false, meant: Language.meantBy)?.value ?? defaults.language
      ?? .da
    let venue = string(fields, "venue") ?? defaults.venue
    let facilitator = string(fields, "facilitator") ?? defaults.facilitator
    let sharedDay = timeRange(fields, "day") ?? defaults.day
    let sharedStart = clockTime(fields, "start") ?? defaults.start
    let nextMeeting = self.date(fields, "next-meeting")
    let timeZone = self.timeZone(fields) ?? defaults.timeZone
    let evaluation = self.evaluation(fields) ?? defaults.evaluation

    var days: [ProgramDay] = []
    var agenda: [AgendaItem] = []
    if let (entry, nodes) = sequence(fields, "days") {
      for key in ["date", "agenda"] where fields.has(key) {
        report(
          .invalidValue, at: fields[key]!.key,
          "a program with \"days\" gives \"\(key)\" on each day, not at the top")
      }
      if nodes.isEmpty {
        report(.missingKey, at: entry.key, "\"days\" is empty; list each day with its date and agenda")
      }
      for node in nodes {
        guard let dayFields = self.fields(of: node, "a day", allowed: Self.dayKeys) else { continue }
        let date = date(dayFields, "date", required: "(the day's date, like 2017-04-27)")
        let bounds = timeRange(dayFields, "day") ?? sharedDay
        let start = clockTime(dayFields, "start") ?? sharedStart
        let items = self.agenda(dayFields, exercises: exercises)
        guard let date else { continue }
        if let previous = days.last, date.value == previous.date.value {
          report(
            .invalidValue, at: date.location,
            "day \(days.count + 1) has the same date as day \(days.count), \(date.value.iso); give each day its own "
              + "date, or put both agendas in one day")
        } else if let previous = days.last, date.value < previous.date.value {
          report(
            .invalidValue, at: date.location,
            "day \(days.count + 1) is \(date.value.iso), not after day \(days.count) (\(previous.date.value.iso)); "
              + "list the days in order")
        }
        let (day, placed) = Self.placingPastMidnight(
          ProgramDay(date: date, day: bounds, start: start, agendaLocation: items.location), items.items)
        agenda += placed.map { item in
          var item = item
          item.day = days.count
          return item
        }
        days.append(day)
      }
    } else {
      let date = date(fields, "date", required: "(the meeting's date, like 2013-04-18), or \"days\"")
      let items = self.agenda(fields, exercises: exercises)
      if let date {
        let (day, placed) = Self.placingPastMidnight(
          ProgramDay(date: date, day: sharedDay, start: sharedStart, agendaLocation: items.location), items.items)
        days = [day]
        agenda = placed
      }
    }
    guard let title, let first = days.first else { return nil }
    // Days listed out of order are an error above. The meeting then begins on the day its
    // file is named after, or else its earliest, so the series' checks (file name,
    // next-meeting) give no advice that misleads: the slip is in the order or in one date.
    var begins = first.date
    if zip(days, days.dropFirst()).contains(where: { $0.date.value >= $1.date.value }) {
      let named = CalendarDate(parsing: String(id.prefix(10)))
      begins =
        days.first { $0.date.value == named }?.date ?? days.min { $0.date.value < $1.date.value }?.date ?? first.date
    }
    var program = Program(
      id: id, series: series, file: file, title: title, course: course, meeting: meeting?.value, date: begins,
      language: language, venue: venue, facilitator: facilitator, day: first.day, start: first.start,
      nextMeeting: nextMeeting, rules: rules, participants: defaults.participants, agenda: agenda,
      agendaLocation: first.agendaLocation)
    program.meetingLocation = meeting?.location
    program.days = days
    program.meetingWord = defaults.meetingWord
    program.languageIsGiven = fields.has("language") || defaults.language != nil
    program.evaluation = evaluation?.evaluation(language, days: days.count)
    program.absent = absent(fields, roster: defaults.participants)
    if let timeZone {
      program.timeZone = timeZone.value
      program.timeZoneLocation = timeZone.location
    }
    return program
  }

  /// `agenda:` of a program or a day: its items and where it was written.
  private mutating func agenda(_ fields: Fields, exercises: ExerciseLibrary) -> (
    items: [AgendaItem], location: SourceLocation
  ) {
    guard let (entry, nodes) = sequence(fields, "agenda") else {
      if fields.lacks("agenda") {
        report(.missingKey, at: fields.location, "missing \"agenda\" (the list of the day's items)")
      }
      return ([], fields.location)
    }
    if nodes.isEmpty { report(.missingKey, at: entry.key, "\"agenda\" is empty; list the day's items") }
    return (nodes.compactMap { agendaItem(from: $0, exercises: exercises) }, location(of: entry.key))
  }

  /// `day: 18.00-01.00`: an evening past midnight; times before the day's start are on the
  /// next day's clock.
  static func placingPastMidnight(_ day: ProgramDay, _ agenda: [AgendaItem]) -> (ProgramDay, [AgendaItem]) {
    guard let evening = day.day, let pastMidnight = evening.value.runningPastMidnight else { return (day, agenda) }
    var moved = day
    moved.day = Located(pastMidnight, at: evening.location)
    moved.start = day.start.map { Located($0.value.onDay(starting: pastMidnight.start), at: $0.location) }
    return (moved, agenda.map { $0.placed(onDayStarting: pastMidnight.start) })
  }

  /// `timezone: Europe/London`: an IANA name the system's time-zone data knows.
  mutating func timeZone(_ fields: Fields) -> Located<String>? {
    guard let text = text(fields, "timezone", expected: "a time-zone name like Europe/Copenhagen") else { return nil }
    let name = text.value.trimmingWhitespace()
    guard CalendarTimeZone.isKnown(name) else {
      report(
        .invalidValue, at: text.location,
        "\"timezone\" must be an IANA time zone such as Europe/Copenhagen or Europe/London; found \"\(name)\""
          + Suggestion.phrase(for: name, in: CalendarTimeZone.candidateIdentifiers))
      return nil
    }
    return Located(name, at: text.location)
  }

  private mutating func agendaItem(from node: Node, exercises: ExerciseLibrary) -> AgendaItem? {
    guard let fields = fields(of: node, "an agenda item", allowed: Self.itemKeys) else { return nil }
    let range = timeRange(fields, "time")
    let minutesGiven = fields.has("minutes")

    if let (entry, nodes) = sequence(fields, "parts") {
      for key in ["kind", "presenter", "affiliation", "exercise", "lead", "notes", "with", "flexible", "groups"]
      where fields.has(key) {
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
      if let exercise = reference?.exercise {
        reference?.exercise = filling(
          exercise, placeholders: exercises.placeholders(of: exercise.id), at: idText.location, from: fields)
      }
    } else if let with = fields["with"] {
      report(.invalidValue, at: with.key, "\"with\" fills an exercise's placeholders; this item has no \"exercise\"")
    }
    var kind = self.kind(fields)
    if reference != nil {
      if let given = kind, given != .exercise, let location = text(fields, "kind")?.location {
        report(.invalidValue, at: location, "an item with \"exercise\" is of kind exercise, not \(given.rawValue)")
      }
      kind = .exercise
    }
    // An exercise that cannot be used (reported already) is named by its id.
    let title = string(fields, "title") ?? reference.map { $0.exercise?.title ?? $0.id }
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
      // An exercise gives the title; an `exercise:` that is not an id has been reported already.
      if !fields.has("exercise") && fields.lacks("title") {
        report(.missingKey, at: fields.location, "missing \"title\" (what the agenda shows for this item)")
      }
      return nil
    }
    var activity = Activity(
      kind: kind, title: title, lead: string(fields, "lead"), notes: string(fields, "notes"), exercise: reference,
      minutes: minutes, location: fields.location)
    activity.presenters = presenters(fields)
    activity.isFlexible = bool(fields, "flexible") ?? false
    activity.groups = handGroups(fields)
    if activity.groups != nil && reference == nil, let key = fields["groups"]?.key {
      report(.invalidValue, at: key, "\"groups\" splits the people for an exercise; this item has no \"exercise\"")
    }
    return activity
  }

  /// `absent: [Name, …]`: who of the roster is not there; each must be on it.
  private mutating func absent(_ fields: Fields, roster: [Participant]) -> [Located<String>] {
    guard let (_, nodes) = sequence(fields, "absent") else { return [] }
    var names: [Located<String>] = []
    for node in nodes {
      guard case .scalar(let scalar) = node, !isNull(node) else {
        report(.wrongType, at: node, "each entry of \"absent\" must be a name, not \(describe(node))")
        continue
      }
      let name = scalar.string.trimmingWhitespace()
      if !roster.contains(where: { $0.name == name }) {
        report(
          .groups, at: node,
          "\"\(name)\" is not on the roster in series.yaml" + Suggestion.personPhrase(for: name, in: roster.map(\.name))
        )
      }
      names.append(Located(name, at: location(of: node)))
    }
    return names
  }

  /// `groups: [[Name, Name], [Name, Name, Name]]`: the groups of an exercise, by hand.
  private mutating func handGroups(_ fields: Fields) -> Located<[[Located<String>]]>? {
    guard let (entry, nodes) = sequence(fields, "groups") else { return nil }
    var groups: [[Located<String>]] = []
    for node in nodes {
      guard case .sequence(let members) = node else {
        report(.wrongType, at: node, "each group in \"groups\" is a list of names, like [Lone Bisgaard, Jakob Friis]")
        continue
      }
      var group: [Located<String>] = []
      for member in members {
        guard case .scalar(let scalar) = member, !isNull(member) else {
          report(.wrongType, at: member, "a member of a group must be a name, not \(describe(member))")
          continue
        }
        group.append(Located(scalar.string.trimmingWhitespace(), at: location(of: member)))
      }
      groups.append(group)
    }
    return Located(groups, at: location(of: entry.key))
  }

  /// The English names of the kinds, as the messages list them.
  /// `kind:` by its English name or Danish word; a "did you mean" for anything else.
  private mutating func kind(_ fields: Fields) -> ActivityKind? {
    choice(fields, "kind", as: ActivityKind.self, words: ActivityKind.danishWords, meant: ActivityKind.meantBy)?.value
  }

  /// `presenter:` a name, or a list of names and {name, affiliation} mappings;
  /// `affiliation:` beside one name.
  private mutating func presenters(_ fields: Fields) -> [Presenter] {
    guard let entry = fields["presenter"] else {
      // A misspelled presenter (`presentor:`) was reported already: one defect, one finding.
      if let affiliation = fields["affiliation"], !fields.misspelled.contains("presenter") {
        report(.invalidValue, at: affiliation.key, "\"affiliation\" belongs with a \"presenter\"")
      }
      return []
    }
    // One presenter written as the list's entries are: the two ways to write it instead.
    if case .mapping = entry.value {
      report(
        .wrongType, at: entry.key,
        "\"presenter\" must be a name or a list, not a mapping; for one presenter write the name here and "
          + "\"affiliation\" beside it, or make it a list: presenter: [{ name: …, affiliation: … }]")
      return []
    }
    guard case .sequence(let nodes) = entry.value else {
      guard let name = string(fields, "presenter") else { return [] }
      return [Presenter(name: name, affiliation: string(fields, "affiliation"))]
    }
    if let affiliation = fields["affiliation"] {
      report(
        .invalidValue, at: affiliation.key,
        "with a list of presenters, give each one's affiliation in the list: - { name: …, affiliation: … }")
    }
    if nodes.isEmpty { report(.missingKey, at: entry.key, "\"presenter\" is an empty list; name who presents") }
    return nodes.compactMap { node -> Presenter? in
      if case .scalar = node {
        guard !isNull(node), case .scalar(let scalar) = node, !scalar.string.trimmingWhitespace().isEmpty else {
          report(.missingKey, at: node, "a presenter in the list is empty; give a name")
          return nil
        }
        warnIfCutByComment(node, key: "presenter")
        return Presenter(name: scalar.string)
      }
      guard let person = self.fields(of: node, "a presenter", allowed: Self.presenterKeys),
        let name = string(person, "name", required: "(the presenter's name)")
      else { return nil }
      return Presenter(name: name, affiliation: string(person, "affiliation"))
    }
  }

  private mutating func exerciseReference(_ id: Located<String>, exercises: ExerciseLibrary) -> ExerciseReference? {
    guard ExerciseLibrary.isValidID(id.value) else {
      // "Ni-gange-hvorfor", "femten-procent-løsninger", "ni-gange-hvorfor.yaml": the id
      // it was meant to be, where the library has it.
      let meant = ExerciseLibrary.suggestedID(for: ProgramDiscovery.stem(of: id.value))
      let suggestion =
        exercises.contains(meant) ? "; did you mean \"\(meant)\"?" : Suggestion.phrase(for: meant, in: exercises.ids)
      report(
        .invalidValue, at: id.location,
        "\"\(id.value.prefix(80))\" is not an exercise id; an id is the file name in \(exercises.directory)/ "
          + "without .yaml, in lowercase letters, digits and hyphens" + suggestion)
      // As for an unknown id: the item keeps its place and time, so the day is still judged.
      invalidExerciseIDs.insert(id.location)
      // It stands for the title in findings: no longer there than in this one.
      return ExerciseReference(id: String(id.value.prefix(80)), location: id.location)
    }
    referencedExercises.insert(id.value)
    guard exercises.contains(id.value) else {
      report(
        .unknownExercise, at: id.location,
        exercises.exists
          ? "no exercise \"\(id.value)\" in \(exercises.directory)/\(Suggestion.phrase(for: id.value, in: exercises.ids))"
          : "no exercise \"\(id.value)\": there is no exercise library \(exercises.directory)/; "
            + "run workshopkit in the folder that holds it, or give it with --exercises DIR")
      // The item keeps its place and time, so the day's timing is still judged.
      return ExerciseReference(id: id.value, location: id.location)
    }
    // An exercise whose file has errors is reported in its own file, once, with this
    // program's findings; this reference adds no second finding for the same defect.
    guard let exercise = exercises.exercise(id.value) else {
      return ExerciseReference(id: id.value, location: id.location)
    }
    return ExerciseReference(id: id.value, location: id.location, exercise: exercise)
  }
}

extension NodeReader {
  /// The exercise with its `{name}` placeholders filled from `with:`; an unfilled
  /// placeholder, or a `with` key the exercise does not use, is a located error.
  mutating func filling(
    _ exercise: Exercise, placeholders wanted: Set<String>, at reference: SourceLocation, from fields: Fields
  ) -> Exercise {
    var values: [String: String] = [:]
    var keyLocations: [String: SourceLocation] = [:]
    if let entry = fields["with"], let with = self.fields(of: entry.value, "\"with\"", allowed: nil) {
      for key in with.entries.keys.sorted() {
        guard let value = string(with, key) else { continue }
        values[key] = value
        keyLocations[key] = location(of: with.entries[key]!.key)
      }
    }
    let known = wanted.sorted()
    let unknown = values.keys.sorted().filter { !wanted.contains($0) }
    let unfilled = known.filter { values[$0] == nil }
    // A placeholder filled under another name (`spørgsmål` for `spoergsmaal`): the name
    // it is likely meant for, a near one, or the only one left when one key is left over.
    // That key's finding then stands alone: one defect, one finding.
    var meant: [String: String] = [:]
    for name in unknown {
      meant[name] =
        Suggestion.closest(to: name, in: unfilled) ?? (unknown.count == 1 && unfilled.count == 1 ? unfilled[0] : nil)
    }
    for name in unfilled where !meant.values.contains(name) {
      report(
        .missingKey, at: reference,
        "\"\(exercise.title)\" has a placeholder {\(name)}; fill it here: with: { \(name): \"…\" }")
    }
    for name in unknown {
      let hint =
        known.isEmpty
        ? "; it has none"
        : (meant[name] ?? Suggestion.closest(to: name, in: known)).map { "; did you mean \"\($0)\"?" }
          ?? "; it has " + known.map { "{\($0)}" }.joined(separator: ", ")
      report(
        .unknownKey, at: keyLocations[name] ?? reference, "\"\(exercise.title)\" has no placeholder {\(name)}" + hint)
    }
    return values.isEmpty ? exercise : exercise.filled(with: values)
  }
}
