import Foundation
import WorkshopKit
import WorkshopKitStore

/// The evaluation answered through a personal link, and the facilitator's attendance and
/// evaluation results.
enum RecordPages {
  /// A page about one meeting in the kit's frame: titled "`kind` – program", opening with
  /// what it is, the program's title and the meeting's number and dates.
  static func page(_ program: Program, kind: String) -> ServerPage {
    let document = ServerPage(
      title: "\(kind) – \(program.title)", runningTitle: program.runningTitle(), language: program.language)
    let header = document.content.element("header")
    header.element("p", ["class": "muted"], text: kind)
    header.element("h1", text: program.title)
    header.element(
      "p", text: [program.meetingText(), program.datesText()].compactMap { $0 }.joined(separator: " · "))
    return document
  }

  /// What the evaluation form says besides its questions.
  struct EvaluationState {
    /// "Saved".
    var notice: String?
    /// Why what was sent was not saved; the form shows what was sent.
    var problem: String?
    /// Anonymous and answered: thanks instead of the form.
    var done = false
    var open = true
    /// The longest answer a text area takes.
    var maxLength: Int?
  }

  /// The meeting's evaluation as a form: scale questions as five radio buttons, open ones
  /// as text areas; thanks instead where it is anonymous and answered.
  static func evaluationForm(
    _ program: Program, _ evaluation: Evaluation, answer: EvaluationAnswer?, action: String, csrf: String,
    state: EvaluationState
  ) -> [UInt8] {
    let language = program.language
    let document = page(program, kind: language(.evaluation))
    let body = document.content
    if let notice = state.notice { body.element("p", ["class": "box", "role": "status"], text: notice) }
    if let problem = state.problem { body.element("p", ["class": "box", "role": "alert"], text: problem) }
    guard state.open else {
      body.element("p", ["class": "box"], text: language(.evaluationClosed))
      return document.pageBytes
    }
    guard !state.done else {
      body.element("p", ["class": "box"], text: language(.evaluationReceived))
      return document.pageBytes
    }
    body.element("p", text: language(evaluation.anonymous ? .evaluationAnonymousOnline : .evaluationIntroOnline))
    let form = body.element("form", ["method": "post", "action": action])
    form.element("input", ["type": "hidden", "name": "csrf", "value": csrf])
    for (index, question) in evaluation.scale.enumerated() {
      let name = "s\(index + 1)"
      let group = form.element("fieldset", ["class": "options"])
      group.element("legend", text: "\(index + 1). \(question.text)")
      group.element("span", ["class": "muted"], text: "1 = " + question.low)
      for value in Evaluation.values {
        let id = "\(name)-\(value)"
        let label = group.element("label", ["for": id])
        let input = label.element("input", ["type": "radio", "id": id, "name": name, "value": "\(value)"])
        if let answer, index < answer.scale.count, answer.scale[index] == value {
          input.setAttribute("checked", "checked")
        }
        label.text(" \(value)")
      }
      group.element("span", ["class": "muted"], text: "5 = " + question.high)
    }
    let offset = evaluation.scale.count
    for (index, question) in evaluation.open.enumerated() {
      let name = "o\(index + 1)"
      form.element("label", ["for": name], text: "\(offset + index + 1). \(question)")
      let area = form.element("textarea", ["id": name, "name": name, "rows": "4", "cols": "60"])
      if let maxLength = state.maxLength { area.setAttribute("maxlength", String(maxLength)) }
      area.text(answer.flatMap { index < $0.open.count ? $0.open[index] : nil } ?? "")
    }
    form.element("button", ["type": "submit"], text: language(.save))
    return document.pageBytes
  }

  /// The longest walk-in's name kept, in Unicode scalars; a longer line is no name.
  static let walkInLength = 200

  /// A checkbox per participant of the roster, ticked where recorded present. Before
  /// anything is saved for the meeting, the boxes start from the sign-in sheet typed in
  /// (`paper`), if it is, else from everyone who has not sent apologies (`absent:`), so the
  /// facilitator corrects rather than ticks it all, and a save adds nobody the paper left
  /// out; who sent apologies says so after the name either way. `skipped`: walk-in lines
  /// too long to be a name at the last save.
  static func attendance(
    _ program: Program, participants: [StoredParticipant], present: [Int64: Bool], walkIns: [String],
    paper: (present: [String], file: String)?, skipped: Int, action: String, csrf: String, notice: String?
  ) -> [UInt8] {
    let language = program.language
    let document = page(program, kind: language(.attendance))
    let body = document.content
    if let notice { body.element("p", ["class": "box", "role": "status"], text: notice) }
    if skipped > 0 {
      body.element(
        "p", ["class": "box", "role": "alert"], text: language(.walkInsTooLong, String(walkInLength), skipped))
    }
    let absent = Set(program.absent.map(\.value))
    let proposed = present.isEmpty
    if proposed, !participants.isEmpty {
      body.element(
        "p", ["class": "muted"],
        text: paper.map { language(.attendanceFromPaper, $0.file) } ?? language(.attendanceProposed))
    }
    let onPaper = Set(paper?.present ?? [])
    let form = body.element("form", ["method": "post", "action": action])
    form.element("input", ["type": "hidden", "name": "csrf", "value": csrf])
    let group = form.element("fieldset")
    group.element("legend", text: language(.whoWasThere))
    for participant in participants {
      let id = "p\(participant.id)"
      let label = group.element("label", ["for": id])
      let box = label.element("input", ["type": "checkbox", "id": id, "name": id, "value": "1"])
      let isAbsent = absent.contains(participant.name)
      let ticked =
        !proposed ? present[participant.id] == true : paper == nil ? !isAbsent : onPaper.contains(participant.name)
      if ticked { box.setAttribute("checked", "checked") }
      label.text(
        " " + participant.name + (participant.organisation.map { " (\($0))" } ?? "")
          + (isAbsent ? " – " + language(.sentApologies) : ""))
    }
    // Who came without being on the roster: a name a line, kept as written.
    form.element("label", ["for": "walk-ins"], text: language(.walkInsOnePerLine))
    form.element(
      "textarea",
      [
        "id": "walk-ins", "name": "walk-ins", "rows": "\(max(2, walkIns.count + 1))", "cols": "40",
        "autocomplete": "off",
      ]
    ).text(walkIns.joined(separator: "\n"))
    form.element("button", ["type": "submit"], text: language(.save))
    return document.pageBytes
  }

  /// Counts per value, the mean and the open answers; how many have answered.
  static func evaluationResults(
    _ program: Program, _ evaluation: Evaluation, answered: Int, answers: [EvaluationAnswer]
  )
    -> [UInt8]
  {
    let language = program.language
    let document = page(program, kind: language(.evaluations))
    let body = document.content
    body.element("p", text: language(.responses, answered))
    let table = body.element("table")
    let head = table.element("thead").element("tr")
    head.element("th", ["scope": "col"], text: language(.question))
    for value in Evaluation.values { head.element("th", ["scope": "col"], text: "\(value)") }
    head.element("th", ["scope": "col"], text: language(.average))
    let rows = table.element("tbody")
    for (index, question) in evaluation.scale.enumerated() {
      let values = answers.compactMap { index < $0.scale.count ? $0.scale[index] : nil }
      let row = rows.element("tr")
      row.element("th", ["scope": "row"], text: question.text)
      for value in Evaluation.values { row.element("td", text: "\(values.filter { $0 == value }.count)") }
      let mean =
        values.isEmpty ? "—" : CourseReport.decimal(Double(values.reduce(0, +)) / Double(values.count), language)
      row.element("td", text: mean)
    }
    for (index, question) in evaluation.open.enumerated() {
      let texts = answers.compactMap { index < $0.open.count ? $0.open[index] : nil }.filter { !$0.isEmpty }
      guard !texts.isEmpty else { continue }
      body.element("h2", text: question)
      let list = body.element("ul")
      for text in texts { list.element("li", ["class": "answer"], text: text) }
    }
    return document.pageBytes
  }
}
