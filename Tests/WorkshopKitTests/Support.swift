import Foundation
import Testing

@testable import WorkshopKit

/// Where the test inputs live: found from this file's path, so no resource bundle is needed.
enum Paths {
  /// `Tests/WorkshopKitTests`.
  static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().standardizedFileURL
  static let fixtures = testsFolder.appendingPathComponent("Fixtures")
  /// The shared exercise library of the fixtures.
  static let fixtureExercises = fixtures.appendingPathComponent("exercises")
  /// The package root, with `programs/` and `exercises/`.
  static let package = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
  static let programs = package.appendingPathComponent("programs")
  static let exercises = package.appendingPathComponent("exercises")
}

/// The fixture corpus: `Fixtures/invalid/<case>/` and `Fixtures/valid/<case>/`.
enum Fixtures {
  static func caseNames(_ kind: String) -> [String] {
    let folder = Paths.fixtures.appendingPathComponent(kind)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted()
  }

  static func folder(_ kind: String, _ name: String) -> URL {
    Paths.fixtures.appendingPathComponent(kind).appendingPathComponent(name)
  }

  /// A case about a broken exercise brings its own `exercises/`; the others use the shared one.
  static func exerciseFolder(for caseFolder: URL) -> URL {
    let local = caseFolder.appendingPathComponent("exercises")
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: local.path, isDirectory: &isDirectory), isDirectory.boolValue {
      return local
    }
    return Paths.fixtureExercises
  }

  /// What `workshopkit check program.yaml` prints for the case, run from the case folder:
  /// paths relative to the case folder, the shared library as `../../exercises`.
  static func checkLines(_ caseFolder: URL) -> [String] {
    let checker = Checker(exerciseDirectory: exerciseFolder(for: caseFolder).path)
    let check = checker.check(programAt: caseFolder.appendingPathComponent("program.yaml").path)
    return check.diagnostics.map { relative($0.description, caseFolder: caseFolder) }
  }

  static func relative(_ text: String, caseFolder: URL) -> String {
    text.replacingOccurrences(of: caseFolder.path + "/", with: "")
      .replacingOccurrences(of: Paths.fixtureExercises.path, with: "../../exercises")
  }

  static func expectedLines(_ caseFolder: URL) throws -> [String] {
    let text = try String(contentsOf: caseFolder.appendingPathComponent("expected.txt"), encoding: .utf8)
    return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
  }

  /// `WORKSHOPKIT_RECORD=1 swift test` writes expected.txt instead of comparing. Review every
  /// recorded line by hand: an expectation copied from wrong output proves nothing.
  static var isRecording: Bool { ProcessInfo.processInfo.environment["WORKSHOPKIT_RECORD"] == "1" }

  static func record(_ lines: [String], in caseFolder: URL) throws {
    let text = lines.map { $0 + "\n" }.joined()
    try text.write(to: caseFolder.appendingPathComponent("expected.txt"), atomically: true, encoding: .utf8)
  }
}

/// A readable line diff: `-` expected, `+` actual, in order.
func lineDiff(expected: [String], actual: [String]) -> String {
  var out: [String] = []
  let expectedSet = Set(expected)
  let actualSet = Set(actual)
  for line in expected where !actualSet.contains(line) { out.append("- " + line) }
  for line in actual where !expectedSet.contains(line) { out.append("+ " + line) }
  if out.isEmpty { out.append("(same lines, different order or count)") }
  return "\n--- expected\n" + expected.joined(separator: "\n") + "\n+++ actual\n" + actual.joined(separator: "\n")
    + "\n*** difference\n" + out.joined(separator: "\n")
}

/// A scratch folder removed when the test is done.
final class TemporaryFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("workshopkit-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  @discardableResult
  func write(_ name: String, _ data: Data) throws -> URL {
    let file = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: file)
    return file
  }

  @discardableResult
  func write(_ name: String, _ text: String) throws -> URL {
    try write(name, Data(text.utf8))
  }
}

/// Checks one program file with a fresh checker.
func check(_ file: URL, exercises: URL = Paths.fixtureExercises) -> ProgramCheck {
  Checker(exerciseDirectory: exercises.path).check(programAt: file.path)
}

/// A two-item morning with no findings, to build small test programs from.
let morningAgenda = """
  agenda:
    - time: 09.00-09.30
      kind: plenary
      title: Velkomst
    - time: 09.30-10.00
      kind: talk
      title: Oplæg

  """

/// Runs the built `workshopkit` binary.
enum CLI {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The binary `swift test` built beside the test bundle (the test target depends on it).
  static let binary: URL? = {
    var candidates: [URL] = []
    if let override = ProcessInfo.processInfo.environment["WORKSHOPKIT_BINARY"] {
      candidates.append(URL(fileURLWithPath: override))
    }
    let bundle = Bundle.main.bundleURL
    candidates += [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("workshopkit") }
    if let executable = Bundle.main.executableURL {
      candidates.append(executable.deletingLastPathComponent().appendingPathComponent("workshopkit"))
    }
    let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    candidates.append(argument0.appendingPathComponent("workshopkit"))
    candidates.append(Paths.package.appendingPathComponent(".build/debug/workshopkit"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }()

  /// Runs the binary in `directory`; `path` replaces the PATH it sees, `columns` the
  /// terminal width that help text is wrapped to.
  static func run(
    _ arguments: [String], in directory: URL = Paths.package, path: String? = nil, columns: Int? = nil
  ) throws -> Result {
    let binary = try #require(CLI.binary, "the workshopkit binary was not found beside the test bundle")
    let output = try TemporaryFolder()
    let stdoutURL = output.url.appendingPathComponent("stdout")
    let stderrURL = output.url.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
    let stdout = try FileHandle(forWritingTo: stdoutURL)
    let stderr = try FileHandle(forWritingTo: stderrURL)
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    // Colour must be off because stdout is not a terminal, not because of NO_COLOR.
    environment["NO_COLOR"] = nil
    environment["TERM"] = "xterm-256color"
    if let path { environment["PATH"] = path }
    environment["COLUMNS"] = columns.map(String.init)
    process.environment = environment
    process.standardOutput = stdout
    process.standardError = stderr
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try stdout.close()
    try stderr.close()
    return Result(
      status: process.terminationStatus,
      stdout: try String(contentsOf: stdoutURL, encoding: .utf8),
      stderr: try String(contentsOf: stderrURL, encoding: .utf8))
  }
}

/// SplitMix64: the same random values on every run.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
