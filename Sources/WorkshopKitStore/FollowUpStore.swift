import Foundation
import GRDB
import WorkshopKit

/// Follow-up answers in SQLite: the participants of each series, their personal links
/// (hashed tokens), their answers per meeting, and the server's signing secret.
///
/// One file, opened as a GRDB `DatabasePool` in WAL mode: any number of readers beside one
/// writer, safe to share between threads and tasks. Every write runs in a transaction with
/// `PRAGMA synchronous = FULL`, so a save that returned is on disk; a writer that finds the
/// database locked waits up to the busy timeout (5 seconds) before giving up with
/// `StoreError.locked`. Deleted rows are overwritten (`secure_delete`).
public final class FollowUpStore: Sendable {
  /// Where `workshopkit` keeps the database unless told otherwise (`--db`).
  public static let defaultPath = "output/followups.sqlite"

  /// The database file, as given.
  public let path: String
  let pool: DatabasePool

  /// Opens the database at `path`, creating it and its tables when the file is new.
  /// The folder must exist.
  public convenience init(path: String) throws(StoreError) {
    try self.init(path: path, busyTimeout: 5)
  }

  /// As `init(path:)`, waiting at most `busyTimeout` seconds for another writer's lock.
  public init(path: String, busyTimeout: TimeInterval) throws(StoreError) {
    self.path = path
    var isDirectory: ObjCBool = false
    let folder = StoreError.folder(of: path)
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw .folderMissing(path)
    }
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      throw .failed("the database \(path) cannot be opened: it is a folder, not a file")
    }
    var configuration = Configuration()
    configuration.busyMode = .timeout(busyTimeout)
    configuration.label = "WorkshopKit follow-ups"
    configuration.prepareDatabase { db in
      // A removed participant's data is overwritten, not just unlinked.
      try db.execute(sql: "PRAGMA secure_delete = ON")
    }
    let opened: DatabasePool
    do {
      opened = try DatabasePool(path: path, configuration: configuration)
      // After GRDB's WAL set-up, which chooses NORMAL: FULL syncs the WAL on every
      // commit, so an acknowledged save survives a power cut, not only a crash.
      try opened.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
      let needsMigration = try opened.read { db in try Self.inspect(db, path: path) }
      if needsMigration { try StoreSchema.migrator.migrate(opened) }
    } catch {
      throw StoreError.from(error, path: path)
    }
    pool = opened
  }

  /// Whether migrations are due; throws when the file is another program's database or
  /// was written by a newer WorkshopKit.
  private static func inspect(_ db: Database, path: String) throws -> Bool {
    let tables = try String.fetchAll(
      db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    if tables.isEmpty { return true }
    guard tables.contains("grdb_migrations") else { throw StoreError.notADatabase(path) }
    let migrator = StoreSchema.migrator
    if try migrator.hasBeenSuperseded(db) {
      throw StoreError.failed(
        "the database \(path) was written by a newer version of WorkshopKit (or by another program); "
          + "update WorkshopKit or pass another --db")
    }
    return try !migrator.hasCompletedMigrations(db)
  }

  // MARK: - Participants

  /// Adds or updates each participant of `series` by name and returns them as stored, in
  /// the order given. Ids never change, so links and answers stay with their person;
  /// participants missing from `participants` are kept (see `deleteParticipant`).
  public func syncParticipants(series: String, _ participants: [Participant]) throws(StoreError)
    -> [StoredParticipant]
  {
    try write { db in
      try participants.map { participant in
        let id = try Int64.fetchOne(
          db,
          sql: """
            INSERT INTO participant (series, name, email, organisation, pair) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (series, name) DO UPDATE SET
              email = excluded.email, organisation = excluded.organisation, pair = excluded.pair
            RETURNING id
            """,
          arguments: [series, participant.name, participant.email, participant.organisation, participant.pair])
        guard let id else { throw StoreError.failed("the participant \(participant.name) could not be saved") }
        return StoredParticipant(
          id: id, series: series, name: participant.name, email: participant.email,
          organisation: participant.organisation, pair: participant.pair)
      }
    }
  }

  /// Every participant of `series`, in the order they were first added (the roster's).
  public func participants(series: String) throws(StoreError) -> [StoredParticipant] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM participant WHERE series = ? ORDER BY id", arguments: [series])
        .map(Self.participant)
    }
  }

  /// Removes every participant called `name` (in `series`, or in every series), with their
  /// links and answers; returns how many participants were removed.
  public func deleteParticipant(named name: String, series: String?) throws(StoreError) -> Int {
    let removed = try write { db in
      if let series {
        try db.execute(sql: "DELETE FROM participant WHERE name = ? AND series = ?", arguments: [name, series])
      } else {
        try db.execute(sql: "DELETE FROM participant WHERE name = ?", arguments: [name])
      }
      return db.changesCount
    }
    if removed > 0 {
      // Copies the overwritten pages into the file and empties the WAL, so the removed
      // text is gone from disk too. Best effort: a busy reader only delays it.
      try? pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }
    return removed
  }

  // MARK: - Links

  /// Gives each participant a personal link to the follow-up form of `program`: a new
  /// token for those without one, and with `reissue`, for everyone (the old links stop
  /// working). Returns the participants in the order given; `token` is nil for a link
  /// that exists and was not reissued.
  public func issueLinks(series: String, program: String, for participants: [StoredParticipant], reissue: Bool)
    throws(StoreError) -> [IssuedLink]
  {
    try write { db in
      try participants.map { participant in
        try Self.requireParticipant(participant.id, series: series, db)
        let exists =
          try Bool.fetchOne(
            db, sql: "SELECT 1 FROM link WHERE participantId = ? AND program = ?",
            arguments: [participant.id, program]) ?? false
        if exists && !reissue { return IssuedLink(participant: participant, token: nil) }
        try db.execute(
          sql: "DELETE FROM link WHERE participantId = ? AND program = ?", arguments: [participant.id, program])
        let token = LinkToken.generate()
        try db.execute(
          sql: "INSERT INTO link (tokenHash, participantId, program, createdAt) VALUES (?, ?, ?, \(StoreSchema.now))",
          arguments: [Data(LinkToken.hash(token)), participant.id, program])
        return IssuedLink(participant: participant, token: token)
      }
    }
  }

  /// The participant and meeting a link's token opens, or nil for an unknown token. The
  /// token is looked up by its SHA-256, never compared as text.
  public func link(forToken token: String) throws(StoreError) -> LinkRecord? {
    guard LinkToken.isWellFormed(token) else { return nil }
    let hash = Data(LinkToken.hash(token))
    return try read { db in
      guard
        let row = try Row.fetchOne(
          db,
          sql: """
            SELECT participant.*, link.program AS linkProgram FROM link
            JOIN participant ON participant.id = link.participantId
            WHERE link.tokenHash = ?
            """,
          arguments: [hash])
      else { return nil }
      let participant = Self.participant(row)
      return LinkRecord(series: participant.series, program: row["linkProgram"], participant: participant)
    }
  }

  // MARK: - Answers

  /// A participant's answer to the follow-up form of `program`, if they have saved one.
  public func answer(series: String, program: String, participantID: Int64) throws(StoreError) -> StoredAnswer? {
    try read { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT answer.*, participant.series FROM answer
          JOIN participant ON participant.id = answer.participantId
          WHERE answer.participantId = ? AND answer.program = ? AND participant.series = ?
          """,
        arguments: [participantID, program, series]
      ).map(Self.answer)
    }
  }

  /// Saves `answer`, replacing the participant's earlier answer to the same meeting, and
  /// returns it as stored (with `updatedAt`) once the transaction is committed and synced.
  public func save(_ answer: StoredAnswer) throws(StoreError) -> StoredAnswer {
    let responses = try Self.encode(answer.responses)
    return try write { db in
      try Self.upsert(answer, responses: responses, keepingStatus: false, db)
    }
  }

  /// A participant's own save: responses and stage, leaving the status the facilitator set
  /// untouched even when the facilitator changed it a moment ago.
  public func saveResponses(_ answer: StoredAnswer) throws(StoreError) -> StoredAnswer {
    let responses = try Self.encode(answer.responses)
    return try write { db in
      try Self.upsert(answer, responses: responses, keepingStatus: true, db)
    }
  }

  /// The facilitator's save from a page that showed the answer at `expectedRevision` (nil:
  /// no answer yet). Nil, and nothing written, when the answer changed since: the check and
  /// the write are one transaction, so a participant's newer save is never lost.
  public func save(_ answer: StoredAnswer, ifRevision expectedRevision: Int?) throws(StoreError)
    -> StoredAnswer?
  {
    let responses = try Self.encode(answer.responses)
    return try write { db -> StoredAnswer? in
      let current = try Int.fetchOne(
        db, sql: "SELECT revision FROM answer WHERE participantId = ? AND program = ?",
        arguments: [answer.participantID, answer.program])
      guard current == expectedRevision else { return nil }
      return try Self.upsert(answer, responses: responses, keepingStatus: false, db)
    }
  }

  private static func upsert(_ answer: StoredAnswer, responses: String, keepingStatus: Bool, _ db: Database) throws
    -> StoredAnswer
  {
    try requireParticipant(answer.participantID, series: answer.series, db)
    let status = keepingStatus ? "" : "status = excluded.status, "
    try db.execute(
      sql: """
        INSERT INTO answer (participantId, program, responses, status, stage, source, updatedAt)
        VALUES (?, ?, ?, ?, ?, ?, \(StoreSchema.now))
        ON CONFLICT (participantId, program) DO UPDATE SET
          responses = excluded.responses, \(status)stage = excluded.stage,
          source = excluded.source, updatedAt = excluded.updatedAt, revision = answer.revision + 1
        """,
      arguments: [
        answer.participantID, answer.program, responses, answer.status?.rawValue, answer.stage,
        answer.source.rawValue,
      ])
    let row = try Row.fetchOne(
      db,
      sql: "SELECT *, ? AS series FROM answer WHERE participantId = ? AND program = ?",
      arguments: [answer.series, answer.participantID, answer.program])
    guard let row else { throw StoreError.failed("the answer could not be saved") }
    return try Self.answer(row)
  }

  /// Every saved answer to the follow-up form of `program`, by participant name.
  public func answers(series: String, program: String) throws(StoreError)
    -> [(participant: StoredParticipant, answer: StoredAnswer)]
  {
    try answerRows(series: series, program: program, order: "participant.name, participant.id")
  }

  /// Saved answers with their participants, in `order` (an SQL ORDER BY list).
  func answerRows(series: String, program: String, order: String) throws(StoreError)
    -> [(participant: StoredParticipant, answer: StoredAnswer)]
  {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT participant.*, answer.program, answer.responses, answer.status, answer.stage,
            answer.source, answer.updatedAt, answer.revision, answer.participantId
          FROM answer JOIN participant ON participant.id = answer.participantId
          WHERE participant.series = ? AND answer.program = ?
          ORDER BY \(order)
          """,
        arguments: [series, program]
      ).map { row in (Self.participant(row), try Self.answer(row)) }
    }
  }

  // MARK: - Secret

  /// 32 random bytes made the first time they are asked for and kept in the database, so
  /// that what the server signs with them (CSRF tokens) stays valid across restarts.
  public func secret() throws(StoreError) -> [UInt8] {
    let key = "csrf-secret"
    if let existing = try read({ db in
      try Data.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key])
    }),
      existing.count == LinkToken.byteCount
    {
      return Array(existing)
    }
    return try write { db in
      try db.execute(
        sql: "INSERT OR IGNORE INTO setting (key, value) VALUES (?, ?)",
        arguments: [key, Data(LinkToken.randomBytes(LinkToken.byteCount))])
      guard let value = try Data.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key])
      else { throw StoreError.failed("the secret could not be saved") }
      return Array(value)
    }
  }

  // MARK: - Access

  func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
    do {
      return try pool.read(body)
    } catch {
      throw StoreError.from(error, path: path)
    }
  }

  func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
    do {
      return try pool.write(body)
    } catch {
      throw StoreError.from(error, path: path)
    }
  }

  private static func requireParticipant(_ id: Int64, series: String, _ db: Database) throws {
    let stored = try String.fetchOne(db, sql: "SELECT series FROM participant WHERE id = ?", arguments: [id])
    guard stored == series else {
      throw StoreError.failed("there is no participant with id \(id) in the series \(series)")
    }
  }

  static func participant(_ row: Row) -> StoredParticipant {
    StoredParticipant(
      id: row["id"], series: row["series"], name: row["name"], email: row["email"],
      organisation: row["organisation"], pair: row["pair"])
  }

  static func answer(_ row: Row) throws -> StoredAnswer {
    let statusText: String? = row["status"]
    let sourceText: String = row["source"]
    return StoredAnswer(
      series: row["series"], program: row["program"], participantID: row["participantId"],
      responses: try decode(row["responses"]), status: statusText.flatMap(FollowUpAnswer.Status.init(rawValue:)),
      stage: row["stage"], source: StoredAnswer.Source(rawValue: sourceText) ?? .online, updatedAt: row["updatedAt"],
      revision: row["revision"])
  }

  static func encode(_ responses: [String]) throws(StoreError) -> String {
    do {
      return String(decoding: try JSONEncoder().encode(responses), as: UTF8.self)
    } catch {
      throw .failed("the answer could not be encoded: \(error)")
    }
  }

  static func decode(_ text: String) throws -> [String] {
    do {
      return try JSONDecoder().decode([String].self, from: Data(text.utf8))
    } catch {
      throw StoreError.failed("a stored answer is damaged (its responses are not a list of text)")
    }
  }
}
