import Foundation
import Testing

@testable import WorkshopKit

/// The sample kit, byte for byte, against `Fixtures/golden/`. After a deliberate change to
/// the rendering, re-record with `WORKSHOPKIT_RECORD_GOLDEN=1 swift test --filter KitGolden`
/// and review the diff of the golden files before committing them.
@Suite struct KitGoldenTests {
  static var isRecording: Bool { ProcessInfo.processInfo.environment["WORKSHOPKIT_RECORD_GOLDEN"] == "1" }

  /// (program, document in its output folder, golden file).
  static let cases: [(program: String, document: String)] = [
    (KitSamples.april, "handout.xhtml"),
    (KitSamples.april, "facilitator.xhtml"),
    (KitSamples.april, "followup.xhtml"),
    (KitSamples.april, "tracker.xhtml"),
    (KitSamples.april, "attendance.xhtml"),
    (KitSamples.april, "namecards.xhtml"),
    (KitSamples.april, "cards.xhtml"),
    (KitSamples.april, "evaluation.xhtml"),
    (KitSamples.april, "slides.xhtml"),
    (KitSamples.april, "2013-04-18.ics"),
    (KitSamples.june, "handout.xhtml"),
    (KitSamples.june, "facilitator.xhtml"),
  ]

  static func goldenFile(_ program: String, _ document: String) -> URL {
    KitRepo.golden.appendingPathComponent(KitSamples.folder(program)).appendingPathComponent(document)
  }

  /// Compares `actual` with the golden file, or writes it when recording.
  static func compare(_ actual: [UInt8], golden: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
  {
    if isRecording {
      try FileManager.default.createDirectory(
        at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(actual).write(to: golden)
      return
    }
    guard FileManager.default.fileExists(atPath: golden.path) else {
      Issue.record(
        "no golden file \(golden.path); record it with WORKSHOPKIT_RECORD_GOLDEN=1",
        sourceLocation: sourceLocation)
      return
    }
    let expected = try KitFiles.bytes(golden)
    if let difference = kitFirstDifference(expected: expected, actual: actual) {
      Issue.record(
        """
        \(golden.lastPathComponent) differs from \(golden.path)
        \(difference)
        If the change is intended, re-record with WORKSHOPKIT_RECORD_GOLDEN=1 and review the diff.
        """, sourceLocation: sourceLocation)
    }
  }

  /// The course report of each Danish series, built from its programs and records.
  @Test(arguments: ["civilsamfundet", "samskabelseslaboratoriet"])
  func courseReportMatchesGolden(_ series: String) throws {
    let scratch = try KitScratch()
    let files = try KitSamples.allProgramFiles().filter { $0.contains("/\(series)/") }
    let builder = KitBuilder(exerciseDirectory: KitRepo.exercises.path, outputDirectory: scratch.url.path)
    let report = builder.build(programFiles: files)
    #expect(report.failedPrograms.isEmpty, "\(report.diagnostics)")
    let actual = try KitFiles.bytes(scratch.path(series + "/course.xhtml"))
    try Self.compare(
      actual, golden: KitRepo.golden.appendingPathComponent(series).appendingPathComponent("course.xhtml"))
  }

  @Test(arguments: 0..<cases.count)
  func builtDocumentMatchesGolden(_ index: Int) throws {
    let (program, document) = Self.cases[index]
    let scratch = try KitScratch()
    // Both meetings of the series, as `workshopkit build programs/civilsamfundet` builds them.
    let report = KitSamples.build([KitSamples.april, KitSamples.june], into: scratch.url)
    #expect(report.failedPrograms.isEmpty, "\(report.diagnostics)")
    let actual = try KitFiles.bytes(scratch.path(KitSamples.folder(program) + "/" + document))
    try Self.compare(actual, golden: Self.goldenFile(program, document))
  }

  /// `KitBuilder.documents(for:)` renders what `build` writes: the goldens hold for both.
  @Test func documentsForInputMatchTheBuiltFiles() throws {
    let check = KitSamples.check(KitSamples.april)
    let schedule = try #require(check.schedule)
    #expect(!check.hasErrors)
    var input = KitInput(schedule: schedule, warnings: check.diagnostics.filter { $0.severity == .warning })
    // The first meeting of its series in the samples: its groups owe nothing to earlier ones.
    var history = GroupPlanner.History()
    input.groups = GroupPlanner.plan(schedule, history: &history).0
    // Its follow-up answers from the file typed in from paper, and its next meeting's times.
    let exercise = try #require(schedule.program.exercises.first { $0.followUp })
    let answers = try #require(
      FollowUpFile.path(inSeries: KitRepo.programs.path + "/civilsamfundet", program: "2013-04-18"))
    input.followUpAnswers = try #require(FollowUpFile.read(answers, exercise: exercise).answers)
    input.nextMeeting = KitSamples.check(KitSamples.june).schedule
    let documents = try KitBuilder.documents(for: input)
    #expect(
      documents.map(\.name) == [
        "handout.xhtml", "facilitator.xhtml", "followup.xhtml", "tracker.xhtml", "attendance.xhtml", "namecards.xhtml",
        "cards.xhtml", "slides.xhtml",
        "2013-04-18.ics", "evaluation.xhtml",
      ])
    guard !Self.isRecording else { return }
    for document in documents {
      let golden = Self.goldenFile(KitSamples.april, document.name)
      let expected = try KitFiles.bytes(golden)
      kitExpectSameBytes(expected, document.bytes, document.name)
    }
  }

  @Test func firstDifferenceNamesLineAndColumn() throws {
    let message = try #require(
      kitFirstDifference(expected: Array("one\ntwo\nthree\n".utf8), actual: Array("one\ntwX\nthree\n".utf8)))
    #expect(message.contains("byte 6, line 2, column 3"))
    #expect(message.contains(#"expected: "two""#))
    #expect(message.contains(#"actual:   "twX""#))
    #expect(kitFirstDifference(expected: [1, 2], actual: [1, 2]) == nil)
    let shorter = try #require(kitFirstDifference(expected: Array("a\nb".utf8), actual: Array("a\n".utf8)))
    #expect(shorter.contains("expected 3 bytes, got 2"))
  }
}
