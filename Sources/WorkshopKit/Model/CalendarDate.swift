/// A day in the proleptic Gregorian calendar, written `2013-04-18`.
public struct CalendarDate: Hashable, Sendable, Comparable {
  public var year: Int
  public var month: Int
  public var day: Int

  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Reads exactly `YYYY-MM-DD`.
  public init?(parsing text: String) {
    let trimmed = text.trimmingWhitespace()
    let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let year = Int.parsingWholeNumber(parts[0]), let month = Int.parsingWholeNumber(parts[1]),
      let day = Int.parsingWholeNumber(parts[2])
    else { return nil }
    self.init(year: year, month: month, day: day)
  }

  /// Why a date written `YYYY-MM-DD` is not a day: "there is no 30 February 2013".
  static func impossibility(of text: String) -> String? {
    let parts = text.trimmingWhitespace().split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let year = Int.parsingWholeNumber(parts[0]), let month = Int.parsingWholeNumber(parts[1]),
      let day = Int.parsingWholeNumber(parts[2])
    else { return nil }
    guard (1...12).contains(month) else { return "there is no month \(month); months run 01 to 12" }
    guard year >= 1 else { return "there is no year 0000" }
    let names = [
      "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December",
    ]
    return "there is no \(day) \(names[month - 1]) \(year)"
  }

  static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days since 1970-01-01 (negative before), from Howard Hinnant's civil calendar algorithm.
  public var daysSinceEpoch: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let monthIndex = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146097 + dayOfEra - 719468
  }

  /// 1 = Monday … 7 = Sunday (ISO 8601).
  public var isoWeekday: Int {
    let days = daysSinceEpoch
    // 1970-01-01 was a Thursday (4).
    return ((days % 7 + 7) % 7 + 3) % 7 + 1
  }

  /// `2013-04-18`.
  public var iso: String {
    String(year).leftPadded(4) + "-" + String(month).leftPadded(2) + "-" + String(day).leftPadded(2)
  }

  public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }
}

extension CalendarDate: CustomStringConvertible {
  public var description: String { iso }
}

extension String {
  func leftPadded(_ width: Int, with pad: Character = "0") -> String {
    count >= width ? self : String(repeating: pad, count: width - count) + self
  }
}
