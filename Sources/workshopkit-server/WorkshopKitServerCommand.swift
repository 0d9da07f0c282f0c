import ArgumentParser
import Foundation

@main
struct WorkshopKitServerCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "workshopkit-server",
    abstract: "WorkshopKit's web server: the follow-up forms online, and the live preview.",
    discussion: """
      Without a subcommand it serves the follow-up forms and the facilitator's
      tracker: `workshopkit-server --port 8090` is
      `workshopkit-server serve --port 8090`.

      Examples:
        workshopkit-server --port 8090 --db /srv/workshop/followups.sqlite
        workshopkit-server preview
        workshopkit-server serve --help
      """,
    version: "0.1.0",
    subcommands: [ServeCommand.self, PreviewCommand.self],
    defaultSubcommand: ServeCommand.self
  )

  /// ArgumentParser exits 64 on usage errors; like `workshopkit`, the server exits 2, as
  /// most Unix tools do, whether the error is found while parsing (an unknown option) or
  /// before anything starts (a port out of range, a folder that is not there).
  static func main() async {
    do {
      var command = try parseAsRoot()
      if var command = command as? AsyncParsableCommand {
        try await command.run()
      } else {
        try command.run()
      }
    } catch {
      guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
      FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
      Foundation.exit(2)
    }
  }
}
