import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import WorkshopKitStore

@testable import WorkshopKitServer

@Suite struct FacilitatorFlowTests {
  @Test func theTrackerNeedsTheKey() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let none = try await client.execute(uri: "/facilitator/civilsamfundet/2013-04-18", method: .get)
      #expect(none.status == .unauthorized)
      #expect(none.headers[.wwwAuthenticate]?.hasPrefix("Basic realm=") == true)
      #expect(none.headers[.cacheControl] == "no-store")
      #expect(none.headers[.contentType] == "application/xhtml+xml; charset=utf-8")
      var wrong = HTTPFields()
      wrong[.authorization] = "Basic " + Data("x:not-the-key".utf8).base64EncodedString()
      let bad = try await client.execute(uri: "/facilitator/civilsamfundet/2013-04-18", method: .get, headers: wrong)
      #expect(bad.status == .unauthorized)
      #expect(!bad.text.contains("Lone Bisgaard"))
      var bearer = HTTPFields()
      bearer[.authorization] = "Bearer \(ServerHarness.facilitatorKey)"
      let good = try await client.execute(uri: "/facilitator/civilsamfundet/2013-04-18", method: .get, headers: bearer)
      #expect(good.status == .ok)
      let unknown = try await client.execute(
        uri: "/facilitator/civilsamfundet/1999-01-01", method: .get, headers: ServerHarness.facilitatorHeaders)
      #expect(unknown.status == .notFound)
    }
  }

  @Test func theFacilitatorSeesAnswersArriveAndTypesInPaperOnes() async throws {
    let harness = try ServerHarness()
    let lone = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      let page = try await client.execute(uri: "/f/\(lone)", method: .get)
      let csrf = try require(ServerHarness.csrf(in: page.text))
      _ = try await client.execute(
        uri: "/f/\(lone)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("csrf", csrf), ("q1", "Lektiecafé med boligforeningen"), ("stage", "Date")]))

      let tracker = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18", method: .get, headers: ServerHarness.facilitatorHeaders)
      #expect(tracker.status == .ok)
      for name in ["Lone Bisgaard", "Jakob Friis", "Søren Bæk"] { #expect(tracker.text.contains(name)) }
      #expect(tracker.text.contains("Lektiecafé med boligforeningen"))
      // An answer may break anywhere, so a long unbroken one never pushes the columns away,
      // and keeps the lines it was typed in.
      #expect(tracker.text.contains("<td class=\"answer\" data-label=\"Forpligtelse\">Lektiecafé med boligforeningen"))
      #expect(tracker.text.contains(".answer { overflow-wrap: anywhere; white-space: pre-wrap; }"))
      #expect(tracker.text.contains("Ikke svaret"))
      // Pair B answered on paper, typed into followups/2013-04-18.yaml: answered, with their
      // plan, and the page says not to type it in again.
      let sanne = try require(tracker.text.range(of: "<strong>Sanne Vestergaard</strong>"))
      let row = String(tracker.text[sanne.upperBound...].prefix(600).split(separator: "</tr>")[0])
      #expect(row.contains("på papir, i followups/2013-04-18.yaml"), "\(row)")
      #expect(tracker.text.contains("står allerede i opsamlingen; skriv dem ikke ind her igen"))

      let participants = try await harness.store.participants(series: "civilsamfundet")
      let karen = try require(participants.first { $0.name == "Karen Østergaard" })
      let trackerCSRF = try require(ServerHarness.csrf(in: tracker.text))
      let paper = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/answers", method: .post,
        headers: ServerHarness.facilitatorHeaders.merging(ServerHarness.formHeaders),
        body: ServerHarness.form([
          ("csrf", trackerCSRF), ("participant", String(karen.id)), ("q1", "Læsekreds på plejehjemmet"),
          ("status", "in-progress"), ("stage", "Engagement"),
        ]))
      #expect(paper.status == .seeOther || paper.status == .found)
      // Søren, Karen's partner, shares the form just typed in (pairs A to C answered on paper).
      let after = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18", method: .get, headers: ServerHarness.facilitatorHeaders)
      for (name, by) in [("Søren Bæk", "Karen Østergaard")] {
        let start = try require(after.text.range(of: "<strong>\(name)</strong>"))
        let row = String(after.text[start.upperBound...].prefix(800).split(separator: "</tr>")[0])
        #expect(row.contains("Besvaret af \(by) (fælles skema)"), "\(row)")
      }
      #expect(!after.text.contains("Ikke svaret"), "every pair has answered")

      let csv = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/export.csv", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      #expect(csv.status == .ok)
      #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
      #expect(csv.text.contains("Læsekreds på plejehjemmet"))
      #expect(csv.text.contains("Lektiecafé med boligforeningen"))
    }
    let answers = try await harness.store.answers(series: "civilsamfundet", program: "2013-04-18")
    let karens = try require(answers.first { $0.participant.name == "Karen Østergaard" })
    #expect(karens.answer.source == .paper)
    #expect(karens.answer.status == .inProgress)
    #expect(karens.answer.stage == "Engagement")
  }

  /// Someone not at the meeting is shown as absent, not as not having answered; their
  /// partner, who worked with pair A on the day, shares pair A's form, answered on paper.
  @Test func theAbsentAreNotAskedForAnAnswer() async throws {
    let harness = try ServerHarness()
    try harness.edit(
      "programs/civilsamfundet/2013-04-18.yaml", replacing: "date: 2013-04-18\n",
      with: "date: 2013-04-18\nabsent: [Karen Østergaard]\n")
    try await harness.test { client in
      let tracker = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18", method: .get, headers: ServerHarness.facilitatorHeaders)
      func row(_ name: String) throws -> String {
        let start = try require(tracker.text.range(of: "<strong>\(name)</strong>"))
        return String(tracker.text[start.upperBound...].prefix(800).split(separator: "</tr>")[0])
      }
      #expect(try row("Karen Østergaard").contains("<td data-label=\"Svaret\">Fraværende</td>"))
      #expect(try row("Søren Bæk").contains("på papir, i followups/2013-04-18.yaml"))
      #expect(!tracker.text.contains("Ikke svaret"))
    }
  }

  @Test func aFacilitatorFormWithoutCSRFIsRefused() async throws {
    let harness = try ServerHarness()
    let participants = try await harness.store.participants(series: "civilsamfundet")
    let someone = try require(participants.first)
    try await harness.test { client in
      let response = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/answers", method: .post,
        headers: ServerHarness.facilitatorHeaders.merging(ServerHarness.formHeaders),
        body: ServerHarness.form([("participant", String(someone.id)), ("q1", "x")]))
      #expect(response.status == .forbidden)
    }
    #expect(try await harness.store.answers(series: "civilsamfundet", program: "2013-04-18").isEmpty)
  }

  @Test func requestsAreLoggedWithoutTokensOrAnswers() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    let lines = LogCapture()
    let logger = Logger(label: "test") { _ in lines.handler() }
    try await harness.server().application(logger: logger).test(.router) { client in
      let page = try await client.execute(uri: "/f/\(token)", method: .get)
      let csrf = try require(ServerHarness.csrf(in: page.text))
      _ = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("csrf", csrf), ("q1", "HEMMELIG-PLAN")]))
    }
    let log = lines.text
    #expect(log.contains("GET /f/… 200"))
    #expect(log.contains("POST /f/… 303"))
    #expect(!log.contains(token))
    #expect(!log.contains("HEMMELIG-PLAN"))
  }
}

extension HTTPFields {
  func merging(_ other: HTTPFields) -> HTTPFields {
    var result = self
    for field in other { result.append(field) }
    return result
  }
}

/// Collects every log line written through its handlers.
final class LogCapture: @unchecked Sendable {
  private let lock = NSLock()
  private var lines: [String] = []

  var text: String { lock.withLock { lines.joined(separator: "\n") } }

  func append(_ line: String) { lock.withLock { lines.append(line) } }

  func handler() -> some LogHandler { Handler(capture: self) }

  struct Handler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
      get { metadata[key] }
      set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
      capture.append("\(event.message) \(event.metadata ?? [:])")
    }
  }
}

/// The facilitator and a participant saving the same answer: neither undoes the other.
@Suite struct ConcurrentEditTests {
  @Test func aStaleTrackerSaveDoesNotOverwriteANewerAnswer() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    let lone = try require(
      try await harness.store.participants(series: "civilsamfundet").first { $0.name == "Lone Bisgaard" })
    try await harness.test { client in
      let form = try await client.execute(uri: "/f/\(token)", method: .get)
      let csrf = try require(ServerHarness.csrf(in: form.text))
      _ = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("csrf", csrf), ("q1", "first answer")]))
      let tracker = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18", method: .get, headers: ServerHarness.facilitatorHeaders)
      let trackerCSRF = try require(ServerHarness.csrf(in: tracker.text))
      let seen = try require(
        try await harness.store.answer(series: "civilsamfundet", program: "2013-04-18", participantID: lone.id)?
          .revision)
      // The participant saves again after the facilitator opened the tracker.
      _ = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("csrf", csrf), ("q1", "second answer, acknowledged")]))
      let stale = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/answers", method: .post,
        headers: ServerHarness.facilitatorHeaders.merging(ServerHarness.formHeaders),
        body: ServerHarness.form([
          ("csrf", trackerCSRF), ("participant", String(lone.id)), ("seen", String(seen)), ("q1", "first answer"),
          ("status", "done"),
        ]))
      #expect(stale.status == .conflict)
      #expect(stale.text.contains("Svaret er ændret, efter du åbnede oversigten."))
      #expect(stale.text.contains("<a href=\"/facilitator/civilsamfundet/2013-04-18\">Til oversigten</a>"))
    }
    let stored = try await harness.store.answer(series: "civilsamfundet", program: "2013-04-18", participantID: lone.id)
    #expect(stored?.responses.first == "second answer, acknowledged")
    #expect(stored?.source == .online)
    #expect(stored?.status == nil)
  }

  /// An answer saved online before the exercise asked `report:` questions has no texts for
  /// them; the facilitator setting its status with the texts unchanged keeps it online.
  @Test func settingTheStatusOfAnOlderOnlineAnswerKeepsItOnline() async throws {
    let harness = try ServerHarness()
    let participants = try await harness.store.participants(series: "civilsamfundet")
    let lone = try require(participants.first { $0.name == "Lone Bisgaard" })
    _ = try harness.store.save(
      AnswerSubmission(
        series: "civilsamfundet", program: "2013-04-18", participantID: lone.id,
        responses: ["Lektiecafé", "", "", "", ""], source: .online))
    try await harness.test { client in
      let tracker = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18", method: .get, headers: ServerHarness.facilitatorHeaders)
      let saved = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/answers", method: .post,
        headers: ServerHarness.facilitatorHeaders.merging(ServerHarness.formHeaders),
        body: ServerHarness.form([
          ("csrf", try require(ServerHarness.csrf(in: tracker.text))), ("participant", String(lone.id)),
          ("seen", "1"), ("q1", "Lektiecafé"), ("r1", ""), ("status", "done"),
        ]))
      #expect(saved.status == .seeOther)
    }
    let stored = try await harness.store.answer(series: "civilsamfundet", program: "2013-04-18", participantID: lone.id)
    #expect(stored?.status == .done)
    #expect(stored?.source == .online)
  }

  @Test func aParticipantsSaveKeepsTheStatusTheFacilitatorSet() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Jakob Friis")
    let jakob = try require(
      try await harness.store.participants(series: "civilsamfundet").first { $0.name == "Jakob Friis" })
    try await harness.test { client in
      let form = try await client.execute(uri: "/f/\(token)", method: .get)
      let csrf = try require(ServerHarness.csrf(in: form.text))
      _ = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("csrf", csrf), ("q1", "plan")]))
      let tracker = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18", method: .get, headers: ServerHarness.facilitatorHeaders)
      let trackerCSRF = try require(ServerHarness.csrf(in: tracker.text))
      let seen = try require(
        try await harness.store.answer(series: "civilsamfundet", program: "2013-04-18", participantID: jakob.id)?
          .revision)
      let status = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/answers", method: .post,
        headers: ServerHarness.facilitatorHeaders.merging(ServerHarness.formHeaders),
        body: ServerHarness.form([
          ("csrf", trackerCSRF), ("participant", String(jakob.id)), ("seen", String(seen)), ("q1", "plan"),
          ("status", "in-progress"),
        ]))
      #expect(status.status == .seeOther || status.status == .found)
      _ = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("csrf", csrf), ("q1", "plan, revised")]))
    }
    let stored = try await harness.store.answer(
      series: "civilsamfundet", program: "2013-04-18", participantID: jakob.id)
    #expect(stored?.responses.first == "plan, revised")
    #expect(stored?.status == .inProgress)
  }
}
