import Foundation
import Testing

@testable import WorkshopKit

/// Each `Fixtures/invalid/<case>/` has one defect and the exact lines `check` prints for it.
@Suite struct FixtureTests {
  @Test(arguments: Fixtures.caseNames("invalid"))
  func invalidCase(_ name: String) throws {
    let folder = Fixtures.folder("invalid", name)
    let actual = Fixtures.checkLines(folder)
    if Fixtures.isRecording {
      try Fixtures.record(actual, in: folder)
      return
    }
    let expected = try Fixtures.expectedLines(folder)
    #expect(!expected.isEmpty, "an invalid case needs at least one expected line")
    #expect(actual == expected, "\(name):\(lineDiff(expected: expected, actual: actual))")
  }

  /// One defect, one finding: every invalid case holds one defect and expects one line.
  @Test(arguments: Fixtures.caseNames("invalid"))
  func oneDefectGivesOneFinding(_ name: String) throws {
    guard !Fixtures.isRecording else { return }
    let folder = Fixtures.folder("invalid", name)
    #expect(try Fixtures.expectedLines(folder).count == 1, "\(name)")
    #expect(Fixtures.checkLines(folder).count == 1, "\(name): \(Fixtures.checkLines(folder))")
  }

  @Test(arguments: Fixtures.caseNames("valid"))
  func validCase(_ name: String) {
    let folder = Fixtures.folder("valid", name)
    let actual = Fixtures.checkLines(folder)
    #expect(actual.isEmpty, "\(name):\(lineDiff(expected: [], actual: actual))")
  }

  /// The binary prints the same lines as the library, plus the summary.
  @Test(.timeLimit(.minutes(1)), arguments: Fixtures.caseNames("invalid"))
  func commandLineAgrees(_ name: String) throws {
    guard !Fixtures.isRecording else { return }
    let folder = Fixtures.folder("invalid", name)
    let exercises = Fixtures.exerciseFolder(for: folder) == Paths.fixtureExercises ? "../../exercises" : "exercises"
    let result = try CLI.run(["check", "program.yaml", "--exercises", exercises], in: folder)
    let expected = try Fixtures.expectedLines(folder)
    var lines = result.stdout.split(separator: "\n").map(String.init)
    let summary = lines.popLast() ?? ""
    #expect(lines == expected, "\(name):\(lineDiff(expected: expected, actual: lines))")
    #expect(summary.hasSuffix(" in 1 program"))
    let errors = expected.count { $0.contains(": error: [") }
    #expect(result.status == (errors > 0 ? 1 : 0))
  }

  /// Every rule id a fixture can show has a case; file-size and read-error are made in tests.
  @Test func everyRuleHasACase() throws {
    var seen = Set<String>()
    for name in Fixtures.caseNames("invalid") {
      for line in try Fixtures.expectedLines(Fixtures.folder("invalid", name)) {
        if let open = line.firstIndex(of: "["), let close = line[open...].firstIndex(of: "]") {
          seen.insert(String(line[line.index(after: open)..<close]))
        }
      }
    }
    for name in Fixtures.caseNames("runs") {
      let text = try String(
        contentsOf: Paths.fixtures.appendingPathComponent("runs/\(name)/expected.txt"), encoding: .utf8)
      for line in text.split(separator: "\n") {
        if let open = line.firstIndex(of: "["), let close = line[open...].firstIndex(of: "]") {
          seen.insert(String(line[line.index(after: open)..<close]))
        }
      }
    }
    // Made in tests rather than fixtures: a file over 1 MiB, an unwritable kit.
    let madeInTests: Set<RuleID> = [.fileSize, .writeError]
    let missing = RuleID.allCases.filter { !madeInTests.contains($0) && !seen.contains($0.rawValue) }
    #expect(missing.isEmpty, "no fixture for \(missing.map(\.rawValue))")
  }

  @Test func everyCaseHasAProgramAndAnExpectation() {
    for name in Fixtures.caseNames("invalid") {
      let folder = Fixtures.folder("invalid", name)
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("program.yaml").path), "\(name)")
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("expected.txt").path), "\(name)")
    }
  }
}
