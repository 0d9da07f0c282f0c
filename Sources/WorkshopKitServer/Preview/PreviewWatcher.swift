import Foundation
import WorkshopKit

/// What the preview watches: every `.yaml` and `.yml` below its folders (programs,
/// `series.yaml`, `followups/`, `attendance/`, `evaluations/`, the exercise library), read
/// by scanning: a file counts as changed when its inode, size, modification or status-change
/// time differ, so every way editors save is seen: written in place, written to a temporary
/// file and renamed over it (a new inode), deleted and created again. A scan is made when
/// inotify reports something in a watched folder (`ChangeHints`), and every five seconds all
/// the same; without inotify, at every poll.
public struct PreviewWatcher: Sendable {
  /// What one file looked like at a scan.
  public struct Stamp: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Int64
    var changed: Int64

    init(_ status: stat) {
      device = UInt64(status.st_dev)
      inode = UInt64(status.st_ino)
      size = Int64(status.st_size)
      #if os(Linux)
        modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        changed = Int64(status.st_ctim.tv_sec) * 1_000_000_000 + Int64(status.st_ctim.tv_nsec)
      #else
        modified = Int64(status.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(status.st_mtimespec.tv_nsec)
        changed = Int64(status.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(status.st_ctimespec.tv_nsec)
      #endif
    }
  }

  /// Path → stamp of every watched file at one moment.
  public typealias Snapshot = [String: Stamp]

  /// Files or folders to watch; a folder is watched with everything below it.
  public let roots: [String]
  /// A folder never looked into (the output folder, when it lies below a root).
  public let skipped: String?
  let hints = ChangeHints()

  public init(roots: [String], skipping skipped: String? = nil) {
    var seen = Set<String>()
    self.roots = roots.map(Self.standardized).filter { seen.insert($0).inserted }
    self.skipped = skipped.map(Self.standardized)
  }

  static func standardized(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
  }

  /// Every watched file now. Hidden files and folders (`.git`, an editor's `.swp`) are not
  /// read, nor files of other kinds (an editor's `file.yaml~` backup or `4913` probe). The
  /// folders it visits are watched for the next change.
  public func scan() -> Snapshot {
    var snapshot: Snapshot = [:]
    var folders: [String] = []
    for root in roots { visit(root, into: &snapshot, folders: &folders, isRoot: true) }
    hints.watch(folders)
    return snapshot
  }

  private func visit(_ path: String, into snapshot: inout Snapshot, folders: inout [String], isRoot: Bool) {
    var status = stat()
    guard stat(path, &status) == 0, path != skipped else {
      // A root that is not there yet: its folder tells when it comes.
      if isRoot { folders.append(PathText.folder(of: path)) }
      return
    }
    switch status.st_mode & S_IFMT {
    case S_IFDIR:
      folders.append(path)
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
      for name in names where !name.hasPrefix(".") {
        visit(path + "/" + name, into: &snapshot, folders: &folders, isRoot: false)
      }
    case S_IFREG:
      guard isRoot || ProgramDiscovery.extensions.contains(where: path.hasSuffix) else { return }
      if isRoot { folders.append(PathText.folder(of: path)) }
      snapshot[path] = Stamp(status)
    default:
      return
    }
  }

  /// The files added, changed or removed between two snapshots, sorted.
  public static func changes(from old: Snapshot, to new: Snapshot) -> [String] {
    var paths = Set<String>()
    for (path, stamp) in new where old[path] != stamp { paths.insert(path) }
    for path in old.keys where new[path] == nil { paths.insert(path) }
    return paths.sorted()
  }

  /// How long to wait for a burst of writes to end, and for a file that vanished to come back.
  public struct Timing: Sendable {
    /// Between two looks for a change; without inotify, five times as long as a scan takes
    /// when that is longer (a large tree), so scanning takes at most a sixth of a core.
    public var poll: Duration = .milliseconds(20)
    /// A change is built once a scan this long after it sees nothing new.
    public var settle: Duration = .milliseconds(20)
    /// A file that vanished is waited for this long (an editor that deletes and creates it
    /// again, or renames the old one away first), so it is not built as a deleted program.
    public var vanished: Duration = .milliseconds(300)
    /// A file that never stops changing is built after this long all the same.
    public var longest: Duration = .seconds(2)
    /// Everything is scanned this often even when inotify reports nothing (a change it
    /// cannot see, on a network file system).
    public var everything: Duration = .seconds(5)

    public init() {}
  }

  /// Waits from `current` for the next change and for it to settle: one save, however an
  /// editor writes it, is one change. Returns the snapshot to build from and what changed,
  /// or nil when the task is cancelled.
  public func nextChange(after current: Snapshot, timing: Timing = Timing()) async -> (Snapshot, [String])? {
    let clock = ContinuousClock()
    while true {
      var latest: Snapshot
      var pause = timing.poll
      var scanned = clock.now
      repeat {
        do { try await Task.sleep(for: pause) } catch { return nil }
        guard hints.somethingHappened() || clock.now - scanned >= timing.everything else { continue }
        let began = clock.now
        latest = scan()
        scanned = clock.now
        pause = hints.active ? timing.poll : max(timing.poll, (scanned - began) * 5)
        if latest != current { break }
      } while true
      let started = clock.now
      while true {
        do { try await Task.sleep(for: timing.settle) } catch { return nil }
        let again = scan()
        let waited = clock.now - started
        let missing = current.keys.contains { again[$0] == nil }
        let settled = again == latest && (!missing || waited >= timing.vanished)
        latest = again
        if settled || waited >= timing.longest { break }
      }
      let changed = Self.changes(from: current, to: latest)
      if !changed.isEmpty { return (latest, changed) }
    }
  }
}
