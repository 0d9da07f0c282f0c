/// A time of day to the minute. Written `08.45` (Danish) or `08:45` in files.
public struct ClockTime: Hashable, Sendable, Comparable {
  /// Minutes since midnight, 0 ..< 1440 for times read from a file; schedules that
  /// overflow past midnight keep counting.
  public var minutesSinceMidnight: Int

  public init(minutesSinceMidnight: Int) {
    self.minutesSinceMidnight = minutesSinceMidnight
  }

  public init?(hour: Int, minute: Int) {
    guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
    self.minutesSinceMidnight = hour * 60 + minute
  }

  public var hour: Int { minutesSinceMidnight / 60 }
  public var minute: Int { minutesSinceMidnight % 60 }

  public static let noon = ClockTime(minutesSinceMidnight: 12 * 60)

  /// Reads `8.45`, `08.45`, `08:45` or `0845`-free forms; rejects anything else.
  public init?(parsing text: String) {
    if text.utf8.allSatisfy({ $0 < 0x80 }) {
      guard let time = Self.parsingASCII(Substring(text).utf8) else { return nil }
      self = time
      return
    }
    let trimmed = text.trimmingWhitespace()
    guard let separator = trimmed.firstIndex(where: { $0 == "." || $0 == ":" }) else { return nil }
    let hourText = trimmed[..<separator]
    let minuteText = trimmed[trimmed.index(after: separator)...]
    guard (1...2).contains(hourText.count), minuteText.count == 2,
      hourText.allSatisfy(\.isASCIIDigit), minuteText.allSatisfy(\.isASCIIDigit),
      let hour = Int(hourText), let minute = Int(minuteText)
    else { return nil }
    self.init(hour: hour, minute: minute)
  }

  /// A time as people type it when the day is running: what `init(parsing:)` reads, and
  /// `1140`, `940`, `11,40`, `kl. 11.40`, `kl 11:40` or `at 11:40` (for `replan --at` and
  /// the day's page, not for program files, whose times stay one way).
  public init?(typed text: String) {
    var rest = Substring(text.trimmingWhitespace().lowercased())
    for prefix in ["kl.", "kl", "at"] where rest.hasPrefix(prefix) {
      rest = rest.dropFirst(prefix.count).drop { $0 == " " }
      break
    }
    let normalized = rest.replacingOccurrences(of: ",", with: ".")
    if let time = ClockTime(parsing: normalized) {
      self = time
      return
    }
    // Four or three digits: 1140, 940.
    guard (3...4).contains(normalized.count), normalized.allSatisfy(\.isASCIIDigit),
      let number = Int(normalized), number % 100 < 60, number / 100 < 24
    else { return nil }
    self.init(hour: number / 100, minute: number % 100)
  }

  /// The same reading for text known to be ASCII, on its bytes: every agenda line has a
  /// time or two, and reading them by characters was a percent of a build.
  static func parsingASCII(_ text: Substring.UTF8View) -> ClockTime? {
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
    func digit(_ byte: UInt8) -> Int? { (0x30...0x39).contains(byte) ? Int(byte - 0x30) : nil }
    var bytes = text[...]
    while let first = bytes.first, isSpace(first) { bytes.removeFirst() }
    while let last = bytes.last, isSpace(last) { bytes.removeLast() }
    guard let separator = bytes.firstIndex(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":") }) else {
      return nil
    }
    let hourBytes = bytes[..<separator]
    let minuteBytes = bytes[bytes.index(after: separator)...]
    guard (1...2).contains(hourBytes.count), minuteBytes.count == 2 else { return nil }
    var hour = 0
    for byte in hourBytes {
      guard let value = digit(byte) else { return nil }
      hour = hour * 10 + value
    }
    guard let tens = digit(minuteBytes.first!), let ones = digit(minuteBytes.last!) else { return nil }
    return ClockTime(hour: hour, minute: tens * 10 + ones)
  }

  /// On a day that starts at `dayStart` and runs past midnight, a time in the small hours
  /// is the next day's: 00.30 becomes 24.30. (17.00 stays before an 18.00 start.)
  public func onDay(starting dayStart: ClockTime) -> ClockTime {
    self < dayStart && self <= TimeRange.latestEndPastMidnight ? adding(minutes: 24 * 60) : self
  }

  public func adding(minutes: Int) -> ClockTime {
    ClockTime(minutesSinceMidnight: minutesSinceMidnight + minutes)
  }

  public static func - (lhs: ClockTime, rhs: ClockTime) -> Int {
    lhs.minutesSinceMidnight - rhs.minutesSinceMidnight
  }

  public static func < (lhs: ClockTime, rhs: ClockTime) -> Bool {
    lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
  }

  /// `08.45` in Danish, `08:45` in English.
  /// A time past midnight (an evening that runs on) shows as the next day's clock: `00.30`.
  public func formatted(_ language: Language = .da) -> String {
    guard hasTwoDigitMinutes else {
      let hour = ((self.hour % 24) + 24) % 24
      let hh = hour < 10 ? "0\(hour)" : "\(hour)"
      let mm = minute < 10 ? "0\(minute)" : "\(minute)"
      return hh + language.timeSeparator + mm
    }
    // Five ASCII bytes written in place: a string that small is kept inline, so this
    // allocates nothing (every row of every document shows a time or two).
    return String(unsafeUninitializedCapacity: 5) { buffer in
      write(language, into: buffer, at: 0)
      return 5
    }
  }

  /// Whether `formatted(_:)` is `hh.mm`: a minute of 0 to 59, so a time not before midnight.
  fileprivate var hasTwoDigitMinutes: Bool { (0...59).contains(minute) }

  /// The five bytes of `formatted(_:)` at `start`; for a time with `hasTwoDigitMinutes`.
  fileprivate func write(_ language: Language, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
    let hour = ((self.hour % 24) + 24) % 24
    let zero = UInt8(ascii: "0")
    buffer[start] = zero + UInt8(hour / 10)
    buffer[start + 1] = zero + UInt8(hour % 10)
    buffer[start + 2] = language.timeSeparator.utf8.first!
    buffer[start + 3] = zero + UInt8(minute / 10)
    buffer[start + 4] = zero + UInt8(minute % 10)
  }
}

extension ClockTime: CustomStringConvertible {
  public var description: String { formatted(.da) }
}

/// A span of the day, `10.15-11.30`.
public struct TimeRange: Hashable, Sendable {
  public var start: ClockTime
  public var end: ClockTime

  public init(start: ClockTime, end: ClockTime) {
    self.start = start
    self.end = end
  }

  public var minutes: Int { end - start }

  /// Reads `10.15-11.30`, with `-` or an en dash, spaces allowed around it.
  public init?(parsing text: String) {
    if text.utf8.allSatisfy({ $0 < 0x80 }) {
      let bytes = Substring(text).utf8
      guard let dash = bytes.firstIndex(of: UInt8(ascii: "-")),
        let start = ClockTime.parsingASCII(bytes[..<dash]),
        let end = ClockTime.parsingASCII(bytes[bytes.index(after: dash)...])
      else { return nil }
      self.init(start: start, end: end)
      return
    }
    let parts = text.split(
      maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "–" })
    guard parts.count == 2, let start = ClockTime(parsing: String(parts[0])),
      let end = ClockTime(parsing: String(parts[1]))
    else { return nil }
    self.init(start: start, end: end)
  }

  /// The latest a day may end after midnight and still be read as one evening
  /// (`day: 18.00-01.00`) rather than a reversed range.
  static let latestEndPastMidnight = ClockTime(minutesSinceMidnight: 6 * 60)

  /// `18.00-01.00` as an evening that runs past midnight, its end on the next day's clock
  /// (25.00); nil for a range that runs forwards, or one reversed beyond the small hours.
  public var runningPastMidnight: TimeRange? {
    guard end < start, end <= Self.latestEndPastMidnight, start > Self.latestEndPastMidnight else { return nil }
    return TimeRange(start: start, end: end.adding(minutes: 24 * 60))
  }

  /// `08.45–09.00` in Danish, `08:45–09:00` in English.
  public func formatted(_ language: Language = .da) -> String {
    guard start.hasTwoDigitMinutes, end.hasTwoDigitMinutes else {
      return start.formatted(language) + "–" + end.formatted(language)
    }
    // 13 bytes with the en dash's three: small enough to be kept inline.
    return String(unsafeUninitializedCapacity: 13) { buffer in
      start.write(language, into: buffer, at: 0)
      _ = UnsafeMutableBufferPointer(rebasing: buffer[5..<8]).initialize(from: "–".utf8)
      end.write(language, into: buffer, at: 8)
      return 13
    }
  }
}

extension TimeRange: CustomStringConvertible {
  public var description: String { start.formatted(.da) + "-" + end.formatted(.da) }
}

/// A range of whole minutes, `25-45`, or one number for an exact duration.
public struct MinuteRange: Hashable, Sendable {
  public var lowerBound: Int
  public var upperBound: Int

  public init(_ lowerBound: Int, _ upperBound: Int) {
    self.lowerBound = lowerBound
    self.upperBound = upperBound
  }

  public init?(parsing text: String) {
    let parts = text.split(
      maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "–" })
    let numbers = parts.map { Int.parsingWholeNumber($0.trimmingWhitespace()) }
    switch numbers.count {
    case 1:
      guard let value = numbers[0] else { return nil }
      self.init(value, value)
    case 2:
      guard let low = numbers[0], let high = numbers[1], low <= high else { return nil }
      self.init(low, high)
    default: return nil
    }
  }

  /// `45-30`: two whole numbers, the first larger; (45, 30).
  static func reversedBounds(_ text: String) -> (Int, Int)? {
    let parts = text.split(
      maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "–" })
    guard parts.count == 2, let high = Int.parsingWholeNumber(parts[0].trimmingWhitespace()),
      let low = Int.parsingWholeNumber(parts[1].trimmingWhitespace()), high > low
    else { return nil }
    return (high, low)
  }

  public func contains(_ minutes: Int) -> Bool { (lowerBound...upperBound).contains(minutes) }

  public var description: String {
    lowerBound == upperBound ? "\(lowerBound)" : "\(lowerBound)-\(upperBound)"
  }
}

extension Int {
  /// A non-negative whole number written with digits only, without sign, exponent or `0x`.
  static func parsingWholeNumber<S: StringProtocol>(_ text: S) -> Int? {
    guard !text.isEmpty, text.count <= 9, text.allSatisfy(\.isASCIIDigit) else { return nil }
    return Int(text)
  }
}

extension Character {
  var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension StringProtocol {
  func trimmingWhitespace() -> String {
    // Most texts begin and end with an ASCII letter, digit or mark: nothing to trim, and no
    // character to look at. (A character that starts with an ASCII byte other than white
    // space is not white space; one that ends with one does not start with white space.)
    let string = String(self)
    if let first = string.utf8.first, let last = string.utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80
    {
      return string
    }
    var slice = Substring(string)
    while let first = slice.first, first.isWhitespace { slice.removeFirst() }
    while let last = slice.last, last.isWhitespace { slice.removeLast() }
    return String(slice)
  }
}
