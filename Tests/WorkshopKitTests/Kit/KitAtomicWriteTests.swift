import Foundation
import Testing

@testable import WorkshopKit

/// Folders that refuse new entries, for "the target folder is not writable": a mode of
/// 0555 for a normal user; for root, who ignores modes, the immutable attribute.
enum KitReadOnly {
  static let chattr = ["/usr/bin/chattr", "/bin/chattr"].first { FileManager.default.isExecutableFile(atPath: $0) }

  @discardableResult
  static func lock(_ folder: URL) -> Bool {
    if getuid() != 0 { return chmod(folder.path, 0o555) == 0 }
    return run(chattr, ["+i", folder.path])
  }

  static func unlock(_ folder: URL) {
    if getuid() != 0 {
      chmod(folder.path, 0o755)
    } else {
      run(chattr, ["-i", folder.path])
    }
  }

  @discardableResult
  private static func run(_ executable: String?, _ arguments: [String]) -> Bool {
    guard let executable else { return false }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }

  /// Whether this machine can make a folder refuse a new file (not on every file system).
  static let isPossible: Bool = {
    guard let scratch = try? KitScratch() else { return false }
    guard lock(scratch.url) else { return false }
    defer { unlock(scratch.url) }
    let probe = scratch.path("probe")
    return !FileManager.default.createFile(atPath: probe.path, contents: Data("x".utf8))
  }()
}

/// `AtomicFileWriter`: whole files or none, no temporary files left behind.
@Suite struct KitAtomicWriteTests {
  /// A path splits at its last slash into the folder to create and the name the temporary
  /// file is made from, as NSString's path methods split it for the paths a build writes.
  @Test(arguments: [
    ("out/civilsamfundet/2013-04-18/handout.xhtml", "out/civilsamfundet/2013-04-18", "handout.xhtml"),
    ("/tmp/kit/index.xhtml", "/tmp/kit", "index.xhtml"), ("/index.xhtml", "/", "index.xhtml"),
    ("svar.csv", "", "svar.csv"), ("kursus æ/møde ø.ics", "kursus æ", "møde ø.ics"),
  ])
  func aPathSplitsIntoFolderAndName(_ path: String, _ folder: String, _ name: String) {
    #expect(PathText.split(path) == (folder, name))
    #expect((path as NSString).deletingLastPathComponent == folder)
    #expect((path as NSString).lastPathComponent == name)
  }

  @Test func writesTheBytesAndLeavesNoTemporaryFile() throws {
    let scratch = try KitScratch()
    var writer = AtomicFileWriter()
    let big = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
    try writer.write(big, to: scratch.path("a/b/c/big.xhtml").path)
    try writer.write(Array("small".utf8), to: scratch.path("a/b/small.ics").path)
    try writer.write([], to: scratch.path("a/empty").path)
    kitExpectSameBytes(big, try KitFiles.bytes(scratch.path("a/b/c/big.xhtml")), "big.xhtml")
    #expect(try KitFiles.text(scratch.path("a/b/small.ics")) == "small")
    #expect(try KitFiles.bytes(scratch.path("a/empty")).isEmpty)
    #expect(scratch.files() == ["a/b/c/big.xhtml", "a/b/small.ics", "a/empty"])
  }

  @Test func replacesAPreviousFileWhole() throws {
    let scratch = try KitScratch()
    let path = scratch.path("handout.xhtml").path
    var writer = AtomicFileWriter()
    try writer.write([UInt8](repeating: UInt8(ascii: "o"), count: 100_000), to: path)
    try writer.write(Array("new".utf8), to: path)
    #expect(try KitFiles.text(scratch.path("handout.xhtml")) == "new")
    try writer.write(Array("newer".utf8), to: path)
    #expect(try KitFiles.text(scratch.path("handout.xhtml")) == "newer")
    #expect(scratch.files() == ["handout.xhtml"])
  }

  /// A write that fails after the temporary file is written (the rename, here onto a
  /// folder) removes the temporary file and touches nothing else.
  @Test func aFailedRenameLeavesNoTemporaryFile() throws {
    let scratch = try KitScratch()
    try scratch.write("kit/handout.xhtml", "previous")
    try scratch.write("kit/facilitator.xhtml/keep", "a folder where the file should go")
    var writer = AtomicFileWriter()
    #expect(throws: AtomicFileWriter.WriteError.self) {
      try writer.write(Array("new".utf8), to: scratch.path("kit/facilitator.xhtml").path)
    }
    #expect(try KitFiles.text(scratch.path("kit/handout.xhtml")) == "previous")
    #expect(scratch.files() == ["kit/facilitator.xhtml/keep", "kit/handout.xhtml"])
    #expect(KitFiles.leftovers(scratch.url).isEmpty)
  }

  @Test func aFolderThatCannotBeCreatedIsAnError() throws {
    let scratch = try KitScratch()
    try scratch.write("output", "a file, not a folder")
    var writer = AtomicFileWriter()
    do {
      try writer.write(Array("x".utf8), to: scratch.path("output/series/handout.xhtml").path)
      Issue.record("the write should have failed")
    } catch {
      #expect(error.description.contains("cannot write"))
      #expect(error.path.hasSuffix("output/series/handout.xhtml"))
    }
    #expect(try KitFiles.text(scratch.path("output")) == "a file, not a folder")
    #expect(scratch.files() == ["output"])
  }

  /// Folders are made with plain `mkdir`, the missing ones above first; the writer knows
  /// which it created, and a file where a folder should be is an error at every depth.
  @Test func foldersAreMadeAndToldApartFromFoundOnes() throws {
    let scratch = try KitScratch()
    #expect(AtomicFileWriter.makeFolder(scratch.path("a/b/c").path) == true)
    #expect(AtomicFileWriter.makeFolder(scratch.path("a/b/c").path) == false)
    #expect(AtomicFileWriter.makeFolder(scratch.path("a/b").path) == false)
    #expect(AtomicFileWriter.makeFolder(scratch.path("a/b/d").path) == true)
    #expect(AtomicFileWriter.makeFolder("/") == false)
    try scratch.write("a/file", "x")
    #expect(AtomicFileWriter.makeFolder(scratch.path("a/file").path) == nil)
    #expect(AtomicFileWriter.makeFolder(scratch.path("a/file/e/f").path) == nil)
    #expect(scratch.files() == ["a/file"])
  }

  /// In a folder it did not create, `writeIfChanged` leaves a file with the same bytes as it
  /// is; in one it created, it writes without opening anything first.
  @Test func unchangedFilesAreLeftAndNewFoldersWritten() throws {
    let scratch = try KitScratch()
    var first = AtomicFileWriter()
    #expect(try first.writeIfChanged(Array("one".utf8), to: scratch.path("new/a.xhtml").path))
    #expect(try first.writeIfChanged(Array("two".utf8), to: scratch.path("new/b.xhtml").path))
    var second = AtomicFileWriter()
    #expect(try !second.writeIfChanged(Array("one".utf8), to: scratch.path("new/a.xhtml").path))
    #expect(try second.writeIfChanged(Array("three".utf8), to: scratch.path("new/b.xhtml").path))
    #expect(try KitFiles.text(scratch.path("new/a.xhtml")) == "one")
    #expect(try KitFiles.text(scratch.path("new/b.xhtml")) == "three")
    #expect(KitFiles.leftovers(scratch.url).isEmpty)
  }

  @Test(.enabled(if: KitReadOnly.isPossible, "this machine cannot make a folder refuse writes"))
  func anUnwritableFolderLeavesThePreviousFileUntouched() throws {
    let scratch = try KitScratch()
    let folder = scratch.path("kit")
    try scratch.write("kit/handout.xhtml", "previous, complete")
    #expect(KitReadOnly.lock(folder))
    // Unlock before the scratch folder is removed.
    defer { withExtendedLifetime(scratch) { KitReadOnly.unlock(folder) } }
    var writer = AtomicFileWriter()
    #expect(throws: AtomicFileWriter.WriteError.self) {
      try writer.write(Array("new".utf8), to: folder.appendingPathComponent("handout.xhtml").path)
    }
    #expect(throws: AtomicFileWriter.WriteError.self) {
      try writer.write(Array("new".utf8), to: folder.appendingPathComponent("followup.xhtml").path)
    }
    #expect(try KitFiles.text(folder.appendingPathComponent("handout.xhtml")) == "previous, complete")
    #expect(scratch.files() == ["kit/handout.xhtml"])
  }

  /// A rebuild into a folder that has become unwritable fails for that program, reports it,
  /// and leaves the previous build's files whole.
  @Test(.enabled(if: KitReadOnly.isPossible, "this machine cannot make a folder refuse writes"))
  func aRebuildIntoAnUnwritableFolderKeepsThePreviousKit() throws {
    let scratch = try KitScratch()
    let first = KitSamples.build([KitSamples.april, KitSamples.june], into: scratch.url)
    #expect(first.builtCount == 2)
    let folder = scratch.path(KitSamples.folder(KitSamples.april))
    // The index is rewritten on purpose (the meeting is now listed as not built).
    // So is the build's manifest, which records the failure.
    let kitFiles = scratch.files().filter { $0 != "index.xhtml" && $0 != BuildManifest.fileName }
    let before = try kitFiles.map { try KitFiles.bytes(scratch.path($0)) }
    #expect(KitReadOnly.lock(folder))
    // Unlock before the scratch folder is removed.
    defer { withExtendedLifetime(scratch) { KitReadOnly.unlock(folder) } }
    // Nothing changed, so only a clean build tries to write (an incremental one skips both).
    let builder = KitBuilder(
      exerciseDirectory: KitRepo.exercises.path, outputDirectory: scratch.url.path, clean: true)
    let second = builder.build(programFiles: [KitSamples.april, KitSamples.june].map { KitRepo.program($0).path })
    #expect(second.builtCount == 1)
    #expect(second.failedPrograms == [KitRepo.program(KitSamples.april).path])
    #expect(second.diagnostics.contains { $0.rule == .writeError && $0.message.contains("cannot write") })
    #expect(
      scratch.files().filter { $0 != "index.xhtml" && $0 != BuildManifest.fileName } == kitFiles,
      "no file added or removed")
    for (name, bytes) in zip(kitFiles, before) {
      kitExpectSameBytes(bytes, try KitFiles.bytes(scratch.path(name)), "\(name) changed")
    }
    #expect(KitFiles.leftovers(scratch.url).isEmpty)
  }

  /// An interrupted build: the second document of a program cannot be written. The first is
  /// complete, nothing half-written or temporary is left, and the other meeting is built.
  @Test func aBuildStoppedByAFailedWriteLeavesCompleteFilesOnly() throws {
    let scratch = try KitScratch()
    let folder = KitSamples.folder(KitSamples.april)
    try scratch.write(folder + "/facilitator.xhtml/blocker", "a folder where the run sheet goes")
    let report = KitSamples.build([KitSamples.april, KitSamples.june], into: scratch.url)
    #expect(report.builtCount == 1)
    #expect(report.failedPrograms == [KitRepo.program(KitSamples.april).path])
    #expect(report.diagnostics.hasErrors)
    #expect(KitFiles.leftovers(scratch.url).isEmpty)

    let check = KitSamples.check(KitSamples.april)
    var input = KitInput(schedule: try #require(check.schedule))
    // The handout says when the next meeting starts, from its program in the batch.
    input.nextMeeting = KitSamples.check(KitSamples.june).schedule
    let expected = try KitBuilder.documents(for: input)
    let handout = try KitFiles.bytes(scratch.path(folder + "/handout.xhtml"))
    kitExpectSameBytes(expected.first?.bytes ?? [], handout, "the handout written before the failure")
    _ = try KitXML.parse(Data(handout))
    #expect(scratch.files(under: folder) == ["facilitator.xhtml/blocker", "handout.xhtml"])
    #expect(scratch.files(under: KitSamples.folder(KitSamples.june)).count == 10)
    for name in scratch.files() where name.hasSuffix(".xhtml") && !name.contains("blocker") {
      _ = try KitXML.parse(Data(try KitFiles.bytes(scratch.path(name))))
    }
  }
}
