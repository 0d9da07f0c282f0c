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

      """)
    let (answers, diagnostics) = FollowUpFile.read(file.path, exercise: nil)
    #expect(answers?.map(\.status) == [.done, .inProgress, .notStarted, .done, nil])
    #expect(
      diagnostics.map(\.message) == [
        "\"status\" must be one of not-started, in-progress, done (or ikke startet, i gang, færdig); "
          + "found \"Færdig\"; did you mean \"færdig\"?"
      ])
  }
}
