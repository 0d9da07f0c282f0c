import Foundation
import GRDB
import Testing
import WorkshopKit

@testable import WorkshopKitStore

/// Every way the database can fail a user gets its own error and message.
@Suite struct StoreErrorTests {
  @Test func aMissingFolderSaysWhichAndWhatToDo() throws {
    let scratch = try KitScratch()
    let path = scratch.path("nope/followups.sqlite").path
    #expect(throws: StoreError.folderMissing(path)) { try FollowUpStore(path: path) }
    #expect(
      StoreError.folderMissing(path).description
        == "the folder \(scratch.path("nope").path) for the database does not exist; create it or pass --db")
    #expect(!FileManager.default.fileExists(atPath: scratch.path("nope").path), "nothing is created")
  }

  @Test func aTextFileIsNotADatabase() throws {
    let scratch = try KitScratch()
    let file = try scratch.write("notes.sqlite", String(repeating: "Dette er ikke en database.\n", count: 100))
    #expect(throws: StoreError.notADatabase(file.path)) { try FollowUpStore(path: file.path) }
    #expect(
      StoreError.notADatabase(file.path).description == "\(file.path) is not a WorkshopKit database (or is damaged)")
    #expect(try KitFiles.text(file).hasPrefix("Dette er ikke"), "the file is left alone")
  }

  @Test func anotherProgramsDatabaseIsNotTakenOver() throws {
    let scratch = try KitScratch()
    let path = scratch.path("other.sqlite").path
    let other = try DatabaseQueue(path: path)
    try other.write { db in try db.execute(sql: "CREATE TABLE kunder (id INTEGER PRIMARY KEY, navn TEXT)") }
    try other.close()
    #expect(throws: StoreError.notADatabase(path)) { try FollowUpStore(path: path) }
  }

  @Test func aDatabaseFromANewerVersionIsRefusedInWords() throws {
    let scratch = try KitScratch()
    let store = try StoreFixture.store(scratch)
    try store.pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99')") }
    let error = try #require(throws: StoreError.self) { try StoreFixture.store(scratch) }
    #expect(error.description.contains("newer version of WorkshopKit"), "\(error)")
  }

  @Test func aFolderInPlaceOfTheFileIsRefused() throws {
    let scratch = try KitScratch()
    try FileManager.default.createDirectory(at: scratch.path("db.sqlite"), withIntermediateDirectories: true)
    let error = try #require(throws: StoreError.self) { try StoreFixture.store(scratch, "db.sqlite") }
    #expect(error.description.contains("it is a folder"), "\(error)")
  }

  /// A second connection holds an exclusive transaction: writes give up after the busy
  /// timeout with `locked`, reads still work (WAL), and once the lock is gone all is well.
  @Test(.timeLimit(.minutes(1))) func aLockedDatabaseSaysSo() throws {
    let scratch = try KitScratch()
    let store = try StoreFixture.store(scratch, busyTimeout: 0.2)
    let participants = try store.syncParticipants(series: "s", [Participant(name: "A")])
    let other = try DatabaseQueue(path: store.path)
    try other.writeWithoutTransaction { db in
      try db.execute(sql: "BEGIN EXCLUSIVE TRANSACTION")
      try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('held', x'00')")
      let answer = AnswerSubmission(series: "s", program: "p", participantID: participants[0].id, responses: ["x"])
      #expect(throws: StoreError.locked(store.path)) { try store.save(answer) }
      #expect(throws: StoreError.locked(store.path)) {
        try store.issueLinks(series: "s", program: "p", for: participants, reissue: false)
      }
      #expect(throws: StoreError.locked(store.path)) {
        try store.syncParticipants(series: "s", [Participant(name: "B")])
      }
      #expect(try store.participants(series: "s").count == 1, "readers are not blocked")
      try db.execute(sql: "ROLLBACK")
    }
    try other.close()
    #expect(
      StoreError.locked(store.path).description.hasPrefix(
        "the database \(store.path) is locked by another process; "))
    let saved = try store.save(
      AnswerSubmission(series: "s", program: "p", participantID: participants[0].id, responses: ["x"]))
    #expect(saved.responses == ["x"])
  }

  /// A failing source is a located `read-error` on the program whose recap needs it; the
  /// other programs still build.
  @Test func aFailingDatabaseIsAReadErrorOnTheNextMeeting() throws {
    struct Failing: FollowUpAnswerSource {
      func followUpAnswers(series: String, program: String, exercise: Exercise, language: Language) throws
        -> [FollowUpAnswer]
      {
        throw StoreError.locked("db.sqlite")
      }
    }
    let output = try KitScratch()
    let builder = KitBuilder(
      exerciseDirectory: KitRepo.exercises.path, outputDirectory: output.url.path, answers: Failing())
    let folder = KitRepo.programs.appendingPathComponent("civilsamfundet")
    let report = builder.build(programFiles: [
      folder.appendingPathComponent("2013-04-18.yaml").path, folder.appendingPathComponent("2013-06-03.yaml").path,
    ])
    #expect(report.builtCount == 1)
    #expect(report.failedPrograms == [folder.appendingPathComponent("2013-06-03.yaml").path])
    let failure =
      "cannot read the online follow-up answers of civilsamfundet/2013-04-18: the database db.sqlite is locked by "
      + "another process; try again in a moment, or stop the other process that is writing to it"
    // The 18 April tracker is built from the paper answers alone, and says so.
    #expect(
      report.diagnostics.map(\.description) == [
        "\(folder.path)/2013-04-18.yaml:1:1: warning: [read-error] \(failure); its tracker shows only the answers "
          + "typed in from paper",
        "\(folder.path)/2013-06-03.yaml:1:1: error: [read-error] \(failure)",
      ])
  }
}
