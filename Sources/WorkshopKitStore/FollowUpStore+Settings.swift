import Foundation
import GRDB

/// The `setting` table: values made once and kept, such as the key that signs CSRF tokens.
extension FollowUpStore {
  /// 32 random bytes made the first time they are asked for and kept in the database, so
  /// that what the server signs with them (CSRF tokens) stays valid across restarts.
  public func secret() async throws(StoreError) -> [UInt8] {
    if let existing = try await read({ db in try SettingRow.fetchOne(db, key: SettingRow.csrfSecret) }),
      existing.value.count == LinkToken.byteCount
    {
      return Array(existing.value)
    }
    let fresh = Data(LinkToken.randomBytes(LinkToken.byteCount))
    return try await write { db in
      try SettingRow(key: SettingRow.csrfSecret, value: fresh).insert(db, onConflict: .ignore)
      guard let stored = try SettingRow.fetchOne(db, key: SettingRow.csrfSecret) else {
        throw StoreError.failed("the secret could not be saved in the database")
      }
      return Array(stored.value)
    }
  }
}

/// A row of the `setting` table.
struct SettingRow: Codable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "setting"
  static let csrfSecret = "csrf-secret"

  var key: String
  var value: Data
}
