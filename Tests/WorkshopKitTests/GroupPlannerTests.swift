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

  /// When the people do not make groups of the size, a group one over it can still do the
  /// exercise (a fourth in a triad observes too) and one under may not (a pair is no
  /// triad): one over where that makes every group, else as near the size as can be.
  @Test(arguments: [
    (11, MinuteRange(3, 3), [3, 4, 4]), (14, MinuteRange(3, 3), [3, 3, 4, 4]), (8, MinuteRange(3, 3), [4, 4]),
    (10, MinuteRange(3, 3), [3, 3, 4]), (7, MinuteRange(2, 2), [2, 2, 3]), (5, MinuteRange(3, 3), [2, 3]),
    (6, MinuteRange(4, 4), [3, 3]),
  ])
  func aGroupOneOverTheSizeRatherThanOneUnder(_ people: Int, _ size: MinuteRange, _ sizes: [Int]) {
    let groups = GroupPlanner.split(Self.people(people, organisations: 3), size: size, history: .init())
    #expect(groups.map(\.count).sorted() == sizes)
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

  /// `group-by: organisation`: colleagues together, where the numbers allow, even after
  /// meeting at an earlier exercise; the sizes as balanced as when mixed.
  @Test func colleaguesWorkTogetherWhenTheExerciseSaysSo() {
    var history = GroupPlanner.History()
    let roster = Self.people(12, organisations: 3)
    history.record([roster.filter { $0.organisation == "Organisation 1" }])
    let groups = GroupPlanner.split(roster, size: MinuteRange(3, 5), history: history, byOrganisation: true)
    #expect(groups.map(\.count) == [4, 4, 4])
    for group in groups { #expect(Set(group.compactMap(\.organisation)).count == 1, "\(group.map(\.name))") }
    // Five of one organisation and three of another in groups of 4: one group of the five's
    // colleagues, the other the three with the one left over.
    let uneven = (0..<8).map { Participant(name: "Deltager \($0 + 1)", organisation: $0 < 5 ? "Stor" : "Lille") }
    let groups4 = GroupPlanner.split(uneven, size: MinuteRange(4, 4), history: .init(), byOrganisation: true)
    #expect(groups4.map { Set($0.compactMap(\.organisation)).count }.sorted() == [1, 2])
  }

  /// The reference day's "Guldet i nabolaget" asks for colleagues from the same library:
  /// the run sheet's groups keep each library's two together.
  @Test func theReferenceDaysNeighbourhoodExerciseKeepsLibrariesTogether() throws {
    let schedule = try #require(
      Checker(exerciseDirectory: Paths.exercises.path)
        .check(programAt: Paths.programs.appendingPathComponent("civilsamfundet/2013-04-18.yaml").path).schedule)
    var history = GroupPlanner.History()
    let plan = GroupPlanner.plan(schedule, history: &history).0.first {
      $0.activity.exercise?.id == "partnerskaber-guldet-i-nabolaget"
    }
    let groups = try #require(plan?.assignments.first?.groups)
    #expect(groups.count == 2)
    for group in groups {
      let libraries = Dictionary(grouping: group, by: { $0.organisation ?? "" })
      #expect(libraries.values.allSatisfy { $0.count == 2 }, "\(group.map(\.name))")
    }
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

  /// When pairs join up (a step in groups straight after one in pairs), the groups are
  /// made of whole pairs, inside the range where the pairs allow it (16 people: four
  /// fours; 11: a trio and four pairs make 4, 4 and 3) and as near it as they can
  /// otherwise, each group at least two pairs (18 people are nine pairs: 4, 4, 4 and 6).
  @Test(arguments: [
    (16, [4, 4, 4, 4]), (11, [4, 4, 3]), (8, [4, 4]), (7, [4, 3]), (18, [6, 4, 4, 4]), (6, [6]),
  ])
  func pairsThatJoinUpStayWhole(_ people: Int, _ expected: [Int]) throws {
    let roster = Self.people(people, organisations: 5)
    let pairs = GroupPlanner.split(roster, size: MinuteRange(2, 2), history: .init())
    let (groups, fits) = try #require(GroupPlanner.join(pairs, size: MinuteRange(3, 4), history: .init()))
    #expect(groups.map(\.count).sorted(by: >) == expected)
    #expect(fits == (people != 18 && people != 6), "a trio and a pair fit; nine or three pairs do not")
    for pair in pairs {
      #expect(groups.contains { group in pair.allSatisfy { group.contains($0) } }, "\(pair.map(\.name)) split")
    }
  }

  /// Three pairs cannot make groups of four without splitting one: the finding says so,
  /// rather than that six people cannot work in groups of four.
  @Test func pairsThatCannotJoinUpWholeAreSaidSo() throws {
    let folder = try TemporaryFolder()
    let names = ["Anna", "Bo", "Carl", "Dorte", "Emil", "Frida"].map { "  - { name: \($0) }" }
    try folder.write("programs/kursus/series.yaml", "title: Kursus\nparticipants:\n" + names.joined(separator: "\n"))
    let file = try folder.write(
      "programs/kursus/2013-04-18.yaml",
      "date: 2013-04-18\nagenda:\n  - time: 09.00-09.15\n    exercise: en-to-fire-alle\n    with: { spoergsmaal: Hvad nu? }\n"
    )
    let check = Checker(exerciseDirectory: Paths.exercises.path).check(programAt: file.path)
    let schedule = try #require(check.schedule, "\(check.diagnostics)")
    var history = GroupPlanner.History()
    let (_, findings) = GroupPlanner.plan(schedule, history: &history)
    #expect(
      findings.map(\.message).contains {
        $0.hasPrefix("the 3 pairs of the step before cannot make groups of 3-4 without splitting a pair")
          && $0.hasSuffix("; give the part a groups: list to split one")
      }, "\(findings.map(\.message))")
    #expect(!findings.map(\.message).contains { $0.contains("6 people cannot all work") })
  }

  @Test func aGroupStepStraightAfterAPairStepJoinsThePairs() throws {
    let library = ExerciseLibrary(directory: Paths.exercises.path)
    let exercise = try #require(library.exercise("en-to-fire-alle"))
    let needs = GroupPlanner.needs(exercise)
    #expect(needs.map(\.format) == [.pairs, .groups])
    #expect(needs.map(\.joinsPairs) == [false, true])
  }

  /// On the sample day with 1-2-4-All, every pair of its pair step sits in one of the
  /// groups of four that follow, on the run sheet too.
  @Test func oneTwoFourAllKeepsThePairsTogether() throws {
    let check = Checker(exerciseDirectory: Paths.exercises.path)
      .check(programAt: Paths.programs.appendingPathComponent("samskabelseslaboratoriet/2017-03-30.yaml").path)
    let schedule = try #require(check.schedule)
    var history = GroupPlanner.History()
    let (plans, _) = GroupPlanner.plan(schedule, history: &history)
    let plan = try #require(plans.first { $0.activity.exercise?.id == "en-to-fire-alle" })
    let pairs = try #require(plan.assignments.first { $0.format == .pairs })
    let groups = try #require(plan.assignments.first { $0.format == .groups })
    #expect(groups.groups.allSatisfy { (3...4).contains($0.count) })
    for pair in pairs.groups {
      #expect(groups.groups.contains { group in pair.allSatisfy { group.contains($0) } }, "\(pair.map(\.name)) split")
    }
  }

  /// Hand-made `groups:` on 1-2-4-All are its groups of four: its step in pairs is still
  /// made in pairs.
  @Test func handMadeGroupsLeaveTheStepInPairsInPairs() throws {
    let check = Checker(exerciseDirectory: Paths.exercises.path)
      .check(programAt: Paths.programs.appendingPathComponent("samskabelseslaboratoriet/2017-03-30.yaml").path)
    var schedule = try #require(check.schedule)
    let at = schedule.program.agendaLocation
    let absent = Set(schedule.program.absent.map(\.value))
    let present = schedule.program.participants.filter { !absent.contains($0.name) }
    let hand = stride(from: 0, to: present.count, by: 4).map { start in
      present[start..<min(start + 4, present.count)].map { Located($0.name, at: at) }
    }
    for item in schedule.items.indices {
      for part in schedule.items[item].parts.indices
      where schedule.items[item].parts[part].activity.exercise?.id == "en-to-fire-alle" {
        schedule.items[item].parts[part].activity.groups = Located(hand, at: at)
      }
    }
    let (plans, findings) = Self.plan(schedule)
    let plan = try #require(plans.first { $0.activity.exercise?.id == "en-to-fire-alle" })
    let pairs = try #require(plan.assignments.first { $0.format == .pairs })
    let groups = try #require(plan.assignments.first { $0.format == .groups })
    #expect(groups.isFixed && groups.groups.map { $0.map(\.name) } == hand.map { $0.map(\.value) })
    // The roster's pairs (`pair:` labels), not the groups of four.
    #expect(pairs.groups.allSatisfy { (2...3).contains($0.count) }, "\(pairs.summary(.en))")
    #expect(pairs.groups.allSatisfy { group in group.allSatisfy { $0.pair == group[0].pair } })
    #expect(!findings.contains { $0.rule == .groups })
  }

  /// The schedule of an invalid fixture's program, with the fixtures' exercises.
  static func fixtureSchedule(_ name: String) throws -> Schedule {
    let program = Paths.fixtures.appendingPathComponent("invalid/\(name)/program.yaml")
    return try #require(Checker(exerciseDirectory: Paths.fixtureExercises.path).check(programAt: program.path).schedule)
  }

  /// Plans with no earlier meetings.
  static func plan(_ schedule: Schedule) -> ([GroupPlanner.PartPlan], [Diagnostic]) {
    var history = GroupPlanner.History()
    return GroupPlanner.plan(schedule, history: &history)
  }

  /// A fixed pair whose partner is away: the one left joins the smallest pair as a trio
  /// (said by the check), and `workshopkit groups` says "faste" in a Danish program.
  @Test func someoneWhosePartnerIsAwayJoinsAPair() throws {
    let schedule = try Self.fixtureSchedule("group-size-partner-absent")
    let (plans, findings) = Self.plan(schedule)
    let pairs = try #require(plans.first?.assignments.first)
    #expect(
      pairs.groups.map { $0.map(\.name) } == [
        ["Lone Bisgaard", "Jakob Friis", "Sanne Vestergaard"], ["Mette Laursen", "Ida Holm"],
      ])
    #expect(findings.map(\.rule) == [.groupSize])
    let text = GroupsText.render(plans, schedule: schedule)
    #expect(text.contains("i makkerpar: én trio og ét par (faste)\n"), "\(text)")
    #expect(text.hasSuffix("Fraværende: Peter Kragh\n"))
  }

  /// One without a `pair:` label on a roster that has them: the labelled pairs stay, the
  /// one joins the smallest as a trio, and the check names them; two without a label work
  /// together, which is no finding (a roster often leaves some to be paired on the day).
  @Test func someoneWithoutAPairLabelLeavesTheOthersPairsAlone() throws {
    var schedule = try Self.fixtureSchedule("group-size-unlabelled")
    var (plans, findings) = Self.plan(schedule)
    #expect(
      plans.first?.assignments.first?.groups.map { $0.map(\.name) } == [
        ["Lone Bisgaard", "Jakob Friis", "Ole Hansen"], ["Sanne Vestergaard", "Peter Kragh"],
      ])
    #expect(findings.map(\.rule) == [.groupSize])
    // Listed by their labels, as the follow-up forms name them: the trio by its pair's.
    let labels = plans.first?.assignments.first?.groups.map { $0.compactMap(\.pair) }
    #expect(plans.first?.assignments.first?.markers == labels?.map { $0[0] }, "\(String(describing: labels))")
    #expect(plans.first?.assignments.first?.markers.allSatisfy { Int($0) == nil } == true)
    schedule.program.participants.append(Participant(name: "Kim Lund", organisation: "Herlev Bibliotek"))
    (plans, findings) = Self.plan(schedule)
    // The pair made on the day has no label: a dash, not a number among the letters.
    #expect(plans.first?.assignments.first?.markers.last == "–")
    let text = GroupsText.render(plans, schedule: schedule)
    #expect(text.contains("    –  Ole Hansen (Gladsaxe Bibliotekerne), Kim Lund (Herlev Bibliotek)\n"), "\(text)")
    #expect(
      plans.first?.assignments.first?.groups.map { $0.map(\.name) } == [
        ["Lone Bisgaard", "Jakob Friis"], ["Sanne Vestergaard", "Peter Kragh"], ["Ole Hansen", "Kim Lund"],
      ])
    #expect(findings.isEmpty, "\(findings.map(\.message))")
    // `groups` tells the pairs made on the day from the roster's.
    #expect(
      GroupsText.render(plans, schedule: schedule).contains(
        "i makkerpar: 3 par (2 faste efter deltagerlisten, 1 sat sammen på dagen)\n"),
      "\(GroupsText.render(plans, schedule: schedule))")
  }

  /// Three away from three pairs: those left are named once, together, with the group they
  /// end up in; the same finding for two exercises of one title names each by its time.
  @Test func eachOneLeftIsNamedWithTheirFinalGroup() throws {
    var schedule = try Self.fixtureSchedule("group-size-partner-absent")
    let at = schedule.program.absent[0].location
    schedule.program.absent += [Located("Ida Holm", at: at), Located("Jakob Friis", at: at)]
    var (_, findings) = Self.plan(schedule)
    #expect(
      findings.map(\.message) == [
        "nobody else there has pair: A or pair: C, so Lone Bisgaard and Mette Laursen join Sanne Vestergaard "
          + "in \"Næste skridt\"; to pair them otherwise, give the part a groups: list"
      ])
    // The same exercise twice, under its own title.
    let folder = try TemporaryFolder()
    let fixture = Paths.fixtures.appendingPathComponent("invalid/group-size-partner-absent")
    try folder.write("series.yaml", Data(contentsOf: fixture.appendingPathComponent("series.yaml")))
    let program = try String(contentsOf: fixture.appendingPathComponent("program.yaml"), encoding: .utf8)
    let twice = try folder.write(
      "program.yaml", Data((program + "  - time: 09.50-10.10\n    exercise: naeste-skridt\n").utf8))
    schedule = try #require(
      Checker(exerciseDirectory: Paths.fixtureExercises.path).check(programAt: twice.path).schedule)
    (_, findings) = Self.plan(schedule)
    #expect(
      findings.map(\.message) == [
        "nobody else there has pair: B, so Sanne Vestergaard joins Lone Bisgaard and Jakob Friis in "
          + "\"Næste skridt\" (09.30) and \"Næste skridt\" (09.50); to pair them otherwise, give each of those "
          + "parts a groups: list"
      ])
  }

  /// One person there, on a roster of fixed pairs or without: the check says nobody works in
  /// a pair, and the groups are told as one person alone, not "a group of 1".
  @Test func onePersonThereIsToldWorksAlone() throws {
    for fixture in ["group-size-partner-absent", "group-size-unlabelled"] {
      var schedule = try Self.fixtureSchedule(fixture)
      let at = schedule.program.absent.first?.location ?? schedule.program.agendaLocation
      schedule.program.absent = schedule.program.participants.dropFirst().map { Located($0.name, at: at) }
      let (plans, findings) = Self.plan(schedule)
      let name = schedule.program.participants[0].name
      #expect(plans.first?.assignments.first?.groups.map { $0.map(\.name) } == [[name]], "\(fixture)")
      #expect(findings.map(\.rule) == [.groupSize], "\(fixture)")
      #expect(findings.first?.message.contains("\(name)") == true, "\(findings.map(\.message))")
      let text = GroupsText.render(plans, schedule: schedule)
      #expect(text.contains("i makkerpar: én alene"), "\(text)")
      #expect(!text.contains("gruppe på 1"))
    }
  }

  /// A program of several days: `groups` says which day each exercise is on.
  @Test func theGroupsOfSeveralDaysAreToldByDay() throws {
    let folder = try TemporaryFolder()
    let fixture = Paths.fixtures.appendingPathComponent("valid/two-days/program.yaml")
    let text = try String(contentsOf: fixture, encoding: .utf8).replacingOccurrences(
      of: "10.45-12.00\n        kind: oplæg\n        title: Oplæg",
      with: "10.45-11.05\n        exercise: naeste-skridt\n      - time: 11.05-12.00\n        kind: oplæg\n"
        + "        title: Oplæg 2")
    #expect(text.contains("Oplæg 2"))
    let program = try folder.write("program.yaml", text)
    var schedule = try #require(
      Checker(exerciseDirectory: Paths.fixtureExercises.path).check(programAt: program.path).schedule)
    schedule.program.participants = Self.people(4, organisations: 2)
    let (plans, _) = Self.plan(schedule)
    let lines = GroupsText.render(plans, schedule: schedule).split(separator: "\n").map(String.init)
    #expect(lines.first == "Dag 1 · torsdag den 18. april 2013")
    #expect(
      lines.filter { $0.hasPrefix("Dag ") } == [
        "Dag 1 · torsdag den 18. april 2013", "Dag 2 · fredag den 19. april 2013",
      ])
  }

  /// Everyone away: no split to print, and nothing to warn about.
  @Test func nobodyThereMeansNoGroups() throws {
    var schedule = try Self.fixtureSchedule("group-size-partner-absent")
    schedule.program.absent = schedule.program.participants.map {
      Located($0.name, at: schedule.program.absent[0].location)
    }
    let (plans, findings) = Self.plan(schedule)
    #expect(plans.isEmpty && findings.isEmpty)
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
    #expect(runSheet.contains("Makkerpar (4 par)"))
    #expect(runSheet.contains("Lone Bisgaard (Herlev Bibliotek), Jakob Friis (Herlev Bibliotek)"))
    #expect(runSheet.contains("Grupper på 3-5 (2 grupper på 4)"))
  }
}
