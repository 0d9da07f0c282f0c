import Foundation

/// Tells the watcher when a scan is worth making, so an idle preview costs nothing however
/// many files it watches. On Linux an inotify descriptor watches every folder the last scan
/// visited and is read without blocking; anything it reports (or an overflow) asks for a
/// scan. The scan still decides what changed: a hint is only a hint. Where inotify cannot
/// be had (another system, the kernel's limit on watches reached) every poll scans.
final class ChangeHints: @unchecked Sendable {
  private let lock = NSLock()
  private var descriptor: Int32 = -1
  /// Whether the folders of the last scan are all watched; until then every poll scans.
  private var watching = false

  init() {
    #if os(Linux)
      descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
    #endif
  }

  deinit {
    if descriptor >= 0 { close(descriptor) }
  }

  /// Watches `folders` (those a scan just visited, and the folders of file roots). A folder
  /// already watched keeps its watch; one made again after a deletion gets a new one.
  func watch(_ folders: [String]) {
    lock.withLock {
      guard descriptor >= 0 else { return }
      #if os(Linux)
        let events =
          IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB
          | IN_DELETE_SELF | IN_MOVE_SELF
        for folder in folders where inotify_add_watch(descriptor, folder, UInt32(events)) < 0 {
          // Out of watches (or a folder gone since the scan): scan at every poll from now on.
          if errno == ENOSPC || errno == ENOMEM {
            close(descriptor)
            descriptor = -1
            watching = false
            return
          }
        }
        watching = true
      #endif
    }
  }

  /// Whether inotify watches every folder of the last scan.
  var active: Bool { lock.withLock { descriptor >= 0 && watching } }

  /// Whether to scan now: something happened in a watched folder since the last call, or
  /// nothing can tell.
  func somethingHappened() -> Bool {
    lock.withLock {
      guard descriptor >= 0, watching else { return true }
      var buffer = [UInt8](repeating: 0, count: 16_384)
      var any = false
      while true {
        let count = read(descriptor, &buffer, buffer.count)
        guard count > 0 else { break }
        any = true
      }
      return any
    }
  }
}
