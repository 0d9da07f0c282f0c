import Foundation

/// What one `build` run did.
public struct BuildReport: Sendable {
  /// Every finding, in file order, each once.
  public var diagnostics: [Diagnostic] = []
  public var programCount = 0
  /// Programs whose documents are current: rendered now, or skipped as unchanged.
  public var builtCount = 0
  /// The documents the kit has: the built programs', the course reports and the index.
  public var documentCount = 0
  /// Programs not loaded, checked or rendered because no input of their folder changed.
  public var skippedCount = 0
  /// Documents whose files were written: new, or with bytes that changed.
  public var rewrittenCount = 0
  /// Files of earlier builds removed because no program produces them any more.
  public var removedCount = 0
  /// Programs not rendered because of errors.
  public var failedPrograms: [String] = []
  /// The follow-up database the last build into this output folder read, when this one
  /// reads none: its online answers, attendance and evaluations are left out.
  public var databaseLeftOut: String?
  /// The documents of this batch's programs and their series' course reports, relative to
  /// the output folder, in order: what `build --pdf` prints.
  public var documents: [String] = []

  /// `4 programs of 4 built, 12 documents written; 0 errors, 1 warning` when every document
  /// was written; after an incremental build, what was skipped and rewritten:
  /// `4 programs of 4 built (3 unchanged), 12 documents (2 rewritten, 1 removed); …`.
  public var summary: String {
    func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    let findings = "\(count(diagnostics.errorCount, "error")), \(count(diagnostics.warningCount, "warning"))"
    if skippedCount == 0 && rewrittenCount == documentCount && removedCount == 0 {
      return "\(count(builtCount, "program")) of \(programCount) built, \(count(documentCount, "document")) written; "
        + findings
    }
    let skipped = skippedCount > 0 ? " (\(skippedCount) unchanged)" : ""
    let removed = removedCount > 0 ? ", \(removedCount) removed" : ""
    return "\(count(builtCount, "program")) of \(programCount) built\(skipped), "
      + "\(count(documentCount, "document")) (\(rewrittenCount) rewritten\(removed)); " + findings
  }
}

/// Check → recap → render → write, for a batch of program files in one process. Folders
/// are handled one at a time, so memory depends on the largest folder, not on the batch.
///
/// Builds are incremental: a folder whose inputs are those of the last build into the same
/// output folder (`BuildManifest`, `FolderFingerprint`) is not loaded, checked or rendered,
/// and a document whose bytes did not change is not rewritten, so it keeps its time.
public final class KitBuilder: Sendable {
  public let checker: Checker
  public let outputDirectory: String
  /// Answers to follow-up forms beyond the `followups/` YAML files, e.g. the database.
  public let answers: (any FollowUpAnswerSource)?
  /// Build everything and write every file, ignoring the manifest (`build --clean`).
  public let clean: Bool
  /// Where `answers` come from (the database's absolute path), kept in the manifest so the
  /// next build can say when it reads none.
  public let answersPath: String?

  public init(
    exerciseDirectory: String = "exercises", outputDirectory: String = "output",
    answers: (any FollowUpAnswerSource)? = nil, answersPath: String? = nil, clean: Bool = false
  ) {
    self.checker = Checker(exerciseDirectory: exerciseDirectory)
    self.outputDirectory = outputDirectory
    self.answers = answers
    self.answersPath = answersPath
    self.clean = clean
  }

  /// The kit for one program, as file names and bytes, without writing anything.
  public static func documents(for input: KitInput) throws(XHTMLSerializationError) -> [(
    name: String, bytes: [UInt8]
  )] {
    var documents = [
      ("handout.xhtml", try XHTMLDocument.rendered { Handout.render(input) }),
      ("facilitator.xhtml", try XHTMLDocument.rendered { RunSheet.render(input) }),
      ("followup.xhtml", try XHTMLDocument.rendered { FollowUpForm.render(input) }),
      ("tracker.xhtml", try XHTMLDocument.rendered { FollowUpTracker.render(input) }),
      ("attendance.xhtml", try XHTMLDocument.rendered { AttendanceSheet.render(input) }),
      ("namecards.xhtml", try XHTMLDocument.rendered { NameCards.render(input) }),
      ("cards.xhtml", try XHTMLDocument.rendered { CardSheet.render(input) }),
      ("slides.xhtml", try XHTMLDocument.rendered { Slides.render(input) }),
      ("\(input.program.id).ics", ICalendar.bytes(input.schedule, next: input.nextMeeting)),
    ]
    if input.program.evaluation != nil {
      documents.append(("evaluation.xhtml", try XHTMLDocument.rendered { EvaluationForm.render(input) }))
    }
    return documents
  }

  /// How many files `documents(for:)` gives: the evaluation only where there is one.
  static func documentCount(for input: KitInput) -> Int {
    documentsPerProgram + (input.program.evaluation == nil ? 0 : 1)
  }

  /// Builds every file; `progress` hears (programs done, total) after each folder, from
  /// the thread that built it, one call at a time.
  ///
  /// Each folder's programs are checked on all cores (the exercise and series caches are
  /// shared behind locks), then rendered and written on all cores, since each program's
  /// documents depend only on its own `KitInput`.
  public func build(programFiles files: [String], progress: ((Int, Int) -> Void)? = nil) -> BuildReport {
    var report = BuildReport()
    report.programCount = files.count
    let library = checker.loader.exercises
    let previous = BuildManifest.read(from: outputDirectory)
    let reusable =
      clean ? nil : previous.flatMap { $0.isReusable(tool: ToolIdentity.current, library: library.directory) }
    var manifest = BuildManifest(tool: ToolIdentity.current, exerciseDirectory: library.directory)
    manifest.database = answersPath
    if answers == nil, let before = previous?.database { report.databaseLeftOut = before }
    // Folders are independent of each other (a series is one folder), so they are built
    // side by side, each folder's own steps on all cores as well; at most a core's worth of
    // folders is in memory at once. Nothing here writes to `self` until all are done.
    let folders = Self.groupedByFolder(files)
    let outcomes = ResultSlots<FolderOutcome>(count: folders.count)
    let counter = ProgressCounter(total: files.count, progress)
    DispatchQueue.concurrentPerform(iterations: folders.count) { index in
      let folder = folders[index]
      let inputs = FolderFingerprint(folder: folder.path, batch: folder.files)
      var outcome: FolderOutcome
      if let old = reusable?.folders[folder.path],
        inputs.key(
          exercises: old.exercises, followUps: old.followUps, recordedMeetings: old.recordedMeetings,
          library: library, answers: answers) == old.key,
        outputsAreIntact(old)
      {
        // Unchanged and built: a program that failed last time is not counted among them.
        outcome = FolderOutcome(record: old, skipped: old.builtCount)
      } else {
        outcome = build(folder: folder, inputs: inputs, previous: previous?.folders[folder.path])
      }
      outcomes.set(index, outcome)
      counter.add(folder.files.count)
    }
    for (folder, outcome) in zip(folders, outcomes.values) {
      guard let outcome else { continue }
      let record = outcome.record
      report.skippedCount += outcome.skipped
      report.rewrittenCount += outcome.rewritten
      report.diagnostics += record.diagnostics
      report.builtCount += record.builtCount
      report.documentCount += record.documentCount
      report.failedPrograms += record.failedPrograms
      // An unchanged folder's record may be of a larger batch: only this batch's documents.
      let batch = Set(folder.files)
      report.documents += record.printableDocuments(of: batch)
      manifest.folders[folder.path] = record
    }
    // The index lists every series and meeting with documents in the output folder: those
    // of earlier builds outside this batch too.
    if let previous { adoptFolders(of: previous, into: &manifest) }
    let indexEntries = manifest.folders.keys.sorted().flatMap { manifest.folders[$0]!.indexWithKeptDocuments }
    let courseReports = Set(manifest.folders.values.compactMap(\.courseReport))
    // The manifest and the index are the last two files and need nothing of each other:
    // written side by side, instead of one core waiting while the other writes both.
    // A program that could not be read and had no row from an earlier build is listed
    // apart, so the index still says it is there and what to do.
    let listed = Set(indexEntries.map(\.file))
    let unread = report.failedPrograms.filter { !listed.contains($0) }
    let (entries, reports, finalManifest, reportSoFar) = (indexEntries, courseReports, manifest, report)
    let reportParts = ResultSlots<BuildReport>(count: 2)
    DispatchQueue.concurrentPerform(iterations: 2) { part in
      var report = BuildReport()
      if part == 0 {
        var manifest = finalManifest
        report = reportSoFar
        finish(&manifest, previous: previous, into: &report)
      } else if !entries.isEmpty || !unread.isEmpty {
        do {
          let bytes = try KitIndex.render(entries, courseReports: reports, unread: unread)
          if try write(bytes, to: outputDirectory + "/index.xhtml") { report.rewrittenCount += 1 }
          report.documentCount += 1
        } catch {
          report.diagnostics.append(Diagnostic(.writeError, at: .start(of: outputDirectory), "\(error)"))
        }
      }
      reportParts.set(part, report)
    }
    let (withManifest, withIndex) = (reportParts.values[0]!, reportParts.values[1]!)
    report = withManifest
    report.rewrittenCount += withIndex.rewrittenCount
    report.documentCount += withIndex.documentCount
    report.diagnostics += withIndex.diagnostics
    report.diagnostics = report.diagnostics.sortedUnique()
    return report
  }

  /// What building (or skipping) one folder gave: its manifest record, and how many of its
  /// programs were skipped and of its files rewritten.
  struct FolderOutcome: Sendable {
    var record: BuildManifest.Folder
    var skipped = 0
    var rewritten = 0
  }

  /// Counts programs done across the folders built side by side, for `progress`.
  final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int
    private let report: ((Int, Int) -> Void)?

    init(total: Int, _ report: ((Int, Int) -> Void)?) {
      self.total = total
      self.report = report
    }

    /// Adds `count` programs; `report` hears the new total, one call at a time.
    func add(_ count: Int) {
      lock.withLock {
        done += count
        report?(done, total)
      }
    }
  }

  /// Check, plan, render and write one folder of the batch; what it gave, for the manifest.
  private func build(
    folder: (path: String, files: [String]), inputs: FolderFingerprint, previous: BuildManifest.Folder?
  ) -> FolderOutcome {
    var rewritten = 0
    var diagnostics: [Diagnostic] = []
    var failedPrograms: [String] = []
    var indexEntries: [KitIndex.Entry] = []
    var builtCount = 0
    var documentCount = 0
    var outputs: [String: [String: Int]] = [:]
    let checks = checker.check(programsAt: folder.files)
    let seriesFindings = SeriesChecker(loader: checker.loader).check(folder: folder.path, batch: checks)
    diagnostics += seriesFindings
    // A meeting the series check finds in error (the same date or number as another) is not
    // built: two such programs would write over each other's documents.
    let inSeriesError = Set(seriesFindings.filter { $0.severity == .error }.map(\.location.file))
    // The folder's meetings outside the batch count too (building one meeting alone):
    // for its recap, the groups of earlier meetings and the next meeting's times.
    let others = otherMeetings(in: folder.path, besides: checks)
    let meetings = checks + others
    let recaps = RecapFinder(folder: folder.path, meetings: meetings.compactMap(\.program), source: answers)
    var pending: [(path: String, input: KitInput)] = []
    for check in checks {
      guard let program = check.program else {
        diagnostics += check.diagnostics
        failedPrograms.append(check.path)
        // A program that does not load keeps its row from its last build, if it had one.
        if var last = previous?.index.first(where: { $0.file == check.path }) {
          last.built = false
          indexEntries.append(last)
        }
        continue
      }
      var findings = check.diagnostics
      if let schedule = check.schedule, !check.hasErrors, !inSeriesError.contains(check.path) {
        // The recap of the last meeting: a follow-up file or database that cannot be
        // read stops it. What is known of this meeting's own follow-up fills in its
        // tracker; without the database's answers it is still built, with a warning.
        let (recap, recapFindings) = recaps.recap(for: program)
        findings += recapFindings
        let own = recaps.answers(toFollowUpOf: program, language: program.language)
        if let failure = own.sourceFailure {
          findings.append(
            Diagnostic(
              .readError, .warning, at: .start(of: program.file),
              failure + "; its tracker shows only the answers typed in from paper"))
        }
        if !recapFindings.hasErrors {
          let warnings = findings.filter { $0.severity == .warning }
          var input = KitInput(schedule: schedule, warnings: warnings, recap: recap)
          input.followUpAnswers = own.answers
          // The next meeting's times and venue, also while its program has errors: a
          // timing error leaves it a schedule, and this meeting's handout and `.ics` do
          // not change for a typo in the next one.
          input.nextMeeting = program.nextMeeting.flatMap { next in
            meetings.first { $0.program?.date.value == next.value }?.schedule
          }
          pending.append((check.path, input))
          diagnostics += findings
          continue
        }
      }
      diagnostics += findings
      failedPrograms.append(check.path)
      indexEntries.append(KitIndex.Entry(program: program, folder: Self.folder(of: program), built: false))
    }
    // A meeting of the batch not built for its errors still had its groups (a timing error
    // leaves it a schedule): the later meetings vary from them, as `groups` has it, rather
    // than reshuffle for a typo in an earlier program.
    let planned = Set(pending.map(\.path))
    let unbuilt = checks.filter { !planned.contains($0.path) }.compactMap(\.schedule)
    planGroups(&pending, others: others.compactMap(\.schedule) + unbuilt)
    let results = Self.renderAndWrite(pending.map(\.input), into: outputDirectory, force: clean)
    for (index, item) in pending.enumerated() {
      let program = item.input.program
      switch results[index] {
      case .failure(let failure):
        diagnostics.append(Diagnostic(.writeError, at: .start(of: item.path), failure.message))
        failedPrograms.append(item.path)
        indexEntries.append(KitIndex.Entry(program: program, folder: Self.folder(of: program), built: false))
      case .success(let written):
        builtCount += 1
        documentCount += written.sizes.count
        rewritten += written.rewritten
        outputs[item.path] = written.sizes
        indexEntries.append(KitIndex.Entry(program: program, folder: Self.folder(of: program), built: true))
      }
    }
    var courseReport: (series: String, size: Int)?
    diagnostics += writeCourseReport(folder: folder.path, meetings: meetings, recaps: recaps) {
      series, size, wasRewritten in
      courseReport = (series, size)
      documentCount += 1
      if wasRewritten { rewritten += 1 }
    }
    // Every exercise counts when a meeting did not load: which ones it names is not known.
    let loaded = meetings.allSatisfy { $0.program != nil && !$0.hasErrors }
    let used = loaded ? Array(Set(meetings.compactMap(\.program).flatMap { $0.exercises.map(\.id) })).sorted() : nil
    let followUps = meetings.compactMap(\.program).compactMap { program in
      program.followUpExercise.map {
        BuildManifest.FollowUpForm(series: program.series, program: program.id, exercise: $0.id)
      }
    }
    let recordedMeetings = courseReport == nil ? [] : meetings.compactMap(\.program).map { $0.series + "/" + $0.id }
    var record = BuildManifest.Folder(
      key: inputs.key(
        exercises: used, followUps: followUps, recordedMeetings: recordedMeetings, library: checker.loader.exercises,
        answers: answers) ?? "",
      exercises: used, followUps: followUps, recordedMeetings: recordedMeetings, diagnostics: diagnostics,
      index: indexEntries, builtCount: builtCount, documentCount: documentCount,
      failedPrograms: failedPrograms, courseReport: courseReport?.series, outputs: outputs)
    if let courseReport { record.outputs[""] = [courseReport.series + "/course.xhtml": courseReport.size] }
    let batch = Set(folder.files)
    record.keptOutputs = keptOutputs(previous, batch: batch, built: Set(outputs.keys))
    // The folder's meetings outside the batch (building one meeting alone) keep their rows
    // in the index, as they keep their documents.
    for entry in previous?.index ?? [] where !batch.contains(entry.file) && record.keptOutputs[entry.file] != nil {
      record.index.append(entry)
    }
    // Every meeting has errors now: the course report of the last good build stays, as
    // their documents do, until `--clean`.
    if courseReport == nil, builtCount == 0, !failedPrograms.isEmpty, !clean, let previous,
      let series = previous.courseReport,
      let report = previous.outputs[""]?.keys.first ?? previous.keptOutputs[""]?.first
    {
      record.keptOutputs[""] = [report]
      record.courseReport = series
    }
    return FolderOutcome(record: record, rewritten: rewritten)
  }

  static let documentsPerProgram = 9

  /// `output/<series>/course.xhtml` for a series folder (one with a `series.yaml`): every
  /// meeting whose times could be worked out, with its attendance, evaluations and
  /// follow-up answers. A meeting whose program has a timing error was still held: its
  /// records are not dropped from the report for it. Returns the
  /// findings in those records that `check` would give too; `written` hears the series,
  /// the file's size and whether its bytes were written.
  func writeCourseReport(
    folder: String, meetings checks: [ProgramCheck], recaps: RecapFinder,
    written: (String, Int, Bool) -> Void
  ) -> [Diagnostic] {
    let base = folder.isEmpty ? "." : folder
    guard ["series.yaml", "series.yml"].contains(where: { FileManager.default.fileExists(atPath: base + "/" + $0) }),
      let series = checks.compactMap(\.program).first?.series
    else { return [] }
    var findings: [Diagnostic] = []
    var meetings: [CourseReport.Meeting] = []
    for check in checks {
      guard let schedule = check.schedule else { continue }
      let program = schedule.program
      var meeting = CourseReport.Meeting(schedule: schedule)
      if let path = MeetingRecords.path(inSeries: folder, "attendance", program: program.id) {
        let (attendance, diagnostics) = MeetingRecords.readAttendance(path, roster: program.participants)
        meeting.attendance = attendance
        findings += diagnostics
      }
      if let path = MeetingRecords.path(inSeries: folder, "evaluations", program: program.id) {
        let (answers, diagnostics) = MeetingRecords.readEvaluations(path, evaluation: program.evaluation)
        meeting.evaluations = answers ?? []
        findings += diagnostics
      }
      if let exercise = program.followUpExercise {
        meeting.followUp = (exercise, recaps.answers(toFollowUpOf: program, language: program.language).answers)
      }
      // What was recorded online (`--db`), after the paper: attendance ticked on the
      // facilitator's page joins the sign-in sheet's, evaluations add to the forms.
      if let records = answers as? any MeetingRecordSource {
        do {
          if let online = try records.recordedAttendance(series: program.series, program: program.id) {
            var attendance = meeting.attendance ?? Attendance(present: [])
            attendance.present += online.present.filter { !attendance.present.contains($0) }
            // Typed twice, on paper and online, in any case: one person.
            let known = Set(attendance.walkIns.map { $0.lowercased() })
            attendance.walkIns += online.walkIns.filter { !known.contains($0.lowercased()) }
            meeting.attendance = attendance
          }
          meeting.evaluations += try records.recordedEvaluations(series: program.series, program: program.id)
        } catch {
          findings.append(
            Diagnostic(
              .readError, .warning, at: .start(of: program.file),
              "cannot read the online attendance and evaluations of \(program.series)/\(program.id): \(error); "
                + "the course report shows only those typed in from paper"))
        }
      }
      meetings.append(meeting)
    }
    guard let document = CourseReport.render(meetings) else { return findings }
    var writer = AtomicFileWriter()
    do {
      let bytes = try document.serialized()
      let path = outputDirectory + "/" + series + "/course.xhtml"
      let rewritten = clean ? (try writer.write(bytes, to: path), true).1 : try writer.writeIfChanged(bytes, to: path)
      written(series, bytes.count, rewritten)
    } catch {
      findings.append(Diagnostic(.writeError, at: .start(of: base), "\(error)"))
    }
    return findings
  }

  /// The checks of the folder's programs that are not in the batch, read once per folder.
  func otherMeetings(in folder: String, besides batch: [ProgramCheck]) -> [ProgramCheck] {
    let inBatch = Set(batch.map(\.path))
    // Programs named alone from the working folder have no series around them.
    guard !folder.isEmpty else { return [] }
    return ProgramDiscovery.programFiles(directlyIn: folder).filter { !inBatch.contains($0) }
      .map { checker.check(programAt: $0) }
  }

  /// Pairs and groups for each program of a folder, in date order, so who sat together at
  /// an earlier meeting of the series is varied at the next one. `others` are the folder's
  /// meetings that are not built here but have a schedule (outside the batch, or held back
  /// by their errors): building one meeting alone gives the groups a build of the whole
  /// series gives.
  func planGroups(_ pending: inout [(path: String, input: KitInput)], others: [Schedule]) {
    guard pending.contains(where: { !$0.input.program.participants.isEmpty }) else { return }
    // Everything in date order; only the batch's plans are kept.
    var order: [(schedule: Schedule, index: Int?)] = others.map { ($0, nil) }
    order += pending.indices.map { (pending[$0].input.schedule, $0) }
    order.sort {
      ($0.schedule.program.date.value, $0.schedule.program.file) < (
        $1.schedule.program.date.value, $1.schedule.program.file
      )
    }
    var history = GroupPlanner.History()
    for entry in order where !entry.schedule.program.participants.isEmpty {
      let plans = GroupPlanner.plan(entry.schedule, history: &history).0
      if let index = entry.index { pending[index].input.groups = plans }
    }
  }

  /// What writing one program's documents gave: each file's size by its path relative to
  /// the output folder, and how many files were written rather than found unchanged.
  struct WrittenKit: Sendable {
    var sizes: [String: Int] = [:]
    var rewritten = 0
  }

  /// Why a program's documents could not be rendered or written, as the finding says it.
  struct KitFailure: Error {
    var message: String
  }

  /// Renders and writes each input's documents in parallel, each file only when its bytes
  /// changed unless `force`; returns, per input, what was written or the write failure.
  static func renderAndWrite(_ inputs: [KitInput], into outputDirectory: String, force: Bool = false) -> [Result<
    WrittenKit, KitFailure
  >] {
    let results = ResultSlots<Result<WrittenKit, KitFailure>>(count: inputs.count)
    DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
      let input = inputs[index]
      var writer = AtomicFileWriter()
      let folder = folder(of: input.program)
      var kit = WrittenKit()
      do {
        for document in try documents(for: input) {
          let path = outputDirectory + "/" + folder + "/" + document.name
          if force {
            try writer.write(document.bytes, to: path)
            kit.rewritten += 1
          } else if try writer.writeIfChanged(document.bytes, to: path) {
            kit.rewritten += 1
          }
          kit.sizes[folder + "/" + document.name] = document.bytes.count
        }
        results.set(index, .success(kit))
      } catch {
        results.set(index, .failure(KitFailure(message: "\(error)")))
      }
    }
    return results.values.map { $0! }
  }

  /// Writes a document of the whole batch; whether its bytes were written.
  private func write(_ bytes: [UInt8], to path: String) throws(AtomicFileWriter.WriteError) -> Bool {
    var writer = AtomicFileWriter()
    if clean {
      try writer.write(bytes, to: path)
      return true
    }
    return try writer.writeIfChanged(bytes, to: path)
  }

  static func folder(of program: Program) -> String { program.series + "/" + program.id }

  static func groupedByFolder(_ files: [String]) -> [(path: String, files: [String])] {
    var order: [String] = []
    var groups: [String: [String]] = [:]
    for file in files {
      let folder = PathText.folder(of: file)
      if groups[folder] == nil { order.append(folder) }
      groups[folder, default: []].append(file)
    }
    return order.map { ($0, groups[$0] ?? []) }
  }
}
