import Foundation

/// The course report (`output/<series>/course.xhtml`) for whoever commissioned the course:
/// the whole series on a few pages. Each meeting with its date, attendance and what it was
/// about; each pair's or participant's commitments with their status and stage from
/// meeting to meeting; the evaluations with a small chart each (inline SVG, no script);
/// attendance per person and who dropped out. It names people, and says so.
public enum CourseReport {
  /// One meeting of the series and what is known of it.
  public struct Meeting: Sendable {
    public var schedule: Schedule
    /// From `attendance/<program>.yaml` or the database; nil when nobody recorded it.
    public var attendance: Attendance?
    public var evaluations: [EvaluationAnswer]
    /// Answers to this meeting's follow-up form, with its exercise.
    public var followUp: (exercise: Exercise, answers: [FollowUpAnswer])?

    public init(
      schedule: Schedule, attendance: Attendance? = nil, evaluations: [EvaluationAnswer] = [],
      followUp: (exercise: Exercise, answers: [FollowUpAnswer])? = nil
    ) {
      self.schedule = schedule
      self.attendance = attendance
      self.evaluations = evaluations
      self.followUp = followUp
    }

    var program: Program { schedule.program }

    /// Who was there: the record, or else the roster less those who sent apologies.
    var present: Set<String>? {
      if let attendance { return Set(attendance.present) }
      return nil
    }
  }

  public static func render(_ meetings: [Meeting]) -> XHTMLDocument? {
    let meetings = meetings.sorted { $0.program.date.value < $1.program.date.value }
    guard let last = meetings.last, let first = meetings.first else { return nil }
    let language = last.program.language
    let title = last.program.title
    let document = DocumentFrame.make(
      title: "\(title) – \(language(.courseReport))", runningTitle: title + " · " + language(.courseReport),
      language: language)
    let body = DocumentFrame.main(of: document, class: "course-report")
    let header = body.element("header")
    header.element("p", ["class": "muted"], text: language(.courseReport))
    header.element("h1", text: title)
    if let course = last.program.course { header.element("p", text: course) }
    let (from, to) = (first.program.date.value, last.program.lastDate.value)
    // "5 møder fra … til …", "1 møde, fra … til …" or "1 møde, …", in the series' word for
    // its meetings: the count where the label has it, then the first and the last day.
    let label: Label = meetings.count > 1 ? .meetingsFromTo : from == to ? .oneMeetingOn : .oneMeetingFromTo
    var span = last.program.meetingLabel(label)
    if meetings.count > 1 { span = span.replacingFirst("%@", with: meetings.count.description) }
    for date in [from, to] { span = span.replacingFirst("%@", with: DateText.long(date, language)) }
    var facts = [span]
    if let facilitator = last.program.facilitator { facts.append(facilitator) }
    header.element("p", text: facts.joined(separator: " · "))
    body.element("p", ["class": "box"], text: language(.holdsNames))

    overview(meetings, language: language, into: body)
    commitments(meetings, language: language, into: body)
    evaluations(meetings, language: language, into: body)
    attendance(meetings, language: language, into: body)
    return document
  }

  // MARK: The meetings

  static func overview(_ meetings: [Meeting], language: Language, into body: XHTMLElement) {
    let section = body.element("section")
    section.element("h2", text: meetings.last?.program.meetingLabel(.theMeetings) ?? language(.theMeetings))
    let table = section.element("table", ["class": "meetings"])
    let head = table.element("thead").element("tr")
    for label in [Label.meeting, .turnout, .content] {
      head.element("th", ["scope": "col"], text: meetings.last?.program.meetingLabel(label) ?? language(label))
    }
    let rows = table.element("tbody")
    for meeting in meetings {
      let program = meeting.program
      let row = rows.element("tr")
      let when = row.element("th", ["scope": "row"])
      if let number = program.meetingText() { when.element("strong", text: number) }
      when.element("br")
      when.text(program.datesText())
      row.element("td", text: attendanceText(meeting, language: language))
      row.element("td", text: headings(meeting.schedule).joined(separator: " · "))
    }
  }

  /// "14 af 18 (+1 ikke tilmeldt)", or "—" where nobody recorded who came.
  static func attendanceText(_ meeting: Meeting, language: Language) -> String {
    guard let attendance = meeting.attendance else { return "—" }
    var text = language(.presentOf, attendance.present.count.description)
      .replacingFirst("%@", with: meeting.program.participants.count.description)
    if !attendance.walkIns.isEmpty { text += " " + language(.plusWalkIns, attendance.walkIns.count) }
    return text
  }

  /// What the meeting was about: its talks, exercises and plenaries, a slot by its title.
  static func headings(_ schedule: Schedule) -> [String] {
    var result: [String] = []
    for item in schedule.items {
      if let title = item.item.slotTitle {
        result.append(title)
        continue
      }
      for part in item.parts where [.talk, .exercise, .plenary].contains(part.activity.kind) {
        if !result.contains(part.activity.title) { result.append(part.activity.title) }
      }
    }
    return result
  }

  // MARK: Commitments

  /// A row per pair or participant, a column per meeting with a follow-up: the stage and
  /// status it reached and the commitment in a line.
  static func commitments(_ meetings: [Meeting], language: Language, into body: XHTMLElement) {
    let withFollowUp = meetings.filter { $0.followUp.map { !$0.answers.isEmpty } ?? false }
    guard let last = meetings.last, !withFollowUp.isEmpty else { return }
    let section = body.element("section")
    section.element("h2", text: last.program.meetingLabel(.commitmentsOverTime))
    if let scale = withFollowUp.compactMap({ $0.followUp?.exercise.scale }).first {
      section.element("p", ["class": "muted"], text: scale.label.labelling(scale.stages.joined(separator: " → ")))
    }
    let rows = meetingGrid(
      withFollowUp, class: "commitments", first: language(.who),
      into: wide(last.program.meetingLabel(.commitmentsOverTime), into: section))
    // The roster's pairs, the same rows across meetings, whoever was away at the last.
    for respondent in FollowUpForm.respondents(last.program, onTheDay: false) where !respondent.names.isEmpty {
      let row = rows.element("tr")
      let who = row.element("th", ["scope": "row"])
      who.element("strong", text: respondent.title)
      if respondent.names != [respondent.title] {
        who.element("br")
        who.text(respondent.names.joined(separator: ", "))
      }
      for meeting in withFollowUp {
        let cell = row.element("td")
        // Both of a pair may have answered online, each on their own: every answer shows,
        // named, rather than the first alone.
        let answers = (meeting.followUp?.answers ?? []).filter {
          $0.belongs(to: respondent.title, names: respondent.names)
        }
        guard !answers.isEmpty else {
          cell.element("span", ["class": "muted"], text: language(.noAnswer))
          continue
        }
        for answer in answers {
          if answers.count > 1 { cell.element("p", text: answer.who) }
          let state = [answer.stage, answer.status.map { language($0.label) }].compactMap { $0 }
          if !state.isEmpty { cell.element("strong", text: state.joined(separator: " · ")) }
          let line = RecapSection.commitmentLine(answer)
          if !line.isEmpty { cell.element("p", ["class": "muted"], text: line) }
        }
      }
    }
  }

  /// Where a table too wide for a phone's screen goes: a region named `label` that scrolls
  /// sideways on its own, and takes the keyboard's focus to scroll with the arrow keys,
  /// rather than the whole page scrolling or the table's words broken.
  static func wide(_ label: String, into parent: XHTMLElement) -> XHTMLElement {
    parent.element("div", ["class": "wide", "role": "region", "tabindex": "0", "aria-label": label])
  }

  /// A table with a column per meeting after the first; returns its body for the rows.
  static func meetingGrid(_ meetings: [Meeting], class name: String, first: String, into section: XHTMLElement)
    -> XHTMLElement
  {
    let table = section.element("table", ["class": name])
    let head = table.element("thead").element("tr")
    head.element("th", ["scope": "col"], text: first)
    for meeting in meetings {
      head.element("th", ["scope": "col"], text: meeting.program.meetingText() ?? meeting.program.date.value.iso)
    }
    return table.element("tbody")
  }

  // MARK: Evaluations

  static func evaluations(_ meetings: [Meeting], language: Language, into body: XHTMLElement) {
    let evaluated = meetings.filter { !$0.evaluations.isEmpty && $0.program.evaluation != nil }
    guard !evaluated.isEmpty else { return }
    let section = body.element("section")
    section.element("h2", text: language(.evaluations))
    for meeting in evaluated {
      guard let evaluation = meeting.program.evaluation else { continue }
      let block = section.element("div", ["class": "evaluation-results"])
      let title = [meeting.program.meetingText(), meeting.program.datesText()].compactMap { $0 }
        .joined(separator: " · ")
      block.element("h3", text: title)
      block.element("p", ["class": "muted"], text: language(.responses, meeting.evaluations.count))
      let table = wide(language(.evaluations) + " – " + title, into: block).element("table", ["class": "ratings"])
      let head = table.element("thead").element("tr")
      for label in [Label.question, .distribution, .average] {
        head.element("th", ["scope": "col"], text: language(label))
      }
      let rows = table.element("tbody")
      for (index, question) in evaluation.scale.enumerated() {
        let values = meeting.evaluations.compactMap { index < $0.scale.count ? $0.scale[index] : nil }
        let counts = Evaluation.values.map { value in values.filter { $0 == value }.count }
        let row = rows.element("tr")
        row.element("td", text: "\(question.text) (1 = \(question.low), 5 = \(question.high))")
        chart(counts, question: question.text, language: language, into: row.element("td", ["class": "chart"]))
        let mean = values.isEmpty ? "—" : decimal(Double(values.reduce(0, +)) / Double(values.count), language)
        row.element("td", ["class": "average"], text: mean)
      }
      for (index, question) in evaluation.open.enumerated() {
        let answers = meeting.evaluations.compactMap { index < $0.open.count ? $0.open[index] : nil }
          .filter { !$0.isEmpty }
        guard !answers.isEmpty else { continue }
        block.element("h4", text: question)
        let list = block.element("ul")
        for answer in answers { list.element("li", text: answer) }
      }
    }
  }

  /// Counts of 1 … 5 as five bars with the count above each: inline SVG, no script, black
  /// and white friendly; the counts are also the image's text for screen readers.
  static func chart(_ counts: [Int], question: String, language: Language, into cell: XHTMLElement) {
    let top = max(1, counts.max() ?? 1)
    let width = 22
    let height = 44
    let svg = cell.svg(
      [
        "viewBox": "0 0 \(counts.count * width) \(height + 24)",
        "width": "\(counts.count * width * 3 / 2)", "height": "\((height + 24) * 3 / 2)", "role": "img",
      ])
    // The counts are the chart's name for screen readers.
    svg.element(
      "title",
      text: zip(Evaluation.values, counts).map { language(.ratingCount, "\($0.0)", $0.1) }.joined(separator: ", "))
    for (index, count) in counts.enumerated() {
      let bar = count * height / top
      let x = index * width + 3
      svg.element(
        "rect",
        ["x": "\(x)", "y": "\(12 + height - bar)", "width": "\(width - 6)", "height": "\(bar)", "fill": "#333"])
      svg.element(
        "text",
        ["x": "\(x + (width - 6) / 2)", "y": "\(10 + height - bar)", "font-size": "9", "text-anchor": "middle"],
        text: "\(count)")
      svg.element(
        "text", ["x": "\(x + (width - 6) / 2)", "y": "\(height + 22)", "font-size": "9", "text-anchor": "middle"],
        text: "\(Evaluation.values.lowerBound + index)")
    }
  }

  public static func decimal(_ value: Double, _ language: Language) -> String {
    let text = String(format: "%.1f", value)
    return language == .da ? text.replacingOccurrences(of: ".", with: ",") : text
  }

  // MARK: Attendance and who dropped out

  static func attendance(_ meetings: [Meeting], language: Language, into body: XHTMLElement) {
    let recorded = meetings.filter { $0.attendance != nil }
    guard let last = meetings.last, !recorded.isEmpty, !last.program.participants.isEmpty else { return }
    let section = body.element("section")
    section.element("h2", text: language(.attendancePerPerson))
    let rows = meetingGrid(
      recorded, class: "attendance-grid", first: language(.name),
      into: wide(language(.attendancePerPerson), into: section))
    var droppedOut: [(name: String, lastSeen: String)] = []
    for person in last.program.participants {
      let row = rows.element("tr")
      let who = row.element("th", ["scope": "row"], text: person.name)
      if let organisation = person.organisation { who.element("span", ["class": "muted"], text: " · " + organisation) }
      var seen: [Int] = []
      for (index, meeting) in recorded.enumerated() {
        let here = meeting.present?.contains(person.name) ?? false
        if here { seen.append(index) }
        row.element("td", ["class": "mark"], text: here ? "✓" : "–")
      }
      // Came, then stopped coming: missed at least the last two meetings recorded (one
      // missed meeting at the end is an absence, not a drop-out).
      if let lastSeen = seen.last, lastSeen < recorded.count - 2 {
        let meeting = recorded[lastSeen].program
        droppedOut.append((person.name, meeting.meetingText() ?? meeting.date.value.iso))
      }
    }
    if droppedOut.isEmpty {
      section.element("p", text: language(.nobodyDroppedOut))
    } else {
      section.element("h3", text: language(.droppedOut))
      let list = section.element("ul")
      for person in droppedOut { list.element("li", text: language(.lastSeenAt, person.name, person.lastSeen)) }
    }
  }
}
