import Foundation

/// Prints findings as `check` shows them: text lines for people and editors, or JSON.
public enum DiagnosticRendering {
  /// `path:line:column: severity: [rule-id] message`, optionally coloured for a terminal.
  public static func line(_ diagnostic: Diagnostic, colour: Bool = false) -> String {
    guard colour else { return diagnostic.description }
    let code = diagnostic.severity == .error ? "31" : "33"
    return "\u{1B}[1m\(diagnostic.location.description.escapedForOneLine):\u{1B}[0m "
      + "\u{1B}[1;\(code)m\(diagnostic.severity.rawValue):\u{1B}[0m "
      + "[\(diagnostic.rule.rawValue)] \(diagnostic.message.escapedForOneLine)"
  }

  private struct Record: Encodable {
    var file: String
    var line: Int
    var column: Int
    var severity: String
    var rule: String
    var message: String
  }

  /// A JSON array with one object per finding, one finding per line.
  public static func json(_ diagnostics: [Diagnostic]) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let lines = diagnostics.map { diagnostic -> String in
      let record = Record(
        file: diagnostic.location.file, line: diagnostic.location.line, column: diagnostic.location.column,
        severity: diagnostic.severity.rawValue, rule: diagnostic.rule.rawValue, message: diagnostic.message)
      let data = (try? encoder.encode(record)) ?? Data("{}".utf8)
      return "  " + String(decoding: data, as: UTF8.self)
    }
    return lines.isEmpty ? "[]" : "[\n" + lines.joined(separator: ",\n") + "\n]"
  }
}
