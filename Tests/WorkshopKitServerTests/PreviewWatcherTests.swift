import Foundation
import Testing

@testable import WorkshopKitServer

/// The preview's watcher sees a save however an editor makes it, once per save.
@Suite(.timeLimit(.minutes(1))) struct PreviewWatcherTests {
  let folder: URL
  let watcher: PreviewWatcher
  let timing: PreviewWatcher.Timing = {
    var timing = PreviewWatcher.Timing()
    timing.poll = .milliseconds(10)
    timing.settle = .milliseconds(30)
    timing.vanished = .milliseconds(400)
    return timing
  }()

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("workshopkit-watch-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("programs/kursus/followups"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("exercises"), withIntermediateDirectories: true)
    for file in ["programs/kursus/a.yaml", "programs/kursus/series.yaml", "exercises/x.yaml"] {
      try "title: one\n".write(to: folder.appendingPathComponent(file), atomically: false, encoding: .utf8)
    }
    watcher = PreviewWatcher(
      roots: [folder.appendingPathComponent("programs").path, folder.appendingPathComponent("exercises").path])
  }

  func path(_ relative: String) -> String { folder.appendingPathComponent(relative).path }

  /// The next change, run beside `save`; nil if none within `seconds`.
  func change(within seconds: Double = 5, after save: @escaping @Sendable () async throws -> Void) async throws
    -> [String]?
  {
    let before = watcher.scan()
    let watcher = self.watcher
    let timing = self.timing
    return try await withThrowingTaskGroup(of: [String]?.self) { group in
      group.addTask { await watcher.nextChange(after: before, timing: timing)?.1 }
      group.addTask {
        try? await Task.sleep(for: .seconds(seconds))
        return nil
      }
      try await save()
      let first = try await group.next() ?? nil
      group.cancelAll()
      return first
    }
  }

  @Test func everyWayOfSavingIsSeen() async throws {
    let file = path("programs/kursus/a.yaml")
    // Written in place, the same length: the times tell.
    #expect(try await change { try "title: two\n".write(toFile: file, atomically: false, encoding: .utf8) } == [file])
    // Written to a temporary file and renamed over it: a new inode.
    #expect(
      try await change {
        try "title: six\n".write(toFile: file + ".tmp", atomically: false, encoding: .utf8)
        rename(file + ".tmp", file)
      } == [file])
    // Deleted, then created again a moment later: one change to the file, not a deletion.
    #expect(
      try await change {
        unlink(file)
        try await Task.sleep(for: .milliseconds(100))
        try "title: ten\n".write(toFile: file, atomically: false, encoding: .utf8)
      } == [file])
    #expect(watcher.scan()[file] != nil)
    // Moved away first and a new file written (vim's backup).
    #expect(
      try await change {
        rename(file, file + "~")
        try "title: 123\n".write(toFile: file, atomically: false, encoding: .utf8)
        unlink(file + "~")
      } == [file])
    // series.yaml, a record, an exercise, a new folder of programs.
    for other in ["programs/kursus/series.yaml", "exercises/x.yaml"] {
      #expect(
        try await change { try "title: 3\n".write(toFile: path(other), atomically: false, encoding: .utf8) } == [
          path(other)
        ])
    }
    let record = path("programs/kursus/followups/a.yaml")
    #expect(
      try await change { try "answers: []\n".write(toFile: record, atomically: false, encoding: .utf8) } == [record])
    let new = path("programs/ny/b.yml")
    #expect(
      try await change {
        try FileManager.default.createDirectory(atPath: path("programs/ny"), withIntermediateDirectories: true)
        try "title: b\n".write(toFile: new, atomically: false, encoding: .utf8)
      } == [new])
    // A deletion is a change once the file stays away.
    #expect(try await change { unlink(new) } == [new])
  }

  #if os(Linux)
    /// An idle watcher reads one descriptor per poll instead of scanning every file.
    @Test func inotifySaysWhenToScan() throws {
      let hints = ChangeHints()
      #expect(hints.somethingHappened(), "nothing watched yet: scan")
      hints.watch([path("programs/kursus")])
      #expect(!hints.somethingHappened())
      try "title: x\n".write(toFile: path("programs/kursus/a.yaml"), atomically: false, encoding: .utf8)
      #expect(hints.somethingHappened())
      #expect(!hints.somethingHappened())
      rename(path("programs/kursus/a.yaml"), path("programs/kursus/b.yaml"))
      #expect(hints.somethingHappened())
    }
  #endif

  @Test func anEditorsOtherFilesAreNotChanges() async throws {
    let saved = try await change(within: 0.5) {
      for name in [".a.yaml.swp", "a.yaml~", "4913", "#a.yaml#", ".#a.yaml"] {
        try "x".write(toFile: path("programs/kursus/\(name)"), atomically: false, encoding: .utf8)
      }
    }
    #expect(saved == nil)
  }

  @Test func aBurstOfWritesIsOneChange() async throws {
    let file = path("programs/kursus/a.yaml")
    let before = watcher.scan()
    var patient = timing
    patient.settle = .milliseconds(150)
    // Twenty writes, a millisecond apart, from a thread of their own.
    let writer = Thread {
      for round in 0..<20 {
        try? "title: \(round)\n".write(toFile: file, atomically: false, encoding: .utf8)
        usleep(1000)
      }
    }
    writer.start()
    let (snapshot, changed) = try require(await watcher.nextChange(after: before, timing: patient))
    while writer.isExecuting { try await Task.sleep(for: .milliseconds(10)) }
    #expect(changed == [file])
    // What the build reads is the last write: nothing came after the settled snapshot.
    #expect(snapshot == watcher.scan())
  }
}
