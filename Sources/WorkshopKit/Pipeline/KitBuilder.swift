import Foundation

/// What one `build` run did.
public struct BuildReport: Sendable {
  /// Every finding, in file order, each once.
  public var diagnostics: [Diagnostic] = []
  public var programCount = 0
  public var builtCount = 0
  public var documentCount = 0
  /// Programs not rendered because of errors.
  public var failedPrograms: [String] = []

  /// `4 programs built, 12 documents written; 0 errors, 1 warning`.
  public var summary: String {
    func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    return "\(count(builtCount, "program")) of \(programCount) built, \(count(documentCount, "document")) written; "
      + "\(count(diagnostics.errorCount, "error")), \(count(diagnostics.warningCount, "warning"))"
  }
}

/// Check → recap → render → write, for a batch of program files in one process. Folders
/// are handled one at a time, so memory depends on the largest folder, not on the batch.
public final class KitBuilder {
  public let checker: Checker
  public let outputDirectory: String
  /// Answers to follow-up forms beyond the `followups/` YAML files, e.g. the database.
  public let answers: (any FollowUpAnswerSource)?
  private var writer = AtomicFileWriter()

  public init(
    exerciseDirectory: String = "exercises", outputDirectory: String = "output",
    answers: (any FollowUpAnswerSource)? = nil
  ) {
    self.checker = Checker(exerciseDirectory: exerciseDirectory)
    self.outputDirectory = outputDirectory
    self.answers = answers
  }

  /// The kit for one program, as file names and bytes, without writing anything.
  public static func documents(for input: KitInput) throws(XHTMLSerializationError) -> [(
    name: String, bytes: [UInt8]
  )] {
    var documents = [
      ("handout.xhtml", try Handout.render(input).serialized()),
      ("facilitator.xhtml", try RunSheet.render(input).serialized()),
      ("followup.xhtml", try FollowUpForm.render(input).serialized()),
      ("tracker.xhtml", try FollowUpTracker.render(input).serialized()),
      ("attendance.xhtml", try AttendanceSheet.render(input).serialized()),
      ("namecards.xhtml", try NameCards.render(input).serialized()),
      ("cards.xhtml", try CardSheet.render(input).serialized()),
      ("slides.xhtml", try Slides.render(input).serialized()),
      ("\(input.program.id).ics", Array(ICalendar.render(input.schedule, next: input.nextMeeting).utf8)),
    ]
    if input.program.evaluation != nil {
      documents.append(("evaluation.xhtml", try EvaluationForm.render(input).serialized()))
    }
    return documents
  }

  /// How many files `documents(for:)` gives: the evaluation only where there is one.
  static func documentCount(for input: KitInput) -> Int {
    documentsPerProgram + (input.program.evaluation == nil ? 0 : 1)
  }

  /// Builds every file; `progress` hears (programs done, total) after each folder.
  ///
  /// Each folder's programs are checked on all cores (the exercise and series caches are
  /// shared behind locks), then rendered and written on all cores, since each program's
  /// documents depend only on its own `KitInput`.
  public func build(programFiles files: [String], progress: ((Int, Int) -> Void)? = nil) -> BuildReport {
    var report = BuildReport()
    report.programCount = files.count
    var indexEntries: [KitIndex.Entry] = []
    var courseReports: Set<String> = []
    var done = 0
    for folder in Self.groupedByFolder(files) {
      let checks = checker.check(programsAt: folder.files)
      report.diagnostics += SeriesChecker(loader: checker.loader).check(folder: folder.path, batch: checks)
      // The folder's meetings outside the batch count too (building one meeting alone):
      // for its recap, the groups of earlier meetings and the next meeting's times.
      let others = otherMeetings(in: folder.path, besides: checks)
      let meetings = checks + others
      let recaps = RecapFinder(folder: folder.path, meetings: meetings.compactMap(\.program), source: answers)
      var pending: [(path: String, input: KitInput)] = []
      for check in checks {
        guard let program = check.program else {
          report.diagnostics += check.diagnostics
          report.failedPrograms.append(check.path)
          continue
        }
        var diagnostics = check.diagnostics
        if let schedule = check.schedule, !check.hasErrors {
          // The recap of the last meeting: a follow-up file or database that cannot be
          // read stops it. What is known of this meeting's own follow-up fills in its
          // tracker; without the database's answers it is still built, with a warning.
          let (recap, recapFindings) = recaps.recap(for: program)
          diagnostics += recapFindings
          let own = recaps.answers(toFollowUpOf: program, language: program.language)
          if let failure = own.sourceFailure {
            diagnostics.append(
              Diagnostic(
                .readError, .warning, at: .start(of: program.file),
                failure + "; its tracker shows only the answers typed in from paper"))
          }
          if !recapFindings.hasErrors {
            let warnings = diagnostics.filter { $0.severity == .warning }
            var input = KitInput(schedule: schedule, warnings: warnings, recap: recap)
            input.followUpAnswers = own.answers
            input.nextMeeting = program.nextMeeting.flatMap { next in
              meetings.first { !$0.hasErrors && $0.program?.date.value == next.value }?.schedule
            }
            pending.append((check.path, input))
            report.diagnostics += diagnostics
            continue
          }
        }
        report.diagnostics += diagnostics
        report.failedPrograms.append(check.path)
        indexEntries.append(KitIndex.Entry(program: program, folder: Self.folder(of: program), built: false))
      }
      planGroups(&pending, others: others.compactMap(\.schedule))
      let failures = Self.renderAndWrite(pending.map(\.input), into: outputDirectory)
      for (index, item) in pending.enumerated() {
        let program = item.input.program
        if let failure = failures[index] {
          report.diagnostics.append(Diagnostic(.writeError, at: .start(of: item.path), failure))
          report.failedPrograms.append(item.path)
          indexEntries.append(KitIndex.Entry(program: program, folder: Self.folder(of: program), built: false))
        } else {
          report.builtCount += 1
          report.documentCount += Self.documentCount(for: item.input)
          indexEntries.append(KitIndex.Entry(program: program, folder: Self.folder(of: program), built: true))
        }
      }
      report.diagnostics += writeCourseReport(
        folder: folder.path, meetings: meetings, recaps: recaps, into: &report, written: &courseReports)
      done += folder.files.count
      progress?(done, files.count)
    }
    if !indexEntries.isEmpty {
      do {
        try writer.write(
          try KitIndex.render(indexEntries, courseReports: courseReports), to: outputDirectory + "/index.xhtml")
        report.documentCount += 1
      } catch {
        report.diagnostics.append(Diagnostic(.writeError, at: .start(of: outputDirectory), "\(error)"))
      }
    }
    report.diagnostics = report.diagnostics.sortedUnique()
    return report
  }

  static let documentsPerProgram = 9

  /// `output/<series>/course.xhtml` for a series folder (one with a `series.yaml`): every
  /// sound meeting with its attendance, evaluations and follow-up answers. Returns the
  /// findings in those records that `check` would give too.
  func writeCourseReport(
    folder: String, meetings checks: [ProgramCheck], recaps: RecapFinder, into report: inout BuildReport,
    written: inout Set<String>
  ) -> [Diagnostic] {
    let base = folder.isEmpty ? "." : folder
    guard ["series.yaml", "series.yml"].contains(where: { FileManager.default.fileExists(atPath: base + "/" + $0) }),
      let series = checks.compactMap(\.program).first?.series
    else { return [] }
    var findings: [Diagnostic] = []
    var meetings: [CourseReport.Meeting] = []
    for check in checks where !check.hasErrors {
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
      if let exercise = program.exercises.first(where: \.followUp) {
        meeting.followUp = (exercise, recaps.answers(toFollowUpOf: program, language: program.language).answers)
      }
      // What was recorded online (`--db`), after the paper: attendance ticked on the
      // facilitator's page joins the sign-in sheet's, evaluations add to the forms.
      if let records = answers as? any MeetingRecordSource {
        do {
          if let online = try records.recordedAttendance(series: program.series, program: program.id) {
            var attendance = meeting.attendance ?? Attendance(present: [])
            attendance.present += online.present.filter { !attendance.present.contains($0) }
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
      try writer.write(try document.serialized(), to: outputDirectory + "/" + series + "/course.xhtml")
      report.documentCount += 1
      written.insert(series)
    } catch {
      findings.append(Diagnostic(.writeError, at: .start(of: base), "\(error)"))
    }
    return findings
  }

  /// The checks of the folder's programs that are not in the batch, read once per folder.
  func otherMeetings(in folder: String, besides batch: [ProgramCheck]) -> [ProgramCheck] {
    let inBatch = Set(batch.map(\.path))
    return ((try? ProgramDiscovery.programFiles(in: [folder.isEmpty ? "." : folder])) ?? [])
      .filter { !inBatch.contains($0) && ($0 as NSString).deletingLastPathComponent == folder }
      .map { checker.check(programAt: $0) }
  }

  /// Pairs and groups for each program of a folder, in date order, so who sat together at
  /// an earlier meeting of the series is varied at the next one. `others` are the folder's
  /// sound meetings outside the batch: building one meeting alone gives the groups a build
  /// of the whole series gives.
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

  /// Renders and writes each input's documents in parallel; returns, per input, the write
  /// failure if there was one.
  static func renderAndWrite(_ inputs: [KitInput], into outputDirectory: String) -> [String?] {
    let failures = ResultSlots<String>(count: inputs.count)
    DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
      let input = inputs[index]
      var writer = AtomicFileWriter()
      let destination = outputDirectory + "/" + folder(of: input.program)
      do {
        for document in try documents(for: input) {
          try writer.write(document.bytes, to: destination + "/" + document.name)
        }
      } catch {
        failures.set(index, "\(error)")
      }
    }
    return failures.values
  }

  static func folder(of program: Program) -> String { program.series + "/" + program.id }

  static func groupedByFolder(_ files: [String]) -> [(path: String, files: [String])] {
    var order: [String] = []
    var groups: [String: [String]] = [:]
    for file in files {
      let folder = (file as NSString).deletingLastPathComponent
      if groups[folder] == nil { order.append(folder) }
      groups[folder, default: []].append(file)
    }
    return order.map { ($0, groups[$0] ?? []) }
  }
}
