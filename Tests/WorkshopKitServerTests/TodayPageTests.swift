import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WorkshopKitServer

/// The facilitator's "today" view: now and next from the clock, and a replan for a delay
/// entered in a GET form, stored nowhere.
@Suite struct TodayPageTests {
  /// 18 April 2013 at 10.30 in Copenhagen (summer time, UTC+2).
  static let halfPastTen = Date(timeIntervalSince1970: 1_366_273_800)

  @Test func nowAndNextFollowTheClock() async throws {
    let harness = try ServerHarness()
    harness.setNow(Self.halfPastTen)
    try await harness.test { client in
      let page = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/today", method: .get, headers: ServerHarness.facilitatorHeaders)
      #expect(page.status == .ok)
      #expect(page.text.contains("Nu: 10.30"))
      #expect(page.text.contains("10.15–10.55 Samarbejder på tværs af faglige grænser ud fra ungevejlednings-case"))
      #expect(page.text.contains("10.55–11.30 Gruppeøvelse"))
      #expect(page.text.contains("method=\"get\""))
    }
  }

  @Test func aDelayIsReplannedAndNothingIsStored() async throws {
    let harness = try ServerHarness()
    harness.setNow(Self.halfPastTen)
    try await harness.test { client in
      let page = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/today?behind=15", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      #expect(page.status == .ok)
      #expect(page.text.contains("Dagen slutter 15.00 som planlagt."))
      #expect(page.text.contains("(−5 min)"))
      let late = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/today?behind=90", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      #expect(late.text.contains("minutter for sent"))
      // The day began at 8.45: at 10.30 it cannot be two hours behind.
      let impossible = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/today?behind=120", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      #expect(impossible.status == .ok)
      #expect(impossible.text.contains("Klokken 10.30 kan dagen højst være 105 minutter bagud"))
      #expect(!impossible.text.contains("minutter for sent"))
      let bad = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/today?behind=abc", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      #expect(bad.status == .badRequest)
    }
    #expect(try await harness.store.answers(series: "civilsamfundet", program: "2013-04-18").isEmpty)
  }

  @Test func theTodayViewNeedsTheKey() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let page = try await client.execute(uri: "/facilitator/civilsamfundet/2013-04-18/today", method: .get)
      #expect(page.status == .unauthorized)
      #expect(!page.text.contains("Gruppeøvelse"))
    }
  }
}
