import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import WorkshopKitServer
import WorkshopKitStore

@main
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "workshopkit-server",
    abstract: "Serve the follow-up forms and the facilitator's tracker.",
    discussion: """
      Participants open their personal links (print them with `workshopkit links PROGRAM`),
      fill in the follow-up form and may edit it until the next meeting starts. The
      facilitator follows the answers at /facilitator, signing in with the facilitator key
      (any user name): the key comes from WORKSHOPKIT_FACILITATOR_KEY, or one is generated
      and printed at start. Answers are stored in SQLite; `workshopkit build` of the next
      meeting puts them on its recap page.

      The server binds to 127.0.0.1 unless told otherwise, and logs requests without
      answers or link tokens.

      Examples:
        workshopkit-server
        WORKSHOPKIT_FACILITATOR_KEY=… workshopkit-server --port 8090 --db /srv/workshop/followups.sqlite
      """,
    version: "0.1.0"
  )

  @Option(help: "The address to listen on; 0.0.0.0 makes the server reachable from other machines.")
  var host = "127.0.0.1"

  @Option(help: "The port to listen on.")
  var port = 8080

  @Option(help: ArgumentHelp("The SQLite database of answers.", valueName: "path"))
  var db = FollowUpStore.defaultPath

  @Option(help: ArgumentHelp("The programs folder.", valueName: "dir"))
  var programs = "programs"

  @Option(help: ArgumentHelp("The exercise library folder.", valueName: "dir"))
  var exercises = "exercises"

  func run() async throws {
    let environmentKey = ProcessInfo.processInfo.environment["WORKSHOPKIT_FACILITATOR_KEY"]
    let key = environmentKey.flatMap { $0.isEmpty ? nil : $0 } ?? ServerConfiguration.generatedKey()
    var configuration = ServerConfiguration(facilitatorKey: key)
    configuration.host = host
    configuration.port = port
    configuration.programsDirectory = programs
    configuration.exercisesDirectory = exercises

    let store: FollowUpStore
    do {
      store = try FollowUpStore(path: db)
    } catch {
      throw ServerFailure(description: error.description)
    }
    let server = try FollowUpServer(configuration: configuration, store: store)
    let generated = environmentKey == nil || environmentKey?.isEmpty == true
    let address = "http://\(host):\(port)"
    do {
      try await server.application { boundPort in
        var lines =
          "WorkshopKit follow-up server on http://\(host):\(boundPort) "
          + "(\(server.meetings.count) meetings with follow-up)\n"
        lines += "Facilitator: \(address)/facilitator"
        lines += generated ? " — key \(key) (set WORKSHOPKIT_FACILITATOR_KEY to choose one)\n" : "\n"
        FileHandle.standardOutput.write(Data(lines.utf8))
      }.runService()
    } catch let error as IOError where error.errnoCode == EADDRINUSE {
      throw ServerFailure(
        description: "port \(port) on \(host) is in use; stop what uses it or choose another with --port")
    }
  }
}

/// A problem with the machine rather than the command line: said in one line, exit status 1.
struct ServerFailure: Error, CustomStringConvertible {
  var description: String
}
