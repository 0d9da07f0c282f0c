/// break-interval and break-length: people need a pause every so often, and long enough.
struct BreakRules: TimingRule {
  func check(_ schedule: Schedule, _ configuration: RuleConfiguration) -> [Diagnostic] {
    var findings: [Diagnostic] = []
    let parts = schedule.items.enumerated()
      .sorted { ($0.element.span.start, $0.offset) < ($1.element.span.start, $1.offset) }
      .flatMap(\.element.parts)
    var blockStart: ClockTime?
    var reported = false
    for part in parts {
      let kind = part.activity.kind
      if kind == .break && part.span.minutes < configuration.minBreakMinutes {
        findings.append(Self.short(part, minimum: configuration.minBreakMinutes))
      }
      if kind.isRest && part.span.minutes >= configuration.minBreakMinutes {
        blockStart = nil
        reported = false
      } else if kind.isContent {
        let start = blockStart ?? part.span.start
        blockStart = start
        if !reported && part.span.end - start > configuration.maxBlockMinutes {
          findings.append(Self.long(part, since: start, maximum: configuration.maxBlockMinutes))
          reported = true
        }
      }
    }
    return findings
  }

  static func short(_ part: ScheduledPart, minimum: Int) -> Diagnostic {
    Diagnostic(
      .breakLength, at: part.activity.minutes?.location ?? part.activity.location,
      "the break \"\(part.activity.title)\" is \(part.span.minutes) minutes; "
        + "breaks of at least \(minimum) minutes let people recover")
  }

  static func long(_ part: ScheduledPart, since start: ClockTime, maximum: Int) -> Diagnostic {
    Diagnostic(
      .breakInterval, at: part.activity.location,
      "\"\(part.activity.title)\" runs to \(part.span.end.text): \(part.span.end - start) minutes of content "
        + "since \(start.text) without a break or meal; plan one within \(maximum) minutes")
  }
}
