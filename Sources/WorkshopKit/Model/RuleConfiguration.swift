/// Severities and thresholds of the timing rules, from defaults, `series.yaml` and the
/// program's own `rules:`, later ones overriding earlier ones.
public struct RuleConfiguration: Sendable, Hashable {
  public var severities: [RuleID: ConfiguredSeverity] = [:]
  public var maxBlockMinutes = 90
  public var minBreakMinutes = 10
  public var maxSlackMinutes = 5
  public var maxGapMinutes = 0
  public var minMealMinutes = 30
  public var mealWindow = TimeRange(
    start: ClockTime(minutesSinceMidnight: 11 * 60), end: ClockTime(minutesSinceMidnight: 13 * 60 + 30))
  public var minInvolvementPercent: Double = 25
  /// Days shorter than this need no meal, even across noon (a 09.00–12.30 morning).
  public var mealDayMinutes = 300

  public init() {}

  /// The thresholds `rules:` accepts beside rule ids.
  public static let thresholdKeys = [
    "max-block-minutes", "min-break-minutes", "max-slack-minutes", "max-gap-minutes",
    "min-meal-minutes", "meal-window", "meal-day-minutes", "min-involvement-percent",
  ]

  /// A threshold's value as written under `rules:`, e.g. `90` or `11.00-13.30`.
  public func value(ofThreshold key: String) -> String {
    switch key {
    case "max-block-minutes": "\(maxBlockMinutes)"
    case "min-break-minutes": "\(minBreakMinutes)"
    case "max-slack-minutes": "\(maxSlackMinutes)"
    case "max-gap-minutes": "\(maxGapMinutes)"
    case "min-meal-minutes": "\(minMealMinutes)"
    case "meal-window": mealWindow.description
    case "meal-day-minutes": "\(mealDayMinutes)"
    case "min-involvement-percent":
      minInvolvementPercent.rounded() == minInvolvementPercent
        ? "\(Int(minInvolvementPercent))" : "\(minInvolvementPercent)"
    default: ""
    }
  }

  /// The severity a finding of `rule` gets, or nil when the rule is off.
  public func severity(for rule: RuleID) -> Severity? {
    guard rule.isConfigurable, let configured = severities[rule] else { return rule.defaultSeverity }
    return configured.severity
  }

  /// Applies the configuration to raw findings: changes severities, drops rules that are off.
  public func apply(to diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.compactMap { diagnostic in
      guard diagnostic.rule.isConfigurable, !diagnostic.keepsItsSeverity else { return diagnostic }
      guard let severity = severity(for: diagnostic.rule) else { return nil }
      var adjusted = diagnostic
      adjusted.severity = severity
      return adjusted
    }
  }
}
