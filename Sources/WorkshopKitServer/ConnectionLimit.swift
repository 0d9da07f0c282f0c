#if canImport(Glibc)
  import Glibc

  private let openFiles = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
#elseif canImport(Darwin)
  import Darwin

  private let openFiles = RLIMIT_NOFILE
#endif

/// How many connections the server may hold open: its descriptor limit less what the
/// database, the program files and the listening socket need. Beyond that the server stops
/// accepting (new connections wait in the backlog) instead of failing `accept` in a loop.
public enum ConnectionLimit {
  /// Descriptors kept for everything but connections.
  static let reserve = 64

  public static func fromDescriptorLimit() -> Int {
    max(16, Int(descriptorLimit().soft) - reserve)
  }

  /// The process's descriptor limits (`ulimit -n` and `ulimit -Hn`).
  public static func descriptorLimit() -> (soft: UInt64, hard: UInt64) {
    var limit = rlimit()
    guard getrlimit(openFiles, &limit) == 0 else { return (1024, 1024) }
    return (UInt64(limit.rlim_cur), UInt64(limit.rlim_max))
  }

  /// Raises the soft descriptor limit towards the hard one (at most `wanted`); returns the
  /// soft limit in force afterwards.
  @discardableResult public static func raiseDescriptorLimit(to wanted: UInt64 = 65_536) -> UInt64 {
    var limit = rlimit()
    guard getrlimit(openFiles, &limit) == 0 else { return 1024 }
    let target = min(wanted, UInt64(limit.rlim_max))
    if UInt64(limit.rlim_cur) < target {
      limit.rlim_cur = rlim_t(target)
      _ = setrlimit(openFiles, &limit)
    }
    return descriptorLimit().soft
  }
}
