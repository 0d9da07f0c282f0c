import GRDB

/// A participant of a series as the database keeps them: the roster entry from
/// `series.yaml` with a stable id, so links and answers survive edits to the roster.
public struct StoredParticipant: Sendable, Hashable, Codable {
  public var id: Int64
  /// The series folder, e.g. `civilsamfundet`.
  public var series: String
  public var name: String
  public var email: String?
  public var organisation: String?
  public var pair: String?

  public init(
    id: Int64, series: String, name: String, email: String? = nil, organisation: String? = nil,
    pair: String? = nil
  ) {
    self.id = id
    self.series = series
    self.name = name
    self.email = email
    self.organisation = organisation
    self.pair = pair
  }
}

/// A row of the `participant` table. Rows are read column by column rather than through
/// `Decodable`, which costs several times more on every request.
extension StoredParticipant: FetchableRecord, TableRecord {
  public static let databaseTableName = "participant"

  public init(row: Row) throws {
    id = row[Columns.id]
    series = row[Columns.series]
    name = row[Columns.name]
    email = row[Columns.email]
    organisation = row[Columns.organisation]
    pair = row[Columns.pair]
  }

  public enum Columns {
    public static let id = Column(CodingKeys.id)
    public static let series = Column(CodingKeys.series)
    public static let name = Column(CodingKeys.name)
    public static let email = Column(CodingKeys.email)
    public static let organisation = Column(CodingKeys.organisation)
    public static let pair = Column(CodingKeys.pair)
  }
}
