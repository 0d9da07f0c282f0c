import Foundation
import Testing

/// `workshopkit-server` itself: what it says before it serves anything.
@Suite(.timeLimit(.minutes(1))) struct ServeCommandTests {
  /// The binary `swift test` built beside the test bundle (the test target depends on it).
  static let binary: URL? = {
    let bundle = Bundle.main.bundleURL
    let candidates = [bundle, bundle.deletingLastPathComponent()].map {
      $0.appendingPathComponent("workshopkit-server")
    }
    return (candidates + [ServerHarness.repository.appendingPathComponent(".build/debug/workshopkit-server")])
      .first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }()

  /// Runs the server with `arguments` until it exits, which a usage error does at once:
  /// its status and what it wrote to standard error.
  static func refused(_ arguments: [String]) throws -> (status: Int32, text: String) {
    let binary = try require(Self.binary, "workshopkit-server beside the test bundle")
    let process = Process()
    let pipe = Pipe()
    process.executableURL = binary
    process.arguments = arguments
    process.environment = ["WORKSHOPKIT_FACILITATOR_KEY": String(repeating: "k7", count: 20)]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
  }

  /// A port out of range is refused before anything starts, rather than taken modulo
  /// 65,536 (or as "any") while the printed addresses say another.
  @Test(arguments: ["99999", "0", "-1"])
  func aPortOutOfRangeIsAUsageError(_ port: String) throws {
    let (status, text) = try Self.refused(["--port=\(port)"])
    #expect(status == 2, "\(text)")
    #expect(text.hasPrefix("Error: --port must be between 1 and 65535\n"), "\(text)")
  }

  /// An unknown option is a usage error as in `workshopkit`: exit 2 (not ArgumentParser's
  /// 64), with the usage of the command that was meant.
  @Test(arguments: [["--bogus"], ["serve", "--bogus"], ["preview", "--bogus"]])
  func anUnknownOptionExitsTwoWithTheUsage(_ arguments: [String]) throws {
    let (status, text) = try Self.refused(arguments)
    #expect(status == 2, "\(text)")
    #expect(text.hasPrefix("Error: Unknown option '--bogus'\n"), "\(text)")
    let command = arguments.first == "preview" ? "preview" : "serve"
    #expect(text.contains("See 'workshopkit-server \(command) --help'"), "\(text)")
  }

  /// A body time limit as long as the idle timeout would let the idle timeout close a
  /// stalled form's connection before its 408 page goes out.
  @Test(arguments: [["--body-time-limit", "30"], ["--idle-timeout", "5", "--body-time-limit", "5"]])
  func aBodyTimeLimitNotShorterThanTheIdleTimeoutIsAUsageError(_ arguments: [String]) throws {
    let (status, text) = try Self.refused(arguments)
    #expect(status == 2, "\(text)")
    #expect(text.hasPrefix("Error: --body-time-limit ("), "\(text)")
    #expect(text.contains("must be at least 3 seconds shorter than --idle-timeout"))
  }

  @Test func aWeakKeyIsRefusedAndAPublicHostWarnedAbout() throws {
    let harness = try ServerHarness()
    let binary = try require(Self.binary, "workshopkit-server beside the test bundle")
    let stderr = harness.folder.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
    let process = Process()
    process.executableURL = binary
    process.arguments = [
      "--host", "0.0.0.0", "--port", "8099", "--db", harness.store.path, "--programs",
      harness.folder.appendingPathComponent("programs").path, "--exercises",
      harness.folder.appendingPathComponent("exercises").path,
    ]
    process.environment = ["WORKSHOPKIT_FACILITATOR_KEY": "choose-a-long-secret"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = try FileHandle(forWritingTo: stderr)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let text = try String(contentsOf: stderr, encoding: .utf8)
    #expect(process.terminationStatus == 1)
    #expect(text.contains("warning: --host 0.0.0.0 makes the server reachable from other machines"), "\(text)")
    #expect(text.contains("clear text unless a reverse proxy with TLS sits in front"))
    #expect(text.contains("WORKSHOPKIT_FACILITATOR_KEY: the facilitator key has at most"), "\(text)")
    #expect(text.contains("openssl rand -hex 16"))
  }
}
