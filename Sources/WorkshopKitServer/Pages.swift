import Foundation
import Hummingbird
import WorkshopKit
import WorkshopKitStore

/// The server's pages, XHTML through the kit's libxml2 door, in the meeting's language.
enum Pages {
  struct FormState {
    var responses: [String]
    var stage: String?
    var notice: String?
    var problem: String?
    /// The version of the answer the form was filled from (`ShownAnswer.version`): sent
    /// back with the form, and what a draft kept on the device belongs to (`DraftKeeper`).
    var version = "0"
    /// The answer saved meanwhile, shown above the fields when a save was refused for it.
    var saved: ShownAnswer?
  }

  /// The participant's follow-up form, as the kit prints it: same questions, same language.
  static func participantForm(
    _ meeting: MeetingCatalog.Meeting, _ exercise: Exercise, participant: StoredParticipant, state: FormState,
    action: String,
    csrf: String, closed: Bool, evaluationOpen: Bool = true, timeZone: TimeZone, maxLength: Int
  ) -> [UInt8] {
    let program = meeting.program
    let language = program.language
    let document = ServerPage(
      title: "\(exercise.title) – \(program.title)", runningTitle: program.runningTitle(), language: language)
    let body = document.content
    let header = body.element("header")
    header.element("p", ["class": "muted"], text: Label.followUp.text(language))
    header.element("h1", text: exercise.title)
    header.element(
      "p",
      text: [program.title, program.meetingText(), program.datesText()]
        .compactMap { $0 }.joined(separator: " · "))
    if let notice = state.notice { body.element("p", ["class": "box", "role": "status"], text: notice) }
    if let problem = state.problem { body.element("p", ["class": "box", "role": "alert"], text: problem) }
    if closed {
      body.element("p", ["class": "box"], text: program.meetingLabel(.formClosed))
    } else if let closesAt = meeting.closesAt {
      body.element("p", text: language(.editUntil, closingTime(closesAt, language, timeZone)))
    }
    if let saved = state.saved {
      savedAnswer(
        saved, by: saved.partner ?? participant.name, FollowUpFields.questionTexts(exercise, language), language,
        timeZone, into: body)
    }
    let form = body.element("form", ["method": "post", "action": action])
    form.element("input", ["type": "hidden", "name": "csrf", "value": csrf])
    form.element("input", ["type": "hidden", "name": "shown", "value": state.version])
    let fieldset = form.element("fieldset")
    fieldset.element("legend", text: participant.name)
    // The printed form's fields, filled in: the same questions, the same stages.
    let values = FollowUpFields.Values(
      responses: state.responses, stage: state.stage, readOnly: closed, maxLength: maxLength)
    FollowUpFields.questions(exercise, idPrefix: "", values: values, rows: { _ in 4 }, into: fieldset)
    FollowUpFields.report(exercise, language, idPrefix: "", values: values, into: fieldset)
    FollowUpFields.scale(exercise, idPrefix: "", values: values, into: fieldset)
    if !closed {
      form.element("button", ["type": "submit"], text: Label.save.text(language))
      DraftKeeper.keep(form, key: action, version: state.version, language: language)
      // A refused save brings back what was typed: not saved, so kept as a draft.
      if state.problem != nil { form.setAttribute("data-unsaved", "true") }
      DraftKeeper.addScript(to: body)
    }
    // The evaluation is linked while it can be answered: from the meeting's day.
    if program.evaluation != nil, evaluationOpen {
      body.element("p").element("a", ["href": action + "/evaluation"], text: language(.evaluateTheMeeting))
    }
    return document.pageBytes
  }

  /// The answer saved while the participant typed another: each question answered, and
  /// the stage, as saved, so the two can be compared before saving again.
  static func savedAnswer(
    _ saved: ShownAnswer, by name: String, _ questions: [String], _ language: Language, _ timeZone: TimeZone,
    into body: XHTMLElement
  ) {
    let section = body.element("section", ["class": "box saved-answer", "aria-labelledby": "saved-answer"])
    section.element("h2", ["id": "saved-answer"], text: language(.savedAnswer))
    section.element(
      "p", ["class": "muted"], text: language(.savedByOn, name, savedAt(saved.answer.updatedAt, language, timeZone)))
    let list = section.element("dl")
    for (question, text) in zip(questions, saved.answer.responses) where !text.isEmpty {
      list.element("dt", text: question)
      list.element("dd", ["class": "answer"], text: text)
    }
    if let stage = saved.answer.stage {
      list.element("dt", text: language(.stage))
      list.element("dd", text: stage)
    }
  }

  /// The same page for every unknown link, so it tells nothing about which meetings exist.
  static func notFound() -> [UInt8] {
    bilingual(
      (Label.notFound.text(.da), Label.notFound.text(.en)), da: Label.notFoundDetail.text(.da),
      en: Label.notFoundDetail.text(.en))
  }

  /// 503 for a database that cannot be used right now (another process holds its lock, the
  /// disk is full): what to do, in both languages, never the database's path.
  static func unavailableResponse() -> Response {
    var response = FollowUpServer.page(
      bilingual(
        .serviceUnavailable,
        da: "Svarene kan ikke hentes eller gemmes lige nu. Vent et øjeblik, og prøv igen (gå tilbage, så dine "
          + "svar stadig står i formularen).",
        en: "The answers cannot be read or saved right now. Wait a moment and try again (go back, so your "
          + "answers are still in the form)."),
      status: .serviceUnavailable)
    response.headers[.retryAfter] = "5"
    return response
  }

  /// What a refusal is, in words: a page titled only "413" tells a participant nothing.
  static func statusWords(_ status: HTTPResponse.Status) -> (da: String, en: String) {
    switch status.code {
    case 400: ("Forespørgslen kunne ikke læses", "The request could not be read")
    case 401: ("Log ind", "Sign in")
    case 403: ("Ikke tilladt", "Not allowed")
    case 408: ("Tiden løb ud", "Timed out")
    case 409: ("Svaret er ændret imens", "The answer changed meanwhile")
    case 413: ("For meget tekst", "Too much text")
    case 415: ("Ukendt formularformat", "Unknown form format")
    case 422: ("Ugyldigt valg", "Invalid choice")
    case 429: ("For mange forsøg", "Too many attempts")
    case 503: ("Ikke tilgængelig lige nu", "Not available right now")
    case 500...: ("Noget gik galt", "Something went wrong")
    default: (status.reasonPhrase, status.reasonPhrase)
    }
  }

  /// "For meget tekst (413)": a refusal's title in the meeting's language, with its code.
  static func statusTitle(_ status: HTTPResponse.Status, _ language: Language) -> String {
    let words = statusWords(status)
    return "\(language == .da ? words.da : words.en) (\(status.code))"
  }

  /// A short page in Danish and English, for what is answered before the meeting, and so
  /// its language, is known: titled in both, the English marked as such; `code`, the
  /// status code after the title.
  static func bilingual(_ title: (da: String, en: String), code: Int? = nil, da: String, en: String) -> [UInt8] {
    let number = code.map { " (\($0))" } ?? ""
    let document = ServerPage(
      title: (title.en == title.da ? title.da : "\(title.da) / \(title.en)") + number, runningTitle: title.da,
      language: .da)
    let heading = document.content.element("h1", text: title.da)
    if title.en != title.da {
      heading.text(" ")
      heading.element("span", ["lang": "en", "xml:lang": "en", "class": "muted"], text: "/ " + title.en)
    }
    if !number.isEmpty { heading.text(number) }
    document.content.element("p", text: da)
    document.content.element("p", ["lang": "en", "xml:lang": "en"], text: en)
    return document.pageBytes
  }

  /// A bilingual page for a refusal: titled by what its status means, in both languages.
  static func bilingual(_ status: HTTPResponse.Status, da: String, en: String) -> [UInt8] {
    bilingual(statusWords(status), code: status.code, da: da, en: en)
  }

  /// A short page for errors that are not the visitor's fault to fix by editing; `then`,
  /// what to do next and a link to where to do it.
  static func message(
    _ title: String, _ detail: String, language: Language = .da,
    then: (advice: String, link: String, linkText: String)? = nil
  ) -> [UInt8] {
    let document = ServerPage(title: title, runningTitle: title, language: language)
    document.content.element("h1", text: title)
    document.content.element("p", text: detail)
    if let then {
      document.content.element("p", text: then.advice)
      document.content.element("p").element("a", ["href": then.link], text: then.linkText)
    }
    return document.pageBytes
  }

  /// When a form closes, in words: "torsdag den 3. juni 2013 kl. 09.00"; at midnight (the
  /// next meeting's start unknown), the end of the day before, which is what it means:
  /// "udgangen af søndag den 2. juni 2013", not "mandag den 3. juni 2013 kl. 00.00".
  static func closingTime(_ date: Date, _ language: Language, _ zone: TimeZone) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let parts = calendar.dateComponents([.hour, .minute], from: date)
    guard parts.hour == 0, parts.minute == 0 else { return dateTime(date, language, zone) }
    let day = calendar.dateComponents([.year, .month, .day], from: date.addingTimeInterval(-1))
    guard let year = day.year, let month = day.month, let dayOfMonth = day.day,
      let before = CalendarDate(year: year, month: month, day: dayOfMonth)
    else { return dateTime(date, language, zone) }
    let words = DateText.long(before, language)
    return language == .da ? "udgangen af \(words)" : "the end of \(words)"
  }

  /// "mandag den 3. juni 2013 kl. 09.00" / "Monday 3 June 2013 at 09:00"; `short`: "3. juni
  /// 2013 kl. 09.00" / "3 June 2013 at 09:00".
  static func dateTime(_ date: Date, _ language: Language, _ zone: TimeZone, short: Bool = false) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    guard let year = parts.year, let month = parts.month, let day = parts.day,
      let calendarDate = CalendarDate(year: year, month: month, day: day),
      let time = ClockTime(hour: parts.hour ?? 0, minute: parts.minute ?? 0)
    else { return "" }
    let words = short ? "\(DateText.short(calendarDate, language)) \(year)" : DateText.long(calendarDate, language)
    return language == .da ? "\(words) kl. \(time.formatted(.da))" : "\(words) at \(time.formatted(.en))"
  }

  /// When the store saved something (UTC, as SQLite writes it: "2013-05-02T07:30:00.000Z"),
  /// in words in the meeting's time zone; as stored where it cannot be read.
  static func savedAt(_ stored: String, _ language: Language, _ zone: TimeZone) -> String {
    // Read by hand: the tracker shows one per participant, and a date formatter per row
    // costs more than the row.
    let fields = stored.split(whereSeparator: { "-T:.Z".contains($0) }).map { Int($0) }
    guard stored.hasSuffix("Z"), fields.count >= 6, fields.allSatisfy({ $0 != nil }),
      let day = CalendarDate(year: fields[0]!, month: fields[1]!, day: fields[2]!),
      let time = ClockTime(hour: fields[3]!, minute: fields[4]!),
      let date = day.date(at: time, in: .gmt)
    else { return stored }
    return dateTime(date, language, zone, short: true)
  }
}

/// A server page: a document in the kit's frame whose content goes in `main`, the one
/// landmark a screen reader's "skip to content" jumps to.
struct ServerPage {
  let document: XHTMLDocument
  /// Where the page's content goes: `<main>` in the document's body.
  let content: XHTMLElement

  init(title: String, runningTitle: String, language: Language) {
    document = .kitDocument(title: title, runningTitle: runningTitle, language: language)
    content = document.body.element("main")
  }

  /// The page's bytes. libxml2 fails to serialise only when memory runs out; the server then
  /// answers with a fixed page rather than an empty body.
  var pageBytes: [UInt8] {
    (try? document.serialized()) ?? Array(Self.unavailablePage.utf8)
  }

  static let unavailablePage = """
    <?xml version="1.0" encoding="UTF-8"?>
    <!DOCTYPE html>
    <html xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en"><head><meta charset="UTF-8"/>\
    <title>Try again</title></head><body><h1>Try again</h1>\
    <p>The server could not write this page; reload it in a moment.</p></body></html>
    """
}
