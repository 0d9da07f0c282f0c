import Foundation
import Testing

@testable import WorkshopKit

/// Hostile or broken files: each gives one clear, located error, without a crash or a hang.
@Suite(.timeLimit(.minutes(1))) struct HostileInputTests {
  /// Checks `data` as `program.yaml` in a scratch folder; the findings with the folder removed.
  private func findings(_ data: Data) throws -> [String] {
    let folder = try TemporaryFolder()
    let file = try folder.write("program.yaml", data)
    return check(file).diagnostics.map { Fixtures.relative($0.description, caseFolder: folder.url) }
  }

  private func findings(_ text: String) throws -> [String] { try findings(Data(text.utf8)) }

  /// Lines are split where libyaml counts them, at `\n`, `\r\n` and `\r`, as splitting the
  /// text's characters would: mixed and doubled breaks, a combining accent after a break,
  /// no break at the end, a break at the end, nothing at all.
  @Test(arguments: [
    "a: 1\r\nb: 2\rc: 3\nd: 4", "\n\n", "\r\n\r", "x\n\u{301}y: 1", "æ: ø\r\n", "", "title: Kaffe # fra frøet",
  ])
  func linesAreSplitAsLibyamlCountsThem(_ text: String) {
    let byCharacters = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    #expect(YAMLFile.lines(of: text) == byCharacters)
  }

  @Test func aFileOverOneMebibyte() throws {
    let line = "# " + String(repeating: "x", count: 1021) + "\n"
    let text = "title: Testdag\ndate: 2013-04-18\n" + morningAgenda + String(repeating: line, count: 1025)
    #expect(text.utf8.count > 1 << 20)
    #expect(
      try findings(text) == [
        "program.yaml:1:1: error: [file-size] the file is larger than 1 MiB, the most WorkshopKit reads; "
          + "split it or remove what is not part of the program"
      ])
  }

  @Test func aFileOfExactlyOneMebibyteIsRead() throws {
    var text = "title: Testdag\ndate: 2013-04-18\n" + morningAgenda
    text += "#" + String(repeating: "x", count: (1 << 20) - text.utf8.count - 2) + "\n"
    #expect(text.utf8.count == 1 << 20)
    #expect(try findings(text) == [])
  }

  @Test func anElevenMegabyteFile() throws {
    let data = Data(repeating: UInt8(ascii: "a"), count: 11_000_000)
    let result = try findings(data)
    #expect(result.count == 1)
    #expect(result.first?.hasPrefix("program.yaml:1:1: error: [file-size]") == true)
  }

  @Test func aBillionLaughs() throws {
    var text = "title: Testdag\ndate: 2013-04-18\nlol0: &lol0 lol\n"
    for level in 1...9 {
      text +=
        "lol\(level): &lol\(level) [" + Array(repeating: "*lol\(level - 1)", count: 9).joined(separator: ", ")
        + "]\n"
    }
    text += morningAgenda
    let result = try findings(text)
    #expect(result.count == 1)
    #expect(
      result.first?.contains(": error: [yaml-aliases] YAML aliases expand this document beyond 100000 values") == true)
    #expect(result.first?.hasPrefix("program.yaml:9:") == true)
  }

  @Test func aFewAliasesAreFine() throws {
    let text = """
      title: &title Testdag
      date: 2013-04-18
      agenda:
        - time: 09.00-09.30
          kind: plenary
          title: *title
        - time: 09.30-10.00
          kind: talk
          title: *title

      """
    #expect(try findings(text) == [])
  }

  @Test func anUndefinedAlias() throws {
    let result = try findings("title: *nothing\ndate: 2013-04-18\n" + morningAgenda)
    #expect(result.count == 1)
    #expect(result.first?.hasPrefix("program.yaml:1:8: error: [yaml-syntax]") == true)
  }

  @Test func tenThousandOpenBrackets() throws {
    let text = "title: Testdag\ndate: 2013-04-18\nagenda: " + String(repeating: "[", count: 10_000) + "\n"
    // libyaml's read-ahead meets its own limit first; it is reported as the same nesting error.
    #expect(
      try findings(text) == ["program.yaml:3:10: error: [yaml-aliases] the document is nested more than 64 levels deep"]
    )
  }

  @Test func aHundredLevelsOfBlockMappings() throws {
    var text = "title: Testdag\ndate: 2013-04-18\n"
    for level in 0..<100 { text += String(repeating: "  ", count: level) + "notes:\n" }
    text += String(repeating: "  ", count: 100) + "deep\n"
    // The root is level 1; the 64th "notes:" value opens level 65.
    #expect(
      try findings(text) == [
        "program.yaml:67:129: error: [yaml-aliases] the document is nested more than 64 levels deep"
      ])
  }

  @Test func invalidUTF8AtAKnownPlace() throws {
    var data = Data("title: Testdag\ndate: 2013-04-18\nvenue: Caf".utf8)
    data.append(0xE9)  // Latin-1 "é"
    data.append(contentsOf: Data("\n".utf8) + Data(morningAgenda.utf8))
    #expect(
      try findings(data) == ["program.yaml:3:11: error: [encoding] the file is not valid UTF-8 here; save it as UTF-8"])
  }

  @Test func aByteOrderMarkIsFine() throws {
    let data = Data([0xEF, 0xBB, 0xBF]) + Data(("title: Testdag\ndate: 2013-04-18\n" + morningAgenda).utf8)
    #expect(try findings(data) == [])
  }

  @Test func aBinaryFile() throws {
    var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])  // a PNG header
    data += Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
    let result = try findings(data)
    #expect(result == ["program.yaml:1:1: error: [encoding] the file is not valid UTF-8 here; save it as UTF-8"])
  }

  @Test func controlCharactersInValidUTF8() throws {
    let result = try findings("title: Test\u{0}dag\ndate: 2013-04-18\n" + morningAgenda)
    #expect(result.count == 1)
    #expect(result.first?.hasPrefix("program.yaml:1:12: error: [encoding]") == true)
  }

  @Test(arguments: [
    "../../etc/passwd", "/etc/passwd", "..", ".hidden", "Gruppeoevelse", "a/b", "-rf", "gruppe oevelse",
  ])
  func anExerciseIDThatIsNotAFileName(_ id: String) throws {
    let text = """
      title: Testdag
      date: 2013-04-18
      agenda:
        - time: 09.00-09.30
          exercise: "\(id)"

      """
    let result = try findings(text)
    #expect(result.count == 1, "\(result)")
    #expect(result.first?.hasPrefix("program.yaml:5:5: error: [invalid-value] \"\(id)\" is not an exercise id") == true)
  }

  @Test func aMissingFile() {
    let path = "/nonexistent-\(UUID().uuidString)/program.yaml"
    let result = Checker(exerciseDirectory: Paths.fixtureExercises.path).check(programAt: path)
    #expect(
      result.diagnostics.map(\.description) == [
        "\(path):1:1: error: [read-error] cannot read \(path): there is no such file"
      ])
  }

  @Test func aFolderInsteadOfAFile() throws {
    let folder = try TemporaryFolder()
    let inner = folder.url.appendingPathComponent("program.yaml")
    try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
    let result = check(inner).diagnostics
    #expect(result.count == 1)
    #expect(result.first?.rule == .readError)
  }

  @Test func theOtherProgramsStillCheck() throws {
    let folder = try TemporaryFolder()
    let bad = try folder.write("a.yaml", Data(repeating: 0xFF, count: 100))
    let good = try folder.write("b.yaml", "title: Testdag\ndate: 2013-04-18\n" + morningAgenda)
    let checker = Checker(exerciseDirectory: Paths.fixtureExercises.path)
    let report = CheckReport(checks: [checker.check(programAt: bad.path), checker.check(programAt: good.path)])
    #expect(report.checks[0].diagnostics.map(\.rule) == [.encoding])
    #expect(report.checks[1].diagnostics.isEmpty)
    #expect(report.checks[1].schedule != nil)
    #expect(report.summary == "1 error, 0 warnings in 2 programs")
  }

  @Test func anExerciseFileThatIsAnAliasBomb() throws {
    let folder = try TemporaryFolder()
    var bomb = "title: Bombe\nformat: groups\nminutes: 5-10\nsteps:\n  - ask: a\nl0: &l0 x\n"
    for level in 1...9 {
      bomb += "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
    }
    try folder.write("exercises/bombe.yaml", bomb)
    let file = try folder.write(
      "program.yaml", "title: Testdag\ndate: 2013-04-18\nagenda:\n  - time: 09.00-09.10\n    exercise: bombe\n")
    let result = check(file, exercises: folder.url.appendingPathComponent("exercises")).diagnostics
      .map { Fixtures.relative($0.description, caseFolder: folder.url) }
    // One defect, one finding: in the exercise's file, not again where the program uses it.
    #expect(result.count == 1, "\(result)")
    #expect(result.first?.hasPrefix("exercises/bombe.yaml:12:10:") == true)
    #expect(result.first?.contains("[yaml-aliases]") == true)
  }
}
