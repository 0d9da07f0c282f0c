import Foundation
import Hummingbird
import Logging
import WorkshopKit
import WorkshopKitStore

/// The follow-up server: participants fill in their forms through personal links, the
/// facilitator watches the answers arrive and types in paper ones.
public struct FollowUpServer: Sendable {
  public let configuration: ServerConfiguration
  let store: FollowUpStore
  let catalog: MeetingCatalog
  let csrf: CSRFToken

  public init(configuration: ServerConfiguration, store: FollowUpStore) throws {
    self.configuration = configuration
    self.store = store
    catalog = try MeetingCatalog(
      programsDirectory: configuration.programsDirectory, exercisesDirectory: configuration.exercisesDirectory,
      timeZone: configuration.timeZone)
    csrf = CSRFToken(secret: try store.secret())
    // Everyone on a roster shows on the tracker, answered or not.
    var synced = Set<String>()
    for meeting in catalog.all where synced.insert(meeting.program.series).inserted {
      _ = try store.syncParticipants(series: meeting.program.series, meeting.program.participants)
    }
  }

  public var meetings: [MeetingCatalog.Meeting] { catalog.all }

  /// The Hummingbird application, bound to the configured host and port.
  public func application(logger: Logger? = nil, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
    -> some ApplicationProtocol
  {
    Application(
      router: router(),
      configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "WorkshopKit"),
      onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
      logger: logger ?? Logger(label: "workshopkit.server"))
  }

  func router() -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.get("f/:token") { request, context in try participantPage(request, context) }
    router.post("f/:token") { request, context in try await participantSave(request, context) }
    router.get("facilitator") { request, _ in try facilitatorIndex(request) }
    router.get("facilitator/:series/:program") { request, context in try trackerPage(request, context) }
    router.post("facilitator/:series/:program/answers") { request, context in
      try await trackerSave(request, context)
    }
    router.get("facilitator/:series/:program/export.csv") { request, context in try trackerExport(request, context) }
    router.get("facilitator/:series/:program/today") { request, context in try todayPage(request, context) }
    router.get("health") { _, _ in "ok" }
    return router
  }

  // MARK: Participants

  /// The meeting and participant behind a link, or nil for any link that is not valid.
  func resolve(_ context: BasicRequestContext) throws -> (LinkRecord, MeetingCatalog.Meeting)? {
    guard let token = context.parameters.get("token"), token.count <= 100,
      let link = try storeCall({ try store.link(forToken: token) }),
      let meeting = catalog.meeting(series: link.series, program: link.program)
    else { return nil }
    return (link, meeting)
  }

  func isClosed(_ meeting: MeetingCatalog.Meeting) -> Bool {
    guard let closesAt = meeting.closesAt else { return false }
    return configuration.now() >= closesAt
  }

  func participantPage(_ request: Request, _ context: BasicRequestContext) throws -> Response {
    guard let (link, meeting) = try resolve(context), let token = context.parameters.get("token") else {
      return Self.page(Pages.notFound(), status: .notFound)
    }
    let answer = try storeCall {
      try store.answer(series: link.series, program: link.program, participantID: link.participant.id)
    }
    let saved = request.uri.queryParameters.get("saved") != nil
    let state = Pages.FormState(
      responses: answer?.responses ?? [], stage: answer?.stage,
      notice: saved ? Label.saved.text(meeting.program.language) : nil)
    return Self.page(
      Pages.participantForm(
        meeting, participant: link.participant, state: state, action: "/f/\(token)",
        csrf: csrf.token(for: "participant:\(token)"), closed: isClosed(meeting), timeZone: meeting.timeZone))
  }

  func participantSave(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
    guard let (link, meeting) = try resolve(context), let token = context.parameters.get("token") else {
      return Self.page(Pages.notFound(), status: .notFound)
    }
    let language = meeting.program.language
    if isClosed(meeting) {
      return Self.page(
        Pages.message(Label.followUp.text(language), Label.formClosed.text(language), language: language),
        status: .forbidden)
    }
    let questions = meeting.exercise.questions.count
    let form = try await readForm(request)
    guard csrf.isValid(form["csrf"], for: "participant:\(token)") else { return Self.forbidden(language) }
    let responses = (1...max(1, questions)).prefix(questions).map { form["q\($0)"] ?? "" }
    var stage = form["stage"].flatMap { $0.isEmpty ? nil : $0 }
    if let given = stage, !(meeting.exercise.scale?.stages.contains(given) ?? false) { stage = nil }
    _ = try storeCall {
      try store.saveResponses(
        StoredAnswer(
          series: link.series, program: link.program, participantID: link.participant.id, responses: responses,
          status: nil, stage: stage, source: .online, updatedAt: ""))
    }
    return Response.redirect(to: "/f/\(token)?saved=1", type: .normal)
  }

  // MARK: Facilitator

  /// The key as an HTTP Basic password (any user name) or a Bearer token.
  func isFacilitator(_ request: Request) -> Bool {
    guard let header = request.headers[.authorization] else { return false }
    var presented: String?
    if header.hasPrefix("Bearer ") {
      presented = String(header.dropFirst("Bearer ".count))
    } else if header.hasPrefix("Basic "), let data = Data(base64Encoded: String(header.dropFirst("Basic ".count))),
      let credentials = String(data: data, encoding: .utf8), let colon = credentials.firstIndex(of: ":")
    {
      presented = String(credentials[credentials.index(after: colon)...])
    }
    guard let presented else { return false }
    return constantTimeEqual(Array(presented.utf8), Array(configuration.facilitatorKey.utf8))
  }

  static func unauthorized() -> Response {
    var response = page(
      Pages.message(
        Label.facilitatorSignIn.text(.da), "Log ind med facilitatornøglen. / Sign in with the facilitator key."),
      status: .unauthorized)
    response.headers[.wwwAuthenticate] = "Basic realm=\"WorkshopKit facilitator\", charset=\"UTF-8\""
    return response
  }

  /// The meeting a facilitator page is about; a missing key is 401, an unknown meeting 404.
  func facilitatorMeeting(_ request: Request, _ context: BasicRequestContext) throws(PageError)
    -> MeetingCatalog.Meeting
  {
    guard isFacilitator(request) else { throw PageError(Self.unauthorized()) }
    guard let series = context.parameters.get("series"), let program = context.parameters.get("program"),
      let meeting = catalog.meeting(series: series, program: program)
    else { throw PageError(Self.page(Pages.notFound(), status: .notFound)) }
    return meeting
  }

  func facilitatorIndex(_ request: Request) throws -> Response {
    guard isFacilitator(request) else { return Self.unauthorized() }
    return Self.page(TrackerPage.meetings(catalog.all))
  }

  /// The day itself: what is on now and next by the clock, and, for a delay the facilitator
  /// enters (`?behind=15`, a GET form: nothing is stored), the rest of the day replanned.
  func todayPage(_ request: Request, _ context: BasicRequestContext) throws -> Response {
    guard isFacilitator(request) else { return Self.unauthorized() }
    guard let series = context.parameters.get("series"), let id = context.parameters.get("program"),
      let schedule = catalog.schedule(series: series, program: id)
    else { return Self.page(Pages.notFound(), status: .notFound) }
    let zone = TimeZone(identifier: schedule.program.timeZone) ?? configuration.timeZone
    let behindText = request.uri.queryParameters.get("behind") ?? ""
    let behind = Int(behindText.trimmingCharacters(in: .whitespaces))
    guard behindText.isEmpty || (behind.map { (0...600).contains($0) } ?? false) else {
      return Self.page(
        TodayPage.render(schedule, now: configuration.now(), zone: zone, behind: nil, error: .invalidDelay),
        status: .badRequest)
    }
    return Self.page(TodayPage.render(schedule, now: configuration.now(), zone: zone, behind: behind, error: nil))
  }

  func trackerRows(_ meeting: MeetingCatalog.Meeting) throws -> [TrackerPage.Row] {
    let program = meeting.program
    let participants = try storeCall { try store.participants(series: program.series) }
    let answers = try storeCall { try store.answers(series: program.series, program: program.id) }
    var byID: [Int64: StoredAnswer] = [:]
    for entry in answers { byID[entry.participant.id] = entry.answer }
    return participants.map { TrackerPage.Row(participant: $0, answer: byID[$0.id]) }
  }

  func trackerPage(_ request: Request, _ context: BasicRequestContext) throws -> Response {
    let meeting = try facilitatorMeeting(request, context)
    let program = meeting.program
    let saved = request.uri.queryParameters.get("saved") != nil
    return Self.page(
      TrackerPage.render(
        meeting, rows: try trackerRows(meeting), csrf: csrf.token(for: "facilitator:\(program.series)/\(program.id)"),
        notice: saved ? Label.saved.text(program.language) : nil))
  }

  func trackerSave(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
    let meeting = try facilitatorMeeting(request, context)
    let program = meeting.program
    let form = try await readForm(request)
    guard csrf.isValid(form["csrf"], for: "facilitator:\(program.series)/\(program.id)") else {
      return Self.forbidden(program.language)
    }
    let participants = try storeCall { try store.participants(series: program.series) }
    guard let id = form["participant"].flatMap(Int64.init), participants.contains(where: { $0.id == id }) else {
      return Self.page(Pages.notFound(), status: .notFound)
    }
    let questions = meeting.exercise.questions.count
    let responses = (0..<questions).map { form["q\($0 + 1)"] ?? "" }
    let status = form["status"].flatMap(FollowUpAnswer.Status.init(rawValue:))
    let stage = form["stage"].flatMap { meeting.exercise.scale?.stages.contains($0) == true ? $0 : nil }
    let previous = try storeCall { try store.answer(series: program.series, program: program.id, participantID: id) }
    let unchangedOnline = previous?.source == .online && previous?.responses == responses
    // The page showed the answer as of `seen`; a participant's later save wins over it.
    let seen = form["seen"].flatMap { Int($0) }
    let saved = try storeCall {
      try store.save(
        StoredAnswer(
          series: program.series, program: program.id, participantID: id, responses: responses, status: status,
          stage: stage, source: unchangedOnline ? .online : .paper, updatedAt: ""),
        ifRevision: seen)
    }
    guard saved != nil else {
      return Self.page(
        Pages.message(
          "409",
          program.language == .da
            ? "Svaret er ændret, siden siden blev åbnet. Genindlæs siden og gem igen."
            : "The answer changed after you opened the page. Reload it and save again.",
          language: program.language),
        status: .conflict)
    }
    return Response.redirect(to: "/facilitator/\(program.series)/\(program.id)?saved=1#p\(id)", type: .normal)
  }

  func trackerExport(_ request: Request, _ context: BasicRequestContext) throws -> Response {
    let meeting = try facilitatorMeeting(request, context)
    let program = meeting.program
    let csv = try storeCall {
      try store.csv(series: program.series, program: program.id, questions: meeting.exercise.questions.map(\.text))
    }
    var headers = HTTPFields()
    headers[.contentType] = "text/csv; charset=utf-8"
    headers[.contentDisposition] = "attachment; filename=\"\(program.series)-\(program.id)-followup.csv\""
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: csv)))
  }

  // MARK: Helpers

  /// A form body within the limits; otherwise a `PageError` with the page that says what was wrong.
  func readForm(_ request: Request) async throws(PageError) -> FormBody {
    func refuse(_ status: HTTPResponse.Status, _ detail: String) -> PageError {
      PageError(Self.page(Pages.message(String(status.code), detail), status: status))
    }
    let contentType = request.headers[.contentType] ?? ""
    guard contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
      throw refuse(.unsupportedMediaType, "Send the form as application/x-www-form-urlencoded.")
    }
    var request = request
    let buffer: ByteBuffer
    do {
      buffer = try await request.collectBody(upTo: configuration.maxBodyBytes)
    } catch {
      throw refuse(.contentTooLarge, "The form is too large.")
    }
    do {
      return try FormBody(Array(buffer.readableBytesView), maxValueLength: configuration.maxAnswerLength)
    } catch .valueTooLong(let field) {
      throw refuse(
        .contentTooLarge,
        "An answer (\(field)) is longer than \(configuration.maxAnswerLength) characters; shorten it and save again.")
    } catch {
      throw refuse(.badRequest, "The form could not be read.")
    }
  }

  static func forbidden(_ language: Language) -> Response {
    page(
      Pages.message(
        "403",
        language == .da
          ? "Formularen er udløbet; genindlæs siden og prøv igen."
          : "The form has expired; reload the page and try again.", language: language),
      status: .forbidden)
  }

  static func page(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "application/xhtml+xml; charset=utf-8"
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
  }

  /// A store failure becomes a 503 page with the store's words, never a crash.
  func storeCall<Value>(_ body: () throws -> Value) throws -> Value {
    do {
      return try body()
    } catch let error as StoreError {
      throw HTTPError(.serviceUnavailable, message: error.description)
    } catch {
      throw HTTPError(.serviceUnavailable, message: "\(error)")
    }
  }
}

/// A finished error page thrown out of a handler: Hummingbird sends it as it is.
struct PageError: HTTPResponseError {
  var page: Response
  init(_ page: Response) { self.page = page }

  var status: HTTPResponse.Status { page.status }

  func response(from request: Request, context: some RequestContext) throws -> Response { page }
}
