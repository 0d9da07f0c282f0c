import Foundation
import Testing

@testable import WorkshopKit

/// Same input, same bytes: two builds of the samples are identical file for file.
@Suite struct KitDeterminismTests {
  @Test func twoBuildsOfTheSamplesAreByteIdentical() throws {
    let files = try KitSamples.allProgramFiles()
    #expect(files.count >= 4)
    let first = try KitScratch()
    let second = try KitScratch()
    for output in [first, second] {
      let builder = KitBuilder(exerciseDirectory: KitRepo.exercises.path, outputDirectory: output.url.path)
      let report = builder.build(programFiles: files)
      #expect(report.failedPrograms.isEmpty, "\(report.diagnostics)")
      #expect(report.builtCount == files.count)
    }
    // The build's manifest is not a document: it records what each build read.
    let names = first.files().filter { $0 != BuildManifest.fileName }
    #expect(names == second.files().filter { $0 != BuildManifest.fileName })
    #expect(names.contains("index.xhtml"))
    // Nine documents a meeting, its evaluation form, the index, a course report a series.
    let series = Set(files.map { ($0 as NSString).deletingLastPathComponent }).count
    #expect(names.count == 10 * files.count + 1 + series)
    for name in names {
      let a = try KitFiles.bytes(first.path(name))
      let b = try KitFiles.bytes(second.path(name))
      #expect(!a.isEmpty, "\(name) is empty")
      kitExpectSameBytes(a, b, name)
    }
  }

  /// Rendering does not depend on anything but the input: no clock, no random ids, no
  /// state carried from one rendering to the next.
  @Test func renderingTheSameInputTwiceGivesTheSameBytes() throws {
    let check = KitSamples.check(KitSamples.april)
    let input = KitInput(schedule: try #require(check.schedule))
    let first = try KitBuilder.documents(for: input)
    _ = try KitBuilder.documents(for: KitInput(schedule: try #require(KitSamples.check(KitSamples.english).schedule)))
    let second = try KitBuilder.documents(for: input)
    #expect(first.map(\.name) == second.map(\.name))
    for (a, b) in zip(first, second) {
      kitExpectSameBytes(a.bytes, b.bytes, a.name)
    }
  }

  /// Building a meeting alone gives the same files as building its whole series: the recap
  /// is found from the folder, not from the batch.
  @Test func buildingOneMeetingAloneGivesTheSameFiles() throws {
    let whole = try KitScratch()
    let alone = try KitScratch()
    KitSamples.build([KitSamples.april, KitSamples.june], into: whole.url)
    KitSamples.build([KitSamples.june], into: alone.url)
    let folder = KitSamples.folder(KitSamples.june)
    let names = alone.files(under: folder)
    #expect(
      names == [
        "2013-06-03.ics", "attendance.xhtml", "cards.xhtml", "evaluation.xhtml", "facilitator.xhtml", "followup.xhtml",
        "handout.xhtml",
        "namecards.xhtml", "slides.xhtml",
        "tracker.xhtml",
      ])
    for name in names {
      let a = try KitFiles.bytes(whole.path(folder + "/" + name))
      let b = try KitFiles.bytes(alone.path(folder + "/" + name))
      kitExpectSameBytes(a, b, name)
    }
  }

  /// An error that keeps an earlier meeting from being built (an overlap) does not change a
  /// later meeting's groups: they still vary from the earlier meeting's, as `groups` says.
  @Test func anErrorInAnEarlierMeetingLeavesTheLaterGroups() throws {
    let folder = try OneDefectTests.referenceCopy()
    let series = folder.url.appendingPathComponent("programs/civilsamfundet")
    let files = try ProgramDiscovery.programFiles(in: [series.path])
    let exercises = folder.url.appendingPathComponent("exercises").path
    let sound = try KitScratch()
    let report = KitBuilder(exerciseDirectory: exercises, outputDirectory: sound.url.path).build(programFiles: files)
    #expect(report.failedPrograms.isEmpty, "\(report.diagnostics)")
    let april = series.appendingPathComponent("2013-04-18.yaml")
    let text = try String(contentsOf: april, encoding: .utf8)
    try #require(text.contains("time: 11.30-12.15"))
    try text.replacingOccurrences(of: "time: 11.30-12.15", with: "time: 11.25-12.15")
      .write(to: april, atomically: true, encoding: .utf8)
    let broken = try KitScratch()
    let second = KitBuilder(exerciseDirectory: exercises, outputDirectory: broken.url.path).build(programFiles: files)
    #expect(second.failedPrograms.map { ($0 as NSString).lastPathComponent } == ["2013-04-18.yaml"])
    let june = KitSamples.folder(KitSamples.june)
    let names = broken.files(under: june)
    #expect(names.contains("facilitator.xhtml"))
    for name in names {
      kitExpectSameBytes(
        try KitFiles.bytes(sound.path(june + "/" + name)), try KitFiles.bytes(broken.path(june + "/" + name)), name)
    }
  }

  /// The running title and the meeting line are worked out once per input; a schedule
  /// changed afterwards is what every document shows, as a fresh input would.
  @Test func theFrameFollowsAChangedSchedule() throws {
    var input = KitInput(schedule: try #require(KitSamples.check(KitSamples.april).schedule))
    input.schedule.program.title = "Et andet møde"
    input.schedule.program.meeting = 7
    let fresh = KitInput(schedule: input.schedule)
    #expect(input.frame.runningTitle.hasPrefix("Et andet møde · 7. "))
    let changed = try KitBuilder.documents(for: input)
    let expected = try KitBuilder.documents(for: fresh)
    #expect(changed.map(\.name) == expected.map(\.name))
    for (a, b) in zip(changed, expected) { kitExpectSameBytes(a.bytes, b.bytes, a.name) }
    let handout = String(decoding: try #require(changed.first { $0.name == "handout.xhtml" }).bytes, as: UTF8.self)
    #expect(handout.contains("Et andet møde · 7. "))
  }

  /// Parallel renderings (libxml2 from several threads) give the same bytes as one alone.
  @Test func concurrentRenderingIsDeterministic() async throws {
    let input = KitInput(schedule: try #require(KitSamples.check(KitSamples.april).schedule))
    let expected = try KitBuilder.documents(for: input).map(\.bytes)
    let results = await withTaskGroup(of: [[UInt8]].self) { group in
      for _ in 0..<8 { group.addTask { (try? KitBuilder.documents(for: input).map(\.bytes)) ?? [] } }
      var all: [[[UInt8]]] = []
      for await result in group { all.append(result) }
      return all
    }
    #expect(results.count == 8)
    let differing = results.filter { $0 != expected }.count
    #expect(differing == 0, "concurrent renderings that differ from a rendering alone")
  }
}
