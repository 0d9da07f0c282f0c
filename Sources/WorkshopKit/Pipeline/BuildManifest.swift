import Foundation

/// `<output>/.workshopkit-manifest.json`: what the last build of this output folder read and
/// wrote, per program folder, so the next build can skip a folder whose inputs are the same.
///
/// A folder is the unit: its meetings feed each other (the recap reads the previous
/// meeting, the calendar file the next one, the groups every earlier one, the course report
/// all of them), so a change to any file of the folder rebuilds the folder. What a skipped
/// folder contributes to the run (findings, index entries, counts) is kept here and replayed.
///
/// The file is JSON Lines: a first line with the format, the tool and the library, then one
/// line per folder (`{"path": …, "record": {…}}`) in path order, so the folders' records are
/// decoded and encoded on all cores (a single JSON document of ten thousand programs took a
/// rebuild with nothing to do most of its time to decode).
struct BuildManifest: Equatable {
  /// Bumped whenever the manifest's meaning changes; another value means a full build.
  static let currentFormat = 3
  static let fileName = ".workshopkit-manifest.json"

  var format = currentFormat
  /// The program that built the output (see `ToolIdentity`): a new build of WorkshopKit
  /// may render differently, so it rebuilds everything.
  var tool: String
  var exerciseDirectory: String
  /// By the folder's path as the batch named it (`programs/civilsamfundet`).
  var folders: [String: Folder] = [:]

  struct Folder: Codable, Equatable, Sendable {
    /// SHA-256 over every input of the folder (`FolderFingerprint`).
    var key: String
    /// The exercises its programs use; nil when a program did not load, so every exercise counts.
    var exercises: [String]?
    /// The follow-up forms whose online answers count, when there is a database.
    var followUps: [FollowUpForm]
    /// The meetings of a series folder whose online attendance and evaluations feed its
    /// course report, when there is a database (`series/program`).
    var recordedMeetings: [String] = []
    /// The folder's findings, as the build reported them.
    var diagnostics: [Diagnostic]
    var index: [KitIndex.Entry]
    var builtCount: Int
    var documentCount: Int
    var failedPrograms: [String]
    /// The series whose `course.xhtml` this folder wrote.
    var courseReport: String?
    /// Files written for the folder by program file (the course report under ""), each
    /// relative to the output folder with its size: a folder is rebuilt when one of them is
    /// missing or was changed by hand.
    var outputs: [String: [String: Int]]
    /// Outputs of earlier builds of programs that were not in this batch but still exist,
    /// by program file: left alone, and removed once the program file is gone.
    var keptOutputs: [String: [String]] = [:]
  }

  struct FollowUpForm: Codable, Hashable, Sendable {
    var series: String
    var program: String
    var exercise: String
  }

  /// The first line of the file.
  private struct Header: Codable {
    var format: Int
    var tool: String
    var exerciseDirectory: String
  }

  /// Each further line.
  private struct FolderLine: Codable, Sendable {
    var path: String
    var record: Folder
  }

  /// The manifest of `outputDirectory`, if there is one in this format: what the last build
  /// wrote, so files no longer produced can be removed. Nil when any line cannot be read.
  static func read(from outputDirectory: String) -> BuildManifest? {
    guard let data = FileManager.default.contents(atPath: path(in: outputDirectory)) else { return nil }
    // JSON escapes a line break inside a string, so every line break ends a line.
    let lines = [UInt8](data).split(separator: UInt8(ascii: "\n"))
    guard let first = lines.first, let header = try? JSONDecoder().decode(Header.self, from: Data(first)),
      header.format == currentFormat
    else { return nil }
    let records = ResultSlots<FolderLine>(count: lines.count - 1)
    DispatchQueue.concurrentPerform(iterations: lines.count - 1) { index in
      if let line = try? JSONDecoder().decode(FolderLine.self, from: Data(lines[index + 1])) {
        records.set(index, line)
      }
    }
    var manifest = BuildManifest(tool: header.tool, exerciseDirectory: header.exerciseDirectory)
    for line in records.values {
      guard let line else { return nil }
      manifest.folders[line.path] = line.record
    }
    return manifest
  }

  /// The manifest when its folders can be skipped: written by this build of WorkshopKit
  /// from the same exercise library.
  func isReusable(tool: String, library: String) -> BuildManifest? {
    self.tool == tool && exerciseDirectory == library ? self : nil
  }

  func write(to outputDirectory: String) throws(AtomicFileWriter.WriteError) {
    let paths = folders.keys.sorted()
    let lines = ResultSlots<[UInt8]>(count: paths.count)
    DispatchQueue.concurrentPerform(iterations: paths.count) { index in
      lines.set(index, Self.encoded(FolderLine(path: paths[index], record: folders[paths[index]]!)))
    }
    var bytes = Self.encoded(Header(format: format, tool: tool, exerciseDirectory: exerciseDirectory))
    for line in lines.values { bytes += line ?? [] }
    var writer = AtomicFileWriter()
    try writer.writeIfChanged(bytes, to: Self.path(in: outputDirectory))
  }

  /// One line of the file: `value` as JSON with sorted keys, and a line break.
  private static func encoded(_ value: some Encodable) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return (try? encoder.encode(value)).map { [UInt8]($0) + [UInt8(ascii: "\n")] } ?? []
  }

  static func path(in outputDirectory: String) -> String { outputDirectory + "/" + fileName }

  /// Every file the manifest says a build wrote, for removing those no longer produced.
  var allOutputs: Set<String> {
    var all = Set<String>()
    for folder in folders.values {
      for files in folder.outputs.values { all.formUnion(files.keys) }
      for kept in folder.keptOutputs.values { all.formUnion(kept) }
    }
    return all
  }
}

/// Findings as the manifest keeps them; a rule this build does not know fails the decoding,
/// and with it the manifest, so everything is built again.
extension Diagnostic: Codable {
  private enum CodingKeys: String, CodingKey { case rule, severity, file, line, column, message }

  public init(from decoder: any Decoder) throws {
    let fields = try decoder.container(keyedBy: CodingKeys.self)
    let location = SourceLocation(
      file: try fields.decode(String.self, forKey: .file), line: try fields.decode(Int.self, forKey: .line),
      column: try fields.decode(Int.self, forKey: .column))
    self.init(
      try fields.decode(RuleID.self, forKey: .rule), try fields.decode(Severity.self, forKey: .severity), at: location,
      try fields.decode(String.self, forKey: .message))
  }

  public func encode(to encoder: any Encoder) throws {
    var fields = encoder.container(keyedBy: CodingKeys.self)
    try fields.encode(rule, forKey: .rule)
    try fields.encode(severity, forKey: .severity)
    try fields.encode(location.file, forKey: .file)
    try fields.encode(location.line, forKey: .line)
    try fields.encode(location.column, forKey: .column)
    try fields.encode(message, forKey: .message)
  }
}

/// An index entry as a skipped folder's manifest keeps it, so the program is not loaded again.
extension KitIndex.Entry: Codable {
  private enum CodingKeys: String, CodingKey {
    case series, id, title, course, meeting, date, language, folder, built, hasEvaluation
  }

  public init(from decoder: any Decoder) throws {
    let fields = try decoder.container(keyedBy: CodingKeys.self)
    let date = try fields.decode([Int].self, forKey: .date)
    guard date.count == 3, let day = CalendarDate(year: date[0], month: date[1], day: date[2]),
      let language = Language(rawValue: try fields.decode(String.self, forKey: .language))
    else { throw DecodingError.dataCorruptedError(forKey: .date, in: fields, debugDescription: "not a meeting") }
    series = try fields.decode(String.self, forKey: .series)
    id = try fields.decode(String.self, forKey: .id)
    title = try fields.decode(String.self, forKey: .title)
    course = try fields.decodeIfPresent(String.self, forKey: .course)
    meeting = try fields.decodeIfPresent(Int.self, forKey: .meeting)
    self.date = day
    self.language = language
    folder = try fields.decode(String.self, forKey: .folder)
    built = try fields.decode(Bool.self, forKey: .built)
    hasEvaluation = try fields.decode(Bool.self, forKey: .hasEvaluation)
  }

  public func encode(to encoder: any Encoder) throws {
    var fields = encoder.container(keyedBy: CodingKeys.self)
    try fields.encode(series, forKey: .series)
    try fields.encode(id, forKey: .id)
    try fields.encode(title, forKey: .title)
    try fields.encodeIfPresent(course, forKey: .course)
    try fields.encodeIfPresent(meeting, forKey: .meeting)
    try fields.encode([date.year, date.month, date.day], forKey: .date)
    try fields.encode(language.rawValue, forKey: .language)
    try fields.encode(folder, forKey: .folder)
    try fields.encode(built, forKey: .built)
    try fields.encode(hasEvaluation, forKey: .hasEvaluation)
  }
}

/// Which build of WorkshopKit is running: the executable's path, size and modification
/// time. A rebuilt `workshopkit` counts as a different tool, so its first build is full.
enum ToolIdentity {
  static let current: String = {
    let executable =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? Bundle.main.executablePath
      ?? CommandLine.arguments.first ?? ""
    var status = stat()
    guard stat(executable, &status) == 0 else { return "unknown \(UUID().uuidString)" }
    #if os(Linux)
      let modified = "\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
    #else
      let modified = "\(status.st_mtimespec.tv_sec).\(status.st_mtimespec.tv_nsec)"
    #endif
    return "\(executable) \(status.st_size) \(modified)"
  }()
}
