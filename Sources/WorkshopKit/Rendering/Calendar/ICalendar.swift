/// A program's meeting, and its next meeting, as an iCalendar file (RFC 5545), written
/// `<program>.ics` next to the kit so participants can put the dates in their calendars.
///
/// The output depends only on the schedule: no clock, no random identifiers, so the same
/// program gives the same bytes on every build.
public enum ICalendar {
  /// `PRODID` (RFC 5545 §3.7.3): who made the file. The trailing `EN` is the language of
  /// this identifier, not of the events.
  static let productIdentifier = "-//WorkshopKit//WorkshopKit 0.1//EN"
  /// The right-hand side of every `UID`, so WorkshopKit's identifiers never collide with
  /// another producer's.
  static let uidDomain = "workshopkit"

  /// The meeting and, when known, the next meeting, as one VCALENDAR (RFC 5545), CRLF line
  /// endings, lines folded at 75 octets.
  /// `next`: the next meeting's schedule when its program exists; it is then a timed
  /// event with its own times and venue, else an all-day event on `next-meeting`'s date.
  public static func render(_ schedule: Schedule, next: Schedule? = nil) -> String {
    String(decoding: bytes(schedule, next: next), as: UTF8.self)
  }

  /// `render(_:next:)` as the UTF-8 bytes of the file.
  public static func bytes(_ schedule: Schedule, next: Schedule? = nil) -> [UInt8] {
    let program = schedule.program
    let zone = timeZone(for: program)
    // One event a day: a program of several days is in the calendar on each of them.
    let days = program.scheduleDays.indices.map {
      meetingEvent(schedule.day($0), day: $0, in: zone, stampedOn: program.date.value)
    }
    var meeting = (lines: days.flatMap(\.lines), usesTimeZone: days.contains(where: \.usesTimeZone))
    var zones = [zone]
    if let next, next.program.date.value == program.nextMeeting?.value {
      let nextZone = timeZone(for: next.program)
      let title = program.meetingLabel(.nextMeeting) + ": "
      let nextDays = next.program.scheduleDays.indices.map {
        meetingEvent(next.day($0), day: $0, in: nextZone, stampedOn: program.date.value, titlePrefix: title)
      }
      meeting.lines += nextDays.flatMap(\.lines)
      if nextDays.contains(where: \.usesTimeZone) {
        if !meeting.usesTimeZone { zones = [] }
        if !zones.contains(where: { $0.id == nextZone.id }) { zones.append(nextZone) }
        meeting.usesTimeZone = true
      }
    }

    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      ContentLine.make("PRODID", productIdentifier),
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
    ]
    // RFC 5545 §3.6.5: a VTIMEZONE for every TZID used, and only then.
    if meeting.usesTimeZone { lines += zones.flatMap(\.component) }
    lines += meeting.lines
    if let date = program.nextMeeting?.value, next?.program.date.value != date {
      lines += nextMeetingEvent(program, on: date)
    }
    lines.append("END:VCALENDAR")

    var output: [UInt8] = []
    output.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count } * 21 / 20 + lines.count * 2)
    for line in lines { ContentLine.fold(line, into: &output) }
    return output
  }

  /// `civilsamfundet-2013-04-18@workshopkit`: the series and the program's file name, which
  /// together name one meeting, so a rebuilt file updates the event rather than adding one.
  static func uid(series: String, program id: String) -> String {
    series + "-" + id + "@" + uidDomain
  }

  // MARK: - The meeting

  /// `stampedOn`: the date of the program whose file this is; `titlePrefix` marks the next
  /// meeting's events ("Næste møde: ").
  private static func meetingEvent(
    _ schedule: Schedule, day: Int, in zone: CalendarTimeZone, stampedOn stamp: CalendarDate,
    titlePrefix: String = ""
  ) -> (lines: [String], usesTimeZone: Bool) {
    let program = schedule.program
    let date = program.date.value
    // The first day keeps the meeting's UID, so a one-day program's event never changes.
    let id = day == 0 ? program.id : program.id + "-day\(day + 1)"
    var lines = [
      "BEGIN:VEVENT",
      ContentLine.make("UID", ContentLine.escapeText(uid(series: program.series, program: id))),
      // DTSTAMP is required and must be UTC. RFC 5545 means it as the moment the file was
      // made, but a clock reading would make every build differ; midnight UTC of the meeting
      // date is derived from the input, so output stays byte-for-byte reproducible. It also
      // orders versions: the next meeting's own file (a later date) has a later DTSTAMP than
      // the placeholder this file writes for it (see `nextMeetingEvent`).
      ContentLine.make("DTSTAMP", ContentLine.utcMidnight(stamp)),
    ]
    // The schedule's span; a program whose items could not be placed falls back to its
    // declared `day`, and one with neither becomes an all-day event.
    let usesTimeZone: Bool
    if let span = schedule.span ?? program.day?.value {
      let zoned = [("TZID", zone.id)]
      lines.append(ContentLine.make("DTSTART", zoned, ContentLine.dateTime(date, span.start)))
      // DTEND is exclusive and must be after DTSTART; an empty span has none (RFC 5545
      // §3.6.1: the event then ends where it starts).
      if span.end > span.start {
        lines.append(ContentLine.make("DTEND", zoned, ContentLine.dateTime(date, span.end)))
      }
      usesTimeZone = true
    } else {
      lines += allDay(date)
      usesTimeZone = false
    }
    var title = titlePrefix + summary(program, meeting: program.meeting)
    if program.isMultiDay { title += " – " + program.language(.dayNumber, day + 1) }
    lines.append(ContentLine.make("SUMMARY", ContentLine.escapeText(title)))
    if let venue = program.venue, !venue.isEmpty {
      lines.append(ContentLine.make("LOCATION", ContentLine.escapeText(venue)))
    }
    let description = agendaDescription(schedule)
    if !description.isEmpty {
      lines.append(ContentLine.make("DESCRIPTION", ContentLine.escapeText(description)))
    }
    lines.append("END:VEVENT")
    return (lines, usesTimeZone)
  }

  /// The title and, for a meeting of a course, its number: `… (2. møde)`, `… (Meeting 2)`.
  private static func summary(_ program: Program, meeting: Int?) -> String {
    guard let meeting else { return program.title }
    return program.title + " (" + program.meetingText(number: meeting) + ")"
  }

  /// The course, a blank line, then the agenda a line per row, `08.45–09.00 Kaffe og
  /// morgenbrød`, times written the program's way. A slot with its own title gets that
  /// row and its parts indented under it; a slot without one lists its parts as rows.
  private static func agendaDescription(_ schedule: Schedule) -> String {
    let language = schedule.program.language
    func row(_ span: TimeRange, _ activity: Activity) -> String {
      var text = span.formatted(language) + " " + activity.title
      if !activity.presenters.isEmpty { text += " (\(activity.presenter ?? ""))" }
      return text
    }
    var agenda: [String] = []
    for item in schedule.items {
      if !item.item.isSlot, let part = item.parts.first {
        agenda.append(row(item.span, part.activity))
      } else if let title = item.item.slotTitle {
        agenda.append(item.span.formatted(language) + " " + title)
        agenda += item.parts.map { "  " + row($0.span, $0.activity) }
      } else {
        agenda += item.parts.map { row($0.span, $0.activity) }
      }
    }
    var paragraphs: [String] = []
    if let course = schedule.program.course, !course.isEmpty { paragraphs.append(course) }
    if !agenda.isEmpty { paragraphs.append(agenda.joined(separator: "\n")) }
    return paragraphs.joined(separator: "\n\n")
  }

  // MARK: - The next meeting

  /// The next meeting as an all-day event: its date is known, its times are not.
  ///
  /// Its UID is the one the next meeting's own file will have when that program is named
  /// by its date, as programs are (`programs/civilsamfundet/2013-06-03.yaml`). Importing
  /// that file later then replaces this placeholder with the timed meeting instead of
  /// adding a second event; its DTSTAMP (its own, later date) marks it as the newer version.
  private static func nextMeetingEvent(_ program: Program, on date: CalendarDate) -> [String] {
    let title = program.meetingLabel(.nextMeeting) + ": "
    var lines = [
      "BEGIN:VEVENT",
      ContentLine.make("UID", ContentLine.escapeText(uid(series: program.series, program: date.iso))),
      // Stamped like the meeting that announces it, see `meetingEvent`.
      ContentLine.make("DTSTAMP", ContentLine.utcMidnight(program.date.value)),
    ]
    lines += allDay(date)
    let meeting = program.meeting.map { $0 + 1 }
    lines.append(ContentLine.make("SUMMARY", ContentLine.escapeText(title + summary(program, meeting: meeting))))
    if let course = program.course, !course.isEmpty {
      lines.append(ContentLine.make("DESCRIPTION", ContentLine.escapeText(course)))
    }
    lines.append("END:VEVENT")
    return lines
  }

  /// `DTSTART;VALUE=DATE` and the exclusive `DTEND;VALUE=DATE` of the day after.
  private static func allDay(_ date: CalendarDate) -> [String] {
    [
      ContentLine.make("DTSTART", [("VALUE", "DATE")], ContentLine.date(date)),
      ContentLine.make("DTEND", [("VALUE", "DATE")], ContentLine.date(date, plusDays: 1)),
    ]
  }
}
