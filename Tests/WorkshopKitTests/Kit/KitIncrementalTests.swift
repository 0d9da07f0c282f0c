import Foundation
import Testing

@testable import WorkshopKit

/// A copy of the samples (programs and exercises) to edit, with builds into its own folders.
final class KitWorkspace {
  let scratch: KitScratch
  var programs: URL { scratch.path("programs") }
  var exercises: URL { scratch.path("exercises") }

  init() throws {
    scratch = try KitScratch()
    try FileManager.default.copyItem(at: KitRepo.programs, to: programs)
    try FileManager.default.copyItem(at: KitRepo.exercises, to: exercises)
  }

  @discardableResult
  func build(
    into output: String, clean: Bool = false, answers: (any FollowUpAnswerSource)? = nil
  ) throws -> BuildReport {
    let builder = KitBuilder(
      exerciseDirectory: exercises.path, outputDirectory: scratch.path(output).path, answers: answers, clean: clean)
    return builder.build(programFiles: try ProgramDiscovery.programFiles(in: [programs.path]))
  }

  func edit(_ relative: String, replacing old: String, with new: String) throws {
    let file = programs.appendingPathComponent(relative)
    let text = try KitFiles.text(file)
    #expect(text.contains(old), "\(relative) has no \(old)")
    try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: file)
  }

  /// The kit's files below an output folder, without the manifest (which is not a document).
  func documents(_ output: String) -> [String] {
    scratch.files(under: output).filter { $0 != BuildManifest.fileName }
  }

  /// Sets every file's modification time to the year 2000, so a rewrite shows.
  func age(_ output: String) {
    var times = [timespec(tv_sec: 946_684_800, tv_nsec: 0), timespec(tv_sec: 946_684_800, tv_nsec: 0)]
    for name in scratch.files(under: output) { utimensat(AT_FDCWD, scratch.path(output + "/" + name).path, &times, 0) }
  }

  /// The files whose modification time is no longer the one `age` gave.
  func touched(_ output: String) -> [String] {
    documents(output).filter { name in
      var status = stat()
      stat(scratch.path(output + "/" + name).path, &status)
      return status.st_mtim.tv_sec != 946_684_800
    }
  }

  /// Same names, same bytes, in two output folders.
  func expectSameTree(
    _ a: String, _ b: String, _ comment: Comment, sourceLocation: Testing.SourceLocation = #_sourceLocation
  )
    throws
  {
    let names = documents(a)
    #expect(names == documents(b), comment, sourceLocation: sourceLocation)
    for name in names where documents(b).contains(name) {
      let left = try KitFiles.bytes(scratch.path(a + "/" + name))
      let right = try KitFiles.bytes(scratch.path(b + "/" + name))
      kitExpectSameBytes(left, right, "\(comment): \(name)", sourceLocation: sourceLocation)
    }
  }
}

/// Follow-up answers that a test changes between builds, as the database would.
final class ChangingAnswers: FollowUpAnswerSource, @unchecked Sendable {
  private let lock = NSLock()
  private var who = "Makkerpar A"

  func set(_ who: String) { lock.withLock { self.who = who } }

  func followUpAnswers(series: String, program: String, exercise: Exercise, language: Language) throws
    -> [FollowUpAnswer]
  {
    guard series == "civilsamfundet", program == "2013-04-18" else { return [] }
    let who = lock.withLock { self.who }
    return [FollowUpAnswer(who: who, status: .done, responses: exercise.questions.map { _ in "online" })]
  }
}

/// Attendance ticked online, as the database would give it; a test changes who was there.
final class ChangingRecords: FollowUpAnswerSource, MeetingRecordSource, @unchecked Sendable {
  private let lock = NSLock()
  private var present: [String] = []
  private var walkIns: [String] = []

  func set(_ present: [String], walkIns: [String] = []) {
    lock.withLock {
      self.present = present
      self.walkIns = walkIns
    }
  }

  func followUpAnswers(series: String, program: String, exercise: Exercise, language: Language) throws
    -> [FollowUpAnswer]
  { [] }

  func recordedAttendance(series: String, program: String) throws -> Attendance? {
    guard series == "civilsamfundet", program == "2013-04-18" else { return nil }
    let (present, walkIns) = lock.withLock { (self.present, self.walkIns) }
    return present.isEmpty && walkIns.isEmpty ? nil : Attendance(present: present, walkIns: walkIns)
  }

  func recordedEvaluations(series: String, program: String) throws -> [EvaluationAnswer] { [] }
}

/// Incremental builds: the manifest, skipped folders, unchanged files left alone, removals.
@Suite struct KitIncrementalTests {
  @Test func aRebuildWithNothingChangedSkipsEveryProgramAndWritesNothing() throws {
    let workspace = try KitWorkspace()
    let first = try workspace.build(into: "out")
    #expect(first.skippedCount == 0 && first.rewrittenCount == first.documentCount)
    #expect(first.summary.contains("documents written;"))
    workspace.age("out")
    let second = try workspace.build(into: "out")
    #expect(second.skippedCount == first.programCount)
    #expect(second.builtCount == first.builtCount)
    #expect(second.documentCount == first.documentCount)
    #expect(second.rewrittenCount == 0)
    #expect(second.diagnostics == first.diagnostics)
    #expect(workspace.touched("out") == [])
    #expect(
      second.summary
        == "\(first.programCount) programs of \(first.programCount) built (\(first.programCount) unchanged), "
        + "\(first.documentCount) documents (0 rewritten); 0 errors, 0 warnings")
  }

  /// Each sample edit: an incremental build from the output before the edit gives the
  /// files a clean build gives, and rewrites only files whose bytes changed.
  @Test(
    arguments: [
      "program title", "exercise step", "follow-up answer", "series.yaml", "attendance", "delete a program",
      "add a program",
    ])
  func anIncrementalBuildEqualsACleanOne(edit: String) throws {
    let workspace = try KitWorkspace()
    try workspace.build(into: "before")
    let programs = workspace.programs
    switch edit {
    case "program title":
      try workspace.edit(
        "civilsamfundet/2013-04-18.yaml", replacing: "meeting: 2\n", with: "meeting: 2\ntitle: En ny titel\n")
    case "exercise step":
      let file = workspace.exercises.appendingPathComponent("refleksion-i-makkerpar.yaml")
      let text = try KitFiles.text(file)
      try Data(text.replacingOccurrences(of: "hver for sig", with: "hver for sig i ro").utf8).write(to: file)
    case "follow-up answer":
      try workspace.edit(
        "civilsamfundet/followups/2013-04-18.yaml", replacing: "en kop kaffe", with: "en kop te")
    case "series.yaml":
      try workspace.edit(
        "samskabelseslaboratoriet/series.yaml", replacing: "mødelokale 2", with: "mødelokale 3")
    case "attendance":
      try workspace.edit("samskabelseslaboratoriet/attendance/2017-03-02.yaml", replacing: "  - Ole Brandt\n", with: "")
    case "delete a program":
      try FileManager.default.removeItem(
        at: programs.appendingPathComponent("samskabelseslaboratoriet/2017-06-15.yaml"))
    default:
      let old = programs.appendingPathComponent("cocreation-lab-en/2027-01-14.yaml")
      let text = try KitFiles.text(old).replacingOccurrences(of: "date: 2027-01-14", with: "date: 2027-05-20")
        .replacingOccurrences(of: "next-meeting: 2027-03-11\n", with: "")
      try Data(text.utf8).write(to: programs.appendingPathComponent("cocreation-lab-en/2027-05-20.yaml"))
    }
    let clean = try workspace.build(into: "clean")
    try FileManager.default.copyItem(at: workspace.scratch.path("before"), to: workspace.scratch.path("incremental"))
    workspace.age("incremental")
    let incremental = try workspace.build(into: "incremental")
    try workspace.expectSameTree("clean", "incremental", "\(edit)")
    #expect(incremental.diagnostics == clean.diagnostics, "\(edit)")
    #expect(incremental.builtCount == clean.builtCount && incremental.documentCount == clean.documentCount)
    #expect(incremental.failedPrograms == clean.failedPrograms)

    // Only files whose bytes changed were written.
    let touched = workspace.touched("incremental")
    let before = workspace.documents("before")
    for name in touched where before.contains(name) {
      let old = try KitFiles.bytes(workspace.scratch.path("before/" + name))
      #expect(old != (try KitFiles.bytes(workspace.scratch.path("incremental/" + name))), "\(edit): \(name) rewritten")
    }
    #expect(incremental.rewrittenCount == touched.count, "\(edit)")
    #expect(!touched.isEmpty, "\(edit) changed no document")
    // A folder with no edit is skipped, except where the edit is in the library every folder reads.
    if edit != "exercise step" { #expect(incremental.skippedCount > 0, "\(edit)") }
    if edit == "delete a program" {
      #expect(
        !FileManager.default.fileExists(
          atPath: workspace.scratch.path("incremental/samskabelseslaboratoriet/2017-06-15").path))
      #expect(incremental.removedCount == 10)
    }
  }

  /// A series folder with a one-letter name, deleted: its documents and folders go. (With
  /// NSString's path functions, finding the folder above `a` stopped the build.)
  @Test func aDeletedSeriesWithAOneLetterNameIsRemoved() throws {
    let workspace = try KitWorkspace()
    let programs = workspace.programs
    try FileManager.default.moveItem(
      at: programs.appendingPathComponent("civilsamfundet"), to: programs.appendingPathComponent("c"))
    let first = try workspace.build(into: "out")
    #expect(first.failedPrograms.isEmpty)
    #expect(FileManager.default.fileExists(atPath: workspace.scratch.path("out/c").path))
    try FileManager.default.removeItem(at: programs.appendingPathComponent("c"))
    let second = try workspace.build(into: "out")
    #expect(second.removedCount > 0)
    #expect(!FileManager.default.fileExists(atPath: workspace.scratch.path("out/c").path))
    #expect(!second.diagnostics.contains { $0.rule == .writeError })
  }

  @Test func aDocumentRemovedByHandIsWrittenAgain() throws {
    let workspace = try KitWorkspace()
    try workspace.build(into: "out")
    let handout = workspace.scratch.path("out/civilsamfundet/2013-06-03/handout.xhtml")
    let bytes = try KitFiles.bytes(handout)
    try FileManager.default.removeItem(at: handout)
    let report = try workspace.build(into: "out")
    #expect(try KitFiles.bytes(handout) == bytes)
    #expect(report.rewrittenCount == 1)
  }

  @Test func cleanWritesEveryFile() throws {
    let workspace = try KitWorkspace()
    let first = try workspace.build(into: "out")
    workspace.age("out")
    let again = try workspace.build(into: "out", clean: true)
    #expect(again.skippedCount == 0)
    #expect(again.rewrittenCount == first.documentCount)
    #expect(workspace.touched("out") == workspace.documents("out"))
    #expect(again.summary == first.summary)
  }

  /// Building one series, or one meeting, into an output folder that holds more: the index
  /// still lists every series and meeting there, as a build of everything gives it; once a
  /// program file is gone, its row goes with its documents.
  @Test func aBuildOfPartKeepsTheIndexOfTheWhole() throws {
    let workspace = try KitWorkspace()
    try workspace.build(into: "out")
    let index = try KitFiles.text(workspace.scratch.path("out/index.xhtml"))
    let builder = KitBuilder(
      exerciseDirectory: workspace.exercises.path, outputDirectory: workspace.scratch.path("out").path)
    let june = workspace.programs.appendingPathComponent("civilsamfundet/2013-06-03.yaml").path
    let one = builder.build(programFiles: [june])
    #expect(one.builtCount == 1)
    #expect(try KitFiles.text(workspace.scratch.path("out/index.xhtml")) == index)
    let series = builder.build(
      programFiles: try ProgramDiscovery.programFiles(in: [
        workspace.programs.appendingPathComponent("civilsamfundet").path
      ]))
    #expect(series.builtCount == 2)
    #expect(try KitFiles.text(workspace.scratch.path("out/index.xhtml")) == index)
    try FileManager.default.removeItem(atPath: june)
    let april = workspace.programs.appendingPathComponent("civilsamfundet/2013-04-18.yaml").path
    _ = builder.build(programFiles: [april])
    let after = try KitFiles.text(workspace.scratch.path("out/index.xhtml"))
    #expect(!after.contains("2013-06-03/") && after.contains("2013-04-18/handout.xhtml"))
    #expect(after.contains("samskabelseslaboratoriet/2017-03-02/handout.xhtml"))
  }

  /// A program that now has errors keeps its last good documents, as builds always did;
  /// `--clean` removes them, as it removes every file no longer produced.
  @Test func aBrokenProgramKeepsItsDocumentsUntilClean() throws {
    let workspace = try KitWorkspace()
    try workspace.build(into: "out")
    try workspace.edit("civilsamfundet/2013-06-03.yaml", replacing: "date: 2013-06-03", with: "date: 2013-06-33")
    let broken = try workspace.build(into: "out")
    #expect(broken.failedPrograms.count == 1)
    let folder = workspace.scratch.path("out/civilsamfundet/2013-06-03")
    #expect(workspace.scratch.files(under: "out/civilsamfundet/2013-06-03").count == 10)
    let again = try workspace.build(into: "out")
    #expect(again.failedPrograms.count == 1, "a folder with errors is skipped with its findings")
    #expect(again.diagnostics == broken.diagnostics)
    // The program that failed is not counted among the unchanged ones that were built.
    #expect(again.skippedCount == again.builtCount)
    #expect(
      again.summary.hasPrefix(
        "\(again.builtCount) programs of \(again.programCount) built (\(again.builtCount) unchanged), "),
      "\(again.summary)")
    let clean = try workspace.build(into: "out", clean: true)
    #expect(clean.removedCount == 10)
    #expect(!FileManager.default.fileExists(atPath: folder.path))
  }

  /// A timing error in the next meeting leaves the meeting before it as it was: its handout
  /// keeps the next meeting's time and venue, its `.ics` a timed event for it, and the course
  /// report keeps the meeting with the error, attendance and all.
  @Test func anErrorInTheNextMeetingLeavesTheMeetingBeforeAsItWas() throws {
    let workspace = try KitWorkspace()
    try workspace.build(into: "good")
    try workspace.edit(
      "civilsamfundet/2013-06-03.yaml", replacing: "  - time: 10.30-10.45", with: "  - time: 10.30-10.50")
    let broken = try workspace.build(into: "broken")
    #expect(broken.failedPrograms.map { URL(fileURLWithPath: $0).lastPathComponent } == ["2013-06-03.yaml"])
    for name in ["civilsamfundet/2013-04-18/handout.xhtml", "civilsamfundet/course.xhtml"] {
      kitExpectSameBytes(
        try KitFiles.bytes(workspace.scratch.path("good/" + name)),
        try KitFiles.bytes(workspace.scratch.path("broken/" + name)), name)
    }
    let calendar = try KitFiles.text(workspace.scratch.path("broken/civilsamfundet/2013-04-18/2013-04-18.ics"))
    #expect(calendar.contains("DTSTART;TZID=Europe/Copenhagen:20130603T090000"))
    #expect(!calendar.contains("VALUE=DATE"))
  }

  /// Every meeting of a series with errors: the course report of the last good build stays
  /// with their documents, linked from the index, through rebuilds, until `--clean`.
  @Test func aSeriesWhoseMeetingsAllHaveErrorsKeepsItsCourseReport() throws {
    let workspace = try KitWorkspace()
    try workspace.build(into: "out")
    let report = workspace.scratch.path("out/civilsamfundet/course.xhtml")
    let before = try KitFiles.text(report)
    try workspace.edit("civilsamfundet/2013-04-18.yaml", replacing: "date: 2013-04-18", with: "date: 2013-04-33")
    try workspace.edit("civilsamfundet/2013-06-03.yaml", replacing: "date: 2013-06-03", with: "date: 2013-06-33")
    for _ in 0..<2 {
      let broken = try workspace.build(into: "out")
      #expect(broken.failedPrograms.count == 2)
      #expect(try KitFiles.text(report) == before)
      #expect(
        try KitFiles.text(workspace.scratch.path("out/index.xhtml")).contains("href=\"civilsamfundet/course.xhtml\""))
    }
    try workspace.build(into: "out", clean: true)
    #expect(!FileManager.default.fileExists(atPath: report.path))
  }

  /// A program with errors keeps its row in the index: the command that lists the errors,
  /// and links to the documents left from its last good build, whether it still loads or
  /// cannot be read at all. A file that never built is listed at the end; after `--clean`
  /// there is nothing left to link.
  @Test func theIndexLinksABrokenProgramsLastGoodDocuments() throws {
    let workspace = try KitWorkspace()
    try workspace.build(into: "out")
    let overlapping = "civilsamfundet/2013-06-03.yaml"
    try workspace.edit(overlapping, replacing: "  - time: 10.30-10.45", with: "  - time: 10.20-10.45")
    let unreadable = "civilsamfundet/2013-04-18.yaml"
    try workspace.scratch.write("programs/" + unreadable, "title: [unclosed\n")
    let neverBuilt = "civilsamfundet/2013-09-01.yaml"
    try workspace.scratch.write("programs/" + neverBuilt, "date: 2013-09-01\nagenda: [\n")
    let check = { (relative: String) in "workshopkit check " + workspace.programs.appendingPathComponent(relative).path
    }

    let broken = try workspace.build(into: "out")
    #expect(broken.failedPrograms.count == 3)
    let afterBreaking = try KitFiles.text(workspace.scratch.path("out/index.xhtml"))
    // Built again with nothing changed, the folder is skipped and its rows come from the
    // manifest: the same index.
    let skipped = try workspace.build(into: "out")
    #expect(skipped.skippedCount == broken.programCount - broken.failedPrograms.count)
    #expect(try KitFiles.text(workspace.scratch.path("out/index.xhtml")) == afterBreaking)
    var index = try KitXML.parse(afterBreaking)
    func cell(_ date: String) throws -> KitNode {
      try #require(index.all("tr").first { $0.first("td")?.text == date }?.all("td").last, "no row for \(date)")
    }
    for program in [overlapping, unreadable] {
      let date = String(program.dropFirst("civilsamfundet/".count).prefix(10))
      let row = try cell(date)
      #expect(row.first("strong")?.text == Label.hasErrorsLastGood.text(.da))
      #expect(row.first("code")?.text == check(program))
      let kept = workspace.scratch.files(under: "out/civilsamfundet/" + date).map { "civilsamfundet/\(date)/" + $0 }
      #expect(kept.count == 10)
      // 3 June has no follow-up exercise: its follow-up form and tracker are not linked.
      let linked =
        date == "2013-06-03"
        ? kept.filter { !$0.hasSuffix("/followup.xhtml") && !$0.hasSuffix("/tracker.xhtml") } : kept
      #expect(row.all("a").compactMap { $0["href"] }.sorted() == linked, "every kept document linked, and only those")
    }
    let unread = try #require(index.all("section").last)
    #expect(unread.first("h2")?.text == Label.programsNotBuilt.text(.da))
    #expect(unread.all("code").map(\.text) == [check(neverBuilt)])

    try workspace.build(into: "out", clean: true)
    index = try KitXML.parse(try KitFiles.text(workspace.scratch.path("out/index.xhtml")))
    for (program, date) in [(overlapping, "2013-06-03"), (unreadable, "2013-04-18")] {
      let row = try cell(date)
      #expect(row.first("strong")?.text == Label.notBuiltHasErrors.text(.da))
      #expect(row.first("code")?.text == check(program))
      #expect(row.all("a").isEmpty)
    }
  }

  @Test func theDatabaseAnswersCount() throws {
    let workspace = try KitWorkspace()
    let answers = ChangingAnswers()
    try workspace.build(into: "incremental", answers: answers)
    let same = try workspace.build(into: "incremental", answers: answers)
    #expect(same.skippedCount == same.programCount)
    answers.set("Makkerpar B")
    let changed = try workspace.build(into: "incremental", answers: answers)
    #expect(changed.skippedCount < changed.programCount)
    #expect(changed.rewrittenCount > 0)
    try workspace.build(into: "clean", answers: answers)
    try workspace.expectSameTree("clean", "incremental", "after the database changed")
  }

  @Test func attendanceRecordedOnlineCountsForTheCourseReport() throws {
    let workspace = try KitWorkspace()
    let records = ChangingRecords()
    try workspace.build(into: "incremental", answers: records)
    #expect(try workspace.build(into: "incremental", answers: records).skippedCount > 0)
    records.set(["Karen Østergaard", "Søren Bæk"])
    workspace.age("incremental")
    let changed = try workspace.build(into: "incremental", answers: records)
    #expect(changed.rewrittenCount > 0)
    #expect(workspace.touched("incremental").contains("civilsamfundet/course.xhtml"))
    try workspace.build(into: "clean", answers: records)
    try workspace.expectSameTree("clean", "incremental", "after attendance was ticked online")
  }

  /// A walk-in written in on the attendance page counts in the course report as one from
  /// the sign-in sheet does, and changes the report on an incremental build.
  @Test func aWalkInWrittenInOnlineCountsForTheCourseReport() throws {
    let workspace = try KitWorkspace()
    let records = ChangingRecords()
    records.set(["Karen Østergaard"])
    try workspace.build(into: "incremental", answers: records)
    let before = try KitFiles.text(workspace.scratch.path("incremental/civilsamfundet/course.xhtml"))
    // Nina Holm is on the sign-in sheet typed in too, written another way: one person.
    try workspace.edit(
      "civilsamfundet/attendance/2013-04-18.yaml", replacing: "  - Karen Østergaard\n",
      with: "  - Karen Østergaard\nwalk-ins:\n  - nina holm\n")
    records.set(["Karen Østergaard"], walkIns: ["Nina Holm", "Ole Bak"])
    workspace.age("incremental")
    try workspace.build(into: "incremental", answers: records)
    let after = try KitFiles.text(workspace.scratch.path("incremental/civilsamfundet/course.xhtml"))
    #expect(!before.contains("ikke tilmeldt"))
    #expect(after.contains("(+2 ikke tilmeldt)"), "\(after)")
    try workspace.build(into: "clean", answers: records)
    try workspace.expectSameTree("clean", "incremental", "after walk-ins were written in online")
  }

  @Test func aBuildFromAnotherExerciseLibraryBuildsEverything() throws {
    let workspace = try KitWorkspace()
    try workspace.build(into: "out")
    try FileManager.default.copyItem(at: workspace.exercises, to: workspace.scratch.path("library"))
    let builder = KitBuilder(
      exerciseDirectory: workspace.scratch.path("library").path, outputDirectory: workspace.scratch.path("out").path)
    let report = builder.build(programFiles: try ProgramDiscovery.programFiles(in: [workspace.programs.path]))
    #expect(report.skippedCount == 0)
    #expect(report.rewrittenCount == 0, "the same bytes, so no file is rewritten")
  }

  /// An exercise saved again after the build loaded it: the fingerprint records the bytes
  /// the documents were made from, not the new ones, so the next build redoes the folders
  /// that use it instead of skipping them with documents of the old text.
  @Test func anExerciseSavedDuringABuildIsBuiltAgainNextTime() throws {
    let workspace = try KitWorkspace()
    let library = ExerciseLibrary(directory: workspace.exercises.path)
    let id = try #require(library.ids.first)
    let path = library.path(for: id)
    let before = try KitFiles.bytes(URL(fileURLWithPath: path))
    #expect(library.exercise(id) != nil)
    try Data((String(decoding: before, as: UTF8.self) + "\n# saved again\n").utf8).write(to: URL(fileURLWithPath: path))
    #expect(library.fingerprint(ofFile: path) == ExerciseLibrary.fingerprint(of: before), "what was loaded")
    let fresh = ExerciseLibrary(directory: workspace.exercises.path)
    #expect(fresh.fingerprint(ofFile: path) != ExerciseLibrary.fingerprint(of: before), "what the next build reads")
    #expect(fresh.fingerprint(ofFile: library.basePath(for: id) + ".yml") == "absent")

    // Through a build: an edit between two builds makes the folders that use it build again.
    try workspace.build(into: "out")
    let sample = try KitFiles.text(workspace.programs.appendingPathComponent(KitSamples.april))
    let used = try #require(KitSamples.check(KitSamples.april).program?.exercises.first?.id)
    #expect(sample.contains(used))
    let usedPath = ExerciseLibrary(directory: workspace.exercises.path).path(for: used)
    let text = try KitFiles.text(URL(fileURLWithPath: usedPath))
    try Data((text + "\n# saved again\n").utf8).write(to: URL(fileURLWithPath: usedPath))
    let second = try workspace.build(into: "out")
    #expect(second.skippedCount < second.programCount, "the folder that uses \(used) is built again")
  }

  /// The manifest is a line for the build and one per folder; a line cut short (a disk that
  /// filled up, an edit by hand) makes the next build a full one, never a wrong skip.
  @Test func aDamagedManifestBuildsEverything() throws {
    let workspace = try KitWorkspace()
    try workspace.build(into: "out")
    let manifest = workspace.scratch.path("out/" + BuildManifest.fileName)
    let text = try String(contentsOf: manifest, encoding: .utf8)
    let lines = text.split(separator: "\n")
    #expect(lines.count > 2, "a line for the build and one for each of the samples' folders")
    #expect(BuildManifest.read(from: workspace.scratch.path("out").path)?.folders.count == lines.count - 1)
    var damaged = lines.map(String.init)
    damaged[damaged.count - 1] = String(damaged[damaged.count - 1].dropLast(10))
    try (damaged.joined(separator: "\n") + "\n").write(to: manifest, atomically: true, encoding: .utf8)
    #expect(BuildManifest.read(from: workspace.scratch.path("out").path) == nil)
    let second = try workspace.build(into: "out")
    #expect(second.skippedCount == 0)
    #expect(second.rewrittenCount == 0, "the same bytes, so no file is rewritten")
    #expect(BuildManifest.read(from: workspace.scratch.path("out").path) != nil, "the manifest is whole again")
  }
}

/// The manifest's content hash is SHA-256.
@Suite struct ContentHashTests {
  @Test func knownDigests() {
    #expect(ContentHash.of([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(ContentHash.of(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let long = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    #expect(ContentHash.of(Array(long.utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    // FIPS 180-2's million a's: fifteen thousand blocks and a padding block.
    #expect(
      ContentHash.of([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test func piecesHashAsTheWhole() {
    let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) }
    var hash = ContentHash()
    for chunk in stride(from: 0, to: bytes.count, by: 37) { hash.update(bytes[chunk..<min(chunk + 37, bytes.count)]) }
    #expect(hash.finalize() == ContentHash.of(bytes))
  }
}

/// `workshopkit build` twice, then with `--clean`, end to end.
@Suite(.timeLimit(.minutes(1))) struct KitIncrementalCLITests {
  @Test func theSummarySaysWhatWasSkippedAndRewritten() throws {
    let workspace = try KitWorkspace()
    let arguments = ["build", "programs", "--exercises", "exercises", "--output", "out"]
    let first = try KitCLI.run(arguments, in: workspace.scratch.url)
    #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
    let programs = try ProgramDiscovery.programFiles(in: [workspace.programs.path]).count
    let documents = workspace.documents("out").count
    #expect(
      first.stdout.hasSuffix(
        "\(programs) programs of \(programs) built, \(documents) documents written; 0 errors, 0 warnings into out/\n"))
    try workspace.edit(
      "civilsamfundet/2013-06-03.yaml", replacing: "meeting: 3\n", with: "meeting: 3\ntitle: Ny titel\n")
    let second = try KitCLI.run(arguments, in: workspace.scratch.url)
    #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
    let changed = second.stdout.split(separator: "\n").last.map(String.init) ?? ""
    #expect(
      changed.hasPrefix(
        "\(programs) programs of \(programs) built (\(programs - 2) unchanged), \(documents) documents ("))
    #expect(
      !changed.hasPrefix(
        "\(programs) programs of \(programs) built (\(programs - 2) unchanged), \(documents) documents (0 rewritten"))
    let clean = try KitCLI.run(arguments + ["--clean"], in: workspace.scratch.url)
    #expect(clean.stdout == first.stdout)
  }
}
