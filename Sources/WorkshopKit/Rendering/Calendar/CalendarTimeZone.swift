import Foundation

/// A time zone as iCalendar needs it: the `TZID` that DTSTART and DTEND refer to and the
/// `VTIMEZONE` component that defines it (RFC 5545 §3.6.5).
///
/// `init(identifier:)` builds the component from the system's compiled time-zone data (the
/// TZif file of an IANA name such as `Europe/London`, Debian's package tzdata), not from a
/// hard-coded block. It uses the file's footer, the POSIX TZ string that gives the zone's
/// current rules (RFC 8536 §3.3), and applies those rules to every year from 1970 on, the
/// way most calendar software writes a `VTIMEZONE`. That is right for meetings after the
/// zone's last rule change, which for almost every zone is long past. It is wrong for
/// older dates (Denmark ended summer time in September from 1980 to 1995) and for the few
/// zones whose files list irregular changes into the future ahead of the footer, which get
/// their regular rules only: with tzdata 2025b, Morocco's `Africa/Casablanca` and
/// `Africa/El_Aaiun` (an hour back for Ramadan, every year) and, from 2036, Palestine's
/// `Asia/Gaza` and `Asia/Hebron`.
///
/// The component is written as:
/// - a zone with summer time: a DAYLIGHT then a STANDARD subcomponent, each with
///   TZOFFSETFROM, TZOFFSETTO, TZNAME, DTSTART (the change's first occurrence in 1970, in
///   local time before the change) and a yearly RRULE (`BYMONTH=3;BYDAY=-1SU`). DAYLIGHT is
///   the observance with the larger offset: Ireland's tz data calls winter (GMT) its summer
///   time and the Irish summer (IST) its standard time, but calendars expect the reverse.
///   A change the TZ string puts at a time before 00:00 or from 24:00 on (Israel's
///   `M3.4.4/26`, the Friday after the fourth Thursday of March at 02:00) becomes a weekday
///   among the possible days of the month (`BYDAY=FR;BYMONTHDAY=23,24,25,26,27,28,29`), one
///   subcomponent per month when those days span two months (Egypt's October change can
///   fall on 1 November).
/// - a zone without (`JST-9`, `<+07>-7`), or with summer time all year: one STANDARD with
///   TZOFFSETFROM equal to TZOFFSETTO and `DTSTART:19700101T000000`, no RRULE.
struct CalendarTimeZone: Sendable, Hashable {
  var id: String
  /// The `VTIMEZONE` component, one unfolded content line per element.
  var component: [String]

  /// Why a zone could not be made. `description` is a sentence for the user.
  enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not a name that can be looked up safely: empty, too long, a character other than an
    /// ASCII letter, digit, `_`, `-`, `+` or `/`, or a `/` at either end or doubled.
    case invalidIdentifier(String)
    /// No time-zone file of that name in `directory`.
    case unknownIdentifier(String, directory: String)
    /// The file is there but is not usable TZif data (or could not be read).
    case unreadableFile(path: String, reason: String)
    /// The TZ string (the file's footer) could not be read, or has rules that iCalendar's
    /// yearly RRULE cannot express.
    case unsupportedRule(identifier: String, rule: String, reason: String)

    var description: String {
      switch self {
      case .invalidIdentifier(let identifier):
        "\"\(identifier)\" is not a time zone name (an IANA name such as Europe/Copenhagen)"
      case .unknownIdentifier(let identifier, let directory):
        "unknown time zone \"\(identifier)\" (no such zone in \(directory))"
      case .unreadableFile(let path, let reason):
        "cannot read time zone file \(path): \(reason)"
      case .unsupportedRule(let identifier, let rule, let reason):
        "time zone \(identifier) has rules \"\(rule)\" that cannot be written as iCalendar: \(reason)"
      }
    }
  }

  /// The zone of an IANA time-zone name, such as `Europe/London`, read from
  /// `zoneInfoDirectory`.
  init(identifier: String) throws(Failure) {
    try self.init(identifier: identifier, zoneInfoDirectory: Self.zoneInfoDirectory)
  }

  /// The zone of `identifier`, read from the TZif file `<directory>/<identifier>`.
  init(identifier: String, zoneInfoDirectory directory: String) throws(Failure) {
    guard Self.isValidIdentifier(identifier) else { throw .invalidIdentifier(identifier) }
    let path = (directory.hasSuffix("/") ? directory : directory + "/") + identifier
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
      throw .unknownIdentifier(identifier, directory: directory)
    }
    let bytes = try Self.readFile(path)
    let footer: String
    do throws(FormatError) {
      footer = try TZif.footer(of: bytes)
    } catch {
      throw .unreadableFile(path: path, reason: error.reason)
    }
    try self.init(identifier: identifier, tzString: footer)
  }

  /// The zone that `tzString`, a POSIX TZ string with RFC 8536's extensions such as
  /// `CET-1CEST,M3.5.0,M10.5.0/3`, describes, named `identifier`. The identifier is only
  /// written as the TZID, not looked up.
  init(identifier: String, tzString: String) throws(Failure) {
    do throws(FormatError) {
      let rule = try PosixRule(parsing: tzString)
      self.init(id: identifier, component: try Self.component(identifier, rule))
    } catch {
      throw .unsupportedRule(identifier: identifier, rule: tzString, reason: error.reason)
    }
  }

  init(id: String, component: [String]) {
    self.id = id
    self.component = component
  }

  /// Where the compiled time-zone data is: `$TZDIR` when set, else `/usr/share/zoneinfo`.
  static var zoneInfoDirectory: String {
    if let directory = ProcessInfo.processInfo.environment["TZDIR"], !directory.isEmpty { return directory }
    return "/usr/share/zoneinfo"
  }

  /// Whether `init(identifier:)` succeeds for `identifier`.
  static func isKnown(_ identifier: String) -> Bool {
    (try? CalendarTimeZone(identifier: identifier)) != nil
  }

  /// The zone names to suggest for a mistyped one, sorted: the zones and links that the tz
  /// data's `tzdata.zi` lists, with Foundation's `TimeZone.knownTimeZoneIdentifiers` (which
  /// on Linux has `Asia/Calcutta` but not `Asia/Kolkata`, nor `UTC`), less any that `isKnown`
  /// refuses. Reads every zone's file, once, on first use.
  static let candidateIdentifiers: [String] = {
    var names = Set(TimeZone.knownTimeZoneIdentifiers)
    let listing = zoneInfoDirectory + "/tzdata.zi"
    if let data = FileManager.default.contents(atPath: listing) {
      // `Z Europe/Copenhagen …` names a zone, `L Europe/Zurich Europe/Busingen` a link.
      for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
        let fields = line.split(separator: " ", maxSplits: 3)
        if fields.count >= 2, fields[0] == "Z" { names.insert(String(fields[1])) }
        if fields.count >= 3, fields[0] == "L" { names.insert(String(fields[2])) }
      }
    }
    return names.filter { isKnown($0) }.sorted()
  }()

  /// The default zone, Europe/Copenhagen, made from the system's time-zone data like any
  /// other. Only if that cannot be read (a machine without tzdata) is it
  /// `builtInEuropeCopenhagen`, so the default zone never fails; the tests check that the
  /// two agree line for line.
  static let europeCopenhagen =
    (try? CalendarTimeZone(identifier: "Europe/Copenhagen")) ?? builtInEuropeCopenhagen

  /// Central European Time as the EU has kept it since 1996: CEST (+0200) from the last
  /// Sunday of March at 02:00 local time, CET (+0100) from the last Sunday of October at
  /// 03:00 local time, the rules applied from 1970. What the tz data's footer for
  /// Europe/Copenhagen, `CET-1CEST,M3.5.0,M10.5.0/3`, gives.
  static let builtInEuropeCopenhagen = CalendarTimeZone(
    id: "Europe/Copenhagen",
    component: [
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
    ])

  // MARK: - Reading the file

  /// Files in the zone folder that are not zones to name in a calendar: the machine's own
  /// zone, the default rules, the placeholder `Factory` (`-00`), and the `posix/` and
  /// `right/` copies of every zone.
  private static let refusedNames: Set<String> = ["localtime", "posixrules", "Factory"]
  private static let refusedFolders = ["posix/", "right/"]

  /// An IANA name as a relative path that cannot leave the zone folder: ASCII letters,
  /// digits, `_`, `-`, `+` and `/` (so no `.`, no `..`), no `/` at either end, none doubled.
  static func isValidIdentifier(_ identifier: String) -> Bool {
    let bytes = Array(identifier.utf8)
    guard (1...255).contains(bytes.count), bytes.first != UInt8(ascii: "/"), bytes.last != UInt8(ascii: "/")
    else { return false }
    guard !refusedNames.contains(identifier), !refusedFolders.contains(where: identifier.hasPrefix) else {
      return false
    }
    var previous: UInt8 = 0
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "+"):
        break
      case UInt8(ascii: "/"):
        if previous == UInt8(ascii: "/") { return false }
      default:
        return false
      }
      previous = byte
    }
    return true
  }

  /// A TZif file is a few kilobytes; anything past this is not one.
  private static let maximumFileSize = 1 << 20

  private static func readFile(_ path: String) throws(Failure) -> [UInt8] {
    do {
      guard let handle = FileHandle(forReadingAtPath: path) else {
        throw FormatError("it cannot be opened")
      }
      defer { try? handle.close() }
      let data = try handle.read(upToCount: maximumFileSize + 1) ?? Data()
      guard data.count <= maximumFileSize else { throw FormatError("it is larger than a time zone file can be") }
      return [UInt8](data)
    } catch let error as FormatError {
      throw .unreadableFile(path: path, reason: error.reason)
    } catch {
      throw .unreadableFile(path: path, reason: String(describing: error))
    }
  }

  // MARK: - Writing the component

  private static func component(_ identifier: String, _ rule: PosixRule) throws(FormatError) -> [String] {
    var lines = ["BEGIN:VTIMEZONE", "TZID:" + identifier]
    if let daylight = rule.daylight, !daylight.isAllYear(standardOffset: rule.standard.offset) {
      // POSIX's daylight time starts at `start` (in standard time) and ends at `end` (in
      // daylight time), when standard time starts again.
      let intoDaylight = Observance(
        from: rule.standard.offset, to: daylight.observed.offset, name: daylight.observed.name,
        change: daylight.start)
      let intoStandard = Observance(
        from: daylight.observed.offset, to: rule.standard.offset, name: rule.standard.name,
        change: daylight.end)
      // Negative summer time (Ireland) is written as the positive kind calendars expect.
      let (summer, winter) =
        intoStandard.to > intoDaylight.to ? (intoStandard, intoDaylight) : (intoDaylight, intoStandard)
      lines += try summer.lines(kind: "DAYLIGHT")
      lines += try winter.lines(kind: "STANDARD")
    } else {
      let observed = rule.daylight?.observed ?? rule.standard
      let offset = try utcOffset(observed.offset)
      lines += [
        "BEGIN:STANDARD",
        "TZOFFSETFROM:" + offset,
        "TZOFFSETTO:" + offset,
        "TZNAME:" + observed.name,
        "DTSTART:19700101T000000",
        "END:STANDARD",
      ]
    }
    lines.append("END:VTIMEZONE")
    return lines
  }

  /// RFC 5545's UTC-OFFSET, east positive: `+0100`, `-0500`, `+0530`, seconds only when
  /// there are any.
  private static func utcOffset(_ seconds: Int) throws(FormatError) -> String {
    guard abs(seconds) < 86_400 else { throw FormatError("an offset from UTC of 24 hours or more") }
    let magnitude = abs(seconds)
    let pad = CivilDay.pad
    var text = (seconds < 0 ? "-" : "+") + pad(magnitude / 3600, 2) + pad(magnitude / 60 % 60, 2)
    if magnitude % 60 != 0 { text += pad(magnitude % 60, 2) }
    return text
  }

  /// One side of a zone with summer time: the offset it changes to, and when.
  private struct Observance {
    var from: Int
    var to: Int
    var name: String
    var change: PosixRule.Change

    func lines(kind: String) throws(FormatError) -> [String] {
      var lines: [String] = []
      for recurrence in try change.recurrences() {
        lines += [
          "BEGIN:" + kind,
          "TZOFFSETFROM:" + (try utcOffset(from)),
          "TZOFFSETTO:" + (try utcOffset(to)),
          "TZNAME:" + name,
          "DTSTART:" + recurrence.start,
          "RRULE:" + recurrence.rule,
          "END:" + kind,
        ]
      }
      return lines
    }
  }
}

/// Why a file or a TZ string was refused, in words for `Failure`.
private struct FormatError: Error {
  var reason: String
  init(_ reason: String) { self.reason = reason }
}

// MARK: - TZif (RFC 8536)

private enum TZif {
  /// The footer of a version 2 or later TZif file: the TZ string between the newlines that
  /// follow the second (64-bit) data block.
  static func footer(of bytes: [UInt8]) throws(FormatError) -> String {
    let first = try header(bytes, at: 0)
    guard first.version >= UInt8(ascii: "2") else {
      throw FormatError("it is TZif version 1, which has no TZ string")
    }
    let second = try header(bytes, at: 44 + first.dataLength(timeSize: 4))
    var position = second.offset + 44 + second.dataLength(timeSize: 8)
    guard position < bytes.count, bytes[position] == UInt8(ascii: "\n") else {
      throw FormatError("the TZ string is missing")
    }
    position += 1
    guard let end = bytes[position...].firstIndex(of: UInt8(ascii: "\n")) else {
      throw FormatError("the TZ string does not end with a newline")
    }
    guard end > position else { throw FormatError("the TZ string is empty (the zone has no rule for now)") }
    let footer = bytes[position..<end]
    guard footer.allSatisfy({ (0x21...0x7E).contains($0) }) else {
      throw FormatError("the TZ string has characters other than printable ASCII")
    }
    return String(decoding: footer, as: UTF8.self)
  }

  struct Header {
    var offset: Int
    var version: UInt8
    var isUTCCount: Int
    var isStandardCount: Int
    var leapCount: Int
    var timeCount: Int
    var typeCount: Int
    var characterCount: Int

    /// The length of the data block that follows the header.
    func dataLength(timeSize: Int) -> Int {
      timeCount * (timeSize + 1) + typeCount * 6 + characterCount + leapCount * (timeSize + 4)
        + isStandardCount + isUTCCount
    }
  }

  static func header(_ bytes: [UInt8], at offset: Int) throws(FormatError) -> Header {
    guard offset >= 0, offset + 44 <= bytes.count else { throw FormatError("it ends inside a TZif header") }
    guard bytes[offset..<offset + 4].elementsEqual("TZif".utf8) else { throw FormatError("it is not TZif data") }
    func count(_ index: Int) -> Int {
      let start = offset + 20 + 4 * index
      return bytes[start..<start + 4].reduce(0) { $0 << 8 | Int($1) }
    }
    return Header(
      offset: offset, version: bytes[offset + 4], isUTCCount: count(0), isStandardCount: count(1),
      leapCount: count(2), timeCount: count(3), typeCount: count(4), characterCount: count(5))
  }
}

// MARK: - POSIX TZ strings

/// `std offset [dst [offset] ,start[/time],end[/time]]` (POSIX TZ, with RFC 8536 §3.3.1's
/// hours from -167 to 167 in a change's time). Offsets here are seconds east of UTC, the
/// iCalendar way; the string's are west (`EST5` is UTC-5).
private struct PosixRule {
  struct Observed {
    var name: String
    var offset: Int
  }

  /// The day of a change: `Mm.w.d` (the w-th, 5 = last, weekday d of month m), `Jn` (day n
  /// of 1...365, never counting 29 February) or `n` (day n of 0...365, counting it).
  enum Day {
    case monthWeekDay(month: Int, week: Int, weekday: Int)
    case julian(Int)
    case zeroBased(Int)

    /// The day this rule names in `year`, as days since 1970-01-01.
    func daysSinceEpoch(in year: Int) -> Int {
      switch self {
      case .monthWeekDay(let month, let week, let weekday):
        let first = CivilDay(year: year, month: month, day: 1)
        var day = 1 + (weekday - first.weekday + 7) % 7 + 7 * (week - 1)
        while day > CivilDay.length(ofMonth: month, in: year) { day -= 7 }
        return first.daysSinceEpoch + day - 1
      case .julian(let number):
        // Day n of a year without 29 February.
        var month = 1
        var day = number
        while day > CivilDay.length(ofMonth: month, in: 1970) {
          day -= CivilDay.length(ofMonth: month, in: 1970)
          month += 1
        }
        return CivilDay(year: year, month: month, day: day).daysSinceEpoch
      case .zeroBased(let number):
        return CivilDay(year: year, month: 1, day: 1).daysSinceEpoch + number
      }
    }
  }

  struct Change {
    var day: Day
    /// Seconds from the day's midnight, local time before the change; may be negative or
    /// past a day.
    var time: Int

    /// The years 1970...1997: within 1901...2099 the calendar repeats every 28 years, so these
    /// hold every kind of year (leap or not, starting on each weekday).
    private static let cycle = 1970...1997

    private static let weekdayCodes = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]

    /// The change as RRULEs with their DTSTART, usually one: `BYDAY=-1SU` and the like when
    /// the change falls on the day its rule names; when the time moves it to another day, the
    /// weekday it lands on among the days of the month it can land on, one recurrence per month.
    func recurrences() throws(FormatError) -> [(start: String, rule: String)] {
      let dayShift = time >= 0 ? time / 86_400 : -((-time + 86_399) / 86_400)
      let timeOfDay = time - dayShift * 86_400
      let clock =
        "T" + CivilDay.pad(timeOfDay / 3600) + CivilDay.pad(timeOfDay / 60 % 60)
        + CivilDay.pad(timeOfDay % 60)

      // The day of the change in each year of the cycle.
      var dates: [CivilDay] = []
      for year in Self.cycle {
        let date = CivilDay(daysSinceEpoch: day.daysSinceEpoch(in: year) + dayShift)
        guard date.year == year else {
          throw FormatError("a change at \(time / 3600) hours moves into another year")
        }
        dates.append(date)
      }

      switch day {
      case .monthWeekDay(let month, let week, let weekday) where dayShift == 0:
        let ordinal = week == 5 ? "-1" : String(week)
        return [
          (dates[0].text + clock, "FREQ=YEARLY;BYMONTH=\(month);BYDAY=\(ordinal)\(Self.weekdayCodes[weekday])")
        ]
      case .monthWeekDay(_, _, let weekday):
        let landing = ((weekday + dayShift) % 7 + 7) % 7
        // The days each month can hold the change on; the change is then the `landing`
        // weekday among them, which must single out the right day in every kind of year.
        var days: [Int: Set<Int>] = [:]
        for date in dates { days[date.month, default: []].insert(date.day) }
        for (year, date) in zip(Self.cycle, dates) {
          var matches: [CivilDay] = []
          for (month, monthDays) in days {
            for day in monthDays where day <= CivilDay.length(ofMonth: month, in: year) {
              let candidate = CivilDay(year: year, month: month, day: day)
              if candidate.weekday == landing { matches.append(candidate) }
            }
          }
          guard matches == [date] else {
            throw FormatError("its time moves it to a day that BYDAY and BYMONTHDAY cannot pin down in every year")
          }
        }
        return days.keys.sorted().map { month in
          let first = dates.first { $0.month == month }!
          let monthDays = days[month]!.sorted().map(String.init).joined(separator: ",")
          return (
            first.text + clock,
            "FREQ=YEARLY;BYMONTH=\(month);BYDAY=\(Self.weekdayCodes[landing]);BYMONTHDAY=\(monthDays)"
          )
        }
      case .julian, .zeroBased:
        if dates.allSatisfy({ $0.month == dates[0].month && $0.day == dates[0].day }) {
          return [(dates[0].text + clock, "FREQ=YEARLY;BYMONTH=\(dates[0].month);BYMONTHDAY=\(dates[0].day)")]
        }
        let dayOfYear = dates[0].dayOfYear
        if dates.allSatisfy({ $0.dayOfYear == dayOfYear }) {
          return [(dates[0].text + clock, "FREQ=YEARLY;BYYEARDAY=\(dayOfYear)")]
        }
        throw FormatError("its day, moved by its time, is neither a fixed date nor a fixed day of the year")
      }
    }
  }

  struct Daylight {
    var observed: Observed
    var start: Change
    var end: Change

    /// RFC 8536 §3.3.1: daylight time all year is written as starting on 1 January at 00:00
    /// and ending on 31 December at 24:00 plus the amount of daylight time.
    func isAllYear(standardOffset: Int) -> Bool {
      let startsOnNewYear: Bool
      switch start.day {
      case .julian(1), .zeroBased(0): startsOnNewYear = true
      default: startsOnNewYear = false
      }
      guard startsOnNewYear, start.time == 0, case .julian(365) = end.day else { return false }
      return end.time == 86_400 + observed.offset - standardOffset
    }
  }

  var standard: Observed
  var daylight: Daylight?

  init(parsing text: String) throws(FormatError) {
    var scanner = Scanner(Array(text.utf8))
    let standardName = try scanner.name()
    standard = Observed(name: standardName, offset: -(try scanner.time(maximumHours: 24)))
    guard !scanner.isAtEnd else { return }
    let daylightName = try scanner.name()
    var daylightOffset = standard.offset + 3600
    if !scanner.isAtEnd, scanner.peek != UInt8(ascii: ",") {
      daylightOffset = -(try scanner.time(maximumHours: 24))
    }
    guard scanner.take(",") else {
      throw FormatError("summer time \(daylightName) has no rule for when it starts and ends")
    }
    let start = try scanner.change()
    guard scanner.take(",") else { throw FormatError("expected \",\" and the end of summer time") }
    let end = try scanner.change()
    guard scanner.isAtEnd else { throw FormatError("unexpected text after the end of summer time") }
    daylight = Daylight(observed: Observed(name: daylightName, offset: daylightOffset), start: start, end: end)
  }

  private struct Scanner {
    var bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { position == bytes.count }
    var peek: UInt8? { isAtEnd ? nil : bytes[position] }

    mutating func take(_ character: Unicode.Scalar) -> Bool {
      guard peek == UInt8(ascii: character) else { return false }
      position += 1
      return true
    }

    /// `CET`, or `<+0530>` written `+0530`.
    mutating func name() throws(FormatError) -> String {
      let start = position
      let name: ArraySlice<UInt8>
      if take("<") {
        // RFC 8536 §3.3: letters, digits, `+` and `-`.
        while let byte = peek, isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
        {
          position += 1
        }
        name = bytes[start + 1..<position]
        guard take(">") else { throw FormatError("a zone name in <…> is not closed or has other characters") }
      } else {
        while let byte = peek, isLetter(byte) { position += 1 }
        name = bytes[start..<position]
      }
      guard name.count >= 3 else { throw FormatError("a zone name must have at least three characters") }
      return String(decoding: name, as: UTF8.self)
    }

    /// `[+-]hh[:mm[:ss]]` as seconds, west positive as written.
    mutating func time(maximumHours: Int) throws(FormatError) -> Int {
      var sign = 1
      if take("-") { sign = -1 } else { _ = take("+") }
      let hours = try number(maximumDigits: 3, maximum: maximumHours, what: "hours")
      var seconds = hours * 3600
      if take(":") {
        seconds += try number(maximumDigits: 2, maximum: 59, what: "minutes") * 60
        if take(":") { seconds += try number(maximumDigits: 2, maximum: 59, what: "seconds") }
      }
      return sign * seconds
    }

    /// `Mm.w.d`, `Jn` or `n`, then `/time` or 02:00.
    mutating func change() throws(FormatError) -> Change {
      let day: Day
      if take("M") {
        let month = try number(maximumDigits: 2, maximum: 12, what: "month")
        guard take(".") else { throw FormatError("expected \".\" after the month") }
        let week = try number(maximumDigits: 1, maximum: 5, what: "week")
        guard take(".") else { throw FormatError("expected \".\" after the week") }
        let weekday = try number(maximumDigits: 1, maximum: 6, what: "weekday")
        guard month >= 1, week >= 1 else { throw FormatError("month and week count from 1") }
        day = .monthWeekDay(month: month, week: week, weekday: weekday)
      } else if take("J") {
        let number = try number(maximumDigits: 3, maximum: 365, what: "day of the year")
        guard number >= 1 else { throw FormatError("a J day of the year counts from 1") }
        day = .julian(number)
      } else {
        day = .zeroBased(try number(maximumDigits: 3, maximum: 365, what: "day of the year"))
      }
      let time = take("/") ? try self.time(maximumHours: 167) : 2 * 3600
      return Change(day: day, time: time)
    }

    private mutating func number(maximumDigits: Int, maximum: Int, what: String) throws(FormatError) -> Int {
      var value = 0
      var digits = 0
      while let byte = peek, isDigit(byte), digits < maximumDigits {
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
        digits += 1
        position += 1
      }
      guard digits > 0 else { throw FormatError("expected a number (\(what)) at character \(position + 1)") }
      guard value <= maximum else { throw FormatError("\(what) \(value) is more than \(maximum)") }
      return value
    }

    private func isLetter(_ byte: UInt8) -> Bool {
      (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    private func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
  }
}

extension ICalendar {
  /// The one place that decides a program's time zone: its `timezone` (or its series'),
  /// Europe/Copenhagen by default. `check` has refused a name the system's data lacks.
  static func timeZone(for program: Program) -> CalendarTimeZone {
    guard program.timeZone != CalendarTimeZone.europeCopenhagen.id else { return .europeCopenhagen }
    return (try? CalendarTimeZone(identifier: program.timeZone)) ?? .europeCopenhagen
  }
}
