/// IANA time-zone names (`Europe/Copenhagen`) as the system's time-zone data knows them:
/// the same data the `.ics` takes its `VTIMEZONE` from, so a name `check` accepts is one
/// the calendar can write.
enum TimeZoneName {
  static func isKnown(_ name: String) -> Bool { CalendarTimeZone.isKnown(name) }

  /// Every name, for "did you mean" suggestions.
  static var all: [String] { CalendarTimeZone.candidateIdentifiers }
}
