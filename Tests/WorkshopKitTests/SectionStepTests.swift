import Foundation
import Testing

@testable import WorkshopKit

/// `section:` steps: headings over the steps that follow, which take no time, are numbered
/// by the kit unless they bring their own number, and letter the questions under them.
@Suite struct SectionStepTests {
  static let exercise = """
    title: Guldet i nabolaget
    language: da
    format: groups
    group-size: 3-5
    minutes: 20-30
    steps:
      - section: HVEM? Guldet i nabolaget
        note: Én idé pr. post-it.
      - ask: Hvem har vi i nærområdet?
        minutes: 6
      - ask: Hvem kender målgrupperne?
        minutes: 5
      - section: Vores styrker
      - ask: Hvad kan vi tilbyde?
        minutes: 5
      - ask: Hvad kan vi undvære?
        minutes: 2
        optional: true
      - do: Sæt en stjerne ved den første partner.

    """

  static func program(minutes: Int = 25) -> String {
    """
    title: Testdag
    date: 2013-04-18
    agenda:
      - time: 09.00-09.30
        kind: plenary
        title: Velkomst
      - time: 09.30-\(ClockTime(minutesSinceMidnight: 9 * 60 + 30 + minutes).text)
        exercise: guldet

    """
  }

  /// The folder, and the check of the program with `exercise` as `exercises/guldet.yaml`.
  static func check(exercise: String = exercise, minutes: Int = 25) throws -> (TemporaryFolder, ProgramCheck) {
    let folder = try TemporaryFolder()
    try folder.write("exercises/guldet.yaml", exercise)
    let file = try folder.write("programs/testdag.yaml", program(minutes: minutes))
    let check = Checker(exerciseDirectory: folder.url.appendingPathComponent("exercises").path)
      .check(programAt: file.path)
    return (folder, check)
  }

  static func findings(_ old: String, _ new: String) throws -> [String] {
    #expect(exercise.contains(old))
    let (folder, check) = try Self.check(exercise: exercise.replacingOccurrences(of: old, with: new))
    _ = folder
    return check.diagnostics.map { "\($0.location.line):\($0.location.column) [\($0.rule.rawValue)] \($0.message)" }
  }

  @Test func headingsTakeNoTimeAndTheUntimedStepGetsWhatIsLeft() throws {
    let (folder, check) = try Self.check()
    _ = folder
    #expect(check.diagnostics.isEmpty, "\(check.diagnostics.map(\.description))")
    let part = try #require(check.schedule?.parts.last)
    #expect(
      part.steps.map { "\($0.span.description) \($0.lineText)" } == [
        "09.30-09.30 1. HVEM? Guldet i nabolaget",
        "09.30-09.36 a. Hvem har vi i nærområdet?",
        "09.36-09.41 b. Hvem kender målgrupperne?",
        "09.41-09.41 2. Vores styrker",
        "09.41-09.46 a. Hvad kan vi tilbyde?",
        "09.46-09.48 b. Hvad kan vi undvære?",
        // 25 - 18 timed: the untimed step has all that is left; the headings share none.
        "09.48-09.55 → Sæt en stjerne ved den første partner.",
      ])
  }

  /// A heading that brings its own number keeps it; the kit numbers the others among
  /// all the headings, so "1." and "2." never clash.
  @Test func aHeadingWithItsOwnNumberKeepsIt() throws {
    let (folder, check) = try Self.check(
      exercise: Self.exercise.replacingOccurrences(
        of: "section: HVEM?", with: "section: \"1. HVEM?"
      ).replacingOccurrences(of: "Guldet i nabolaget\n    note", with: "Guldet i nabolaget\"\n    note"))
    _ = folder
    let headings = try #require(check.schedule?.parts.last).steps.filter { $0.step.kind == .section }
    #expect(headings.map(\.headingText) == ["1. HVEM? Guldet i nabolaget", "2. Vores styrker"])
  }

  /// The rule exercise-steps counts only the steps that share what is left: with the
  /// headings counted too, 20 - 18 = 2 minutes would not be enough for three.
  @Test func theStepsFitRuleDoesNotAskTimeForHeadings() throws {
    let (folder, check) = try Self.check(minutes: 20)
    _ = folder
    #expect(check.diagnostics.isEmpty, "\(check.diagnostics.map(\.description))")
  }

  /// Given only the minutes its timed steps take, the untimed step would get none (0 min on
  /// the run sheet): the program's check says so where the exercise is used, not only a
  /// check of the whole library.
  @Test func anUntimedStepLeftNoMinuteHereIsSaid() throws {
    let (folder, check) = try Self.check(
      exercise: Self.exercise.replacingOccurrences(of: "minutes: 20-30", with: "minutes: 18-30"), minutes: 18)
    _ = folder
    let expected: String =
      ":8:5: warning: [exercise-steps] given 18 minutes here, the timed steps of \"Guldet i nabolaget\" leave 0 "
      + "minutes for its untimed steps, so \"Sæt en stjerne ved den første partner.\" gets none; give the "
      + "exercise 1 more minute or shorten a timed step"
    let found: [String] = check.diagnostics.map { String($0.description.drop { $0 != ":" }) }
    #expect(found == [expected])
    // With the optional step untimed too, it is the one left without: the minute left is
    // the last step's, the optional one is skipped (not shown at 0 min), and nothing is said.
    let optional = Self.exercise.replacingOccurrences(of: "minutes: 20-30", with: "minutes: 16-30")
      .replacingOccurrences(of: "    minutes: 2\n    optional: true", with: "    optional: true")
    let (_, shared) = try Self.check(exercise: optional, minutes: 17)
    #expect(shared.diagnostics.isEmpty, "\(shared.diagnostics.map(\.description))")
    let steps = try #require(shared.schedule?.parts.last?.steps)
    #expect(!steps.contains { $0.step.optional })
    #expect(steps.last.map { "\($0.span.minutes) \($0.step.text)" } == "1 Sæt en stjerne ved den første partner.")
    let (_, short) = try Self.check(exercise: optional, minutes: 16)
    #expect(short.diagnostics.map(\.rule) == [.exerciseSteps])
    #expect(short.diagnostics.first?.message.contains("leave 0 minutes for its untimed steps") == true)
  }

  @Test func aHeadingWithMinutesIsToldToTimeItsSteps() throws {
    #expect(
      try Self.findings("  - section: Vores styrker\n", "  - section: Vores styrker\n    minutes: 1\n") == [
        "14:5 [invalid-value] a section heading has no \"minutes\"; a heading takes no time; time the steps under it"
      ])
    #expect(
      try Self.findings("  - section: Vores styrker\n", "  - section: Vores styrker\n    optional: ja\n") == [
        "14:5 [invalid-value] a section heading has no \"optional\"; a heading goes with its steps; mark the steps "
          + "under it optional"
      ])
    #expect(
      try Self.findings("  - section: Vores styrker\n", "  - section: Vores styrker\n    ask: Hvad?\n") == [
        "14:5 [invalid-value] a section heading has no \"ask\"; write the question as a step of its own after the "
          + "heading"
      ])
  }

  @Test func aDanishWordForSectionIsTakenForIt() throws {
    let found = try Self.findings("  - section: Vores styrker\n", "  - afsnit: Vores styrker\n")
    #expect(found == ["13:5 [unknown-key] unknown key \"afsnit\" in a step; did you mean \"section\"?"])
  }

  /// When the day runs late: the steps shrink, the headings keep no time, and a heading
  /// whose steps were all dropped goes with them.
  @Test func replanKeepsHeadingsAtNoTimeAndDropsAHeadingLeftWithoutSteps() throws {
    // The closing instruction before the second section, whose two steps are both optional.
    let closing = "  - do: Sæt en stjerne ved den første partner.\n"
    let dropping = Self.exercise.replacingOccurrences(of: closing, with: "")
      .replacingOccurrences(of: "  - section: Vores styrker\n", with: closing + "  - section: Vores styrker\n")
      .replacingOccurrences(
        of: "    minutes: 5\n  - ask: Hvad kan vi undvære?",
        with: "    minutes: 5\n    optional: true\n  - ask: Hvad kan vi undvære?")
    #expect(dropping.components(separatedBy: "optional: true").count == 3)
    let (folder, check) = try Self.check(exercise: dropping, minutes: 30)
    _ = folder
    let schedule = try #require(check.schedule)
    // 10 minutes behind at 09.30: the exercise goes from 30 minutes to 20, so both optional steps go.
    let result = try Replanner.replan(schedule, at: ClockTime(parsing: "09.40")!, behind: 10)
    let entry = try #require(result.entries.first { $0.activity.title == "Guldet i nabolaget" })
    #expect(entry.replanned.minutes == 20)
    #expect(entry.droppedSteps.map(\.text) == ["Hvad kan vi tilbyde?", "Hvad kan vi undvære?"])
    #expect(
      entry.steps.map { "\($0.span.minutes) \($0.lineText)" } == [
        "0 1. HVEM? Guldet i nabolaget", "5 a. Hvem har vi i nærområdet?", "5 b. Hvem kender målgrupperne?",
        "10 → Sæt en stjerne ved den første partner.",
      ])
  }

  /// Of an exercise under way, the heading over the step going on is still shown.
  @Test func anExerciseUnderWayKeepsTheHeadingOfTheStepGoingOn() throws {
    let (folder, check) = try Self.check()
    _ = folder
    let schedule = try #require(check.schedule)
    let result = try Replanner.replan(schedule, at: ClockTime(parsing: "09.38")!, behind: 0)
    let entry = try #require(result.entries.first { $0.inProgress })
    #expect(
      entry.steps(left: result.at).map(\.lineText) == [
        "1. HVEM? Guldet i nabolaget", "b. Hvem kender målgrupperne?", "2. Vores styrker", "a. Hvad kan vi tilbyde?",
        "b. Hvad kan vi undvære?", "→ Sæt en stjerne ved den første partner.",
      ])
  }

  /// The handout prints the headings over their questions, without minutes; the
  /// facilitator's note stays on the run sheet.
  @Test func theHandoutPrintsTheHeadingsWithoutMinutes() throws {
    let scratch = try KitScratch()
    try scratch.write("exercises/guldet.yaml", Self.exercise)
    let file = try scratch.write("programs/testdag.yaml", Self.program())
    let builder = KitBuilder(
      exerciseDirectory: scratch.path("exercises").path, outputDirectory: scratch.path("output").path)
    let report = builder.build(programFiles: [file.path])
    #expect(report.builtCount == 1, "\(report.diagnostics.map(\.description))")
    let folder = try #require(scratch.files(under: "output").first { $0.hasSuffix("/handout.xhtml") })
      .dropLast("handout.xhtml".count)
    let handout = try KitXML.parse(KitFiles.text(scratch.path("output/\(folder)handout.xhtml")))
    let list = try #require(handout.all("ol", class: "questions").first)
    let items = list.all("li").filter { $0.hasClass("step-section") || $0.hasClass("question") }
    #expect(
      items.map { ($0.hasClass("step-section") ? "# " : "") + $0.text.prefix(22) } == [
        "# 1. HVEM? Guldet i nabo", "Hvem har vi i nærområd", "Hvem kender målgrupper", "# 2. Vores styrker",
        "Hvad kan vi tilbyde? (", "Hvad kan vi undvære? (",
      ])
    #expect(list.all("li").filter { $0.hasClass("question") }.map { $0["value"] } == ["1", "2", "1", "2"])
    #expect(items.filter { $0.hasClass("step-section") }.allSatisfy { !$0.text.contains("min.") })
    #expect(!handout.text.contains("Én idé pr. post-it."))
    let runSheet = try KitFiles.text(scratch.path("output/\(folder)facilitator.xhtml"))
    #expect(runSheet.contains("Én idé pr. post-it."))
  }
}
