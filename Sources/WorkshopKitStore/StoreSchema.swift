import GRDB

/// The database's tables, as named migrations. A migration, once released, never
/// changes; a new one ("v2", …) is added below it.
enum StoreSchema {
  static let migrator: DatabaseMigrator = {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      // The roster of each series (from series.yaml), with ids that stay stable.
      try db.execute(
        sql: """
          CREATE TABLE participant (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            series TEXT NOT NULL,
            name TEXT NOT NULL,
            email TEXT,
            organisation TEXT,
            pair TEXT,
            UNIQUE (series, name)
          );
          -- Personal links: only the SHA-256 of each token, never the token.
          CREATE TABLE link (
            tokenHash BLOB PRIMARY KEY NOT NULL,
            participantId INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
            program TEXT NOT NULL,
            createdAt TEXT NOT NULL,
            UNIQUE (participantId, program)
          );
          -- One row per participant and meeting; responses as a JSON array of text.
          CREATE TABLE answer (
            participantId INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
            program TEXT NOT NULL,
            responses TEXT NOT NULL,
            status TEXT CHECK (status IN ('not-started', 'in-progress', 'done')),
            stage TEXT,
            source TEXT NOT NULL CHECK (source IN ('online', 'paper')),
            updatedAt TEXT NOT NULL,
            -- 1 on the first save, one more on each save after: what a page saw, for
            -- refusing a save from a page that is out of date.
            revision INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (participantId, program)
          );
          -- Values created once and kept, e.g. the key that signs CSRF tokens.
          CREATE TABLE setting (
            key TEXT PRIMARY KEY NOT NULL,
            value BLOB NOT NULL
          );
          """)
    }
    return migrator
  }()

  /// Now, ISO 8601 in UTC with milliseconds, as SQLite's clock has it inside the transaction.
  static func now(_ db: Database) throws -> String {
    guard let now = try String.fetchOne(db, sql: "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')") else {
      throw StoreError.failed("SQLite did not tell the time")
    }
    return now
  }
}
