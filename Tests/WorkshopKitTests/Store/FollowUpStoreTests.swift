import Foundation
import GRDB
import Testing
import WorkshopKit

@testable import WorkshopKitStore

/// The follow-up database: schema, participants, links, answers, deletion, the secret.
@Suite struct FollowUpStoreTests {
  @Test func aNewFileGetsTheSchemaThroughNamedMigrationsInWALMode() throws {
    let scratch = try KitScratch()
    let store = try StoreFixture.store(scratch)
    let (migrations, tables, journal, foreignKeys) = try store.pool.read { db in
      (
        try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"),
        try String.fetchAll(
          db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"),
        try String.fetchOne(db, sql: "PRAGMA journal_mode"),
        try Int.fetchOne(db, sql: "PRAGMA foreign_keys")
      )
    }
    #expect(migrations == ["v1", "v2", "v3", "v4"])
    #expect(
      tables == [
        "answer", "attendance", "evaluation", "evaluationDone", "grdb_migrations", "link", "participant", "setting",
        "walkIn",
      ])
    #expect(journal == "wal")
    #expect(foreignKeys == 1)
    let writerSynchronous = try store.pool.writeWithoutTransaction { db in
      try Int.fetchOne(db, sql: "PRAGMA synchronous")
    }
    #expect(writerSynchronous == 2, "FULL: an acknowledged save is on disk")
    // Opening it again migrates nothing and keeps the data.
    _ = try store.syncParticipants(series: "s", [Participant(name: "A")])
    let again = try StoreFixture.store(scratch)
    #expect(try again.participants(series: "s").map(\.name) == ["A"])
  }

  @Test func participantsAreUpsertedByNameWithStableIDs() throws {
    let scratch = try KitScratch()
    let store = try StoreFixture.store(scratch)
    let first = try store.syncParticipants(series: "civilsamfundet", StoreFixture.roster)
    #expect(first.map(\.name) == ["Lone Bisgaard", "Jakob Friis", "Mette Laursen"])
    #expect(first[0].pair == "A" && first[0].email == "lone.bisgaard@example.org")
    var changed = StoreFixture.roster
    changed[0].email = "lone@example.org"
    changed.insert(Participant(name: "Ali Demir", pair: "C"), at: 1)
    let second = try store.syncParticipants(series: "civilsamfundet", changed)
    #expect(second.map(\.id) == [first[0].id, second[1].id, first[1].id, first[2].id])
    #expect(!first.map(\.id).contains(second[1].id))
    #expect(second[0].email == "lone@example.org")
    #expect(try store.participants(series: "civilsamfundet").map(\.name).count == 4)
    // The same name in another series is another person.
    let other = try store.syncParticipants(series: "andet", [Participant(name: "Lone Bisgaard")])
    #expect(other[0].id != first[0].id && other[0].series == "andet")
  }

  @Test func tokensAreLongRandomAndUnique() throws {
    let scratch = try KitScratch()
    let (store, participants, links) = try StoreFixture.populated(scratch)
    let reissued = try store.issueLinks(
      series: StoreFixture.series, program: StoreFixture.program, for: participants, reissue: true)
    let tokens = (links + reissued).compactMap(\.token)
    #expect(tokens.count == 6)
    #expect(Set(tokens).count == 6)
    for token in tokens {
      #expect(token.count == 43, "32 bytes in base64url without padding")
      #expect(token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
      let bytes = try #require(StoreFixture.decodeBase64URL(token))
      #expect(bytes.count * 8 >= 128)
    }
    // Many tokens: no repeats, and every bit position varies.
    let many = (0..<500).map { _ in LinkToken.generate() }
    #expect(Set(many).count == 500)
    let decoded = many.compactMap(StoreFixture.decodeBase64URL)
    let ones = decoded.reduce(into: [UInt8](repeating: 0, count: 32)) { or, bytes in
      for index in 0..<32 { or[index] |= bytes[index] }
    }
    let zeros = decoded.reduce(into: [UInt8](repeating: 0xFF, count: 32)) { and, bytes in
      for index in 0..<32 { and[index] &= bytes[index] }
    }
    #expect(ones.allSatisfy { $0 == 0xFF } && zeros.allSatisfy { $0 == 0 })
  }

  @Test func onlyTheHashOfATokenIsStored() throws {
    let scratch = try KitScratch()
    let (store, _, links) = try StoreFixture.populated(scratch)
    _ = try store.pool.writeWithoutTransaction { db in try db.checkpoint(.full) }
    let disk = try StoreFixture.bytesOnDisk(store)
    for token in links.compactMap(\.token) {
      #expect(!disk.contains(bytes: Array(token.utf8)), "the token's text is not in the database files")
      let raw = try #require(StoreFixture.decodeBase64URL(token))
      #expect(!disk.contains(bytes: raw), "nor its random bytes")
      #expect(disk.contains(bytes: LinkToken.hash(token)), "its SHA-256 is")
    }
    let stored = try store.pool.read { db in try Data.fetchAll(db, sql: "SELECT tokenHash FROM link") }
    #expect(stored.count == 3 && stored.allSatisfy { $0.count == 32 })
  }

  @Test func aTokenOpensItsParticipantsFormAndNoOther() throws {
    let scratch = try KitScratch()
    let (store, participants, links) = try StoreFixture.populated(scratch)
    for (participant, link) in zip(participants, links) {
      let record = try #require(try store.link(forToken: try link.requiredToken()))
      #expect(record.participant == participant)
      #expect(record.series == "civilsamfundet" && record.program == "2013-04-18")
    }
    let token = try links[0].requiredToken()
    var altered = Array(token)
    altered[10] = altered[10] == "A" ? "B" : "A"
    for wrong in [
      String(altered), LinkToken.generate(), "", "x", String(token.dropLast()), token + "A",
      token.uppercased() == token ? token.lowercased() : token.uppercased(), "../../etc/passwd",
      String(repeating: "A", count: 100_000), "' OR 1=1 --",
    ] {
      #expect(try store.link(forToken: wrong) == nil, "\(wrong.prefix(50))")
    }
  }

  @Test func existingLinksAreKeptUnlessReissuedAndReissuingRevokesTheOldOnes() throws {
    let scratch = try KitScratch()
    let (store, participants, links) = try StoreFixture.populated(scratch)
    let again = try store.issueLinks(
      series: StoreFixture.series, program: StoreFixture.program, for: participants, reissue: false)
    #expect(again.allSatisfy { $0.token == nil })
    #expect(again.map(\.participant) == participants)
    #expect(try store.link(forToken: try links[0].requiredToken()) != nil, "still works")
    // A newcomer gets a link; the others are left alone.
    let newcomer = try store.syncParticipants(series: StoreFixture.series, [Participant(name: "Ali Demir")])
    let mixed = try store.issueLinks(
      series: StoreFixture.series, program: StoreFixture.program, for: participants + newcomer, reissue: false)
    #expect(mixed.map { $0.token != nil } == [false, false, false, true])
    // Another meeting has links of its own.
    let june = try store.issueLinks(
      series: StoreFixture.series, program: "2013-06-03", for: participants, reissue: false)
    #expect(june.allSatisfy { $0.token != nil })
    let reissued = try store.issueLinks(
      series: StoreFixture.series, program: StoreFixture.program, for: participants, reissue: true)
    for (old, new) in zip(links, reissued) {
      #expect(try store.link(forToken: try old.requiredToken()) == nil, "the old link stops working")
      #expect(try store.link(forToken: try new.requiredToken())?.participant == old.participant)
    }
    #expect(try store.link(forToken: try june[0].requiredToken())?.program == "2013-06-03")
  }

  @Test func linksForAParticipantOfAnotherSeriesAreRefused() throws {
    let scratch = try KitScratch()
    let (store, participants, _) = try StoreFixture.populated(scratch)
    #expect(throws: StoreError.self) {
      try store.issueLinks(series: "andet", program: "2013-04-18", for: participants, reissue: false)
    }
  }

  @Test func answersAreSavedEditedAndReadBack() throws {
    let scratch = try KitScratch()
    let (store, participants, _) = try StoreFixture.populated(scratch)
    let lone = participants[0]
    #expect(try store.answer(series: "civilsamfundet", program: "2013-04-18", participantID: lone.id) == nil)
    let saved = try store.save(
      AnswerSubmission(
        series: "civilsamfundet", program: "2013-04-18", participantID: lone.id,
        responses: ["Invitere beboerrådgiveren", "", "Ungdomsklubben"], status: .inProgress, stage: "Date",
        source: .online))
    #expect(saved.responses == ["Invitere beboerrådgiveren", "", "Ungdomsklubben"])
    #expect(saved.status == .inProgress && saved.stage == "Date" && saved.source == .online)
    #expect(saved.updatedAt.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil, "\(saved.updatedAt)")
    #expect(try store.answer(series: "civilsamfundet", program: "2013-04-18", participantID: lone.id) == saved)

    let edited = AnswerSubmission(
      series: "civilsamfundet", program: "2013-04-18", participantID: lone.id,
      responses: ["Invitere beboerrådgiveren til kaffe", "Dagsorden", "Ungdomsklubben", "Prøveeftermiddag"],
      status: .done, stage: nil)
    let resaved = try store.save(edited)
    #expect(resaved.responses == edited.responses && resaved.status == .done && resaved.stage == nil)
    #expect(resaved.updatedAt >= saved.updatedAt)
    #expect(try store.answer(series: "civilsamfundet", program: "2013-04-18", participantID: lone.id) == resaved)
    // Not visible under another meeting or series.
    #expect(try store.answer(series: "civilsamfundet", program: "2013-06-03", participantID: lone.id) == nil)
    #expect(try store.answer(series: "andet", program: "2013-04-18", participantID: lone.id) == nil)

    _ = try store.save(
      AnswerSubmission(
        series: "civilsamfundet", program: "2013-04-18", participantID: participants[2].id, responses: ["Kort"],
        source: .paper))
    let all = try store.answers(series: "civilsamfundet", program: "2013-04-18")
    #expect(all.map(\.participant.name) == ["Lone Bisgaard", "Mette Laursen"], "by name")
    #expect(all.map(\.answer.source) == [.online, .paper])
  }

  @Test func anAnswerForAnUnknownParticipantIsRefused() throws {
    let scratch = try KitScratch()
    let (store, participants, _) = try StoreFixture.populated(scratch)
    #expect(throws: StoreError.self) {
      try store.save(
        AnswerSubmission(series: "civilsamfundet", program: "2013-04-18", participantID: 9999, responses: []))
    }
    #expect(throws: StoreError.self) {
      try store.save(
        AnswerSubmission(series: "andet", program: "2013-04-18", participantID: participants[0].id, responses: []))
    }
  }

  /// 40 participants, each saving 10 versions from its own task, all at once: every
  /// participant ends with their own last version, and nothing is mixed up.
  @Test(.timeLimit(.minutes(1))) func concurrentSavesAllLand() async throws {
    let scratch = try KitScratch()
    let store = try StoreFixture.store(scratch)
    let roster = (0..<40).map { Participant(name: "Deltager \($0)", pair: "P\($0 / 2)") }
    let participants = try await store.syncParticipants(series: "last", roster)
    let acknowledged = try await withThrowingTaskGroup(of: [StoredAnswer].self) { group in
      for participant in participants {
        group.addTask {
          var saved: [StoredAnswer] = []
          for version in 0..<10 {
            saved.append(
              try store.save(
                AnswerSubmission(
                  series: "last", program: "p", participantID: participant.id,
                  responses: ["\(participant.name) version \(version)", "svar \(version)"],
                  status: version == 9 ? .done : .inProgress)))
          }
          return saved
        }
      }
      return try await group.reduce(into: []) { $0 += $1 }
    }
    #expect(acknowledged.count == 400)
    let stored = try await store.answers(series: "last", program: "p")
    #expect(stored.count == 40)
    for (participant, answer) in stored {
      #expect(answer.participantID == participant.id)
      #expect(answer.responses == ["\(participant.name) version 9", "svar 9"])
      #expect(answer.status == .done)
    }
    // A second store on the same file (another process, as it were) sees the same.
    let reopened = try StoreFixture.store(scratch)
    #expect(try await reopened.answers(series: "last", program: "p").map(\.answer) == stored.map(\.answer))
  }

  @Test func deletingAParticipantRemovesTheirLinksAndAnswersFromDisk() throws {
    let scratch = try KitScratch()
    let (store, participants, links) = try StoreFixture.populated(scratch)
    let secretAnswer = "Hemmelig plan om lektiecafé 4711"
    for participant in participants {
      _ = try store.save(
        AnswerSubmission(
          series: "civilsamfundet", program: "2013-04-18", participantID: participant.id,
          responses: [participant.id == participants[1].id ? secretAnswer : "Andet svar"]))
    }
    #expect(try StoreFixture.bytesOnDisk(store).contains(bytes: Array(secretAnswer.utf8)))
    #expect(try store.deleteParticipant(named: "Jakob Friis", series: "andet").participants == 0)
    #expect(try store.deleteParticipant(named: "Jakob Friis", series: "civilsamfundet").participants == 1)
    #expect(try store.link(forToken: try links[1].requiredToken()) == nil)
    #expect(try store.link(forToken: try links[0].requiredToken()) != nil)
    #expect(try store.answer(series: "civilsamfundet", program: "2013-04-18", participantID: participants[1].id) == nil)
    #expect(
      try store.answers(series: "civilsamfundet", program: "2013-04-18").map(\.participant.name) == [
        "Lone Bisgaard", "Mette Laursen",
      ])
    #expect(try store.participants(series: "civilsamfundet").map(\.name) == ["Lone Bisgaard", "Mette Laursen"])
    let rows = try store.pool.read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM link WHERE participantId = ?", arguments: [participants[1].id])
    }
    #expect(rows == 0)
    #expect(!(try StoreFixture.bytesOnDisk(store).contains(bytes: Array(secretAnswer.utf8))), "overwritten on disk")
    #expect(try store.deleteParticipant(named: "Jakob Friis", series: nil).participants == 0)
  }

  /// A database migrated `upTo` an older release, with participant 1 (`A` of series `s`)
  /// and what `sql` puts in, opened as this release opens it.
  static func olderDatabase(in scratch: KitScratch, upTo migration: String, _ sql: String) async throws
    -> FollowUpStore
  {
    let path = scratch.path("followups.sqlite").path
    do {
      let old = try DatabaseQueue(path: path)
      try StoreSchema.migrator.migrate(old, upTo: migration)
      try await old.write { db in
        try db.execute(sql: "INSERT INTO participant (series, name) VALUES ('s', 'A')")
        try db.execute(sql: sql)
      }
    }
    return try FollowUpStore(path: path, busyTimeout: 5)
  }

  /// A database of the last release (migrations v1 and v2, attendance ticked) gets the
  /// walk-ins' table when opened, and keeps what it held.
  @Test func aDatabaseOfTheLastReleaseGetsTheWalkInsAndKeepsItsAttendance() async throws {
    let scratch = try KitScratch()
    let store = try await Self.olderDatabase(
      in: scratch, upTo: "v2", "INSERT INTO attendance (participantId, program, present) VALUES (1, 'p', 1)")
    #expect(try store.recordedAttendance(series: "s", program: "p") == Attendance(present: ["A"]))
    try await store.setAttendance(series: "s", program: "p", present: [1: true], walkIns: ["B", "C"])
    #expect(try store.recordedAttendance(series: "s", program: "p") == Attendance(present: ["A"], walkIns: ["B", "C"]))
    let removed = try store.deleteParticipant(named: "C", series: "s")
    #expect(removed.participants == 0 && removed.walkIns == 1)
  }

  /// A database of the last release (to v3) gets the answers' questions when opened: its
  /// answers read as they were, with no questions, and a save after keeps them.
  @Test func aDatabaseOfTheLastReleaseKeepsItsAnswersAndGainsTheirQuestions() async throws {
    let scratch = try KitScratch()
    let store = try await Self.olderDatabase(
      in: scratch, upTo: "v3",
      "INSERT INTO answer (participantId, program, responses, source, updatedAt) "
        + "VALUES (1, 'p', '[\"ja\",\"nej\"]', 'online', '2013-05-01T10:00:00.000Z')")
    let before = try #require(try await store.answer(series: "s", program: "p", participantID: 1))
    #expect(before.responses == ["ja", "nej"] && before.questions == nil)
    #expect(before.responses(alignedTo: ["Ny?", "Hvad?", "Hvem?"]) == ["ja", "nej"], "no questions: as it is")
    _ = try await store.saveResponses(
      AnswerSubmission(series: "s", program: "p", participantID: 1, responses: ["ja"], questions: ["Hvad?"]))
    #expect(try await store.answer(series: "s", program: "p", participantID: 1)?.questions == ["Hvad?"])
  }

  @Test func deletingWithoutASeriesRemovesTheNameEverywhere() throws {
    let scratch = try KitScratch()
    let store = try StoreFixture.store(scratch)
    _ = try store.syncParticipants(series: "a", [Participant(name: "Ali Demir"), Participant(name: "B")])
    _ = try store.syncParticipants(series: "b", [Participant(name: "Ali Demir")])
    #expect(try store.deleteParticipant(named: "Ali Demir", series: nil).participants == 2)
    #expect(try store.participants(series: "a").map(\.name) == ["B"])
  }

  @Test func theSecretIsMadeOnceAndKept() async throws {
    let scratch = try KitScratch()
    let store = try StoreFixture.store(scratch)
    let secret = try await store.secret()
    #expect(secret.count == 32)
    #expect(secret != [UInt8](repeating: 0, count: 32))
    #expect(try await store.secret() == secret)
    #expect(try await StoreFixture.store(scratch).secret() == secret, "survives a restart")
    let other = try KitScratch()
    #expect(try await StoreFixture.store(other).secret() != secret)
  }
}

/// Revisions: every save counts one up, and a save made against an old revision is refused.
@Suite struct StoreRevisionTests {
  /// Through the `async` methods the server awaits.
  @Test func aSaveAgainstAnOutOfDateRevisionWritesNothing() async throws {
    let scratch = try KitScratch()
    let (store, participants, _) = try StoreFixture.populated(scratch)
    let someone = try #require(participants.first)
    func answer(_ text: String, _ status: FollowUpAnswer.Status? = nil) -> AnswerSubmission {
      AnswerSubmission(
        series: StoreFixture.series, program: StoreFixture.program, participantID: someone.id, responses: [text],
        status: status)
    }
    #expect(try await store.save(answer("paper first"), ifRevision: 1) == nil, "no answer yet: revision nil")
    let first = try #require(try await store.save(answer("paper first"), ifRevision: nil))
    #expect(first.revision == 1)
    let online = try await store.saveResponses(answer("online, newer"))
    #expect(online.revision == 2)
    #expect(try await store.save(answer("stale", .done), ifRevision: 1) == nil)
    let kept = try await store.answer(
      series: StoreFixture.series, program: StoreFixture.program, participantID: someone.id)
    #expect(kept?.responses == ["online, newer"])
    #expect(kept?.status == nil)
    let current = try #require(try await store.save(answer("online, newer", .done), ifRevision: 2))
    #expect(current.revision == 3)
    #expect(current.status == .done)
  }
}
