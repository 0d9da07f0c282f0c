import Foundation
import Testing

@testable import WorkshopKit

/// `BatchMemory.keepFreedMemory()`: the allocator takes the settings, and memory a batch
/// frees stays with the process for the next document instead of going back to the kernel.
@Suite struct BatchMemoryTests {
  @Test func freedMemoryIsKeptForTheNextAllocation() throws {
    #if os(Linux)
      // glibc took both settings (a build where the header did not see glibc called nothing).
      #expect(BatchMemory.keepFreedMemory())
      // 32 MiB in blocks below the size glibc maps on its own, written to, then freed. With
      // the default settings the heap gives its free top back to the kernel past 128 KiB
      // (or past a limit glibc raises as large blocks come and go, so this part alone
      // cannot tell); now no heap shrinks, whatever other tests allocate meanwhile.
      let blockSize = 64 << 10
      let blocks = (0..<512).map { _ in malloc(blockSize)! }
      for block in blocks { memset(block, 1, blockSize) }
      let held = BatchMemory.heapBytes
      for block in blocks.reversed() { free(block) }
      let after = BatchMemory.heapBytes
      #expect(held > 32 << 20)
      #expect(after >= held - (1 << 20), "the heaps held \(held) bytes, then \(after)")
    #endif
  }
}
