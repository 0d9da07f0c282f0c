import Foundation
import Hummingbird
import HummingbirdTesting
import WorkshopKit
import WorkshopKitServer
import WorkshopKitStore

/// A copy of the samples in a scratch folder, a fresh database with links issued for the
/// 18 April meeting, and a server over them, with a clock the test sets.
final class ServerHarness: @unchecked Sendable {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  /// 32 hex digits, as `ServerConfiguration.generatedKey()` makes them.
  static let facilitatorKey = "3f9a1c7e5b2d4a6c8e0f1b3d5a7c9e2f"

  let folder: URL
  let store: FollowUpStore
  /// Participant name → token, for the 18 April meeting.
  let tokens: [String: String]
  private let clock = Clock()

  final class Clock: @unchecked Sendable {
    private let lock = NSLock()
    private var value = Date(timeIntervalSince1970: 1_368_000_000)  // 8 May 2013: between the meetings
    var now: Date { lock.withLock { value } }
    func set(_ date: Date) { lock.withLock { value = date } }
  }

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("workshopkit-server-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for name in ["programs", "exercises"] {
      try FileManager.default.copyItem(
        at: Self.repository.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    store = try FollowUpStore(
      path: folder.appendingPathComponent("followups.sqlite").path, busyTimeout: ServerConfiguration.storeBusyTimeout)
    let check = Checker(exerciseDirectory: folder.appendingPathComponent("exercises").path)
      .check(programAt: folder.appendingPathComponent("programs/civilsamfundet/2013-04-18.yaml").path)
    let program = try require(check.program)
    let participants = try store.syncParticipants(series: program.series, program.participants)
    let links = try store.issueLinks(series: program.series, program: program.id, for: participants, reissue: false)
    var tokens: [String: String] = [:]
    for link in links { tokens[link.participant.name] = link.token }
    self.tokens = tokens
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  func setNow(_ date: Date) { clock.set(date) }

  /// Changes a file of the scratch copy (`programs/…`), which must hold `old`.
  func edit(_ path: String, replacing old: String, with new: String) throws {
    let file = folder.appendingPathComponent(path)
    let text = try String(contentsOf: file, encoding: .utf8)
    guard text.contains(old) else { throw CocoaError(.fileReadCorruptFile, userInfo: ["old": old, "path": path]) }
    try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
  }

  /// A server over the scratch copy; `configure` changes its configuration first.
  func server(_ configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> FollowUpServer {
    var configuration = ServerConfiguration(facilitatorKey: Self.facilitatorKey)
    configuration.programsDirectory = folder.appendingPathComponent("programs").path
    configuration.exercisesDirectory = folder.appendingPathComponent("exercises").path
    configuration.port = 0
    let clock = self.clock
    configuration.now = { clock.now }
    configure(&configuration)
    return try await FollowUpServer(configuration: configuration, store: store)
  }

  func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    try await server().application().test(.router, body)
  }

  func token(_ name: String) throws -> String { try require(tokens[name]) }

  static var facilitatorHeaders: HTTPFields {
    var headers = HTTPFields()
    headers[.authorization] = "Basic " + Data("facilitator:\(facilitatorKey)".utf8).base64EncodedString()
    return headers
  }

  static var formHeaders: HTTPFields {
    var headers = HTTPFields()
    headers[.contentType] = "application/x-www-form-urlencoded"
    return headers
  }

  /// `name=value&…`, percent-encoded as a browser sends it.
  static func form(_ fields: [(String, String)]) -> ByteBuffer {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    let text = fields.map { name, value in
      name + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }.joined(separator: "&")
    return ByteBuffer(string: text)
  }

  /// Opens a participant's form as a browser does, then sends it with its `csrf` and
  /// `fields`, under `headers`.
  static func submit(
    _ client: any TestClientProtocol, link token: String, _ fields: [(String, String)],
    headers: HTTPFields = formHeaders
  ) async throws -> TestResponse {
    let page = try await client.execute(uri: "/f/\(token)", method: .get)
    let csrf = try require(csrf(in: page.text), "a csrf field on the form")
    return try await client.execute(
      uri: "/f/\(token)", method: .post, headers: headers, body: form([("csrf", csrf)] + fields))
  }

  /// The hidden `csrf` value of the first form in a page.
  static func csrf(in page: String) -> String? { hidden("csrf", in: page) }

  /// The value of the first field `name` in a page.
  static func hidden(_ name: String, in page: String) -> String? {
    guard let range = page.range(of: "name=\"\(name)\" value=\"") else { return nil }
    let rest = page[range.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
  }
}

extension TestResponse {
  var text: String { String(buffer: body) }
}

func require<T>(_ value: T?, _ message: String = "") throws -> T {
  guard let value else { throw HarnessError(message: "required value missing \(message)") }
  return value
}

struct HarnessError: Error {
  var message: String
}
