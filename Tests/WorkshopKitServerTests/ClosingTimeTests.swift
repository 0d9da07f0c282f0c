import Foundation
import Testing
import WorkshopKit

@testable import WorkshopKitServer

/// "You can edit your answers until …": a form closing at midnight closes at the end of the
/// day before, and says so.
@Suite struct ClosingTimeTests {
  static let zone = TimeZone(identifier: "Europe/Copenhagen")!

  static func date(_ day: Int, _ hour: Int, _ minute: Int) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    return calendar.date(from: DateComponents(year: 2013, month: 6, day: day, hour: hour, minute: minute))!
  }

  @Test func atMidnightItIsTheEndOfTheDayBefore() {
    #expect(Pages.closingTime(Self.date(3, 0, 0), .da, Self.zone) == "udgangen af søndag den 2. juni 2013")
    #expect(Pages.closingTime(Self.date(3, 0, 0), .en, Self.zone) == "the end of Sunday 2 June 2013")
  }

  @Test func atTheNextMeetingsStartItIsThatTime() {
    #expect(Pages.closingTime(Self.date(3, 9, 0), .da, Self.zone) == "mandag den 3. juni 2013 kl. 09.00")
    #expect(Pages.closingTime(Self.date(3, 0, 30), .en, Self.zone).hasPrefix("Monday 3 June 2013 at "))
  }
}
