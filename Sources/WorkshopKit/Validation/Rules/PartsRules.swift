/// parts-overflow and parts-slack: whether a slot's parts fill it.
struct PartsRules: TimingRule {
  func check(_ schedule: Schedule, _ configuration: RuleConfiguration) -> [Diagnostic] {
    var findings: [Diagnostic] = []
    for item in schedule.items where item.item.isSlot && item.span.end > item.span.start {
      let given = item.item.parts.reduce(0) { $0 + ($1.minutes?.value ?? 0) }
      if given > item.span.minutes,
        let crossing = item.parts.first(where: { $0.span.end > item.span.end })
      {
        findings.append(Self.overflow(crossing, item, given: given))
      } else if item.item.parts.allSatisfy({ $0.minutes != nil }),
        item.span.minutes - given > configuration.maxSlackMinutes
      {
        findings.append(Self.slack(item, given: given))
      }
    }
    return findings
  }

  static func overflow(_ part: ScheduledPart, _ item: ScheduledItem, given: Int) -> Diagnostic {
    Diagnostic(
      .partsOverflow, at: part.activity.minutes?.location ?? part.activity.location,
      "\"\(part.activity.title)\" ends \(part.span.end.text), after its slot ends at \(item.span.end.text): "
        + "the parts take \(given) of the slot's \(item.span.minutes) minutes")
  }

  static func slack(_ item: ScheduledItem, given: Int) -> Diagnostic {
    let left = item.span.minutes - given
    return Diagnostic(
      .partsSlack, at: item.item.partsLocation ?? item.item.location,
      "the parts of \(item.span.description) take \(given) of its \(item.span.minutes) minutes, "
        + "leaving \(left) unplanned; give a part more minutes or shorten the slot")
  }
}
