import CXMLArena

/// How a batch command (`build`, `check`) asks the C allocator to keep its memory.
///
/// A build allocates and frees the same few megabytes for every document. By default glibc
/// gives freed memory at the top of a heap back to the kernel once 128 KiB are free, and
/// takes it back for the next document: in a build of 1,000 programs, about 1,000 `brk`
/// calls and 15,000 page faults, each page zeroed again by the kernel. Keeping up to
/// 256 MiB of freed memory and growing a heap 16 MiB at a time removes most of them. The
/// peak stays what the build writes to: reserved pages never written take no memory. A
/// long-running process (the server, preview) keeps the defaults.
public enum BatchMemory {
  /// Freed memory up to this much is kept for the next allocation instead of returned.
  static let keptFreeBytes: Int32 = 256 << 20
  /// How much more than asked a heap grows by when it must grow.
  static let growthBytes: Int32 = 16 << 20

  /// Call once, before the batch starts. Returns whether the allocator took the settings
  /// (false without glibc, where it does nothing).
  @discardableResult
  public static func keepFreedMemory() -> Bool {
    workshopkit_keep_freed_memory(keptFreeBytes, growthBytes) == 1
  }

  /// Bytes the allocator has taken from the kernel for its heaps, for tests (0 without glibc).
  static var heapBytes: Int { Int(workshopkit_heap_bytes()) }
}
