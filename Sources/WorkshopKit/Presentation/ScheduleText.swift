/// The resolved schedule as plain text for the terminal: every item, part and step with
/// its clock times and minutes.
public enum ScheduleText {
  public static func render(_ schedule: Schedule) -> String {
    let program = schedule.program
    var lines: [String] = [program.title]
    var subtitle: [String] = []
    if let course = program.course { subtitle.append(course) }
    if let meeting = program.meetingText() { subtitle.append(meeting) }
    subtitle.append(program.scheduleDays.map(\.date.value.iso).joined(separator: ", "))
    lines.append(subtitle.joined(separator: " · "))
    lines.append("")
    for item in schedule.items {
      if program.isMultiDay,
        schedule.items.first(where: { $0.item.day == item.item.day })?.item.location == item.item.location
      {
        if item.item.day > 0 { lines.append("") }
        lines.append("day \(item.item.day + 1) · \(program.scheduleDays[item.item.day].date.value.iso)")
      }
      if item.item.isSlot {
        lines.append(row(item.span, indent: 0, kind: "", text: item.item.slotTitle ?? "", program.language))
        for part in item.parts { lines += partLines(part, indent: 2, program.language) }
      } else if let part = item.parts.first {
        lines += partLines(part, indent: 0, program.language)
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func partLines(_ part: ScheduledPart, indent: Int, _ language: Language) -> [String] {
    let activity = part.activity
    var text = activity.title
    if let presenter = activity.presenter { text += " — \(presenter)" }
    if let exercise = part.exercise {
      text += " (\(exercise.format.rawValue)\(exercise.groupSize.map { ", \($0)" } ?? ""))"
    }
    var lines = [row(part.span, indent: indent, kind: activity.kind.rawValue, text: text, language)]
    for step in part.steps {
      // A section heading takes no time: it stands in the text column with no clock.
      guard step.step.kind != .section else {
        lines.append(String(repeating: " ", count: indent + 4 + textColumn) + step.lineText)
        continue
      }
      var text = step.lineText
      if let exercise = part.exercise, exercise.hasStepFormats {
        // A size only where people work in groups: alone, in pairs or all together it
        // says nothing.
        let format = step.step.format ?? exercise.format
        let size = format == .groups ? (step.step.groupSize ?? exercise.groupSize).map { ", \($0)" } ?? "" : ""
        text += " [" + format.rawValue + size + "]"
      }
      if step.step.optional { text += " (optional)" }
      lines.append(row(step.span, indent: indent + 4, kind: "", text: text, language))
      for (index, round) in step.rounds.enumerated() {
        lines.append(row(round, indent: indent + 6, kind: "", text: "round \(index + 1)", language))
      }
      for (index, ask) in step.step.asks.enumerated() {
        // Under the step's text, after its label ("2. ", "→ ").
        let label = step.lineText.count - step.step.text.count
        lines.append(
          String(repeating: " ", count: indent + 4 + textColumn + label) + "\(step.subQuestionMark(index))) " + ask)
      }
    }
    return lines
  }

  /// Where a step's text starts in its row, after the clock and the minutes.
  private static let textColumn: Int = {
    let midnight = ClockTime(minutesSinceMidnight: 0)
    return row(TimeRange(start: midnight, end: midnight), indent: 0, kind: "", text: "x").count - 1
  }()

  private static func row(
    _ span: TimeRange, indent: Int, kind: String, text: String, _ language: Language = .da
  ) -> String {
    // Wide enough for 100 minutes and more, so the columns stay aligned.
    let minutes = "\(span.minutes) min".leftPadded(8, with: " ")
    let kindColumn = kind.isEmpty ? "" : kind.padding(toLength: 9) + " "
    let line = String(repeating: " ", count: indent) + span.formatted(language) + minutes + "  " + kindColumn + text
    var trimmed = Substring(line)
    while trimmed.last == " " { trimmed.removeLast() }
    return String(trimmed)
  }
}

extension String {
  fileprivate func padding(toLength length: Int) -> String {
    count >= length ? self : self + String(repeating: " ", count: length - count)
  }
}
