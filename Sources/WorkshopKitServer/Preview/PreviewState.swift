import Foundation
import WorkshopKit

/// The last finished build, which every served page shows, and the pages listening for the
/// next one (`/_preview/events`).
public final class PreviewState: @unchecked Sendable {
  /// One finished build: its number, what the pages are told, and its findings.
  public struct Build: Sendable {
    public var number: Int
    /// `<number>-<this run>`: a page served by an earlier run of the preview reloads too.
    public var token: String
    public var findings: PreviewFindings
  }

  /// What a listening page hears.
  enum Event: Sendable {
    case build(String)
    /// A comment that keeps the connection open through proxies and finds closed ones.
    case ping
  }

  private struct Listeners {
    var current: Build
    var next = 0
    var continuations: [Int: AsyncStream<Event>.Continuation] = [:]
    var closed = false
  }

  private let run = String(UInt32.random(in: 0...UInt32.max), radix: 36)
  private let lock = NSLock()
  private var state: Listeners

  public init() {
    state = Listeners(current: Build(number: 0, token: "0-\(run)", findings: PreviewFindings()))
  }

  private func withState<T>(_ body: (inout Listeners) -> T) -> T {
    lock.withLock { body(&state) }
  }

  public var current: Build { withState { $0.current } }

  /// Makes `findings` the current build and tells every listening page.
  @discardableResult public func publish(_ findings: PreviewFindings) -> Build {
    withState { state in
      let number = state.current.number + 1
      state.current = Build(number: number, token: "\(number)-\(run)", findings: findings)
      for continuation in state.continuations.values { continuation.yield(.build(state.current.token)) }
      return state.current
    }
  }

  /// A page that listens: it hears the current build at once, then every next one.
  func listen() -> AsyncStream<Event> {
    let (stream, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingNewest(8))
    withState { state in
      guard !state.closed else {
        continuation.finish()
        return
      }
      let id = state.next
      state.next += 1
      continuation.yield(.build(state.current.token))
      state.continuations[id] = continuation
      continuation.onTermination = { [weak self] _ in
        _ = self?.withState { $0.continuations.removeValue(forKey: id) }
      }
    }
    return stream
  }

  func ping() {
    let all = withState { Array($0.continuations.values) }
    for continuation in all { continuation.yield(.ping) }
  }

  /// Ends every listening page's stream, so the server can stop without waiting for them.
  public func close() {
    let all = withState { state in
      state.closed = true
      let all = Array(state.continuations.values)
      state.continuations = [:]
      return all
    }
    for continuation in all { continuation.finish() }
  }

  public var listenerCount: Int { withState { $0.continuations.count } }
}
