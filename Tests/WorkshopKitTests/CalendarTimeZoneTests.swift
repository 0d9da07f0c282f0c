import Foundation
import Testing

@testable import WorkshopKit

/// `CalendarTimeZone`: VTIMEZONE components made from the system's tz data (Debian's
/// tzdata). Each expectation was checked against `zdump -v <zone>` for 2026 and against the
/// weekday of the 1970 date.
@Suite struct CalendarTimeZoneTests {
  // MARK: - Zones from the system's tz data

  /// The block WorkshopKit wrote by hand before zones were generated, byte for byte.
  static let copenhagenBlock = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Copenhagen",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
  ]

  @Test func copenhagenFromTzDataIsTheFormerHandWrittenBlock() throws {
    // Fails, rather than falling back, when the machine has no tz data.
    let zone = try CalendarTimeZone(identifier: "Europe/Copenhagen")
    #expect(zone.id == "Europe/Copenhagen")
    #expect(zone.component == Self.copenhagenBlock)
    #expect(CalendarTimeZone.builtInEuropeCopenhagen.component == Self.copenhagenBlock)
    #expect(CalendarTimeZone.europeCopenhagen == zone)
  }

  @Test func londonChangesAtOneInTheMorningGMT() throws {
    // GMT0BST,M3.5.0/1,M10.5.0: 2026-03-29 01:00 GMT and 2026-10-25 02:00 BST.
    #expect(
      try CalendarTimeZone(identifier: "Europe/London").component == [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/London",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0000",
        "TZOFFSETTO:+0100",
        "TZNAME:BST",
        "DTSTART:19700329T010000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0000",
        "TZNAME:GMT",
        "DTSTART:19701025T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
      ])
  }

  @Test func newYorkUsesSecondAndFirstSundays() throws {
    // EST5EDT,M3.2.0,M11.1.0: 2026-03-08 and 2026-11-01 at 02:00; in 1970, 8 March and
    // 1 November were the second Sunday of March and the first of November.
    #expect(
      try CalendarTimeZone(identifier: "America/New_York").component == [
        "BEGIN:VTIMEZONE",
        "TZID:America/New_York",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:-0500",
        "TZOFFSETTO:-0400",
        "TZNAME:EDT",
        "DTSTART:19700308T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:-0400",
        "TZOFFSETTO:-0500",
        "TZNAME:EST",
        "DTSTART:19701101T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
      ])
  }

  @Test func sydneyHasSummerTimeFromOctoberToApril() throws {
    // AEST-10AEDT,M10.1.0,M4.1.0/3: 2026-10-04 02:00 AEST and 2026-04-05 03:00 AEDT.
    #expect(
      try CalendarTimeZone(identifier: "Australia/Sydney").component == [
        "BEGIN:VTIMEZONE",
        "TZID:Australia/Sydney",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+1000",
        "TZOFFSETTO:+1100",
        "TZNAME:AEDT",
        "DTSTART:19701004T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+1100",
        "TZOFFSETTO:+1000",
        "TZNAME:AEST",
        "DTSTART:19700405T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
      ])
  }

  @Test func tokyoHasOneStandardTimeAndNoRule() throws {
    #expect(
      try CalendarTimeZone(identifier: "Asia/Tokyo").component == [
        "BEGIN:VTIMEZONE",
        "TZID:Asia/Tokyo",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0900",
        "TZOFFSETTO:+0900",
        "TZNAME:JST",
        "DTSTART:19700101T000000",
        "END:STANDARD",
        "END:VTIMEZONE",
      ])
  }

  @Test func kolkataIsFiveAndAHalfHoursAhead() throws {
    // IST-5:30.
    #expect(
      try CalendarTimeZone(identifier: "Asia/Kolkata").component == [
        "BEGIN:VTIMEZONE",
        "TZID:Asia/Kolkata",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0530",
        "TZOFFSETTO:+0530",
        "TZNAME:IST",
        "DTSTART:19700101T000000",
        "END:STANDARD",
        "END:VTIMEZONE",
      ])
  }

  @Test func numericZoneNamesLoseTheirAngleBrackets() throws {
    // Asia/Bangkok is <+07>-7; Etc/GMT+5 is <-05>5, five hours behind (POSIX counts west).
    let bangkok = try CalendarTimeZone(identifier: "Asia/Bangkok").component
    #expect(bangkok.contains("TZNAME:+07"))
    #expect(bangkok.contains("TZOFFSETTO:+0700"))
    let gmtPlusFive = try CalendarTimeZone(identifier: "Etc/GMT+5").component
    #expect(gmtPlusFive.contains("TZNAME:-05"))
    #expect(gmtPlusFive.contains("TZOFFSETTO:-0500"))
  }

  @Test func irelandsNegativeSummerTimeIsWrittenTheUsualWayRound() throws {
    // IST-1GMT0,M10.5.0,M3.5.0/1: the data's "daylight" time is winter's GMT.
    let dublin = try CalendarTimeZone(identifier: "Europe/Dublin").component
    #expect(
      Array(dublin[2...8]) == [
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0000",
        "TZOFFSETTO:+0100",
        "TZNAME:IST",
        "DTSTART:19700329T010000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
      ])
    #expect(dublin.contains("TZNAME:GMT"))
    #expect(dublin.contains("DTSTART:19701025T020000"))
  }

  @Test func changesPastMidnightLandOnTheNextDay() throws {
    // Israel, IST-2IDT,M3.4.4/26,M10.5.0: the Friday after the fourth Thursday of March at
    // 02:00 (2026-03-27; 1970-03-27 was a Friday).
    let jerusalem = try CalendarTimeZone(identifier: "Asia/Jerusalem").component
    #expect(jerusalem.contains("DTSTART:19700327T020000"))
    #expect(jerusalem.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=FR;BYMONTHDAY=23,24,25,26,27,28,29"))
    #expect(jerusalem.contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"))

    // Egypt, EET-2EEST,M4.5.5/0,M10.5.4/24: the day after October's last Thursday, which is
    // 1 November when that Thursday is the 31st (2030), so one STANDARD per month.
    let cairo = try CalendarTimeZone(identifier: "Africa/Cairo").component
    #expect(cairo.contains("RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=-1FR"))
    #expect(
      Array(cairo[9...]) == [
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0300",
        "TZOFFSETTO:+0200",
        "TZNAME:EET",
        "DTSTART:19701030T000000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=FR;BYMONTHDAY=26,27,28,29,30,31",
        "END:STANDARD",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0300",
        "TZOFFSETTO:+0200",
        "TZNAME:EET",
        "DTSTART:19741101T000000",
        "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=FR;BYMONTHDAY=1",
        "END:STANDARD",
        "END:VTIMEZONE",
      ])
  }

  @Test func changesBeforeMidnightLandOnThePreviousDay() throws {
    // Greenland, <-02>2<-01>,M3.5.0/-1,M10.5.0/0: the Saturday before March's last Sunday
    // at 23:00 (2026-03-28; 1970-03-28 was a Saturday).
    let nuuk = try CalendarTimeZone(identifier: "America/Nuuk").component
    #expect(nuuk.contains("DTSTART:19700328T230000"))
    #expect(nuuk.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=SA;BYMONTHDAY=24,25,26,27,28,29,30"))
    #expect(nuuk.contains("DTSTART:19701025T000000"))
  }

  /// The generated rules give the same changes as Foundation's own time-zone data for ten
  /// years of meetings.
  @Test(arguments: [
    "Europe/Copenhagen", "Europe/London", "Europe/Dublin", "America/New_York", "America/Santiago",
    "America/Nuuk", "Australia/Sydney", "Australia/Lord_Howe", "Pacific/Chatham", "Africa/Cairo",
    "Asia/Jerusalem", "Asia/Tokyo", "Asia/Kolkata",
  ])
  func rulesAgreeWithFoundationFor2026To2035(identifier: String) throws {
    let zone = try CalendarTimeZone(identifier: identifier)
    let foundation = try #require(TimeZone(identifier: identifier))
    let start = try #require(utc.date(from: DateComponents(year: 2026, month: 1, day: 1)))
    let end = try #require(utc.date(from: DateComponents(year: 2036, month: 1, day: 1)))

    var expected: [Date] = []
    var moment = start
    while let next = foundation.nextDaylightSavingTimeTransition(after: moment), next < end {
      expected.append(next)
      moment = next
    }
    let changes = try transitions(of: zone.component, years: 2026...2035)
    #expect(changes.map(\.instant) == expected)
    for change in changes {
      #expect(foundation.secondsFromGMT(for: change.instant - 1) == change.from)
      #expect(foundation.secondsFromGMT(for: change.instant) == change.to)
    }
    if expected.isEmpty {
      #expect(zone.component.filter { $0.hasPrefix("TZOFFSETTO:") }.count == 1)
      let offset = try offsetSeconds(value(of: "TZOFFSETTO", in: zone.component))
      #expect(foundation.secondsFromGMT(for: start) == offset)
    }
  }

  // MARK: - Names that are refused

  @Test func unknownZonesAreRefused() {
    #expect(throws: CalendarTimeZone.Failure.unknownIdentifier("Europe/Atlantis", directory: "/usr/share/zoneinfo")) {
      try CalendarTimeZone(identifier: "Europe/Atlantis", zoneInfoDirectory: "/usr/share/zoneinfo")
    }
    // A folder is not a zone.
    #expect(throws: CalendarTimeZone.Failure.self) { try CalendarTimeZone(identifier: "Europe") }
    #expect(!CalendarTimeZone.isKnown("Europe/Atlantis"))
    #expect(!CalendarTimeZone.isKnown("europe/copenhagen"))
    #expect(CalendarTimeZone.isKnown("Europe/Copenhagen"))
    #expect(CalendarTimeZone.isKnown("US/Eastern"))
  }

  @Test(arguments: [
    "../etc/passwd", "/etc/passwd", "Europe/../../etc/passwd", "Europe/./Copenhagen", "Europe//Copenhagen",
    "Europe/Copenhagen/", "", "Europe/København", "Europe/Copen%68agen", "Europe/*", "Europe\\Copenhagen",
    "Europe/Copenhagen ", "localtime", "posixrules", "Factory", "posix/Europe/Copenhagen", "right/UTC",
    String(repeating: "A", count: 256),
  ])
  func unsafeOrImproperNamesAreRefusedBeforeAnyFileIsRead(identifier: String) {
    #expect(!CalendarTimeZone.isValidIdentifier(identifier))
    #expect(!CalendarTimeZone.isKnown(identifier))
    #expect(throws: CalendarTimeZone.Failure.invalidIdentifier(identifier)) {
      try CalendarTimeZone(identifier: identifier)
    }
  }

  @Test func candidatesForSuggestionsIncludeTheCurrentNames() {
    let candidates = CalendarTimeZone.candidateIdentifiers
    for name in ["Europe/Copenhagen", "Europe/London", "Asia/Kolkata", "Europe/Kyiv", "UTC", "America/New_York"] {
      #expect(candidates.contains(name), "\(name)")
    }
    #expect(!candidates.contains("localtime"))
    #expect(candidates == candidates.sorted())
    #expect(Suggestion.closest(to: "Europe/Copenhagn", in: candidates) == "Europe/Copenhagen")
  }

  @Test func failuresReadAsSentences() {
    #expect(
      CalendarTimeZone.Failure.unknownIdentifier("Europe/Atlantis", directory: "/usr/share/zoneinfo").description
        == "unknown time zone \"Europe/Atlantis\" (no such zone in /usr/share/zoneinfo)")
    #expect(
      CalendarTimeZone.Failure.invalidIdentifier("../etc/passwd").description
        == "\"../etc/passwd\" is not a time zone name (an IANA name such as Europe/Copenhagen)")
  }

  // MARK: - TZ strings

  @Test func tzStringsOfEveryDayForm() throws {
    // Jn counts 1...365 and never 29 February: J60 is always 1 March.
    let julian = try CalendarTimeZone(identifier: "Test/Julian", tzString: "XXX3YYY,J60,J300/1:30").component
    #expect(julian.contains("TZOFFSETFROM:-0300"))
    #expect(julian.contains("TZOFFSETTO:-0200"))  // an hour ahead when not given
    #expect(julian.contains("DTSTART:19700301T020000"))
    #expect(julian.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1"))
    #expect(julian.contains("DTSTART:19701027T013000"))
    #expect(julian.contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=27"))
    // n counts 0...365 and 29 February too: 59 is the 60th day of the year.
    let zeroBased = try CalendarTimeZone(identifier: "Test/Days", tzString: "XXX3YYY,59,300").component
    #expect(zeroBased.contains("RRULE:FREQ=YEARLY;BYYEARDAY=60"))
    #expect(zeroBased.contains("RRULE:FREQ=YEARLY;BYYEARDAY=301"))
    #expect(zeroBased.contains("DTSTART:19701028T020000"))
  }

  @Test func summerTimeAllYearIsOneObservance() throws {
    // RFC 8536 §3.3.1's way of writing it.
    #expect(
      try CalendarTimeZone(identifier: "Test/AllYear", tzString: "EST5EDT4,0/0,J365/25").component == [
        "BEGIN:VTIMEZONE",
        "TZID:Test/AllYear",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:-0400",
        "TZOFFSETTO:-0400",
        "TZNAME:EDT",
        "DTSTART:19700101T000000",
        "END:STANDARD",
        "END:VTIMEZONE",
      ])
  }

  @Test func offsetsWithSecondsKeepThem() throws {
    let zone = try CalendarTimeZone(identifier: "Test/Seconds", tzString: "<-0330>3:30:15")
    #expect(zone.component.contains("TZOFFSETTO:-033015"))
    #expect(zone.component.contains("TZNAME:-0330"))
  }

  @Test(arguments: [
    "CET-1CEST",  // summer time without a rule
    "CET-1CEST,M3.5.0",  // no end
    "CET-1CEST,M13.5.0,M10.5.0",  // month 13
    "CET-1CEST,M3.6.0,M10.5.0",  // week 6
    "CET-1CEST,M3.5.7,M10.5.0",  // weekday 7
    "CET-1CEST,M3.5.0/168,M10.5.0",  // past RFC 8536's 167 hours
    "CET-1CEST,M3.5.0,M10.5.0x",  // trailing text
    "CE-1",  // a name of two letters
    "<+0>-1",  // the same in brackets
    "<+07-7",  // brackets not closed
    "XXX-25",  // more than 24 hours from UTC
    "-1",  // no name
    "CET",  // no offset
    "XXX3YYY,M2.5.0/24,M10.5.0",  // 28 Feb or 1 Mar, or 29 Feb, depending on leap years
    "XXX3YYY,M1.1.0/-24,M10.5.0",  // can fall in the year before
  ])
  func malformedOrInexpressibleTzStringsAreRefused(tzString: String) {
    let error = #expect(throws: CalendarTimeZone.Failure.self) {
      try CalendarTimeZone(identifier: "Test/Zone", tzString: tzString)
    }
    guard case .unsupportedRule(let identifier, let rule, let reason) = error else {
      Issue.record("\(String(describing: error))")
      return
    }
    #expect(identifier == "Test/Zone" && rule == tzString && !reason.isEmpty)
  }

  // MARK: - TZif files

  @Test func readsTheFooterOfAVersion2File() throws {
    let directory = try temporaryZoneFolder(["Test/Zone": tzif(version: "2", footer: "<+0545>-5:45")])
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let zone = try CalendarTimeZone(identifier: "Test/Zone", zoneInfoDirectory: directory)
    #expect(zone.id == "Test/Zone")
    #expect(zone.component.contains("TZOFFSETTO:+0545"))
    #expect(zone.component.contains("TZNAME:+0545"))
  }

  @Test func refusesFilesWithoutAUsableFooter() throws {
    var truncated = tzif(version: "2", footer: "CET-1")
    truncated.removeLast(10)
    let files = [
      "Test/Version1": tzif(version: "\u{0}", footer: nil),
      "Test/EmptyFooter": tzif(version: "2", footer: ""),
      "Test/Truncated": truncated,
      "Test/NotTZif": Array("Europe/Copenhagen\n".utf8),
      "Test/Empty": [],
    ]
    let directory = try temporaryZoneFolder(files)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    for name in files.keys {
      let error = #expect(throws: CalendarTimeZone.Failure.self, "\(name)") {
        try CalendarTimeZone(identifier: name, zoneInfoDirectory: directory)
      }
      guard case .unreadableFile(let path, _) = error else {
        Issue.record("\(name): \(String(describing: error))")
        continue
      }
      #expect(path == directory + "/" + name)
    }
  }

  // MARK: - Helpers

  private let utc: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar
  }()

  /// A TZif file (RFC 8536) with one local time type and no transitions, then `footer`.
  private func tzif(version: Character, footer: String?) -> [UInt8] {
    func header() -> [UInt8] {
      var bytes = Array("TZif".utf8) + [version.asciiValue!] + [UInt8](repeating: 0, count: 15)
      for count: UInt32 in [0, 0, 0, 0, 1, 4] { bytes += withUnsafeBytes(of: count.bigEndian, Array.init) }
      return bytes
    }
    let data: [UInt8] = [0, 0, 0x0E, 0x10, 0, 0] + Array("CET\u{0}".utf8)
    var bytes = header() + data
    if let footer { bytes += header() + data + Array("\n\(footer)\n".utf8) }
    return bytes
  }

  private func temporaryZoneFolder(_ files: [String: [UInt8]]) throws -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("CalendarTimeZoneTests-" + UUID().uuidString).path
    for (name, bytes) in files {
      let path = directory + "/" + name
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
    return directory
  }

  private struct Change {
    var instant: Date
    var from: Int
    var to: Int
  }

  /// The changes a VTIMEZONE's RRULEs give in `years`, in order: enough of RFC 5545 for the
  /// rule forms `CalendarTimeZone` writes.
  private func transitions(of component: [String], years: ClosedRange<Int>) throws -> [Change] {
    let weekdays = ["SU": 1, "MO": 2, "TU": 3, "WE": 4, "TH": 5, "FR": 6, "SA": 7]
    var changes: [Change] = []
    var observance: [String] = []
    for line in component {
      if line == "BEGIN:DAYLIGHT" || line == "BEGIN:STANDARD" { observance = [] }
      observance.append(line)
      guard line == "END:DAYLIGHT" || line == "END:STANDARD" else { continue }
      let from = try offsetSeconds(value(of: "TZOFFSETFROM", in: observance))
      let to = try offsetSeconds(value(of: "TZOFFSETTO", in: observance))
      let start = try #require(value(of: "DTSTART", in: observance))
      guard let rule = value(of: "RRULE", in: observance) else { continue }
      var parts: [String: String] = [:]
      for part in rule.split(separator: ";") {
        let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
        parts[pair[0]] = pair[1]
      }
      #expect(parts["FREQ"] == "YEARLY")
      let clock = start.split(separator: "T")[1]
      let hour = Int(clock.prefix(2))!
      let minute = Int(clock.dropFirst(2).prefix(2))!
      let second = Int(clock.dropFirst(4).prefix(2))!
      for year in years {
        var days: [DateComponents] = []
        if let yearDay = parts["BYYEARDAY"].flatMap({ Int($0) }) {
          var day = DateComponents(year: year, month: 1, day: 1)
          day.day = yearDay
          days = [day]
        } else {
          let month = try #require(parts["BYMONTH"].flatMap { Int($0) })
          let monthDays = parts["BYMONTHDAY"].map { $0.split(separator: ",").compactMap { Int($0) } } ?? Array(1...31)
          let length = utc.range(of: .day, in: .month, for: utc.date(from: DateComponents(year: year, month: month))!)!
          var candidates = monthDays.filter { length.contains($0) }
          if let byDay = parts["BYDAY"] {
            let code = String(byDay.suffix(2))
            let ordinal = Int(byDay.dropLast(2))
            candidates = candidates.filter {
              utc.component(.weekday, from: utc.date(from: DateComponents(year: year, month: month, day: $0))!)
                == weekdays[code]
            }
            if let ordinal {
              candidates = [ordinal > 0 ? candidates[ordinal - 1] : candidates[candidates.count + ordinal]]
            }
          }
          days = candidates.map { DateComponents(year: year, month: month, day: $0) }
        }
        for var day in days {
          (day.hour, day.minute, day.second) = (hour, minute, second)
          // Local time before the change, so UTC is that minus the offset before it.
          let wall = try #require(utc.date(from: day))
          changes.append(Change(instant: wall - TimeInterval(from), from: from, to: to))
        }
      }
    }
    return changes.sorted { $0.instant < $1.instant }
  }

  private func value(of name: String, in lines: [String]) -> String? {
    lines.first { $0.hasPrefix(name + ":") }.map { String($0.dropFirst(name.count + 1)) }
  }

  /// `+0530` as 19 800 seconds.
  private func offsetSeconds(_ text: String?) throws -> Int {
    let text = try #require(text)
    let digits = text.dropFirst().map { Int(String($0))! }
    var seconds = (digits[0] * 10 + digits[1]) * 3600 + (digits[2] * 10 + digits[3]) * 60
    if digits.count == 6 { seconds += digits[4] * 10 + digits[5] }
    return text.hasPrefix("-") ? -seconds : seconds
  }
}
