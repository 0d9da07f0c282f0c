/// break-length: a break long enough to recover.
struct BreakLengthRule: TimingRule {
  func check(_ schedule: Schedule, _ configuration: RuleConfiguration) -> [Diagnostic] {
    schedule.parts.filter { $0.activity.kind == .break && $0.span.minutes < configuration.minBreakMinutes }
      .map { part in
        Diagnostic(
          .breakLength, at: part.activity.minutes?.location ?? part.activity.location,
          "the break \"\(part.activity.title)\" is \(part.span.minutes) minutes; "
            + "breaks of at least \(configuration.minBreakMinutes) minutes let people recover")
      }
  }
}
