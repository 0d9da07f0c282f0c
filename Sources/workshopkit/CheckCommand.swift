import ArgumentParser
import Foundation
import WorkshopKit

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check programs against the timing rules.",
    discussion: """
      Prints one line per finding,
      `PATH:LINE:COLUMN: error|warning: [rule-id] message`, then a summary. Exit
      status: 0 without errors, 1 with errors (with --strict, also with warnings) or
      when there is no program to check, 2 for a usage problem such as a path or an
      --exercises folder that does not exist.

      Without a path, checks every program under programs/ (with the checks across
      each series and its follow-up answer files), every series.yaml (also one
      with no program beside it yet) and every exercise of the library, used or
      not. A file given by path is checked in its own format, known by where
      it lies: a series.yaml, a follow-up answers file in <series>/followups/, an
      exercise in the library folder, or else a program.

      Severities and thresholds are set under `rules:` in series.yaml or a program,
      e.g. `rules: { gap: off, max-block-minutes: 100 }`; `workshopkit rules` lists
      them.

      Examples:
        workshopkit check
        workshopkit check programs/civilsamfundet --strict
        workshopkit check programs/civilsamfundet/2013-04-18.yaml --format json
        workshopkit check exercises/roller-og-kompetencer.yaml
        workshopkit check --exercises exercises
      """
  )

  enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Argument(
    help: ArgumentHelp(
      "Program files or folders of them; series.yaml, follow-up and exercise files (default: programs).",
      valueName: "path"))
  var paths: [String] = []

  @OptionGroup var options: ProgramOptions

  @Flag(help: "Treat warnings as errors for the exit status.")
  var strict = false

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  func run() throws {
    BatchMemory.keepFreedMemory()
    // No path: the programs folder, when there is one, and the whole exercise library.
    let defaultFolder = "programs"
    let wholeLibrary = paths.isEmpty
    let searched = paths.isEmpty ? [defaultFolder] : paths
    // `check --exercises DIR` where there is no programs folder: the library alone.
    let libraryOnly =
      paths.isEmpty && options.exerciseDirectoryOption != nil && !FileManager.default.fileExists(atPath: defaultFolder)
    let files = libraryOnly ? [] : try options.programFiles(in: searched)
    // A series.yaml with no program beside it yet is read too, so a new course's typo there
    // does not wait for its first program.
    let seriesAlone = ProgramDiscovery.seriesFilesWithoutPrograms(in: searched, programs: files)
    let checker = Checker(exerciseDirectory: options.exerciseDirectory(near: searched))
    var report = checker.check(
      files: files + seriesAlone, wholeLibrary: wholeLibrary && checker.loader.exercises.exists)
    if files.isEmpty && !(libraryOnly && report.exerciseCount > 0) {
      report.otherDiagnostics.append(ProgramOptions.nothingFound(in: searched))
    }
    let diagnostics = report.diagnostics
    switch format {
    case .text:
      let colour = Terminal.standardOutputIsColourTerminal
      for diagnostic in diagnostics { print(DiagnosticRendering.line(diagnostic, colour: colour)) }
      print(report.summary)
    case .json:
      print(DiagnosticRendering.json(diagnostics))
    }
    if diagnostics.hasErrors || (strict && !diagnostics.isEmpty) {
      throw ExitCode(1)
    }
  }
}
