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
        workshopkit schedule programs/civilsamfundet/2013-04-18.yaml
        workshopkit build                      # the kit of every program into ./output
        workshopkit links programs/civilsamfundet/2013-04-18.yaml
        workshopkit followups export programs/civilsamfundet/2013-04-18.yaml
      """,
    version: WorkshopKitVersion.current,
    subcommands: [
      CheckCommand.self, ScheduleCommand.self, BuildCommand.self, LinksCommand.self, FollowUpsCommand.self,
    ]
  )

  /// ArgumentParser exits 64 on usage errors; WorkshopKit promises 2, as most Unix tools do.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      if exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}

enum WorkshopKitVersion {
  static let current = "0.1.0"
}

/// Options every command that reads programs shares.
struct ProgramOptions: ParsableArguments {
  @Option(
    name: .customLong("exercises"), help: ArgumentHelp("The exercise library folder.", valueName: "dir"))
  var exerciseDirectory = "exercises"

  /// The program files below `paths`; a path that does not exist is a usage error (exit 2).
  func programFiles(in paths: [String]) throws -> [String] {
    do {
      return try ProgramDiscovery.programFiles(in: paths)
    } catch {
      throw ValidationError("\(error)")
    }
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
