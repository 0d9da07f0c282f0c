import ArgumentParser
import Foundation
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

/// The rule table as `workshopkit rules` prints it: aligned columns, one rule a row; what
/// it checks wrapped to the terminal's width (`COLUMNS`, else 100), and its thresholds on
/// a line of their own under it.
enum RuleTable {
  static var text: String {
    let width = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init).map { max(60, $0) } ?? 100
    return text(width: width)
  }

  static func text(width: Int) -> String {
    let defaults = RuleConfiguration()
    let rows: [(columns: [String], thresholds: [String])] =
      [(["rule", "default", "rules:", "what it checks"], [])]
      + RuleID.allCases.map { rule in
        (
          [rule.rawValue, rule.defaultSeverity.rawValue, rule.isConfigurable ? "yes" : "no", rule.summary],
          rule.thresholds.map { "\($0) \(defaults.value(ofThreshold: $0))" }
        )
      }
    let widths = (0..<3).map { column in rows.map { $0.columns[column].count }.max() ?? 0 }
    let indent = String(repeating: " ", count: widths.reduce(0, +) + 3 * 2)
    var text = ""
    for row in rows {
      let lead = (0..<3).map { row.columns[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
        .joined(separator: "  ")
      let room = max(20, width - indent.count)
      // A threshold and its value stay on one line.
      let thresholds = row.thresholds.enumerated().map {
        $0.offset < row.thresholds.count - 1 ? $0.element + "," : $0.element
      }
      let lines =
        wrapped(row.columns[3].split(separator: " ").map(String.init), width: room)
        + (thresholds.isEmpty ? [] : wrapped(["thresholds:"] + thresholds, width: room))
      text += lead + "  " + (lines.first ?? "") + "\n"
      for line in lines.dropFirst() { text += indent + line + "\n" }
    }
    return text
  }

  /// `words` in lines of at most `width` characters, broken between them.
  static func wrapped(_ words: [String], width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in words {
      if !line.isEmpty, line.count + 1 + word.count > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }
}
