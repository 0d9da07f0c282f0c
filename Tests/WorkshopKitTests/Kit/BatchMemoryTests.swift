import Foundation
import Testing

@testable import WorkshopKit

/// `BatchMemory.keepFreedMemory()`: the allocator takes the settings, and memory a batch
/// frees stays with the process for the next document instead of going back to the kernel.
@Suite struct BatchMemoryTests {
  @Test func freedMemoryIsKeptForTheNextAllocation() throws {
    #if os(Linux)
      #expect(BatchMemory.keepFreedMemory())
      // 32 MiB in blocks below the size glibc maps on its own, written to, then freed: with
      // the default settings the heap's free top would go back to the kernel at 128 KiB.
      let blockSize = 64 << 10
      let blocks = (0..<512).map { _ in malloc(blockSize)! }
      for block in blocks { memset(block, 1, blockSize) }
      let before = BatchMemory.freeHeapBytes
      for block in blocks { free(block) }
      let after = BatchMemory.freeHeapBytes
      // Other tests allocate meanwhile; most of the 32 MiB must still be held.
      #expect(after - before >= 24 << 20, "freed memory held: \(before) bytes before, \(after) after")
    #endif
  }
}
