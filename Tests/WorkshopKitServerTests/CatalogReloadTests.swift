import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WorkshopKit
import WorkshopKitStore

@testable import WorkshopKitServer

/// Programs saved while the server runs: a new meeting's links open without a restart, a
/// program saved with a mistake keeps being served as it was, a deleted one is gone.
@Suite struct CatalogReloadTests {
  @Test func aMeetingAddedWhileTheServerRunsIsServed() async throws {
    let harness = try ServerHarness()
    let programs = harness.folder.appendingPathComponent("programs/civilsamfundet")
    let june = programs.appendingPathComponent("2013-06-03.yaml")
    let aside = harness.folder.appendingPathComponent("2013-06-03.yaml")
    try FileManager.default.moveItem(at: june, to: aside)
    let server = try await harness.server { $0.catalogInterval = .zero }
    #expect(await server.meetings().map(\.program.id).contains("2013-06-03") == false)
    try await server.application().test(.router) { client in
      let before = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-06-03/attendance", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      #expect(before.status == .notFound)
      // The facilitator saves the next meeting's program and issues its links.
      try FileManager.default.moveItem(at: aside, to: june)
      let participants = try await harness.store.participants(series: "civilsamfundet")
      let links = try await harness.store.issueLinks(
        series: "civilsamfundet", program: "2013-06-03", for: participants, reissue: false)
      let token = try require(links.first?.token)
      let link = try await client.execute(uri: "/f/\(token)", method: .get)
      #expect(link.status != .notFound, "\(link.status)")
      let attendance = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-06-03/attendance", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      #expect(attendance.status == .ok)

      // series.yaml saved with a mistake: every meeting of the series is served as it was.
      let series = programs.appendingPathComponent("series.yaml")
      let good = try Data(contentsOf: series)
      try Data("title: [unclosed\n".utf8).write(to: series)
      let april = try await client.execute(uri: "/f/\(try harness.token("Lone Bisgaard"))", method: .get)
      #expect(april.status == .ok)
      #expect(april.text.contains("Lone Bisgaard"))
      try good.write(to: series)

      // A program deleted is no longer served.
      try FileManager.default.removeItem(at: june)
      let gone = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-06-03/attendance", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      #expect(gone.status == .notFound)
    }
  }

  /// The form of the meeting before closes when the next meeting begins: on the first
  /// day's first item for a meeting of two days (not a second day's earlier start), and as
  /// it was while the next meeting's file has errors (not at midnight of its day).
  @Test func theFormClosesWhenTheNextMeetingAsServedBegins() async throws {
    let harness = try ServerHarness()
    let june = harness.folder.appendingPathComponent("programs/civilsamfundet/2013-06-03.yaml")
    // Two days: the 3rd of June from 10.00, the 4th from 09.00.
    let twoDays = """
      meeting: 3
      days:
        - date: 2013-06-03
          agenda:
            - { time: 10.00-11.00, kind: talk, title: Oplæg }
        - date: 2013-06-04
          agenda:
            - { time: 09.00-10.00, kind: talk, title: Oplæg }

      """
    try twoDays.write(to: june, atomically: true, encoding: .utf8)
    let server = try await harness.server { $0.catalogInterval = .zero }
    func closing() async -> Date? {
      await server.meetings().first { $0.program.id == "2013-04-18" }?.closesAt
    }
    let zone = try #require(TimeZone(identifier: "Europe/Copenhagen"))
    let tenOClock = CalendarDate(year: 2013, month: 6, day: 3)?.date(at: ClockTime(minutesSinceMidnight: 600), in: zone)
    #expect(await server.meetings().contains { $0.program.id == "2013-06-03" })
    #expect(await closing() == tenOClock)

    // The next meeting saved with a mistake: it is served as it was, and so is the deadline.
    try (twoDays + "titel: x\n").write(to: june, atomically: true, encoding: .utf8)
    #expect(await closing() == tenOClock)
  }
}
