import Foundation
import Yams

/// What loading one program file gave: the program, unless its file could not be read
/// into one, and every finding along the way.
public struct LoadResult: Sendable {
  public var program: Program?
  public var diagnostics: [Diagnostic]
}

/// Loads program files with their `series.yaml` and exercises, each shared file read once.
/// Safe to share between threads: the series cache sits behind a lock.
public final class ProgramLoader: @unchecked Sendable {
  private let lock = NSLock()
  public let exercises: ExerciseLibrary
  private var seriesCache: [String: (defaults: SeriesDefaults, diagnostics: [Diagnostic])] = [:]

  public init(exercises: ExerciseLibrary) {
    self.exercises = exercises
  }

  public convenience init(exerciseDirectory: String = "exercises") {
    self.init(exercises: ExerciseLibrary(directory: exerciseDirectory))
  }

  /// Loads `path`; findings in its `series.yaml` and exercise files come with it.
  public func load(programAt path: String) -> LoadResult {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    let (series, seriesDiagnostics) = seriesDefaults(in: folder.path, displayFolder: displayFolder(of: path))

    var reader = NodeReader(file: path)
    var program: Program?
    switch YAMLFile.load(path: path, displayPath: path) {
    case .failure(let diagnostic):
      reader.report(diagnostic.rule, at: diagnostic.location, diagnostic.message)
    case .success(let root):
      program = reader.program(
        id: url.deletingPathExtension().lastPathComponent, series: folder.lastPathComponent, from: root,
        defaults: series, exercises: exercises)
    }
    // Every exercise the file names, including those whose errors kept them out of the agenda.
    let exerciseFindings = reader.referencedExercises.sorted().flatMap { exercises.diagnostics(for: $0) }
    let rules = program?.rules ?? series.rules
    return LoadResult(
      program: program,
      diagnostics: rules.apply(to: seriesDiagnostics + reader.diagnostics + exerciseFindings))
  }

  private func displayFolder(of path: String) -> String {
    let folder = (path as NSString).deletingLastPathComponent
    return folder.isEmpty ? "." : folder
  }

  private func seriesDefaults(in folder: String, displayFolder: String) -> (SeriesDefaults, [Diagnostic]) {
    if let cached = lock.withLock({ seriesCache[folder] }) { return cached }
    let path = displayFolder == "." ? "series.yaml" : displayFolder + "/series.yaml"
    var defaults = SeriesDefaults()
    var diagnostics: [Diagnostic] = []
    if FileManager.default.fileExists(atPath: path) {
      switch YAMLFile.load(path: path, displayPath: path) {
      case .failure(let diagnostic): diagnostics = [diagnostic]
      case .success(let root):
        var reader = NodeReader(file: path)
        defaults = reader.series(from: root)
        diagnostics = reader.diagnostics
      }
    }
    lock.withLock { seriesCache[folder] = (defaults, diagnostics) }
    return (defaults, diagnostics)
  }
}
