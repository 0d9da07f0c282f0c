import ArgumentParser

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
}
