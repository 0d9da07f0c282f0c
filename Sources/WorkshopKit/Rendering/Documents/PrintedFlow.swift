/// What prints down A4 pages one piece after another (a worksheet's heading, its reference
/// cards, each question with its ruled box), and the rows of writing space each box gets so
/// that it takes as few pages as it can: a box keeps the rows its time asks for unless
/// cutting saves a page, and then all are cut in the same proportion, none under its
/// minimum, so a box for ten minutes stays larger than one for five.
///
/// Heights are in millimetres as the stylesheet prints them; a piece never breaks across
/// pages (the stylesheet keeps it whole) and moves to the next page when it does not fit,
/// dropping the margin above it, as Chromium does. Line counts err on the long side and
/// `PrintedFormSpace.slack` is kept free on every page for what they miss.
struct PrintedFlow {
  struct Piece {
    /// The margin between it and the piece before it on the same page.
    var gap: Double
    /// Its height without its box's rows.
    var height: Double
    var box: Box?
  }

  typealias Box = PrintedFormSpace.Box

  /// The height a page holds.
  static let capacity = PrintedFormSpace.pageHeight - PrintedFormSpace.slack

  /// A ruled row of the boxes, and what a box adds besides its rows.
  let row: Double
  let boxFrame: Double
  private(set) var pieces: [Piece] = []

  init(row: Double, boxFrame: Double) {
    self.row = row
    self.boxFrame = boxFrame
  }

  /// Starts a piece, `gap` below the one before.
  mutating func piece(gap: Double = 0) { pieces.append(Piece(gap: gap, height: 0)) }

  /// Adds to the piece under way something of a known height.
  mutating func add(_ millimetres: Double) {
    if pieces.isEmpty { piece() }
    pieces[pieces.count - 1].height += millimetres
  }

  /// Adds a paragraph of `text`, `perLine` characters to its line of `lineHeight` mm.
  mutating func text(_ text: String, perLine: Int, lineHeight: Double = 5.4, margins: Double = 0) {
    add(Double(LineFill.lines(text, perLine: perLine)) * lineHeight + margins)
  }

  /// Ends the piece under way with a box of ruled rows.
  mutating func box(desired: Int, minimum: Int) {
    add(boxFrame)
    pieces[pieces.count - 1].box = Box(desired: desired, minimum: minimum)
  }

  var boxes: [Box] { pieces.compactMap(\.box) }

  /// The pages the pieces take when the boxes have these rows, one after another.
  func pages(_ rows: [Int]) -> Int {
    var pages = 1
    var used = 0.0
    var boxIndex = 0
    for (index, piece) in pieces.enumerated() {
      var height = piece.height
      if piece.box != nil {
        height += Double(rows[boxIndex]) * row
        boxIndex += 1
      }
      if index == 0 || used + piece.gap + height <= Self.capacity {
        used += index == 0 ? height : piece.gap + height
      } else {
        pages += 1
        used = height
      }
      // A piece taller than a page runs on over the next.
      while used > Self.capacity {
        pages += 1
        used -= Self.capacity
      }
    }
    return pages
  }

  /// The rows of each box and the pages they all take: what each box would like where
  /// cutting would not save a page; else on one page the rows that fill it, shared in
  /// proportion; on more, the rows of the smallest cut that still saves every page it can.
  func rows() -> (rows: [Int], pages: Int) {
    let boxes = boxes
    let desired = boxes.map(\.desired)
    let fewest = pages(boxes.map(\.minimum))
    guard pages(desired) > fewest else { return (desired, pages(desired)) }
    if fewest == 1 {
      let fixed = pieces.enumerated().reduce(0) { $0 + $1.element.height + ($1.offset == 0 ? 0 : $1.element.gap) }
      let available = Int(((Self.capacity - fixed) / row).rounded(.down))
      return (Self.inProportion(boxes, available: available), 1)
    }
    // From no cut down to the minimums, a hundredth at a time; the minimums themselves
    // are the last resort.
    for hundredths in stride(from: 99, through: 50, by: -1) {
      let rows = boxes.map { max($0.minimum, ($0.desired * hundredths + 50) / 100) }
      if pages(rows) == fewest { return (rows, fewest) }
    }
    return (boxes.map(\.minimum), fewest)
  }

  /// `available` rows shared between the boxes in proportion to what each would like, a
  /// box the proportion would take under its minimum held at it; the rows a proportion
  /// leaves over go to the largest remainders, of equals the one higher on the page.
  /// `available` is at least the boxes' minimums and less than what they would like.
  static func inProportion(_ boxes: [Box], available: Int) -> [Int] {
    var held = Set<Int>()
    var share = 0.0
    while true {
      let free = boxes.indices.filter { !held.contains($0) }
      let room = available - held.reduce(0) { $0 + boxes[$1].minimum }
      share = Double(room) / Double(free.reduce(0) { $0 + boxes[$1].desired })
      // Holding a box at its minimum leaves less for the rest; repeat until none is under.
      let under = free.filter { Double(boxes[$0].desired) * share < Double(boxes[$0].minimum) }
      if under.isEmpty { break }
      held.formUnion(under)
    }
    let exact = boxes.indices.map {
      held.contains($0) ? Double(boxes[$0].minimum) : Double(boxes[$0].desired) * share
    }
    var rows = exact.map { Int($0.rounded(.down)) }
    let byRemainder = boxes.indices.filter { !held.contains($0) }
      .sorted { (exact[$0] - Double(rows[$0]), -$0) > (exact[$1] - Double(rows[$1]), -$1) }
    for index in byRemainder where rows.reduce(0, +) < available { rows[index] += 1 }
    return rows
  }
}
