import Foundation
import Testing

@testable import WorkshopKit

/// `<program>.ics`: RFC 5545 structure, times, folding, escaping and determinism.
@Suite struct ICalendarTests {
  // MARK: - The reference day, loaded from programs/

  @Test func referenceDayHasExactTimesInCopenhagen() throws {
    let ics = try render(sample: "civilsamfundet/2013-04-18.yaml")
    let lines = try unfoldedLines(ics)
    #expect(lines.contains("DTSTART;TZID=Europe/Copenhagen:20130418T084500"))
    #expect(lines.contains("DTEND;TZID=Europe/Copenhagen:20130418T150000"))
    #expect(lines.contains("UID:civilsamfundet-2013-04-18@workshopkit"))
    #expect(lines.contains("DTSTAMP:20130418T000000Z"))
    #expect(
      lines.contains("SUMMARY:Civilsamfundet – Metoder til samarbejder og brugerinvolvering (2. møde)"))
  }

  @Test func referenceDayCalendarHeaderAndComponentOrder() throws {
    let lines = try unfoldedLines(try render(sample: "civilsamfundet/2013-04-18.yaml"))
    #expect(
      Array(lines.prefix(5)) == [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//WorkshopKit//WorkshopKit 0.1//EN",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
      ])
    #expect(lines.last == "END:VCALENDAR")
    let components = lines.filter { $0.hasPrefix("BEGIN:") }
    #expect(
      components == [
        "BEGIN:VCALENDAR", "BEGIN:VTIMEZONE", "BEGIN:DAYLIGHT", "BEGIN:STANDARD", "BEGIN:VEVENT", "BEGIN:VEVENT",
      ])
    #expect(lines.filter { $0.hasPrefix("END:") }.count == components.count)
  }

  @Test func referenceDayDescriptionListsTheAgendaInDanish() throws {
    let lines = try unfoldedLines(try render(sample: "civilsamfundet/2013-04-18.yaml"))
    let description = try #require(value(of: "DESCRIPTION", in: firstEvent(lines)))
    let rows = unescape(description).components(separatedBy: "\n")
    #expect(rows.first == "Fagligt udviklingsforløb")
    #expect(rows.dropFirst().first == "")
    #expect(rows.contains("08.45–09.00 Kaffe og morgenbrød"))
    #expect(rows.contains("09.15–10.00 Inddragelse og medborgerskab (Katrine Winther Adelsparre)"))
    #expect(rows.contains("11.30–12.15 Frokost"))
    #expect(rows.contains("14.30–15.00 Opsamling og næste skridt til 3. møde"))
    #expect(rows.contains("  14.30–14.40 Opsamling"))
    #expect(!rows.contains { $0.contains(":") && $0.first?.isNumber == true })
  }

  @Test func referenceDayAnnouncesTheNextMeetingAsAllDayEvent() throws {
    let lines = try unfoldedLines(try render(sample: "civilsamfundet/2013-04-18.yaml"))
    let next = try #require(events(lines).dropFirst().first)
    #expect(
      next == [
        "BEGIN:VEVENT",
        "UID:civilsamfundet-2013-06-03@workshopkit",
        "DTSTAMP:20130418T000000Z",
        "DTSTART;VALUE=DATE:20130603",
        "DTEND;VALUE=DATE:20130604",
        "SUMMARY:Næste møde: Civilsamfundet – Metoder til samarbejder og brugerinvolvering (3. møde)",
        "DESCRIPTION:Fagligt udviklingsforløb",
        "END:VEVENT",
      ])
  }

  @Test func nextMeetingPlaceholderSharesTheUIDOfTheNextMeetingsOwnFile() throws {
    let second = try unfoldedLines(try render(sample: "civilsamfundet/2013-04-18.yaml"))
    let third = try unfoldedLines(try render(sample: "civilsamfundet/2013-06-03.yaml"))
    let placeholder = try #require(value(of: "UID", in: events(second)[1]))
    #expect(value(of: "UID", in: firstEvent(third)) == placeholder)
    // The timed meeting is stamped later, so calendars take it as the newer version.
    let placeholderStamp = try #require(value(of: "DTSTAMP", in: events(second)[1]))
    let meetingStamp = try #require(value(of: "DTSTAMP", in: firstEvent(third)))
    #expect(meetingStamp > placeholderStamp)
    // Its own file has no next meeting: one event.
    #expect(events(third).count == 1)
  }

  @Test func vtimezoneDefinesEuropeCopenhagen() throws {
    let lines = try unfoldedLines(try render(sample: "civilsamfundet/2013-04-18.yaml"))
    let start = try #require(lines.firstIndex(of: "BEGIN:VTIMEZONE"))
    let end = try #require(lines.firstIndex(of: "END:VTIMEZONE"))
    #expect(
      Array(lines[start...end]) == [
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
    // Both rule anchors are the last Sunday of their month.
    let march = try #require(CalendarDate(year: 1970, month: 3, day: 29))
    let october = try #require(CalendarDate(year: 1970, month: 10, day: 25))
    #expect(march.isoWeekday == 7 && october.isoWeekday == 7)
    #expect(march.day + 7 > 31 && october.day + 7 > 31)
  }

  @Test func englishSampleUsesColonsAndEnglishLabels() throws {
    let lines = try unfoldedLines(try render(sample: "cocreation-lab-en/2026-03-12.yaml"))
    let meeting = firstEvent(lines)
    #expect(meeting.contains("DTSTART;TZID=Europe/Copenhagen:20260312T090000"))
    #expect(meeting.contains("DTEND;TZID=Europe/Copenhagen:20260312T130000"))
    #expect(meeting.contains("LOCATION:Main Library\\, Meeting Room 2"))
    #expect(
      meeting.contains("SUMMARY:Co-creation Lab – Working with Citizens and Partners (Meeting 1)"))
    let rows = unescape(try #require(value(of: "DESCRIPTION", in: meeting))).components(separatedBy: "\n")
    #expect(rows.contains("09:00–09:15 Coffee and welcome"))
    #expect(lines.contains("SUMMARY:Next meeting: Co-creation Lab – Working with Citizens and Partners (Meeting 2)"))
    #expect(lines.contains("DTSTART;VALUE=DATE:20270114"))
    #expect(lines.contains("BEGIN:VTIMEZONE"))
  }

  @Test func everySampleIsValidAtTheLineLevel() throws {
    for sample in [
      "civilsamfundet/2013-04-18.yaml", "civilsamfundet/2013-06-03.yaml",
      "samskabelseslaboratoriet/2017-03-02.yaml", "cocreation-lab-en/2026-03-12.yaml",
    ] {
      let ics = try render(sample: sample)
      try expectWellFormed(ics)
    }
  }

  // MARK: - Line endings, folding, escaping

  @Test func everyLineEndsWithCRLF() throws {
    let bytes = Array(try render(sample: "civilsamfundet/2013-04-18.yaml").utf8)
    #expect(bytes.suffix(2) == [13, 10])
    for (index, byte) in bytes.enumerated() {
      if byte == 10 { #expect(index > 0 && bytes[index - 1] == 13) }
      if byte == 13 { #expect(index + 1 < bytes.count && bytes[index + 1] == 10) }
    }
  }

  @Test func longDanishDescriptionFoldsOnCharacterBoundariesAndUnfoldsBack() throws {
    // Two- and four-octet UTF-8 at every offset, so some fold point falls inside one.
    let longTitle = String(
      repeating: "Æbleskiver på Østerbro – høj stemning, søde bønner; ål & 🦆 i Århus. ", count: 6)
    let schedule = makeSchedule(
      title: longTitle, course: "Fagligt udviklingsforløb\nmed \"citater\" og \\ skråstreg",
      items: [(8 * 60 + 45, 9 * 60, longTitle), (9 * 60, 10 * 60, "Øvelse")])
    let ics = ICalendar.render(schedule)
    try expectWellFormed(ics)

    let physical = try physicalLines(ics)
    #expect(physical.contains { $0.hasPrefix(" ") })
    // Each physical line decodes as UTF-8 on its own: no multi-byte sequence was split.
    for line in Array(ics.utf8).split(separator: 10) {
      #expect(String(validating: line.dropLast(), as: UTF8.self) != nil)
    }

    let lines = try unfoldedLines(ics)
    let description = try #require(value(of: "DESCRIPTION", in: firstEvent(lines)))
    #expect(
      unescape(description)
        == "Fagligt udviklingsforløb\nmed \"citater\" og \\ skråstreg\n\n08.45–09.00 \(longTitle)\n09.00–10.00 Øvelse")
    #expect(unescape(try #require(value(of: "SUMMARY", in: firstEvent(lines)))) == longTitle + " (2. møde)")
  }

  @Test func foldingBoundaries() {
    let exactly75 = "DESCRIPTION:" + String(repeating: "a", count: 63)
    #expect(ContentLine.fold(exactly75) == [exactly75])
    let folded = ContentLine.fold(exactly75 + "b")
    #expect(folded == [exactly75, " b"])
    // 74 ASCII octets and then "ø" (two octets): the "ø" moves whole to the next line.
    let split = ContentLine.fold(String(repeating: "x", count: 74) + "øø")
    #expect(split == [String(repeating: "x", count: 74), " øø"])
    // Continuations carry at most 74 octets after their space.
    let long = String(repeating: "ø", count: 200)
    let parts = ContentLine.fold(long)
    #expect(parts.allSatisfy { $0.utf8.count <= 75 })
    #expect(parts.dropFirst().allSatisfy { $0.hasPrefix(" ") && !$0.dropFirst().hasPrefix(" ") })
    #expect(ContentLine.unfold(parts.joined(separator: "\r\n")) == long)
    // Written out, the same physical lines, each ended by CRLF; an empty line is one line.
    for line in [exactly75, exactly75 + "b", long, ""] {
      var bytes: [UInt8] = []
      ContentLine.fold(line, into: &bytes)
      #expect(bytes == Array(ContentLine.fold(line).map { $0 + "\r\n" }.joined().utf8))
    }
  }

  @Test func textValuesAreEscaped() throws {
    let schedule = makeSchedule(
      title: "Roller, ansvar; og \\ skråstreg\nNy linje", venue: "Hovedbiblioteket, 2. sal; lokale \\ 3\r\nIndgang B",
      items: [(9 * 60, 10 * 60, "A, B; C")])
    let lines = try unfoldedLines(ICalendar.render(schedule))
    #expect(lines.contains("SUMMARY:Roller\\, ansvar\\; og \\\\ skråstreg\\nNy linje (2. møde)"))
    #expect(lines.contains("LOCATION:Hovedbiblioteket\\, 2. sal\\; lokale \\\\ 3\\nIndgang B"))
    #expect(ContentLine.escapeText("a\rb\u{7}c\td") == "a\\nbc\td")
    // Every line separator is a line break; C1 controls other than NEL, and the characters
    // next to U+2028 and U+2029, are kept; DEL is dropped.
    #expect(
      ContentLine.escapeText("a\u{85}b\u{2028}c\u{2029}d\r\ne\n\rf\u{80}\u{2027}\u{202A}g\u{7F}h😀;")
        == "a\\nb\\nc\\nd\\ne\\n\\nf\u{80}\u{2027}\u{202A}gh😀\\;")
    // Escapes at either end, side by side, and a text with nothing to escape.
    #expect(ContentLine.escapeText("\\a,;\u{2029}\n") == "\\\\a\\,\\;\\n\\n")
    #expect(ContentLine.escapeText("\u{1}\u{1F}") == "")
    #expect(ContentLine.escapeText("Kaffe og morgenbrød – 09.00") == "Kaffe og morgenbrød – 09.00")
  }

  // MARK: - Determinism and identity

  @Test func renderingIsDeterministic() throws {
    let first = try render(sample: "civilsamfundet/2013-04-18.yaml")
    let second = try render(sample: "civilsamfundet/2013-04-18.yaml")
    #expect(first == second)
    #expect(Array(first.utf8) == Array(second.utf8))
    let schedule = makeSchedule(title: "Dag", items: [(9 * 60, 12 * 60, "Oplæg")])
    #expect(ICalendar.render(schedule) == ICalendar.render(schedule))
  }

  @Test func uidIsStableAndDerivedFromSeriesAndProgram() throws {
    let morning = makeSchedule(title: "Dag", items: [(9 * 60, 12 * 60, "Oplæg")])
    let edited = makeSchedule(title: "Ny titel", items: [(10 * 60, 15 * 60, "Andet")])
    let other = makeSchedule(id: "2013-04-19", title: "Dag", items: [(9 * 60, 12 * 60, "Oplæg")])
    func uids(_ schedule: Schedule) throws -> [String] {
      try events(unfoldedLines(ICalendar.render(schedule))).compactMap { value(of: "UID", in: $0) }
    }
    #expect(try uids(morning) == ["testserie-2013-04-18@workshopkit", "testserie-2013-06-03@workshopkit"])
    // Editing the day's contents keeps the event's identity, so calendars update it.
    #expect(try uids(edited) == uids(morning))
    #expect(try uids(other).first == "testserie-2013-04-19@workshopkit")
  }

  /// When the next meeting's program is in the series, the placeholder becomes that
  /// meeting: timed, at its venue, with the UID its own file uses, stamped by this file.
  @Test func nextMeetingWithAProgramIsTimedAtItsVenue() throws {
    let root = Self.repositoryRoot
    let checker = Checker(exerciseDirectory: root + "/exercises")
    let april = try #require(checker.check(programAt: root + "/programs/civilsamfundet/2013-04-18.yaml").schedule)
    var june = try #require(checker.check(programAt: root + "/programs/civilsamfundet/2013-06-03.yaml").schedule)
    june.program.venue = "Herlev Bibliotek, mødelokale 2"
    let lines = try unfoldedLines(ICalendar.render(april, next: june))
    let next = try #require(events(lines).last)
    #expect(value(of: "UID", in: next) == "civilsamfundet-2013-06-03@workshopkit")
    #expect(next.contains("DTSTART;TZID=Europe/Copenhagen:20130603T090000"))
    #expect(next.contains("DTEND;TZID=Europe/Copenhagen:20130603T150000"))
    #expect(next.contains("DTSTAMP:20130418T000000Z"))
    #expect(next.contains("LOCATION:Herlev Bibliotek\\, mødelokale 2"))
    #expect(unescape(try #require(value(of: "SUMMARY", in: next))).hasPrefix("Næste møde: "))
    #expect(lines.filter { $0 == "BEGIN:VTIMEZONE" }.count == 1)
    // A next meeting whose date is not the announced one stays the all-day placeholder.
    let other = makeSchedule(id: "2013-06-04", title: "Dag", items: [(9 * 60, 12 * 60, "Oplæg")])
    let placeholder = try #require(events(unfoldedLines(ICalendar.render(april, next: other))).last)
    #expect(placeholder.contains("DTSTART;VALUE=DATE:20130603"))
  }

  // MARK: - Edge cases

  @Test func withoutNextMeetingThereIsOneEvent() throws {
    let schedule = makeSchedule(title: "Dag", nextMeeting: nil, items: [(9 * 60, 12 * 60, "Oplæg")])
    let lines = try unfoldedLines(ICalendar.render(schedule))
    #expect(events(lines).count == 1)
    #expect(!lines.contains { $0.hasPrefix("SUMMARY:Næste møde") })
  }

  @Test func dayRunningPastMidnightEndsTheNextDay() throws {
    let schedule = makeSchedule(title: "Nat", items: [(22 * 60, 24 * 60 + 30, "Natteløb")])
    let lines = try unfoldedLines(ICalendar.render(schedule))
    #expect(lines.contains("DTSTART;TZID=Europe/Copenhagen:20130418T220000"))
    #expect(lines.contains("DTEND;TZID=Europe/Copenhagen:20130419T003000"))
  }

  @Test func nextMeetingOnNewYearsEveEndsInTheNextYear() throws {
    let schedule = makeSchedule(
      title: "Dag", nextMeeting: CalendarDate(year: 2024, month: 12, day: 31),
      items: [(9 * 60, 12 * 60, "Oplæg")])
    let lines = try unfoldedLines(ICalendar.render(schedule))
    #expect(lines.contains("DTSTART;VALUE=DATE:20241231"))
    #expect(lines.contains("DTEND;VALUE=DATE:20250101"))
    let leap = try #require(CalendarDate(year: 2024, month: 2, day: 28))
    #expect(ContentLine.date(leap, plusDays: 1) == "20240229")
    #expect(ContentLine.date(leap, plusDays: 2) == "20240301")
  }

  @Test func programWithoutItemsIsAnAllDayEventWithoutTimeZone() throws {
    let schedule = makeSchedule(title: "Dag", items: [])
    let lines = try unfoldedLines(ICalendar.render(schedule))
    #expect(firstEvent(lines).contains("DTSTART;VALUE=DATE:20130418"))
    #expect(firstEvent(lines).contains("DTEND;VALUE=DATE:20130419"))
    #expect(!lines.contains("BEGIN:VTIMEZONE"))
    #expect(!lines.contains { $0.contains("TZID=") })
  }

  // MARK: - Helpers

  private static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

  private func render(sample: String) throws -> String {
    let root = Self.repositoryRoot
    let check = Checker(exerciseDirectory: root + "/exercises").check(programAt: root + "/programs/" + sample)
    let schedule = try #require(check.schedule, "\(sample): \(check.diagnostics)")
    return ICalendar.render(schedule)
  }

  private func makeSchedule(
    id: String = "2013-04-18", title: String, course: String? = nil, venue: String? = nil,
    nextMeeting: CalendarDate? = CalendarDate(year: 2013, month: 6, day: 3),
    items: [(start: Int, end: Int, title: String)]
  ) -> Schedule {
    let here = SourceLocation(file: "test.yaml", line: 1, column: 1)
    let agenda = items.map { item in
      AgendaItem(
        timing: .range(
          Located(
            TimeRange(
              start: ClockTime(minutesSinceMidnight: item.start), end: ClockTime(minutesSinceMidnight: item.end)),
            at: here)),
        parts: [Activity(kind: .talk, title: item.title, location: here)], isSlot: false, location: here)
    }
    let program = Program(
      id: id, series: "testserie", file: "test.yaml", title: title, course: course, meeting: 2,
      date: Located(CalendarDate(year: 2013, month: 4, day: 18)!, at: here), language: .da, venue: venue,
      nextMeeting: nextMeeting.map { Located($0, at: here) }, agenda: agenda, agendaLocation: here)
    return Scheduler.schedule(program).0
  }

  /// The file's physical lines, without their CRLF.
  private func physicalLines(_ ics: String) throws -> [String] {
    #expect(ics.hasSuffix("\r\n"))
    return ics.components(separatedBy: "\r\n").dropLast()
  }

  /// The content lines, unfolded.
  private func unfoldedLines(_ ics: String) throws -> [String] {
    ContentLine.unfold(ics).components(separatedBy: "\r\n").dropLast()
  }

  /// CRLF only, no physical line over 75 octets, continuations start with one space.
  private func expectWellFormed(_ ics: String) throws {
    #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains { $0 == "\n" || $0 == "\r" })
    for line in try physicalLines(ics) {
      #expect(line.utf8.count <= 75, "\(line.utf8.count) octets: \(line)")
      #expect(!line.isEmpty)
    }
    for line in try unfoldedLines(ics) {
      let name = line.prefix { $0 != ":" && $0 != ";" }
      #expect(!name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isUppercase || $0 == "-") }, "\(line)")
    }
  }

  private func events(_ lines: [String]) -> [[String]] {
    var events: [[String]] = []
    var current: [String]?
    for line in lines {
      if line == "BEGIN:VEVENT" { current = [] }
      current?.append(line)
      if line == "END:VEVENT", let event = current {
        events.append(event)
        current = nil
      }
    }
    return events
  }

  private func firstEvent(_ lines: [String]) -> [String] { events(lines).first ?? [] }

  private func value(of property: String, in lines: [String]) -> String? {
    lines.first { $0.hasPrefix(property + ":") }.map { String($0.dropFirst(property.count + 1)) }
  }

  /// Reverses TEXT escaping.
  private func unescape(_ text: String) -> String {
    var result = ""
    var escaping = false
    for character in text {
      if escaping {
        result.append(character == "n" || character == "N" ? "\n" : character)
        escaping = false
      } else if character == "\\" {
        escaping = true
      } else {
        result.append(character)
      }
    }
    return result
  }
}
