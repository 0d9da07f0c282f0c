import Foundation

extension Checker {
  /// Checks what `workshopkit check` is given: program files (by path or found in folders)
  /// with the checks across their series, and series, follow-up and exercise files given
  /// by path, each in its own format; with `wholeLibrary`, every exercise of the library,
  /// used or not.
  public func check(files: [String], wholeLibrary: Bool = false) -> CheckReport {
    let library = loader.exercises
    var programs: [String] = []
    var seriesFiles: [String] = []
    var followUpFiles: [String] = []
    var exerciseFiles: [String] = []
    let libraryPath = ProgramDiscovery.resolvedLibrary(library.directory)
    for file in files {
      switch ProgramDiscovery.kind(of: file, library: libraryPath) {
      case .program: programs.append(file)
      case .series: seriesFiles.append(file)
      case .followUps, .attendance, .evaluations: followUpFiles.append(file)
      case .exercise: exerciseFiles.append(file)
      }
    }
    let checks = check(programsAt: programs)
    var other: [Diagnostic] = []
    let series = SeriesChecker(loader: loader)
    // Each check by its path, so a folder's batch is found without scanning every check.
    var checksByPath: [String: [ProgramCheck]] = [:]
    for check in checks { checksByPath[check.path, default: []].append(check) }
    for folder in KitBuilder.groupedByFolder(programs) {
      var seen: Set<String> = []
      let batch = folder.files.filter { seen.insert($0).inserted }.flatMap { checksByPath[$0] ?? [] }
      other += series.check(folder: folder.path, batch: batch)
    }
    for file in seriesFiles { other += loader.check(seriesAt: file) }
    for file in followUpFiles { other += series.check(followUpFileAt: file) }
    for file in exerciseFiles { other += check(exerciseAt: file) }
    var exerciseCount = exerciseFiles.count
    if wholeLibrary {
      other += library.checkAll()
      exerciseCount = library.ids.count
    }
    return CheckReport(
      checks: checks, otherDiagnostics: other, exerciseCount: exerciseCount, seriesFileCount: seriesFiles.count,
      followUpFileCount: followUpFiles.count)
  }

  /// An exercise file given by path, in its own library folder.
  func check(exerciseAt path: String) -> [Diagnostic] {
    let name = PathText.name(of: path)
    let id = ProgramDiscovery.stem(of: name)
    guard ExerciseLibrary.isValidID(id), ProgramDiscovery.isYAML(name) else {
      return [ExerciseLibrary.misnamed(path)]
    }
    let folder = PathText.folder(of: path)
    let sameLibrary =
      URL(fileURLWithPath: folder.isEmpty ? "." : folder).standardizedFileURL.resolvingSymlinksInPath().path
      == URL(fileURLWithPath: loader.exercises.directory).standardizedFileURL.resolvingSymlinksInPath().path
    let library = sameLibrary ? loader.exercises : ExerciseLibrary(directory: folder.isEmpty ? "." : folder)
    return library.check(id: id)
  }
}

extension SeriesChecker {
  /// A follow-up answers file given by path: read against the follow-up exercise of the
  /// program it answers, as `build` reads it for the recap.
  public func check(followUpFileAt path: String) -> [Diagnostic] {
    let records = PathText.folder(of: path)
    let folder = PathText.folder(of: records)
    let id = ProgramDiscovery.stem(of: PathText.name(of: path))
    let programs = programs(inFolder: folder, batch: [])
    let kind = PathText.name(of: records)
    if kind == "attendance" || kind == "evaluations" {
      let program = programs.first { $0.id == id }
      return loader.seriesRules(inFolder: folder).apply(
        to: Self.recordFindings(path, kind, id: id, program: program, among: programs))
    }
    let exists = ProgramDiscovery.extensions.contains {
      FileManager.default.fileExists(atPath: (folder.isEmpty ? "" : folder + "/") + id + $0)
    }
    let program = programs.first { $0.id == id }
    if program == nil && exists {
      // The program file does not load; its answers can still be read as answers.
      return FollowUpFile.read(path, exercise: nil).diagnostics
    }
    return loader.seriesRules(inFolder: folder).apply(
      to: Self.followUpFindings(path, id: id, program: program, among: programs))
  }
}
