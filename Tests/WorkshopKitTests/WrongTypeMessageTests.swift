import Foundation
import Testing

@testable import WorkshopKit

/// A value written as a list or a mapping where one plain value belongs is named with what
/// the value should be, not only "text": `"minutes" must be a whole number, like 45, not
/// a list`. Each case changes one value of a clean morning and expects exactly that finding.
@Suite struct WrongTypeMessageTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var old: String
    var new: String
    var message: String
    var testDescription: String { new }
  }

  static let program = """
    title: Testdag
    date: 2013-04-18
    language: da
    timezone: Europe/Copenhagen
    rules: { min-involvement-percent: 10 }
    agenda:
      - time: 09.00-09.30
        kind: plenary
        title: Velkomst
      - time: 09.30-10.00
        parts:
          - kind: talk
            title: Oplæg
            minutes: 15
          - kind: plenary
            title: Runde
            minutes: 15

    """

  static let cases: [Case] = [
    Case(
      old: "date: 2013-04-18", new: "date: [2013-04-18]",
      message: #""date" must be a date written YYYY-MM-DD, not a list"#),
    Case(
      old: "time: 09.00-09.30", new: "time: {start: 09.00, end: 09.30}",
      message: #""time" must be a time range like 10.15-11.30, not a mapping"#),
    Case(
      old: "kind: plenary\n    title: Velkomst", new: "kind: [plenary]\n    title: Velkomst",
      message:
        #""kind" must be one of arrival, talk, exercise, plenary, recap, break, meal (or pause, frokost, oplæg, ankomst, opsamling, plenum, øvelse), not a list"#
    ),
    Case(
      old: "minutes: 15\n      - kind: plenary", new: "minutes: [15]\n      - kind: plenary",
      message: #""minutes" must be a whole number, like 45, not a list"#),
    Case(old: "language: da", new: "language: [da]", message: #""language" must be one of da, en, not a list"#),
    Case(
      old: "timezone: Europe/Copenhagen", new: "timezone: [Europe/Copenhagen]",
      message: #""timezone" must be a time-zone name like Europe/Copenhagen, not a list"#),
    Case(
      old: "min-involvement-percent: 10", new: "min-involvement-percent: [10]",
      message: #""min-involvement-percent" must be a number like 25 or 33.3, not a list"#),
  ]

  @Test func theCleanMorningHasNoFinding() throws {
    let folder = try TemporaryFolder()
    let result = check(try folder.write("2013-04-18.yaml", Self.program))
    #expect(result.diagnostics.map(\.description) == [])
  }

  @Test(arguments: cases)
  func aListOrAMappingIsNamedWithWhatTheValueShouldBe(_ example: Case) throws {
    #expect(Self.program.components(separatedBy: example.old).count == 2, "the case must change one place")
    let folder = try TemporaryFolder()
    let file = try folder.write(
      "2013-04-18.yaml", Self.program.replacingOccurrences(of: example.old, with: example.new))
    let findings = check(file).diagnostics
    #expect(findings.map(\.rule) == [.wrongType])
    #expect(findings.map(\.message) == [example.message])
  }

  @Test func anExercisesGroupSizeWrittenAsAList() throws {
    let folder = try TemporaryFolder()
    try folder.write(
      "exercises/gruppe.yaml",
      """
      title: Gruppe
      format: groups
      group-size: [3, 5]
      minutes: 20-30
      steps:
        - ask: Hvad tager I med?

      """)
    let file = try folder.write(
      "2013-04-18.yaml",
      """
      title: Testdag
      date: 2013-04-18
      agenda:
        - time: 09.00-09.30
          exercise: gruppe

      """)
    let findings = check(file, exercises: folder.url.appendingPathComponent("exercises")).diagnostics
    #expect(findings.map(\.rule) == [.wrongType])
    #expect(findings.map(\.message) == [#""group-size" must be a number like 2 or a range like 3-5, not a list"#])
  }
}
