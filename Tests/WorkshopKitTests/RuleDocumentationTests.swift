import Foundation
import Testing

@testable import WorkshopKit

/// Every rule id is documented where users look: `workshopkit rules`, the README's table
/// and programs/README.md, with the severity it really has.
@Suite struct RuleDocumentationTests {
  @Test func theRulesCommandListsEveryRuleWithItsSeverity() throws {
    let result = try CLI.run(["rules"])
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    for rule in RuleID.allCases {
      let line = lines.first { $0.hasPrefix(rule.rawValue + " ") }
      #expect(line != nil, "no line for \(rule.rawValue)")
      let columns = line?.split(separator: " ", omittingEmptySubsequences: true).map(String.init) ?? []
      #expect(columns.dropFirst().first == rule.defaultSeverity.rawValue, "\(line ?? "")")
      #expect(columns.dropFirst(2).first == (rule.isConfigurable ? "yes" : "no"), "\(line ?? "")")
    }
    #expect(result.stdout.contains("meal-day-minutes 300"))
    #expect(result.stdout.contains("min-involvement-percent 25"))
  }

  /// The table fits the terminal: what each rule checks wraps under its column, a
  /// threshold and its value kept on one line.
  @Test func theRulesTableFitsAnEightyColumnTerminal() throws {
    let result = try CLI.run(["rules"], columns: 80)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.filter { $0.count > 80 })")
    #expect(lines.contains { $0.hasSuffix("meal-day-minutes 300") })
    #expect(lines.contains { $0.trimmingCharacters(in: .whitespaces) == "thresholds: max-gap-minutes 0" })
  }

  @Test(arguments: ["README.md", "programs/README.md"])
  func theReadmeNamesEveryRule(_ file: String) throws {
    let text = try String(contentsOf: Paths.package.appendingPathComponent(file), encoding: .utf8)
    let missing = RuleID.allCases.filter { !text.contains("`\($0.rawValue)`") }
    #expect(missing.isEmpty, "\(file) does not name \(missing.map(\.rawValue))")
    for key in RuleConfiguration.thresholdKeys {
      #expect(file == "README.md" || text.contains("`\(key)`"), "\(file) does not name \(key)")
    }
  }
}
