import Foundation
import GRDB
import WorkshopKit

/// The `attendance`, `walkIn`, `evaluationDone` and `evaluation` tables: who was at a
/// meeting, and the meeting's evaluation, answered through the personal links.
extension FollowUpStore {
  /// Ticks each participant of the roster as present or not at `program`, and replaces its
  /// walk-ins (people not on the roster) with `walkIns`, in one transaction.
  public func setAttendance(series: String, program: String, present: [Int64: Bool], walkIns: [String])
    async throws(StoreError)
  {
    try await write { db in
      for (participant, here) in present {
        try db.execute(
          sql: """
            INSERT INTO attendance (participantId, program, present) VALUES (?, ?, ?)
            ON CONFLICT (participantId, program) DO UPDATE SET present = excluded.present
            """, arguments: [participant, program, here ? 1 : 0])
      }
      try db.execute(sql: "DELETE FROM walkIn WHERE series = ? AND program = ?", arguments: [series, program])
      for (position, name) in walkIns.enumerated() {
        try db.execute(
          sql: "INSERT OR IGNORE INTO walkIn (series, program, position, name) VALUES (?, ?, ?, ?)",
          arguments: [series, program, position, name])
      }
    }
  }

  /// Who is ticked present at `program`, by participant id (empty when nobody recorded
  /// it), and its walk-ins in the order written.
  public func attendance(series: String, program: String) async throws(StoreError)
    -> (present: [Int64: Bool], walkIns: [String])
  {
    try await read { db in
      (
        try Self.attendanceRows(series: series, program: program, db),
        try Self.walkIns(series: series, program: program, db)
      )
    }
  }

  static func walkIns(series: String, program: String, _ db: Database) throws -> [String] {
    try String.fetchAll(
      db, sql: "SELECT name FROM walkIn WHERE series = ? AND program = ? ORDER BY position",
      arguments: [series, program])
  }

  static func attendanceRows(series: String, program: String, _ db: Database) throws -> [Int64: Bool] {
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT attendance.participantId, attendance.present FROM attendance
        JOIN participant ON participant.id = attendance.participantId
        WHERE participant.series = ? AND attendance.program = ?
        """, arguments: [series, program])
    var result: [Int64: Bool] = [:]
    for row in rows { result[row[0]] = (row[1] as Int) == 1 }
    return result
  }

  /// Saves a participant's evaluation of `program`. Anonymous: stored without the
  /// participant, and only once (false when they have answered already); otherwise a
  /// second save replaces the first.
  public func saveEvaluation(
    series: String, program: String, participantID: Int64, _ answer: EvaluationAnswer, anonymous: Bool
  ) async throws(StoreError) -> Bool {
    let scale = Self.json(answer.scale.map { $0.map(String.init) ?? "" })
    let open = Self.json(answer.open)
    return try await write { db in
      let done =
        try Bool.fetchOne(
          db, sql: "SELECT 1 FROM evaluationDone WHERE participantId = ? AND program = ?",
          arguments: [participantID, program]) ?? false
      if anonymous {
        if done { return false }
        try db.execute(
          sql: "INSERT INTO evaluation (id, series, program, participantId, scale, open) VALUES (?, ?, ?, NULL, ?, ?)",
          arguments: [Self.randomKey(), series, program, scale, open])
      } else {
        try db.execute(
          sql: "DELETE FROM evaluation WHERE participantId = ? AND program = ?", arguments: [participantID, program])
        try db.execute(
          sql: "INSERT INTO evaluation (id, series, program, participantId, scale, open) VALUES (?, ?, ?, ?, ?, ?)",
          arguments: [Self.randomKey(), series, program, participantID, scale, open])
      }
      if !done {
        try db.execute(
          sql: "INSERT INTO evaluationDone (participantId, program) VALUES (?, ?)", arguments: [participantID, program])
      }
      return true
    }
  }

  /// Whether the participant has answered `program`'s evaluation.
  public func hasEvaluated(participantID: Int64, program: String) async throws(StoreError) -> Bool {
    try await read { db in
      try Bool.fetchOne(
        db, sql: "SELECT 1 FROM evaluationDone WHERE participantId = ? AND program = ?",
        arguments: [participantID, program]) ?? false
    }
  }

  /// A participant's own (not anonymous) evaluation, to show it again.
  public func evaluation(participantID: Int64, program: String) async throws(StoreError) -> EvaluationAnswer? {
    try await read { db in
      try Row.fetchOne(
        db, sql: "SELECT scale, open FROM evaluation WHERE participantId = ? AND program = ?",
        arguments: [participantID, program]
      ).map(Self.answer)
    }
  }

  /// How many have answered, and every answer of `program`, in no meaningful order.
  public func evaluations(series: String, program: String) async throws(StoreError) -> (
    answered: Int, answers: [EvaluationAnswer]
  ) {
    try await read { db in
      (
        try Int.fetchOne(
          db,
          sql: """
            SELECT count(*) FROM evaluationDone JOIN participant ON participant.id = evaluationDone.participantId
            WHERE participant.series = ? AND evaluationDone.program = ?
            """, arguments: [series, program]) ?? 0,
        try Self.evaluationRows(series: series, program: program, db)
      )
    }
  }

  static func evaluationRows(series: String, program: String, _ db: Database) throws -> [EvaluationAnswer] {
    try Row.fetchAll(
      db, sql: "SELECT scale, open FROM evaluation WHERE series = ? AND program = ? ORDER BY id",
      arguments: [series, program]
    ).map(answer)
  }

  static func answer(_ row: Row) -> EvaluationAnswer {
    let scale = strings(row[0]).map { Int($0) }
    return EvaluationAnswer(scale: scale, open: strings(row[1]))
  }

  static func json(_ values: [String]) -> String {
    (try? String(decoding: JSONEncoder().encode(values), as: UTF8.self)) ?? "[]"
  }

  static func strings(_ text: String) -> [String] {
    (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
  }

  static func randomKey() -> Data {
    var generator = SystemRandomNumberGenerator()
    return Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
  }
}

/// `build --db`: the course report counts the attendance ticked and the evaluations
/// answered online, after those typed in from paper.
extension FollowUpStore: MeetingRecordSource {
  public func recordedAttendance(series: String, program: String) throws -> Attendance? {
    try read { db in
      let present = try Self.attendanceRows(series: series, program: program, db)
      let walkIns = try Self.walkIns(series: series, program: program, db)
      guard !present.isEmpty || !walkIns.isEmpty else { return nil }
      let names = try Self.roster(series: series, db).filter { present[$0.id] == true }.map(\.name)
      return Attendance(present: names, walkIns: walkIns)
    }
  }

  public func recordedEvaluations(series: String, program: String) throws -> [EvaluationAnswer] {
    try read { db in try Self.evaluationRows(series: series, program: program, db) }
  }
}
