import Foundation
import Testing

@testable import WorkshopKit

/// Danish words where a value is a fixed word: `ja` and `nej` as `yes` and `no`, and a
/// follow-up's status as the paper form prints it. Anything else is named with what it may
/// be, and a near miss with a suggestion.
@Suite struct DanishWordsTests {
  static let program = """
    title: Testdag
    date: 2013-04-18
    evaluation: ja
    agenda:
      - time: 09.00-09.30
        kind: plenary
        title: Velkomst

    """

  @Test func jaAndNejAreYesAndNo() throws {
    let folder = try TemporaryFolder()
    let yes = check(try folder.write("ja.yaml", Self.program))
    #expect(yes.diagnostics.isEmpty, "\(yes.diagnostics.map(\.message))")
    #expect(yes.program?.evaluation?.scale.isEmpty == false)
    let no = check(try folder.write("nej.yaml", Self.program.replacingOccurrences(of: ": ja", with: ": Nej")))
    #expect(no.diagnostics.isEmpty && no.program != nil && no.program?.evaluation == nil)
    // Anything else says what `evaluation` may be: a mapping too.
    let other = check(try folder.write("sand.yaml", Self.program.replacingOccurrences(of: ": ja", with: ": sand")))
    #expect(
      other.diagnostics.map(\.message) == [
        "\"evaluation\" must be true, false or a mapping of anonymous, scale and open; found \"sand\""
      ])
  }

  @Test func aStatusMayBeWrittenAsThePaperFormSaysIt() throws {
    let folder = try TemporaryFolder()
    let file = try folder.write(
      "2013-04-18.yaml",
      """
      answers:
        - who: Makkerpar A
          status: færdig
        - who: Makkerpar B
          status: i gang
        - who: Makkerpar C
          status: ikke startet
        - who: Makkerpar D
          status: done
        - who: Makkerpar E
          status: Færdig
        - who: Makkerpar F
          status: In progress
        - who: Makkerpar G
          status: not started
        - who: Makkerpar H
          status: færdigt

      """)
    let (answers, diagnostics) = FollowUpFile.read(file.path, exercise: nil)
    // As the Danish and the English tracker print them, capitalised or not.
    #expect(answers?.map(\.status) == [.done, .inProgress, .notStarted, .done, .done, .inProgress, .notStarted, nil])
    #expect(
      diagnostics.map(\.message) == [
        "\"status\" must be one of not-started, in-progress, done (or ikke startet, i gang, færdig, not started, "
          + "in progress); found \"færdigt\"; did you mean \"færdig\"?"
      ])
  }
}

/// One slip in an exercise file, one finding: a step's key written in Danish, a list of
/// stages written as one text, a misspelled follow-up under a report.
@Suite struct ExerciseSlipTests {
  static let exercise = """
    title: Næste skridt
    format: pairs
    minutes: 15-30
    steps:
      - ask: Hvad vil I afprøve?
      - ask: Hvem involverer det?
    follow-up: true
    report: true
    scale:
      label: Stadie
      stages: [Idé, Afprøvet]

    """

  static func findings(_ old: String, _ new: String) throws -> [String] {
    let folder = try TemporaryFolder()
    #expect(exercise.contains(old))
    _ = try folder.write("exercises/naeste-skridt.yaml", exercise.replacingOccurrences(of: old, with: new))
    let result = try CLI.run(["check", "exercises/naeste-skridt.yaml"], in: folder.url)
    return result.stdout.split(separator: "\n").dropLast().map { String($0.split(separator: " ", maxSplits: 1)[1]) }
  }

  @Test func aDanishKeyInAStepIsTakenForTheKeyItTranslates() throws {
    #expect(
      try Self.findings("- ask: Hvem", "- spørg: Hvem") == [
        "error: [unknown-key] unknown key \"spørg\" in a step; did you mean \"ask\"?"
      ])
  }

  /// A key written by another English word is taken for the one it means.
  @Test(arguments: [("question", "ask"), ("task", "do")])
  func anEnglishWordForAKeyIsTakenForTheKeyItMeans(_ word: String, _ key: String) throws {
    let findings = try Self.findings("- ask: Hvem", "- \(word): Hvem")
    #expect(findings == ["error: [unknown-key] unknown key \"\(word)\" in a step; did you mean \"\(key)\"?"])
  }

  /// A key like none of the known ones may be the step's question: one finding. A key
  /// that is a slip for another (`nte` for `note`) leaves the step without ask or do too:
  /// two defects, two findings.
  @Test func aStepWithAnUnknownKeyIsMissingAskOrDoOnlyWhenTheKeyIsAnotherOnesSlip() throws {
    #expect(
      try Self.findings("- ask: Hvem", "- hvad: Hvem") == [
        "error: [unknown-key] unknown key \"hvad\" in a step"
      ])
    let slip = try Self.findings("- ask: Hvem", "- nte: Hvem")
    #expect(slip.count == 2, "\(slip)")
    #expect(slip.contains { $0.contains("did you mean \"note\"?") })
    #expect(slip.contains { $0.contains("a step needs \"ask\" (a question) or \"do\" (an instruction)") })
  }

  @Test func stagesWrittenAsOneTextAreOneFindingWithTheList() throws {
    #expect(
      try Self.findings("stages: [Idé, Afprøvet]", "stages: Idé, Første kontakt, Afprøvet, Fast aftale") == [
        "error: [wrong-type] \"stages\" must be a list (lines starting with \"- \"), not the text \"Idé, Første "
          + "kontakt, Afprøvet, Fast aftale\"; write it as [Idé, Første kontakt, Afprøvet, Fast aftale]"
      ])
  }

  @Test func aMisspelledFollowUpIsNotAlsoMissingForTheReport() throws {
    #expect(
      try Self.findings("follow-up: true", "folow-up: true") == [
        "error: [unknown-key] unknown key \"folow-up\" in an exercise; did you mean \"follow-up\"?"
      ])
  }

  /// A word for a status that is not one of its names: the check says which it means.
  @Test(arguments: [
    ("finished", "done"), ("Completed", "done"), ("started", "in-progress"), ("ongoing", "in-progress"),
  ])
  func aStatusInOtherWordsIsToldWhichItMeans(_ written: String, _ meant: String) throws {
    let folder = try TemporaryFolder()
    let file = try folder.write("2013-04-18.yaml", "answers:\n  - who: Makkerpar A\n    status: \(written)\n")
    let (_, diagnostics) = FollowUpFile.read(file.path, exercise: nil)
    #expect(diagnostics.map(\.message).first?.hasSuffix("found \"\(written)\"; did you mean \"\(meant)\"?") == true)
  }
}
