import ArgumentParser
import WorkshopKit

struct ScheduleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schedule",
    abstract: "Show one program's resolved schedule: every part and step with its clock times.",
    discussion: """
      Items given only `minutes:` start where the previous one ends; parts and exercise
      steps without minutes share what is left of their slot. Findings go to standard
      error; the exit status is 1 when the program has errors, as with `check`.

      Example:
        workshopkit schedule programs/civilsamfundet/2013-04-18.yaml
      """
  )

  @Argument(help: ArgumentHelp("A program file.", valueName: "path"))
  var path: String

  @OptionGroup var options: ProgramOptions

  func run() throws {
    let files = try options.programFiles(in: [path])
    guard files.count == 1, let file = files.first else {
      throw ValidationError("schedule takes one program file; \(path) holds \(files.count)")
    }
    let check = Checker(exerciseDirectory: options.exerciseDirectory).check(programAt: file)
    let colour = Terminal.standardOutputIsColourTerminal
    for diagnostic in check.diagnostics {
      Terminal.printError(DiagnosticRendering.line(diagnostic, colour: colour))
    }
    guard let schedule = check.schedule else {
      Terminal.printError("cannot schedule \(file) until the errors above are fixed")
      throw ExitCode(1)
    }
    print(ScheduleText.render(schedule), terminator: "")
    if check.hasErrors { throw ExitCode(1) }
  }
}
