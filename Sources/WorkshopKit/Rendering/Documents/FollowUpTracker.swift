/// The facilitator's follow-up tracker (`tracker.xhtml`), its own document so printing the
/// participants' forms never hands it out: a row per participant or pair with the
/// commitment made, its status and stage at the next meeting. On screen the boxes are
/// real checkboxes and the commitment a field that grows; it starts filled in with what
/// is already known (the `followups/` file and the database).
public enum FollowUpTracker {
  public static func render(_ input: KitInput) -> XHTMLDocument {
    let program = input.program
    let language = input.language
    let (document, body) = DocumentFrame.meetingDocument(
      input, kind: language(.followUpTracker), label: language(.followUpTracker) + " – " + language(.facilitatorOnly),
      bodyClass: "follow-up tracker")
    guard let exercise = program.followUpExercise else {
      body.element("p", text: program.meetingLabel(.noFollowUp))
      return document
    }
    var lead = exercise.title
    if let next = program.nextMeeting {
      lead += " · " + program.meetingLabel(.statusAtNextMeeting) + " " + DateText.long(next.value, language)
    }
    body.element("p", text: lead)
    // Said before the table, so it never prints alone on a page after it.
    if !input.followUpAnswers.isEmpty {
      body.element("p", ["class": "muted"], text: language(.trackerFilledIn))
    }

    var rows: [(title: String, names: [String], answer: FollowUpAnswer?, others: [FollowUpAnswer])] = []
    var unmatched = input.followUpAnswers
    for respondent in FollowUpForm.respondents(program) {
      // Both of a pair may have answered online: the first fills the row, the other's
      // commitment is named under it, not left as a row of its own.
      let answers = unmatched.filter { $0.belongs(to: respondent.title, names: respondent.names) }
      unmatched.removeAll { $0.belongs(to: respondent.title, names: respondent.names) }
      rows.append((respondent.title, respondent.names, answers.first, Array(answers.dropFirst())))
    }
    // Answers from people not on the roster (a walk-in, a name typed differently) still show.
    rows += unmatched.map { ($0.who, [], $0, []) }

    let table = body.element("table", ["class": "tracker stacks"])
    let head = table.element("thead").element("tr")
    var columns = [language(.who), language(.commitment), program.meetingLabel(.statusAtNextMeeting)]
    if let scale = exercise.scale { columns.append(scale.label) }
    for column in columns { head.element("th", ["scope": "col"], text: column) }
    let tableBody = table.element("tbody")
    for (number, row) in rows.enumerated() {
      let id = "t\(number + 1)"
      let line = tableBody.element("tr")
      let who = line.element("th", ["scope": "row"])
      who.element("strong", text: row.title)
      // The names under a pair's label ("Makkerpar A"); a title made of the names says them.
      if !row.names.allSatisfy({ row.title.contains($0) }) {
        who.element("br")
        who.text(row.names.joined(separator: ", "))
      }
      let commitment = row.answer?.responses.first { !$0.isEmpty } ?? ""
      let cell = line.element("td", ["class": "commitment"])
      cell.element(
        "textarea",
        [
          "id": "\(id)-commitment", "name": "commitment", "rows": "3", "cols": "40",
          "aria-label": language(.commitment) + " – " + row.title,
        ]
      ).text(commitment)
      if let happened = row.answer?.report.first(where: { !$0.isEmpty }) {
        cell.element("p", ["class": "muted"], text: language(.whatHappened) + ": " + happened)
      }
      for other in row.others {
        let state = [other.status.map { language($0.label) }, other.stage].compactMap { $0 }.joined(separator: ", ")
        let commitment = other.responses.first { !$0.isEmpty } ?? ""
        cell.element(
          "p", ["class": "muted"], text: "\(other.who): \(commitment)" + (state.isEmpty ? "" : " (\(state))"))
      }
      choices(
        FollowUpAnswer.Status.allCases.map { (language($0.label), $0 == row.answer?.status) }, id: "\(id)-status",
        into: group(columns[2], of: row.title, in: line))
      if let scale = exercise.scale {
        choices(
          scale.stages.map { ($0, $0 == row.answer?.stage) }, id: "\(id)-stage",
          into: group(scale.label, of: row.title, in: line))
      }
    }
    FollowUpForm.addGrowingAnswers(to: body)
    return document
  }

  /// The cell of a column's checkboxes in a row, and in it their group, named by both
  /// ("Status ved næste møde – Makkerpar A") so a screen reader says what the boxes answer;
  /// on a phone the column's name shows above them (`data-label`).
  static func group(_ column: String, of row: String, in line: XHTMLElement) -> XHTMLElement {
    line.element("td", ["class": "choices", "data-label": column])
      .element("div", ["role": "group", "aria-label": column + " – " + row])
  }

  /// A checkbox per option, ticked where the answer says so; on paper a box to tick.
  static func choices(_ options: [(text: String, checked: Bool)], id: String, into cell: XHTMLElement) {
    for (index, option) in options.enumerated() {
      let field = "\(id)\(index + 1)"
      let label = cell.element("label", ["for": field])
      let box = label.element("input", ["type": "checkbox", "id": field, "name": id, "value": option.text])
      if option.checked { box.setAttribute("checked", "checked") }
      label.text(" " + option.text)
    }
  }
}
