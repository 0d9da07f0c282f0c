import Foundation
import GRDB
import WorkshopKit

/// The `answer` table: one row per participant and meeting.
extension FollowUpStore {
  /// The order of a list of answers.
  public enum AnswerOrder: Sendable {
    /// By participant name (then id): the tracker and the CSV.
    case byName
    /// In roster order: the recap.
    case byRoster
  }

  /// A participant's answer to the follow-up form of `program`, if they have saved one.
  public func answer(series: String, program: String, participantID: Int64) throws(StoreError) -> StoredAnswer? {
    try read { db in try Self.answer(series: series, program: program, participantID: participantID, db) }
  }

  /// As `answer(series:program:participantID:)`, awaiting the database.
  public func answer(series: String, program: String, participantID: Int64) async throws(StoreError)
    -> StoredAnswer?
  {
    try await read { db in try Self.answer(series: series, program: program, participantID: participantID, db) }
  }

  /// Saves `answer`, replacing the participant's earlier answer to the same meeting, and
  /// returns it as stored once the transaction is committed and synced.
  public func save(_ answer: AnswerSubmission) throws(StoreError) -> StoredAnswer {
    try write { db in try Self.upsert(answer, keepingStatus: false, db) }
  }

  /// A participant's own save: responses and stage, leaving the status the facilitator set
  /// untouched even when the facilitator changed it a moment ago.
  public func saveResponses(_ answer: AnswerSubmission) async throws(StoreError) -> StoredAnswer {
    try await write { db in try Self.upsert(answer, keepingStatus: true, db) }
  }

  /// The facilitator's save from a page that showed the answer at `expectedRevision` (nil:
  /// no answer yet). Nil, and nothing written, when the answer changed since: the check and
  /// the write are one transaction, so a participant's newer save is never lost.
  public func save(_ answer: AnswerSubmission, ifRevision expectedRevision: Int?) throws(StoreError)
    -> StoredAnswer?
  {
    try write { db in try Self.upsert(answer, ifRevision: expectedRevision, db) }
  }

  /// As `save(_:ifRevision:)`, awaiting the database.
  public func save(_ answer: AnswerSubmission, ifRevision expectedRevision: Int?) async throws(StoreError)
    -> StoredAnswer?
  {
    try await write { db in try Self.upsert(answer, ifRevision: expectedRevision, db) }
  }

  /// Every saved answer to the follow-up form of `program`, with its participant.
  public func answers(series: String, program: String, order: AnswerOrder = .byName) throws(StoreError)
    -> [(participant: StoredParticipant, answer: StoredAnswer)]
  {
    try read { db in try Self.answers(series: series, program: program, order: order, db) }
  }

  /// As `answers(series:program:order:)`, awaiting the database.
  public func answers(series: String, program: String, order: AnswerOrder = .byName) async throws(StoreError)
    -> [(participant: StoredParticipant, answer: StoredAnswer)]
  {
    try await read { db in try Self.answers(series: series, program: program, order: order, db) }
  }

  /// The saved answers of the participants named `names` to the follow-up form of
  /// `program`: a pair's, without reading the whole meeting's.
  public func answers(series: String, program: String, of names: [String]) async throws(StoreError)
    -> [(participant: StoredParticipant, answer: StoredAnswer)]
  {
    try await read { db in
      let participant = TableAlias<StoredParticipant>()
      return try AnswerRow.filter(AnswerRow.Columns.program == program)
        .including(
          required: AnswerRow.participant.aliased(participant)
            .filter(StoredParticipant.Columns.series == series && names.contains(StoredParticipant.Columns.name))
        )
        .asRequest(of: AnswerWithParticipant.self).fetchAll(db)
        .map { ($0.participant, $0.answer.stored(series: series)) }
    }
  }

  static func answer(series: String, program: String, participantID: Int64, _ db: Database) throws
    -> StoredAnswer?
  {
    try AnswerRow.filter(key: [AnswerRow.Columns.participantId.name: participantID, "program": program])
      .joining(required: AnswerRow.participant.filter(StoredParticipant.Columns.series == series))
      .fetchOne(db).map { $0.stored(series: series) }
  }

  private static func upsert(_ answer: AnswerSubmission, ifRevision expectedRevision: Int?, _ db: Database) throws
    -> StoredAnswer?
  {
    let current = try AnswerRow.fetchOne(
      db, key: [AnswerRow.Columns.participantId.name: answer.participantID, "program": answer.program])
    guard current?.revision == expectedRevision else { return nil }
    return try upsert(answer, keepingStatus: false, db)
  }

  private static func upsert(_ answer: AnswerSubmission, keepingStatus: Bool, _ db: Database) throws -> StoredAnswer {
    try requireParticipant(answer.participantID, series: answer.series, db)
    // `updatedAt` is when the texts were saved: a save that changes only the status (the
    // facilitator's) leaves it, so it does not make an answer the newer of a pair's.
    let current = try AnswerRow.fetchOne(
      db, key: [AnswerRow.Columns.participantId.name: answer.participantID, "program": answer.program])
    let sameTexts = current.map {
      StoredAnswer.texts($0.responses) == StoredAnswer.texts(answer.responses) && $0.stage == answer.stage
    }
    let row = AnswerRow(
      answer, updatedAt: sameTexts == true ? current!.updatedAt : try StoreSchema.now(db))
    let saved = try row.upsertAndFetch(
      db, onConflict: [AnswerRow.Columns.participantId.name, AnswerRow.Columns.program.name],
      updating: .noColumnUnlessSpecified
    ) { excluded in
      var replaced = [
        AnswerRow.Columns.responses, AnswerRow.Columns.questions, AnswerRow.Columns.stage, AnswerRow.Columns.source,
      ]
      replaced.append(AnswerRow.Columns.updatedAt)
      if !keepingStatus { replaced.append(AnswerRow.Columns.status) }
      return replaced.map { $0.set(to: excluded[$0]) } + [
        AnswerRow.Columns.revision.set(to: AnswerRow.Columns.revision + 1)
      ]
    }
    return saved.stored(series: answer.series)
  }

  static func answers(series: String, program: String, order: AnswerOrder, _ db: Database) throws
    -> [(participant: StoredParticipant, answer: StoredAnswer)]
  {
    let participant = TableAlias<StoredParticipant>()
    let ordering: [any SQLOrderingTerm] =
      switch order {
      case .byName: [participant[StoredParticipant.Columns.name], participant[StoredParticipant.Columns.id]]
      case .byRoster: [participant[StoredParticipant.Columns.id]]
      }
    return try AnswerRow.filter(AnswerRow.Columns.program == program)
      .including(
        required: AnswerRow.participant.aliased(participant).filter(StoredParticipant.Columns.series == series)
      )
      .order(ordering)
      .asRequest(of: AnswerWithParticipant.self).fetchAll(db)
      .map { ($0.participant, $0.answer.stored(series: series)) }
  }
}

/// A row of the `answer` table; `responses` is kept as a JSON array of text.
struct AnswerRow: Encodable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "answer"
  // A fixed key: GRDB would otherwise singularize the table name with regular expressions on every query.
  static let participant = belongsTo(StoredParticipant.self, key: "participant")

  enum Columns {
    static let participantId = Column(CodingKeys.participantId)
    static let program = Column(CodingKeys.program)
    static let responses = Column(CodingKeys.responses)
    static let questions = Column(CodingKeys.questions)
    static let status = Column(CodingKeys.status)
    static let stage = Column(CodingKeys.stage)
    static let source = Column(CodingKeys.source)
    static let updatedAt = Column(CodingKeys.updatedAt)
    static let revision = Column(CodingKeys.revision)
  }

  var participantId: Int64
  var program: String
  var responses: [String]
  var questions: [String]?
  var status: String?
  var stage: String?
  var source: StoredAnswer.Source
  var updatedAt: String
  var revision: Int

  init(_ answer: AnswerSubmission, updatedAt: String) {
    participantId = answer.participantID
    program = answer.program
    responses = answer.responses
    questions = answer.questions
    status = answer.status?.rawValue
    stage = answer.stage
    source = answer.source
    self.updatedAt = updatedAt
    revision = 1
  }

  init(row: Row) throws {
    participantId = row[Columns.participantId]
    program = row[Columns.program]
    let text: String = row[Columns.responses]
    do {
      responses = try JSONDecoder().decode([String].self, from: Data(text.utf8))
    } catch {
      throw StoreError.failed("a stored answer is damaged (its responses are not a list of text)")
    }
    let questionsText: String? = row[Columns.questions]
    questions = questionsText.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }
    status = row[Columns.status]
    stage = row[Columns.stage]
    let sourceText: String = row[Columns.source]
    source = StoredAnswer.Source(rawValue: sourceText) ?? .online
    updatedAt = row[Columns.updatedAt]
    revision = row[Columns.revision]
  }

  func stored(series: String) -> StoredAnswer {
    StoredAnswer(
      AnswerSubmission(
        series: series, program: program, participantID: participantId, responses: responses,
        questions: questions, status: status.flatMap(FollowUpAnswer.Status.init(rawValue:)), stage: stage,
        source: source),
      updatedAt: updatedAt, revision: revision)
  }
}

struct AnswerWithParticipant: FetchableRecord {
  var answer: AnswerRow
  var participant: StoredParticipant

  init(row: Row) throws {
    answer = try AnswerRow(row: row)
    participant = try StoredParticipant(row: row.participantScope())
  }
}
