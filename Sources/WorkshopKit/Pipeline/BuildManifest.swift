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
  /// The follow-up database the build read, by its absolute path; nil when it read none.
  var database: String?
  /// By the folder's path as the batch named it (`programs/civilsamfundet`).
  var folders: [String: Folder] = [:]

  struct Folder: Equatable, Sendable {
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

  struct FollowUpForm: Hashable, Sendable {
    var series: String
    var program: String
    var exercise: String
  }

  /// The manifest of `outputDirectory`, if there is one in this format: what the last build
  /// wrote, so files no longer produced can be removed. Nil when any line cannot be read.
  static func read(from outputDirectory: String) -> BuildManifest? {
    guard let data = FileManager.default.contents(atPath: path(in: outputDirectory)) else { return nil }
    // JSON escapes a line break inside a string, so every line break ends a line.
    let lines = [UInt8](data).split(separator: UInt8(ascii: "\n"))
    guard let first = lines.first, var manifest = try? BuildManifest(header: first),
      manifest.format == currentFormat
    else { return nil }
    let records = ResultSlots<(path: String, record: Folder)>(count: lines.count - 1)
    DispatchQueue.concurrentPerform(iterations: lines.count - 1) { index in
      if let line = try? Folder.line(lines[index + 1]) { records.set(index, line) }
    }
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
      lines.set(index, folders[paths[index]]!.line(path: paths[index]))
    }
    var bytes = headerLine
    for line in lines.values { bytes += line ?? [] }
    var writer = AtomicFileWriter()
    try writer.writeIfChanged(bytes, to: Self.path(in: outputDirectory))
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

// MARK: - Lines of the file

extension BuildManifest {
  /// `{"database":…,"exerciseDirectory":…,"format":3,"tool":…}` and a line break (no
  /// `database` when the build read none).
  fileprivate var headerLine: [UInt8] {
    var json = JSONWriter()
    json.object {
      if let database { $0.field("database", database) }
      $0.field("exerciseDirectory", exerciseDirectory)
      $0.field("format", format)
      $0.field("tool", tool)
    }
    return json.bytes + [UInt8(ascii: "\n")]
  }

  /// The manifest the first line describes, without its folders.
  fileprivate init(header line: ArraySlice<UInt8>) throws {
    var reader = JSONReader(line)
    var format: Int?
    var tool: String?
    var library: String?
    var database: String?
    try reader.object { reader, key in
      switch key {
      case "database": database = try reader.string()
      case "format": format = try reader.int()
      case "tool": tool = try reader.string()
      case "exerciseDirectory": library = try reader.string()
      default: try reader.skipValue()
      }
    }
    guard reader.isAtEnd, let format, let tool, let library else { throw JSONReader.Malformed() }
    self.init(format: format, tool: tool, exerciseDirectory: library, database: database)
  }
}

extension BuildManifest.Folder {
  /// `{"path":…,"record":{…}}` and a line break, the record's keys in alphabetical order.
  fileprivate func line(path: String) -> [UInt8] {
    var json = JSONWriter()
    json.object { line in
      line.field("path", path)
      line.key("record")
      line.object { record in
        record.field("builtCount", builtCount)
        if let courseReport { record.field("courseReport", courseReport) }
        record.key("diagnostics")
        record.array { list in for diagnostic in diagnostics { diagnostic.write(into: &list) } }
        record.field("documentCount", documentCount)
        if let exercises { record.field("exercises", strings: exercises) }
        record.field("failedPrograms", strings: failedPrograms)
        record.key("followUps")
        record.array { list in
          for form in followUps {
            list.object {
              $0.field("exercise", form.exercise)
              $0.field("program", form.program)
              $0.field("series", form.series)
            }
          }
        }
        record.key("index")
        record.array { list in for entry in index { entry.write(into: &list) } }
        record.key("keptOutputs")
        record.object { kept in
          for program in keptOutputs.keys.sorted() { kept.field(program, strings: keptOutputs[program]!) }
        }
        record.field("key", key)
        record.key("outputs")
        record.object { all in
          for program in outputs.keys.sorted() {
            let files = outputs[program]!
            all.key(program)
            all.object { sizes in for file in files.keys.sorted() { sizes.field(file, files[file]!) } }
          }
        }
        record.field("recordedMeetings", strings: recordedMeetings)
      }
    }
    return json.bytes + [UInt8(ascii: "\n")]
  }

  /// A folder's line: its path and its record. Throws when a field is missing or of the
  /// wrong kind, or names a rule this build does not know.
  fileprivate static func line(_ bytes: ArraySlice<UInt8>) throws -> (path: String, record: Self) {
    var reader = JSONReader(bytes)
    var path: String?
    var record: Self?
    try reader.object { reader, key in
      switch key {
      case "path": path = try reader.string()
      case "record": record = try Self(reading: &reader)
      default: try reader.skipValue()
      }
    }
    guard reader.isAtEnd, let path, let record else { throw JSONReader.Malformed() }
    return (path, record)
  }

  private init(reading reader: inout JSONReader) throws {
    var key: String?
    var exercises: [String]?
    var followUps: [BuildManifest.FollowUpForm]?
    var recordedMeetings: [String]?
    var diagnostics: [Diagnostic]?
    var index: [KitIndex.Entry]?
    var builtCount: Int?
    var documentCount: Int?
    var failedPrograms: [String]?
    var courseReport: String?
    var outputs: [String: [String: Int]]?
    var keptOutputs: [String: [String]]?
    try reader.object { reader, field in
      switch field {
      case "key": key = try reader.string()
      case "exercises": exercises = try reader.optional { try $0.strings() }
      case "followUps": followUps = try reader.array { try BuildManifest.FollowUpForm(reading: &$0) }
      case "recordedMeetings": recordedMeetings = try reader.strings()
      case "diagnostics": diagnostics = try reader.array { try Diagnostic(reading: &$0) }
      case "index": index = try reader.array { try KitIndex.Entry(reading: &$0) }
      case "builtCount": builtCount = try reader.int()
      case "documentCount": documentCount = try reader.int()
      case "failedPrograms": failedPrograms = try reader.strings()
      case "courseReport": courseReport = try reader.optional { try $0.string() }
      case "outputs":
        var all: [String: [String: Int]] = [:]
        try reader.object { reader, program in
          var sizes: [String: Int] = [:]
          try reader.object { reader, file in sizes[file] = try reader.int() }
          all[program] = sizes
        }
        outputs = all
      case "keptOutputs":
        var kept: [String: [String]] = [:]
        try reader.object { reader, program in kept[program] = try reader.strings() }
        keptOutputs = kept
      default: try reader.skipValue()
      }
    }
    guard let key, let followUps, let recordedMeetings, let diagnostics, let index, let builtCount,
      let documentCount, let failedPrograms, let outputs, let keptOutputs
    else { throw JSONReader.Malformed() }
    self.init(
      key: key, exercises: exercises, followUps: followUps, recordedMeetings: recordedMeetings,
      diagnostics: diagnostics, index: index, builtCount: builtCount, documentCount: documentCount,
      failedPrograms: failedPrograms, courseReport: courseReport, outputs: outputs, keptOutputs: keptOutputs)
  }
}

extension BuildManifest.FollowUpForm {
  fileprivate init(reading reader: inout JSONReader) throws {
    var series: String?
    var program: String?
    var exercise: String?
    try reader.object { reader, key in
      switch key {
      case "series": series = try reader.string()
      case "program": program = try reader.string()
      case "exercise": exercise = try reader.string()
      default: try reader.skipValue()
      }
    }
    guard let series, let program, let exercise else { throw JSONReader.Malformed() }
    self.init(series: series, program: program, exercise: exercise)
  }
}

/// Findings as the manifest keeps them; a rule this build does not know fails the reading,
/// and with it the manifest, so everything is built again.
extension Diagnostic {
  fileprivate func write(into json: inout JSONWriter) {
    json.object {
      $0.field("column", location.column)
      $0.field("file", location.file)
      $0.field("line", location.line)
      $0.field("message", message)
      $0.field("rule", rule.rawValue)
      $0.field("severity", severity.rawValue)
    }
  }

  fileprivate init(reading reader: inout JSONReader) throws {
    var rule: RuleID?
    var severity: Severity?
    var file: String?
    var line: Int?
    var column: Int?
    var message: String?
    try reader.object { reader, key in
      switch key {
      case "rule": rule = RuleID(rawValue: try reader.string())
      case "severity": severity = Severity(rawValue: try reader.string())
      case "file": file = try reader.string()
      case "line": line = try reader.int()
      case "column": column = try reader.int()
      case "message": message = try reader.string()
      default: try reader.skipValue()
      }
    }
    guard let rule, let severity, let file, let line, let column, let message else { throw JSONReader.Malformed() }
    self.init(rule, severity, at: SourceLocation(file: file, line: line, column: column), message)
  }
}

/// An index entry as a skipped folder's manifest keeps it, so the program is not loaded again.
extension KitIndex.Entry {
  fileprivate func write(into json: inout JSONWriter) {
    json.object {
      $0.field("built", built)
      if let course { $0.field("course", course) }
      $0.field("file", file)
      $0.key("date")
      $0.date(date)
      $0.field("folder", folder)
      $0.field("hasCards", hasCards)
      $0.field("hasEvaluation", hasEvaluation)
      $0.field("hasFollowUp", hasFollowUp)
      $0.field("id", id)
      $0.field("language", language.rawValue)
      if !laterDates.isEmpty {
        $0.key("laterDates")
        $0.array { json in
          for date in laterDates { json.date(date) }
        }
      }
      if let meeting { $0.field("meeting", meeting) }
      if let meetingLabel { $0.field("meetingLabel", meetingLabel) }
      $0.field("series", series)
      $0.field("title", title)
    }
  }

  fileprivate init(reading reader: inout JSONReader) throws {
    var fields: (series: String?, id: String?, title: String?, folder: String?, file: String?) = (
      nil, nil, nil, nil, nil
    )
    var course: String?
    var meeting: Int?
    var date: CalendarDate?
    var language: Language?
    var built: Bool?
    var hasEvaluation: Bool?
    var hasFollowUp = true
    var hasCards = true
    var meetingLabel: String?
    var laterDates: [CalendarDate] = []
    try reader.object { reader, key in
      switch key {
      case "series": fields.series = try reader.string()
      case "id": fields.id = try reader.string()
      case "title": fields.title = try reader.string()
      case "folder": fields.folder = try reader.string()
      case "file": fields.file = try reader.string()
      case "course": course = try reader.optional { try $0.string() }
      case "meeting": meeting = try reader.optional { try $0.int() }
      case "date": date = try Self.date(reading: &reader)
      case "laterDates": laterDates = try reader.array { try Self.date(reading: &$0) }
      case "language": language = Language(rawValue: try reader.string())
      case "built": built = try reader.bool()
      case "hasEvaluation": hasEvaluation = try reader.bool()
      case "hasFollowUp": hasFollowUp = try reader.bool()
      case "hasCards": hasCards = try reader.bool()
      case "meetingLabel": meetingLabel = try reader.optional { try $0.string() }
      default: try reader.skipValue()
      }
    }
    guard let series = fields.series, let id = fields.id, let title = fields.title, let folder = fields.folder,
      let file = fields.file, let date, let language, let built, let hasEvaluation
    else { throw JSONReader.Malformed() }
    self.series = series
    self.id = id
    self.title = title
    self.course = course
    self.meeting = meeting
    self.date = date
    self.laterDates = laterDates
    self.language = language
    self.folder = folder
    self.built = built
    self.hasEvaluation = hasEvaluation
    self.hasFollowUp = hasFollowUp
    self.hasCards = hasCards
    self.meetingLabel = meetingLabel
    self.file = file
  }

  /// A date as `[year, month, day]`.
  private static func date(reading reader: inout JSONReader) throws -> CalendarDate {
    let parts = try reader.array { try $0.int() }
    guard parts.count == 3, let date = CalendarDate(year: parts[0], month: parts[1], day: parts[2]) else {
      throw JSONReader.Malformed()
    }
    return date
  }
}

extension JSONWriter {
  /// A date as `[year, month, day]`.
  fileprivate mutating func date(_ date: CalendarDate) {
    array {
      $0.int(date.year)
      $0.int(date.month)
      $0.int(date.day)
    }
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
