import Foundation

/// How a store waits for another process's write lock (`links`, a backup, the sqlite3
/// shell): SQLite calls `shouldRetry(afterTries:)` while the lock is held, and the store
/// says when a write went through or gave up.
///
/// A write waits up to `timeout`. Once a wait has run out, the writes queued behind it try
/// for only a moment until one goes through: saves arriving while the database stays
/// locked are refused one after the other at once, instead of each waiting the whole
/// timeout in turn behind the single writer connection.
final class LockWait: @unchecked Sendable {
  /// Seconds between two tries.
  static let pause = 0.005
  /// How long a write tries once a wait has run out.
  static let moment = 0.05

  let timeout: TimeInterval
  private let lock = NSLock()
  private var stillLocked = false

  init(timeout: TimeInterval) {
    self.timeout = timeout
  }

  /// Whether to try again after `tries` tries; sleeps a pause first when so.
  func shouldRetry(afterTries tries: Int) -> Bool {
    let limit = lock.withLock { stillLocked } ? min(Self.moment, timeout) : timeout
    guard Double(tries) * Self.pause < limit else { return false }
    Thread.sleep(forTimeInterval: Self.pause)
    return true
  }

  func wrote() { lock.withLock { stillLocked = false } }

  func gaveUp() { lock.withLock { stillLocked = true } }
}
