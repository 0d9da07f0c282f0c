import ArgumentParser
import Foundation
import WorkshopKit

@main
struct WorkshopKitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "workshopkit",
    abstract: "Plan and run workshops from plain text: check a day program and build its printable kit.",
    discussion: """
      Programs are YAML files in programs/<series>/; exercises live in exercises/.
      See programs/README.md and exercises/README.md for the file format.

      Examples:
        workshopkit check                      # every program under ./programs
        workshopkit check programs/civilsamfundet/2013-04-18.yaml
        workshopkit rules                      # every rule id and its severity
        workshopkit schedule programs/civilsamfundet/2013-04-18.yaml
        workshopkit replan programs/civilsamfundet/2013-04-18.yaml \\
          --at 10.30 --behind 15
        workshopkit build                      # every kit into ./output
        workshopkit links programs/civilsamfundet/2013-04-18.yaml
        workshopkit followups export programs/civilsamfundet/2013-04-18.yaml
      """,
    version: WorkshopKitVersion.current,
    subcommands: [
      CheckCommand.self, RulesCommand.self, ScheduleCommand.self, GroupsCommand.self, ReplanCommand.self,
      BuildCommand.self,
      LinksCommand.self, FollowUpsCommand.self,
    ]
  )

  /// ArgumentParser exits 64 on usage errors; WorkshopKit promises 2, as most Unix tools do.
  /// A usage error found after parsing, while running (a file that is not there, a time
  /// outside the day), is shown with the usage of the command that was run, not the
  /// list of commands.
  static func main() {
    var parsed: ParsableCommand?
    let arguments = Array(CommandLine.arguments.dropFirst())
    // `workshopkit today --help` and `workshopkit help today` would print the list of
    // commands and exit 0, as if the word were fine: say it is not a command.
    if arguments.first == "help" || arguments.contains(where: { $0 == "-h" || $0 == "--help" }),
      let unknown = unknownSubcommand(in: arguments.first == "help" ? Array(arguments.dropFirst()) : arguments)
    {
      FileHandle.standardError.write(
        Data(("Error: \(unknown.message)\n" + usageLines(for: unknown.command) + "\n").utf8))
      Foundation.exit(2)
    }
    do {
      var command = try parseAsRoot()
      parsed = command
      try command.run()
    } catch {
      if exitCode(for: error) == .validationFailure {
        var text = fullMessage(for: error)
        if parsed == nil, let unknown = unknownSubcommand(in: arguments) ?? unknownOption(in: arguments) {
          text = "Error: \(unknown.message)\n" + usageLines(for: unknown.command)
        } else if let parsed, type(of: parsed) != Self.self {
          text = "Error: \(message(for: error))\n" + usageLines(for: type(of: parsed))
        }
        FileHandle.standardError.write(Data((text + "\n").utf8))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}

extension WorkshopKitCommand {
  /// `Usage: workshopkit replan …` and where to read more, as ArgumentParser words it for
  /// errors found while parsing.
  static func usageLines(for command: ParsableCommand.Type) -> String {
    let usage = usageString(for: command)
    // `workshopkit followups export`: the words before the first argument.
    let name = usage.split(separator: " ").prefix { !"<[-".contains($0.first ?? "<") }.joined(separator: " ")
    return "Usage: \(usage)\n  See '\(name) --help' for more information."
  }

  /// The command the leading words name (`followups export`), its full name, and the first
  /// word where a command belongs that names none.
  static func subcommand(namedBy arguments: [String]) -> (
    command: ParsableCommand.Type, path: String, stray: String?
  ) {
    var command: ParsableCommand.Type = Self.self
    var path = "workshopkit"
    for argument in arguments {
      let subcommands = command.configuration.subcommands
      guard !subcommands.isEmpty, !argument.hasPrefix("-") else { break }
      guard let next = subcommands.first(where: { $0._commandName == argument }) else {
        return (command, path, argument)
      }
      command = next
      path += " " + argument
    }
    return (command, path, nil)
  }

  /// A word where a command belongs that names none (`workshopkit chek`): what to say, with
  /// the command meant when it is a likely slip, and the command it was given to.
  static func unknownSubcommand(in arguments: [String]) -> (message: String, command: ParsableCommand.Type)? {
    let (command, path, stray) = subcommand(namedBy: arguments)
    guard let stray else { return nil }
    let names = command.configuration.subcommands.map { $0._commandName }
    let meant = Suggestion.closest(to: stray, in: names).map { "; did you mean \"\($0)\"?" } ?? ""
    return ("\"\(stray)\" is not a command of \(path)\(meant) (commands: \(names.joined(separator: ", ")))", command)
  }
}

extension WorkshopKitCommand {
  /// An option its command does not have (`--behnd`), which ArgumentParser reports as the
  /// required option it stands for being missing: what to say instead, with the option meant.
  static func unknownOption(in arguments: [String]) -> (message: String, command: ParsableCommand.Type)? {
    let command = subcommand(namedBy: arguments).command
    // The options its help lists, each `--name`.
    let help = helpMessage(for: command)
    var known: Set<String> = ["--help", "--version"]
    for word in help.split(whereSeparator: { " ,=<>[]()\n".contains($0) }) where word.hasPrefix("--") {
      known.insert(String(word.prefix { $0 == "-" || $0.isLetter || $0.isNumber }))
    }
    for argument in arguments.prefix(while: { $0 != "--" }) where argument.hasPrefix("--") {
      let name = String(argument.prefix { $0 != "=" })
      guard !known.contains(name) else { continue }
      let meant = Suggestion.closest(to: name, in: known.sorted()).map { "; did you mean '\($0)'?" } ?? ""
      return ("unknown option '\(name)'\(meant)", command)
    }
    return nil
  }
}

enum WorkshopKitVersion {
  static let current = "0.1.0"
}

/// Options every command that reads programs shares.
struct ProgramOptions: ParsableArguments {
  @Option(
    name: .customLong("exercises"),
    help: ArgumentHelp(
      "The exercise library folder (default: exercises, here or the nearest above the programs).",
      valueName: "dir"))
  var exerciseDirectoryOption: String?

  /// `--exercises`, else `exercises/` here, else the nearest `exercises/` above the
  /// programs named (a course folder checked from elsewhere).
  func exerciseDirectory(near paths: [String]) -> String {
    exerciseDirectoryOption ?? ExerciseLibrary.find(near: paths) ?? "exercises"
  }

  /// A library named on the command line must exist: otherwise every exercise id would
  /// be reported unknown, one by one, for a typo in one option.
  func validate() throws {
    guard let folder = exerciseDirectoryOption else { return }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
      throw ValidationError("--exercises: there is no folder \(folder)")
    }
    guard isDirectory.boolValue else {
      throw ValidationError("--exercises: \(folder) is a file; give the folder of the exercise library")
    }
  }

  /// The program files below `paths`; a path that does not exist is a usage error (exit 2).
  func programFiles(in paths: [String]) throws -> [String] {
    do {
      return try ProgramDiscovery.programFiles(in: paths)
    } catch let missing as ProgramDiscovery.MissingPath where missing.path == "programs" {
      // Run with no paths from the wrong folder: where the course folder is, if above.
      let hint =
        CourseFolder.above().map {
          "; this is inside the course folder \($0) (the one holding programs/): run workshopkit there, "
            + "or name what to read, e.g. `.` for this folder"
        }
        ?? "; run workshopkit in the course folder (the one holding programs/ and exercises/), or name the program files or folders"
      throw ValidationError("no programs/ folder here\(hint)")
    } catch {
      throw ValidationError("\(error)")
    }
  }

  /// The one program file `path` names, for a command about one program.
  func oneProgramFile(_ path: String, for command: String) throws -> String {
    let files = try programFiles(in: [path])
    guard files.count == 1, let file = files.first else {
      throw ValidationError("\(command) takes one program file; \(path) holds \(files.count)")
    }
    try requireProgram(file, for: command)
    return file
  }

  /// A usage error for a file given by path that is a course's other file, not a program:
  /// what it is, and a program to give instead.
  /// With `orFolder`, the command takes a folder too: a series.yaml's is named instead.
  func requireProgram(_ file: String, for command: String, orFolder: Bool = false) throws {
    let library = exerciseDirectory(near: [file])
    let kind = ProgramDiscovery.kind(of: file, exerciseDirectory: library)
    let folder = PathText.folder(of: file)
    let what: String
    var instead: String?
    switch kind {
    case .program: return
    case .series:
      what = "the course's series.yaml, which all its meetings share"
      instead =
        orFolder
        ? (folder.isEmpty ? "." : folder)
        : (try? ProgramDiscovery.programFiles(in: [folder.isEmpty ? "." : folder]))?.first
    case .followUps, .attendance, .evaluations:
      what = "a record of a meeting (\(PathText.name(of: folder))/), not its program"
      let seriesFolder = PathText.folder(of: folder)
      let program =
        (seriesFolder.isEmpty ? "" : seriesFolder.hasSuffix("/") ? seriesFolder : seriesFolder + "/")
        + PathText.name(of: file)
      instead = FileManager.default.fileExists(atPath: program) ? program : nil
    case .exercise
    where ProgramDiscovery.resolvedLibrary(folder.isEmpty ? "." : folder) != ProgramDiscovery.resolvedLibrary(library):
      // A folder named exercises that is not the library in use (--exercises names another).
      return
    case .exercise:
      what =
        "an exercise of the library; a program uses it with `exercise: \(ProgramDiscovery.stem(of: PathText.name(of: file)))`"
    }
    throw ValidationError(
      "\(file) is \(what); \(command) takes a meeting's program file\(orFolder ? " or a folder" : "")"
        + (instead.map { ", such as \($0)" } ?? ""))
  }

  /// Checks one program and prints its findings to standard error; its schedule, or exit 1
  /// saying what waits for the errors (any error at all, with `requireNoErrors`). With
  /// `countingWarnings`, warnings are one line that counts them (on the day, `replan` is run
  /// in a hurry: the program's warnings were for before it).
  func checkedSchedule(
    _ file: String, checker: Checker, requireNoErrors: Bool, toDo: String, countingWarnings: Bool = false
  ) throws -> (check: ProgramCheck, schedule: Schedule) {
    let check = checker.check(programAt: file)
    let colour = Terminal.standardOutputIsColourTerminal
    let warnings = check.diagnostics.filter { $0.severity == .warning }
    for diagnostic in check.diagnostics where !(countingWarnings && diagnostic.severity == .warning) {
      Terminal.printError(DiagnosticRendering.line(diagnostic, colour: colour))
    }
    if countingWarnings, !warnings.isEmpty {
      Terminal.printError(
        "\(warnings.count) warning\(warnings.count == 1 ? "" : "s") from the check; `workshopkit check \(file)` "
          + "lists \(warnings.count == 1 ? "it" : "them")")
    }
    guard let schedule = check.schedule, !(requireNoErrors && check.hasErrors) else {
      Terminal.printError("cannot \(toDo) \(file) until the errors above are fixed")
      throw ExitCode(1)
    }
    return (check, schedule)
  }

  /// The finding for a run that found nothing to read: a folder with no program files is
  /// an error, never a silent success.
  static func nothingFound(in paths: [String]) -> Diagnostic {
    let place = paths.count == 1 ? paths[0] : paths.joined(separator: ", ")
    return Diagnostic(
      .readError, at: .start(of: paths.first ?? "programs"),
      "no program files in \(place): a program is a .yaml or .yml file in programs/<series>/ "
        + "(see programs/README.md)")
  }
}

/// Whether to colour output: only on a terminal, and never with NO_COLOR set.
enum Terminal {
  static var standardOutputIsColourTerminal: Bool {
    isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
      && ProcessInfo.processInfo.environment["TERM"] != "dumb"
  }

  static func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
  }
}
