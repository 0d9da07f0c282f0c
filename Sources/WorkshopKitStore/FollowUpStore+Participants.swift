import GRDB
import WorkshopKit

/// The `participant` table: the roster of each series, with ids that stay stable.
extension FollowUpStore {
  /// Adds or updates each participant of `series` by name and returns them as stored, in
  /// the order given. Ids never change, so links and answers stay with their person;
  /// participants missing from `participants` are kept (see `deleteParticipant`).
  public func syncParticipants(series: String, _ participants: [Participant]) throws(StoreError)
    -> [StoredParticipant]
  {
    try write { db in try Self.upsertRoster(series: series, participants, db) }
  }

  /// As `syncParticipants(series:_:)`, without blocking a thread while another process
  /// holds the write lock.
  public func syncParticipants(series: String, _ participants: [Participant]) async throws(StoreError)
    -> [StoredParticipant]
  {
    try await write { db in try Self.upsertRoster(series: series, participants, db) }
  }

  /// Every participant of `series`, in the order they were first added (the roster's).
  public func participants(series: String) throws(StoreError) -> [StoredParticipant] {
    try read { db in try Self.roster(series: series, db) }
  }

  /// As `participants(series:)`, awaiting the database.
  public func participants(series: String) async throws(StoreError) -> [StoredParticipant] {
    try await read { db in try Self.roster(series: series, db) }
  }

  /// The names of the participants (of `series`, or of every series), for saying which
  /// name was meant.
  public func participantNames(series: String?) throws(StoreError) -> [String] {
    try read { db in
      var request = StoredParticipant.select(StoredParticipant.Columns.name, as: String.self)
      if let series { request = request.filter(StoredParticipant.Columns.series == series) }
      return try request.distinct().fetchAll(db)
    }
  }

  /// The series that have participants or walk-ins, for saying which series was meant.
  public func seriesNames() throws(StoreError) -> [String] {
    try read { db in
      try String.fetchAll(db, sql: "SELECT series FROM participant UNION SELECT series FROM walkIn ORDER BY series")
    }
  }

  /// Removes every participant called `name` (in `series`, or in every series), with their
  /// links and answers, and the name wherever it was written in as a walk-in; returns how
  /// many participants, and how many meetings' walk-ins, it was removed from.
  public func deleteParticipant(named name: String, series: String?) throws(StoreError)
    -> (participants: Int, walkIns: Int)
  {
    let removed: (participants: Int, walkIns: Int) = try write { db in
      var request = StoredParticipant.filter(StoredParticipant.Columns.name == name)
      if let series { request = request.filter(StoredParticipant.Columns.series == series) }
      let participants = try request.deleteAll(db)
      // Walk-ins are kept as written ("anna holm"); SQLite's NOCASE folds ASCII only, so
      // the names are compared here, as the attendance page compares them.
      let folded = name.lowercased()
      let rows = try Row.fetchAll(
        db, sql: "SELECT series, program, position, name FROM walkIn" + (series == nil ? "" : " WHERE series = ?"),
        arguments: StatementArguments(series.map { [$0] } ?? []))
      var walkIns = 0
      for row in rows where (row["name"] as String).lowercased() == folded {
        try db.execute(
          sql: "DELETE FROM walkIn WHERE series = ? AND program = ? AND position = ?",
          arguments: [row["series"] as String, row["program"] as String, row["position"] as Int])
        walkIns += 1
      }
      return (participants, walkIns)
    }
    if removed.participants + removed.walkIns > 0 {
      // Copies the overwritten pages into the file and empties the WAL, so the removed
      // text is gone from disk too. Best effort: a busy reader only delays it.
      try? pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }
    return removed
  }

  static func upsertRoster(series: String, _ participants: [Participant], _ db: Database) throws
    -> [StoredParticipant]
  {
    try participants.map { participant in
      try RosterEntry(series: series, participant).upsertAndFetch(
        db, as: StoredParticipant.self, onConflict: ["series", "name"], updating: .noColumnUnlessSpecified
      ) { excluded in
        [RosterEntry.email, RosterEntry.organisation, RosterEntry.pair].map { $0.set(to: excluded[$0]) }
      }
    }
  }

  static func roster(series: String, _ db: Database) throws -> [StoredParticipant] {
    try StoredParticipant.filter(StoredParticipant.Columns.series == series)
      .order(StoredParticipant.Columns.id).fetchAll(db)
  }

  /// Throws unless participant `id` exists and belongs to `series`.
  static func requireParticipant(_ id: Int64, series: String, _ db: Database) throws {
    guard try StoredParticipant.fetchOne(db, key: id)?.series == series else {
      throw StoreError.failed("there is no participant with id \(id) in the series \(series)")
    }
  }
}

/// A roster entry as written to the `participant` table; the database gives the id.
struct RosterEntry: Encodable, PersistableRecord {
  static let databaseTableName = StoredParticipant.databaseTableName
  static let email = StoredParticipant.Columns.email
  static let organisation = StoredParticipant.Columns.organisation
  static let pair = StoredParticipant.Columns.pair

  var series: String
  var name: String
  var email: String?
  var organisation: String?
  var pair: String?

  init(series: String, _ participant: Participant) {
    self.series = series
    name = participant.name
    email = participant.email
    organisation = participant.organisation
    pair = participant.pair
  }
}
