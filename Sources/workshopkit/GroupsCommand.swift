import ArgumentParser
import Foundation
import WorkshopKit

struct GroupsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "groups",
    abstract: "Print the pairs and groups of each exercise of a program, from the series' roster.",
    discussion: """
      For every exercise step that works in pairs or groups: the roster's fixed
      `pair:` labels, groups fixed by hand with `groups:` on the part, or groups of
      the exercise's size that mix organisations and vary who sits with whom across
      the day and the series' earlier meetings (the same input always gives the same
      groups). People under `absent:` in the program are left out. The run sheet
      prints the same groups.

      Example:
        workshopkit groups programs/civilsamfundet/2013-04-18.yaml
      """
  )

  @Argument(help: ArgumentHelp("A program file.", valueName: "path"))
  var path: String

  @OptionGroup var options: ProgramOptions

  func run() throws {
    let file = try options.oneProgramFile(path, for: "groups")
    let checker = Checker(exerciseDirectory: options.exerciseDirectory(near: [path]))
    let schedule = try options.checkedSchedule(file, checker: checker, requireNoErrors: true, toDo: "plan groups for")
      .schedule
    guard !schedule.program.participants.isEmpty else {
      print("no participants in series.yaml: add a roster (participants:) to plan pairs and groups")
      return
    }
    // Earlier meetings of the series, in date order, so this one's groups vary from theirs.
    var history = GroupPlanner.History()
    let earlier = (try? options.programFiles(in: [PathText.folder(of: file)])) ?? []
    let schedules = earlier.compactMap { checker.check(programAt: $0).schedule }
      .filter { $0.program.date.value < schedule.program.date.value }
      .sorted { $0.program.date.value < $1.program.date.value }
    for previous in schedules { _ = GroupPlanner.plan(previous, history: &history) }
    let (plans, _) = GroupPlanner.plan(schedule, history: &history)
    print(GroupsText.render(plans, schedule: schedule), terminator: "")
  }
}
