import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WorkshopKit
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
      #expect(page.text.contains("På slides trækker - et minut fra den nedtælling, der vises, og + lægger et til."))
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

  /// A day declared to run to 16.00 may end later than its agenda's 15.00: the page says the
  /// day ends within its bounds, not that it runs late.
  @Test func endingLaterWithinTheDeclaredDayIsSaidSo() async throws {
    let harness = try ServerHarness()
    try harness.edit(
      "programs/civilsamfundet/2013-04-18.yaml", replacing: "day: 08.45-15.00", with: "day: 08.45-16.00")
    harness.setNow(Self.halfPastTen)
    try await harness.test { client in
      let page = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/today?behind=90", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      #expect(
        page.text.contains("Dagen slutter 15.48, 48 minutter senere end planlagt, men inden dagens slutning kl. 16.00.")
      )
      #expect(!page.text.contains("minutter for sent"))
    }
  }

  /// An evening of 18 April 2013, 18.00 to 01.00, seen at a time on the clock in Copenhagen.
  static func evening(at iso: String, behind: Int? = nil) throws -> String {
    let file = ServerHarness.repository.appendingPathComponent(
      "Tests/WorkshopKitTests/Fixtures/valid/day-past-midnight/program.yaml")
    let exercises = ServerHarness.repository.appendingPathComponent("Tests/WorkshopKitTests/Fixtures/exercises")
    let schedule = try #require(Checker(exerciseDirectory: exercises.path).check(programAt: file.path).schedule)
    let now = try #require(ISO8601DateFormatter().date(from: iso))
    let zone = try #require(TimeZone(identifier: "Europe/Copenhagen"))
    return String(
      decoding: TodayPage.render(schedule, now: now, zone: zone, behind: behind), as: UTF8.self)
  }

  /// After midnight, an evening that runs past it is still on: 00.20 on the 19th is during
  /// its last item, and a delay is replanned; 00.20 on the 18th is before it.
  @Test func anEveningPastMidnightIsStillOnAfterMidnight() throws {
    let late = try Self.evening(at: "2013-04-18T22:20:00Z")
    #expect(late.contains("Nu: 00.20"))
    #expect(late.contains("23.15–00.45 Natdialog"), "\(late)")
    #expect(late.contains("00.45–01.00 Farvel"))
    let replanned = try Self.evening(at: "2013-04-18T22:20:00Z", behind: 10)
    #expect(replanned.contains("Natdialog") && replanned.contains("10 minutter for sent"), "\(replanned)")
    let before = try Self.evening(at: "2013-04-17T22:20:00Z", behind: 10)
    #expect(!before.contains("Natdialog"))
    #expect(before.contains("Klokken er uden for dagens program."))
    let after = try Self.evening(at: "2013-04-19T00:00:00Z")
    #expect(after.contains("Nu: 02.00") && !after.contains("Natdialog"))
  }

  /// Behind plan, "now" is where the plan stands, and the item under way lists the steps
  /// still to come, as `replan` does. `?at=` rehearses the page on another day.
  @Test func behindPlanNowIsWhereThePlanStandsAndTheDayCanBeRehearsed() async throws {
    let harness = try ServerHarness()
    harness.setNow(Self.halfPastTen.addingTimeInterval(50 * 60))  // 11.20
    try await harness.test { client in
      let page = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/today?behind=10", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      #expect(page.text.contains("10 minutter bagud: planen står ved 11.10."))
      // Now and next on the replan's clock, as the table has them: no second set of times.
      #expect(page.text.contains("<dd>11.05–11.40 Gruppeøvelse</dd>"), "\(page.text)")
      #expect(page.text.contains("<dd class=\"muted\">11.20–11.28 3. Og hvilke kompetencer kræver"))
      #expect(!page.text.contains("10.55–11.30") && !page.text.contains("11.10–11.18"))
      #expect(page.text.contains("<dd>11.40–12.25 Frokost</dd>"))
      #expect(page.text.contains("<td class=\"time\">11.40–12.25</td>"))
      #expect(page.text.contains("Gruppeøvelse<span class=\"muted\"> (i gang, fortsætter)</span>"))
      #expect(!page.text.contains("11.00–11.10 2. Hvilke roller"), "a step done is not listed")

      // 8 May, no meeting: the page offers a rehearsal, and the rehearsal is the day at 11.20.
      harness.setNow(Date(timeIntervalSince1970: 1_368_000_000))
      let other = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/today", method: .get, headers: ServerHarness.facilitatorHeaders)
      #expect(other.text.contains("Mødet er ikke i dag") && other.text.contains("name=\"at\""))
      let rehearsed = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/today?at=11:20&behind=10", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      #expect(rehearsed.text.contains("Prøve: som klokken 11.20 på dag 1."))
      #expect(rehearsed.text.contains("10 minutter bagud: planen står ved 11.10."))
      #expect(rehearsed.text.contains("name=\"at\" value=\"11.20\""), "the delay form keeps the rehearsal")
      // Typed as people type it; what cannot be read is said, and the clock stands.
      for typed in ["1120", "kl.%2011.20", "11,20"] {
        let page = try await client.execute(
          uri: "/facilitator/civilsamfundet/2013-04-18/today?at=\(typed)", method: .get,
          headers: ServerHarness.facilitatorHeaders)
        #expect(page.status == .ok && page.text.contains("Prøve: som klokken 11.20 på dag 1."), "\(typed)")
      }
      let unreadable = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/today?at=halv%20tolv", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      #expect(unreadable.status == .badRequest)
      #expect(unreadable.text.contains("»halv tolv« er ikke et tidspunkt som 10.30; siden viser klokken nu."))
      #expect(unreadable.text.contains("Mødet er ikke i dag"))
      let noSuchDay = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/today?at=11.20&day=2", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      #expect(noSuchDay.text.contains("Mødet har ingen dag »2«, kun én dag; siden viser klokken nu."))
    }
  }

  /// A shortened exercise's step of rounds lists each round on the new clock, as the run
  /// sheet does, so the facilitator still knows when to change over.
  @Test func aShortenedStepOfRoundsListsItsRounds() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let page = try await client.execute(
        uri: "/facilitator/samskabelseslaboratoriet/2017-03-30/today?at=09.30&behind=10", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      #expect(page.status == .ok)
      #expect(
        page.text.contains(
          "<ul class=\"rounds\"><li>Runde 1: 09.49–10.00</li><li>Runde 2: 10.00–10.10</li>"
            + "<li>Runde 3: 10.10–10.20</li></ul>"), "\(page.text)")
    }
  }

  /// A replan taken up ("follow this plan") is the plan a later delay counts from, as
  /// `replan --following` does; the page keeps it in its forms and links.
  @Test func aReplanTakenUpIsThePlanALaterDelayCountsFrom() async throws {
    let harness = try ServerHarness()
    harness.setNow(Date(timeIntervalSince1970: 1_368_000_000))  // 8 May: rehearsed
    try await harness.test { client in
      let page = "/facilitator/civilsamfundet/2013-04-18/today"
      let first = try await client.execute(
        uri: page + "?at=11.40&behind=25", method: .get, headers: ServerHarness.facilitatorHeaders)
      #expect(
        first.text.contains("href=\"\(page)?day=1&amp;at=11.40&amp;following=11.40%2B25\">Følg denne plan fra nu"))
      let second = try await client.execute(
        uri: page + "?day=1&at=14.10&following=11.40%2B25&behind=8", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      #expect(second.status == .ok)
      #expect(second.text.contains("Følger omplanlægningen kl. 11.40, 25 minutter bagud."))
      #expect(
        second.text.contains("<dd>14.10–14.18 Fif til det første møde</dd>"), "Fif keeps the 8 minutes of the first")
      #expect(second.text.contains("Dagen slutter 15.08, 8 minutter for sent."))
      #expect(second.text.contains("name=\"following\" value=\"11.40+25\""))
      #expect(second.text.contains("href=\"\(page)?day=1&amp;at=14.10\">Tilbage til den trykte plan"))
      let unreadable = try await client.execute(
        uri: page + "?at=14.10&following=halv", method: .get, headers: ServerHarness.facilitatorHeaders)
      #expect(unreadable.status == .badRequest)
      #expect(unreadable.text.contains("»halv« er ikke omplanlægninger som 11.40+25"))
      // A replan said to be taken up after the time now cannot be followed: said, and the
      // printed plan shown, with the delay counted from it.
      let later = try await client.execute(
        uri: page + "?at=14.10&following=15.00%2B10&behind=8min", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      #expect(later.text.contains("Omplanlægningen kl. 15.00 kan ikke følges herfra: den er efter klokken nu."))
      #expect(!later.text.contains("Følger omplanlægningen") && later.text.contains("planen står ved 14.02"))
    }
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
