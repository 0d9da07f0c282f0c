import Foundation
import Testing

@testable import WorkshopKit

/// Pairs and groups from the roster: deterministic, balanced, organisations mixed, and no
/// pair repeated where the numbers allow.
@Suite struct GroupPlannerTests {
  static func people(_ count: Int, organisations: Int) -> [Participant] {
    (0..<count).map { Participant(name: "Deltager \($0 + 1)", organisation: "Organisation \($0 % organisations + 1)") }
  }

  @Test func eightPeopleInGroupsOfThreeToFiveMakeTwoGroupsOfFour() {
    let groups = GroupPlanner.split(Self.people(8, organisations: 4), size: MinuteRange(3, 5), history: .init())
    #expect(groups.map(\.count) == [4, 4])
  }

  @Test func sevenPeopleInPairsMakeTwoPairsAndATrioAndSaySo() {
    let groups = GroupPlanner.split(Self.people(7, organisations: 7), size: MinuteRange(2, 2), history: .init())
    #expect(groups.map(\.count).sorted() == [2, 2, 3])
    let assignment = GroupPlanner.Assignment(format: .pairs, size: MinuteRange(2, 2), groups: groups, isFixed: false)
    #expect(assignment.summary(.en) == "a trio and 2 pairs")
    #expect(assignment.summary(.da) == "én trio og 2 par")
  }

  @Test(arguments: [(5, MinuteRange(3, 5)), (10, MinuteRange(3, 4)), (12, MinuteRange(2, 2)), (9, MinuteRange(4, 4))])
  func groupsAreBalanced(_ people: Int, _ size: MinuteRange) {
    let groups = GroupPlanner.split(Self.people(people, organisations: 3), size: size, history: .init())
    #expect(groups.map(\.count).reduce(0, +) == people)
    #expect((groups.map(\.count).max() ?? 0) - (groups.map(\.count).min() ?? 0) <= 1)
  }

  @Test func organisationsAreMixed() {
    // Four organisations of two: every group of four has four organisations.
    let groups = GroupPlanner.split(Self.people(8, organisations: 4), size: MinuteRange(4, 4), history: .init())
    for group in groups { #expect(Set(group.compactMap(\.organisation)).count == group.count) }
  }

  @Test func theSameInputGivesTheSameGroups() {
    let roster = Self.people(11, organisations: 3)
    let first = GroupPlanner.split(roster, size: MinuteRange(3, 4), history: .init())
    let second = GroupPlanner.split(roster.reversed(), size: MinuteRange(3, 4), history: .init())
    #expect(first.map { $0.map(\.name) } == second.map { $0.map(\.name) })
  }

  /// Four people, three rounds of pairs: every pairing once, none repeated.
  @Test func noPairIsRepeatedWhereAvoidable() {
    let roster = Self.people(4, organisations: 4)
    var history = GroupPlanner.History()
    var seen = Set<String>()
    for _ in 0..<3 {
      let pairs = GroupPlanner.split(roster, size: MinuteRange(2, 2), history: history)
      for pair in pairs {
        let key = pair.map(\.name).sorted().joined(separator: "+")
        #expect(seen.insert(key).inserted, "\(key) again")
      }
      history.record(pairs)
    }
  }

  /// The sample day: fixed pairs from the roster, groups of four mixing libraries, and the
  /// run sheet listing them with organisations.
  @Test func theReferenceDaysRunSheetListsTheGroups() throws {
    let output = try TemporaryFolder()
    let builder = KitBuilder(exerciseDirectory: Paths.exercises.path, outputDirectory: output.url.path)
    let report = builder.build(programFiles: [
      Paths.programs.appendingPathComponent("civilsamfundet/2013-04-18.yaml").path
    ])
    #expect(report.builtCount == 1)
    let runSheet = try String(
      contentsOf: output.url.appendingPathComponent("civilsamfundet/2013-04-18/facilitator.xhtml"), encoding: .utf8)
    #expect(runSheet.contains("Grupper – i makkerpar (4 par)"))
    #expect(runSheet.contains("Lone Bisgaard (Herlev Bibliotek), Jakob Friis (Herlev Bibliotek)"))
    #expect(runSheet.contains("Grupper – i grupper på 3-5 (2 grupper på 4)"))
  }
}
