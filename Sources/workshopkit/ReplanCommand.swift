import ArgumentParser
import Foundation
import WorkshopKit

struct ReplanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replan",
    abstract: "When the day runs late: the rest of the day recomputed so it still ends on time.",
    discussion: """
      The day stands at --at, --behind minutes behind plan. What has started runs
      on; after it, exercises shrink toward the low end of their minutes range
      (their steps in proportion, optional steps dropped first), items marked
      `flexible: true` to half their length, breaks to min-break-minutes and the
      meal to min-meal-minutes inside its window, in that order: the meal gives
      last. Talks keep their length. Prints the new time of every remaining item
      and step, what was shortened and by how much, and, when the delay cannot be
      absorbed, by how much the day runs over and what choices remain.

      Late a second time: give the replan the day is following with --following
      (its --at and --behind, e.g. 11.40+25; repeat for each, in order), and
      --behind as how far behind that new plan the day is now.

      At or after the end of the day on its plan, nothing is left to replan: it
      says so.

      Exit status: 0 when the day still ends on time, or later than planned but
      by the end of its declared `day:` bounds; 1 when it cannot, or has already
      ended late; 2 for a usage problem.

      Examples:
        workshopkit replan programs/civilsamfundet/2013-04-18.yaml \\
          --at 10.30 --behind 15
        workshopkit replan programs/samskabelseslaboratoriet/2017-04-27.yaml \\
          --day 2 --at 13.30 --behind 30 --format json
        workshopkit replan programs/civilsamfundet/2013-04-18.yaml \\
          --following 11.40+25 --at 14.10 --behind 8
      """
  )

  enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Argument(help: ArgumentHelp("A program file.", valueName: "path"))
  var path: String

  @Option(help: ArgumentHelp("The time now, like 10.30 (also 10:30, 1030 or kl. 10.30).", valueName: "HH.MM"))
  var at: String

  // Unconditional: `--behind -5` is a (refused) number, not a missing value and an option.
  @Option(
    name: .customLong("behind"), parsing: .unconditional,
    help: ArgumentHelp(
      "How many minutes the day is behind plan (25, or 25min): at most as long as the day has run.",
      valueName: "minutes"))
  var behindMinutes: Minutes

  var behind: Int { behindMinutes.value }

  @Option(
    help: ArgumentHelp(
      "Which day of a program of several days (1 for the first); without it, the day whose date is today "
        + "(or the evening before, after midnight), else the first.", valueName: "n"))
  var day: Int?

  @Option(
    name: .customLong("following"),
    help: ArgumentHelp(
      "A replan made earlier today that the day now follows, as its time+minutes behind, e.g. 11.40+25; "
        + "repeat for each, in order. --behind is then how far behind its new plan the day is.",
      valueName: "HH.MM+min"))
  var following: [Earlier] = []

  /// `11.40+25`: a replan made at 11.40, 25 minutes behind.
  struct Earlier: ExpressibleByArgument {
    var at: ClockTime
    var behind: Int

    init?(argument: String) {
      guard let (at, behind) = Replanner.earlier(typed: argument) else { return nil }
      (self.at, self.behind) = (at, behind)
    }
  }

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  @OptionGroup var options: ProgramOptions

  func validate() throws {
    guard ClockTime(typed: at) != nil else { throw Self.notATime(at) }
    guard behind >= 0 else { throw ValidationError("--behind takes the minutes behind plan, 0 or more") }
    if let day, day < 1 { throw ValidationError("--day counts from 1") }
  }

  func run() throws {
    let file = try options.oneProgramFile(path, for: "replan")
    guard let now = ClockTime(typed: at) else { throw Self.notATime(at) }
    let checker = Checker(exerciseDirectory: options.exerciseDirectory(near: [path]))
    let schedule = try options.checkedSchedule(
      file, checker: checker, requireNoErrors: true, toDo: "replan", countingWarnings: true
    )
    .schedule
    let result: Replanner.Result
    let dayIndex = day.map { $0 - 1 } ?? Self.today(in: schedule, at: now)
    do {
      result = try Replanner.replan(
        schedule, day: dayIndex,
        following: following.map { ($0.at, $0.behind) }, at: now, behind: behind)
    } catch .planAfterTheEnd(let behind, let at, let end) {
      // Not a mistake in what was typed: the day is over, on the plan the room follows.
      // Said without the usage; on time when nothing was behind.
      Terminal.printError("\(Replanner.Failure.planAfterTheEnd(behind: behind, at: at, end: end))".capitalizedFirst)
      // A script reading JSON gets JSON: the day, ended, and nothing left.
      if format == .json {
        print(
          ReplanText.jsonAfterTheEnd(
            day: dayIndex, at: at, behind: behind, plannedEnd: end, dayEnd: schedule.program.day?.value.end),
          terminator: "")
      }
      if behind > 0 { throw ExitCode(1) }
      return
    } catch {
      throw ValidationError("\(error)")
    }
    switch format {
    case .text: print(ReplanText.render(result, language: schedule.program.language), terminator: "")
    case .json: print(ReplanText.json(result), terminator: "")
    }
    if !result.endsOnTime && !result.endsWithinTheDay { throw ExitCode(1) }
  }

  static func notATime(_ text: String) -> ValidationError {
    ValidationError("--at must be the time now, like 10.30, 10:30 or 1030; found \(text)")
  }

  /// Minutes as typed: `25`, `25min`, `25 min`, `25m` (`Replanner.minutes(typed:)`).
  struct Minutes: ExpressibleByArgument {
    var value: Int

    init?(argument: String) {
      guard let value = Replanner.minutes(typed: argument) else { return nil }
      self.value = value
    }
  }

  /// The day of the program whose date is today in its time zone, at `clock` (00.20 after
  /// an evening that runs past midnight is still that evening); the first when none is.
  static func today(in schedule: Schedule, at clock: ClockTime, now: Date = Date()) -> Int {
    let zone = TimeZone(identifier: schedule.program.timeZone) ?? .current
    guard let today = CalendarDate.wallClock(at: now, in: zone)?.date else { return 0 }
    return schedule.dayAndClock(on: today, at: clock)?.day ?? 0
  }
}
