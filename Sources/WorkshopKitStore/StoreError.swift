import Foundation
import GRDB
import WorkshopKit

/// What can go wrong with the follow-up database, in words a facilitator can act on.
public enum StoreError: Error, CustomStringConvertible, Equatable {
  /// The folder the database file should be in does not exist.
  case folderMissing(String)
  /// Another process holds the database's write lock for longer than the busy timeout.
  case locked(String)
  /// The file is not an SQLite database, is damaged, or is another program's database.
  case notADatabase(String)
  /// Anything else, in words.
  case failed(String)

  public var description: String {
    switch self {
    case .folderMissing(let path):
      "the folder \(Self.folder(of: path)) for the database does not exist; create it or pass --db"
    case .locked(let path):
      "the database \(path) is locked by another process; try again in a moment, "
        + "or stop the other process that is writing to it"
    case .notADatabase(let path):
      "\(path) is not a WorkshopKit database (or is damaged)"
    case .failed(let message):
      message
    }
  }

  static func folder(of path: String) -> String {
    let folder = PathText.folder(of: path)
    return folder.isEmpty ? "." : folder
  }

  /// Maps anything a GRDB call threw to a StoreError about the database at `path`.
  static func from(_ error: any Error, path: String) -> StoreError {
    if let error = error as? StoreError { return error }
    guard let error = error as? DatabaseError else {
      return .failed("the database \(path) cannot be used: \(error)")
    }
    switch error.resultCode {
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      return .locked(path)
    case .SQLITE_NOTADB, .SQLITE_CORRUPT:
      return .notADatabase(path)
    case .SQLITE_CANTOPEN:
      var isDirectory: ObjCBool = false
      if !FileManager.default.fileExists(atPath: folder(of: path), isDirectory: &isDirectory) {
        return .folderMissing(path)
      }
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
        return .failed("the database \(path) cannot be opened: it is a folder, not a file")
      }
      return .failed("the database \(path) cannot be opened (check that it and its folder are writable)")
    case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
      return .failed("the database \(path) cannot be written (check its permissions and its folder's)")
    case .SQLITE_FULL:
      return .failed("the disk holding the database \(path) is full")
    case .SQLITE_IOERR:
      return .failed("the database \(path) cannot be read or written (input/output error)")
    default:
      return .failed("the database \(path) failed: \(error.message ?? "\(error.resultCode)")")
    }
  }
}
