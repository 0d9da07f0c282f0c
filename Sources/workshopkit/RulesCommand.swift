import ArgumentParser
import WorkshopKit

struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules",
    abstract: "List every rule id with its default severity, whether rules: can change it, and its thresholds.",
    discussion: """
      Each finding of `workshopkit check` names one of these ids. The timing and
      series rules can be set to error, warning or off under `rules:` in series.yaml
      or a program, and their thresholds changed there, e.g.
        rules: { gap: off, break-interval: error, max-block-minutes: 100 }
      Problems that make a file unreadable (yaml-syntax, wrong-type, …) are always
      errors, and so are time-format, time-order and duplicate-key: turned off,
      an item or a value would be left out of the kit without a word.

      Example:
        workshopkit rules
      """
  )

  func run() throws {
    print(RuleTable.text, terminator: "")
  }
}

/// The rule table as `workshopkit rules` prints it: aligned columns, one rule a line.
enum RuleTable {
  static var text: String {
    let defaults = RuleConfiguration()
    let rows: [[String]] =
      [["rule", "default", "rules:", "thresholds", "what it checks"]]
      + RuleID.allCases.map { rule in
        [
          rule.rawValue, rule.defaultSeverity.rawValue, rule.isConfigurable ? "yes" : "no",
          rule.thresholds.map { "\($0) \(defaults.value(ofThreshold: $0))" }.joined(separator: ", "),
          rule.summary,
        ]
      }
    let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
      (0..<4).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        + "  " + row[4] + "\n"
    }.joined()
  }
}
