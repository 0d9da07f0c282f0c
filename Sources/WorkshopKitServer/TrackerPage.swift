import Foundation
import WorkshopKit
import WorkshopKitStore

/// The facilitator's pages: the meetings, and per meeting who answered, each commitment,
/// the status at the next meeting, the stage, and a form to type in paper answers.
enum TrackerPage {
  struct Row {
    var participant: StoredParticipant
    var answer: StoredAnswer?
    /// Their answer in the meeting's follow-up file (typed in from paper), if any.
    var paper: FollowUpAnswer?
    /// With none of their own: the answer saved by someone they share a form with (their
    /// pair of the day), and who.
    var partner: (name: String, answer: StoredAnswer)?
    /// Not at the meeting (`absent:`): no plan, so nothing to answer.
    var absent = false
  }

  /// The facilitator's start page: every meeting with its pages. In the meetings' language
  /// when they share one; each line in its own meeting's language otherwise.
  static func meetings(_ meetings: [MeetingCatalog.Meeting]) -> [UInt8] {
    let languages = Set(meetings.map(\.program.language))
    let language = languages.count == 1 ? languages.first ?? .da : .da
    let document = ServerPage(title: "WorkshopKit", runningTitle: "WorkshopKit", language: language)
    let body = document.content
    body.element("h1", text: Label.followUpTracker.text(language))
    let list = body.element("ul")
    for meeting in meetings {
      let program = meeting.program
      let here = program.language
      let item = list.element("li")
      if here != language { item.setLanguage(here.rawValue) }
      let name = [program.title, program.meetingText(), program.date.value.iso].compactMap { $0 }
        .joined(separator: " · ")
      // The meeting's name leads to its tracker; a meeting without a follow-up has none.
      if meeting.exercise != nil {
        item.element("a", ["href": ServerPaths.tracker(series: program.series, program: program.id)], text: name)
      } else {
        item.text(name)
      }
      var pages = [(Label.attendance, ServerPaths.attendance(series: program.series, program: program.id))]
      if program.evaluation != nil {
        pages.append((.evaluations, ServerPaths.evaluationResults(series: program.series, program: program.id)))
      }
      pages.append((.today, ServerPaths.today(series: program.series, program: program.id)))
      item.text(" (")
      for (index, page) in pages.enumerated() {
        if index > 0 { item.text(" · ") }
        item.element("a", ["href": page.1], text: page.0.text(here))
      }
      item.text(")")
    }
    return document.pageBytes
  }

  /// `paperFile`: the meeting's follow-up file, relative to its series folder, when it has
  /// answers.
  /// `maxLength`: the longest answer the server takes, as the paper-entry boxes' `maxlength`.
  static func render(
    _ meeting: MeetingCatalog.Meeting, _ exercise: Exercise, rows: [Row], paperFile: String? = nil, csrf: String,
    notice: String?, maxLength: Int? = nil
  ) -> [UInt8] {
    let program = meeting.program
    let language = program.language
    let document = ServerPage(
      title: "\(Label.tracker.text(language)) – \(program.title)", runningTitle: program.runningTitle(),
      language: language)
    let body = document.content
    let header = body.element("header")
    header.element("p", ["class": "muted"], text: Label.tracker.text(language))
    header.element("h1", text: program.title)
    header.element(
      "p",
      text: [program.meetingText(), program.datesText(), exercise.title]
        .compactMap { $0 }.joined(separator: " · "))
    if let notice { body.element("p", ["class": "box", "role": "status"], text: notice) }
    let links = body.element("p")
    links.element(
      "a", ["href": ServerPaths.export(series: program.series, program: program.id)],
      text: Label.exportCSV.text(language))
    links.text(" · ")
    links.element(
      "a", ["href": ServerPaths.attendance(series: program.series, program: program.id)],
      text: Label.attendance.text(language))
    links.text(" · ")
    links.element(
      "a", ["href": ServerPaths.today(series: program.series, program: program.id)], text: Label.today.text(language))
    if program.evaluation != nil {
      links.text(" · ")
      links.element(
        "a", ["href": ServerPaths.evaluationResults(series: program.series, program: program.id)],
        text: Label.evaluations.text(language))
    }

    let table = body.element("table", ["class": "stacks"])
    let head = table.element("thead").element("tr")
    var columns =
      [Label.who, .answered, .commitment].map { $0.text(language) } + [
        program.meetingLabel(.statusAtNextMeeting)
      ]
    if let scale = exercise.scale { columns.append(scale.label) }
    for column in columns { head.element("th", ["scope": "col"], text: column) }
    let rowsElement = table.element("tbody")
    for row in rows {
      let tr = rowsElement.element("tr")
      let who = tr.element("td", ["class": "who"])
      who.element("strong", text: row.participant.name)
      if let pair = row.participant.pair { who.text(" (\(pair))") }
      var answered = row.answer.map { answer in
        Pages.savedAt(answer.updatedAt, language, meeting.timeZone)
          + (answer.source == .paper ? " (\(Label.paperAnswer.text(language)))" : "")
      }
      if answered == nil, let partner = row.partner {
        answered =
          language(.answeredBy, partner.name) + ", "
          + Pages.savedAt(partner.answer.updatedAt, language, meeting.timeZone)
      }
      if answered == nil, row.paper == nil, row.absent { answered = Label.absent.text(language) }
      // An answer in the follow-up file counts as answered: it is in the recap already.
      if row.paper != nil, let paperFile {
        answered = [answered, language(.inPaperFile, paperFile)].compactMap { $0 }.joined(separator: "; ")
      }
      let shown =
        row.answer.map { (responses: $0.responses, status: $0.status, stage: $0.stage) }
        ?? row.paper.map { (responses: $0.responses, status: $0.status, stage: $0.stage) }
        ?? row.partner.map { (responses: $0.answer.responses, status: $0.answer.status, stage: $0.answer.stage) }
      tr.element("td", ["data-label": columns[1]], text: answered ?? Label.notAnswered.text(language))
      tr.element("td", ["class": "answer", "data-label": columns[2]], text: shown?.responses.first ?? "")
      tr.element("td", ["data-label": columns[3]], text: shown?.status.map { $0.text(language) } ?? "")
      if exercise.scale != nil { tr.element("td", ["data-label": columns[4]], text: shown?.stage ?? "") }
    }
    if let paperFile, rows.contains(where: { $0.paper != nil }) {
      body.element("p", ["class": "muted"], text: language(.paperFileNote, paperFile))
    }

    body.element("h2", text: Label.typeInPaper.text(language))
    for row in rows { entryForm(row, meeting, exercise, csrf: csrf, maxLength: maxLength, into: body) }
    return document.pageBytes
  }

  /// A form per participant to type in (or correct) answers and set the status.
  static func entryForm(
    _ row: Row, _ meeting: MeetingCatalog.Meeting, _ exercise: Exercise, csrf: String, maxLength: Int?,
    into body: XHTMLElement
  ) {
    let program = meeting.program
    let language = program.language
    let id = "p\(row.participant.id)"
    let form = body.element(
      "form", ["method": "post", "action": ServerPaths.answers(series: program.series, program: program.id), "id": id])
    form.element("input", ["type": "hidden", "name": "csrf", "value": csrf])
    form.element("input", ["type": "hidden", "name": "participant", "value": String(row.participant.id)])
    // What the page showed, so a save cannot overwrite a newer answer from the participant.
    form.element("input", ["type": "hidden", "name": "seen", "value": row.answer.map { String($0.revision) } ?? ""])
    let fieldset = form.element("fieldset")
    fieldset.element("legend", text: row.participant.name)
    let values = FollowUpFields.Values(responses: row.answer?.responses ?? [], maxLength: maxLength)
    FollowUpFields.questions(exercise, idPrefix: id, values: values, rows: { _ in 2 }, into: fieldset)
    FollowUpFields.report(exercise, language, idPrefix: id, values: values, rows: { _ in 2 }, into: fieldset)
    let statusID = "\(id)-status"
    fieldset.element("label", ["for": statusID], text: program.meetingLabel(.statusAtNextMeeting))
    let select = fieldset.element("select", ["id": statusID, "name": "status"])
    let none = select.element("option", ["value": ""], text: "—")
    if row.answer?.status == nil { none.setAttribute("selected", "selected") }
    for status in FollowUpAnswer.Status.allCases {
      let option = select.element("option", ["value": status.rawValue], text: status.text(language))
      if row.answer?.status == status { option.setAttribute("selected", "selected") }
    }
    if let scale = exercise.scale {
      let stageID = "\(id)-stage"
      fieldset.element("label", ["for": stageID], text: scale.label)
      let stages = fieldset.element("select", ["id": stageID, "name": "stage"])
      let empty = stages.element("option", ["value": ""], text: "—")
      if row.answer?.stage == nil { empty.setAttribute("selected", "selected") }
      for stage in scale.stages {
        let option = stages.element("option", ["value": stage], text: stage)
        if row.answer?.stage == stage { option.setAttribute("selected", "selected") }
      }
    }
    fieldset.element("button", ["type": "submit"], text: Label.save.text(language))
  }
}
