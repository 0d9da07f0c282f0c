import Foundation
import Hummingbird
import WorkshopKit
import WorkshopKitStore

/// `/facilitator/…`: the meetings, each meeting's tracker with its paper-entry forms, the
/// CSV export and the day's view. Added to a route group behind `FacilitatorAuthMiddleware`,
/// so every handler here runs for the facilitator only.
struct FacilitatorRoutes {
  let server: FollowUpServer

  func add(to group: RouterGroup<FollowUpRequestContext>) {
    group.get { _, _ in FollowUpServer.page(TrackerPage.meetings(await server.catalog.current().all)) }
    group.get(":series/:program") { request, context in try await tracker(request, context) }
    group.post(":series/:program/answers") { request, context in try await save(request, context) }
    group.get(":series/:program/export.csv") { _, context in try await export(context) }
    group.get(":series/:program/today") { request, context in try await today(request, context) }
    group.get(":series/:program/attendance") { request, context in try await attendance(request, context) }
    group.post(":series/:program/attendance") { request, context in try await saveAttendance(request, context) }
    group.get(":series/:program/evaluation") { _, context in try await evaluationResults(context) }
  }

  /// The facilitator's form, with its CSRF token checked; a 403 page for one out of date.
  func submittedForm(_ request: Request, _ context: FollowUpRequestContext, for program: Program) async throws
    -> SubmittedForm
  {
    let form = try await request.decode(as: SubmittedForm.self, context: context)
    guard server.csrf.isValid(form["csrf"], for: purpose(program), now: server.configuration.now()) else {
      throw PageError(
        FollowUpServer.page(
          Pages.message(
            Pages.statusTitle(.forbidden, program.language), FollowUpServer.expired(program.language),
            language: program.language),
          status: .forbidden))
    }
    return form
  }

  /// A checkbox per participant: who was there.
  func attendance(_ request: Request, _ context: FollowUpRequestContext) async throws -> Response {
    let program = try await meeting(context).program
    let participants = try await server.store.participants(series: program.series)
    let (present, walkIns) = try await server.store.attendance(series: program.series, program: program.id)
    // The sign-in sheet typed in (`attendance/<program>.yaml`), if it is: what to start from.
    let folder = (program.file as NSString).deletingLastPathComponent
    let paper = MeetingRecords.path(inSeries: folder, "attendance", program: program.id).flatMap { path in
      MeetingRecords.readAttendance(path, roster: program.participants).0.map {
        (present: $0.present, file: "attendance/" + (path as NSString).lastPathComponent)
      }
    }
    let skipped = request.uri.queryParameters.get("skipped").flatMap { Int($0) } ?? 0
    return FollowUpServer.page(
      RecordPages.attendance(
        program, participants: participants, present: present, walkIns: walkIns, paper: paper, skipped: skipped,
        action: ServerPaths.attendance(series: program.series, program: program.id),
        csrf: server.csrf.token(for: purpose(program), now: server.configuration.now()),
        notice: request.uri.queryParameters.get("saved") != nil ? Label.attendanceSaved.text(program.language) : nil))
  }

  func saveAttendance(_ request: Request, _ context: FollowUpRequestContext) async throws -> Response {
    let program = try await meeting(context).program
    let form = try await submittedForm(request, context, for: program)
    let participants = try await server.store.participants(series: program.series)
    var present: [Int64: Bool] = [:]
    for participant in participants { present[participant.id] = form["p\(participant.id)"] == "1" }
    // A name written in that is on the roster ticks its box; the others are walk-ins,
    // each once, as written.
    var walkIns: [String] = []
    var skipped = 0
    for line in (form["walk-ins"] ?? "").split(whereSeparator: \.isNewline) {
      let name = line.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      guard !name.isEmpty else { continue }
      guard name.unicodeScalars.count <= RecordPages.walkInLength else {
        skipped += 1
        continue
      }
      if let person = participants.first(where: { $0.name.lowercased() == name.lowercased() }) {
        present[person.id] = true
      } else if !walkIns.contains(where: { $0.lowercased() == name.lowercased() }) {
        walkIns.append(name)
      }
    }
    try await server.store.setAttendance(
      series: program.series, program: program.id, present: present, walkIns: walkIns)
    return FollowUpServer.redirect(
      to: ServerPaths.attendance(series: program.series, program: program.id) + "?saved=1"
        + (skipped > 0 ? "&skipped=\(skipped)" : ""))
  }

  /// Counts per value, means and the open answers of the meeting's evaluation.
  func evaluationResults(_ context: FollowUpRequestContext) async throws -> Response {
    let program = try await meeting(context).program
    guard let evaluation = program.evaluation else { return FollowUpServer.notFound() }
    let (answered, answers) = try await server.store.evaluations(series: program.series, program: program.id)
    return FollowUpServer.page(RecordPages.evaluationResults(program, evaluation, answered: answered, answers: answers))
  }

  /// The series and program folders named by the path, percent-decoded.
  func folders(_ context: FollowUpRequestContext) throws(PageError) -> (series: String, program: String) {
    guard let series = ServerPaths.decodedSegment(context.parameters.get("series")),
      let program = ServerPaths.decodedSegment(context.parameters.get("program"))
    else { throw PageError(FollowUpServer.notFound()) }
    return (series, program)
  }

  /// The meeting a page is about; a 404 page for an unknown one.
  func meeting(_ context: FollowUpRequestContext) async throws(PageError) -> MeetingCatalog.Meeting {
    let (series, program) = try folders(context)
    guard let meeting = await server.catalog.current().meeting(series: series, program: program) else {
      throw PageError(FollowUpServer.notFound())
    }
    return meeting
  }

  /// The meeting a follow-up page is about, with its follow-up exercise; a 404 page for an
  /// unknown meeting or one without a follow-up (it has its attendance and evaluation only).
  func followUp(_ context: FollowUpRequestContext) async throws(PageError) -> (MeetingCatalog.Meeting, Exercise) {
    let meeting = try await meeting(context)
    guard let exercise = meeting.exercise else { throw PageError(FollowUpServer.notFound()) }
    return (meeting, exercise)
  }

  func purpose(_ program: Program) -> CSRFToken.Purpose { .facilitator(series: program.series, program: program.id) }

  func tracker(_ request: Request, _ context: FollowUpRequestContext) async throws -> Response {
    let (meeting, exercise) = try await followUp(context)
    let program = meeting.program
    let saved = request.uri.queryParameters.get("saved") != nil
    // Answers typed in from paper into the series' follow-up file count too: read as the
    // build reads them, each time, as the file may change while the server runs.
    let folder = PathText.folder(of: program.file)
    let file = FollowUpFile.path(inSeries: folder, program: program.id)
    let paper = file.flatMap { FollowUpFile.read($0, exercise: exercise).answers } ?? []
    let relative = file.map { String($0.dropFirst(folder.isEmpty ? 0 : folder.count + 1)) }
    return FollowUpServer.page(
      TrackerPage.render(
        meeting, exercise, rows: try await rows(meeting, paper: paper), paperFile: paper.isEmpty ? nil : relative,
        csrf: server.csrf.token(for: purpose(program), now: server.configuration.now()),
        notice: saved ? Label.paperAnswerSaved.text(program.language) : nil,
        maxLength: server.configuration.maxAnswerLength))
  }

  func rows(_ meeting: MeetingCatalog.Meeting, paper: [FollowUpAnswer] = []) async throws -> [TrackerPage.Row] {
    let program = meeting.program
    let participants = try await server.store.participants(series: program.series)
    // Each answer under the question it answered, where the form's questions changed since.
    let questions = meeting.exercise.map { FollowUpFields.questionTexts($0, program.language) }
    let answers = try await server.store.answers(series: program.series, program: program.id).map { entry in
      (participant: entry.participant, answer: questions.map { entry.answer.aligned(to: $0) } ?? entry.answer)
    }
    var byID: [Int64: StoredAnswer] = [:]
    for entry in answers { byID[entry.participant.id] = entry.answer }
    let onPaper = FollowUpFile.answersByName(paper, program: program)
    let absent = Set(program.absent.map(\.value))
    return participants.map { participant in
      var row = TrackerPage.Row(
        participant: participant, answer: byID[participant.id], paper: onPaper[participant.name])
      row.absent = absent.contains(participant.name)
      // A pair of the day shares a form: the partner's saved answer counts for both.
      if row.answer == nil, row.paper == nil {
        row.partner = FollowUpServer.partnerAnswer(partners: meeting.partners(of: participant.name), in: answers)
      }
      return row
    }
  }

  func save(_ request: Request, _ context: FollowUpRequestContext) async throws -> Response {
    let (meeting, exercise) = try await followUp(context)
    let program = meeting.program
    let form = try await submittedForm(request, context, for: program)
    let language = program.language
    let limit = server.configuration.maxAnswerLength
    if let question = try form.questionAnsweredTooLong(
      limit: limit, { FollowUpFields.question(answeredIn: $0, exercise, language) })
    {
      return notSaved(language(.answerTooLong, question, limit), program, status: .contentTooLarge)
    }
    // A stage or status no form of the tracker offers (the scale was changed while the page
    // was open) is refused, rather than saved as none.
    let stage = form["stage"].flatMap { $0.isEmpty ? nil : $0 }
    let status = form["status"].flatMap { $0.isEmpty ? nil : $0 }
    let unknownStage = stage.flatMap { exercise.scale?.stages.contains($0) == true ? nil : $0 }
    if let unknown = unknownStage ?? status.flatMap({ FollowUpAnswer.Status(rawValue: $0) == nil ? $0 : nil }) {
      return notSaved(language(.unknownChoice, unknown), program, status: .unprocessableContent)
    }
    let participants = try await server.store.participants(series: program.series)
    guard let id = form["participant"].flatMap(Int64.init), participants.contains(where: { $0.id == id }) else {
      return FollowUpServer.notFound()
    }
    let responses = FollowUpFields.responses(exercise, program.language) { form[$0] }
    let questions = FollowUpFields.questionTexts(exercise, program.language)
    let previous = try await server.store.answer(series: program.series, program: program.id, participantID: id)?
      .aligned(to: questions)
    // The same texts, whatever empty fields the form has gained since the save (an answer
    // saved before the exercise had `report:` questions has none of theirs).
    let unchangedOnline =
      previous?.source == .online && previous.map { StoredAnswer.texts($0.responses) } == StoredAnswer.texts(responses)
    // The page showed the answer as of `seen`; a participant's later save wins over it.
    let saved = try await server.store.save(
      AnswerSubmission(
        series: program.series, program: program.id, participantID: id, responses: responses,
        questions: questions, status: status.flatMap(FollowUpAnswer.Status.init(rawValue:)), stage: stage,
        source: unchangedOnline ? .online : .paper),
      ifRevision: form["seen"].flatMap { Int($0) })
    guard saved != nil else {
      return notSaved(
        program.language == .da
          ? "Svaret er ændret, efter du åbnede oversigten. Åbn den igen, og gem igen."
          : "The answer changed after you opened the tracker. Open it again and save again.",
        program, status: .conflict)
    }
    return FollowUpServer.redirect(
      to: ServerPaths.tracker(series: program.series, program: program.id) + "?saved=1#p\(id)")
  }

  /// A paper answer not saved: why, that what was typed is still there a step back in the
  /// browser, and a link to the tracker.
  func notSaved(_ why: String, _ program: Program, status: HTTPResponse.Status) -> Response {
    let language = program.language
    return FollowUpServer.page(
      Pages.message(
        Pages.statusTitle(status, language), why, language: language,
        then: (
          language(.goBackToCorrect), ServerPaths.tracker(series: program.series, program: program.id),
          language(.backToTracker)
        )),
      status: status)
  }

  func export(_ context: FollowUpRequestContext) async throws -> Response {
    let (meeting, exercise) = try await followUp(context)
    let program = meeting.program
    let csv = try await server.store.csv(
      series: program.series, program: program.id,
      questions: exercise.questions.map(\.text) + exercise.reportQuestions(program.language))
    var headers = HTTPFields()
    headers[.contentType] = "text/csv; charset=utf-8"
    headers[.contentDisposition] = ServerPaths.attachment("\(program.series)-\(program.id)-followup.csv")
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: csv)))
  }

  /// The day itself: what is on now and next by the clock, and, for a delay the facilitator
  /// enters (`?behind=15`, a GET form: nothing is stored), the rest of the day replanned.
  func today(_ request: Request, _ context: FollowUpRequestContext) async throws -> Response {
    let (series, id) = try folders(context)
    guard let schedule = await server.catalog.current().meeting(series: series, program: id)?.schedule else {
      return FollowUpServer.notFound()
    }
    let now = server.configuration.now()
    let zone = TimeZone(identifier: schedule.program.timeZone) ?? server.configuration.timeZone
    let behindText = request.uri.queryParameters.get("behind") ?? ""
    let behind = Replanner.minutes(typed: behindText)
    // A rehearsal: `?at=10.30` (and `&day=2` of several) stands in for the wall clock.
    let query = request.uri.queryParameters
    // Typed as people type it (1030, kl. 10.30); one that cannot be read is said, not ignored.
    let atText = query.get("at").map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
    let dayText = query.get("day") ?? ""
    let rehearsal = atText.flatMap { text -> (day: Int, clock: ClockTime)? in
      let day = (dayText.isEmpty ? 1 : Int(dayText) ?? 0) - 1
      guard let clock = ClockTime(typed: text), schedule.program.scheduleDays.indices.contains(day) else {
        return nil
      }
      return (day, schedule.day(day).dayClock(clock))
    }
    var problems: [TodayPage.Problem] = []
    let followingText = query.get("following") ?? ""
    let following = TodayPage.following(from: followingText)
    if following == nil { problems.append(.unreadableFollowing(followingText)) }
    if let atText, rehearsal == nil {
      problems.append(.unreadableRehearsal(at: atText, day: dayText, days: schedule.program.scheduleDays.count))
    }
    let delayIsValid = behindText.isEmpty || (behind.map { (0...600).contains($0) } ?? false)
    if !delayIsValid { problems.append(.invalidDelay) }
    return FollowUpServer.page(
      TodayPage.render(
        schedule, now: now, zone: zone, behind: delayIsValid ? behind : nil, problems: problems,
        rehearsal: rehearsal, following: following ?? []),
      status: problems.isEmpty ? .ok : .badRequest)
  }
}
