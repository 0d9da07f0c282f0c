import Foundation

extension CalendarDate {
  /// The instant this day at `time` is in `zone`.
  public func date(at time: ClockTime, in zone: TimeZone) -> Date? {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: time.hour, minute: time.minute))
  }
}

extension Program {
  /// When this meeting's follow-up form closes: when the next meeting starts, at
  /// `nextStart` (its first item, where its program is known) or else at the start of its
  /// day, in the meeting's time zone. Nil without a next meeting: the form stays open.
  public func followUpClosesAt(nextStart: ClockTime?, zone: TimeZone) -> Date? {
    nextMeeting?.value.date(at: nextStart ?? ClockTime(minutesSinceMidnight: 0), in: zone)
  }
}
