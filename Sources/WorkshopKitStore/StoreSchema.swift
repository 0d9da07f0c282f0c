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
    migrator.registerMigration("v2") { db in
      try db.execute(
        sql: """
          -- Who was at a meeting, ticked on the facilitator's attendance page.
          CREATE TABLE attendance (
            participantId INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
            program TEXT NOT NULL,
            present INTEGER NOT NULL CHECK (present IN (0, 1)),
            PRIMARY KEY (participantId, program)
          ) WITHOUT ROWID;
          -- Who has answered a meeting's evaluation. Without a rowid, a time or an order of
          -- its own, it cannot be joined to an anonymous answer below.
          CREATE TABLE evaluationDone (
            participantId INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
            program TEXT NOT NULL,
            PRIMARY KEY (participantId, program)
          ) WITHOUT ROWID;
          -- Evaluation answers, scale and open as JSON arrays. An anonymous one has no
          -- participant, no time, and a random key, so its place in the table says nothing
          -- about when it was saved.
          CREATE TABLE evaluation (
            id BLOB PRIMARY KEY NOT NULL,
            series TEXT NOT NULL,
            program TEXT NOT NULL,
            participantId INTEGER REFERENCES participant(id) ON DELETE CASCADE,
            scale TEXT NOT NULL,
            open TEXT NOT NULL
          ) WITHOUT ROWID;
          CREATE INDEX evaluationByProgram ON evaluation (series, program);
          """)
    }
    migrator.registerMigration("v3") { db in
      try db.execute(
        sql: """
          -- Who came to a meeting without being on the roster, written in on the
          -- facilitator's attendance page, in the order written.
          CREATE TABLE walkIn (
            series TEXT NOT NULL,
            program TEXT NOT NULL,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (series, program, position),
            UNIQUE (series, program, name)
          ) WITHOUT ROWID;
          """)
    }
    migrator.registerMigration("v4") { db in
      try db.execute(
        sql: """
          -- The questions an answer's responses answer, as the form asked them then (a JSON
          -- array of text; NULL for answers saved before): a question added or removed
          -- later does not move the answers onto the wrong questions.
          ALTER TABLE answer ADD COLUMN questions TEXT;
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
