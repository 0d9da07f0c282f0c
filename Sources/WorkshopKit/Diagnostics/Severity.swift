/// How serious a finding is. `error` stops a program from being built.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable {
  case error
  case warning
}

/// A severity as configured under `rules:`; `off` silences a rule.
public enum ConfiguredSeverity: String, Sendable, Hashable, CaseIterable {
  case error
  case warning
  case off

  var severity: Severity? {
    switch self {
    case .error: .error
    case .warning: .warning
    case .off: nil
    }
  }
}
