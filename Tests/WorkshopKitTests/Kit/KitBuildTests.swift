import Foundation
import Testing

@testable import WorkshopKit

/// `KitBuilder.build`: a program with errors is reported and not rendered, the others are
/// built, and the index links every built meeting.
@Suite struct KitBuildTests {
  static let goodProgram = """
    title: God dag
    date: 2024-05-01
    agenda:
      - time: 09.00-09.30
        kind: plenary
        title: Velkomst
      - time: 09.30-10.00
        kind: talk
        title: Oplæg

    """

  /// `agenda` is missing: an error.
  static let brokenProgram = """
    title: Dårlig dag
    date: 2024-05-02

    """

  /// A series with one good and one broken program, plus the samples' exercise library.
  static func mixedSeries(in scratch: KitScratch) throws -> [String] {
    [
      try scratch.write("programs/blandet/2024-05-01.yaml", goodProgram).path,
      try scratch.write("programs/blandet/2024-05-02.yaml", brokenProgram).path,
    ]
  }

  @Test func aProgramWithErrorsIsNotRenderedAndTheOthersAre() throws {
    let scratch = try KitScratch()
    let files = try Self.mixedSeries(in: scratch)
    let builder = KitBuilder(exerciseDirectory: KitRepo.exercises.path, outputDirectory: scratch.path("out").path)
    let report = builder.build(programFiles: files)
    #expect(report.programCount == 2)
    #expect(report.builtCount == 1)
    #expect(report.failedPrograms == [files[1]])
    let errors = report.diagnostics.filter { $0.severity == .error }
    #expect(!errors.isEmpty)
    #expect(errors.allSatisfy { $0.location.file == files[1] }, "\(errors)")
    #expect(errors.contains { $0.rule == .missingKey })
    #expect(report.documentCount == 10, "nine documents and the index")
    #expect(report.summary == "1 program of 2 built, 10 documents written; 1 error, 0 warnings")
    // The documents; the build's manifest is not one.
    #expect(
      scratch.files(under: "out").filter { $0 != BuildManifest.fileName } == [
        "blandet/2024-05-01/2024-05-01.ics", "blandet/2024-05-01/attendance.xhtml", "blandet/2024-05-01/cards.xhtml",
        "blandet/2024-05-01/facilitator.xhtml",
        "blandet/2024-05-01/followup.xhtml", "blandet/2024-05-01/handout.xhtml", "blandet/2024-05-01/namecards.xhtml",
        "blandet/2024-05-01/slides.xhtml",
        "blandet/2024-05-01/tracker.xhtml", "index.xhtml",
      ])
    #expect(!FileManager.default.fileExists(atPath: scratch.path("out/blandet/2024-05-02").path))
  }

  /// A copy of a meeting beside it (`.yml` beside `.yaml`, the same date and number) is a
  /// series error in the copy: it is not built, so the two do not write over each other.
  @Test func aMeetingInSeriesErrorIsNotBuilt() throws {
    let scratch = try KitScratch()
    let original = try scratch.write("programs/blandet/2024-05-01.yaml", Self.goodProgram)
    let copy = try scratch.write("programs/blandet/2024-05-01.yml", Self.goodProgram)
    let builder = KitBuilder(exerciseDirectory: KitRepo.exercises.path, outputDirectory: scratch.path("out").path)
    let report = builder.build(programFiles: [original.path, copy.path])
    #expect(report.builtCount == 1)
    #expect(report.failedPrograms == [copy.path])
    #expect(report.diagnostics.contains { $0.rule == .seriesDuplicate && $0.location.file == copy.path })
  }

  /// Every document of the sample kit keeps all it shows in one `main`, the landmark a
  /// screen reader's "skip to content" jumps to: the body holds `main` and at most the
  /// slides' script after it.
  @Test func everyDocumentHoldsAllItShowsInOneMain() throws {
    let scratch = try KitScratch()
    let built = KitBuilder(exerciseDirectory: KitRepo.exercises.path, outputDirectory: scratch.url.path)
      .build(programFiles: try KitSamples.allProgramFiles())
    #expect(built.failedPrograms.isEmpty, "\(built.diagnostics)")
    let documents = try #require(FileManager.default.enumerator(atPath: scratch.url.path))
      .compactMap { $0 as? String }.filter { $0.hasSuffix(".xhtml") }.sorted()
    #expect(documents.count > 50)
    for document in documents {
      let root = try KitXML.parse(try KitFiles.text(scratch.path(document)))
      let children = root.first("body")?.children.map(\.name) ?? []
      #expect(children == ["main"] || children == ["main", "script"], "\(document): the body holds \(children)")
      #expect(root.all("main").count == 1, "\(document)")
    }
  }

  /// A file where the program's output folder should be: the program is reported under
  /// `write-error` at its own file, not rendered, and the build goes on.
  @Test func aKitThatCannotBeWrittenIsAWriteError() throws {
    let scratch = try KitScratch()
    let files = try Self.mixedSeries(in: scratch)
    try scratch.write("out/blandet", "not a folder")
    let builder = KitBuilder(exerciseDirectory: KitRepo.exercises.path, outputDirectory: scratch.path("out").path)
    let report = builder.build(programFiles: [files[0]])
    #expect(report.builtCount == 0)
    #expect(report.failedPrograms == [files[0]])
    let writeErrors = report.diagnostics.filter { $0.rule == .writeError }
    #expect(writeErrors.count == 1)
    #expect(writeErrors.first?.location == SourceLocation.start(of: files[0]))
    #expect(writeErrors.first?.severity == .error)
    #expect(writeErrors.first?.message.hasPrefix("cannot write ") == true, "\(writeErrors)")
  }

  @Test func aProgramThatCannotBeLoadedIsReportedToo() throws {
    let scratch = try KitScratch()
    let good = try scratch.write("programs/a/2024-05-01.yaml", Self.goodProgram)
    let garbage = try scratch.write("programs/a/2024-05-03.yaml", "agenda: [unclosed\n")
    let builder = KitBuilder(exerciseDirectory: KitRepo.exercises.path, outputDirectory: scratch.path("out").path)
    let report = builder.build(programFiles: [garbage.path, good.path])
    #expect(report.builtCount == 1)
    #expect(report.failedPrograms == [garbage.path])
    #expect(report.diagnostics.contains { $0.severity == .error && $0.location.file == garbage.path })
    #expect(!FileManager.default.fileExists(atPath: scratch.path("out/a/2024-05-03").path))
    #expect(FileManager.default.fileExists(atPath: scratch.path("out/a/2024-05-01/handout.xhtml").path))
  }

  @Test func theIndexLinksEveryBuiltMeeting() throws {
    let scratch = try KitScratch()
    let files = try KitSamples.allProgramFiles()
    let builder = KitBuilder(exerciseDirectory: KitRepo.exercises.path, outputDirectory: scratch.url.path)
    let report = builder.build(programFiles: files)
    #expect(report.builtCount == files.count)
    let index = try KitXML.parse(try KitFiles.text(scratch.path("index.xhtml")))
    let links = index.all("a").compactMap { $0["href"] }
    // A meeting without a follow-up exercise has a follow-up form and tracker that only say
    // so: written, not linked.
    let withoutFollowUp = files.compactMap { file -> String? in
      let check = Checker(exerciseDirectory: KitRepo.exercises.path).check(programAt: file)
      guard let program = check.program, program.followUpExercise == nil else { return nil }
      return program.series + "/" + program.id + "/"
    }
    #expect(withoutFollowUp == ["civilsamfundet/2013-06-03/", "samskabelseslaboratoriet/2017-06-15/"])
    let built = scratch.files().filter { file in
      file != "index.xhtml" && file != BuildManifest.fileName
        && !withoutFollowUp.contains { file == $0 + "followup.xhtml" || file == $0 + "tracker.xhtml" }
    }
    #expect(Set(links) == Set(built), "every built file linked, every link a built file")
    #expect(links.count == built.count)
    // `build --pdf` prints what the index links, the calendar files aside; an unchanged
    // rebuild prints the same.
    let printable = built.filter { $0.hasSuffix(".xhtml") }.sorted()
    #expect(report.documents.sorted() == printable)
    #expect(builder.build(programFiles: files).documents.sorted() == printable)
    #expect(index.text.contains("5. workshop · torsdag den 15. juni 2017"), "the series' word for its meetings")
    for file in ["handout.xhtml", "facilitator.xhtml", "followup.xhtml", "slides.xhtml", "2013-04-18.ics"] {
      #expect(links.contains("civilsamfundet/2013-04-18/" + file))
    }
    #expect(
      index.all("h2").map(\.text) == [
        "Civilsamfundet – Metoder til samarbejder og brugerinvolvering",
        "Co-creation Lab – Working with Citizens and Partners", "Samskabelseslaboratoriet",
      ])
    let rows = index.all("tr").map { $0.all("td").first?.text ?? "" }
    #expect(Array(rows.prefix(2)) == ["2013-04-18", "2013-06-03"])
  }

  /// A meeting whose exercises have no reference card keeps its card sheet (which says so)
  /// out of the index, also when its row comes from the manifest of a folder not built again.
  @Test func theIndexLeavesOutACardSheetWithoutCards() throws {
    let scratch = try KitScratch()
    let file = try scratch.write("programs/blandet/2024-05-01.yaml", Self.goodProgram).path
    let builder = KitBuilder(exerciseDirectory: KitRepo.exercises.path, outputDirectory: scratch.path("out").path)
    #expect(builder.build(programFiles: [file]).builtCount == 1)
    let index = try KitFiles.text(scratch.path("out/index.xhtml"))
    #expect(index.contains("blandet/2024-05-01/handout.xhtml"))
    #expect(!index.contains("/cards.xhtml\""), "only the name cards are linked")
    #expect(index.contains("namecards.xhtml"))
    #expect(try KitFiles.text(scratch.path("out/blandet/2024-05-01/cards.xhtml")).contains(Label.noCards.text(.da)))
    let again = builder.build(programFiles: [file])
    #expect(again.skippedCount == 1)
    #expect(try KitFiles.text(scratch.path("out/index.xhtml")) == index)
  }

  @Test func theIndexShowsAProgramWithErrorsWithoutLinks() throws {
    let scratch = try KitScratch()
    let files = try Self.mixedSeries(in: scratch)
    let builder = KitBuilder(exerciseDirectory: KitRepo.exercises.path, outputDirectory: scratch.path("out").path)
    _ = builder.build(programFiles: files)
    let index = try KitXML.parse(try KitFiles.text(scratch.path("out/index.xhtml")))
    let links = index.all("a").compactMap { $0["href"] }
    #expect(links.allSatisfy { $0.hasPrefix("blandet/2024-05-01/") })
    // Nine documents, less the follow-up form and tracker of a meeting without a follow-up
    // and the card sheet of one without reference cards: they only say so.
    #expect(links.count == 6)
    #expect(!links.contains { $0.contains("followup.xhtml") || $0.contains("tracker.xhtml") })
    #expect(!links.contains { $0.hasSuffix("/cards.xhtml") })
    #expect(!links.contains { $0.contains("2024-05-02") })
    // It says what to run to see the errors.
    #expect(index.all("code").map(\.text) == ["workshopkit check " + files[1]])
    let row = try #require(index.all("tr").first { $0.first("td")?.text == "2024-05-02" })
    #expect(row.first("strong")?.text == Label.notBuiltHasErrors.text(.da))
  }

  @Test func linksArePercentEncoded() {
    #expect(URIPath.encode("kursus æ/2024 01/handout.xhtml") == "kursus%20%C3%A6/2024%2001/handout.xhtml")
  }

  /// Progress is heard after each folder, with the programs done so far. Folders are built
  /// side by side, so either may finish first: a (2 programs) or b (1).
  @Test func progressIsReportedPerFolder() throws {
    let scratch = try KitScratch()
    let files = [
      try scratch.write("programs/a/2024-05-01.yaml", Self.goodProgram).path,
      try scratch.write("programs/a/2024-05-02.yaml", Self.brokenProgram).path,
      try scratch.write("programs/b/2024-05-01.yaml", Self.goodProgram).path,
    ]
    let builder = KitBuilder(exerciseDirectory: KitRepo.exercises.path, outputDirectory: scratch.path("out").path)
    var seen: [String] = []
    let report = builder.build(programFiles: files) { done, total in seen.append("\(done)/\(total)") }
    #expect(seen == ["2/3", "3/3"] || seen == ["1/3", "3/3"])
    #expect(report.builtCount == 2)
  }
}
