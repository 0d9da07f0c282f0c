import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import WorkshopKitServer
import WorkshopKitStore

/// `workshopkit-server serve`, also what `workshopkit-server` does with no subcommand.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the follow-up forms and the facilitator's tracker (the default).",
    discussion: """
      Participants open their personal links (print them with
      `workshopkit links PROGRAM`), fill in the follow-up form and may edit it until
      the next meeting starts. The facilitator follows the answers at /facilitator,
      signing in with the facilitator key (any user name): the key comes from
      WORKSHOPKIT_FACILITATOR_KEY (at least 128 bits of randomness, e.g.
      `openssl rand -hex 16`), or one is generated and printed at start. Answers are
      stored in SQLite; `workshopkit build` of the next meeting puts them on its
      recap page. `workshopkit-server` without a subcommand does this.

      Programs and exercises saved while the server runs are picked up without a
      restart (it looks at most every 2 seconds): the links of a meeting added
      later open at once. A program or series.yaml saved with a mistake keeps
      being served as it was until `workshopkit check` passes again.

      The server binds to 127.0.0.1 unless told otherwise, and logs requests without
      answers or link tokens. Anywhere else, put a reverse proxy with TLS in front
      and give its address with --base-url (see the README).

      Examples:
        workshopkit-server
        WORKSHOPKIT_FACILITATOR_KEY=… workshopkit-server --port 8090 \\
          --db /srv/workshop/followups.sqlite
      """
  )

  @Option(help: "The address to listen on; 0.0.0.0 makes the server reachable from other machines.")
  var host = "127.0.0.1"

  @Option(help: "The port to listen on.")
  var port = 8080

  @Option(
    help: ArgumentHelp(
      "The address participants use when a reverse proxy with TLS sits in front, e.g. https://kurs.example.org.",
      valueName: "url"))
  var baseURL: String?

  @Option(help: ArgumentHelp("Close a connection idle for this long.", valueName: "seconds"))
  var idleTimeout = 30

  @Option(
    help: ArgumentHelp(
      "Refuse a request whose body takes longer than this to arrive (408); shorter than --idle-timeout.",
      valueName: "seconds"))
  var bodyTimeLimit = 20

  @Option(help: ArgumentHelp("The SQLite database of answers.", valueName: "path"))
  var db = FollowUpStore.defaultPath

  @Option(help: ArgumentHelp("The programs folder.", valueName: "dir"))
  var programs = "programs"

  @Option(help: ArgumentHelp("The exercise library folder.", valueName: "dir"))
  var exercises = "exercises"

  func validate() throws {
    if let baseURL,
      URL(string: baseURL)?.host == nil || !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://"))
    {
      throw ValidationError("--base-url \(baseURL) is not a web address; give one like https://kurs.example.org")
    }
    // Not 0 either: the personal links and the printed address need the port known.
    guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
    guard idleTimeout > 0, bodyTimeLimit > 0 else {
      throw ValidationError("--idle-timeout and --body-time-limit must be at least 1 second")
    }
    // The 408 page goes out at the body's time limit and the connection closes a moment
    // later; an idle timeout as short would close it first, with no page to say why.
    guard bodyTimeLimit + 3 <= idleTimeout else {
      throw ValidationError(
        "--body-time-limit (\(bodyTimeLimit) s) must be at least 3 seconds shorter than --idle-timeout "
          + "(\(idleTimeout) s), or a stalled form is cut off by the idle timeout before its 408 page arrives")
    }
  }

  func run() async throws {
    let environmentKey = ProcessInfo.processInfo.environment["WORKSHOPKIT_FACILITATOR_KEY"]
    let key = environmentKey.flatMap { $0.isEmpty ? nil : $0 } ?? ServerConfiguration.generatedKey()
    var configuration = ServerConfiguration(facilitatorKey: key)
    configuration.host = host
    configuration.port = port
    configuration.baseURL = baseURL.flatMap(URL.init(string:))
    configuration.programsDirectory = programs
    configuration.exercisesDirectory = exercises
    configuration.idleTimeout = .seconds(idleTimeout)
    configuration.bodyTimeLimit = .seconds(bodyTimeLimit)

    if !ServerConfiguration.isLoopback(host) {
      Self.warn(
        "--host \(host) makes the server reachable from other machines, and the facilitator key and the "
          + "participants' links travel in clear text unless a reverse proxy with TLS sits in front "
          + "(see \"Behind a TLS proxy\" in the README, and pass its address with --base-url)")
    }
    // Every open connection takes a descriptor: allow as many as the system lets us.
    let descriptors = ConnectionLimit.raiseDescriptorLimit()
    if descriptors < 4096 {
      Self.warn(
        "the descriptor limit is \(descriptors), so at most \(ConnectionLimit.fromDescriptorLimit()) connections "
          + "are served at once; raise it with `ulimit -n 65536` or LimitNOFILE=65536 (see the README)")
    }

    let store: FollowUpStore
    do {
      store = try FollowUpStore(path: db, busyTimeout: ServerConfiguration.storeBusyTimeout)
    } catch {
      throw ServerFailure(description: error.description)
    }
    let server: FollowUpServer
    do {
      server = try await FollowUpServer(configuration: configuration, store: store)
    } catch let error as FacilitatorKey.TooWeak {
      throw ServerFailure(description: "WORKSHOPKIT_FACILITATOR_KEY: \(error)")
    }
    let generated = environmentKey == nil || environmentKey?.isEmpty == true
    let address = baseURL ?? "http://\(host):\(port)"
    let meetings = await server.meetings()
    do {
      try await server.application { boundPort in
        var lines =
          "WorkshopKit follow-up server on http://\(host):\(boundPort) "
          + "(\(meetings.count) meetings, \(meetings.count { $0.exercise != nil }) with a follow-up form; "
          + "programs added or changed are served as they are saved)\n"
        lines += "Facilitator: \(address)/facilitator"
        lines += generated ? " — key \(key) (set WORKSHOPKIT_FACILITATOR_KEY to choose one)\n" : "\n"
        FileHandle.standardOutput.write(Data(lines.utf8))
      }.runService()
    } catch let error as IOError where error.errnoCode == EADDRINUSE {
      throw ServerFailure(
        description: "port \(port) on \(host) is in use; stop what uses it or choose another with --port")
    }
  }

  static func warn(_ message: String) {
    FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
  }
}

/// A problem with the machine rather than the command line: said in one line, exit status 1.
struct ServerFailure: Error, CustomStringConvertible {
  var description: String
}
