import ArgumentParser
import WorkshopKit

struct ScheduleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schedule",
    abstract: "Show one program's resolved schedule: every part and step with its clock times.",
    discussion: """
      Items given only `minutes:` start where the previous one ends; parts and
      exercise steps without minutes share what is left of their slot. Findings go
      to standard error; the exit status is 1 when the program has errors, as with
      `check`.

      Example:
        workshopkit schedule programs/civilsamfundet/2013-04-18.yaml
      """
  )

  @Argument(help: ArgumentHelp("A program file.", valueName: "path"))
  var path: String

  @OptionGroup var options: ProgramOptions

  func run() throws {
    let file = try options.oneProgramFile(path, for: "schedule")
    let checker = Checker(exerciseDirectory: options.exerciseDirectory(near: [path]))
    let (check, schedule) = try options.checkedSchedule(
      file, checker: checker, requireNoErrors: false, toDo: "schedule")
    print(ScheduleText.render(schedule), terminator: "")
    if check.hasErrors { throw ExitCode(1) }
  }
}
