import Foundation
import GRDB

/// The `link` table: personal links, kept as the SHA-256 of their tokens only.
extension FollowUpStore {
  /// Gives each participant a personal link to the follow-up form of `program`: a new
  /// token for those without one, and with `reissue`, for everyone (the old links stop
  /// working). Returns the participants in the order given; `token` is nil for a link
  /// that exists and was not reissued.
  public func issueLinks(series: String, program: String, for participants: [StoredParticipant], reissue: Bool)
    throws(StoreError) -> [IssuedLink]
  {
    try write { db in
      let now = try StoreSchema.now(db)
      return try participants.map { participant in
        try Self.requireParticipant(participant.id, series: series, db)
        let existing = LinkRow.filter(LinkRow.Columns.participantId == participant.id)
          .filter(LinkRow.Columns.program == program)
        if try existing.fetchCount(db) > 0 && !reissue { return IssuedLink(participant: participant, token: nil) }
        try existing.deleteAll(db)
        let token = LinkToken.generate()
        try LinkRow(
          tokenHash: Data(LinkToken.hash(token)), participantId: participant.id, program: program, createdAt: now
        ).insert(db)
        return IssuedLink(participant: participant, token: token)
      }
    }
  }

  /// The participant and meeting a link's token opens, or nil for an unknown token. The
  /// token is looked up by its SHA-256, never compared as text.
  public func link(forToken token: String) throws(StoreError) -> LinkRecord? {
    guard LinkToken.isWellFormed(token) else { return nil }
    return try read { db in try Self.link(hash: Data(LinkToken.hash(token)), db) }
  }

  /// As `link(forToken:)`, awaiting the database.
  public func link(forToken token: String) async throws(StoreError) -> LinkRecord? {
    guard LinkToken.isWellFormed(token) else { return nil }
    let hash = Data(LinkToken.hash(token))
    return try await read { db in try Self.link(hash: hash, db) }
  }

  static func link(hash: Data, _ db: Database) throws -> LinkRecord? {
    let found = try LinkRow.filter(key: hash).including(required: LinkRow.participant)
      .asRequest(of: LinkWithParticipant.self).fetchOne(db)
    return found.map {
      LinkRecord(series: $0.participant.series, program: $0.link.program, participant: $0.participant)
    }
  }
}

/// A row of the `link` table.
struct LinkRow: Encodable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "link"
  // A fixed key: GRDB would otherwise singularize the table name with regular expressions on every query.
  static let participant = belongsTo(StoredParticipant.self, key: "participant")

  enum Columns {
    static let tokenHash = Column(CodingKeys.tokenHash)
    static let participantId = Column(CodingKeys.participantId)
    static let program = Column(CodingKeys.program)
    static let createdAt = Column(CodingKeys.createdAt)
  }

  var tokenHash: Data
  var participantId: Int64
  var program: String
  var createdAt: String

  init(tokenHash: Data, participantId: Int64, program: String, createdAt: String) {
    self.tokenHash = tokenHash
    self.participantId = participantId
    self.program = program
    self.createdAt = createdAt
  }

  init(row: Row) throws {
    tokenHash = row[Columns.tokenHash]
    participantId = row[Columns.participantId]
    program = row[Columns.program]
    createdAt = row[Columns.createdAt]
  }
}

struct LinkWithParticipant: FetchableRecord {
  var link: LinkRow
  var participant: StoredParticipant

  init(row: Row) throws {
    link = try LinkRow(row: row)
    participant = try StoredParticipant(row: row.participantScope())
  }
}

extension Row {
  /// The participant joined to a link or an answer (`including(required: …participant)`).
  func participantScope() throws -> Row {
    guard let scope = scopes[StoredParticipant.databaseTableName] else {
      throw StoreError.failed("a link or an answer was read without its participant")
    }
    return scope
  }
}
