/// A time zone as iCalendar needs it: the `TZID` that DTSTART and DTEND refer to and the
/// `VTIMEZONE` component that defines it (RFC 5545 §3.6.5).
struct CalendarTimeZone: Sendable, Hashable {
  var id: String
  /// The `VTIMEZONE` component, one unfolded content line per element.
  var component: [String]

  /// Central European Time as the EU has kept it since 1996: CEST (+0200) from the last
  /// Sunday of March at 02:00 local time, CET (+0100) from the last Sunday of October at
  /// 03:00 local time. The rules start in 1970, as most calendar software writes them;
  /// Denmark's summer time before 1996 differed (from 1980 to 1995 it ended in September),
  /// which no workshop of this kit falls into.
  static let europeCopenhagen = CalendarTimeZone(
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
}

extension ICalendar {
  /// The one place that decides a program's time zone. Every sample venue is in Denmark,
  /// English programs included, so all programs use Europe/Copenhagen for now; a `timezone`
  /// key in the program or series would be read here.
  static func timeZone(for program: Program) -> CalendarTimeZone {
    switch program.language {
    case .da, .en: .europeCopenhagen
    }
  }
}
