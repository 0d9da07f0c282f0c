import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
import WorkshopKit
import WorkshopKitServer
import WorkshopKitStore

/// The evaluation answered through the personal link, anonymous and not, and the
/// facilitator's attendance and evaluation pages.
@Suite struct RecordTests {
  static func evaluate(
    _ client: any TestClientProtocol, _ token: String, _ fields: [(String, String)]
  ) async throws -> TestResponse {
    let page = try await client.execute(uri: "/f/\(token)/evaluation", method: .get)
    let csrf = try require(ServerHarness.csrf(in: page.text), "a csrf field on the evaluation")
    return try await client.execute(
      uri: "/f/\(token)/evaluation", method: .post, headers: ServerHarness.formHeaders,
      body: ServerHarness.form([("csrf", csrf)] + fields))
  }

  /// The database's own rows, read as an auditor would.
  static func rows(_ harness: ServerHarness, _ sql: String) throws -> [Row] {
    let queue = try DatabaseQueue(path: harness.folder.appendingPathComponent("followups.sqlite").path)
    return try queue.read { db in try Row.fetchAll(db, sql: sql) }
  }

  @Test func aParticipantEvaluatesAndCanChangeTheirAnswers() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      let form = try await client.execute(uri: "/f/\(token)", method: .get)
      #expect(form.text.contains("href=\"/f/\(token)/evaluation\""), "the follow-up form links the evaluation")
      let saved = try await Self.evaluate(client, token, [("s1", "5"), ("s2", "4"), ("s3", "2"), ("o1", "Kortene")])
      #expect(saved.headers[.location] == "/f/\(token)/evaluation?saved=1")
      let again = try await client.execute(uri: "/f/\(token)/evaluation?saved=1", method: .get)
      #expect(again.text.contains("id=\"s1-5\" name=\"s1\" value=\"5\" checked=\"checked\""))
      #expect(again.text.contains(">Kortene</textarea>"))
      _ = try await Self.evaluate(client, token, [("s1", "4"), ("s2", "4"), ("s3", "3"), ("s9", "5")])
    }
    let (answered, answers) = try await harness.store.evaluations(series: "civilsamfundet", program: "2013-04-18")
    #expect(answered == 1)
    #expect(answers == [EvaluationAnswer(scale: [4, 4, 3], open: ["", "", ""])])
    // Not anonymous: the answer is the participant's.
    #expect(try Self.rows(harness, "SELECT participantId FROM evaluation").map { $0[0] as Int64? }.first != nil)
  }

  @Test func anAnonymousEvaluationIsStoredWithoutThePersonAndOnce() async throws {
    let harness = try ServerHarness()
    try harness.edit(
      "programs/civilsamfundet/series.yaml", replacing: "evaluation: true", with: "evaluation: {anonymous: true}")
    try await harness.test { client in
      for name in ["Lone Bisgaard", "Jakob Friis"] {
        _ = try await Self.evaluate(client, try harness.token(name), [("s1", "5"), ("s2", "3"), ("s3", "4")])
      }
      let token = try harness.token("Lone Bisgaard")
      let page = try await client.execute(uri: "/f/\(token)/evaluation", method: .get)
      #expect(page.text.contains("Din evaluering er modtaget"))
      #expect(!page.text.contains("<form"))
      // A second answer from the same link is not counted.
      let csrfPage = try await client.execute(uri: "/f/\(try harness.token("Ali Demir"))/evaluation", method: .get)
      #expect(csrfPage.text.contains("anonym"))
    }
    let (answered, answers) = try await harness.store.evaluations(series: "civilsamfundet", program: "2013-04-18")
    #expect(answered == 2)
    #expect(answers.count == 2)
    // Who answered is known; what each answered cannot be joined to them: no participant,
    // no time, random keys, and who-answered has no order of its own.
    #expect(try Self.rows(harness, "SELECT participantId FROM evaluation").allSatisfy { ($0[0] as Int64?) == nil })
    let columns = try Self.rows(harness, "SELECT name FROM pragma_table_info('evaluation')").map { $0[0] as String }
    #expect(Set(columns) == ["id", "series", "program", "participantId", "scale", "open"])
    let doneColumns = try Self.rows(harness, "SELECT name FROM pragma_table_info('evaluationDone')").map {
      $0[0] as String
    }
    #expect(Set(doneColumns) == ["participantId", "program"])
    #expect(
      try Self.rows(harness, "SELECT sql FROM sqlite_master WHERE name = 'evaluationDone'").first.map {
        ($0[0] as String).contains("WITHOUT ROWID")
      } == true)
    let stored = try await harness.store.saveEvaluation(
      series: "civilsamfundet", program: "2013-04-18",
      participantID: try #require(try harness.participantID("Lone Bisgaard")),
      EvaluationAnswer(scale: [1, 1, 1], open: []), anonymous: true)
    #expect(!stored, "answered once already")
  }

  /// The follow-up form links the evaluation only while it can be answered: not the day
  /// before the meeting, and from its day on.
  @Test func theFormLinksTheEvaluationWhileItIsOpen() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    harness.setNow(Date(timeIntervalSince1970: 1_366_149_600))  // 17 April 2013, the day before
    try await harness.test { client in
      let before = try await client.execute(uri: "/f/\(token)", method: .get)
      #expect(before.status == .ok)
      #expect(!before.text.contains("/evaluation\""))
      harness.setNow(Date(timeIntervalSince1970: 1_366_273_800))  // 18 April 2013, 10.30
      let during = try await client.execute(uri: "/f/\(token)", method: .get)
      #expect(during.text.contains("href=\"/f/\(token)/evaluation\""))
    }
  }

  @Test func theEvaluationClosesAtTheNextMeeting() async throws {
    let harness = try ServerHarness()
    harness.setNow(Date(timeIntervalSince1970: 1_370_300_000))  // 4 June 2013, after the next meeting began
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      let page = try await client.execute(uri: "/f/\(token)/evaluation", method: .get)
      #expect(page.text.contains("Evalueringen er ikke åben nu"))
      let posted = try await client.execute(
        uri: "/f/\(token)/evaluation", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("s1", "5")]))
      #expect(posted.status == .forbidden)
    }
    #expect(try await harness.store.evaluations(series: "civilsamfundet", program: "2013-04-18").answered == 0)
  }

  /// Before anything is saved for the meeting, and with no sign-in sheet typed in, everyone
  /// on the roster is ticked but who sent apologies, and the page says so; once saved, the
  /// page shows what was saved. Who sent apologies says so after the name either way.
  @Test func theAttendanceStartsFromTheRosterLessWhoSentApologies() async throws {
    let harness = try ServerHarness()
    let file = harness.folder.appendingPathComponent("programs/civilsamfundet/2013-04-18.yaml")
    try (String(contentsOf: file, encoding: .utf8) + "\nabsent: [Karen Østergaard]\n")
      .write(to: file, atomically: true, encoding: .utf8)
    try FileManager.default.removeItem(
      at: harness.folder.appendingPathComponent("programs/civilsamfundet/attendance/2013-04-18.yaml"))
    try await harness.test { client in
      let uri = "/facilitator/civilsamfundet/2013-04-18/attendance"
      let page = try await client.execute(uri: uri, method: .get, headers: ServerHarness.facilitatorHeaders)
      #expect(page.text.contains("Intet er gemt endnu: alle på deltagerlisten er krydset af"))
      #expect(page.text.contains("Karen Østergaard (Hvidovre Bibliotekerne) – meldt afbud</label>"))
      let proposed = try Self.ticks(page.text)
      #expect(proposed.count == 8)
      #expect(proposed.filter(\.value).count == 7 && proposed["Karen Østergaard"] == false, "\(proposed)")

      // Ali Demir did not come either: unticked and saved.
      let kept = try proposed.filter { $0.value && $0.key != "Ali Demir" }.keys.map {
        try #require(try harness.participantID($0))
      }
      var headers = ServerHarness.facilitatorHeaders
      headers[.contentType] = "application/x-www-form-urlencoded"
      _ = try await client.execute(
        uri: uri, method: .post, headers: headers,
        body: ServerHarness.form(
          [("csrf", try require(ServerHarness.csrf(in: page.text)))] + kept.map { ("p\($0)", "1") }))
      let saved = try await client.execute(uri: uri, method: .get, headers: ServerHarness.facilitatorHeaders)
      #expect(!saved.text.contains("Intet er gemt endnu"))
      #expect(saved.text.contains("Karen Østergaard (Hvidovre Bibliotekerne) – meldt afbud</label>"))
      let after = try Self.ticks(saved.text)
      #expect(after.filter(\.value).count == 6 && after["Ali Demir"] == false && after["Karen Østergaard"] == false)
    }
  }

  /// With the sign-in sheet typed in (`attendance/2013-04-18.yaml`: all but Søren Bæk), the
  /// boxes start from it, so a save made only to add a walk-in adds nobody it left out.
  @Test func theAttendanceStartsFromTheSignInSheetTypedIn() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let uri = "/facilitator/civilsamfundet/2013-04-18/attendance"
      let page = try await client.execute(uri: uri, method: .get, headers: ServerHarness.facilitatorHeaders)
      #expect(page.text.contains("afkrydset er dem, der står som mødt i attendance/2013-04-18.yaml"), "\(page.text)")
      let ticks = try Self.ticks(page.text)
      #expect(ticks.count == 8 && ticks.filter { !$0.value }.keys.sorted() == ["Søren Bæk"], "\(ticks)")
    }
  }

  /// Who came without being on the roster is written in, a name a line: kept once each, as
  /// written, in order; a name on the roster ticks its box instead; the page shows them
  /// again, `build --db` reads them, and deleting the name removes it.
  @Test func walkInsAreWrittenInAndKept() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let uri = "/facilitator/civilsamfundet/2013-04-18/attendance"
      let page = try await client.execute(uri: uri, method: .get, headers: ServerHarness.facilitatorHeaders)
      #expect(page.text.contains("<label for=\"walk-ins\">Kom uden at være tilmeldt (et navn pr. linje)</label>"))
      var headers = ServerHarness.facilitatorHeaders
      headers[.contentType] = "application/x-www-form-urlencoded"
      let typed = "Nina  Holm\n  ali demir \n\nnina holm\nOle Bak\n" + String(repeating: "x", count: 201)
      let posted = try await client.execute(
        uri: uri, method: .post, headers: headers,
        body: ServerHarness.form([("csrf", try require(ServerHarness.csrf(in: page.text))), ("walk-ins", typed)]))
      // The line too long to be a name is said, not lost in silence.
      #expect(posted.headers[.location] == uri + "?saved=1&skipped=1")
      let told = try await client.execute(
        uri: uri + "?saved=1&skipped=1", method: .get, headers: ServerHarness.facilitatorHeaders)
      #expect(told.text.contains("Linjer over 200 tegn er ikke et navn og blev ikke gemt: 1."), "\(told.text)")
      let saved = try await client.execute(uri: uri, method: .get, headers: ServerHarness.facilitatorHeaders)
      #expect(saved.text.contains(">Nina Holm\nOle Bak</textarea>"), "\(saved.text)")
      #expect(try Self.ticks(saved.text).filter(\.value).keys.sorted() == ["Ali Demir"])
    }
    let recorded = try harness.store.recordedAttendance(series: "civilsamfundet", program: "2013-04-18")
    #expect(recorded?.present == ["Ali Demir"] && recorded?.walkIns == ["Nina Holm", "Ole Bak"])
    // In any case, as the page compares names.
    let removed = try harness.store.deleteParticipant(named: "ole bak", series: nil)
    #expect(removed.participants == 0 && removed.walkIns == 1)
    #expect(
      try harness.store.recordedAttendance(series: "civilsamfundet", program: "2013-04-18")?.walkIns == ["Nina Holm"])
  }

  /// Each name on the attendance page and whether its box is ticked.
  static func ticks(_ page: String) throws -> [String: Bool] {
    let label = try Regex(#"<label for="p\d+"><input ([^>]*)/> ([^(<]+?) \("#)
    return Dictionary(
      uniqueKeysWithValues: page.matches(of: label).map {
        (String($0.output[2].substring ?? ""), $0.output[1].substring?.contains("checked") == true)
      })
  }

  @Test func theFacilitatorTicksWhoWasThereAndSeesTheResults() async throws {
    let harness = try ServerHarness()
    let present = ["Lone Bisgaard", "Jakob Friis", "Karen Østergaard"]
    let ids = try present.map { try #require(try harness.participantID($0)) }
    try await harness.test { client in
      let uri = "/facilitator/civilsamfundet/2013-04-18/attendance"
      let page = try await client.execute(uri: uri, method: .get, headers: ServerHarness.facilitatorHeaders)
      #expect(page.status == .ok)
      #expect(page.text.components(separatedBy: "type=\"checkbox\"").count - 1 == 8)
      let csrf = try require(ServerHarness.csrf(in: page.text))
      var headers = ServerHarness.facilitatorHeaders
      headers[.contentType] = "application/x-www-form-urlencoded"
      let saved = try await client.execute(
        uri: uri, method: .post, headers: headers,
        body: ServerHarness.form([("csrf", csrf)] + ids.map { ("p\($0)", "1") }))
      #expect(saved.headers[.location] == uri + "?saved=1")
      let notice = try await client.execute(
        uri: uri + "?saved=1", method: .get, headers: ServerHarness.facilitatorHeaders)
      #expect(notice.text.contains("Fremmødet er gemt.") && !notice.text.contains("Dine svar"))
      let reloaded = try await client.execute(uri: uri, method: .get, headers: ServerHarness.facilitatorHeaders)
      #expect(reloaded.text.components(separatedBy: "checked=\"checked\"").count - 1 == 3)
      // Without the key, nothing.
      #expect(try await client.execute(uri: uri, method: .get).status == .unauthorized)

      _ = try await Self.evaluate(client, try harness.token("Ali Demir"), [("s1", "5"), ("o2", "Mere tid")])
      let results = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/evaluation", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      #expect(results.text.contains("1 besvarelse<"))
      #expect(results.text.contains("<li class=\"answer\">Mere tid</li>"))
    }
    // `build --db` reads the ticks for the course report.
    let attendance = try harness.store.recordedAttendance(series: "civilsamfundet", program: "2013-04-18")
    #expect(attendance?.present == present && attendance?.walkIns == [])
  }
}

extension RecordTests {
  /// The course's last meeting (3 June) has an evaluation but no follow-up exercise: its
  /// links open the evaluation, the facilitator ticks attendance and reads the results, and
  /// the start page lists it without a tracker.
  @Test func aMeetingWithoutAFollowUpHasItsEvaluationAndAttendance() async throws {
    let harness = try ServerHarness()
    let participants = try await harness.store.participants(series: "civilsamfundet")
    let links = try harness.store.issueLinks(
      series: "civilsamfundet", program: "2013-06-03", for: participants, reissue: false)
    let token = try require(links.first { $0.participant.name == "Lone Bisgaard" }?.token)
    harness.setNow(Date(timeIntervalSince1970: 1_370_260_800))  // 3 June 2013, 14.00 in Copenhagen
    try await harness.test { client in
      let opened = try await client.execute(uri: "/f/\(token)", method: .get)
      #expect(opened.status == .seeOther)
      #expect(opened.headers[.location] == "/f/\(token)/evaluation")
      let posted = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders, body: ServerHarness.form([("q1", "x")]))
      #expect(posted.status == .notFound)
      let saved = try await Self.evaluate(client, token, [("s1", "5"), ("s2", "4"), ("s3", "4")])
      #expect(saved.headers[.location] == "/f/\(token)/evaluation?saved=1")

      let facilitator = ServerHarness.facilitatorHeaders
      let start = try await client.execute(uri: "/facilitator", method: .get, headers: facilitator)
      let line = try require(
        start.text.components(separatedBy: "<li").first { $0.contains("2013-06-03") }, "the start page lists 3 June")
      #expect(!line.contains("href=\"/facilitator/civilsamfundet/2013-06-03\""), "no tracker without a follow-up")
      for page in ["attendance", "evaluation", "today"] {
        #expect(line.contains("href=\"/facilitator/civilsamfundet/2013-06-03/\(page)\""), "\(page)")
      }
      let april = try require(start.text.components(separatedBy: "<li").first { $0.contains("2013-04-18") })
      #expect(april.contains("href=\"/facilitator/civilsamfundet/2013-04-18\""))
      let tracker = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-06-03", method: .get, headers: facilitator)
      #expect(tracker.status == .notFound)
      let attendance = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-06-03/attendance", method: .get, headers: facilitator)
      #expect(attendance.status == .ok)
      let results = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-06-03/evaluation", method: .get, headers: facilitator)
      #expect(results.text.contains("1 besvarelse<"))
    }
  }
}

extension ServerHarness {
  func participantID(_ name: String) throws -> Int64? {
    try store.participants(series: "civilsamfundet").first { $0.name == name }?.id
  }
}
