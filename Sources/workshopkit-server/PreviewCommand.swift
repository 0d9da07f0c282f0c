import ArgumentParser
import Foundation
import Hummingbird
import NIOCore
import WorkshopKit
import WorkshopKitServer
import WorkshopKitStore

struct PreviewCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "preview",
    abstract: "Build the kit, serve it on 127.0.0.1, and rebuild and reload the pages on every save.",
    discussion: """
      Builds the kit into the output folder as `workshopkit build` does
      (incrementally: only the folders whose inputs changed), serves it at
      http://127.0.0.1:8000/ (the index), and watches the programs folder (programs,
      series.yaml, followups/, attendance/, evaluations/) and the exercise library.
      On every save it builds again, prints the check's findings and the summary as
      `workshopkit build` does, and the open pages reload themselves. Any browser,
      no extension: a small script, added only to the pages the preview serves and
      never to the files, listens for the next build.

      A page with findings shows them in a banner at its top (file:line:column and
      the message); findings in series.yaml and records show on the series' pages,
      and all of them on the index. A program with errors is not built again: its
      last good documents stay, under the banner, until the errors are fixed.

      Press Ctrl-C to stop. The output folder then holds the kit as
      `workshopkit build` would have written it.

      Examples:
        workshopkit-server preview
        workshopkit-server preview --port 8001 programs/civilsamfundet
        workshopkit-server preview --programs kurser/programs --output /tmp/kit
      """
  )

  @Option(help: "The address to listen on; anything but the loopback address shows the kit to other machines.")
  var host = "127.0.0.1"

  @Option(help: "The port to listen on.")
  var port = 8000

  @Option(help: ArgumentHelp("The programs folder, watched for changes.", valueName: "dir"))
  var programs = "programs"

  @Option(
    help: ArgumentHelp("The exercise library folder, watched for changes (default: exercises).", valueName: "dir"))
  var exercises: String?

  @Option(help: ArgumentHelp("Where to build the kit, and what is served.", valueName: "dir"))
  var output = "output"

  @Option(
    help: ArgumentHelp(
      "The follow-up database for the recaps, as `workshopkit build` reads it (default \(FollowUpStore.defaultPath), "
        + "read only when it exists).", valueName: "path"))
  var db: String?

  @Argument(help: ArgumentHelp("Program files or folders to build (default: the programs folder).", valueName: "path"))
  var paths: [String] = []

  func validate() throws {
    guard Self.isDirectory(programs) else {
      throw ValidationError(
        "--programs: there is no folder \(programs); run the preview where your programs/ folder is, or give it "
          + "with --programs")
    }
    if let exercises, !Self.isDirectory(exercises) {
      throw ValidationError("--exercises: there is no folder \(exercises)")
    }
    for path in paths where !FileManager.default.fileExists(atPath: path) {
      throw ValidationError("no such file or folder: \(path)")
    }
    if let db, !FileManager.default.fileExists(atPath: db) {
      throw ValidationError("--db: there is no follow-up database at \(db)")
    }
    guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
  }

  static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }

  func run() async throws {
    var configuration = PreviewServer.Configuration()
    configuration.host = host
    configuration.port = port
    configuration.programsDirectory = programs
    configuration.exercisesDirectory = exercises ?? "exercises"
    configuration.outputDirectory = output
    configuration.paths = paths
    configuration.answers = answerSource()
    if !ServerConfiguration.isLoopback(host) {
      ServeCommand.warn(
        "--host \(host) shows the kit, with the names of the participants, to every machine that can reach it")
    }
    let preview = PreviewServer(configuration: configuration)
    let watching = WatchTask()
    let colour =
      isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
      && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    let stopping = Self.onStopSignal {
      // Pages listening for the next build let go, so the server stops at once.
      preview.state.close()
      watching.cancel()
    }
    defer { for source in stopping { source.cancel() } }
    let host = self.host
    let output = self.output
    // The folders named, less those inside another (a program path inside programs/).
    let named = Set(([programs, configuration.exercisesDirectory] + paths).map { $0.hasSuffix("/") ? $0 : $0 + "/" })
    let watched = named.filter { path in !named.contains { $0 != path && path.hasPrefix($0) } }
    do {
      try await preview.application { boundPort in
        Self.say(
          "WorkshopKit preview of \(output)/ at http://\(host):\(boundPort)/ — watching "
            + Self.list(watched.sorted()) + "; Ctrl-C stops it")
        watching.start { await preview.watch { Self.show($0, colour: colour) } }
      }.runService()
    } catch let error as IOError where error.errnoCode == EADDRINUSE {
      throw ServerFailure(
        description: "port \(port) on \(host) is in use (another preview or server?); stop it or choose another "
          + "port with --port")
    }
    watching.cancel()
  }

  /// The database as `build` reads it: only when the file exists; one that cannot be
  /// opened makes each recap that needs it a located `read-error`.
  func answerSource() -> (any FollowUpAnswerSource)? {
    let path = db ?? FollowUpStore.defaultPath
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    do {
      return try FollowUpStore(path: path)
    } catch {
      return UnavailableAnswerSource(error: error)
    }
  }

  /// After each build: what started it, the findings as `check` prints them, the summary.
  static func show(_ outcome: PreviewServer.Outcome, colour: Bool) {
    let milliseconds = Int((outcome.duration / .milliseconds(1)).rounded())
    var text = "\nbuild \(outcome.build.number)"
    if !outcome.changed.isEmpty {
      let shown = outcome.changed.prefix(3).map(relative).joined(separator: ", ")
      text +=
        " after a change to \(shown)" + (outcome.changed.count > 3 ? " and \(outcome.changed.count - 3) more" : "")
    }
    text += " (\(milliseconds) ms)\n"
    for diagnostic in outcome.diagnostics { text += DiagnosticRendering.line(diagnostic, colour: colour) + "\n" }
    text += outcome.report.summary + "\n"
    say(text, newline: false)
  }

  /// A watched path as the user knows it: relative to the current folder when below it.
  static func relative(_ path: String) -> String {
    let here = FileManager.default.currentDirectoryPath
    return path.hasPrefix(here + "/") ? String(path.dropFirst(here.count + 1)) : path
  }

  static func list(_ items: [String]) -> String { Language.en.list(items) }

  static func say(_ text: String, newline: Bool = true) {
    FileHandle.standardOutput.write(Data((text + (newline ? "\n" : "")).utf8))
  }

  /// Runs `stop` on SIGINT or SIGTERM, beside Hummingbird's own graceful shutdown.
  static func onStopSignal(_ stop: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
    [SIGINT, SIGTERM].map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler(handler: stop)
      source.resume()
      return source
    }
  }
}

/// The watch loop, started once the server listens and cancelled when it stops.
final class WatchTask: @unchecked Sendable {
  private let lock = NSLock()
  private var task: Task<Void, Never>?
  private var cancelled = false

  func start(_ body: @escaping @Sendable () async -> Void) {
    lock.withLock {
      guard !cancelled, task == nil else { return }
      task = Task { await body() }
    }
  }

  func cancel() {
    lock.withLock {
      cancelled = true
      task?.cancel()
    }
  }
}
