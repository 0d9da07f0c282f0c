/// The participant handout: cover, the day's program, the recap of last time, a worksheet
/// per exercise, next steps and the next meeting. Nothing facilitator-only: no invitations,
/// setup, notes or leads.
public enum Handout {
  public static func render(_ input: KitInput) -> XHTMLDocument {
    let program = input.program
    let language = input.language
    let document = DocumentFrame.make(
      title: "\(program.title) – \(language(.handout))", input.frame, language)
    let body = DocumentFrame.main(of: document, class: "handout")
    cover(program, into: body)
    let worksheets = input.schedule.parts.filter { $0.exercise?.worksheet == true }
    agenda(input.schedule, worksheets: worksheets, into: body)
    if let recap = input.recap { RecapSection.render(recap, language: language, into: body) }
    let toMeeting = program.meeting.map { program.toMeetingText(number: $0 + 1) }
    let nextDates = input.nextMeetingDates
    let seeYou = nextDates.isEmpty ? nil : language(.seeYou, DateText.onDays(nextDates, language))
    // When and where, where the next meeting's program is in the series: "kl. 09.00 ·
    // Rådhuset"; over days that begin at different times, each day's start in the order of
    // the dates above it: "kl. 09.30 og 09.00".
    let whenWhere = input.nextMeeting.flatMap { next -> String? in
      let starts = next.program.scheduleDays.indices.compactMap { next.day($0).span?.start }
      let when =
        starts.isEmpty
        ? nil
        : language(
          .atClock,
          Set(starts).count == 1 ? starts[0].formatted(language) : language.list(starts.map { $0.formatted(language) }))
      let parts = [when, next.program.venue]
      let text = parts.compactMap { $0 }.joined(separator: " · ")
      return text.isEmpty ? nil : text
    }
    for (index, part) in worksheets.enumerated() {
      guard let exercise = part.exercise else { continue }
      // The next meeting prints on the last worksheet's page, under its questions.
      let below = index == worksheets.count - 1 ? nextMeetingHeight(toMeeting, seeYou, whenWhere) : 0
      worksheet(
        part, exercise, number: index + 1, day: input.schedule.dayLabel(of: part), language: language, below: below,
        into: body)
    }
    if let seeYou {
      if let toMeeting { body.element("p", ["class": "next-steps-for"], text: toMeeting) }
      body.element("p", ["class": "next-meeting"], text: seeYou)
      if let whenWhere { body.element("p", ["class": "next-meeting-where"], text: whenWhere) }
    }
    return document
  }

  /// The printed height of "Til 3. møde", "Vi ses …" and when and where under a worksheet:
  /// 13 pt, 20 pt and 13 pt lines, their top margins (the larger of them and the worksheet's
  /// bottom margin).
  static func nextMeetingHeight(_ toMeeting: String?, _ seeYou: String?, _ whenWhere: String? = nil) -> Double {
    guard let seeYou else { return 0 }
    var height = Double(LineFill.lines(seeYou, perLine: 40)) * 10.2
    if let whenWhere { height += Double(LineFill.lines(whenWhere, perLine: 70)) * 6.7 + 1.6 }
    if let toMeeting {
      height += 9.2 + Double(LineFill.lines(toMeeting, perLine: 70)) * 6.7 + 3.5
    } else {
      height += 5.6
    }
    return height
  }

  static func cover(_ program: Program, into body: XHTMLElement) {
    let cover = body.element("header", ["class": "cover"])
    if let course = program.course { cover.element("p", ["class": "course"], text: course) }
    cover.element("h1", text: program.title)
    var meetingLine = [program.datesText()]
    if let meeting = program.meetingText() { meetingLine.insert(meeting, at: 0) }
    cover.element("p", ["class": "meeting"], text: meetingLine.joined(separator: " – "))
    if let venue = program.venue { cover.element("p", ["class": "venue"], text: venue) }
  }

  /// The program for the day; a row with a worksheet says which ("ark 2") and links to it,
  /// so two exercises with the same title are told apart.
  static func agenda(_ schedule: Schedule, worksheets: [ScheduledPart], into body: XHTMLElement) {
    let language = schedule.program.language
    func sheet(_ part: ScheduledPart, into line: XHTMLElement) {
      guard let index = worksheets.firstIndex(where: { $0.activity.location == part.activity.location }) else {
        return
      }
      line.text(" ")
      line.element(
        "a", ["class": "sheet-ref", "href": "#sheet-\(index + 1)"], text: "→ " + language(.worksheetNumber, index + 1))
    }
    let section = body.element("section", ["class": "agenda page"])
    section.element("h2", text: language(schedule.program.isMultiDay ? .programForTheDays : .programForTheDay))
    let table = section.element("table")
    let head = table.element("thead").element("tr")
    head.element("th", ["scope": "col"], text: language(.time))
    head.element("th", ["scope": "col"], text: language(.content))
    let rows = table.element("tbody")
    for item in schedule.items {
      if schedule.program.isMultiDay, isFirstOfDay(item, in: schedule) {
        rows.element("tr", ["class": "day"]).element(
          "th", ["colspan": "2", "scope": "rowgroup"], text: schedule.program.dayHeading(item.item.day))
      }
      let row = rows.element("tr")
      row.element("td", ["class": "time"], text: item.span.formatted(language))
      let cell = row.element("td")
      if let slotTitle = item.item.slotTitle {
        let line = cell.element("span", ["class": "line"], text: slotTitle)
        for part in item.parts { sheet(part, into: line) }
      } else {
        for part in item.parts {
          let line = cell.element("span", ["class": "line"], text: part.activity.agendaText(language))
          sheet(part, into: line)
        }
      }
    }
  }

  /// Whether the item is the first of its day, where the program gets a day heading.
  static func isFirstOfDay(_ item: ScheduledItem, in schedule: Schedule) -> Bool {
    schedule.items.first { $0.item.day == item.item.day }?.item.location == item.item.location
  }

  /// A worksheet, numbered as the program refers to it ("Ark 2"), with its time, so two
  /// exercises of the same title are told apart. Its writing space is fitted to as few
  /// pages as it can take (see `WorksheetLayout`); one that fits a page is marked `one-page`,
  /// and a set of reference cards that cannot share a page with the heading may run on
  /// between its rows (`runs-on`). `below` is the height of what prints under it.
  static func worksheet(
    _ part: ScheduledPart, _ exercise: Exercise, number: Int, day: String? = nil, language: Language, below: Double,
    into body: XHTMLElement
  ) {
    let layout = WorksheetLayout(part, exercise, language: language, below: below)
    let section = body.element(
      "section",
      ["class": layout.pages == 1 ? "worksheet page one-page" : "worksheet page", "id": "sheet-\(number)"])
    // An exercise in another language than the program's: its own texts are marked so, the
    // kit's words around them stay in the program's.
    let written = exercise.foreignLanguage(in: language)
    section.element(
      "p", ["class": "sheet-number"],
      text: ([language(.worksheetNumber, number).capitalizedFirst] + (day.map { [$0] } ?? [])
        + [part.span.formatted(language)]).joined(separator: " · "))
    let heading = section.element("h2", text: part.activity.title)
    if part.activity.title == exercise.title {
      // A title the program does not give is the exercise's own.
      heading.marked(written, in: language)
    } else {
      section.element("p", ["class": "muted"], text: exercise.title).marked(written, in: language)
    }
    section.element("p", ["class": "muted"], text: exercise.groupWorkText(part.steps, language))
    if let purpose = exercise.purpose { section.element("p").marked(written, in: language).linkedText(purpose) }
    // The cards come before the questions that send people to them ("Læs … på kortet").
    if !exercise.reference.isEmpty {
      ReferenceCards.render(exercise, language: language, runsOn: layout.referenceRunsOn, into: section)
    }
    QuestionList.render(part.steps, rows: layout.rows, language: language, written: written, into: section)
  }
}

/// How a worksheet prints: the rows of writing space of each question, the pages it takes,
/// and whether its reference cards may run on over a page break.
///
/// The heights mirror `Handout.worksheet` and the stylesheet as printed (10.5 pt, measured
/// in Chromium): its number; its title (15 pt, with its margins and rule); the paragraphs
/// under it; the reference cards (their title, two cards a row 3 mm apart, an odd last one
/// across the page); the questions and instructions, each with the margin it keeps from
/// the one before. A box may be cut to half what its time asks for (2 rows at least).
struct WorksheetLayout {
  var rows: [Int]
  var pages: Int
  var referenceRunsOn: Bool

  init(_ part: ScheduledPart, _ exercise: Exercise, language: Language, below: Double) {
    var flow = PrintedFlow(row: 8.8, boxFrame: 1.5)
    flow.add(3.7)
    flow.text(part.activity.title, perLine: 54, lineHeight: 6.35, margins: 7.4 + 1.3 + 2.65)
    var paragraphs = [exercise.groupWorkText(part.steps, language)]
    if part.activity.title != exercise.title { paragraphs.insert(exercise.title, at: 0) }
    if let purpose = exercise.purpose { paragraphs.append(purpose) }
    for (index, paragraph) in paragraphs.enumerated() {
      flow.text(paragraph, perLine: 88, margins: index == 0 ? 0 : 1.3)
    }
    referenceRunsOn = false
    if !exercise.reference.isEmpty {
      let title =
        Double(LineFill.lines(exercise.referenceTitle ?? language(.reference), perLine: 70)) * 5.1 + 1.5
      let cards = stride(from: 0, to: exercise.reference.count, by: 2).map {
        let pair = exercise.reference[$0..<min($0 + 2, exercise.reference.count)]
        return pair.map { Self.card($0, wide: pair.count == 1) }.max()!
      }
      // Cards that cannot share a page with the heading may break between their rows,
      // rather than leave the heading alone on a page.
      let whole = title + cards.reduce(0, +) + 3 * Double(cards.count - 1)
      referenceRunsOn = flow.pieces[0].height + 4.7 + whole > PrintedFlow.capacity
      if referenceRunsOn {
        flow.piece(gap: 4.7)
        flow.add(title)
        for (index, height) in cards.enumerated() {
          if index > 0 { flow.piece(gap: 3) }
          flow.add(height)
        }
      } else {
        flow.piece(gap: 4.7)
        flow.add(whole)
      }
    }
    var previous: Step.Kind?
    for step in part.steps {
      let question = step.step.kind == .ask
      // The list's top margin before the first; a question's bottom margin after one;
      // else the larger of an instruction's and the next one's margins.
      let gap: Double =
        switch previous {
        case nil, .ask?: 3.7
        default: question ? 3.1 : 2.3
        }
      flow.piece(gap: gap)
      // "(5 min.)" does not break, so it counts as one word.
      let minutes = step.span.minutes > 0 ? " " + QuestionList.minutes(step, language).filter { $0 != " " } : ""
      flow.text((step.step.kind == .section ? step.headingText : step.step.text) + minutes, perLine: 88)
      if question {
        for ask in step.step.asks { flow.text(ask, perLine: 80) }
        let desired = step.span.writingLines
        flow.box(desired: desired, minimum: max(2, desired / 2))
      }
      previous = step.step.kind
    }
    if below > 0 {
      flow.piece()
      flow.add(below)
    }
    (rows, pages) = flow.rows()
  }

  /// A reference card: its border and padding, its term (bold) and explanation.
  static func card(_ term: ReferenceTerm, wide: Bool) -> Double {
    let lines =
      LineFill.lines(term.term, perLine: wide ? 76 : 34) + LineFill.lines(term.explanation, perLine: wide ? 86 : 40)
    return 8.2 + Double(lines) * 5.4
  }
}

/// Numbered questions with their minutes as "(5 min.)" and ruled writing space sized to
/// the time they get; instructions in between.
enum QuestionList {
  /// "(33 min.)", or "(3 × 11 min.)" for a step in rounds of one length.
  static func minutes(_ step: ScheduledStep, _ language: Language) -> String {
    let rounds = step.rounds.map(\.minutes)
    if rounds.count > 1, let each = rounds.first, rounds.allSatisfy({ $0 == each }) {
      return language(.roundsOfMinutes, String(rounds.count), each)
    }
    return language(.minutesShort, step.span.minutes)
  }

  /// `rows`: the rows of writing space of each question in turn, as the worksheet's layout
  /// gives them (`WorksheetLayout`).
  /// `written`: the exercise's language where it is not `language`: each step's text is
  /// marked with it, and the minutes the kit adds with `language`.
  static func render(
    _ steps: [ScheduledStep], rows: [Int], language: Language, written: Language? = nil, into parent: XHTMLElement
  ) {
    // Room for two digits where the numbers reach 10: a narrow margin cuts "10." to "0.".
    let wide = (steps.compactMap(\.questionNumber).max() ?? 0) >= 10
    let list = parent.element("ol", ["class": wide ? "questions wide" : "questions"])
    var questions = 0
    func addMinutes(_ step: ScheduledStep, to item: XHTMLElement) {
      guard step.span.minutes > 0 else { return }
      item.text(" ")
      let span = item.element("span", ["class": "minutes"], text: minutes(step, language))
      if written != nil { span.setLanguage(language.rawValue) }
    }
    for step in steps {
      if step.step.kind == .section {
        list.element("li", ["class": "step-section", "style": "list-style: none"], text: step.headingText)
          .marked(written, in: language)
        continue
      }
      guard step.step.kind == .ask else {
        // Instructions show their minutes too, computed or given.
        let item = list.element("li", ["class": "instruction", "style": "list-style: none"], text: step.step.text)
        item.marked(written, in: language)
        addMinutes(step, to: item)
        continue
      }
      // A question that brings its own number ("1. HVEM?") gets no second one.
      let item =
        step.questionNumber.map { number in
          step.lettered
            ? list.element(
              "li", ["class": "question", "value": String(number), "style": "list-style-type: lower-alpha"])
            : list.element("li", ["class": "question", "value": String(number)])
        }
        ?? list.element("li", ["class": "question", "style": "list-style: none"])
      item.marked(written, in: language)
      item.text(step.step.text)
      // Every question shows its minutes, also those it gets from what the exercise has left.
      addMinutes(step, to: item)
      if !step.step.asks.isEmpty {
        let subQuestions = item.element("ol", ["class": "sub-questions", "type": step.subQuestionType])
        for ask in step.step.asks { subQuestions.element("li", text: ask) }
      }
      // 8.8 mm a line, in tenths of a millimetre so the text needs no Foundation formatting.
      let tenths = rows[questions] * 88
      questions += 1
      item.element("div", ["class": "writing", "style": "height: \(tenths / 10).\(tenths % 10)mm"])
    }
  }
}

/// Reference terms as cards: the four dimensions, the partnership types.
enum ReferenceCards {
  /// `heading`: the element of the cards' title, `h3` in a worksheet. `runsOn`: the set
  /// may break between two rows of cards, where it is too long to share a page.
  static func render(
    _ exercise: Exercise, language: Language, heading: String = "h3", runsOn: Bool = false,
    into parent: XHTMLElement
  ) {
    let section = parent.element("div", ["class": runsOn ? "reference runs-on" : "reference"])
    let written = exercise.foreignLanguage(in: language)
    let title = section.element(
      heading, ["class": "reference-title"], text: exercise.referenceTitle ?? language(.reference))
    if exercise.referenceTitle != nil { title.marked(written, in: language) }
    let cards = section.element("div", ["class": "cards"]).marked(written, in: language)
    for term in exercise.reference {
      let card = cards.element("div", ["class": "card"])
      card.element("p", ["class": "term"], text: term.term)
      card.element("p").linkedText(term.explanation)
    }
  }
}

/// "Opsamling fra 2. møde": what each participant or pair committed to at the last meeting
/// and what came of it: who has not answered, a summary table, then the full answers. The
/// participants' handout never shows a person's status as the facilitator judged it, nor
/// who has not answered; the run sheet does.
enum RecapSection {
  static func render(_ recap: Recap, language: Language, forFacilitator: Bool = false, into body: XHTMLElement) {
    let previous = recap.previousMeeting
    // No answers yet is one line, not a page of its own; on the run sheet it follows the
    // steps wherever they end, not a page of its own either.
    let section = body.element(
      "section", ["class": recap.answers.isEmpty || forFacilitator ? "recap" : "recap page", "id": "recap"])
    section.element("h2", text: heading(previous, language))
    section.element(
      "p", ["class": "muted"],
      text: [recap.exercise.title, previous.meetingText(), previous.datesText()]
        .compactMap { $0 }.joined(separator: " · "))
    let missing = notAnswered(recap)
    guard !recap.answers.isEmpty else {
      section.element("p", text: language(.noAnswersYet))
      return
    }
    if forFacilitator, !missing.isEmpty {
      section.element("p", ["class": "not-answered"], text: language(.notAnsweredYet, language.list(missing)))
    }
    summary(recap, language: language, forFacilitator: forFacilitator, into: section)
    let questions = recap.exercise.questions.map(\.text)
    let reportQuestions = recap.exercise.reportQuestions(language)
    for answer in recap.answers {
      let block = section.element("div", ["class": "card"])
      block.element("h3", text: answer.who)
      var facts: [String] = []
      if forFacilitator, let status = answer.status { facts.append("\(language(.status)): \(language(status.label))") }
      if let stage = answer.stage { facts.append((recap.exercise.scale?.label ?? language(.stage)).labelling(stage)) }
      if !facts.isEmpty { block.element("p", ["class": "muted"], text: facts.joined(separator: " · ")) }
      guard !reportQuestions.isEmpty else {
        answers(questions, answer.responses, into: block)
        continue
      }
      // The plan from the day beside what came of it.
      let sides = block.element("div", ["class": "side-by-side"])
      let plan = sides.element("div")
      plan.element("h4", text: language(.plan))
      answers(questions, answer.responses, into: plan)
      let report = sides.element("div")
      report.element("h4", text: language(.whatHappened))
      if answer.report.allSatisfy(\.isEmpty) {
        report.element("p", ["class": "none"], text: "—")
      } else {
        answers(reportQuestions, answer.report, into: report)
      }
    }
  }

  /// The answered questions and their answers; unanswered ones are left out.
  static func answers(_ questions: [String], _ responses: [String], into parent: XHTMLElement) {
    let list = parent.element("dl")
    for (index, question) in questions.enumerated() {
      let response = index < responses.count ? responses[index] : ""
      guard !response.isEmpty else { continue }
      list.element("dt", text: "\(index + 1). \(question)")
      list.element("dd", text: response)
    }
  }

  /// "Opsamling fra 2. møde" / "Recap from meeting 2"; "… fra sidst" without a number.
  static func heading(_ previous: Program, _ language: Language) -> String {
    guard let number = previous.meeting else { return language(.recapFromLastTime) }
    let meeting = previous.meetingText(number: number)
    return language(.recapFrom, language == .en ? meeting.lowercased() : meeting)
  }

  /// The roster's people whose form has no answer, but for those who were not at the
  /// meeting (`absent:`): they made no plan to report on. Those who share a form (a pair)
  /// answered when an answer names the form ("Makkerpar B") or any of them.
  static func notAnswered(_ recap: Recap) -> [String] {
    let who = recap.answers.map(\.who).joined(separator: "\n")
    let absent = Set(recap.previousMeeting.absent.map(\.value))
    let answered = FollowUpForm.respondents(recap.previousMeeting).filter { form in
      who.contains(form.title) || form.names.contains { who.contains($0) }
    }
    let done = Set(answered.flatMap(\.names))
    return recap.previousMeeting.participants.map(\.name).filter { !absent.contains($0) && !done.contains($0) }
  }

  /// One row per answer: who, the commitment in a line, the stage, and (run sheet only) the status.
  static func summary(_ recap: Recap, language: Language, forFacilitator: Bool, into section: XHTMLElement) {
    let table = section.element("table", ["class": "recap-summary stacks"])
    let head = table.element("thead").element("tr")
    var columns = [language(.who), language(.commitment)]
    if forFacilitator { columns.append(language(.status)) }
    if let scale = recap.exercise.scale { columns.append(scale.label) }
    for column in columns { head.element("th", ["scope": "col"], text: column) }
    let rows = table.element("tbody")
    for answer in recap.answers {
      let row = rows.element("tr")
      row.element("td", ["class": "who"], text: answer.who)
      row.element("td", ["class": "prose", "data-label": columns[1]], text: commitmentLine(answer))
      // The status and the stage, where the table has their columns.
      var values: [String] = []
      if forFacilitator { values.append(answer.status.map { language($0.label) } ?? "") }
      if recap.exercise.scale != nil { values.append(answer.stage ?? "") }
      for (column, value) in zip(columns.dropFirst(2), values) {
        row.element("td", ["data-label": column], text: value)
      }
    }
  }

  /// The first answer's first line, cut at about 120 characters; "…" after it where the
  /// answer goes on (the whole of it is in the card below the table). An answer of blanks
  /// is no answer: "—", as for none.
  static func commitmentLine(_ answer: FollowUpAnswer) -> String {
    let lines = answer.responses.lazy.map { text in
      text.split(separator: "\n").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }.first { !$0.isEmpty }
    guard let lines, let line = lines.first else { return "—" }
    if line.count > 120 { return String(line.prefix(119)) + "…" }
    return lines.count > 1 ? line + " …" : line
  }
}
