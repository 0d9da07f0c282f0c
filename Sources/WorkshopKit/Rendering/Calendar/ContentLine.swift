/// The lexical layer of RFC 5545: content lines, TEXT escaping, folding, DATE and
/// DATE-TIME values. Knows nothing about programs.
enum ContentLine {
  /// RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break.
  static let maximumOctets = 75

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
    var copy = text
    return copy.withUTF8 { bytes in
      // On UTF-8: every character TEXT escapes or drops is ASCII, but for the three line
      // separators U+0085 (C2 85), U+2028 (E2 80 A8) and U+2029 (E2 80 A9). Bytes between
      // those are copied a run at a time; a text with none is returned as it is.
      func isSpecial(_ index: Int) -> Bool {
        switch bytes[index] {
        case UInt8(ascii: "\\"), UInt8(ascii: ";"), UInt8(ascii: ","), 0x7F: true
        case 0x09: false
        case ..<0x20: true
        case 0xC2: index + 1 < bytes.count && bytes[index + 1] == 0x85
        case 0xE2: index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] & 0xFE == 0xA8
        default: false
        }
      }
      guard var index = bytes.indices.first(where: isSpecial) else { return text }
      var escaped: [UInt8] = []
      escaped.reserveCapacity(bytes.count + 16)
      escaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<index]))
      let newline: (UInt8, UInt8) = (UInt8(ascii: "\\"), UInt8(ascii: "n"))
      var runStart = index
      while index < bytes.count {
        guard isSpecial(index) else {
          index += 1
          continue
        }
        escaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: ";"), UInt8(ascii: ","):
          escaped.append(UInt8(ascii: "\\"))
          escaped.append(byte)
        case 0x0A:
          // The `\n` of a `\r\n` pair was written for its `\r`.
          if index == 0 || bytes[index - 1] != 0x0D {
            escaped.append(newline.0)
            escaped.append(newline.1)
          }
        case 0x0D:
          escaped.append(newline.0)
          escaped.append(newline.1)
        case 0xC2:
          escaped.append(newline.0)
          escaped.append(newline.1)
          index += 1
        case 0xE2:
          escaped.append(newline.0)
          escaped.append(newline.1)
          index += 2
        default:
          // Another control character: dropped.
          break
        }
        index += 1
        runStart = index
      }
      escaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
      return String(decoding: escaped, as: UTF8.self)
    }
  }

  /// Splits a content line into physical lines of at most 75 octets of UTF-8. Each
  /// continuation begins with one space, which counts towards its 75. Breaks fall between
  /// Unicode scalars, so a multi-byte UTF-8 sequence is never split (RFC 5545 §3.1).
  static func fold(_ line: String) -> [String] {
    var lines: [String] = []
    forEachPhysicalLine(of: line) { continues, piece in
      lines.append((continues ? " " : "") + String(decoding: piece, as: UTF8.self))
    }
    return lines
  }

  /// `fold(_:)` written out: each physical line and its CRLF appended to `output`.
  static func fold(_ line: String, into output: inout [UInt8]) {
    forEachPhysicalLine(of: line) { continues, piece in
      if continues { output.append(UInt8(ascii: " ")) }
      output.append(contentsOf: piece)
      output.append(0x0D)
      output.append(0x0A)
    }
  }

  /// The pieces of `line` that `fold(_:)` puts on physical lines, in order; `continues` for
  /// every piece but the first (it is written after a space).
  private static func forEachPhysicalLine(
    of line: String, _ body: (_ continues: Bool, _ piece: UnsafeBufferPointer<UInt8>) -> Void
  ) {
    var line = line
    line.withUTF8 { bytes in
      var start = 0
      repeat {
        // The first line holds 75 octets of the line, each continuation a space and 74.
        let room = start == 0 ? maximumOctets : maximumOctets - 1
        var end = min(start + room, bytes.count)
        // Back to the start of a scalar: UTF-8 continuation bytes are 10xxxxxx.
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        body(start > 0, UnsafeBufferPointer(rebasing: bytes[start..<end]))
        start = end
      } while start < bytes.count
    }
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
