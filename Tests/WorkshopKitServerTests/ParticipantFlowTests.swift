import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WorkshopKitStore

@testable import WorkshopKitServer

@Suite struct ParticipantFlowTests {
  @Test func aParticipantFillsInSavesReloadsAndEdits() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      let page = try await client.execute(uri: "/f/\(token)", method: .get)
      #expect(page.status == .ok)
      #expect(page.headers[.contentType] == "application/xhtml+xml; charset=utf-8")
      #expect(page.text.contains("Hvad kunne være 1-2 handlinger, som vi afprøver inden næste møde?"))
      #expect(page.text.contains("Lone Bisgaard"))
      #expect(page.text.contains("lang=\"da\""))
      let csrf = try require(ServerHarness.csrf(in: page.text))

      let saved = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([
          ("csrf", csrf), ("q1", "Invitere boligforeningen"), ("q3", "Beboerrådgiveren"), ("stage", "Date"),
        ]))
      #expect(saved.status == .seeOther || saved.status == .found)
      #expect(saved.headers[.location] == "/f/\(token)?saved=1")

      let reloaded = try await client.execute(uri: "/f/\(token)?saved=1", method: .get)
      #expect(reloaded.text.contains("Dine svar er gemt."))
      #expect(reloaded.text.contains(">Invitere boligforeningen</textarea>"))
      #expect(reloaded.text.contains(">Beboerrådgiveren</textarea>"))
      #expect(reloaded.text.contains("value=\"Date\" checked=\"checked\""))

      _ = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("csrf", csrf), ("q1", "Invitere boligforeningen og klubben")]))
    }
    let stored = try await harness.store.answers(series: "civilsamfundet", program: "2013-04-18")
    #expect(stored.count == 1)
    #expect(stored.first?.answer.responses.first == "Invitere boligforeningen og klubben")
    #expect(stored.first?.answer.source == .online)
  }

  @Test func wrongAndMissingTokensGetTheSame404() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let wrong = try await client.execute(uri: "/f/not-a-real-token", method: .get)
      let other = try await client.execute(uri: "/f/\(String(repeating: "A", count: 43))", method: .get)
      let posted = try await client.execute(
        uri: "/f/not-a-real-token", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("q1", "x")]))
      let missing = try await client.execute(uri: "/f/", method: .get)
      #expect(wrong.status == .notFound)
      #expect(other.status == .notFound)
      #expect(posted.status == .notFound)
      #expect(missing.status == .notFound)
      #expect(wrong.text == other.text)
      #expect(!wrong.text.contains("civilsamfundet"))
    }
  }

  @Test func aSaveWithoutTheCSRFTokenIsRefusedAndNothingIsStored() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Jakob Friis")
    try await harness.test { client in
      let missing = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("q1", "uden token")]))
      #expect(missing.status == .forbidden)
      let forged = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("csrf", "forged"), ("q1", "forfalsket")]))
      #expect(forged.status == .forbidden)
    }
    #expect(try await harness.store.answers(series: "civilsamfundet", program: "2013-04-18").isEmpty)
  }

  @Test func aTokenFromAnotherParticipantsPageDoesNotWork() async throws {
    let harness = try ServerHarness()
    let lone = try harness.token("Lone Bisgaard")
    let jakob = try harness.token("Jakob Friis")
    try await harness.test { client in
      let lonePage = try await client.execute(uri: "/f/\(lone)", method: .get)
      let loneCSRF = try require(ServerHarness.csrf(in: lonePage.text))
      let crossed = try await client.execute(
        uri: "/f/\(jakob)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("csrf", loneCSRF), ("q1", "fra Lones side")]))
      #expect(crossed.status == .forbidden)
      _ = try await client.execute(
        uri: "/f/\(lone)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("csrf", loneCSRF), ("q1", "Lones hemmelige plan")]))
      let jakobPage = try await client.execute(uri: "/f/\(jakob)", method: .get)
      #expect(!jakobPage.text.contains("Lones hemmelige plan"))
    }
  }

  @Test func anOverLongAnswerIsRefusedWithAClearMessage() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      let page = try await client.execute(uri: "/f/\(token)", method: .get)
      let csrf = try require(ServerHarness.csrf(in: page.text))
      let response = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("csrf", csrf), ("q1", String(repeating: "ø", count: 4001))]))
      #expect(response.status == .contentTooLarge)
      #expect(response.text.contains("4000"))
      let huge = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ByteBuffer(string: "q1=" + String(repeating: "x", count: 70_000)))
      #expect(huge.status == .contentTooLarge)
    }
    #expect(try await harness.store.answers(series: "civilsamfundet", program: "2013-04-18").isEmpty)
  }

  @Test func markupInAnswersComesBackAsText() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      let page = try await client.execute(uri: "/f/\(token)", method: .get)
      let csrf = try require(ServerHarness.csrf(in: page.text))
      _ = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("csrf", csrf), ("q1", "<script>alert(1)</script> & \"mere\"")]))
      let reloaded = try await client.execute(uri: "/f/\(token)", method: .get)
      #expect(!reloaded.text.contains("<script>"))
      #expect(reloaded.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"mere\""))
    }
  }

  @Test func theFormIsReadOnlyOnceTheNextMeetingHasStarted() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    // The 3 June meeting starts 09.00 in Copenhagen (07.00 UTC, summer time).
    harness.setNow(ISO8601DateFormatter().date(from: "2013-06-03T06:59:00Z")!)
    try await harness.test { client in
      let open = try await client.execute(uri: "/f/\(token)", method: .get)
      #expect(open.text.contains("<button"))
      #expect(open.text.contains("mandag den 3. juni 2013 kl. 09.00"))
    }
    harness.setNow(ISO8601DateFormatter().date(from: "2013-06-03T07:00:00Z")!)
    try await harness.test { client in
      let closed = try await client.execute(uri: "/f/\(token)", method: .get)
      #expect(closed.status == .ok)
      #expect(!closed.text.contains("<button"))
      #expect(closed.text.contains("readonly=\"readonly\""))
      #expect(closed.text.contains("Næste møde er begyndt"))
      let csrf = try require(ServerHarness.csrf(in: closed.text))
      let late = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("csrf", csrf), ("q1", "for sent")]))
      #expect(late.status == .forbidden)
    }
    #expect(try await harness.store.answers(series: "civilsamfundet", program: "2013-04-18").isEmpty)
  }

  @Test func onlyPostChangesData() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      let get = try await client.execute(uri: "/f/\(token)?q1=via-get", method: .get)
      #expect(get.status == .ok)
      let put = try await client.execute(
        uri: "/f/\(token)", method: .put, headers: ServerHarness.formHeaders, body: ServerHarness.form([("q1", "x")]))
      #expect(put.status != .ok && put.status != .seeOther)
    }
    #expect(try await harness.store.answers(series: "civilsamfundet", program: "2013-04-18").isEmpty)
  }

  @Test func pagesCarryNoReferrerAndNoCacheHeaders() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      let page = try await client.execute(uri: "/f/\(token)", method: .get)
      #expect(page.headers[.cacheControl] == "no-store")
      #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
    }
  }
}
