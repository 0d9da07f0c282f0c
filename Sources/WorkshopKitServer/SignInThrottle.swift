import Foundation

/// Failed facilitator sign-ins per client: the first few are answered at once, each one
/// after that a little later (`slowDown`, doubling, at most 8 times), and after
/// `lockoutAfter` in a row the client is refused for `lockout` whatever it sends. A
/// sign-in that succeeds clears the client's count; a count with no failure for
/// `lockout` is forgotten.
public struct SignInThrottle: Sendable {
  public var freeFailures = 3
  public var slowDown: Duration = .milliseconds(500)
  public var lockoutAfter = 10
  public var lockout: Duration = .seconds(15 * 60)
  /// Clients remembered at most; the longest quiet are forgotten first.
  public var maxClients = 10_000

  public init() {}
}

/// The throttle's memory, shared by every request.
final class FailedSignIns: @unchecked Sendable {
  enum Verdict: Equatable {
    /// Check the key.
    case allowed
    /// Refuse without checking: locked out for this long still.
    case lockedOut(Duration)
  }

  struct Record {
    var failures: Int
    var last: ContinuousClock.Instant
  }

  let throttle: SignInThrottle
  private let lock = NSLock()
  private var records: [String: Record] = [:]

  init(_ throttle: SignInThrottle) {
    self.throttle = throttle
  }

  func verdict(for client: String, now: ContinuousClock.Instant = .now) -> Verdict {
    lock.withLock {
      guard let record = records[client], record.failures >= throttle.lockoutAfter else { return .allowed }
      let left = record.last + throttle.lockout - now
      return left > .zero ? .lockedOut(left) : .allowed
    }
  }

  /// Counts a failure; returns the count and how long to wait before answering.
  func failed(_ client: String, now: ContinuousClock.Instant = .now) -> (failures: Int, delay: Duration) {
    lock.withLock {
      var record = records[client] ?? Record(failures: 0, last: now)
      if now - record.last > throttle.lockout { record.failures = 0 }
      record.failures += 1
      record.last = now
      records[client] = record
      if records.count > throttle.maxClients { forgetQuietest() }
      let beyond = record.failures - throttle.freeFailures
      guard beyond > 0 else { return (record.failures, .zero) }
      return (record.failures, throttle.slowDown * (1 << min(beyond - 1, 3)))
    }
  }

  func succeeded(_ client: String) {
    _ = lock.withLock { records.removeValue(forKey: client) }
  }

  private func forgetQuietest() {
    let quietest = records.sorted { $0.value.last < $1.value.last }.prefix(records.count / 10 + 1)
    for (client, _) in quietest { records[client] = nil }
  }
}
