import Foundation
import Testing

@testable import WorkshopKit

/// The reference day (18 April 2013, with its series and exercise library) given exactly
/// one defect of each rule it can show: `check` must report exactly that finding, at the
/// line of the defect, and nothing else. The clean day gives no finding at all.
@Suite struct OneDefectTests {
  struct Defect: CustomTestStringConvertible, Sendable {
    var rule: RuleID
    /// (1-based line of 2013-04-18.yaml, text in that line, replacement; may add lines).
    var edits: [(line: Int, old: String, new: String)]
    /// Where the finding is expected: the file's name and the line.
    var file = "2013-04-18.yaml"
    var line: Int
    var testDescription: String { "\(rule.rawValue) at \(file):\(line)" }
  }

  static let defects: [Defect] = [
    Defect(rule: .timeFormat, edits: [(27, "10.00-10.15", "10.00-10.1S")], line: 27),
    Defect(rule: .timeFormat, edits: [(6, "2013-04-18", "2013-02-30")], line: 6),
    Defect(rule: .timeOrder, edits: [(27, "10.00-10.15", "10.15-10.00")], line: 27),
    Defect(rule: .overlap, edits: [(42, "11.30-12.15", "11.25-12.15")], line: 42),
    Defect(rule: .gap, edits: [(58, "13.15-13.30", "13.15-13.25")], line: 62),
    Defect(rule: .partsOverflow, edits: [(25, "minutes: 45", "minutes: 50")], line: 25),
    Defect(rule: .partsSlack, edits: [(25, "minutes: 45", "minutes: 35")], line: 15),
    Defect(
      rule: .exerciseDuration, edits: [(37, "minutes: 40", "minutes: 50"), (40, "minutes: 35", "minutes: 25")],
      line: 38),
    Defect(
      rule: .breakLength,
      edits: [
        (46, "12.15-13.15", "12.15-13.25"), (53, "minutes: 35", "minutes: 45"), (58, "13.15-13.30", "13.25-13.30"),
      ],
      line: 58),
    Defect(rule: .breakInterval, edits: [(59, "kind: break", "kind: plenary")], line: 66),
    Defect(rule: .meal, edits: [(43, "kind: meal", "kind: break")], line: 42),
    Defect(rule: .dayBounds, edits: [(7, "08.45-15.00", "09.00-15.00")], line: 10),
    Defect(
      rule: .involvement,
      edits: [(8, "next-meeting: 2013-06-03", "next-meeting: 2013-06-03\nrules: { min-involvement-percent: 60 }")],
      line: 10),
    Defect(
      rule: .nextSteps,
      edits: [(85, "- exercise: naeste-skridt-i-makkerpar", "- kind: plenary\n        title: Næste skridt")], line: 8),
    Defect(rule: .nextMeeting, edits: [(8, "2013-06-03", "2013-04-01")], line: 8),
    Defect(rule: .seriesNextMeeting, edits: [(8, "2013-06-03", "2013-06-04")], line: 8),
    Defect(rule: .seriesFileName, edits: [(6, "2013-04-18", "2013-04-17")], line: 6),
    Defect(rule: .seriesDuplicate, edits: [(5, "meeting: 2", "meeting: 3")], file: "2013-06-03.yaml", line: 6),
    Defect(rule: .seriesMeetingOrder, edits: [(5, "meeting: 2", "meeting: 4")], file: "2013-06-03.yaml", line: 6),
    Defect(rule: .unknownExercise, edits: [(38, "roller-og-kompetencer", "roller-og-kompetenser")], line: 38),
    // The follow-up exercise unknown: no next-steps finding on top (the timing rules run).
    Defect(rule: .unknownExercise, edits: [(85, "naeste-skridt-i-makkerpar", "naeste-skridt-i-makkerpa")], line: 85),
    // A misspelt name in hand-made pairs: not also "the groups leave out" the one meant.
    Defect(
      rule: .groups,
      edits: [
        (
          86, "minutes: 20",
          "minutes: 20\n        groups: [[Lone Bisgaard, Jakob Frris], [Sanne Vestergaard, Peter Kragh], "
            + "[Mette Laursen, Ali Demir], [Karen Østergaard, Søren Bæk]]"
        )
      ], line: 87),
    // Two names written as one item: not also "not on the roster" nor "left out".
    Defect(
      rule: .groups,
      edits: [
        (
          86, "minutes: 20",
          "minutes: 20\n        groups: [[Lone Bisgaard og Jakob Friis], [Sanne Vestergaard, Peter Kragh], "
            + "[Mette Laursen, Ali Demir], [Karen Østergaard, Søren Bæk]]"
        )
      ], line: 87),
    Defect(rule: .unknownKey, edits: [(12, "title:", "titel:")], line: 12),
    Defect(
      rule: .duplicateKey, edits: [(12, "title: Kaffe og morgenbrød", "title: Kaffe og morgenbrød\n    title: Kaffe")],
      line: 13),
    Defect(rule: .commentInText, edits: [(20, "Runde om bordene –", "Runde om bordene #2 –")], line: 20),
    Defect(rule: .yamlSyntax, edits: [(11, "    kind: arrival", "\tkind: arrival")], line: 11),
    Defect(rule: .invalidValue, edits: [(11, "arrival", "arival")], line: 11),
    Defect(rule: .invalidValue, edits: [(19, "minutes: 15", "minutes: 0")], line: 19),
    Defect(rule: .wrongType, edits: [(12, "Kaffe og morgenbrød", "[Kaffe, morgenbrød]")], line: 12),
    Defect(rule: .missingKey, edits: [(12, "title: Kaffe og morgenbrød", "# no title")], line: 10),
  ]

  /// A copy of the civilsamfundet series, its follow-up answers too, and the library.
  static func referenceCopy() throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    let series = folder.url.appendingPathComponent("programs/civilsamfundet")
    try FileManager.default.createDirectory(
      at: series.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: Paths.programs.appendingPathComponent("civilsamfundet"), to: series)
    try FileManager.default.copyItem(at: Paths.exercises, to: folder.url.appendingPathComponent("exercises"))
    return folder
  }

  static func checkSeries(in folder: TemporaryFolder) throws -> [Diagnostic] {
    let series = folder.url.appendingPathComponent("programs/civilsamfundet").path
    let checker = Checker(exerciseDirectory: folder.url.appendingPathComponent("exercises").path)
    return checker.check(files: try ProgramDiscovery.programFiles(in: [series])).diagnostics
  }

  @Test func theReferenceSeriesIsClean() throws {
    let folder = try Self.referenceCopy()
    #expect(try Self.checkSeries(in: folder).isEmpty)
  }

  /// The series' findings with `edits` made to the 18 April program.
  static func findings(after edits: [(line: Int, old: String, new: String)]) throws -> [Diagnostic] {
    let folder = try Self.referenceCopy()
    let file = folder.url.appendingPathComponent("programs/civilsamfundet/2013-04-18.yaml")
    var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
      .map(String.init)
    for edit in edits {
      try #require(lines[edit.line - 1].contains(edit.old), "line \(edit.line) is \"\(lines[edit.line - 1])\"")
      lines[edit.line - 1] = lines[edit.line - 1].replacingOccurrences(of: edit.old, with: edit.new)
    }
    try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
    return try Self.checkSeries(in: folder)
  }

  /// Two defects, two findings: an exercise id that is not one (a capital letter) does not
  /// hide the day's timing, as an unknown id does not.
  @Test func anExerciseIDThatIsNotOneLeavesTheTimingJudged() throws {
    let findings = try Self.findings(after: [
      (71, "fif-til-det-foerste-moede", "Fif-til-det-foerste-moede"), (42, "11.30-12.15", "11.25-12.15"),
    ])
    #expect(findings.map(\.rule) == [.overlap, .invalidValue], "\(findings.map(\.description))")
  }

  @Test(arguments: defects)
  func oneDefectOneFinding(_ defect: Defect) throws {
    let findings = try Self.findings(after: defect.edits)
    #expect(findings.count == 1, "\(findings.map(\.description))")
    let finding = try #require(findings.first)
    #expect(finding.rule == defect.rule, "\(finding)")
    #expect(finding.location.file.hasSuffix("/" + defect.file), "\(finding)")
    #expect(finding.location.line == defect.line, "\(finding)")
  }
}
