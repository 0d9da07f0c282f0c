import ArgumentParser
import Foundation
import WorkshopKit
import WorkshopKitStore

/// `--db PATH`, shared by the commands that use the follow-up database.
struct DatabaseOptions: ParsableArguments {
  @Option(
    name: .customLong("db"),
    help: ArgumentHelp(
      "The follow-up database (default \(FollowUpStore.defaultPath) in the course folder, the one holding programs/).",
      valueName: "path"))
  var path: String?

  /// --db, else the default in the course folder of the programs named (`CourseFolder`).
  func resolvedPath(near programs: [String]) -> String { path ?? CourseFolder.database(near: programs) }

  /// Opens the database, creating it when it does not exist. For the default path the
  /// `output/` folder is created too; a folder given with --db must exist.
  func openOrCreate(near programs: [String]) throws -> FollowUpStore {
    let resolved = resolvedPath(near: programs)
    if path == nil {
      try? FileManager.default.createDirectory(atPath: PathText.folder(of: resolved), withIntermediateDirectories: true)
    }
    return try Self.open(resolved)
  }

  /// Opens a database that exists; never creates one.
  func openExisting(near programs: [String]) throws -> FollowUpStore {
    let resolvedPath = resolvedPath(near: programs)
    guard FileManager.default.fileExists(atPath: resolvedPath) else {
      Terminal.printError(
        "error: there is no follow-up database at \(resolvedPath); `workshopkit links PROGRAM` creates it, "
          + "or pass --db with the database's path")
      throw ExitCode(1)
    }
    return try Self.open(resolvedPath)
  }

  /// A database problem is printed as `error: …` and exits 1: it is not a usage error.
  static func open(_ path: String) throws -> FollowUpStore {
    do {
      return try FollowUpStore(path: path)
    } catch {
      throw Self.fail(error)
    }
  }

  static func fail(_ error: StoreError) -> ExitCode {
    Terminal.printError("error: \(error)")
    return ExitCode(1)
  }
}
