import Foundation
import Testing

@testable import WorkshopKit

/// `rules: { unknown-key: off }`: keys the format does not know are let through, but a typo
/// of a key that is then missing keeps its error, so `check` and `build` agree.
@Suite struct UnknownKeyOffTests {
  static func check(_ item: String) throws -> ProgramCheck {
    let folder = try TemporaryFolder()
    let file = try folder.write(
      "program.yaml",
      "title: Testdag\ndate: 2013-04-18\nrules: { unknown-key: off }\nagenda:\n  - time: 09.00-09.30\n"
        + "    kind: plenary\n" + item)
    return Checker(exerciseDirectory: folder.url.appendingPathComponent("exercises").path).check(programAt: file.path)
  }

  /// Beside the key it is near, a stray key is one the format does not know: off, it is
  /// silent, and the day is scheduled (before, the schedule was withheld with no error shown).
  @Test func aNearKeyBesideTheKeyItselfIsLetThrough() throws {
    let check = try Self.check("    title: Velkomst\n    titel: Velkommen\n    colour: red\n")
    #expect(check.diagnostics.isEmpty, "\(check.diagnostics.map(\.description))")
    #expect(check.schedule?.items.count == 1)
  }

  @Test func aTypoOfAMissingKeyKeepsItsError() throws {
    let check = try Self.check("    titel: Velkomst\n")
    #expect(check.diagnostics.map(\.rule) == [.unknownKey])
    #expect(check.diagnostics.first?.severity == .error)
    #expect(check.schedule == nil)
  }

  /// A program left unread for a missing key still has its `rules:` applied: its own key
  /// is not reported beside the missing title (before, it came up as an error and went
  /// away once the title was given).
  @Test func theRulesApplyToAProgramThatAMissingKeyLeftUnread() throws {
    let folder = try TemporaryFolder()
    let file = try folder.write(
      "program.yaml",
      "date: 2013-04-18\nrules: { unknown-key: off, gap: error }\ncolour: red\nagenda:\n"
        + "  - time: 09.00-09.30\n    kind: plenary\n    title: Velkomst\n")
    let check = Checker(exerciseDirectory: folder.url.appendingPathComponent("exercises").path).check(
      programAt: file.path)
    #expect(check.diagnostics.map(\.rule) == [.missingKey], "\(check.diagnostics.map(\.description))")
  }
}
