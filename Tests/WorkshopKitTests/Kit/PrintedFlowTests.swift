import Testing

@testable import WorkshopKit

/// How a worksheet's pieces go down printed pages, and the rows its boxes get. That the
/// sample worksheets marked `one-page` print on one page is checked in Chromium
/// (`Tests/browser/print_layout.py`).
@Suite struct PrintedFlowTests {
  static let capacity = PrintedFlow.capacity

  /// A flow of 10 mm rows, no box frames: a heading of `heading` mm, then a question
  /// (10 mm of label, `gap` mm below the piece before) per box.
  static func flow(heading: Double, boxes: [(Int, Int)], gap: Double = 0) -> PrintedFlow {
    var flow = PrintedFlow(row: 10, boxFrame: 0)
    flow.add(heading)
    for (desired, minimum) in boxes {
      flow.piece(gap: gap)
      flow.add(10)
      flow.box(desired: desired, minimum: minimum)
    }
    return flow
  }

  @Test func aPieceThatDoesNotFitMovesWholeToTheNextPageWithoutItsMargin() {
    // 3 questions of 80 mm under a 50 mm heading: two share the first page.
    let flow = Self.flow(heading: 50, boxes: [(7, 3), (7, 3), (7, 3)], gap: 5)
    #expect(flow.pages([7, 7, 7]) == 2)
    // Exactly full: the margin above a piece counts on the page it shares.
    let exact = Self.flow(heading: Self.capacity - 25, boxes: [(1, 1)], gap: 5)
    #expect(exact.pages([1]) == 1)
    #expect(exact.pages([2]) == 2)
  }

  @Test func aPieceTallerThanAPageRunsOver() {
    let flow = Self.flow(heading: 2 * Self.capacity + 1, boxes: [])
    #expect(flow.pages([]) == 3)
  }

  @Test func boxesKeepWhatTheyAskForWhenCuttingSavesNoPage() {
    // One page with room to spare, and two pages however they are cut.
    #expect(Self.flow(heading: 50, boxes: [(5, 2), (8, 4)]).rows() == ([5, 8], 1))
    let two = Self.flow(heading: Self.capacity - 20, boxes: [(6, 3), (6, 3)])
    #expect(two.rows() == ([6, 6], 2))
  }

  @Test func aFlowThatCanFitOnePageIsCutInProportionToFillIt() {
    // 185 mm left under the heading: 3 questions of 10 mm and 15 rows of 10 mm, for 26
    // asked.
    let flow = Self.flow(heading: Self.capacity - 185, boxes: [(6, 3), (11, 5), (9, 4)])
    let (rows, pages) = flow.rows()
    #expect(pages == 1)
    #expect(rows.reduce(0, +) == 15)
    // Still in the order of the minutes they stand for.
    #expect(rows[1] > rows[2] && rows[2] >= rows[0])
    #expect(flow.pages(rows) == 1)
  }

  @Test func aLongerFlowIsCutJustEnoughToSaveAPage() {
    // 3 pages at what they ask for (a heading filling most of the first), 2 if cut.
    let flow = Self.flow(heading: Self.capacity - 60, boxes: [(15, 7), (8, 4), (8, 4)])
    #expect(flow.pages([15, 8, 8]) == 3)
    let (rows, pages) = flow.rows()
    #expect(pages == 2)
    #expect(flow.pages(rows) == 2)
    #expect(zip(rows, [15, 8, 8]).allSatisfy { $0 < $1 && $0 * 2 >= $1 })
    // The least cut that saves the page: a row more on each box loses it.
    #expect(flow.pages(rows.map { $0 + 1 }) == 3)
  }

  @Test func rowsAreSharedInProportionAboveEachMinimum() {
    let boxes = [(6, 3), (11, 5), (9, 4)].map { PrintedFlow.Box(desired: $0, minimum: $1) }
    // 17 of 26: 3.9, 7.2, 5.9; the rows left over go to the largest remainders.
    #expect(PrintedFlow.inProportion(boxes, available: 17) == [4, 7, 6])
    // A box the proportion would take under its minimum is held at it.
    let held = [(10, 2), (2, 2)].map { PrintedFlow.Box(desired: $0, minimum: $1) }
    #expect(PrintedFlow.inProportion(held, available: 6) == [4, 2])
    // Of equal remainders, the box higher on the page gets the row.
    let alike = [(4, 2), (4, 2), (5, 2)].map { PrintedFlow.Box(desired: $0, minimum: $1) }
    #expect(PrintedFlow.inProportion(alike, available: 8) == [3, 2, 3])
  }
}
