/// One finding about an input file: what is wrong, where, and under which stable rule id.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
  public var rule: RuleID
  public var severity: Severity
  public var location: SourceLocation
  public var message: String
  /// Kept as reported whatever `rules:` says of its rule: a mistyped key that stands for a
  /// key the format knows, which then is not given, says where that key's value went.
  public var keepsItsSeverity = false

  public init(_ rule: RuleID, _ severity: Severity? = nil, at location: SourceLocation, _ message: String) {
    self.rule = rule
    self.severity = severity ?? rule.defaultSeverity
    self.location = location
    self.message = message
  }

  /// The same finding: how `rules:` was to treat it is not part of what it says.
  public static func == (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
    lhs.rule == rhs.rule && lhs.severity == rhs.severity && lhs.location == rhs.location && lhs.message == rhs.message
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(rule)
    hasher.combine(severity)
    hasher.combine(location)
    hasher.combine(message)
  }

  /// `path:line:column: severity: [rule-id] message`, the form editors and CI understand.
  /// Always one line: control characters, line breaks and bidi overrides from a quoted
  /// value are written as escapes, so no value can forge a finding or drive a terminal.
  public var description: String {
    "\(location.description.escapedForOneLine): \(severity.rawValue): [\(rule.rawValue)] \(message.escapedForOneLine)"
  }
}

extension Array where Element == Diagnostic {
  public var errorCount: Int { count { $0.severity == .error } }
  public var warningCount: Int { count { $0.severity == .warning } }
  public var hasErrors: Bool { contains { $0.severity == .error } }

  /// In file order, then by position; the same finding reported twice is kept once.
  public func sortedUnique() -> [Diagnostic] {
    let sorted = enumerated()
      .sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }
    // The same finding has the same location: it can only repeat among the few findings
    // at one place, so those are compared instead of hashing every finding's texts.
    var result: [Diagnostic] = []
    result.reserveCapacity(sorted.count)
    var samePlace = 0
    for (_, diagnostic) in sorted {
      if let last = result.last, last.location != diagnostic.location { samePlace = result.count }
      if !result[samePlace...].contains(diagnostic) { result.append(diagnostic) }
    }
    return result
  }
}

extension String {
  /// The text with every character that could break a line, move the cursor, colour a
  /// terminal or reorder what is shown written as an escape: `\n`, `\t`, `\u{1B}`.
  public var escapedForOneLine: String {
    guard unicodeScalars.contains(where: \.needsEscapeOnOneLine) else { return self }
    var result = ""
    result.reserveCapacity(utf8.count + 8)
    for scalar in unicodeScalars {
      guard scalar.needsEscapeOnOneLine else {
        result.unicodeScalars.append(scalar)
        continue
      }
      switch scalar {
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      }
    }
    return result
  }
}

extension Unicode.Scalar {
  /// C0 and C1 controls, DEL, line and paragraph separators, and the bidi marks,
  /// embeddings, overrides and isolates (the "Trojan Source" characters).
  var needsEscapeOnOneLine: Bool {
    switch value {
    case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: true
    default: false
    }
  }
}
