import Foundation
import Hummingbird
import HummingbirdTesting
import WorkshopKitServer

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A copy of two of the sample series (4 programs: lighter to build beside the other
/// tests) and the exercises in a scratch folder, and a preview over it (not yet built),
/// with a watcher fast enough for tests.
final class PreviewHarness: @unchecked Sendable {
  let folder: URL
  let preview: PreviewServer

  init(_ configure: (URL) throws -> Void = { _ in }) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("workshopkit-preview-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("programs"), withIntermediateDirectories: true)
    for name in ["programs/civilsamfundet", "programs/cocreation-lab-en", "exercises"] {
      try FileManager.default.copyItem(
        at: ServerHarness.repository.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    try configure(folder)
    var configuration = PreviewServer.Configuration()
    configuration.programsDirectory = folder.appendingPathComponent("programs").path
    configuration.exercisesDirectory = folder.appendingPathComponent("exercises").path
    configuration.outputDirectory = folder.appendingPathComponent("output").path
    configuration.port = 0
    configuration.timing.poll = .milliseconds(20)
    configuration.timing.settle = .milliseconds(20)
    configuration.timing.vanished = .milliseconds(200)
    preview = PreviewServer(configuration: configuration)
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  var output: URL { folder.appendingPathComponent("output") }

  /// The 18 April meeting's program file.
  var program: URL { folder.appendingPathComponent("programs/civilsamfundet/2013-04-18.yaml") }

  /// Replaces the first `old` in `file`, written to a temporary file and renamed over it.
  func edit(_ file: URL, _ old: String, _ new: String) throws {
    let text = try String(contentsOf: file, encoding: .utf8)
    let range = try require(text.range(of: old), "\(old) in \(file.lastPathComponent)")
    let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).tmp")
    try text.replacingCharacters(in: range, with: new).write(to: temporary, atomically: false, encoding: .utf8)
    guard rename(temporary.path, file.path) == 0 else { throw HarnessError(message: "rename failed") }
  }

  func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    try await preview.application().test(.router, body)
  }

  /// Every file below the output folder, by path relative to it.
  func outputFiles() throws -> [String] {
    let enumerator = try require(FileManager.default.enumerator(atPath: output.path))
    return enumerator.compactMap { $0 as? String }.filter {
      var isDirectory: ObjCBool = false
      return FileManager.default.fileExists(atPath: output.appendingPathComponent($0).path, isDirectory: &isDirectory)
        && !isDirectory.boolValue
    }
  }
}

/// What an XML parser makes of a served page: whether it is well-formed, and the text of
/// each inline script as the browser hashes it for the Content-Security-Policy.
final class ParsedPage: NSObject, XMLParserDelegate {
  private(set) var wellFormed = false
  private(set) var inlineScripts: [String] = []
  private(set) var error: String?
  private var script: String?

  init(_ text: String) {
    super.init()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = self
    wellFormed = parser.parse()
    if !wellFormed { error = parser.parserError.map { "\($0)" } ?? "not well-formed" }
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    if name == "script" && attributes["src"] == nil { script = "" }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { script? += string }

  func parser(_ parser: XMLParser, foundCDATA block: Data) { script? += String(decoding: block, as: UTF8.self) }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    if name == "script", let script {
      inlineScripts.append(script)
      self.script = nil
    }
  }
}

/// Waits until `condition` holds, checking every 20 ms; false after `seconds`.
func eventually(within seconds: Double = 20, _ condition: () async throws -> Bool) async rethrows -> Bool {
  let deadline = Date().addingTimeInterval(seconds)
  while Date() < deadline {
    if try await condition() { return true }
    try? await Task.sleep(for: .milliseconds(20))
  }
  return try await condition()
}

/// A plain TCP connection to 127.0.0.1, for what the test client cannot do: read a
/// response that never ends, or hold a port.
final class LoopbackSocket: @unchecked Sendable {
  let descriptor: Int32

  init() throws {
    descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw HarnessError(message: "socket() failed") }
    var timeout = timeval(tv_sec: 1, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
  }

  deinit { close(descriptor) }

  static func address(port: Int) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return address
  }

  func connect(port: Int) throws {
    var address = Self.address(port: port)
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else { throw HarnessError(message: "connect() to \(port) failed") }
  }

  /// Binds and listens on a free port; returns it.
  func listen() throws -> Int {
    var address = Self.address(port: 0)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, Glibc.listen(descriptor, 1) == 0 else { throw HarnessError(message: "bind() failed") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  func send(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, 0) }
  }

  private var received = ""

  /// Reads until the text received so far contains `needle`; everything received, or nil
  /// when the connection closes or 30 seconds pass first. The wait is on a thread of its
  /// own: blocking one of the few that run tasks could keep the server from answering.
  func read(until needle: String) async -> String? {
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async { continuation.resume(returning: self.readBlocking(until: needle)) }
    }
  }

  private func readBlocking(until needle: String) -> String? {
    var buffer = [UInt8](repeating: 0, count: 4096)
    let deadline = Date().addingTimeInterval(30)
    while !received.contains(needle) {
      let count = recv(descriptor, &buffer, buffer.count, 0)
      if count < 0 && (errno == EAGAIN || errno == EINTR) && Date() < deadline { continue }
      guard count > 0 else { return nil }
      received += String(decoding: buffer[..<count], as: UTF8.self)
    }
    return received
  }
}
