import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WorkshopKit
import WorkshopKitStore

@testable import WorkshopKitServer

/// What the server says when it does not save what was sent: in the meeting's language
/// where it knows the meeting, in Danish and English where it does not, and never losing
/// what was typed or clearing what was saved before.
@Suite struct RefusalTests {
  @Test func aFormOfTheWrongTypeIsRefusedInBothLanguages() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      var headers = HTTPFields()
      headers[.contentType] = "text/plain"
      let response = try await ServerHarness.submit(client, link: token, [("q1", "x")], headers: headers)
      #expect(response.status == .unsupportedMediaType)
      #expect(response.text.contains("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"da\" xml:lang=\"da\">"))
      #expect(response.text.contains("<p>Formularen skal sendes som application/x-www-form-urlencoded.</p>"))
      // Titled by what happened, in both languages, not by the bare status code.
      #expect(response.text.contains("<title>Ukendt formularformat / Unknown form format (415)</title>"))
      #expect(
        response.text.contains(
          "<h1>Ukendt formularformat <span lang=\"en\" xml:lang=\"en\" class=\"muted\">/ Unknown form "
            + "format</span> (415)</h1>"), "\(response.text)")
      #expect(
        response.text.contains(
          "<p lang=\"en\" xml:lang=\"en\">Send the form as application/x-www-form-urlencoded.</p>"))
    }
  }

  /// A stage the scale does not have (renamed while the page was open, or forged) brings
  /// the form back with what was typed; the stage saved before stays.
  @Test func aStageTheScaleDoesNotHaveKeepsWhatWasTypedAndWhatWasSaved() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      let first = try await ServerHarness.submit(client, link: token, [("q1", "Lektiecafé"), ("stage", "Date")])
      #expect(first.status == .seeOther)
      let forged = try await ServerHarness.submit(client, link: token, [("q1", "Ny plan"), ("stage", "Nonsense")])
      #expect(forged.status == .unprocessableContent)
      #expect(forged.text.contains("»Nonsense« er ikke et af formularens valg"))
      #expect(forged.text.contains(">Ny plan</textarea>"))
    }
    let answers = try await harness.store.answers(series: "civilsamfundet", program: "2013-04-18")
    #expect(answers.map(\.answer.stage) == ["Date"])
    #expect(answers.first?.answer.responses.first == "Lektiecafé")
  }

  @Test func theFacilitatorsTrackerRefusesUnknownChoicesAndNamesTheQuestionTooLong() async throws {
    let harness = try ServerHarness()
    let lone = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      _ = try await ServerHarness.submit(client, link: lone, [("q1", "Lektiecafé"), ("stage", "Date")])
      let tracker = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18", method: .get, headers: ServerHarness.facilitatorHeaders)
      let csrf = try require(ServerHarness.csrf(in: tracker.text))
      let participants = try await harness.store.participants(series: "civilsamfundet")
      let id = try require(participants.first { $0.name == "Lone Bisgaard" }).id
      func save(_ fields: [(String, String)]) async throws -> TestResponse {
        try await client.execute(
          uri: "/facilitator/civilsamfundet/2013-04-18/answers", method: .post,
          headers: ServerHarness.facilitatorHeaders.merging(ServerHarness.formHeaders),
          body: ServerHarness.form([("csrf", csrf), ("participant", String(id)), ("q1", "Lektiecafé")] + fields))
      }
      let stage = try await save([("stage", "Nonsense"), ("status", "done")])
      #expect(stage.status == .unprocessableContent)
      #expect(stage.text.contains("»Nonsense« er ikke et af formularens valg"))
      let status = try await save([("stage", "Date"), ("status", "finished")])
      #expect(status.status == .unprocessableContent)
      #expect(status.text.contains("»finished«"))
      let long = try await save([("q2", String(repeating: "ø", count: 4001))])
      #expect(long.status == .contentTooLarge)
      #expect(long.text.contains("Svaret på »Hvordan skal dette forberedes?« er for langt: højst 4000 tegn."))
      #expect(!long.text.contains("(q2)"))
      #expect(
        stage.text.contains("<h1>Ugyldigt valg (422)</h1>") && long.text.contains("<h1>For meget tekst (413)</h1>"))
      // Each says that what was typed is a step back, and links the tracker.
      for page in [stage, status, long] {
        #expect(page.text.contains("Gå tilbage i browseren for at rette det, du skrev; det står der stadig."))
        #expect(page.text.contains("<a href=\"/facilitator/civilsamfundet/2013-04-18\">Til oversigten</a>"))
      }
    }
    let answers = try await harness.store.answers(series: "civilsamfundet", program: "2013-04-18")
    #expect(answers.map(\.answer.stage) == ["Date"])
    #expect(answers.map(\.answer.status) == [nil])
  }

  /// An over-long open answer in the evaluation: the form again with everything typed
  /// and chosen, naming the question; the text areas say their limit.
  @Test func anOverLongEvaluationAnswerComesBackWithTheForm() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      let page = try await client.execute(uri: "/f/\(token)/evaluation", method: .get)
      #expect(page.text.contains("name=\"o1\" rows=\"4\" cols=\"60\" maxlength=\"4000\""))
      let label = try require(page.text.range(of: "<label for=\"o1\">")).upperBound
      let question = String(page.text[label...].prefix { $0 != "<" }.drop { $0 != " " }.dropFirst())
      let long = String(repeating: "ø", count: 4001)
      let response = try await RecordTests.evaluate(client, token, [("s1", "4"), ("o1", long), ("o2", "Kortene")])
      #expect(response.status == .contentTooLarge)
      #expect(response.text.contains("Svaret på »\(question)« er for langt: højst 4000 tegn."))
      #expect(response.text.contains(">\(long)</textarea>"))
      #expect(response.text.contains(">Kortene</textarea>"))
      #expect(response.text.contains("id=\"s1-4\" name=\"s1\" value=\"4\" checked=\"checked\""))
    }
    #expect(try await harness.store.evaluations(series: "civilsamfundet", program: "2013-04-18").answered == 0)
  }

  /// A scale value the form does not offer (7, or text) is refused with the form back and
  /// what was chosen and typed still there; nothing is saved as "not answered".
  @Test func aScaleValueTheFormDoesNotOfferIsRefused() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      for value in ["7", "abc"] {
        let response = try await RecordTests.evaluate(client, token, [("s1", "4"), ("s2", value), ("o1", "Kortene")])
        #expect(response.status == .unprocessableContent)
        #expect(response.text.contains("»\(value)« er ikke et af formularens valg"))
        #expect(response.text.contains("id=\"s1-4\" name=\"s1\" value=\"4\" checked=\"checked\""))
        #expect(response.text.contains(">Kortene</textarea>"))
      }
      // Left empty, a question is simply not answered.
      let saved = try await RecordTests.evaluate(client, token, [("s1", "4"), ("s2", "")])
      #expect(saved.status == .seeOther)
    }
    #expect(try await harness.store.evaluations(series: "civilsamfundet", program: "2013-04-18").answered == 1)
  }

  /// The tracker says when an answer came in the meeting's time, in words.
  @Test func savedTimesReadInTheMeetingsTimeZone() throws {
    let copenhagen = try require(TimeZone(identifier: "Europe/Copenhagen"))
    #expect(Pages.savedAt("2013-05-02T07:30:00.000Z", .da, copenhagen) == "2. maj 2013 kl. 09.30")
    #expect(Pages.savedAt("2013-12-31T23:05:00.000Z", .en, copenhagen) == "1 January 2014 at 00:05")
    #expect(Pages.savedAt("not a time", .da, copenhagen) == "not a time")
  }

  @Test func theTrackerShowsWhenAnAnswerCameInWords() async throws {
    let harness = try ServerHarness()
    let lone = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      _ = try await ServerHarness.submit(client, link: lone, [("q1", "Lektiecafé")])
      let stored = try await harness.store.answers(series: "civilsamfundet", program: "2013-04-18")
      let savedAt = try require(stored.first?.answer.updatedAt)
      let tracker = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18", method: .get, headers: ServerHarness.facilitatorHeaders)
      let zone = try require(TimeZone(identifier: "Europe/Copenhagen"))
      // Pair A's answer is also in the sample's follow-up file, typed in from paper.
      #expect(
        tracker.text.contains(
          "<td data-label=\"Svaret\">\(Pages.savedAt(savedAt, .da, zone)); på papir, i followups/2013-04-18.yaml</td>"))
      #expect(!tracker.text.contains(savedAt))
    }
  }
}
