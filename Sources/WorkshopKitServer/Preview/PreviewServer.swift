import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import WorkshopKit

/// `workshopkit-server preview`: builds the kit with `KitBuilder` (incremental, as `build`
/// does), serves the output folder, rebuilds on every save and tells the open pages to
/// reload; the findings show in the terminal and as a banner on the pages they concern.
public final class PreviewServer: Sendable {
  public struct Configuration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8000
    /// The programs folder: watched, and built unless `paths` says what to build.
    public var programsDirectory = "programs"
    public var exercisesDirectory = "exercises"
    public var outputDirectory = "output"
    /// Program files or folders to build; empty: the programs folder.
    public var paths: [String] = []
    /// Answers to follow-up forms beyond the `followups/` files (the database), as `build` reads them.
    public var answers: (any FollowUpAnswerSource)?
    public var timing = PreviewWatcher.Timing()

    public init() {}

    var buildPaths: [String] { paths.isEmpty ? [programsDirectory] : paths }
  }

  /// What one build did, for the terminal.
  public struct Outcome: Sendable {
    public var report: BuildReport
    /// The report's findings, after those about the paths to build (one that vanished,
    /// a folder with no program).
    public var diagnostics: [Diagnostic]
    public var build: PreviewState.Build
    public var duration: Duration
    /// The files whose change started it; empty for the first build.
    public var changed: [String]
  }

  public let configuration: Configuration
  public let state = PreviewState()
  let watcher: PreviewWatcher
  /// Builds run here, one at a time, off the threads that serve requests.
  private let queue = DispatchQueue(label: "workshopkit.preview.build")

  public init(configuration: Configuration) {
    self.configuration = configuration
    watcher = PreviewWatcher(
      roots: [configuration.programsDirectory, configuration.exercisesDirectory] + configuration.paths,
      skipping: configuration.outputDirectory)
  }

  /// Builds the kit now; `changed` is what started it, for the report.
  public func build(changed: [String] = []) async -> Outcome {
    let configuration = self.configuration
    let clock = ContinuousClock()
    let start = clock.now
    let (report, problems) = await withCheckedContinuation { continuation in
      queue.async { continuation.resume(returning: Self.buildNow(configuration)) }
    }
    let diagnostics = problems + report.diagnostics
    let findings = PreviewFindings(
      diagnostics: diagnostics, failedPrograms: report.failedPrograms,
      exerciseDirectory: configuration.exercisesDirectory)
    let build = state.publish(findings)
    return Outcome(
      report: report, diagnostics: diagnostics, build: build, duration: clock.now - start, changed: changed)
  }

  /// One incremental build, as `workshopkit build` makes it, and what is wrong with the
  /// paths to build. Never `clean`: a program with errors keeps its last good documents,
  /// which the preview shows under the banner.
  static func buildNow(_ configuration: Configuration) -> (BuildReport, [Diagnostic]) {
    var problems: [Diagnostic] = []
    var files: [String] = []
    for path in configuration.buildPaths {
      do {
        files += try ProgramDiscovery.programFiles(in: [path])
      } catch {
        problems.append(Diagnostic(.readError, at: .start(of: path), "\(error)"))
      }
    }
    if files.isEmpty && problems.isEmpty {
      problems.append(
        Diagnostic(
          .readError, at: .start(of: configuration.buildPaths.joined(separator: ", ")),
          "no program files: a program is a .yaml or .yml file in programs/<series>/ (see programs/README.md)"))
    }
    let builder = KitBuilder(
      exerciseDirectory: configuration.exercisesDirectory, outputDirectory: configuration.outputDirectory,
      answers: configuration.answers)
    return (builder.build(programFiles: files), problems)
  }

  /// Builds, then waits for saves and builds again after each, until cancelled; `report`
  /// hears every build. A save during a build is built after it: the files are compared
  /// with what they were when that build began.
  public func watch(report: @Sendable (Outcome) async -> Void) async {
    var snapshot = watcher.scan()
    await report(await build())
    // Listening pages hear from the server at least every 15 seconds.
    let state = self.state
    let pings = Task {
      while !Task.isCancelled {
        try? await Task.sleep(for: .seconds(15))
        state.ping()
      }
    }
    defer { pings.cancel() }
    while let (next, changed) = await watcher.nextChange(after: snapshot, timing: configuration.timing) {
      snapshot = next
      await report(await build(changed: changed))
    }
  }
}
