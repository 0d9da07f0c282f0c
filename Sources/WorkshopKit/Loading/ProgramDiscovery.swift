import Foundation

/// Finds program files: a file given by path, or every `.yaml` below a folder except
/// `series.yaml` and the `followups/` answer files, sorted so runs are repeatable.
public enum ProgramDiscovery {
  public struct MissingPath: Error, CustomStringConvertible {
    public var path: String
    public var description: String { "no such file or folder: \(path)" }
  }

  public static func programFiles(in paths: [String]) throws -> [String] {
    var files: [String] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw MissingPath(path: path)
      }
      if isDirectory.boolValue {
        files += programFiles(inFolder: path)
      } else {
        files.append(path)
      }
    }
    var seen = Set<String>()
    return files.filter { seen.insert($0).inserted }
  }

  private static func programFiles(inFolder folder: String) -> [String] {
    let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
    guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
    var found: [String] = []
    while let relative = enumerator.nextObject() as? String {
      let components = relative.split(separator: "/")
      guard relative.hasSuffix(".yaml"), components.last != "series.yaml",
        !components.contains("followups"), !components.contains(where: { $0.hasPrefix(".") })
      else { continue }
      found.append(base + "/" + relative)
    }
    return found.sorted()
  }
}
