import Foundation
import Hummingbird
import WorkshopKit
import WorkshopKitStore

/// `/f/<token>`: a participant's own follow-up form, behind their personal link, and the
/// meeting's evaluation; a meeting without a follow-up (the course's last) opens its
/// evaluation. Every link that does not open a form gets the same 404 page.
struct ParticipantRoutes {
  let server: FollowUpServer

  func add(to group: RouterGroup<FollowUpRequestContext>) {
    group.get(":token") { request, context in try await page(request, context) }
    group.post(":token") { request, context in try await save(request, context) }
    group.get(":token/evaluation") { request, context in try await evaluation(request, context) }
    group.post(":token/evaluation") { request, context in try await evaluate(request, context) }
  }

  /// What a link opens.
  struct Opened {
    var token: String
    var link: LinkRecord
    var meeting: MeetingCatalog.Meeting
  }

  /// The meeting and participant behind a link; a 404 page for any link that is not valid.
  func open(_ context: FollowUpRequestContext) async throws -> Opened {
    guard let token = ServerPaths.decodedSegment(context.parameters.get("token")), token.utf8.count <= 100,
      let link = try await server.store.link(forToken: token),
      let meeting = await server.catalog.current().meeting(series: link.series, program: link.program)
    else { throw PageError(FollowUpServer.notFound()) }
    return Opened(token: token, link: link, meeting: meeting)
  }

  func page(_ request: Request, _ context: FollowUpRequestContext) async throws -> Response {
    let opened = try await open(context)
    guard let exercise = opened.meeting.exercise else {
      // No follow-up form: the link is to the evaluation.
      guard opened.meeting.program.evaluation != nil else { throw PageError(FollowUpServer.notFound()) }
      return FollowUpServer.redirect(to: ServerPaths.evaluation(opened.token))
    }
    let language = opened.meeting.program.language
    let shown = try await shownAnswer(opened, questions: FollowUpFields.questionTexts(exercise, language))
    // "Saved" where something is: the address alone (a link copied after a save, a save
    // lost since) does not say it.
    let saved = request.uri.queryParameters.get("saved") != nil && shown != nil
    var state = Pages.FormState(
      responses: shown?.answer.responses ?? [], stage: shown?.answer.stage,
      notice: saved ? Label.saved.text(language) : nil, version: ShownAnswer.version(of: shown))
    // A form shared with a partner (a pair of the day): what the partner saved last, to go on from.
    if let partner = shown?.partner {
      state.notice = language(server.isClosed(opened.meeting) ? .partnerAnsweredClosed : .partnerAnswered, partner)
    }
    return form(opened, exercise, state: state)
  }

  /// The answer the participant's form shows (`ShownAnswer`): their own, or the one a
  /// partner who shares the form saved later; aligned to the questions as asked now.
  func shownAnswer(_ opened: Opened, questions: [String]) async throws -> ShownAnswer? {
    let link = opened.link
    let own = try await server.store.answer(
      series: link.series, program: link.program, participantID: link.participant.id)?.aligned(to: questions)
    // A row with a status alone (the facilitator's) is no answer to show over the partner's.
    let ownTexts = own.flatMap { $0.hasTexts ? $0 : nil }
    if let partner = try await partnerAnswer(opened),
      ownTexts.map({ $0.updatedAt < partner.answer.updatedAt }) ?? true
    {
      return ShownAnswer(answer: partner.answer.aligned(to: questions), partner: partner.name)
    }
    return own.map { ShownAnswer(answer: $0) }
  }

  /// The answer saved online by someone who shares the participant's form (`FollowUpServer.partnerAnswer`):
  /// only the partners' rows are read, and only for a shared form.
  func partnerAnswer(_ opened: Opened) async throws -> (name: String, answer: StoredAnswer)? {
    let program = opened.meeting.program
    let name = opened.link.participant.name
    let partners = opened.meeting.partners(of: name)
    guard !partners.isEmpty else { return nil }
    let answers = try await server.store.answers(series: program.series, program: program.id, of: partners)
    return FollowUpServer.partnerAnswer(partners: partners, in: answers)
  }

  func form(_ opened: Opened, _ exercise: Exercise, state: Pages.FormState, status: HTTPResponse.Status = .ok)
    -> Response
  {
    FollowUpServer.page(
      Pages.participantForm(
        opened.meeting, exercise, participant: opened.link.participant, state: state,
        action: ServerPaths.participant(opened.token),
        csrf: server.csrf.token(for: .participant(link: opened.token), now: server.configuration.now()),
        closed: server.isClosed(opened.meeting), evaluationOpen: evaluationIsOpen(opened.meeting),
        timeZone: opened.meeting.timeZone, maxLength: server.configuration.maxAnswerLength),
      status: status)
  }

  func save(_ request: Request, _ context: FollowUpRequestContext) async throws -> Response {
    let opened = try await open(context)
    let meeting = opened.meeting
    guard let exercise = meeting.exercise else { throw PageError(FollowUpServer.notFound()) }
    let language = meeting.program.language
    let form = try await request.decode(as: SubmittedForm.self, context: context)
    let responses = FollowUpFields.responses(exercise, language) { form[$0] }
    let stage = form["stage"].flatMap { $0.isEmpty ? nil : $0 }
    if server.isClosed(meeting) {
      // Closed while the page was open: what was typed comes back, read-only, to copy.
      return self.form(
        opened, exercise,
        state: Pages.FormState(responses: responses, stage: stage, problem: language(.notSavedClosed)),
        status: .forbidden)
    }
    let questions = FollowUpFields.questionTexts(exercise, language)
    let shown = try await shownAnswer(opened, questions: questions)
    let current = ShownAnswer.version(of: shown)
    // A form shown again keeps the draft on the device, and the version the page showed,
    // so a save from it is still checked against what was saved meanwhile.
    let version = form["shown"] ?? current
    if let stage, !(exercise.scale?.stages.contains(stage) ?? false) {
      // Not a stage of the scale (it was renamed while the page was open): the form again
      // with what was typed, rather than a saved answer without the stage it had.
      return self.form(
        opened, exercise,
        state: Pages.FormState(
          responses: responses, stage: nil, problem: language(.unknownChoice, stage), version: version),
        status: .unprocessableContent)
    }
    let limit = server.configuration.maxAnswerLength
    if let question = try form.questionAnsweredTooLong(
      limit: limit, { FollowUpFields.question(answeredIn: $0, exercise, language) })
    {
      // The form again with what was typed, so it can be shortened rather than typed again.
      return self.form(
        opened, exercise,
        state: Pages.FormState(
          responses: responses, stage: stage, problem: language(.answerTooLong, question, limit), version: version),
        status: .contentTooLarge)
    }
    guard server.csrf.isValid(form["csrf"], for: .participant(link: opened.token), now: server.configuration.now())
    else {
      // An expired form: shown again with what was typed and a fresh token, so nothing is lost.
      return self.form(
        opened, exercise,
        state: Pages.FormState(
          responses: responses, stage: stage, problem: FollowUpServer.expired(language), version: version),
        status: .forbidden)
    }
    if let shown, version != current, ShownAnswer.version(responses, stage: stage) != current {
      // Saved meanwhile, from another tab or device or by the partner: both on the page.
      return self.form(
        opened, exercise,
        state: Pages.FormState(
          responses: responses, stage: stage, problem: language(.answerChangedMeanwhile), version: current,
          saved: shown),
        status: .conflict)
    }
    _ = try await server.store.saveResponses(
      AnswerSubmission(
        series: opened.link.series, program: opened.link.program, participantID: opened.link.participant.id,
        responses: responses, questions: questions, stage: stage, source: .online))
    return FollowUpServer.redirect(to: ServerPaths.participant(opened.token) + "?saved=1")
  }
}

// MARK: - The meeting's evaluation, through the same personal link

extension ParticipantRoutes {
  /// Open from the meeting's first day until the next meeting starts (or 30 days after).
  func evaluationIsOpen(_ meeting: MeetingCatalog.Meeting) -> Bool {
    let program = meeting.program
    guard let opens = program.date.value.date(at: ClockTime(minutesSinceMidnight: 0), in: meeting.timeZone)
    else { return false }
    let closes = meeting.closesAt ?? opens.addingTimeInterval(30 * 24 * 3600)
    let now = server.configuration.now()
    return now >= opens && now < closes
  }

  func evaluation(_ request: Request, _ context: FollowUpRequestContext) async throws -> Response {
    let opened = try await open(context)
    guard let evaluation = opened.meeting.program.evaluation else { throw PageError(FollowUpServer.notFound()) }
    let program = opened.meeting.program
    let participant = opened.link.participant.id
    let done = try await server.store.hasEvaluated(participantID: participant, program: program.id)
    let answer =
      evaluation.anonymous ? nil : try await server.store.evaluation(participantID: participant, program: program.id)
    let saved = request.uri.queryParameters.get("saved") != nil
    return FollowUpServer.page(
      evaluationForm(
        opened, evaluation, answer: answer,
        state: RecordPages.EvaluationState(
          notice: saved ? Label.saved.text(program.language) : nil, done: evaluation.anonymous && done)))
  }

  /// The evaluation form of the link's meeting, open or closed as the clock says, with a
  /// fresh token.
  func evaluationForm(
    _ opened: Opened, _ evaluation: Evaluation, answer: EvaluationAnswer?, state: RecordPages.EvaluationState
  ) -> [UInt8] {
    let program = opened.meeting.program
    var state = state
    state.open = evaluationIsOpen(opened.meeting)
    state.maxLength = server.configuration.maxAnswerLength
    return RecordPages.evaluationForm(
      program, evaluation, answer: answer, action: ServerPaths.evaluation(opened.token),
      csrf: server.csrf.token(for: .participant(link: opened.token + "/evaluation"), now: server.configuration.now()),
      state: state)
  }

  func evaluate(_ request: Request, _ context: FollowUpRequestContext) async throws -> Response {
    let opened = try await open(context)
    let program = opened.meeting.program
    guard let evaluation = program.evaluation else { throw PageError(FollowUpServer.notFound()) }
    guard evaluationIsOpen(opened.meeting) else {
      return FollowUpServer.page(
        Pages.message(
          Label.evaluation.text(program.language), Label.evaluationClosed.text(program.language),
          language: program.language),
        status: .forbidden)
    }
    let form = try await request.decode(as: SubmittedForm.self, context: context)
    guard
      server.csrf.isValid(
        form["csrf"], for: .participant(link: opened.token + "/evaluation"), now: server.configuration.now())
    else {
      return FollowUpServer.page(
        Pages.message(
          Pages.statusTitle(.forbidden, program.language), FollowUpServer.expired(program.language),
          language: program.language), status: .forbidden)
    }
    let answer = EvaluationAnswer(
      scale: (0..<evaluation.scale.count).map { index in
        form["s\(index + 1)"].flatMap(Int.init).flatMap { Evaluation.values.contains($0) ? $0 : nil }
      },
      open: (0..<evaluation.open.count).map { form["o\($0 + 1)"] ?? "" })
    let limit = server.configuration.maxAnswerLength
    let openQuestion = { (field: String) -> String? in
      guard field.first == "o", let number = Int(field.dropFirst()), evaluation.open.indices.contains(number - 1)
      else { return nil }
      return evaluation.open[number - 1]
    }
    // A value the scale does not offer (a forged or garbled form) is refused with the form
    // back, as an unknown stage is, rather than saved as not answered.
    if let index = (0..<evaluation.scale.count).first(where: { index in
      form["s\(index + 1)"].map { !$0.isEmpty && !Evaluation.values.contains(Int($0) ?? 0) } ?? false
    }) {
      return FollowUpServer.page(
        evaluationForm(
          opened, evaluation, answer: answer,
          state: RecordPages.EvaluationState(
            problem: program.language(.unknownChoice, form["s\(index + 1)"] ?? ""))),
        status: .unprocessableContent)
    }
    if let question = try form.questionAnsweredTooLong(limit: limit, openQuestion) {
      // The form again with what was typed, so it can be shortened rather than typed again.
      return FollowUpServer.page(
        evaluationForm(
          opened, evaluation, answer: answer,
          state: RecordPages.EvaluationState(problem: program.language(.answerTooLong, question, limit))),
        status: .contentTooLarge)
    }
    _ = try await server.store.saveEvaluation(
      series: program.series, program: program.id, participantID: opened.link.participant.id, answer,
      anonymous: evaluation.anonymous)
    return FollowUpServer.redirect(to: ServerPaths.evaluation(opened.token) + "?saved=1")
  }
}

extension FollowUpServer {
  /// The answer saved by one of `partners`, who share a participant's form (a pair of the
  /// meeting's day, `MeetingCatalog.Meeting.partners(of:)`): the latest with something
  /// answered in it, when both saved (a status set alone makes no answer).
  static func partnerAnswer(
    partners: [String], in answers: [(participant: StoredParticipant, answer: StoredAnswer)]
  ) -> (name: String, answer: StoredAnswer)? {
    answers.filter { partners.contains($0.participant.name) && $0.answer.hasTexts }
      .max { $0.answer.updatedAt < $1.answer.updatedAt }
      .map { ($0.participant.name, $0.answer) }
  }

  static func expired(_ language: Language) -> String {
    language == .da
      ? "Formularen var udløbet og er ikke gemt. Se svarene efter, og gem igen."
      : "The form had expired and was not saved. Check the answers and save again."
  }
}
