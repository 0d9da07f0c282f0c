import ArgumentParser
import Foundation
import WorkshopKit

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check programs against the timing rules.",
    discussion: """
      Prints one line per finding, `PATH:LINE:COLUMN: error|warning: [rule-id] message`,
      then a summary. Exit status: 0 without errors, 1 with errors (with --strict, also
      with warnings), 2 for a usage problem such as a path that does not exist.

      Severities and thresholds are set under `rules:` in series.yaml or a program,
      e.g. `rules: { gap: off, max-block-minutes: 100 }`.

      Examples:
        workshopkit check
        workshopkit check programs/civilsamfundet --strict
        workshopkit check programs/civilsamfundet/2013-04-18.yaml --format json
      """
  )

  enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Argument(help: ArgumentHelp("Program files, or folders of them.", valueName: "path"))
  var paths: [String] = ["programs"]

  @OptionGroup var options: ProgramOptions

  @Flag(help: "Treat warnings as errors for the exit status.")
  var strict = false

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  func run() throws {
    let files = try options.programFiles(in: paths)
    let checker = Checker(exerciseDirectory: options.exerciseDirectory)
    let report = CheckReport(checks: checker.check(programsAt: files))
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
