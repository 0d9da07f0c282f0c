import Testing

@testable import WorkshopKit

@Suite struct ClockTimeTests {
  @Test(arguments: [
    ("09.00", 9 * 60), ("9:30", 9 * 60 + 30), ("08.45", 8 * 60 + 45), ("08:45", 8 * 60 + 45),
    ("0.00", 0), ("23.59", 23 * 60 + 59), (" 10.15 ", 10 * 60 + 15),
  ])
  func reads(_ text: String, _ minutes: Int) throws {
    let time = try #require(ClockTime(parsing: text))
    #expect(time.minutesSinceMidnight == minutes)
  }

  @Test(arguments: [
    "9", "9.5", "25.00", "24.00", "12.60", "0900", "", "9.005", "-1.00", "+9.00", "9,30", "a.bc", "9.3O",
  ])
  func rejects(_ text: String) {
    #expect(ClockTime(parsing: text) == nil)
  }

  @Test func formatsPerLanguage() throws {
    let time = try #require(ClockTime(parsing: "8.05"))
    #expect(time.formatted(.da) == "08.05")
    #expect(time.formatted(.en) == "08:05")
    #expect(time.description == "08.05")
  }

  /// The times are written on bytes; every minute of two days either side of midnight and
  /// every range between some of them reads as the interpolated text would.
  @Test func formatsEveryMinuteAsInterpolation() {
    func reference(_ time: ClockTime, _ language: Language) -> String {
      let hour = ((time.hour % 24) + 24) % 24
      let hh = hour < 10 ? "0\(hour)" : "\(hour)"
      let mm = time.minute < 10 ? "0\(time.minute)" : "\(time.minute)"
      return hh + (language == .da ? "." : ":") + mm
    }
    for language in Language.allCases {
      for minutes in -1500...3000 {
        let time = ClockTime(minutesSinceMidnight: minutes)
        #expect(time.formatted(language) == reference(time, language), "\(minutes)")
      }
      for start in stride(from: -90, through: 1600, by: 37) {
        for end in stride(from: start, through: start + 400, by: 53) {
          let range = TimeRange(
            start: ClockTime(minutesSinceMidnight: start), end: ClockTime(minutesSinceMidnight: end))
          let expected = reference(range.start, language) + "–" + reference(range.end, language)
          #expect(range.formatted(language) == expected, "\(start) \(end)")
        }
      }
    }
  }

  @Test func arithmetic() throws {
    let start = try #require(ClockTime(parsing: "11.30"))
    #expect(start.adding(minutes: 45).formatted() == "12.15")
    #expect(try #require(ClockTime(parsing: "12.15")) - start == 45)
    #expect(start < .noon)
  }
}

@Suite struct TimeRangeTests {
  @Test(arguments: ["08.45-09.00", "08.45–09.00", "08.45 - 09.00", "8:45-9:00", "08.45 – 09.00"])
  func reads(_ text: String) throws {
    let range = try #require(TimeRange(parsing: text))
    #expect(range.start.minutesSinceMidnight == 8 * 60 + 45)
    #expect(range.end.minutesSinceMidnight == 9 * 60)
    #expect(range.minutes == 15)
  }

  @Test(arguments: [
    "08.45", "08.45-", "-09.00", "08.45-09.00-10.00", "0845-0900", "08.45—09.00", "9-10", "08.45-25.00",
  ])
  func rejects(_ text: String) {
    #expect(TimeRange(parsing: text) == nil)
  }

  @Test func keepsAnEndBeforeItsStartForTheRules() throws {
    let range = try #require(TimeRange(parsing: "10.00-09.30"))
    #expect(range.minutes == -30)
  }

  @Test func formats() throws {
    let range = try #require(TimeRange(parsing: "10.15-11.30"))
    #expect(range.formatted(.da) == "10.15–11.30")
    #expect(range.formatted(.en) == "10:15–11:30")
    #expect(range.description == "10.15-11.30")
  }
}

@Suite struct MinuteRangeTests {
  @Test(arguments: [("25-45", 25, 45), ("20", 20, 20), ("25–45", 25, 45), (" 3 - 5 ", 3, 5), ("0", 0, 0)])
  func reads(_ text: String, _ low: Int, _ high: Int) throws {
    let range = try #require(MinuteRange(parsing: text))
    #expect(range.lowerBound == low)
    #expect(range.upperBound == high)
  }

  @Test(arguments: ["45-25", "", "-5", "5-", "a", "1.5", "20 min", "1-2-3", "1e3", "9999999999"])
  func rejects(_ text: String) {
    #expect(MinuteRange(parsing: text) == nil)
  }

  @Test func containsAndDescribes() throws {
    let range = try #require(MinuteRange(parsing: "30-45"))
    #expect(range.contains(30) && range.contains(45) && !range.contains(29) && !range.contains(46))
    #expect(range.description == "30-45")
    #expect(MinuteRange(20, 20).description == "20")
  }
}

@Suite struct CalendarDateTests {
  @Test(arguments: ["2013-04-18", "2012-02-29", "2000-02-29", "0001-01-01", "9999-12-31"])
  func reads(_ text: String) throws {
    let date = try #require(CalendarDate(parsing: text))
    #expect(date.iso == text)
  }

  @Test(arguments: [
    "2013-02-30", "2013-02-29", "1900-02-29", "2013-13-01", "2013-00-10", "2013-04-31", "2013-4-18",
    "13-04-18", "18-04-2013", "2013/04/18", "2013-04-18T09:00", "", "2013-04-1a",
  ])
  func rejects(_ text: String) {
    #expect(CalendarDate(parsing: text) == nil)
  }

  /// 1 = Monday … 7 = Sunday.
  @Test(arguments: [
    ("2013-04-18", 4), ("2013-06-03", 1), ("1970-01-01", 4), ("1969-12-31", 3), ("2000-02-29", 2),
    ("2024-01-01", 1), ("2017-03-02", 4), ("2026-03-12", 4), ("1600-03-01", 3), ("2013-04-21", 7),
  ])
  func weekday(_ text: String, _ weekday: Int) throws {
    #expect(try #require(CalendarDate(parsing: text)).isoWeekday == weekday)
  }

  @Test func daysSinceEpoch() throws {
    #expect(try #require(CalendarDate(parsing: "1970-01-01")).daysSinceEpoch == 0)
    #expect(try #require(CalendarDate(parsing: "2000-01-01")).daysSinceEpoch == 10_957)
    #expect(try #require(CalendarDate(parsing: "1969-12-31")).daysSinceEpoch == -1)
    let april = try #require(CalendarDate(parsing: "2013-04-18"))
    let june = try #require(CalendarDate(parsing: "2013-06-03"))
    #expect(june.daysSinceEpoch - april.daysSinceEpoch == 46)
    #expect(april < june)
  }
}

/// Times and ranges of ASCII text are read on bytes, other text by characters; both
/// readings, and trimming, agree with the reading by characters on every text tried.
@Suite struct TimeParsingAgreementTests {
  /// The reading by characters alone, as it was before the byte path.
  static func byCharacters(_ text: String) -> Int? {
    var slice = Substring(text)
    while let first = slice.first, first.isWhitespace { slice.removeFirst() }
    while let last = slice.last, last.isWhitespace { slice.removeLast() }
    guard let separator = slice.firstIndex(where: { $0 == "." || $0 == ":" }) else { return nil }
    let hourText = slice[..<separator]
    let minuteText = slice[slice.index(after: separator)...]
    guard (1...2).contains(hourText.count), minuteText.count == 2,
      hourText.allSatisfy({ ("0"..."9").contains($0) }), minuteText.allSatisfy({ ("0"..."9").contains($0) }),
      let hour = Int(hourText), let minute = Int(minuteText), (0...23).contains(hour), (0...59).contains(minute)
    else { return nil }
    return hour * 60 + minute
  }

  static func rangeByCharacters(_ text: String) -> [Int]? {
    let parts = text.split(
      maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "–" })
    guard parts.count == 2, let start = byCharacters(String(parts[0])), let end = byCharacters(String(parts[1]))
    else { return nil }
    return [start, end]
  }

  static func texts() -> [String] {
    let pieces = [
      "0", "1", "2", "3", "5", "9", ".", ":", "-", "–", " ", "\t", "\n", "\r\n", "a", "\u{A0}", "\u{301}", "٣",
      "\u{1C}",
      "\u{7F}",
    ]
    var generator = SeededGenerator(seed: 2013)
    var texts = ["", " ", "08.45", "8:45", " 10.15 ", "24.00", "23.60", "08.45-09.00", "08.45 – 09.00", "1.2.34"]
    for _ in 0..<40_000 {
      let length = Int(generator.next() % 12)
      texts.append((0..<length).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined())
    }
    return texts
  }

  @Test func theByteReadingAgreesWithTheCharacterReading() {
    var disagreements: [String] = []
    for text in Self.texts() {
      if ClockTime(parsing: text)?.minutesSinceMidnight != Self.byCharacters(text) { disagreements.append(text) }
      let range = TimeRange(parsing: text).map { [$0.start.minutesSinceMidnight, $0.end.minutesSinceMidnight] }
      if range != Self.rangeByCharacters(text) { disagreements.append(text) }
      var slice = Substring(text)
      while let first = slice.first, first.isWhitespace { slice.removeFirst() }
      while let last = slice.last, last.isWhitespace { slice.removeLast() }
      if text.trimmingWhitespace() != String(slice) { disagreements.append(text) }
    }
    #expect(disagreements.isEmpty, "\(disagreements.prefix(10).map { $0.unicodeScalars.map(\.value) })")
  }

  /// `replan --at` and the day's page read a time as people type it; program files do not.
  @Test func aTypedTimeIsReadAsPeopleTypeIt() {
    for text in ["11.40", "11:40", "1140", " kl. 11.40", "kl 11:40", "KL.11.40", "at 11:40", "11,40"] {
      #expect(ClockTime(typed: text)?.description == "11.40", "\(text)")
    }
    #expect(ClockTime(typed: "940")?.description == "09.40")
    for text in ["11.4", "1160", "2500", "11", "halv tolv", "kl.", "", "11.40.00", "１１.40"] {
      #expect(ClockTime(typed: text) == nil, "\(text)")
    }
    #expect(ClockTime(parsing: "1140") == nil && ClockTime(parsing: "kl. 11.40") == nil)
  }

  /// Minutes behind and earlier replans as `replan` and the day's page read them.
  @Test func minutesAndEarlierReplansAreReadAsTyped() {
    for text in ["25", "25min", " 25 min", "25m", "25 minutter", "25 Minutes"] {
      #expect(Replanner.minutes(typed: text) == 25, "\(text)")
    }
    #expect(Replanner.minutes(typed: "-5") == -5 && Replanner.minutes(typed: "fem") == nil)
    for text in ["11.40+25", "1140+25min", "kl. 11.40+25", "11:40 25"] {
      let earlier = Replanner.earlier(typed: text)
      #expect(earlier?.at.description == "11.40" && earlier?.behind == 25, "\(text)")
    }
    for text in ["11.40", "11.40+", "11.40+-5", "+25", "halv+25"] {
      #expect(Replanner.earlier(typed: text) == nil, "\(text)")
    }
  }
}

/// A time that does not read is said with what is wrong in it, or the time meant.
@Suite struct TimeTypoTests {
  @Test(
    arguments: [
      ("12.60", ": minute 60 is not on the clock (00 to 59)"),
      ("25.00", ": hour 25 is not on the clock (00 to 23)"),
      ("9", "; did you mean 09.00?"),
      ("0900", "; did you mean 09.00?"),
      ("930", "; did you mean 09.30?"),
      ("8.3", ": a minute takes two digits: 08.30 or 08.03?"),
      ("9.0", ": a minute takes two digits: 09.00?"),
      // Written by hand: a comma for the point, "kl." before it.
      ("9,30", "; did you mean 09.30?"), ("kl. 9", "; did you mean 09.00?"), ("Kl 1030", "; did you mean 10.30?"),
      ("9.005", nil), ("9,3,0", nil), ("a.bc", nil), ("", nil), ("12345", nil),
      ("9am", "; did you mean 09.00?"), ("12am", "; did you mean 00.00?"), ("4:05pm", "; did you mean 16.05?"),
    ] as [(String, String?)])
  func clock(_ text: String, _ hint: String?) {
    #expect(TimeTypos.clockHint(text) == hint)
  }

  @Test(
    arguments: [
      ("12.15-12.60", ": minute 60 is not on the clock (00 to 59)"),
      ("9-9.30", "; did you mean 09.00-09.30?"),
      ("09.30–1000", "; did you mean 09.30-10.00?"),
      ("10.00", ": it has a start but no end; write both, joined by a hyphen, like 10.00-11.30"),
      ("10h-11h", nil), ("morgen", nil),
      // Written by hand: "kl." on either end, a comma for the point, "til" or "to" between.
      ("kl 9-9.30", "; did you mean 09.00-09.30?"), ("09,30-10,00", "; did you mean 09.30-10.00?"),
      ("10:00 til 10:30", "; did you mean 10.00-10.30?"), ("kl. 10.30-kl. 11.00", "; did you mean 10.30-11.00?"),
      ("10 to 11", "; did you mean 10.00-11.00?"),
      // On the twelve-hour clock.
      ("9am-4.30pm", "; did you mean 09.00-16.30?"), ("9:30 AM to 12 pm", "; did you mean 09.30-12.00?"),
      ("11.45am-1.15 p.m.", "; did you mean 11.45-13.15?"), ("13pm-14pm", nil),
    ] as [(String, String?)])
  func range(_ text: String, _ hint: String?) {
    #expect(TimeTypos.rangeHint(text) == hint)
  }

  /// A date written day first, as Danes write it by hand, is the date meant; an impossible
  /// one is none.
  @Test(
    arguments: [
      ("04-03-2027", "2027-03-04"), ("4.3.2027", "2027-03-04"), ("4/3/2027", "2027-03-04"), ("31-02-2027", nil),
      ("2027-03-04", nil), ("04-03-27", nil), ("marts", nil),
    ] as [(String, String?)])
  func dayFirstDate(_ text: String, _ meant: String?) {
    #expect(TimeTypos.dayFirstDate(text)?.iso == meant)
  }

  @Test(
    arguments: [
      ("20 min", "20"), ("20min", "20"), ("25-45 minutter", "25-45"), ("15 minutes", "15"), ("1h", nil),
      ("min", nil), ("20", nil),
    ] as [(String, String?)])
  func unit(_ text: String, _ number: String?) {
    #expect(TimeTypos.withoutUnit(text) == number)
  }
}
