import ArgumentParser
import Foundation
import WorkshopKit
import WorkshopKitStore

struct BuildCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "build",
    abstract: "Check programs and render their kits into the output folder.",
    discussion: """
      For each program, writes into <output>/<series>/<program>/:
        handout.xhtml      handout: program, worksheets, recap, next steps
        facilitator.xhtml  run sheet: times, leads, cues, groups, materials
        followup.xhtml     the participants' follow-up forms
        tracker.xhtml      the facilitator's follow-up tracker
        attendance.xhtml   sign-in sheet, a sheet a day
        namecards.xhtml    folded tent cards, two to a sheet
        cards.xhtml        reference cards to cut out, one per pair or group
        evaluation.xhtml   the evaluation form (with evaluation: only)
        slides.xhtml       projector deck, a slide per step with a countdown
                           (→ ← Home End, F full screen, T restart, P pause)
        <program>.ics      the meeting and the next meeting, for calendars
      For a series folder with a series.yaml, <output>/<series>/course.xhtml:
      the course report (it names people). And <output>/index.xhtml.

      Programs are checked first: one with errors is not rendered, and its errors
      are printed as `workshopkit check` prints them; the others are still built.
      Exit status 1 if any program had errors. Files are replaced atomically, and
      the same input gives the same bytes.

      Builds are incremental: <output>/.workshopkit-manifest.json records what each
      folder of programs was built from (its program files, series.yaml, follow-up,
      attendance and evaluation records, the exercises its programs use, the
      database's answers). A folder whose inputs did not change is not loaded or
      rendered again, a document whose bytes did not change is not rewritten (it
      keeps its modification time), and the documents of a deleted program are
      removed. The summary then says how many programs were unchanged and how many
      documents were rewritten. A new build of workshopkit, or --clean, builds and
      writes everything.

      The recap of a meeting ("Opsamling fra sidst") shows the answers to the
      previous meeting's follow-up form: those typed in from paper in
      followups/<program>.yaml, then those saved online in the follow-up database
      (--db, default output/followups.sqlite, read only when the file exists; build
      never creates it). The course report reads attendance/ and evaluations/ the
      same way, then --db.

      Examples:
        workshopkit build
        workshopkit build programs/civilsamfundet --output /tmp/kit
        workshopkit build programs/civilsamfundet/2013-04-18.yaml --pdf
        workshopkit build programs/civilsamfundet \\
          --db /srv/workshopkit/followups.sqlite
        workshopkit build --clean
      """
  )

  @Argument(help: ArgumentHelp("Program files, or folders of them.", valueName: "path"))
  var paths: [String] = ["programs"]

  @OptionGroup var options: ProgramOptions

  @Option(
    name: .customLong("output"),
    help: ArgumentHelp(
      "Where to write the kit (default: output in the course folder, the one holding programs/).", valueName: "dir"))
  var outputOption: String?

  /// --output, else `output/` in the course folder of the programs built, wherever this runs.
  var outputDirectory: String { outputOption ?? CourseFolder.output(near: paths) }

  @Flag(
    help: """
      Also print the documents of the programs built (and their course reports) to PDF \
      with headless Chromium, each beside its document; a PDF newer than its document is kept.
      """)
  var pdf = false

  @Flag(
    help: """
      Ignore what the last build recorded: check, render and write every document, and \
      remove the files it made that are no longer produced.
      """)
  var clean = false

  @OptionGroup var database: DatabaseOptions

  func run() throws {
    BatchMemory.keepFreedMemory()
    // Run from inside the course folder (or above it), the build runs as from the course
    // folder itself: the manifest names each folder one way, so a build from
    // programs/civilsamfundet does not take the other series' documents for deleted ones.
    guard outputOption == nil, paths.allSatisfy({ FileManager.default.fileExists(atPath: $0) }),
      let course = CourseFolder.find(near: paths), course != "."
    else {
      return try build(shownOutput: outputDirectory)
    }
    let base = Self.absolute(course)
    let inside = paths.map { CourseFolder.relative(Self.absolute($0), to: base) }
    guard inside.allSatisfy({ $0 != nil }) else { return try build(shownOutput: outputDirectory) }
    var moved = self
    moved.paths = inside.map { $0! }
    moved.options.exerciseDirectoryOption = options.exerciseDirectoryOption.map(Self.absolute)
    moved.database.path = database.path.map(Self.absolute)
    guard FileManager.default.changeCurrentDirectoryPath(base) else { return try build(shownOutput: outputDirectory) }
    try moved.build(shownOutput: course + "/output")
  }

  /// Builds `paths` into `outputDirectory`, shown to the user as `shownOutput`.
  func build(shownOutput: String) throws {
    let files = try options.programFiles(in: paths)
    // A series.yaml with no program beside it yet: its findings, as `check` gives them.
    let loneSeries = ProgramDiscovery.seriesFilesWithoutPrograms(in: paths, programs: files)
    // A course's other files named by path: said so, with what to give instead.
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
        continue
      }
      try options.requireProgram(path, for: "build", orFolder: true)
    }
    let seriesFindings = loneSeries.flatMap {
      ProgramLoader(exerciseDirectory: options.exerciseDirectory(near: paths)).check(seriesAt: $0)
    }
    let colour = Terminal.standardOutputIsColourTerminal
    guard !files.isEmpty else {
      for diagnostic in ([ProgramOptions.nothingFound(in: paths)] + seriesFindings).sortedUnique() {
        print(DiagnosticRendering.line(diagnostic, colour: colour))
      }
      print("nothing built")
      throw ExitCode(1)
    }
    let chromium = pdf ? try PDFPrinter.locate() : nil
    let answers = try answerSource()
    let builder = KitBuilder(
      exerciseDirectory: options.exerciseDirectory(near: paths), outputDirectory: outputDirectory,
      answers: answers, answersPath: answers == nil ? nil : Self.absolute(database.resolvedPath(near: paths)),
      clean: clean)
    let progress = ProgressLine(enabled: files.count >= 20 && isatty(STDERR_FILENO) == 1)
    var report = builder.build(programFiles: files) { done, total in progress.update(done, total) }
    progress.finish()
    if !seriesFindings.isEmpty { report.diagnostics = (report.diagnostics + seriesFindings).sortedUnique() }

    for diagnostic in report.diagnostics { print(DiagnosticRendering.line(diagnostic, colour: colour)) }
    // Named, as an error in an exercise or series.yaml does not say which programs it stops.
    if !report.failedPrograms.isEmpty {
      let shown = report.failedPrograms.prefix(10).joined(separator: ", ")
      let more = report.failedPrograms.count > 10 ? " and \(report.failedPrograms.count - 10) more" : ""
      print("not built, for the errors above: \(shown)\(more)")
    }
    if let before = report.databaseLeftOut {
      print(
        "warning: the last build into \(shownOutput)/ read online answers, attendance and evaluations from "
          + "\(before); this one reads no database, so they are left out: pass --db \(before)")
    }
    print(report.summary + (report.builtCount > 0 ? " into \(shownOutput)/" : ""))

    if let chromium {
      // A second or so a document: say so before the wait, and count on a terminal.
      let count = report.documents.count
      print("printing \(count) document\(count == 1 ? "" : "s") of this build to PDF with \(chromium.executable)…")
      let progress = ProgressLine(enabled: isatty(STDERR_FILENO) == 1, verb: "printing")
      let done = try chromium.print(report.documents, under: outputDirectory, force: clean) { done, total in
        progress.update(done, total)
      }
      progress.finish()
      let upToDate = done.upToDate > 0 ? " (\(done.upToDate) already up to date)" : ""
      print("\(done.printed) PDF file\(done.printed == 1 ? "" : "s") printed\(upToDate)")
    }
    if report.diagnostics.hasErrors || !report.failedPrograms.isEmpty { throw ExitCode(1) }
  }

  static func absolute(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

  /// The follow-up database, when there is one. A database given with --db must exist;
  /// one that cannot be opened makes each recap that needs it a located `read-error`.
  func answerSource() throws -> (any FollowUpAnswerSource)? {
    let path = database.resolvedPath(near: paths)
    guard FileManager.default.fileExists(atPath: path) else {
      if database.path == nil { return nil }
      throw ValidationError("--db: there is no follow-up database at \(path)")
    }
    do {
      return try FollowUpStore(path: path)
    } catch {
      return UnavailableAnswerSource(error: error)
    }
  }
}

/// `building 120/1000` on one terminal line, for large batches.
final class ProgressLine {
  let enabled: Bool
  let verb: String
  private var lastShown = -1

  init(enabled: Bool, verb: String = "building") {
    self.enabled = enabled
    self.verb = verb
  }

  func update(_ done: Int, _ total: Int) {
    guard enabled else { return }
    let percent = total == 0 ? 100 : done * 100 / total
    guard percent != lastShown else { return }
    lastShown = percent
    FileHandle.standardError.write(Data("\r\(verb) \(done)/\(total) (\(percent)%)".utf8))
  }

  func finish() {
    guard enabled, lastShown >= 0 else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
  }
}
