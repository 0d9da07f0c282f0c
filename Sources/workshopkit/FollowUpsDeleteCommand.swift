import ArgumentParser
import WorkshopKit
import WorkshopKitStore

struct FollowUpsDeleteCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "delete",
    abstract: "Remove a participant's data: their links and all their follow-up answers.",
    discussion: """
      Removes every participant with exactly this name (in --series only, when
      given) from the follow-up database, with their links and answers, and the name
      wherever it was written in as a walk-in on the attendance page; the removed
      text is overwritten in the database file. Remove them from series.yaml too, or
      the next `workshopkit links` adds them again. Exit status 1 when no
      participant matched.

      Examples:
        workshopkit followups delete --participant "Jakob Friis"
        workshopkit followups delete --participant "Jakob Friis" \\
          --series civilsamfundet --db /srv/followups.sqlite
      """
  )

  @Option(help: ArgumentHelp("The participant's full name, as in series.yaml.", valueName: "name"))
  var participant: String

  @Option(help: ArgumentHelp("Only in this series (the folder under programs/).", valueName: "series"))
  var series: String?

  @OptionGroup var database: DatabaseOptions

  func run() throws {
    // Run inside the course's programs/, the course's database.
    let store = try database.openExisting(near: ["."])
    let removed: (participants: Int, walkIns: Int)
    let names: [String]
    let allSeries: [String]
    do {
      removed = try store.deleteParticipant(named: participant, series: series)
      names = removed.participants + removed.walkIns > 0 ? [] : try store.participantNames(series: series)
      allSeries = try store.seriesNames()
    } catch {
      throw DatabaseOptions.fail(error)
    }
    let scope = series.map { " in the series \($0)" } ?? ""
    let path = database.resolvedPath(near: ["."])
    // A series the database does not know: said so first, with the one meant.
    if let series, removed.participants + removed.walkIns == 0, !allSeries.contains(series) {
      let meant = Suggestion.closest(to: series, in: allSeries).map { "; did you mean \"\($0)\"?" } ?? ""
      Terminal.printError(
        "error: \(path) has no series \"\(series)\"\(meant) "
          + (allSeries.isEmpty ? "(it has none yet)" : "(it has \(allSeries.joined(separator: ", ")))"))
      throw ExitCode(1)
    }
    guard removed.participants + removed.walkIns > 0 else {
      let meant = Suggestion.personPhrase(for: participant, in: names)
      Terminal.printError("error: no participant named \"\(participant)\"\(scope) in \(path)\(meant)")
      throw ExitCode(1)
    }
    let walkIns =
      removed.walkIns == 0
      ? "" : "the walk-ins of \(removed.walkIns) meeting\(removed.walkIns == 1 ? "" : "s")"
    if removed.participants == 0 {
      print("removed \"\(participant)\" from \(walkIns)\(scope), in \(path)")
    } else {
      print(
        "removed \(removed.participants) participant\(removed.participants == 1 ? "" : "s") named "
          + "\"\(participant)\"\(scope), with their links and answers\(walkIns.isEmpty ? "" : ", and from " + walkIns), "
          + "from \(path)")
    }
  }
}
