import Foundation

/// A replan as `workshopkit replan` prints it: the new times of every remaining item and
/// step, what was shortened and by how much, and whether the day still ends on time.
public enum ReplanText {
  /// Clock times as `language` writes them: 10.30 in Danish, 10:30 in English.
  public static func render(_ result: Replanner.Result, language: Language = .da) -> String {
    func time(_ clock: ClockTime) -> String { clock.formatted(language) }
    let day = result.schedule.program.isMultiDay ? " on day \(result.day + 1)" : ""
    var lines = [
      "Replan at \(time(result.at))\(day), \(result.behind) minute\(result.behind == 1 ? "" : "s") behind "
        + (result.following.last.map { "the replan of \(time($0.at)) " } ?? "")
        + "(the plan stands at \(time(result.plannedNow)))",
      "",
    ]
    for entry in result.entries {
      var note = ""
      if entry.inProgress {
        note = "under way, runs on"
      } else if entry.shortenedBy > 0 {
        note = "shortened \(entry.shortenedBy) min (\(entry.planned.minutes) → \(entry.replanned.minutes))"
      } else if entry.planned.start != entry.replanned.start {
        note = "moved from \(time(entry.planned.start))"
      }
      lines.append(row(entry.shownSpan(behind: result.behind), entry.activity.title, note: note, indent: 0, language))
      // Of an item under way, the steps still to come and the one going on now.
      for step in entry.steps(left: result.at) {
        guard step.step.kind != .section else {
          // In the text column, with no clock: it takes no time.
          let column = row(step.span, "x", note: "", indent: 4, language).count - 1
          lines.append(String(repeating: " ", count: column) + step.lineText)
          continue
        }
        let now = entry.inProgress && step.span.start <= result.at
        lines.append(row(step.span, step.lineText, note: now ? "now" : "", indent: 4, language))
        // Each round on the new clock, so the room changes over on time.
        for (number, round) in entry.rounds(of: step, left: result.at) {
          let now = entry.inProgress && round.start <= result.at
          lines.append(row(round, "round \(number)", note: now ? "now" : "", indent: 6, language))
        }
      }
      for dropped in entry.droppedSteps {
        lines.append(String(repeating: " ", count: 4) + "dropped (optional): " + dropped.text)
      }
    }
    lines.append("")
    let shortened = result.shortened.filter { $0.shortenedBy > 0 }
    if !shortened.isEmpty {
      lines.append(
        "Shortened: "
          + shortened.map { "\($0.activity.title) \($0.shortenedBy) min" }.joined(separator: ", "))
    }
    if result.shortensACountdown {
      lines.append("On the slides, - takes a minute off the countdown shown, and + gives one back.")
    }
    if result.endsOnTime {
      lines.append("The day ends \(time(result.newEnd)), as planned.")
    } else if result.endsWithinTheDay, let dayEnd = result.dayEnd {
      lines.append(
        "The day ends \(time(result.newEnd)), \(result.overrun) minute\(result.overrun == 1 ? "" : "s") later than "
          + "planned, within the day, which ends \(time(dayEnd)).")
      // The last choice, ending later, is the one this plan takes.
      let others = choices(result, language).dropLast()
      if !others.isEmpty {
        lines.append("To end at \(time(result.plannedEnd)) after all: " + others.joined(separator: "; ") + ".")
      }
    } else {
      lines.append(
        "The day runs \(result.overrun) minute\(result.overrun == 1 ? "" : "s") over: it ends \(time(result.newEnd)) "
          + "instead of \(time(result.plannedEnd)).")
      lines.append("Choices left: " + choices(result, language).joined(separator: "; ") + ".")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// What the facilitator can still decide when no plan absorbs the delay.
  static func choices(_ result: Replanner.Result, _ language: Language = .da) -> [String] {
    var choices: [String] = []
    let optional = result.entries.flatMap { entry in
      entry.steps.filter(\.step.optional).map { (entry.activity.title, $0) }
    }
    for (title, step) in optional {
      choices.append("drop the optional step \"\(step.step.text)\" of \"\(title)\" (\(step.span.minutes) min)")
    }
    // What replan does not shorten by itself: talks, and plenaries, recaps and arrivals not
    // marked flexible.
    let fixed = result.entries.filter { entry in
      !entry.inProgress && !entry.activity.isFlexible && entry.activity.exercise == nil
        && [.talk, .plenary, .recap, .arrival].contains(entry.activity.kind)
    }
    if !fixed.isEmpty {
      var named = fixed.map {
        "the \($0.activity.kind.rawValue) \"\($0.activity.title)\" (\($0.replanned.minutes) min)"
      }
      let last = named.removeLast()
      let list = named.isEmpty ? last : named.joined(separator: ", ") + " or " + last
      choices.append(
        "shorten \(list), or mark \(fixed.count == 1 ? "it" : "them") flexible: true so replan takes up to half of "
          + (fixed.count == 1 ? "it" : "each"))
    }
    // What is under way runs on as planned unless the facilitator cuts it short: near the
    // end of the day often the one thing left to shorten.
    for entry in result.entries where entry.inProgress && !entry.activity.kind.isRest && entry.replanned.minutes > 1 {
      choices.append(
        "cut \"\(entry.activity.title)\" short (under way, \(entry.replanned.minutes) min left)")
    }
    choices.append(
      "end \(result.overrun) minute\(result.overrun == 1 ? "" : "s") later, at \(result.newEnd.formatted(language))")
    return choices
  }

  static func row(_ span: TimeRange, _ text: String, note: String, indent: Int, _ language: Language = .da) -> String {
    // Wide enough for 100 minutes and more, as in `schedule`.
    let minutes = "\(span.minutes) min".leftPadded(8, with: " ")
    var line = String(repeating: " ", count: indent) + span.formatted(language) + minutes + "  " + text
    if !note.isEmpty { line += "  [" + note + "]" }
    return line
  }

  private struct Record: Encodable {
    /// A replan the day was following: when it was made, how far behind.
    struct Earlier: Encodable {
      var at: String
      var behind: Int
    }
    struct Item: Encodable {
      var title: String
      var kind: String
      var plannedStart: String
      var plannedEnd: String
      /// As the text shows it: an item under way from when it began.
      var start: String
      var end: String
      var minutes: Int
      /// What is left of it at `at`: of an item under way, less than `minutes`.
      var minutesLeft: Int
      var shortenedBy: Int
      var inProgress: Bool
      var steps: [Step]
      var droppedSteps: [String]
    }
    struct Step: Encodable {
      /// `ask`, `do` or `section` (a heading, which takes no time).
      var kind: String
      var text: String
      var start: String
      var end: String
      var minutes: Int
      /// Going on at `at`, in an item under way.
      var now: Bool
      /// A step of rounds: each round's clock (empty otherwise).
      var rounds: [Round]
    }
    struct Round: Encodable {
      var start: String
      var end: String
      var minutes: Int
    }
    var day: Int
    var at: String
    var behind: Int
    var plannedNow: String
    var plannedEnd: String
    var end: String
    var overrunMinutes: Int
    var endsOnTime: Bool
    /// By the end of the day: on time, or later than planned but within the day's declared
    /// bounds (`day:`); false only when the day runs over them.
    var endsWithinTheDay: Bool
    var dayEnd: String?
    var items: [Item]
    /// The replans made earlier that the day was following, in order (empty when none).
    var following: [Earlier] = []
  }

  /// The JSON of a replan after the day's end: nothing is left, so no items; it ended
  /// `behind` minutes after `plannedEnd`.
  public static func jsonAfterTheEnd(
    day: Int, at: ClockTime, behind: Int, plannedEnd: ClockTime, dayEnd: ClockTime?
  ) -> String {
    let end = plannedEnd.adding(minutes: behind)
    return encoded(
      Record(
        day: day + 1, at: at.text, behind: behind, plannedNow: at.adding(minutes: -behind).text,
        plannedEnd: plannedEnd.text, end: end.text, overrunMinutes: behind, endsOnTime: behind == 0,
        endsWithinTheDay: behind == 0 || dayEnd.map { end <= $0 } == true, dayEnd: dayEnd?.text, items: []))
  }

  private static func encoded(_ record: Record) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(record)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
  }

  /// The same as JSON, times written `HH.MM`.
  public static func json(_ result: Replanner.Result) -> String {
    var record = Record(
      day: result.day + 1, at: result.at.text, behind: result.behind, plannedNow: result.plannedNow.text,
      plannedEnd: result.plannedEnd.text, end: result.newEnd.text, overrunMinutes: result.overrun,
      endsOnTime: result.endsOnTime, endsWithinTheDay: result.endsOnTime || result.endsWithinTheDay,
      dayEnd: result.dayEnd?.text,
      items: result.entries.map { entry in
        let shown = entry.shownSpan(behind: result.behind)
        return Record.Item(
          title: entry.activity.title, kind: entry.activity.kind.rawValue, plannedStart: entry.planned.start.text,
          plannedEnd: entry.planned.end.text, start: shown.start.text, end: shown.end.text, minutes: shown.minutes,
          minutesLeft: entry.replanned.minutes, shortenedBy: entry.shortenedBy, inProgress: entry.inProgress,
          // Of an item under way, the steps still to come, as the text has them.
          steps: entry.steps(left: result.at).map {
            Record.Step(
              kind: $0.step.kind.rawValue, text: $0.step.text, start: $0.span.start.text, end: $0.span.end.text,
              minutes: $0.span.minutes,
              now: entry.inProgress && $0.span.start <= result.at,
              rounds: $0.rounds.map { Record.Round(start: $0.start.text, end: $0.end.text, minutes: $0.minutes) })
          },
          droppedSteps: entry.droppedSteps.map(\.text))
      })
    record.following = result.following.map { Record.Earlier(at: $0.at.text, behind: $0.behind) }
    return encoded(record)
  }
}
