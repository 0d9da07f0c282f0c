import Crypto
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

      // The address alone says nothing is saved where nothing is: only after a save.
      let other = try harness.token("Mette Laursen")
      let unsaved = try await client.execute(uri: "/f/\(other)?saved=1", method: .get)
      #expect(!unsaved.text.contains("Dine svar er gemt."))
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

  /// A question added at the top of the follow-up exercise after an answer was saved: the
  /// form and the CSV keep each answer under the question it answered (before,
  /// every answer moved down one question).
  @Test func answersStayWithTheirQuestionsWhenAQuestionIsAdded() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    let server = try await harness.server { $0.catalogInterval = .zero }
    try await server.application().test(.router) { client in
      let page = try await client.execute(uri: "/f/\(token)", method: .get)
      let csrf = try require(ServerHarness.csrf(in: page.text))
      _ = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("csrf", csrf), ("q1", "Invitere boligforeningen"), ("q3", "Beboerrådgiveren")]))

      let file = harness.folder.appendingPathComponent("exercises/naeste-skridt-i-makkerpar.yaml")
      let text = try String(contentsOf: file, encoding: .utf8)
      let first = "  - ask: Hvad kunne være 1-2 handlinger"
      #expect(text.contains(first))
      try text.replacingOccurrences(of: first, with: "  - ask: Hvad har I lært i dag?\n" + first)
        .write(to: file, atomically: true, encoding: .utf8)

      func field(_ name: String, in page: String) -> String? {
        guard let start = page.range(of: "name=\"\(name)\"") else { return nil }
        let rest = page[start.upperBound...]
        guard let open = rest.firstIndex(of: ">") else { return nil }
        if rest[rest.index(before: open)] == "/" { return "" }  // <textarea …/>: empty
        guard let close = rest.range(of: "</textarea>") else { return nil }
        return String(rest[rest.index(after: open)..<close.lowerBound])
      }
      let again = try await client.execute(uri: "/f/\(token)", method: .get)
      #expect(again.text.contains("Hvad har I lært i dag?"))
      #expect(field("q1", in: again.text) == "")
      #expect(field("q2", in: again.text) == "Invitere boligforeningen")
      #expect(field("q4", in: again.text) == "Beboerrådgiveren")

      let csv = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/export.csv", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      let row = try require(csv.text.split(separator: "\r\n").first { $0.contains("Lone Bisgaard") })
      #expect(row.contains("\"\",\"Invitere boligforeningen\",\"\",\"Beboerrådgiveren\""), "\(row)")
    }
  }

  /// A pair shares a form: the partner who opens theirs after the other saved finds those
  /// answers to go on from, and whose they are; someone of another pair does not.
  @Test func aPartnerFindsThePairsAnswersToGoOnFrom() async throws {
    let harness = try ServerHarness()
    let sanne = try harness.token("Sanne Vestergaard")
    let peter = try harness.token("Peter Kragh")
    let lone = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      let page = try await client.execute(uri: "/f/\(sanne)", method: .get)
      let csrf = try require(ServerHarness.csrf(in: page.text))
      _ = try await client.execute(
        uri: "/f/\(sanne)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("csrf", csrf), ("q1", "Samtalecafé med boligforeningen"), ("stage", "Date")]))
      let partner = try await client.execute(uri: "/f/\(peter)", method: .get)
      #expect(partner.text.contains("Sanne Vestergaard har allerede udfyldt jeres fælles skema"), "\(partner.text)")
      #expect(partner.text.contains(">Samtalecafé med boligforeningen</textarea>"))
      #expect(partner.text.contains("value=\"Date\" checked=\"checked\""))
      // A draft Peter types belongs to the pair's answer he was shown, not to his own (none).
      let shown = ShownAnswer.version(["Samtalecafé med boligforeningen"], stage: "Date")
      #expect(shown != "0" && partner.text.contains("data-revision=\"\(shown)\""))
      #expect(partner.text.contains("name=\"shown\" value=\"\(shown)\""))
      let other = try await client.execute(uri: "/f/\(lone)", method: .get)
      #expect(!other.text.contains("Samtalecafé") && !other.text.contains("fælles skema"))
    }
  }

  @Test func theReportQuestionsAreAskedSavedAndReachTheRecapTheTrackerAndTheCSV() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    let karenName = "Karen Østergaard"
    try await harness.test { client in
      let page = try await client.execute(uri: "/f/\(token)", method: .get)
      // The sample's follow-up exercise has `report: true`: the standard questions.
      #expect(page.text.contains("Hvad gjorde I?"))
      #expect(page.text.contains("name=\"r1\""))
      #expect(page.text.contains("name=\"r3\""))
      let csrf = try require(ServerHarness.csrf(in: page.text))
      _ = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([
          ("csrf", csrf), ("q1", "Lektiecafé med boligforeningen"), ("r1", "Vi holdt to lektiecaféer"),
          ("r3", "Start småt"),
        ]))
      let reloaded = try await client.execute(uri: "/f/\(token)", method: .get)
      #expect(reloaded.text.contains(">Lektiecafé med boligforeningen</textarea>"))
      #expect(reloaded.text.contains(">Vi holdt to lektiecaféer</textarea>"))
      #expect(reloaded.text.contains(">Start småt</textarea>"))

      // The facilitator's paper entry has the report fields too, filled in.
      let tracker = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18", method: .get, headers: ServerHarness.facilitatorHeaders)
      #expect(tracker.text.contains(">Vi holdt to lektiecaféer</textarea>"))
      let participants = try await harness.store.participants(series: "civilsamfundet")
      let karen = try require(participants.first { $0.name == karenName })
      _ = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/answers", method: .post,
        headers: ServerHarness.facilitatorHeaders.merging(ServerHarness.formHeaders),
        body: ServerHarness.form([
          ("csrf", try require(ServerHarness.csrf(in: tracker.text))), ("participant", String(karen.id)),
          ("q1", "Læsekreds"), ("r2", "Seks kom første gang"),
        ]))

      let csv = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/export.csv", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      #expect(csv.text.contains("\"Hvad gjorde I?\""))
      #expect(csv.text.contains("\"Vi holdt to lektiecaféer\""))
    }
    let catalog = try MeetingCatalog(
      programsDirectory: harness.folder.appendingPathComponent("programs").path,
      exercisesDirectory: harness.folder.appendingPathComponent("exercises").path, timeZone: .current)
    let exercise = try require(catalog.meeting(series: "civilsamfundet", program: "2013-04-18")?.exercise)
    let recap = try harness.store.followUpAnswers(
      series: "civilsamfundet", program: "2013-04-18", exercise: exercise, language: .da)
    let lone = try require(recap.first { $0.who.hasSuffix("Lone Bisgaard") })
    #expect(lone.responses.count == exercise.questions.count)
    #expect(lone.responses.first == "Lektiecafé med boligforeningen")
    #expect(lone.report == ["Vi holdt to lektiecaféer", "", "Start småt"])
    let karen = try require(recap.first { $0.who.hasSuffix(karenName) })
    #expect(karen.report == ["", "Seks kom første gang", ""])
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
      // Someone of another pair never sees it (her own partner does: they share a form).
      let sannePage = try await client.execute(uri: "/f/\(try harness.token("Sanne Vestergaard"))", method: .get)
      #expect(!sannePage.text.contains("Lones hemmelige plan"))
    }
  }

  /// The browser stops at the limit (`maxlength`); past it, the form comes back with what
  /// was typed and which question's answer is too long, in the meeting's language.
  @Test func anOverLongAnswerIsRefusedWithAClearMessage() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      let page = try await client.execute(uri: "/f/\(token)", method: .get)
      let areas = page.text.components(separatedBy: "<textarea ").dropFirst()
      #expect(areas.count == 8 && areas.allSatisfy { $0.prefix { $0 != ">" }.contains("maxlength=\"4000\"") })
      let csrf = try require(ServerHarness.csrf(in: page.text))
      let long = String(repeating: "ø", count: 4001)
      let response = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("csrf", csrf), ("q1", "Min plan"), ("q2", long)]))
      #expect(response.status == .contentTooLarge)
      #expect(
        response.text.contains(
          "Svaret på »Hvordan skal dette forberedes?« er for langt: højst 4000 tegn. Forkort det, og gem igen; "
            + "intet er gemt endnu."), "\(response.text)")
      #expect(response.text.contains(">Min plan</textarea>"))
      #expect(response.text.contains(">\(long)</textarea>"))
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
      #expect(!reloaded.text.contains("<script>alert"))
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

  /// What is typed and not saved is kept on the participant's device by the page's one
  /// script, which the Content-Security-Policy allows by its hash and no other; the draft
  /// belongs to the version of the saved answer it was typed over. A closed form keeps nothing.
  @Test func theFormKeepsItsDraftWithTheOnlyScriptThePolicyAllows() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      let page = try await client.execute(uri: "/f/\(token)", method: .get)
      #expect(page.text.contains("data-draft=\"/f/\(token)\" data-revision=\"0\""), "\(page.text)")
      #expect(page.text.contains("Det, du skrev her uden at gemme, er sat ind igen."))
      let scripts = PreviewPage.inlineScripts(in: Array(page.text.utf8))
      #expect(scripts == [DraftKeeper.script])
      let policy = try #require(page.headers[.contentSecurityPolicy])
      let hash = Data(SHA256.hash(data: Array(scripts[0].utf8))).base64EncodedString()
      #expect(policy.contains("script-src 'sha256-\(hash)';"), "\(policy)")
      let scriptSource = policy.components(separatedBy: "; ").filter { $0.hasPrefix("script-src ") }
      #expect(scriptSource == ["script-src 'sha256-\(hash)'"])
      let csrf = try require(ServerHarness.csrf(in: page.text))
      for _ in 1...2 {
        _ = try await client.execute(
          uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
          body: ServerHarness.form([("csrf", csrf), ("q1", "Min plan")]))
      }
      let saved = try await client.execute(uri: "/f/\(token)", method: .get)
      let version = ShownAnswer.version(["Min plan"], stage: nil)
      #expect(saved.text.contains("data-revision=\"\(version)\""))
      // Refused and shown again: still the draft of the answer saved last, and what was
      // typed is marked unsaved, so the script keeps it.
      let refused = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("csrf", "forfalden"), ("shown", version), ("q1", "Ny plan")]))
      #expect(refused.status == .forbidden && refused.text.contains("data-revision=\"\(version)\""))
      #expect(refused.text.contains("data-unsaved=\"true\"") && !saved.text.contains("data-unsaved=\"true\""))
    }
    harness.setNow(ISO8601DateFormatter().date(from: "2013-06-03T07:00:00Z")!)
    try await harness.test { client in
      let closed = try await client.execute(uri: "/f/\(token)", method: .get)
      #expect(!closed.text.contains("<script") && !closed.text.contains("data-draft"))
    }
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
