import CXMLArena
import Foundation
import Testing

@testable import WorkshopKit

/// `BatchMemory.keepFreedMemory()`: the allocator takes the settings, and memory a batch
/// frees stays with the process for the next document instead of going back to the kernel.
///
/// Measured in forked children, where no other test's thread allocates or frees meanwhile,
/// and compared with glibc's default settings, under which the same frees give memory back:
/// the test tells the settings' effect apart from chance.
@Suite struct BatchMemoryTests {
  @Test func freedMemoryIsKeptForTheNextAllocation() {
    #if os(Linux)
      // From glibc's defaults, as a build starts, so the settings alone make the difference.
      // Under 1 MiB either way, against 16 MiB under the defaults: a page or two may still
      // come and go for what the runtime allocates by itself.
      #expect(
        Self.inChild {
          Self.useDefaults() && BatchMemory.keepFreedMemory() && abs(Self.bytesGivenBackAfterFreeing()) < 1 << 20
        })
    #endif
  }

  @Test func underTheDefaultsTheSameFreesGiveMemoryBack() {
    #if os(Linux)
      // With the defaults lost, every run gives back nothing, so trying again cannot hide it.
      #expect(
        Self.inChild {
          Self.useDefaults() && (0..<3).contains { _ in Self.bytesGivenBackAfterFreeing() >= 8 << 20 }
        })
    #endif
  }

  #if os(Linux)
    /// glibc's own starting values: memory at a heap's top given back past 128 KiB, and a
    /// heap grown by what is asked only.
    static func useDefaults() -> Bool {
      workshopkit_keep_freed_memory(128 << 10, 0) == 1
    }

    /// Blocks of 64 KiB (below the size glibc maps on its own) taken until the heap they
    /// come from has grown by 16 MiB, written to, then freed from the last down but for the
    /// first: how many bytes the heaps then hold less.
    ///
    /// The child inherits the heaps the other tests' threads left, holes and all. The first
    /// blocks fill holes, wherever they are; taking blocks until the heap grows puts the last
    /// 16 MiB of them at its top, where freeing them is what gives memory back. (A fixed
    /// 16 MiB could all go into holes under memory still in use, and then gave nothing back
    /// whatever the settings.) The blocks measured all come from one heap (a thread's heaps
    /// are aligned to their 64 MiB size): when they reach a new one, those before are set
    /// aside. The first measured block stays taken, so the heap is never left empty: glibc
    /// deletes an emptied heap by a rule of its own, which would count as given back.
    static func bytesGivenBackAfterFreeing() -> Int {
      let blockSize = 64 << 10
      let growth = 16 << 20
      let heapSpan = UInt(64 << 20)
      let limit = 16_384  // 1 GiB: more than the other tests leave free
      var blocks: [UnsafeMutableRawPointer] = []
      blocks.reserveCapacity(limit)
      var below: [UnsafeMutableRawPointer] = []
      var start = BatchMemory.heapBytes
      while BatchMemory.heapBytes - start < growth, blocks.count + below.count < limit {
        let before = BatchMemory.heapBytes
        guard let block = malloc(blockSize) else { return -1 }
        memset(block, 1, blockSize)
        if let first = blocks.first, UInt(bitPattern: first) / heapSpan != UInt(bitPattern: block) / heapSpan {
          below += blocks
          blocks.removeAll(keepingCapacity: true)
          start = before
        }
        blocks.append(block)
      }
      let held = BatchMemory.heapBytes
      // By index: nothing between the two measures may allocate (a generic collection's
      // metadata, made on first use in the child, once grew the heap by 16 KiB here).
      var index = blocks.count - 1
      while index > 0 {
        free(blocks[index])
        index -= 1
      }
      let given = held - BatchMemory.heapBytes
      for block in below + blocks.prefix(1) { free(block) }
      return given
    }

    /// Runs `body` in a forked child (one thread, this one) and tells whether it returned
    /// true there. A child forked while another test's thread held the allocator's lock
    /// would wait for it forever: one that has not finished in 20 s is killed, and the run
    /// is tried again with a new child (three times at most).
    static func inChild(_ body: () -> Bool) -> Bool {
      for _ in 0..<3 {
        let child = fork()
        if child == 0 { _exit(body() ? 0 : 1) }
        guard child > 0 else { return false }
        var status: Int32 = 0
        var finished = false
        for _ in 0..<2000 {
          let reaped = waitpid(child, &status, WNOHANG)
          if reaped == child || (reaped < 0 && errno != EINTR) {
            finished = reaped == child
            break
          }
          usleep(10_000)
        }
        guard finished else {
          kill(child, SIGKILL)
          while waitpid(child, &status, 0) < 0 && errno == EINTR {}
          continue
        }
        // Exited (low seven bits 0) with status 0.
        return status & 0x7F == 0 && (status >> 8) & 0xFF == 0
      }
      return false
    }
  #endif
}
