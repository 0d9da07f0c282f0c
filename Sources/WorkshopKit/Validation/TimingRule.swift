/// A check over a scheduled program. Each rule reports under one stable id at its
/// default severity; `RuleConfiguration.apply` adjusts or silences it afterwards.
protocol TimingRule: Sendable {
  func check(_ schedule: Schedule, _ configuration: RuleConfiguration) -> [Diagnostic]
}

enum TimingRules {
  static let all: [any TimingRule] = [
    SequenceRules(), PartsRules(), ExerciseTimingRules(), BreakRules(), MealRule(), InvolvementRule(),
    NextMeetingRules(),
  ]
}

extension ClockTime {
  /// `11.30` in findings, whatever the program's language: findings are for the author.
  var text: String { formatted(.da) }
}

extension ScheduledItem {
  /// The title of what is on at the start and at the end of the item.
  var firstTitle: String { parts.first?.activity.title ?? item.title }
  var lastTitle: String { parts.last?.activity.title ?? item.title }
}
