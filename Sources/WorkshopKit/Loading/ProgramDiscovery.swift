import Foundation

/// Finds input files: a file given by path, or every `.yaml` or `.yml` below a folder
/// except `series.yaml` and the records of meetings (`followups/`, `attendance/`,
/// `evaluations/`), sorted so runs are repeatable.
public enum ProgramDiscovery {
  public struct MissingPath: Error, CustomStringConvertible {
    public var path: String
    public var description: String { "no such file or folder: \(path)" }
  }

  /// What a file given by path is, known by where it lies and its name.
  public enum FileKind: Sendable, Hashable {
    case program
    /// `series.yaml`: what all meetings of a course share.
    case series
    /// `<series>/followups/<program>.yaml`: answers to that program's follow-up form.
    case followUps
    /// `<series>/attendance/<program>.yaml`: who was there, typed in from the sign-in sheet.
    case attendance
    /// `<series>/evaluations/<program>.yaml`: the evaluation forms, typed in from paper.
    case evaluations
    /// `<library>/<id>.yaml`: an exercise of the library.
    case exercise
  }

  /// The folders of a series that hold records of its meetings, not programs.
  static let recordFolders = ["followups", "attendance", "evaluations"]

  /// The extensions WorkshopKit reads, `.yaml` first.
  public static let extensions = [".yaml", ".yml"]

  static func isYAML(_ name: some StringProtocol) -> Bool { extensions.contains { name.hasSuffix($0) } }

  /// The name without `.yaml` or `.yml`.
  public static func stem(of name: String) -> String {
    for suffix in extensions where name.hasSuffix(suffix) { return String(name.dropLast(suffix.count)) }
    return name
  }

  static func isSeriesFile(_ name: some StringProtocol) -> Bool { name == "series.yaml" || name == "series.yml" }

  /// The kind of a file given by path; `exerciseDirectory` is the library in use.
  public static func kind(of path: String, exerciseDirectory: String) -> FileKind {
    kind(of: path, library: resolvedLibrary(exerciseDirectory))
  }

  /// The exercise library's folder as `kind(of:library:)` compares it: absolute, with
  /// symbolic links resolved. Worked out once for a run, not once per file.
  public static func resolvedLibrary(_ exerciseDirectory: String) -> String {
    URL(fileURLWithPath: exerciseDirectory).standardizedFileURL.resolvingSymlinksInPath().path
  }

  /// The kind of a file given by path; `library` is `resolvedLibrary(_:)` of the library in use.
  static func kind(of path: String, library: String) -> FileKind {
    let url = URL(fileURLWithPath: path).standardizedFileURL
    let folder = url.deletingLastPathComponent()
    if isSeriesFile(url.lastPathComponent) { return .series }
    switch folder.lastPathComponent {
    case "followups": return .followUps
    case "attendance": return .attendance
    case "evaluations": return .evaluations
    default: break
    }
    if folder.resolvingSymlinksInPath().path == library || folder.lastPathComponent == "exercises" {
      return .exercise
    }
    return .program
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
    var found: [String] = []
    collectProgramFiles(in: base, into: &found)
    return found.sorted()
  }

  /// The program files below `folder`, read with `readdir`: each folder is read once, and
  /// hidden folders and the records of meetings are not gone into at all. A symbolic link
  /// counts as a file (a link to a folder is not followed), as in `FileManager`'s walk,
  /// which cost twelve times as much; this runs before anything else can start.
  private static func collectProgramFiles(in folder: String, into found: inout [String]) {
    guard let directory = opendir(folder) else { return }
    defer { closedir(directory) }
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
        String(cString: bytes.baseAddress!.assumingMemoryBound(to: CChar.self))
      }
      guard !name.hasPrefix(".") else { continue }
      let path = folder + "/" + name
      var isFolder = Int32(entry.pointee.d_type) == Int32(DT_DIR)
      if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
        var status = stat()
        isFolder = lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
      }
      if isFolder {
        if !recordFolders.contains(name) { collectProgramFiles(in: path, into: &found) }
      } else if isYAML(name), !isSeriesFile(name) {
        found.append(path)
      }
    }
  }

  /// The program files directly in `folder` (not in its subfolders), sorted: what
  /// `programFiles(in:)` finds there, without walking the tree below.
  public static func programFiles(directlyIn folder: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
    return names.filter { isYAML($0) && !isSeriesFile($0) && !$0.hasPrefix(".") }
      .map { folder.isEmpty ? $0 : folder + "/" + $0 }.sorted()
  }

  /// The `series.yaml` files below the folders of `paths` whose folder holds none of
  /// `programs`: a course begun with its series file, before its first program. `check`
  /// reads them, so a typo there is found before a program needs it.
  public static func seriesFilesWithoutPrograms(in paths: [String], programs: [String]) -> [String] {
    let used = Set(programs.map { URL(fileURLWithPath: $0).deletingLastPathComponent().standardizedFileURL.path })
    var found: [String] = []
    func walk(_ folder: String) {
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
      if let series = names.first(where: isSeriesFile),
        !used.contains(URL(fileURLWithPath: folder).standardizedFileURL.path)
      {
        found.append(folder == "." ? series : folder + "/" + series)
      }
      for name in names where !name.hasPrefix(".") && !recordFolders.contains(name) {
        var isDirectory: ObjCBool = false
        let path = folder == "." ? name : folder + "/" + name
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
          walk(path)
        }
      }
    }
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        continue
      }
      walk(path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path)
    }
    return found
  }

  /// The follow-up answer files of a series folder, sorted.
  public static func followUpFiles(inSeries folder: String) -> [String] {
    recordFiles(inSeries: folder, "followups")
  }

  /// The files of one record folder (`followups`, `attendance`, `evaluations`), sorted.
  public static func recordFiles(inSeries folder: String, _ records: String) -> [String] {
    let base = (folder.isEmpty ? "." : folder) + "/" + records
    let names = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
    return names.filter { isYAML($0) && !$0.hasPrefix(".") }.sorted().map { base + "/" + $0 }
  }
}
