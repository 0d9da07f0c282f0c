import Foundation
import Testing

/// `Fixtures/runs/<case>/`: a small tree of programs, series, follow-up and exercise files,
/// `args.txt` (one argument of `workshopkit check` a line) and `expected.txt`: exactly what
/// `check` prints, then `exit N`. For checks that need more than one program file: across a
/// series, follow-up files, and files given by path in their own formats.
@Suite struct RunFixtureTests {
  static func caseFolder(_ name: String) -> URL { Paths.fixtures.appendingPathComponent("runs/\(name)") }

  static func arguments(_ name: String) throws -> [String] {
    try String(contentsOf: caseFolder(name).appendingPathComponent("args.txt"), encoding: .utf8)
      .split(separator: "\n").map(String.init)
  }

  @Test(.timeLimit(.minutes(1)), arguments: Fixtures.caseNames("runs"))
  func checkPrintsExactly(_ name: String) throws {
    let folder = Self.caseFolder(name)
    let result = try CLI.run(["check"] + Self.arguments(name), in: folder)
    let actual = result.stdout + "exit \(result.status)\n"
    let expectedURL = folder.appendingPathComponent("expected.txt")
    if Fixtures.isRecording {
      try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: expectedURL, encoding: .utf8)
    #expect(
      actual == expected,
      "\(name):\(lineDiff(expected: expected.split(separator: "\n").map(String.init), actual: actual.split(separator: "\n").map(String.init)))"
    )
  }

  /// `build` reports the same findings about the same files as `check`, and a run that
  /// finds nothing to build writes nothing.
  @Test(.timeLimit(.minutes(1)), arguments: Fixtures.caseNames("runs"))
  func buildAgreesWithCheck(_ name: String) throws {
    let arguments = try Self.arguments(name)
    guard arguments == ["programs"] else { return }
    let folder = Self.caseFolder(name)
    let output = try TemporaryFolder()
    let check = try CLI.run(["check", "programs"], in: folder)
    let build = try CLI.run(["build", "programs", "--output", output.url.path], in: folder)
    let findings = { (text: String) in
      text.split(separator: "\n").filter { $0.contains(": error: [") || $0.contains(": warning: [") }
    }
    #expect(findings(build.stdout) == findings(check.stdout), "\(name)\n\(build.stdout)\n\(check.stdout)")
    #expect((build.status == 0) == (check.status == 0), "\(name)")
    if check.stdout.contains("no program files") {
      let written = try FileManager.default.contentsOfDirectory(atPath: output.url.path)
      #expect(written.isEmpty, "\(name): build wrote \(written)")
    }
  }
}
