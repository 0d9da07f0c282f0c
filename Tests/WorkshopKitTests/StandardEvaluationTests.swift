import Foundation
import Testing

@testable import WorkshopKit

/// `evaluation: true` asks about the day, or the days of a meeting that has several.
@Suite struct StandardEvaluationTests {
  /// The `two-days` fixture and a one-day copy of it, each under a series with the
  /// standard evaluation.
  static func evaluation(days: Bool) throws -> Evaluation? {
    let folder = try TemporaryFolder()
    try folder.write("series.yaml", Data("title: Kursus\nevaluation: true\n".utf8))
    var text = try String(
      contentsOf: Paths.fixtures.appendingPathComponent("valid/two-days/program.yaml"), encoding: .utf8)
    if !days {
      // The first day alone, written with `date:` and `agenda:` at the top.
      text = "title: Testdag\ndate: 2013-04-18\nagenda:\n  - time: 09.00-10.30\n    kind: plenum\n    title: Velkomst\n"
    }
    let program = try folder.write("program.yaml", Data(text.utf8))
    let check = Checker(exerciseDirectory: Paths.fixtureExercises.path).check(programAt: program.path)
    return try #require(check.program).evaluation
  }

  @Test func aMeetingOfTwoDaysIsAskedAboutTheDays() throws {
    let two = try #require(try Self.evaluation(days: true))
    #expect(two.scale.first?.text == "Hvor tilfreds er du med dagene som helhed?")
    #expect(two.open.first == "Hvad tager du med dig fra dagene?")
    let one = try #require(try Self.evaluation(days: false))
    #expect(one.scale.first?.text == "Hvor tilfreds er du med dagen som helhed?")
    #expect(one.open.first == "Hvad tager du med dig fra i dag?")
    #expect(Evaluation.standard(.en, days: 2).scale.first?.text == "How satisfied are you with the days as a whole?")
  }
}
