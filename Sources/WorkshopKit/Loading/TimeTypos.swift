/// What is wrong with a clock time or a time range that does not read, said so the author
/// can fix it at once: the minute or hour that is not on the clock, or the time meant when
/// it can be told (`9` is 09.00, `1000` is 10.00).
enum TimeTypos {
  /// How a clock time that does not read went wrong.
  enum Reading: Equatable {
    /// Read as this time, written the house way (`09.00` for `9`).
    case meant(String)
    /// Cannot be read; the reason, as a phrase ("minute 60 is not on the clock …").
    case problem(String)
    /// Nothing to say beyond the expected form.
    case unreadable
  }

  /// `": minute 60 is not on the clock (00 to 59)"` or `"; did you mean 09.00?"` for a clock
  /// time, nil when there is nothing more to say than the expected form.
  static func clockHint(_ text: String) -> String? {
    switch reading(handwritten(text)) {
    case .meant(let time): "; did you mean \(time)?"
    case .problem(let problem): ": " + problem
    case .unreadable: nil
    }
  }

  /// A time as it is often written by hand, in the house form where that is all it takes:
  /// without "kl." ("kl 9.00"), a comma for the point ("09,00"), "til" or "to" between the
  /// ends ("9:00 til 9:30").
  static func handwritten(_ text: String) -> String {
    var text = text.lowercased()
    for (written, house) in [(" til ", "-"), (" to ", "-"), ("kl.", ""), ("kl ", ""), (",", ".")] {
      text = text.replacingOccurrences(of: written, with: house)
    }
    return text.trimmingWhitespace()
  }

  /// The same for a time range: each end read as `clockHint` reads it.
  static func rangeHint(_ text: String) -> String? {
    let text = handwritten(text)
    let parts = text.split(
      maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "–" }
    ).map { String($0).trimmingWhitespace() }
    guard parts.count == 2 else {
      return ClockTime(parsing: text) != nil
        ? ": it has a start but no end; write both, joined by a hyphen, like \(text.trimmingWhitespace())-11.30"
        : nil
    }
    var ends: [String] = []
    for part in parts {
      if let time = ClockTime(parsing: part) {
        ends.append(time.text)
        continue
      }
      switch reading(part) {
      case .meant(let time): ends.append(time)
      case .problem(let problem): return ": " + problem
      case .unreadable: return nil
      }
    }
    return "; did you mean \(ends[0])-\(ends[1])?"
  }

  /// One clock time that `ClockTime(parsing:)` did not read.
  static func reading(_ text: String) -> Reading {
    // On the twelve-hour clock: "9am", "4.30 pm", "4:30 p.m.".
    for (suffix, afternoon) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)]
    where text.lowercased().hasSuffix(suffix) {
      let clock = String(text.dropLast(suffix.count)).trimmingWhitespace()
      var meant = ClockTime(parsing: clock)?.text
      if meant == nil, case .meant(let time) = reading(clock) { meant = time }
      guard let meant, let hour = Int(meant.prefix(2)), (1...12).contains(hour) else { return .unreadable }
      let hours = afternoon ? (hour == 12 ? 12 : hour + 12) : (hour == 12 ? 0 : hour)
      return .meant((hours < 10 ? "0" : "") + "\(hours)" + meant.dropFirst(2))
    }
    let digits = text.filter(\.isASCIIDigit)
    let separators = text.filter { $0 == "." || $0 == ":" }
    guard digits.count + separators.count == text.count, separators.count <= 1, !digits.isEmpty else {
      return .unreadable
    }
    let hourText: Substring
    let minuteText: Substring
    if let separator = text.firstIndex(where: { $0 == "." || $0 == ":" }) {
      hourText = text[..<separator]
      minuteText = text[text.index(after: separator)...]
    } else if digits.count <= 2 {
      // A whole hour: 9 is 09.00.
      hourText = Substring(text)
      minuteText = "00"
    } else if digits.count <= 4 {
      // 1000 or 930: the hour and minute run together.
      hourText = text.dropLast(2)
      minuteText = text.suffix(2)
    } else {
      return .unreadable
    }
    guard (1...2).contains(hourText.count), let hour = Int(hourText) else { return .unreadable }
    guard hour <= 23 else { return .problem("hour \(hour) is not on the clock (00 to 23)") }
    let hh = hour < 10 ? "0\(hour)" : "\(hour)"
    switch minuteText.count {
    case 2:
      guard let minute = Int(minuteText), minute <= 59 else {
        return .problem("minute \(minuteText) is not on the clock (00 to 59)")
      }
      return .meant("\(hh).\(minuteText)")
    case 1:
      // 9.0 can only be 09.00: one reading, not the same one twice.
      guard minuteText != "0" else { return .problem("a minute takes two digits: \(hh).00?") }
      return .problem("a minute takes two digits: \(hh).\(minuteText)0 or \(hh).0\(minuteText)?")
    default:
      return .unreadable
    }
  }

  /// A date written day first, as Danes write it by hand ("04-03-2027", "4.3.2027",
  /// "4/3/2027"): the date meant, or nil.
  static func dayFirstDate(_ text: String) -> CalendarDate? {
    let parts = text.trimmingWhitespace().split { $0 == "-" || $0 == "." || $0 == "/" }
    guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
      let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2])
    else { return nil }
    return CalendarDate(year: year, month: month, day: day)
  }

  /// `"; write the minutes alone, minutes: 20"` for `minutes: 20 min`; empty when the value
  /// is not minutes written with their unit.
  static func unitHint(_ key: String, _ text: String) -> String {
    withoutUnit(text).map { "; write the minutes alone, \(key): \($0)" } ?? ""
  }

  /// `20` for `"20 min"`: a number of minutes written with its unit, which a file leaves
  /// out; nil when the text is not that.
  static func withoutUnit(_ text: String) -> String? {
    let lowered = text.trimmingWhitespace().lowercased()
    for unit in ["minutter", "minutes", "minute", "minut", "mins", "min.", "min", "m"] where lowered.hasSuffix(unit) {
      let number = String(lowered.dropLast(unit.count)).trimmingWhitespace()
      return MinuteRange(parsing: number) != nil ? number : nil
    }
    return nil
  }
}
