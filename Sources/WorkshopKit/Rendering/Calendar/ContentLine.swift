/// The lexical layer of RFC 5545: content lines, TEXT escaping, folding, DATE and
/// DATE-TIME values. Knows nothing about programs.
enum ContentLine {
  /// RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break.
  static let maximumOctets = 75
  static let lineBreak = "\r\n"

  /// `NAME:VALUE`, the value already in its wire form (escape TEXT first).
  static func make(_ name: String, _ value: String) -> String {
    make(name, [], value)
  }

  /// `NAME;PARAM=value:VALUE`, the value already in its wire form (escape TEXT first).
  static func make(_ name: String, _ parameters: [(String, String)], _ value: String) -> String {
    var line = name
    for (parameter, parameterValue) in parameters { line += ";" + parameter + "=" + parameterValue }
    return line + ":" + value
  }

  /// A TEXT value (RFC 5545 §3.3.11): `\` `;` `,` escaped with a backslash, every line
  /// break (`\n`, `\r\n`, `\r`, U+0085, U+2028, U+2029) written `\n`. Other control
  /// characters, which TEXT does not allow, are dropped; a tab is kept.
  static func escapeText(_ text: String) -> String {
    var escaped = ""
    escaped.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    var afterCarriageReturn = false
    for scalar in text.unicodeScalars {
      defer { afterCarriageReturn = scalar == "\r" }
      switch scalar {
      case "\\": escaped += "\\\\"
      case ";": escaped += "\\;"
      case ",": escaped += "\\,"
      case "\n":
        // The `\n` of a `\r\n` pair was written for its `\r`.
        if !afterCarriageReturn { escaped += "\\n" }
      case "\r", "\u{85}", "\u{2028}", "\u{2029}": escaped += "\\n"
      case "\t": escaped.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F { continue }
        escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped
  }

  /// Splits a content line into physical lines of at most 75 octets of UTF-8. Each
  /// continuation begins with one space, which counts towards its 75. Breaks fall between
  /// Unicode scalars, so a multi-byte UTF-8 sequence is never split (RFC 5545 §3.1).
  static func fold(_ line: String) -> [String] {
    guard line.utf8.count > maximumOctets else { return [line] }
    var lines: [String] = []
    var current = ""
    var currentOctets = 0
    var limit = maximumOctets
    for scalar in line.unicodeScalars {
      let octets = UTF8.width(scalar)
      if currentOctets + octets > limit {
        lines.append(current)
        current = " "
        currentOctets = 1
        limit = maximumOctets
      }
      current.unicodeScalars.append(scalar)
      currentOctets += octets
    }
    lines.append(current)
    return lines
  }

  /// Undoes `fold` (RFC 5545 §3.1: a line break followed by one space or tab is removed).
  static func unfold(_ text: String) -> String {
    var result = ""
    var scalars = text.unicodeScalars[...]
    while let scalar = scalars.first {
      if scalar == "\r", scalars.dropFirst().first == "\n",
        let next = scalars.dropFirst(2).first, next == " " || next == "\t"
      {
        scalars = scalars.dropFirst(3)
        continue
      }
      result.unicodeScalars.append(scalar)
      scalars = scalars.dropFirst()
    }
    return result
  }

  /// A DATE value, `20130418`, `days` after `date`.
  static func date(_ date: CalendarDate, plusDays days: Int = 0) -> String {
    CivilDay(daysSinceEpoch: date.daysSinceEpoch + days).text
  }

  /// A local DATE-TIME value, `20130418T084500`. A time past midnight (a schedule that
  /// runs over) lands on the following day.
  static func dateTime(_ date: CalendarDate, _ time: ClockTime) -> String {
    let dayOffset = floorDivision(time.minutesSinceMidnight, 1440)
    let minutes = time.minutesSinceMidnight - dayOffset * 1440
    return Self.date(date, plusDays: dayOffset) + "T" + pad(minutes / 60, 2) + pad(minutes % 60, 2) + "00"
  }

  /// A UTC DATE-TIME value at midnight starting `date`, `20130418T000000Z`.
  static func utcMidnight(_ date: CalendarDate) -> String {
    Self.date(date) + "T000000Z"
  }

  static func pad(_ number: Int, _ width: Int) -> String {
    String(number).leftPadded(width)
  }

  private static func floorDivision(_ dividend: Int, _ divisor: Int) -> Int {
    let quotient = dividend / divisor
    return dividend % divisor < 0 ? quotient - 1 : quotient
  }
}
