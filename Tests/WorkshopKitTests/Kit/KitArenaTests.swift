import Foundation
import Synchronization
import Testing

@testable import WorkshopKit

/// `XHTMLDocument.rendered(_:)` builds a document with libxml2's memory taken from an arena
/// of the thread: the bytes are those of the document built on the heap, for every kind of
/// document, on many threads at once, around documents that live on the heap, and for a
/// document larger than one of the arena's chunks.
@Suite struct KitArenaTests {
  static let renderers: [(name: String, render: @Sendable (KitInput) -> XHTMLDocument)] = [
    ("handout", Handout.render), ("facilitator", RunSheet.render), ("followup", FollowUpForm.render),
    ("tracker", FollowUpTracker.render), ("attendance", AttendanceSheet.render), ("namecards", NameCards.render),
    ("cards", CardSheet.render), ("slides", Slides.render), ("evaluation", EvaluationForm.render),
  ]

  static func inputs() throws -> [KitInput] {
    let checker = Checker(exerciseDirectory: KitRepo.exercises.path)
    return try KitSamples.allProgramFiles().compactMap { checker.check(programAt: $0).schedule }
      .map { KitInput(schedule: $0) }
  }

  @Test func everyDocumentOfEverySampleIsTheSameInTheArena() throws {
    let inputs = try Self.inputs()
    #expect(inputs.count >= 4)
    for input in inputs {
      for (name, render) in Self.renderers {
        let onTheHeap = try render(input).serialized()
        let inTheArena = try XHTMLDocument.rendered { render(input) }
        kitExpectSameBytes(onTheHeap, inTheArena, "\(input.program.id) \(name)")
        // The tree and the output buffer came from the arena, not from malloc.
        #expect(XHTMLDocument.arenaBytesUsed > inTheArena.count, "\(input.program.id) \(name)")
      }
    }
  }

  @Test func documentsOnManyThreadsAtOnceAreTheSame() throws {
    let input = KitInput(schedule: try #require(KitSamples.check(KitSamples.april).schedule))
    let expected = try Self.renderers.map { try $0.render(input).serialized() }
    let differing = Mutex(0)
    DispatchQueue.concurrentPerform(iterations: 48) { round in
      for (index, renderer) in Self.renderers.enumerated() {
        // Heap documents in between, on the same threads, must not disturb the arena's.
        let bytes =
          round.isMultiple(of: 3)
          ? try? renderer.render(input).serialized() : try? XHTMLDocument.rendered { renderer.render(input) }
        if bytes != expected[index] { differing.withLock { $0 += 1 } }
      }
    }
    #expect(differing.withLock { $0 } == 0)
  }

  /// A document built on the heap, changed after other documents were rendered in an
  /// arena, keeps its nodes: the arena's scope does not touch memory it did not hand out.
  @Test func aDocumentOnTheHeapOutlivesArenaScopes() throws {
    func fill(_ document: XHTMLDocument, from: Int, to: Int) {
      for number in from..<to {
        document.body.element("p", ["class": "n\(number)"], text: "Afsnit \(number) – æøå")
      }
    }
    let reference = XHTMLDocument(language: "da", title: "Reference")
    fill(reference, from: 0, to: 400)
    let heap = XHTMLDocument(language: "da", title: "Reference")
    fill(heap, from: 0, to: 200)
    let input = KitInput(schedule: try #require(KitSamples.check(KitSamples.english).schedule))
    for _ in 0..<3 { _ = try XHTMLDocument.rendered { Slides.render(input) } }
    fill(heap, from: 200, to: 400)
    kitExpectSameBytes(try reference.serialized(), try heap.serialized(), "heap document")
  }

  /// A document rendered while another is rendered shares the outer scope's arena.
  @Test func aDocumentRenderedInsideAnotherIsTheSame() throws {
    let input = KitInput(schedule: try #require(KitSamples.check(KitSamples.april).schedule))
    var inner: [UInt8] = []
    let outer = try XHTMLDocument.rendered {
      inner = (try? XHTMLDocument.rendered { Handout.render(input) }) ?? []
      return RunSheet.render(input)
    }
    kitExpectSameBytes(try Handout.render(input).serialized(), inner, "inner")
    kitExpectSameBytes(try RunSheet.render(input).serialized(), outer, "outer")
  }

  /// Blocks larger than a chunk (a 1 MB text) and a tree spread over many chunks.
  @Test func aDocumentLargerThanAChunkIsTheSame() throws {
    let long = String(repeating: "Tekst med æ, ø og å & <tegn>. ", count: 40_000)
    func build() -> XHTMLDocument {
      let document = XHTMLDocument(language: "da", title: "Stor")
      document.body.element("p", text: long)
      let list = document.body.element("ul")
      for number in 0..<20_000 { list.element("li", ["id": "i\(number)"], text: "Punkt \(number)") }
      return document
    }
    let inTheArena = try XHTMLDocument.rendered(build)
    #expect(XHTMLDocument.arenaBytesUsed > 2 * long.utf8.count)
    kitExpectSameBytes(try build().serialized(), inTheArena, "large document")
  }
}
