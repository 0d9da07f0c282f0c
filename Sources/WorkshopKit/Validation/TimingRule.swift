/// A check over a scheduled program. Each rule reports under one stable id at its
/// default severity; `RuleConfiguration.apply` adjusts or silences it afterwards.
protocol TimingRule: Sendable {
  /// Whether the rule sees items whose span is wrong (they end before they start), to
  /// report them or step around them. Other rules see only sound items.
  var judgesEveryItem: Bool { get }
  /// Whether the rule judges the day as a whole (the meal, the share of activity, the
  /// blocks between breaks): it does not run while any item's times are wrong, so one
  /// defect gives one finding.
  var judgesWholeDay: Bool { get }
  /// Whether the rule judges the program as a whole (its next meeting), once for all days.
  var judgesProgram: Bool { get }
  func check(_ schedule: Schedule, _ configuration: RuleConfiguration) -> [Diagnostic]
}

extension TimingRule {
  var judgesEveryItem: Bool { false }
  var judgesWholeDay: Bool { false }
  var judgesProgram: Bool { false }
}

enum TimingRules {
  static let all: [any TimingRule] = [
    SequenceRules(), PartsRules(), ExerciseTimingRules(), BreakLengthRule(), BreakIntervalRule(), MealRule(),
    InvolvementRule(), NextMeetingRules(),
  ]

  /// Every rule's findings for a scheduled program, one finding per defect; the rules about
  /// the day run for each day of a program of several days.
  static func check(_ schedule: Schedule, _ configuration: RuleConfiguration) -> [Diagnostic] {
    var findings: [Diagnostic] = []
    for index in schedule.program.scheduleDays.indices {
      let day = schedule.day(index)
      let complete = day.items.allSatisfy(\.hasSoundSpan)
      var sound = day
      if !complete { sound.items.removeAll { !$0.hasSoundSpan } }
      for rule in all where !rule.judgesProgram && (complete || !rule.judgesWholeDay) {
        findings += rule.check(rule.judgesEveryItem ? day : sound, configuration)
      }
    }
    for rule in all where rule.judgesProgram { findings += rule.check(schedule, configuration) }
    return findings
  }
}

extension ClockTime {
  /// `11.30` in findings, whatever the program's language: findings are for the author.
  var text: String { formatted(.da) }
}

extension ScheduledItem {
  /// The title of what is on at the start and at the end of the item.
  var firstTitle: String { parts.first?.activity.title ?? item.title }
  var lastTitle: String { parts.last?.activity.title ?? item.title }
  /// What its `time:` belongs to: a titled slot by its own title, else its first part.
  var timedTitle: String { timedTitle(first: true) }
  /// A titled slot by its title; otherwise its first or last part, whichever the finding
  /// is about (the start or the end).
  func timedTitle(first: Bool) -> String {
    if item.isSlot, let title = item.slotTitle { return title }
    return first ? firstTitle : lastTitle
  }
  /// Ends after it starts.
  var hasSoundSpan: Bool { span.end > span.start }
}
