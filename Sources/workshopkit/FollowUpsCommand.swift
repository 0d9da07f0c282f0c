import ArgumentParser

struct FollowUpsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "followups",
    abstract: "Export or remove follow-up answers kept in the follow-up database.",
    discussion: """
      Answers that participants save through their links (`workshopkit links`) are
      kept in the follow-up database, output/followups.sqlite unless --db says
      otherwise. `workshopkit build` puts them on the next meeting's recap page.

      Examples:
        workshopkit followups export programs/civilsamfundet/2013-04-18.yaml \\
          --output svar.csv
        workshopkit followups delete --participant "Jakob Friis" \\
          --series civilsamfundet
      """,
    subcommands: [FollowUpsExportCommand.self, FollowUpsDeleteCommand.self]
  )
}
