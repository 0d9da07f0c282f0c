/// The facilitator's run sheet: an overview and what to prepare and bring (on the first
/// page, as they are needed first), then every part and exercise step with its clock time
/// and duration, who leads, what to say, the setup and time cues; the recap, the
/// presenters, and last the check's warnings, which are for whoever fixes the program, not
/// for the day.
public enum RunSheet {
  /// Minutes before the end of an exercise when the run sheet gives a time cue.
  static let cueMinutes = 5

  public static func render(_ input: KitInput) -> XHTMLDocument {
    let program = input.program
    let language = input.language
    let document = DocumentFrame.make(
      title: "\(program.title) – \(language(.runSheet))", input.frame, language)
    let body = DocumentFrame.main(of: document, class: "run-sheet")
    let header = body.element("header")
    header.element("p", ["class": "muted"], text: language(.runSheet))
    header.element("h1", text: program.title)
    var facts = [program.meetingText(), program.datesText()].compactMap { $0 }
    if !program.isMultiDay, let span = input.schedule.span { facts.append(span.formatted(language)) }
    if let venue = program.venue { facts.append(venue) }
    header.element("p", text: facts.joined(separator: " · "))
    if let facilitator = program.facilitator { header.element("p", ["class": "muted"], text: facilitator) }

    // The overview first, so a day's dozen rows fit the first page; what to prepare and
    // bring under it, as it is needed before the day. The check's warnings come last: a
    // box of them on the first page pushed the materials over to the second.
    overview(input.schedule, into: body)
    materials(input, into: body)
    run(input, into: body)
    if let recap = input.recap { RecapSection.render(recap, language: language, forFacilitator: true, into: body) }
    presenters(input.schedule, into: body)
    warnings(input.warnings, language: language, into: body)
    return document
  }

  static func warnings(_ warnings: [Diagnostic], language: Language, into body: XHTMLElement) {
    // Nothing to warn about is one line, not a box.
    guard !warnings.isEmpty else {
      body.element("p", ["class": "muted no-warnings"], text: language(.noWarnings))
      return
    }
    let box = body.element("section", ["class": "box warnings"])
    box.element("h2", text: language(.warnings))
    // The check speaks English; a facilitator of a Danish course is told so, and why the
    // file names are there.
    if language != .en { box.element("p", ["class": "muted"], text: language(.warningsInEnglish)) }
    let list = box.element("ul")
    for warning in warnings {
      let item = list.element("li")
      // The check speaks English: so marked in a document in another language, for screen
      // readers and hyphenation.
      if language != .en { item.setLanguage(Language.en.rawValue) }
      item.element("code", text: "[\(warning.rule.rawValue)]")
      item.text(" \(warning.message) (\(warning.location.file):\(warning.location.line))")
    }
  }

  static func overview(_ schedule: Schedule, into body: XHTMLElement) {
    let program = schedule.program
    let language = program.language
    let section = body.element("section", ["class": "overview"])
    section.element("h2", text: language(.overview))
    let table = section.element("table", ["class": "stacks"])
    let head = table.element("thead").element("tr")
    for label in [Label.time, .duration, .content] {
      head.element("th", ["scope": "col"], text: language(label))
    }
    head.element("th", ["scope": "col", "class": "leads"], text: language(.leads))
    let rows = table.element("tbody")
    for item in schedule.items {
      if program.isMultiDay, Handout.isFirstOfDay(item, in: schedule) {
        rows.element("tr", ["class": "day"]).element(
          "th", ["colspan": "4", "scope": "rowgroup"], text: program.dayHeading(item.item.day))
      }
      for part in item.parts { overviewRow(part, program, into: rows) }
    }
  }

  static func overviewRow(_ part: ScheduledPart, _ program: Program, into rows: XHTMLElement) {
    let language = program.language
    let row = rows.element("tr")
    row.element("td", ["class": "time"], text: part.span.formatted(language))
    row.element("td", ["class": "minutes"], text: "\(part.span.minutes) min")
    row.element("td", ["class": "prose"], text: overviewText(part.activity, language))
    row.element(
      "td", ["class": "leads", "data-label": language(.leads)], text: part.activity.leader(in: program) ?? "")
  }

  static func run(_ input: KitInput, into body: XHTMLElement) {
    let schedule = input.schedule
    let program = schedule.program
    let language = program.language
    // Straight after the checklists: no page is left half empty before the steps.
    let section = body.element("section", ["class": "run"])
    section.element("h2", text: language(.steps))
    for item in schedule.items {
      if program.isMultiDay, Handout.isFirstOfDay(item, in: schedule) {
        section.element("h3", ["class": "day"], text: program.dayHeading(item.item.day))
      }
      for part in item.parts { runBlock(part, input, into: section) }
    }
  }

  /// Words that make a note the last thing to do: "Afslut med …", "End with …".
  static let closingWords = ["afslut med", "slut af med", "til sidst", "end with", "close with", "finish with"]

  static func isClosing(_ note: String) -> Bool {
    let start = note.lowercased()
    return closingWords.contains { start.hasPrefix($0) }
  }

  /// "Oplæg: Partnerskaber, ved …" (the kind said once); a title that starts with the
  /// kind's own word stands alone ("Pause", not "Pause: Pause"; "Opsamling fra sidst").
  static func overviewText(_ activity: Activity, _ language: Language) -> String {
    let kind = language(activity.kind.label)
    if activity.title.hasPrefixIgnoringCase(kind) { return activity.agendaText(language) }
    guard activity.kind == .talk, !activity.presenters.isEmpty else { return "\(kind): \(activity.title)" }
    return "\(kind): " + Activity.title(activity.title, then: "\(language(.by)) \(activity.presenterText(language))")
  }

  static func runBlock(_ part: ScheduledPart, _ input: KitInput, into section: XHTMLElement) {
    let program = input.program
    let language = program.language
    let groups = input.groups(for: part.activity)
    let block = section.element("div", ["class": "step-block"])
    let activity = part.activity
    // The heading, who leads and what to say first stay together on one page.
    let intro = block.element("div", ["class": "step-intro"])
    intro.element(
      "h3",
      text: "\(part.span.formatted(language)) · \(part.span.minutes) min · \(activity.title)")
    var facts = [language(activity.kind.label)]
    if activity.presenters.count > 1 {
      // Several presenters and no one else leading: they lead, each named once.
      if activity.lead == nil {
        facts.append(language(.ledBy, activity.presenterText(language)))
      } else {
        if let leader = activity.leader(in: program) { facts.append(language(.ledBy, leader)) }
        facts.append(activity.presenterText(language))
      }
    } else {
      if let leader = activity.leader(in: program) { facts.append(language(.ledBy, leader)) }
      if let presenter = activity.presenter, activity.lead != nil, presenter != activity.lead {
        facts.append(presenter)
      }
      if let affiliation = activity.affiliation { facts.append(affiliation) }
    }
    intro.element("p", ["class": "muted"], text: facts.joined(separator: " · "))
    let closing = activity.notes.flatMap { isClosing($0) ? $0 : nil }
    if let notes = activity.notes, closing == nil { intro.element("p").linkedText(notes) }
    if activity.location == input.recapPart, let recap = input.recap, !recap.answers.isEmpty {
      let line = intro.element("p")
      line.element(
        "a", ["href": "#recap"],
        text: language(.seeRecap, RecapSection.heading(recap.previousMeeting, language).lowercasedFirst))
    }
    // A talk gets its cue too, so the presenter can be told it is time to round off.
    if activity.kind == .talk, part.span.minutes >= 2 * cueMinutes {
      let cue = part.span.end.adding(minutes: -cueMinutes)
      block.element("p", ["class": "cue"], text: language(.minutesLeft, cue.formatted(language), cueMinutes))
    }
    if let exercise = part.exercise {
      // Who works with whom is announced as the exercise opens: under its introduction,
      // before the steps.
      if !groups.isEmpty { self.groups(groups, program: program, into: block) }
      self.exercise(exercise, part, language: language, intro: intro, into: block)
    }
    // "Afslut med …" is said at the end, so it is printed there.
    if let closing { block.element("p", ["class": "say closing"]).linkedText(closing) }
  }

  /// `intro`: where the exercise's purpose, setup and what to say go, kept with its heading.
  static func exercise(
    _ exercise: Exercise, _ part: ScheduledPart, language: Language, intro: XHTMLElement, into parent: XHTMLElement
  ) {
    // An exercise in another language than the program's: its own texts are marked so, for
    // screen readers, and the kit's words around them stay in the program's.
    let written = exercise.foreignLanguage(in: language)
    let factsLine = intro.element("p")
    if exercise.title != part.activity.title {
      factsLine.addText(exercise.title, written: written, in: language)
      factsLine.text(" · ")
    }
    factsLine.text(
      [exercise.groupWorkText(part.steps, language), language(.canRun, exercise.minutes.value.description)]
        .joined(separator: " · "))
    if let purpose = exercise.purpose { labelled(language(.purpose), purpose, written, language, into: intro) }
    if let setup = exercise.setup { labelled(language(.setup), setup, written, language, into: intro) }
    if let invitation = exercise.invitation {
      let say = intro.element("p", ["class": "say"])
      say.text("\(language(.invitation)): ")
      say.addText("“\(invitation)”", written: written, in: language)
    }
    let table = parent.element("table", ["class": "steps"])
    let rows = table.element("tbody")
    // The cue goes among the steps, in time order: before the step it announces, or after
    // the last when it falls inside it.
    let cue = part.span.minutes >= 2 * cueMinutes ? part.span.end.adding(minutes: -cueMinutes) : nil
    var cueLeft = cue
    func cueRow(_ time: ClockTime) {
      let row = rows.element("tr", ["class": "cue"])
      row.element("td", ["class": "time"], text: time.formatted(language))
      row.element("td", ["class": "minutes"])
      row.element("td", text: language(.minutesLeftAtStep, cueMinutes))
      cueLeft = nil
    }
    // Of an exercise whose steps change the group work, each change is marked where it
    // happens: the first step's, then a step that works otherwise than the one before.
    var configurationBefore: String?
    for step in part.steps {
      if let time = cueLeft, step.span.start >= time { cueRow(time) }
      // A section heading takes no time: a row of its own over its steps, with no clock.
      if step.step.kind == .section {
        let row = rows.element("tr", ["class": "step-section"])
        row.element("td", ["class": "time"])
        row.element("td", ["class": "minutes"])
        let cell = row.element("td")
        cell.element("strong", text: step.headingText).marked(written, in: language)
        if let note = step.step.note {
          cell.element("p", ["class": "muted"]).marked(written, in: language).linkedText(note)
        }
        continue
      }
      let row = rows.element("tr", ["class": "step"])
      row.element("td", ["class": "time"], text: step.span.formatted(language))
      row.element("td", ["class": "minutes"], text: "\(step.span.minutes) min")
      let cell = row.element("td")
      cell.addText(step.lineText, written: written, in: language)
      var marks: [String] = []
      if exercise.hasStepFormats {
        let configuration = exercise.configuration(of: step.step, language)
        if configuration != configurationBefore { marks.append(configuration) }
        configurationBefore = configuration
      }
      if step.step.optional { marks.append(language(.optional)) }
      if !marks.isEmpty { cell.element("span", ["class": "muted"], text: " (" + marks.joined(separator: ", ") + ")") }
      if !step.step.asks.isEmpty {
        let subQuestions = cell.element("ol", ["class": "sub-questions", "type": step.subQuestionType])
        subQuestions.marked(written, in: language)
        for ask in step.step.asks { subQuestions.element("li", text: ask) }
      }
      if !step.rounds.isEmpty {
        let rounds = cell.element("ul", ["class": "rounds"])
        for (index, round) in step.rounds.enumerated() {
          rounds.element("li", text: language(.round, index + 1) + ": " + round.formatted(language))
        }
      }
      if let note = step.step.note {
        cell.element("p", ["class": "muted"]).marked(written, in: language).linkedText(note)
      }
    }
    if let time = cueLeft { cueRow(time) }
    if !exercise.notes.isEmpty { list(language(.tips), exercise.notes, written, language, into: parent) }
    if !exercise.variations.isEmpty {
      list(language(.variations), exercise.variations, written, language, into: parent)
    }
  }

  /// The pairs and groups at an exercise: names with organisation, and what the split came
  /// to ("3 par og én trio").
  static func groups(_ assignments: [GroupPlanner.Assignment], program: Program, into block: XHTMLElement) {
    let language = program.language
    let absent = program.absent.map(\.value)
    for assignment in assignments {
      let heading =
        assignment.heading(language)
        + " (" + assignment.summary(language) + ")"
      // A list of pairs or groups is not split over two pages.
      let split = block.element("div", ["class": "split"])
      split.element("p").element("strong", text: heading)
      let list = split.element("ol", ["class": "groups"])
      for (group, marker) in zip(assignment.groups, assignment.markers) {
        let item = list.element(
          "li",
          text: group.map { person in person.organisation.map { "\(person.name) (\($0))" } ?? person.name }
            .joined(separator: ", "))
        item.setListMarker(marker)
      }
    }
    if !absent.isEmpty {
      block.element("p", ["class": "muted"], text: language(.absent) + ": " + absent.joined(separator: ", "))
    }
  }

  /// `written`: the texts' language where it is not the document's `language`.
  static func list(
    _ label: String, _ texts: [String], _ written: Language? = nil, _ language: Language = .da,
    into parent: XHTMLElement
  ) {
    parent.element("p", ["class": "list-label"]).element("strong", text: label + ":")
    let list = parent.element("ul").marked(written, in: language)
    for text in texts { list.element("li", text: text) }
  }

  static func labelled(
    _ label: String, _ text: String, _ written: Language? = nil, _ language: Language = .da,
    into parent: XHTMLElement
  ) {
    let paragraph = parent.element("p")
    paragraph.element("strong", text: label + ": ")
    paragraph.addText(text, written: written, in: language)
  }

  static func presenters(_ schedule: Schedule, into body: XHTMLElement) {
    let language = schedule.program.language
    let talks = schedule.parts.filter { $0.activity.presenter != nil }
    guard !talks.isEmpty else { return }
    // A short list: kept whole on one page with its heading (a long one still breaks).
    let section = body.element("section", ["class": "presenters"])
    section.element("h2", text: language(.presenters))
    let list = section.element("ul")
    for part in talks {
      let when = [schedule.dayLabel(of: part), part.span.formatted(language)].compactMap { $0 }.joined(separator: " · ")
      let line = part.activity.presenterText(language) + " — \(when) \(part.activity.title)"
      list.element("li", text: line)
    }
  }

  /// The day's checklist: what to prepare before the day, then every material once, the
  /// same item across exercises merged, with how many the roster and the groups call for
  /// and the exercises (by their own titles) that use it.
  static func materials(_ input: KitInput, into body: XHTMLElement) {
    let schedule = input.schedule
    let language = schedule.program.language
    var preparations: [(task: String, writtenIn: Language)] = []
    // Every use of an exercise, as its `with:` filled it in: "Write "parks" on a flipchart"
    // and "Write "schools" …" are two tasks, the same text twice is one.
    for exercise in schedule.parts.compactMap({ $0.activity.exercise?.exercise }) {
      for task in exercise.prepare where !preparations.contains(where: { $0.task == task }) {
        preparations.append((task, exercise.writtenIn))
      }
    }
    let needs = MaterialNeed.collect(input)
    guard !needs.isEmpty || !preparations.isEmpty else { return }
    let section = body.element("section", ["class": "checklists"])
    if !preparations.isEmpty {
      section.element("h2", text: language(.beforeTheDay))
      let list = section.element("ul", ["class": "checklist"])
      for preparation in preparations {
        list.element("li", text: preparation.task).marked(preparation.writtenIn, in: language)
      }
    }
    guard !needs.isEmpty else { return }
    section.element("h2", text: language(schedule.program.isMultiDay ? .materialsForTheDays : .materials))
    let list = section.element("ul", ["class": "checklist"])
    for need in needs {
      let item = list.element("li")
      if let quantity = need.quantity { item.element("strong", text: "\(quantity) × ") }
      item.addText(need.item, written: need.writtenIn, in: language)
      var notes = need.uses.map { use in
        let amount = [use.amount, use.times > 1 ? language(.timesUsed, use.times) : nil].compactMap { $0 }
        return amount.isEmpty ? use.exercise : "\(use.exercise): " + amount.joined(separator: ", ")
      }
      if need.isCard { notes.append(language(.onCardSheet, language(.cutOutCards))) }
      item.element("span", ["class": "muted"], text: " (" + notes.joined(separator: "; ") + ")")
    }
  }
}
