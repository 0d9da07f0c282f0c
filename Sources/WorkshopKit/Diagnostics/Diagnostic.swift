/// One finding about an input file: what is wrong, where, and under which stable rule id.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
  public var rule: RuleID
  public var severity: Severity
  public var location: SourceLocation
  public var message: String

  public init(_ rule: RuleID, _ severity: Severity? = nil, at location: SourceLocation, _ message: String) {
    self.rule = rule
    self.severity = severity ?? rule.defaultSeverity
    self.location = location
    self.message = message
  }

  /// `path:line:column: severity: [rule-id] message`, the form editors and CI understand.
  public var description: String {
    "\(location): \(severity.rawValue): [\(rule.rawValue)] \(message)"
  }
}

extension Array where Element == Diagnostic {
  public var errorCount: Int { count { $0.severity == .error } }
  public var warningCount: Int { count { $0.severity == .warning } }
  public var hasErrors: Bool { contains { $0.severity == .error } }

  /// In file order, then by position; the same finding reported twice is kept once.
  func sortedUnique() -> [Diagnostic] {
    var seen = Set<Diagnostic>()
    return filter { seen.insert($0).inserted }
      .enumerated()
      .sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }
      .map(\.element)
  }
}
