import Foundation
import WorkshopKit
import WorkshopKitStore

/// The course folder: the one that holds `programs/` (and `exercises/`, `output/`). Its
/// `output/` is where the kit and the follow-up database go by default, wherever the command
/// is run from, so a build from inside `programs/civilsamfundet` does not leave a second
/// `output/` there.
enum CourseFolder {
  /// The course folder of the programs named: the folder above the nearest `programs`
  /// folder they are in, as a path from the working folder (`.`, `../..`, or absolute).
  /// Nil when they are in none.
  static func find(near paths: [String]) -> String? {
    let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.pathComponents
    for path in paths {
      var folder = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
      if !isFolder(path) { folder.removeLast() }
      guard let programs = folder.lastIndex(of: "programs"), programs > 0 else { continue }
      return relative(Array(folder[..<programs]), from: here)
    }
    return nil
  }

  /// Above the working folder: the course folder it is inside, for a command run there with
  /// no paths (`programs/civilsamfundet` → `../..`). Nil outside any.
  static func above() -> String? {
    let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.pathComponents
    var folder = here
    while folder.count > 1 {
      folder.removeLast()
      let path = NSString.path(withComponents: folder)
      if isFolder(path + "/programs") { return relative(folder, from: here) }
    }
    return nil
  }

  /// `output` in the course folder of `paths`, else `output` here.
  static func output(near paths: [String]) -> String {
    find(near: paths).map { $0 == "." ? "output" : $0 + "/output" } ?? "output"
  }

  /// The follow-up database's default: in the course folder's `output/`.
  static func database(near paths: [String]) -> String {
    guard let course = find(near: paths), course != "." else { return FollowUpStore.defaultPath }
    return course + "/" + FollowUpStore.defaultPath
  }

  /// `path` (absolute) from `base` (absolute), when it is `base` or inside it.
  static func relative(_ path: String, to base: String) -> String? {
    if path == base { return "." }
    let prefix = base.hasSuffix("/") ? base : base + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
  }

  static func isFolder(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }

  /// `folder` as a path from `here`: `.` for the same, `../..` above it, `a/b` below it, else
  /// absolute.
  static func relative(_ folder: [String], from here: [String]) -> String {
    if folder == here { return "." }
    if here.starts(with: folder) {
      return Array(repeating: "..", count: here.count - folder.count).joined(separator: "/")
    }
    if folder.starts(with: here) { return folder[here.count...].joined(separator: "/") }
    return NSString.path(withComponents: folder)
  }
}
