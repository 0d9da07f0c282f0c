import Foundation

extension CalendarDate {
  /// The instant this day at `time` is in `zone`.
  public func date(at time: ClockTime, in zone: TimeZone) -> Date? {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: time.hour, minute: time.minute))
  }

  /// The day and the time on the wall clock that `moment` is in `zone`.
  public static func wallClock(at moment: Date, in zone: TimeZone) -> (date: CalendarDate, clock: ClockTime)? {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: moment)
    guard let year = parts.year, let month = parts.month, let day = parts.day,
      let date = CalendarDate(year: year, month: month, day: day)
    else { return nil }
    return (date, ClockTime(minutesSinceMidnight: (parts.hour ?? 0) * 60 + (parts.minute ?? 0)))
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
