import ArgumentParser
import WorkshopKit

/// A program file given on the command line, loaded for the commands about its follow-up.
struct FollowUpProgram {
  var program: Program
  /// Nil only where `orEvaluation` let a meeting without one through.
  var exercise: Exercise?

  /// Loads the one program at `path`; prints why not and exits 1 when it has errors
  /// (with `requireNoErrors`), or when it has no follow-up exercise (and, with
  /// `orEvaluation`, no evaluation either: the links of the course's last meeting open
  /// its evaluation).
  static func load(
    _ path: String, options: ProgramOptions, requireNoErrors: Bool, orEvaluation: Bool = false, for command: String
  )
    throws -> FollowUpProgram
  {
    let files = try options.programFiles(in: [path])
    guard files.count == 1, let file = files.first else {
      throw ValidationError("give one program file; \(path) holds \(files.count)")
    }
    try options.requireProgram(file, for: command)
    let checker = Checker(exerciseDirectory: options.exerciseDirectory(near: [path]))
    let diagnostics: [Diagnostic]
    let program: Program?
    if requireNoErrors {
      let check = checker.check(programAt: file)
      (program, diagnostics) = (check.program, check.diagnostics)
    } else {
      let loaded = checker.loader.load(programAt: file)
      (program, diagnostics) = (loaded.program, loaded.diagnostics)
    }
    let errors = diagnostics.filter { $0.severity == .error }
    if let program, errors.isEmpty || !requireNoErrors {
      guard program.followUpExercise != nil || (orEvaluation && program.evaluation != nil) else {
        Terminal.printError(
          "error: \(file) has no follow-up exercise (an exercise with `follow-up: true`), so it has no follow-up form"
            + (orEvaluation ? ", and no evaluation (`evaluation:`) for the links to open" : ""))
        throw ExitCode(1)
      }
      return FollowUpProgram(program: program, exercise: program.followUpExercise)
    }
    for diagnostic in errors { Terminal.printError(DiagnosticRendering.line(diagnostic, colour: false)) }
    Terminal.printError("error: \(file) has errors; fix them first (`workshopkit check \(file)` lists them)")
    throw ExitCode(1)
  }
}
