/// break-interval: people need a pause every so often. Counts content minutes only
/// (talks, exercises, plenary, recap), each minute of the clock once; a break or meal ends
/// a block (one too short is break-length's finding, not a second one here), and so does an
/// unplanned gap of at least `min-break-minutes`.
struct BreakIntervalRule: TimingRule {
  var judgesWholeDay: Bool { true }

  func check(_ schedule: Schedule, _ configuration: RuleConfiguration) -> [Diagnostic] {
    let parts = schedule.items.enumerated()
      .sorted { ($0.element.span.start, $0.offset) < ($1.element.span.start, $1.offset) }
      .flatMap(\.element.parts)
    var blockStart: ClockTime?
    var content = 0
    var coveredUntil: ClockTime?
    var reported = false
    var findings: [Diagnostic] = []
    for part in parts {
      let kind = part.activity.kind
      if let coveredUntil, part.span.start - coveredUntil >= configuration.minBreakMinutes {
        blockStart = nil
        content = 0
        reported = false
      }
      if kind.isRest {
        blockStart = nil
        content = 0
        reported = false
      } else if kind.isContent {
        let from = max(part.span.start, coveredUntil ?? part.span.start)
        content += max(0, part.span.end - from)
        blockStart = blockStart ?? part.span.start
        if !reported, content > configuration.maxBlockMinutes, let start = blockStart {
          findings.append(Self.long(part, since: start, content: content, maximum: configuration.maxBlockMinutes))
          reported = true
        }
      }
      coveredUntil = max(coveredUntil ?? part.span.end, part.span.end)
    }
    return findings
  }

  static func long(_ part: ScheduledPart, since start: ClockTime, content: Int, maximum: Int) -> Diagnostic {
    Diagnostic(
      .breakInterval, at: part.activity.location,
      "\"\(part.activity.title)\" runs to \(part.span.end.text): \(content) minutes of content "
        + "since \(start.text) without a break or meal; plan one within \(maximum) minutes")
  }
}
