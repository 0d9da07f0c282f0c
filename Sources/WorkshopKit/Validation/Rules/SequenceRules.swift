/// time-order, overlap, gap and day-bounds: where items sit against each other and the day.
/// Linear after one sort by start time. An item that ends before it starts gets its
/// time-order finding and nothing else: its neighbours are not measured against times that
/// are known to be wrong.
struct SequenceRules: TimingRule {
  var judgesEveryItem: Bool { true }

  func check(_ schedule: Schedule, _ configuration: RuleConfiguration) -> [Diagnostic] {
    var findings: [Diagnostic] = []
    let items = schedule.items
    for item in items where !item.hasSoundSpan {
      findings.append(Self.timeOrder(item))
    }
    if let day = schedule.program.day {
      if day.value.end <= day.value.start {
        findings.append(
          Diagnostic(
            .timeOrder, at: day.location,
            "the day ends at \(day.value.end.text), before it starts at \(day.value.start.text)"
              + Self.midnightHint(day.value)))
      } else {
        for item in items where item.hasSoundSpan { findings += Self.dayBounds(item, day) }
      }
    } else {
      for item in items where item.hasSoundSpan && item.span.end > Self.midnight {
        findings.append(Self.pastMidnight(item))
      }
    }
    let ordered = items.enumerated().sorted {
      ($0.element.span.start, $0.offset) < ($1.element.span.start, $1.offset)
    }.map(\.element)
    var latest: ScheduledItem?
    for item in ordered {
      guard item.hasSoundSpan else {
        // Its neighbours are not compared across it.
        latest = nil
        continue
      }
      defer {
        if item.span.end > (latest?.span.end ?? item.span.start) || latest == nil { latest = item }
      }
      guard let previous = latest else { continue }
      if item.span.start < previous.span.end {
        findings.append(Self.overlap(item, previous))
      } else if item.span.start - previous.span.end > configuration.maxGapMinutes {
        findings.append(Self.gap(item, after: previous))
      }
    }
    return findings
  }

  static let midnight = ClockTime(minutesSinceMidnight: 24 * 60)

  /// `23.30-00.30` reads as reversed unless the day says it runs past midnight.
  static func midnightHint(_ range: TimeRange) -> String {
    guard range.end < range.start, range.end <= TimeRange.latestEndPastMidnight,
      range.start > TimeRange.latestEndPastMidnight
    else { return "" }
    return "; if it runs past midnight, say so with the day's bounds, e.g. \"day: 18.00-01.00\""
  }

  static func timeOrder(_ item: ScheduledItem) -> Diagnostic {
    let message =
      item.span.end == item.span.start
      ? "\"\(item.timedTitle)\" starts and ends at \(item.span.start.text); give it some minutes"
      : "\"\(item.timedTitle)\" ends at \(item.span.end.text), before it starts at \(item.span.start.text)"
        + midnightHint(item.span)
    return Diagnostic(.timeOrder, at: item.item.timingLocation, message)
  }

  static func overlap(_ item: ScheduledItem, _ previous: ScheduledItem) -> Diagnostic {
    Diagnostic(
      .overlap, at: item.item.timingLocation,
      "\"\(item.firstTitle)\" starts \(item.span.start.text) but \"\(previous.lastTitle)\" ends \(previous.span.end.text)"
    )
  }

  static func gap(_ item: ScheduledItem, after previous: ScheduledItem) -> Diagnostic {
    let minutes = item.span.start - previous.span.end
    return Diagnostic(
      .gap, at: item.item.timingLocation,
      "\(minutes) unplanned minute\(minutes == 1 ? "" : "s") between \"\(previous.lastTitle)\" "
        + "(ends \(previous.span.end.text)) and \"\(item.firstTitle)\" (starts \(item.span.start.text))")
  }

  static func pastMidnight(_ item: ScheduledItem) -> Diagnostic {
    Diagnostic(
      .dayBounds, at: item.item.timingLocation,
      "\"\(item.lastTitle)\" ends \(item.span.end.text), past midnight; "
        + "if the day runs past midnight, say so with its bounds, e.g. \"day: 18.00-01.00\"")
  }

  static func dayBounds(_ item: ScheduledItem, _ located: Located<TimeRange>) -> [Diagnostic] {
    var findings: [Diagnostic] = []
    let day = located.value
    let at = item.item.timingLocation
    // Where the bounds were written: this file's line, or series.yaml's for the whole course.
    let written =
      located.location.file == at.file
      ? "line \(located.location.line)" : "\(PathText.name(of: located.location.file)) line \(located.location.line)"
    let widen = "or widen \"day: \(day.start.text)-\(day.end.text)\" (\(written))"
    if item.span.start < day.start {
      findings.append(
        Diagnostic(
          .dayBounds, at: at,
          "\"\(item.timedTitle(first: true))\" starts \(item.span.start.text), before the day begins at "
            + "\(day.start.text); start it at \(day.start.text) or later, \(widen)"))
    }
    if item.span.end > day.end {
      findings.append(
        Diagnostic(
          .dayBounds, at: at,
          "\"\(item.timedTitle(first: false))\" ends \(item.span.end.text), after the day ends at \(day.end.text); "
            + "end it by \(day.end.text), \(widen)"))
    }
    return findings
  }
}
