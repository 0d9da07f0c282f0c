import Foundation
import GRDB
import WorkshopKit

/// Follow-up answers in SQLite: the participants of each series, their personal links
/// (hashed tokens), their answers per meeting, and the server's signing secret.
///
/// One file, opened as a GRDB `DatabasePool` in WAL mode: any number of readers beside one
/// writer, safe to share between threads and tasks. Every write runs in a transaction with
/// `PRAGMA synchronous = FULL`, so a save that returned is on disk; a writer that finds the
/// database locked by another process waits up to the busy timeout (see `LockWait`) before
/// giving up with `StoreError.locked`. Deleted rows are overwritten (`secure_delete`).
///
/// Each table has its own file (`FollowUpStore+Participants`, `+Links`, `+Answers`,
/// `+Settings`). The command line calls the synchronous methods; the server awaits the
/// `async` ones, which never block one of Swift's cooperative threads while SQLite waits.
public final class FollowUpStore: Sendable {
  /// Where `workshopkit` keeps the database unless told otherwise (`--db`).
  public static let defaultPath = "output/followups.sqlite"

  /// The database file, as given.
  public let path: String
  let pool: DatabasePool
  private let lockWait: LockWait

  /// Opens the database at `path`, creating it and its tables when the file is new.
  /// The folder must exist.
  public convenience init(path: String) throws(StoreError) {
    try self.init(path: path, busyTimeout: 5)
  }

  /// As `init(path:)`, waiting at most `busyTimeout` seconds for another writer's lock.
  public init(path: String, busyTimeout: TimeInterval) throws(StoreError) {
    self.path = path
    let lockWait = LockWait(timeout: busyTimeout)
    self.lockWait = lockWait
    var isDirectory: ObjCBool = false
    let folder = StoreError.folder(of: path)
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw .folderMissing(path)
    }
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      throw .failed("the database \(path) cannot be opened: it is a folder, not a file")
    }
    var configuration = Configuration()
    configuration.busyMode = .callback { tries in lockWait.shouldRetry(afterTries: tries) }
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
      let result = try pool.write(body)
      lockWait.wrote()
      return result
    } catch {
      throw failedWrite(error)
    }
  }

  func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws(StoreError) -> T {
    do {
      return try await pool.read(body)
    } catch {
      throw StoreError.from(error, path: path)
    }
  }

  func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws(StoreError) -> T {
    do {
      let result = try await pool.write(body)
      lockWait.wrote()
      return result
    } catch {
      throw failedWrite(error)
    }
  }

  private func failedWrite(_ error: any Error) -> StoreError {
    let failure = StoreError.from(error, path: path)
    if case .locked = failure { lockWait.gaveUp() }
    return failure
  }
}
