import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WorkshopKit
import WorkshopKitStore

@testable import WorkshopKitServer

/// Two pages of one form open at once (two tabs, a phone and a laptop, two partners who
/// share a form): a save from a page that showed other texts than those saved now is
/// refused with both on the page, never saved over them unseen; the facilitator's status
/// is not such a change. A form that closes while it is open gives back what was typed.
@Suite struct AnswerConflictTests {
  /// A page opened as a browser opens it: its csrf and the version of what it shows.
  struct OpenedPage {
    var csrf: String
    var shown: String
    var text: String
  }

  static func open(_ client: any TestClientProtocol, _ token: String) async throws -> OpenedPage {
    let page = try await client.execute(uri: "/f/\(token)", method: .get)
    return OpenedPage(
      csrf: try require(ServerHarness.csrf(in: page.text)),
      shown: try require(ServerHarness.hidden("shown", in: page.text)),
      text: page.text)
  }

  static func save(
    _ client: any TestClientProtocol, _ token: String, from page: OpenedPage, _ fields: [(String, String)]
  ) async throws -> TestResponse {
    try await client.execute(
      uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
      body: ServerHarness.form([("csrf", page.csrf), ("shown", page.shown)] + fields))
  }

  static func participantID(_ harness: ServerHarness, _ name: String) async throws -> Int64 {
    try require(try await harness.store.participants(series: "civilsamfundet").first { $0.name == name }?.id)
  }

  static func savedPlan(_ harness: ServerHarness, _ token: String) async throws -> String? {
    let link = try require(try await harness.store.link(forToken: token))
    return try await harness.store.answer(
      series: "civilsamfundet", program: "2013-04-18", participantID: link.participant.id)?.responses.first
  }

  @Test func aSecondTabDoesNotSaveOverTheFirstUnseen() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      let first = try await Self.open(client, token)
      let second = try await Self.open(client, token)
      #expect(first.shown == "0" && second.shown == "0")
      let saved = try await Self.save(client, token, from: first, [("q1", "Fane 1: et borgermøde i marts")])
      #expect(saved.status == .seeOther)
      let refused = try await Self.save(
        client, token, from: second, [("q1", "Fane 2: en spørgeskemaundersøgelse"), ("stage", "Date")])
      #expect(refused.status == .conflict)
      #expect(refused.text.contains("Svaret er gemt et andet sted, efter du åbnede siden"))
      // Both: the saved answer above, what this tab typed in the fields, marked unsaved.
      #expect(refused.text.contains("<h2 id=\"saved-answer\">Det gemte svar</h2>"))
      #expect(refused.text.contains("<dd class=\"answer\">Fane 1: et borgermøde i marts</dd>"))
      #expect(refused.text.contains(">Fane 2: en spørgeskemaundersøgelse</textarea>"))
      #expect(refused.text.contains("value=\"Date\" checked=\"checked\""))
      #expect(refused.text.contains("Gemt af Lone Bisgaard, "))
      #expect(refused.text.contains("data-unsaved=\"true\""))
      #expect(try await Self.savedPlan(harness, token) == "Fane 1: et borgermøde i marts")
      // Saved again from the page that showed both: this tab's text is the answer now.
      let again = try #require(ServerHarness.hidden("shown", in: refused.text))
      #expect(again == ShownAnswer.version(["Fane 1: et borgermøde i marts"], stage: nil))
      let resaved = try await Self.save(
        client, token, from: OpenedPage(csrf: first.csrf, shown: again, text: ""),
        [("q1", "Fane 2: en spørgeskemaundersøgelse")])
      #expect(resaved.status == .seeOther)
      #expect(try await Self.savedPlan(harness, token) == "Fane 2: en spørgeskemaundersøgelse")
      // The same text from a stale page is no conflict: nothing would be lost.
      let same = try await Self.save(client, token, from: first, [("q1", "Fane 2: en spørgeskemaundersøgelse")])
      #expect(same.status == .seeOther)
    }
  }

  /// The facilitator setting a status changes the saved answer's revision, not its texts:
  /// the participant's open page still saves, and a draft typed there still belongs.
  @Test func theFacilitatorsStatusIsNoConflict() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    let link = try require(try await harness.store.link(forToken: token))
    try await harness.test { client in
      let before = try await Self.open(client, token)
      _ = try await Self.save(client, token, from: before, [("q1", "Min plan")])
      let page = try await Self.open(client, token)
      let stored = try require(
        try await harness.store.answer(
          series: "civilsamfundet", program: "2013-04-18", participantID: link.participant.id))
      let marked = try await harness.store.save(
        AnswerSubmission(
          series: "civilsamfundet", program: "2013-04-18", participantID: link.participant.id,
          responses: stored.responses, questions: stored.questions, status: .inProgress, source: .online),
        ifRevision: stored.revision)
      #expect(marked?.revision == stored.revision + 1)
      let reopened = try await Self.open(client, token)
      #expect(reopened.shown == page.shown, "the draft typed over the answer still belongs to it")
      let saved = try await Self.save(client, token, from: page, [("q1", "Min plan, og mere til")])
      #expect(saved.status == .seeOther)
      #expect(try await Self.savedPlan(harness, token) == "Min plan, og mere til")
    }
  }

  /// Partners who share a form: each page shows whichever of their answers was saved last,
  /// and a save from a page that showed the other's older answer is refused with the newer.
  @Test func partnersWhoShareAFormSeeTheLatestAndDoNotSaveOverIt() async throws {
    let harness = try ServerHarness()
    let sanne = try harness.token("Sanne Vestergaard")
    let peter = try harness.token("Peter Kragh")
    try await harness.test { client in
      _ = try await Self.save(client, sanne, from: try await Self.open(client, sanne), [("q1", "Samtalecafé")])
      let peters = try await Self.open(client, peter)
      #expect(peters.text.contains(">Samtalecafé</textarea>"))
      _ = try await Self.save(
        client, sanne, from: try await Self.open(client, sanne), [("q1", "Samtalecafé hver måned"), ("stage", "Date")])
      let refused = try await Self.save(client, peter, from: peters, [("q1", "Samtalecafé, og en avis")])
      #expect(refused.status == .conflict)
      #expect(refused.text.contains("Gemt af Sanne Vestergaard, "))
      #expect(refused.text.contains("<dd class=\"answer\">Samtalecafé hver måned</dd>"))
      // Peter saves from the page that showed Sanne's newer answer; Sanne then finds his.
      let again = try #require(ServerHarness.hidden("shown", in: refused.text))
      let saved = try await Self.save(
        client, peter, from: OpenedPage(csrf: peters.csrf, shown: again, text: ""),
        [("q1", "Samtalecafé hver måned, og en avis"), ("stage", "Date")])
      #expect(saved.status == .seeOther)
      let sannes = try await Self.open(client, sanne)
      #expect(sannes.text.contains("Peter Kragh har allerede udfyldt jeres fælles skema"))
      #expect(sannes.text.contains(">Samtalecafé hver måned, og en avis</textarea>"))
    }
  }

  /// Saved just after the form closed (the next meeting began while the page was open):
  /// refused, with what was typed on the page, read-only, to copy and send on.
  @Test func aFormClosedWhileOpenGivesBackWhatWasTyped() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      let page = try await Self.open(client, token)
      harness.setNow(ISO8601DateFormatter().date(from: "2013-06-03T07:00:00Z")!)
      let refused = try await Self.save(client, token, from: page, [("q1", "Skrevet i bussen")])
      #expect(refused.status == .forbidden)
      #expect(refused.text.contains("Det, du skrev, er ikke gemt. Det står herunder"))
      #expect(refused.text.contains("readonly=\"readonly\" maxlength=\"4000\">Skrevet i bussen</textarea>"))
      #expect(try await Self.savedPlan(harness, token) == nil)
    }
  }

  /// The facilitator setting a status on the line of the partner who did not answer (the
  /// paper form there has empty fields) neither replaces the pair's answer nor refuses the
  /// partner's next save; the recap keeps the answer, with the status.
  @Test func aStatusOnThePartnersLineKeepsThePairsAnswer() async throws {
    let harness = try ServerHarness()
    let sanne = try harness.token("Sanne Vestergaard")
    let peter = try harness.token("Peter Kragh")
    let peterID = try await Self.participantID(harness, "Peter Kragh")
    try await harness.test { client in
      _ = try await Self.save(client, sanne, from: try await Self.open(client, sanne), [("q1", "Samtalecafé")])
      let sannes = try await Self.open(client, sanne)
      let tracker = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18", method: .get, headers: ServerHarness.facilitatorHeaders)
      let marked = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/answers", method: .post,
        headers: ServerHarness.facilitatorHeaders.merging(ServerHarness.formHeaders),
        body: ServerHarness.form([
          ("csrf", try require(ServerHarness.csrf(in: tracker.text))), ("participant", String(peterID)),
          ("seen", ""), ("status", "in-progress"),
        ]))
      #expect(marked.status == .seeOther, "\(marked.text)")
      #expect(try await Self.open(client, peter).text.contains(">Samtalecafé</textarea>"))
      let saved = try await Self.save(client, sanne, from: sannes, [("q1", "Samtalecafé hver måned")])
      #expect(saved.status == .seeOther, "the status is no change to the pair's answer")
      let program = try require(
        Checker(exerciseDirectory: harness.folder.appendingPathComponent("exercises").path)
          .check(programAt: harness.folder.appendingPathComponent("programs/civilsamfundet/2013-04-18.yaml").path)
          .program)
      let recap = try harness.store.followUpAnswers(
        series: "civilsamfundet", program: "2013-04-18", exercise: try require(program.followUpExercise),
        language: .da)
      let pairB = recap.filter { $0.who.hasPrefix("Makkerpar B") }
      #expect(pairB.map(\.responses.first) == ["Samtalecafé hver måned"])
      #expect(pairB.first?.status == .inProgress)
    }
  }

  /// A status set on the line of the partner who saved first does not make that older
  /// answer the pair's newest: the texts' time stays.
  @Test func aStatusDoesNotMakeAnOlderAnswerTheNewest() async throws {
    let harness = try ServerHarness()
    let sanne = try harness.token("Sanne Vestergaard")
    let peter = try harness.token("Peter Kragh")
    let sanneID = try await Self.participantID(harness, "Sanne Vestergaard")
    try await harness.test { client in
      _ = try await Self.save(client, sanne, from: try await Self.open(client, sanne), [("q1", "Sannes første")])
      let before = try require(
        try await harness.store.answer(series: "civilsamfundet", program: "2013-04-18", participantID: sanneID))
      try await Task.sleep(for: .milliseconds(20))
      _ = try await Self.save(client, peter, from: try await Self.open(client, peter), [("q1", "Peters nyere")])
      let marked = try await harness.store.save(
        AnswerSubmission(
          series: "civilsamfundet", program: "2013-04-18", participantID: sanneID, responses: before.responses,
          questions: before.questions, status: .done, source: .online),
        ifRevision: before.revision)
      #expect(marked?.updatedAt == before.updatedAt && marked?.status == .done)
      #expect(try await Self.open(client, sanne).text.contains(">Peters nyere</textarea>"))
    }
  }
}
