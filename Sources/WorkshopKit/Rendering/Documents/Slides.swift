/// The projector deck, `slides.xhtml`: one 16:9 slide per idea, in the order of the day. The
/// title; the day's program (a slide or more per day); a slide as each part begins; each
/// exercise's opening, its reference cards and a slide per step (per round) with a countdown
/// of its minutes; the recap of last time's commitments; the next steps; the next meeting.
/// Nothing facilitator-only: no invitations, notes, variations, preparation, step notes or
/// setup. Long lists go over several slides rather than in smaller type.
///
/// Each slide is `<section class="slide KIND" id="sN">`, with `data-minutes` where it has a
/// countdown. The script and stylesheet (`SlideDeckScript`) show one slide at a time and keep
/// its number in the address; without script every slide is shown, one under the other, and
/// printing gives a 16:9 page per slide.
public enum Slides {
  /// Most rows of the day's program on one slide.
  static let agendaRows = 8
  /// Most next-steps questions on one slide.
  static let questionsPerSlide = 4
  /// Most reference terms on one slide.
  static let termsPerSlide = 6
  /// Most rows of two terms on one slide, when a set goes two to a row.
  static let tileRowsPerSlide = 3
  /// Most recap commitments on one slide.
  static let commitmentsPerSlide = 3

  public static func render(_ input: KitInput) -> XHTMLDocument {
    let program = input.program
    let language = input.language
    let document = XHTMLDocument(language: language.rawValue, title: "\(program.title) – \(language(.slides))")
    document.head.element("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
    document.head.element("meta", ["name": "generator", "content": "WorkshopKit"])
    document.head.element("style").text(SlideDeckScript.escapedCSS)
    let body = document.body
    body.setAttribute("class", "slides")
    // The script shows the clock as the language writes it: 10.25 or 10:25.
    body.setAttribute("data-clock-separator", language.timeSeparator)
    var deck = SlideDeck(main: body.element("main"), program: program)

    title(program, into: &deck)
    let recapSlides = commitments(input.recap)
    // The recap follows the first recap on the agenda, else the program.
    let recapPart = input.recapPart
    var recapShown = recapSlides.isEmpty
    let days = input.schedule.itemsByDay
    for (day, items) in days.enumerated() where !items.isEmpty {
      agenda(items, day: program.isMultiDay ? day : nil, into: &deck)
      if !recapShown, recapPart == nil, let recap = input.recap {
        self.recap(recapSlides, recap, into: &deck)
        recapShown = true
      }
      let lastOfDay = items.last?.parts.last?.activity.location
      for item in items {
        for part in item.parts {
          if let exercise = part.exercise {
            self.exercise(part, exercise, groups: input.groups(for: part.activity), into: &deck)
          } else {
            begin(part, endsTheDay: part.activity.location == lastOfDay, into: &deck)
          }
          if !recapShown, part.activity.location == recapPart, let recap = input.recap {
            self.recap(recapSlides, recap, into: &deck)
            recapShown = true
          }
        }
      }
      // A day of several ends with when the next begins, not straight into its program.
      if let next = days.indices.first(where: { $0 > day && !days[$0].isEmpty }),
        let start = days[next].first?.span.start
      {
        dayClosing(day, next: next, at: start, into: &deck)
      }
    }
    nextSteps(program, into: &deck)
    closing(input, into: &deck)

    // The script is the kit's own text, kept as written in a CDATA section; `//` before it
    // and after it keeps it a script also for a browser that reads the file as HTML.
    let script = body.element("script")
    script.text("//")
    script.cdata(SlideDeckScript.section)
    return document
  }

  static func title(_ program: Program, into deck: inout SlideDeck) {
    let slide = deck.slide("title")
    if let course = program.course { slide.element("p", ["class": "course"], text: course) }
    var meetingLine = [program.datesText()]
    if let meeting = program.meetingText() { meetingLine.insert(meeting, at: 0) }
    let meeting = meetingLine.joined(separator: " – ")
    let size = SlideType.titleSize(program.title, course: program.course, meeting: meeting, venue: program.venue)
    slide.element("h1", size.isEmpty ? [:] : ["class": size], text: program.title)
    slide.element("p", ["class": "meeting"], text: meeting)
    if let venue = program.venue { slide.element("p", ["class": "venue"], text: venue) }
  }

  /// "Program for dagen", as many slides as its rows need; a program of several days gets
  /// its own at the start of each day.
  static func agenda(_ items: [ScheduledItem], day: Int?, into deck: inout SlideDeck) {
    let program = deck.program
    let language = program.language
    let rows: [(time: String, lines: [String])] = items.map { item in
      let lines = item.item.slotTitle.map { [$0] } ?? item.parts.map { $0.activity.agendaText(language) }
      return (item.span.formatted(language), lines)
    }
    let room =
      SlideType.room - SlideType.heading(language(.programForTheDay), continued: language(.continued))
      - SlideType.tableTop - (day == nil ? 0 : SlideType.subtitle)
    let chunks = split(rows, most: agendaRows, room: room) { row in
      SlideType.agendaRow(row.lines)
    }
    for (index, chunk) in chunks.enumerated() {
      let slide = deck.slide("agenda")
      heading(language(.programForTheDay), continued: index > 0, language: language, into: slide)
      if let day { slide.element("p", ["class": "subtitle"], text: program.dayHeading(day)) }
      let table = slide.element("table")
      let head = table.element("thead", ["class": "visually-hidden"]).element("tr")
      head.element("th", ["scope": "col"], text: language(.time))
      head.element("th", ["scope": "col"], text: language(.content))
      let body = table.element("tbody")
      for row in chunk {
        let tr = body.element("tr")
        tr.element("td", ["class": "time"], text: row.time)
        let cell = tr.element("td")
        for line in row.lines { cell.element("span", ["class": "line"], text: line) }
      }
    }
  }

  /// The slide as a talk, a recap, a break or a meal begins: its time, title and presenters;
  /// a break or a meal counts down to when the day goes on, unless it `endsTheDay`.
  static func begin(_ part: ScheduledPart, endsTheDay: Bool = false, into deck: inout SlideDeck) {
    let language = deck.program.language
    let activity = part.activity
    let isRest = activity.kind.isRest && !endsTheDay
    let slide = deck.slide(isRest ? "break" : "begin", minutes: isRest ? part.span.minutes : nil)
    let time = part.span.formatted(language)
    let kicker = isRest ? time : time + " · " + language(activity.kind.label)
    slide.element("p", ["class": "kicker"], text: kicker)
    let presenters = activity.presenters.isEmpty ? nil : activity.presenterText(language)
    let size = SlideType.beginSize(activity.title, kicker: kicker, presenters: presenters, isRest: isRest)
    slide.element("h2", size.isEmpty ? [:] : ["class": size], text: activity.title)
    if let presenters { slide.element("p", ["class": "presenter"], text: presenters) }
    if isRest {
      // The time in a span of its own: shown, the countdown puts when it ends there, so a
      // break that starts late says when the day really goes on.
      let words = language(.backAt, "\u{0}").components(separatedBy: "\u{0}")
      let backAt = slide.element("p", ["class": "back-at"])
      backAt.text(words.first ?? "")
      backAt.element("span", ["class": "until"], text: part.span.end.formatted(language))
      backAt.text(words.dropFirst().joined())
      timer(part.span.minutes, into: slide)
    }
  }

  /// An exercise: its opening slide (time, title, purpose, group work, minutes), its
  /// reference cards, and a slide per step, or per round of a step that has rounds.
  static func exercise(
    _ part: ScheduledPart, _ exercise: Exercise, groups: [GroupPlanner.Assignment] = [], into deck: inout SlideDeck
  ) {
    let language = deck.program.language
    let activity = part.activity
    let opening = deck.slide("exercise")
    opening.element(
      "p", ["class": "kicker"], text: part.span.formatted(language) + " · " + language(activity.kind.label))
    let presenters = activity.presenters.isEmpty ? nil : activity.presenterText(language)
    let size = SlideType.openingSize(
      activity.title, subtitle: exercise.title != activity.title ? exercise.title : nil, presenters: presenters)
    opening.element("h2", size.isEmpty ? [:] : ["class": size], text: activity.title)
    if exercise.title != activity.title {
      mark(opening.element("p", ["class": "subtitle"], text: exercise.title), exercise, language)
    }
    if let presenters { opening.element("p", ["class": "presenter"], text: presenters) }
    // A purpose too long for the opening gets a slide of its own.
    let facts = exercise.groupWorkText(part.steps, language) + " · \(part.span.minutes) min"
    let purposeFits = exercise.purpose.map {
      SlideType.opening(
        title: activity.title, subtitle: exercise.title != activity.title ? exercise.title : nil, purpose: $0)
        <= SlideType.room
    }
    if let purpose = exercise.purpose, purposeFits == true {
      mark(opening.element("p", ["class": "purpose"], text: purpose), exercise, language)
    }
    opening.element("p", ["class": "facts"], text: facts)
    if let purpose = exercise.purpose, purposeFits == false {
      let slide = deck.slide("exercise-purpose")
      slide.element("p", ["class": "kicker"], text: activity.title)
      slide.element("h2", text: language(.purpose))
      let size = SlideType.purposeSize(purpose)
      mark(
        slide.element("p", ["class": size.isEmpty ? "purpose" : "purpose " + size], text: purpose), exercise, language)
    }

    self.groups(groups, part, into: &deck)
    referenceCards(part, exercise, into: &deck)
    // A section heading has no slide: the slides of its steps carry it above their text.
    var section: String?
    for step in part.steps {
      if step.step.kind == .section {
        section = step.headingText
        continue
      }
      let rounds = step.rounds.isEmpty ? [step.span] : step.rounds
      for (round, span) in rounds.enumerated() {
        self.step(
          step, section: section, round: rounds.count > 1 ? (round + 1, rounds.count) : nil, minutes: span.minutes,
          part, exercise, into: &deck)
      }
    }
  }

  /// Who works with whom: a slide per split of the exercise, a numbered line per group, at
  /// most six groups a slide and fewer where the title or the names take more than a line.
  /// Names only: organisations are for the run sheet.
  static func groups(_ assignments: [GroupPlanner.Assignment], _ part: ScheduledPart, into deck: inout SlideDeck) {
    let language = deck.program.language
    let title = part.activity.title
    for assignment in assignments {
      let heading = assignment.heading(language)
      let lines = assignment.groups.map { $0.map(\.name).joined(separator: ", ") }
      let markers = assignment.markers
      // The heading as the slides after the first have it, "(fortsat)" in its type, may
      // take a line more: all on one slide under the heading, or each slide room for that.
      let continued = heading + " (" + language(.continued) + ")"
      func room(_ heading: String) -> Double {
        SlideType.groupsRoom - SlideType.kicker(title)
          - SlideType.lines(heading, width: SlideType.width, size: 4.4, bold: true) * SlideType.heading
          - SlideType.groupsTop
      }
      let alone = lines.count <= 6 && lines.reduce(0, { $0 + SlideType.group($1) }) <= room(heading)
      let room = alone ? room(heading) : room(continued)
      // As few slides as the room allows, then the groups spread evenly over them (two and
      // two, not three and one).
      func split(atMost most: Int) -> [[String]] {
        var chunks: [[String]] = []
        var used = 0.0
        for line in lines {
          let height = SlideType.group(line)
          if let last = chunks.last, last.count < most, used + height <= room {
            chunks[chunks.count - 1].append(line)
            used += height
          } else {
            chunks.append([line])
            used = height
          }
        }
        return chunks
      }
      var chunks = split(atMost: 6)
      let even = split(atMost: (lines.count + chunks.count - 1) / max(1, chunks.count))
      if even.count == chunks.count { chunks = even }
      var number = 1
      for (index, chunk) in chunks.enumerated() {
        let slide = deck.slide("groups")
        slide.element("p", ["class": "kicker"], text: title)
        slide.element("h2", text: index > 0 ? continued : heading)
        let list = slide.element("ol", ["class": "groups", "start": String(number)])
        for (offset, line) in chunk.enumerated() {
          list.element("li", text: line).setListMarker(markers[number - 1 + offset])
        }
        number += chunk.count
      }
    }
  }

  /// `section`: the heading the step stands under, if any, shown after the exercise's title.
  static func step(
    _ step: ScheduledStep, section: String? = nil, round: (number: Int, of: Int)?, minutes: Int,
    _ part: ScheduledPart, _ exercise: Exercise, into deck: inout SlideDeck
  ) {
    let language = deck.program.language
    let slide = deck.slide("step", minutes: minutes)
    let kicker = slide.element("p", ["class": "kicker"], text: part.activity.title)
    if let section {
      kicker.text(" · ")
      mark(kicker.element("span", text: section), exercise, language)
    }
    let text = (step.questionLabel.map { "\($0). " } ?? "") + step.step.text
    var classes = [step.step.kind == .ask ? "question" : "instruction"]
    let size = SlideType.stepSize(
      text, asks: step.step.asks, kicker: part.activity.title + (section.map { " · " + $0 } ?? ""))
    if !size.isEmpty { classes.append(size) }
    mark(slide.element("h2", ["class": classes.joined(separator: " ")], text: text), exercise, language)
    if !step.step.asks.isEmpty {
      let asks = slide.element("ol", ["class": "asks", "type": step.subQuestionType])
      mark(asks, exercise, language)
      for ask in step.step.asks { asks.element("li", text: ask) }
    }
    let footer = slide.element("div", ["class": "footer"])
    let configuration = exercise.configuration(of: step.step, language)
    let facts = footer.element(
      "p", ["class": "facts"], text: configuration.capitalizedFirst)
    // The minutes in a span of their own: + and - on the countdown change them too.
    if minutes > 0 {
      facts.text(" · ")
      facts.element("span", ["class": "planned"], text: "\(minutes) min")
    }
    if let round { facts.text(" · " + language(.roundOf, String(round.of), round.number)) }
    timer(minutes, into: footer)
  }

  /// The exercise's reference terms ("Fire dimensioner af brugerinvolvering"), each with
  /// its explanation beside it.
  static func referenceCards(_ part: ScheduledPart, _ exercise: Exercise, into deck: inout SlideDeck) {
    let language = deck.program.language
    let title = exercise.referenceTitle.map { ($0, exercise) } ?? (language(.reference), nil)
    // The kicker is the part's title in capitals: a long one takes lines of its own. The
    // terms' estimate counts more height than Chromium draws, enough for a kicker's second
    // line (every sample deck fits so), so lines from the third on are counted. Where the
    // kicker and the heading would take half the slide, the heading is set smaller.
    let kicker = max(SlideType.kicker, SlideType.kicker(part.activity.title) - 2.5 * SlideType.lineHeight)
    let longHeading =
      kicker + SlideType.heading(title.0, continued: language(.continued)) > SlideType.room / 2
    let room =
      SlideType.room - kicker
      - SlideType.heading(title.0, continued: language(.continued), size: longHeading ? 3.4 : 4.4)
      - SlideType.termsTop
    let chunks = split(exercise.reference, most: termsPerSlide, room: room) {
      SlideType.termRow($0.term, $0.explanation)
    }
    // A set that takes more than two slides a term or two at a time goes two to a row
    // instead, in the largest type that puts two rows or more on each slide, so the room
    // sees the terms side by side and the deck does not run on for pages.
    var tiledSize: Double?
    var slides = chunks
    if chunks.count > 2, let (size, tiled) = tiles(exercise.reference, room: room), tiled.count < chunks.count {
      tiledSize = size
      slides = tiled.map { Array($0.joined()) }
    }
    for (index, chunk) in slides.enumerated() {
      let slide = deck.slide("reference")
      slide.element("p", ["class": "kicker"], text: part.activity.title)
      let h2 = heading(title.0, continued: index > 0, language: language, exercise: title.1, into: slide)
      if longHeading { h2.setAttribute("class", "long") }
      let layout =
        tiledSize.map { "terms tiles t\(Int(($0 * 10).rounded()))" }
        ?? SlideType.termsLayout(chunk.map { ($0.term, $0.explanation) }, room)
      let terms = slide.element("dl", ["class": layout])
      mark(terms, exercise, language)
      for term in chunk {
        // A tile holds its term and explanation together, for the grid of two columns.
        let group = tiledSize == nil ? terms : terms.element("div")
        group.element("dt", text: term.term)
        group.element("dd", text: term.explanation)
      }
    }
  }

  /// Reference terms two to a row: the largest of the tiles' type sizes at which every
  /// slide but the last holds two rows or more, with the rows of each slide; nil when none.
  static func tiles(_ terms: [ReferenceTerm], room: Double) -> (Double, [[[ReferenceTerm]]])? {
    let rows = stride(from: 0, to: terms.count, by: 2).map { Array(terms[$0..<min($0 + 2, terms.count)]) }
    for size in SlideType.tileSizes {
      let slides = split(rows, most: tileRowsPerSlide, room: room) { row in
        SlideType.tileRow(row.map { ($0.term, $0.explanation) }, size: size)
      }
      if slides.count <= (rows.count + 1) / 2 { return (size, slides) }
    }
    return nil
  }

  /// What each participant or pair committed to last time: the answer to the follow-up's
  /// first question. Never a status or a stage: the room sees the plans, not the scores.
  static func commitments(_ recap: Recap?) -> [(who: String, commitment: String)] {
    guard let recap else { return [] }
    return recap.answers.compactMap { answer in
      let commitment = (answer.responses.first ?? "").trimmingWhitespace
      return commitment.isEmpty ? nil : (answer.who, commitment)
    }
  }

  static func recap(_ commitments: [(who: String, commitment: String)], _ recap: Recap, into deck: inout SlideDeck) {
    let language = deck.program.language
    let previous = recap.previousMeeting
    let question = recap.exercise.questions.first?.text
    let room =
      SlideType.room - SlideType.kicker
      - SlideType.heading(RecapSection.heading(previous, language), continued: language(.continued))
      - SlideType.listTop
      - (question.map(SlideType.subtitle) ?? 0)
    let chunks = split(commitments, most: commitmentsPerSlide, room: room) {
      SlideType.commitment($0.who, $0.commitment)
    }
    for (index, chunk) in chunks.enumerated() {
      let slide = deck.slide("recap")
      slide.element(
        "p", ["class": "kicker"],
        text: [previous.meetingText(), previous.datesText()].compactMap { $0 }
          .joined(separator: " · "))
      heading(RecapSection.heading(previous, language), continued: index > 0, language: language, into: slide)
      if let question {
        mark(slide.element("p", ["class": "subtitle"], text: question), recap.exercise, language)
      }
      // A commitment longer than a slide holds at the normal size is set smaller, not cut.
      let size = SlideType.commitmentsSize(chunk, room: room)
      let list = slide.element("dl", ["class": size.isEmpty ? "commitments" : "commitments " + size])
      for item in chunk {
        list.element("dt", text: item.who)
        mark(list.element("dd", text: item.commitment), recap.exercise, language)
      }
    }
  }

  /// The follow-up exercise's questions, to take home: "Næste skridt", "Til 3. møde".
  static func nextSteps(_ program: Program, into deck: inout SlideDeck) {
    let language = program.language
    guard let exercise = program.followUpExercise, !exercise.questions.isEmpty else { return }
    let numbered = exercise.questions.enumerated().map { (number: $0.offset + 1, step: $0.element) }
    let room =
      SlideType.room - SlideType.kicker - SlideType.heading(language(.nextSteps), continued: language(.continued))
      - SlideType.listTop
    let chunks = split(numbered, most: questionsPerSlide, room: room) { SlideType.question($0.step.text) }
    for (index, chunk) in chunks.enumerated() {
      let slide = deck.slide("next-steps")
      if let meeting = program.meeting, program.nextMeeting != nil {
        slide.element("p", ["class": "kicker"], text: program.toMeetingText(number: meeting + 1))
      }
      heading(language(.nextSteps), continued: index > 0, language: language, into: slide)
      let list = slide.element("ol", ["class": "questions"])
      if let first = chunk.first, first.number > 1 { list.setAttribute("start", String(first.number)) }
      mark(list, exercise, language)
      for question in chunk {
        let item = list.element("li", text: question.step.text)
        // A question that brings its own number ("1. HVEM?") gets no second one.
        if question.step.isNumberedByAuthor { item.setAttribute("class", "own-number") }
      }
    }
  }

  /// The end of a day of a meeting of several: "Vi ses i morgen kl. 09.00!", or the day and
  /// date where the next is not the day after.
  static func dayClosing(_ day: Int, next: Int, at start: ClockTime, into deck: inout SlideDeck) {
    let program = deck.program
    let language = program.language
    let dates = program.scheduleDays.map(\.date.value)
    guard dates.indices.contains(next) else { return }
    let slide = deck.slide("closing")
    slide.element("p", ["class": "kicker"], text: program.dayHeading(day))
    let time = start.formatted(language)
    let tomorrow = dates[next].daysSinceEpoch == dates[day].daysSinceEpoch + 1
    slide.element(
      "h2",
      text: tomorrow
        ? language(.seeYouTomorrowAt, time) : language(.seeYouOnAt, DateText.long(dates[next], language), time))
  }

  /// "Vi ses den 3. juni!" (both days of a next meeting of two), or thanks for the day
  /// when no next meeting is planned.
  static func closing(_ input: KitInput, into deck: inout SlideDeck) {
    let program = input.program
    let language = program.language
    let slide = deck.slide("closing")
    let dates = input.nextMeetingDates
    guard let first = dates.first else {
      slide.element("h2", text: language(.thanks))
      return
    }
    let when = dates.count > 1 ? DateText.days(dates, language) : DateText.long(first, language)
    slide.element(
      "p", ["class": "kicker"],
      text: program.meeting.map { program.meetingText(number: $0 + 1) + " · " + when } ?? when)
    slide.element("h2", text: language(.seeYou, DateText.onDays(dates, language)))
  }

  /// The countdown's face before the script runs it, and as it prints: "5:00".
  static func timer(_ minutes: Int, into parent: XHTMLElement) {
    guard minutes > 0 else { return }
    parent.element("p", ["class": "timer", "role": "timer"], text: "\(minutes):00")
  }

  /// A slide's heading; on the slides after the first of a run, "(fortsat)" after it.
  @discardableResult
  static func heading(
    _ text: String, continued: Bool, language: Language, exercise: Exercise? = nil, into slide: XHTMLElement
  ) -> XHTMLElement {
    let heading = slide.element("h2", text: text)
    guard let exercise, case let written = exercise.writtenIn, written != language else {
      if continued { heading.element("span", ["class": "continued"], text: " (\(language(.continued)))") }
      return heading
    }
    heading.setLanguage(written.rawValue)
    if continued {
      heading.element("span", ["class": "continued"], text: " (\(language(.continued)))").setLanguage(language.rawValue)
    }
    return heading
  }

  /// Marks an element with the exercise's own language when it is not the program's, so
  /// screen readers read it in its language.
  static func mark(_ element: XHTMLElement, _ exercise: Exercise, _ language: Language) {
    element.marked(exercise.foreignLanguage(in: language), in: language)
  }

  /// `items` in as few runs as `most` items and `room` (the height they may fill) a run
  /// allow, then as even as that many runs can be. An item taller than `room` gets a run alone.
  static func split<Item>(_ items: [Item], most: Int, room: Double, _ height: (Item) -> Double) -> [[Item]] {
    // In tenths of a unit, so the search for the most even runs counts in whole steps;
    // each item measured once, since the search tries many limits.
    let limit = Int(room * 10)
    let weights = items.map { Int((height($0) * 10).rounded(.up)) }
    func runs(_ limit: Int) -> [Range<Int>] {
      var runs: [Range<Int>] = []
      var start = 0
      var total = 0
      for index in items.indices {
        if index > start, index - start == most || total + weights[index] > limit {
          runs.append(start..<index)
          start = index
          total = 0
        }
        total += weights[index]
      }
      if start < items.count { runs.append(start..<items.count) }
      return runs
    }
    let fewest = runs(limit)
    guard fewest.count > 1 else { return fewest.map { Array(items[$0]) } }
    // The smallest limit that needs no more runs gives the most even ones.
    let total = weights.reduce(0, +)
    var even = max(1, (total + fewest.count - 1) / fewest.count)
    while even < limit, runs(even).count > fewest.count { even += 1 }
    return runs(even).map { Array(items[$0]) }
  }
}

/// The slides written so far: each new one is numbered `s1`, `s2` … in order, the number the
/// script keeps in the address (`#12`).
struct SlideDeck {
  let main: XHTMLElement
  let program: Program
  private(set) var count = 0

  init(main: XHTMLElement, program: Program) {
    self.main = main
    self.program = program
  }

  /// A new slide of `kind`; with `minutes`, the script counts them down while it is shown.
  mutating func slide(_ kind: String, minutes: Int? = nil) -> XHTMLElement {
    count += 1
    let section = main.element("section", ["class": "slide " + kind, "id": "s\(count)"])
    if let minutes, minutes > 0 { section.setAttribute("data-minutes", String(minutes)) }
    return section
  }
}

extension String {
  fileprivate var trimmingWhitespace: String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(scalars[first...last])
  }
}

/// The deck's type as the stylesheet (`SlideDeckScript.css`) sets it, in `--u` (a hundredth
/// of the slide's width), to know before the browser does how much fits on a slide: long runs
/// go over several slides, and a long step or purpose gets smaller type. The numbers follow
/// the stylesheet; the browser test fails on any slide whose text runs off it.
enum SlideType {
  /// The slide's content box, 100 × 56.25 less the padding (6 each side, 4 top and bottom),
  /// with a unit to spare in height for the fonts' own rounding.
  static let width = 88.0
  static let room = 56.25 - 8 - 1
  static let lineHeight = 1.25
  /// A character's width in em, with word wrap as `lines` does it: measured on every text of
  /// the sample decks in DejaVu Sans (the stylesheet's first font), the smallest that never
  /// counts fewer lines than Chromium draws.
  static let character = 0.54
  static let boldCharacter = 0.64

  /// Lines `text` fills in `width` at `size`, wrapped at spaces as the browser does; a word
  /// longer than a line is broken (`overflow-wrap: break-word`).
  static func lines(_ text: String, width: Double, size: Double, bold: Bool = false) -> Double {
    var fill = LineFill(perLine: max(1, Int(width / (size * (bold ? boldCharacter : character)))))
    // One pass over the characters, counting each word's as it goes (the slides measure
    // every text several times).
    var word = 0
    var copy = text
    let onBytes = copy.withUTF8 { bytes in
      // Below U+0300, where the first combining marks are, and without a carriage return
      // (which joins the line feed after it), each character is one scalar: count the
      // bytes that start one rather than break the text into characters.
      guard bytes.allSatisfy({ $0 < 0xCC && $0 != 0x0D }) else { return false }
      for byte in bytes {
        if byte == 0x20 || byte == 0x0A {
          if word > 0 { fill.place(word) }
          word = 0
        } else if byte & 0xC0 != 0x80 {
          word += 1
        }
      }
      return true
    }
    if !onBytes {
      for character in text {
        if character == " " || character == "\n" {
          if word > 0 { fill.place(word) }
          word = 0
        } else {
          word += 1
        }
      }
    }
    if word > 0 { fill.place(word) }
    return Double(fill.lines)
  }

  /// `.kicker`: one line and its margin.
  static let kicker = 2.5 * lineHeight + 1.4
  /// A kicker of `text`, as many lines as it takes: in capitals, bold and spaced out, each
  /// letter as wide as a bold one a fifth larger.
  static func kicker(_ text: String) -> Double {
    lines(text, width: width, size: 2.5 * 1.2, bold: true) * 2.5 * lineHeight + 1.4
  }
  /// `.groups li`: a group's names at 3.2 units beside its number, and the gap after it.
  static func group(_ names: String) -> Double { lines(names, width: 82.5, size: 3.2) * 3.2 * lineHeight + 1.2 }
  /// Above the groups: the list's margin and the first group's.
  static let groupsTop = 2 + 1.2
  /// The height the groups' slide may fill: below the top padding, down into half the
  /// bottom padding (as far as the browser check allows any text), half a unit to spare.
  static let groupsRoom = 56.25 - 4 - 2 - 0.5
  /// `h2`: one line, or as many as `text` needs.
  static let heading = 4.4 * 1.15
  /// A heading with "(fortsat)" after it, as the slides after the first of a run have it:
  /// in regular type at 0.6 em, each of its characters takes half a bold one.
  static func heading(_ text: String, continued: String, size: Double = 4.4) -> Double {
    let suffix = String(repeating: "x", count: Int((Double(continued.count + 3) * 0.5).rounded(.up)))
    return lines(text + " " + suffix, width: width, size: size, bold: true) * size * 1.15
  }
  /// `.subtitle`: one line and its margin, or as many lines as `text` needs.
  static let subtitle = 3 * lineHeight + 1
  static func subtitle(_ text: String) -> Double { lines(text, width: width, size: 3) * 3 * lineHeight + 1 }

  /// A row of the day's program: its lines in the content column, its padding and rule.
  static let tableTop = 2.0
  static func agendaRow(_ texts: [String]) -> Double {
    texts.reduce(0) { $0 + lines($1, width: 67, size: 2.8) } * 2.8 * lineHeight + 0.8 + 0.12
  }

  /// A reference term beside its explanation, with the rule and gap above it.
  static let termsTop = 2.4
  static func termRow(_ term: String, _ explanation: String, size: Double = 2.8) -> Double {
    let tallest = max(lines(term, width: 30, size: size, bold: true), lines(explanation, width: 55.6, size: size))
    return tallest * size * lineHeight + 1.2 + 0.15 + 1.6
  }

  /// The classes of a slide's terms: in larger type when they leave the room (a term alone
  /// on its slide, say); a term too long to stand beside its explanation stands above it,
  /// in smaller type if need be.
  static func termsLayout(_ terms: [(term: String, explanation: String)], _ room: Double) -> String {
    if terms.reduce(0, { $0 + termRow($1.term, $1.explanation, size: 3.4) }) <= room { return "terms large" }
    if terms.reduce(0, { $0 + termRow($1.term, $1.explanation) }) <= room { return "terms" }
    guard let only = terms.first, terms.count == 1 else { return "terms" }
    return stackedTerm(only.term, only.explanation, size: 2.8) <= room ? "terms stacked" : "terms stacked long"
  }

  /// `.terms.tiles`: two terms to a row, each above its explanation in a column of half the
  /// slide; a row is as tall as its taller term, with its rule, padding and gap. The sizes
  /// tried, largest first, each a class of its own (`t24` …).
  static let tileSizes = [2.4, 2.2, 2.0, 1.8]
  static func tileRow(_ terms: [(term: String, explanation: String)], size: Double) -> Double {
    let column = (width - 2.4) / 2
    let tallest =
      terms.map {
        lines($0.term, width: column, size: size, bold: true) + lines($0.explanation, width: column, size: size)
      }.max() ?? 0
    return tallest * size * lineHeight + 0.4 + 1.0 + 0.15 + 1.6
  }

  /// A term above its explanation, across the slide, at `size`.
  static func stackedTerm(_ term: String, _ explanation: String, size: Double) -> Double {
    (lines(term, width: width, size: size, bold: true) + lines(explanation, width: width, size: size)) * size
      * lineHeight + 1.2 + 0.15 + 0.6
  }

  /// Who, then what they committed to.
  static let listTop = 2.0
  static func commitment(_ who: String, _ commitment: String, size: Double = 3.2) -> Double {
    lines(who, width: width, size: 2.6, bold: true) * 2.6 * lineHeight + 1.6
      + lines(commitment, width: width, size: size) * size * lineHeight
  }

  /// The class of a slide's commitments: "" for the normal size, "long" or "longer", the
  /// largest in which they fit `room` (a split puts one alone on a slide at most).
  static func commitmentsSize(_ commitments: [(who: String, commitment: String)], room: Double) -> String {
    for (size, name) in [(3.2, ""), (2.6, "long")]
    where commitments.reduce(0, { $0 + commitment($1.who, $1.commitment, size: size) }) <= room {
      return name
    }
    return "longer"
  }

  /// A next-steps question and the space after it.
  static func question(_ text: String) -> Double { lines(text, width: 82.5, size: 3.8) * 3.8 * lineHeight + 1.4 }

  /// An exercise's opening slide: time, title, the exercise's own title, purpose, group work.
  static func opening(title: String, subtitle: String?, purpose: String) -> Double {
    kicker + lines(title, width: width, size: 5, bold: true) * 5 * 1.15 + (subtitle.map(self.subtitle) ?? 0)
      + 2.6 + lines(purpose, width: 80, size: 3.2) * 3.2 * lineHeight + 2.6 + 3 * lineHeight
  }

  /// The class of the title slide's heading: "" for the normal size, "long" or "longer",
  /// the largest that leaves room for the course above it and the meeting and venue below,
  /// inside the slide's accent border.
  static func titleSize(_ title: String, course: String?, meeting: String, venue: String?) -> String {
    let width = self.width - 1.6
    let course = course.map { lines($0, width: width, size: 2.6 * 1.2, bold: true) * 2.6 * lineHeight + 1.6 } ?? 0
    let below =
      lines(meeting, width: width, size: 3.2) * 3.2 * lineHeight + 3
      + (venue.map { lines($0, width: width, size: 2.6) * 2.6 * lineHeight + 1 } ?? 0)
    for (size, name) in [(5.4, ""), (4.4, "long")]
    where course + lines(title, width: width, size: size, bold: true) * size * 1.1 + below <= room {
      return name
    }
    return "longer"
  }

  /// The class of the heading as a talk, a break or a meal begins: "" for the normal size,
  /// "long" or "longer", the largest that leaves room for its presenters, or for when the
  /// day goes on and the countdown.
  static func beginSize(_ title: String, kicker kickerText: String, presenters: String?, isRest: Bool) -> String {
    let presenters = presenters.map { lines($0, width: width, size: 3.2) * 3.2 * lineHeight + 2.4 } ?? 0
    let rest = isRest ? 3.4 * lineHeight + 2 + 6 * 1.1 + 0.6 + 0.7 + 3 : 0
    let room = self.room - kicker(kickerText) - presenters - rest
    for (size, name) in [(isRest ? 6.0 : 5.0, ""), (4.0, "long")]
    where lines(title, width: width, size: size, bold: true) * size * 1.15 <= room {
      return name
    }
    return "longer"
  }

  /// The class of an exercise's opening heading: "" for the normal size, "long" or "longer",
  /// the largest that leaves room for the exercise's own title, its presenters and the
  /// group work (the purpose goes to a slide of its own where it does not fit).
  static func openingSize(_ title: String, subtitle: String?, presenters: String?) -> String {
    let presenters = presenters.map { lines($0, width: width, size: 3.2) * 3.2 * lineHeight + 2.4 } ?? 0
    let room = self.room - kicker - (subtitle.map(self.subtitle) ?? 0) - presenters - 2.6 - 3 * lineHeight
    for (size, name) in [(5.0, ""), (4.0, "long")]
    where lines(title, width: width, size: size, bold: true) * size * 1.15 <= room {
      return name
    }
    return "longer"
  }

  /// The class of a purpose on its own slide: "" for the normal size, "long" or "longer".
  static func purposeSize(_ purpose: String) -> String {
    let room = self.room - kicker - heading - 2.6
    for (size, name) in [(3.2, ""), (2.8, "long")]
    where lines(purpose, width: 80, size: size) * size * lineHeight <= room {
      return name
    }
    return "longer"
  }

  /// The class of a step's text: "" for the normal size, "long", "longer" or "longest", the
  /// largest that leaves room for its kicker, its sub-questions and the countdown.
  static func stepSize(_ text: String, asks: [String], kicker kickerText: String? = nil) -> String {
    let footer = 2 + 6 * 1.1 + 0.6 + 0.7
    let subQuestions =
      asks.isEmpty ? 0 : 1.8 + asks.reduce(0) { $0 + lines($1, width: 83, size: 3.4) * 3.4 * lineHeight + 0.8 }
    let top = kickerText.map(kicker) ?? kicker
    let room = self.room - top - footer - subQuestions
    func fits(_ size: Double) -> Bool { lines(text, width: width, size: size, bold: true) * size * 1.2 <= room }
    for (size, name) in [(4.8, ""), (4.0, "long")] where fits(size) { return name }
    // Below a kicker of one line the smallest size but one is taken as it always was: the
    // estimate counts more height than Chromium draws there, and smaller type would stand
    // below the sub-questions' 3.4. Below a kicker of two lines it is measured, and the text
    // goes smaller still where it must.
    return top > kicker && !fits(3.3) ? "longest" : "longer"
  }
}

extension XHTMLElement {
  /// A pair's label as its list item's marker ("A."), as the follow-up forms name it; "–"
  /// for a pair made on the day among them. A number is left to the list to count.
  func setListMarker(_ marker: String) {
    guard Int(marker) == nil else { return }
    // A label is the roster's text: escaped as a CSS string, so it stays one.
    var quoted = ""
    for character in (marker == "–" ? "–" : marker + ".").unicodeScalars {
      switch character {
      case "\\", "\"": quoted += "\\" + String(character)
      case _ where character.value < 0x20 || character.value == 0x7F:
        quoted += "\\\(String(character.value, radix: 16)) "
      default: quoted.unicodeScalars.append(character)
      }
    }
    setAttribute("style", "list-style-type: \"\(quoted)  \"")
  }
}
