import Foundation
import Yams

/// What loading one program file gave: the program, unless its file could not be read
/// into one, and every finding along the way.
public struct LoadResult: Sendable {
  public var program: Program?
  public var diagnostics: [Diagnostic]
  /// An unknown key looked like a known one (`titel`): the program as read is not the one
  /// meant, so its timing is not judged until the key is fixed.
  public var hasMisspelledKeys = false
  /// Whether the timing rules can judge the program as read despite its errors: it has
  /// none, or only errors that leave every item's time and kind known (an unknown key, an
  /// exercise that is not in the library or whose file has errors).
  public var timingIsKnown = true
}

/// Loads program files with their `series.yaml` and exercises, each shared file read once.
/// Safe to share between threads: the series cache sits behind a lock.
public final class ProgramLoader: @unchecked Sendable {
  private let lock = NSLock()
  public let exercises: ExerciseLibrary
  private var seriesCache: [String: (defaults: SeriesDefaults, diagnostics: [Diagnostic])] = [:]
  /// `place(of:)`'s folders, by the folder as written in the path.
  private var folderPlaces: [String: FolderPlace] = [:]

  public init(exercises: ExerciseLibrary) {
    self.exercises = exercises
  }

  public convenience init(exerciseDirectory: String = "exercises") {
    self.init(exercises: ExerciseLibrary(directory: exerciseDirectory))
  }

  /// Loads `path`; findings in its `series.yaml` and exercise files come with it.
  public func load(programAt path: String) -> LoadResult {
    let place = place(of: path)
    let (series, seriesDiagnostics) = seriesDefaults(in: place.folder.path, displayFolder: place.folder.display)

    var reader = NodeReader(file: path)
    var program: Program?
    switch YAMLFile.load(path: path, displayPath: path) {
    case .failure(let diagnostic):
      reader.report(diagnostic.rule, at: diagnostic.location, diagnostic.message)
    case .success where series.isUnreadable:
      // Read once its series.yaml can be: the finding there is the one to fix first.
      break
    case .success(let document):
      reader = NodeReader(file: path, source: document.text)
      program = reader.program(
        id: ProgramDiscovery.stem(of: place.fileName), series: place.folder.name, from: document.root,
        defaults: series, exercises: exercises)
    }
    // Every exercise the file names, including those whose errors kept them out of the agenda.
    let exerciseFindings = reader.referencedExercises.sorted().flatMap { exercises.diagnostics(for: $0) }
    let rules = program?.rules ?? reader.programRules ?? series.rules
    let diagnostics = rules.apply(to: seriesDiagnostics + reader.diagnostics + exerciseFindings)
    let exerciseFiles = Set(exerciseFindings.map(\.location.file))
    let timingIsKnown =
      !reader.hasMisspelledKeys
      && !diagnostics.contains {
        $0.severity == .error && $0.rule != .unknownKey && $0.rule != .unknownExercise
          && !exerciseFiles.contains($0.location.file)
          && !($0.rule == .invalidValue && reader.invalidExerciseIDs.contains($0.location))
      }
    return LoadResult(
      program: program, diagnostics: diagnostics, hasMisspelledKeys: reader.hasMisspelledKeys,
      timingIsKnown: timingIsKnown)
  }

  /// The findings in a `series.yaml` given by path, as every program of its folder gets them.
  public func check(seriesAt path: String) -> [Diagnostic] {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    let (defaults, diagnostics) = seriesDefaults(in: folder.path, displayFolder: displayFolder(of: path))
    return defaults.rules.apply(to: diagnostics)
  }

  /// The rules a series folder sets in its `series.yaml`.
  func seriesRules(inFolder folder: String) -> RuleConfiguration {
    let url = URL(fileURLWithPath: folder.isEmpty ? "." : folder)
    return seriesDefaults(in: url.path, displayFolder: folder.isEmpty ? "." : folder).0.rules
  }

  private func displayFolder(of path: String) -> String {
    let folder = PathText.folder(of: path)
    return folder.isEmpty ? "." : folder
  }

  /// A program file's folder: its absolute path (the series cache's key), its name (the
  /// series) and how it is written in messages.
  struct FolderPlace: Sendable {
    var path: String
    var name: String
    var display: String
  }

  /// The folder and file name of `path`. Foundation works them out from a file URL, which
  /// costs more than reading the program's YAML; every file of a folder, as the folder is
  /// written in its path, shares the answer, so it is worked out once per folder.
  func place(of path: String) -> (folder: FolderPlace, fileName: String) {
    func worked(out path: String) -> (folder: FolderPlace, fileName: String) {
      let url = URL(fileURLWithPath: path)
      let folder = url.deletingLastPathComponent()
      return (
        FolderPlace(path: folder.path, name: folder.lastPathComponent, display: displayFolder(of: path)),
        url.lastPathComponent
      )
    }
    // The folder as written and the name after its last slash. A name that is empty, `.`
    // or `..` is a folder's, which Foundation resolves.
    let (written, name) = PathText.split(path)
    guard !name.isEmpty, name != ".", name != ".." else { return worked(out: path) }
    if let folder = lock.withLock({ folderPlaces[written] }) { return (folder, name) }
    let place = worked(out: path)
    lock.withLock { folderPlaces[written] = place.folder }
    return place
  }

  private func seriesDefaults(in folder: String, displayFolder: String) -> (SeriesDefaults, [Diagnostic]) {
    if let cached = lock.withLock({ seriesCache[folder] }) { return cached }
    let prefix = displayFolder == "." ? "" : displayFolder + "/"
    let path =
      ["series.yaml", "series.yml"].map { prefix + $0 }.first { FileManager.default.fileExists(atPath: $0) }
      ?? prefix + "series.yaml"
    var defaults = SeriesDefaults()
    var diagnostics: [Diagnostic] = []
    if FileManager.default.fileExists(atPath: path) {
      switch YAMLFile.load(path: path, displayPath: path) {
      case .failure(let diagnostic):
        diagnostics = [diagnostic]
        defaults.isUnreadable = true
      case .success(let document):
        var reader = NodeReader(file: path, source: document.text)
        defaults = reader.series(from: document.root)
        diagnostics = reader.diagnostics
      }
    }
    lock.withLock { seriesCache[folder] = (defaults, diagnostics) }
    return (defaults, diagnostics)
  }
}
