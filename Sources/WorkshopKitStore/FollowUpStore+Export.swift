import GRDB

extension FollowUpStore {
  /// The answers to the follow-up form of `program` as CSV (see `CSVTable`: every field
  /// quoted, CRLF, a UTF-8 byte order mark, formulas defused), one row per participant who
  /// answered, by name. Columns: name, pair, organisation, status, stage, source, updated,
  /// then one per question (`questions`, in order; responses beyond them get columns of
  /// their own).
  public func csv(series: String, program: String, questions: [String]) throws(StoreError) -> String {
    try read { db in try Self.csv(series: series, program: program, questions: questions, db) }
  }

  /// As `csv(series:program:questions:)`, awaiting the database.
  public func csv(series: String, program: String, questions: [String]) async throws(StoreError) -> String {
    try await read { db in try Self.csv(series: series, program: program, questions: questions, db) }
  }

  static func csv(series: String, program: String, questions: [String], _ db: Database) throws -> String {
    // Each answer under the question it answered, where the form's questions changed since.
    let rows = try answers(series: series, program: program, order: .byName, db).map {
      (participant: $0.participant, answer: $0.answer.aligned(to: questions))
    }
    let columns = max(questions.count, rows.map(\.answer.responses.count).max() ?? 0)
    var table = CSVTable()
    table.append(
      ["name", "pair", "organisation", "status", "stage", "source", "updated"]
        + (0..<columns).map { $0 < questions.count ? questions[$0] : "response \($0 + 1)" })
    for (participant, answer) in rows {
      let responses = (0..<columns).map { $0 < answer.responses.count ? answer.responses[$0] : "" }
      table.append(
        [
          participant.name, participant.pair ?? "", participant.organisation ?? "", answer.status?.rawValue ?? "",
          answer.stage ?? "", answer.source.rawValue, answer.updatedAt,
        ] + responses)
    }
    return table.text
  }
}
