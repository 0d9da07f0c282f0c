/// How a printed follow-up form shares its A4 page: the height, in millimetres, of each part
/// of the form as the stylesheet prints it (10.5 pt serif on A4 less the `@page` margins),
/// and then the rows of ruled writing space each answer box gets, so that every form fills
/// one page and nothing of it spills onto the next.
///
/// The figures were measured in Chromium with the print stylesheet; line counts err on the
/// long side (words wrap before a line is full) and `slack` absorbs what is left.
struct PrintedFormSpace {
  /// One answer box: the rows it would like and the fewest it can do with.
  struct Box: Equatable {
    var desired: Int
    var minimum: Int
  }

  /// A4's 297 mm less the 18 mm and 20 mm page margins.
  static let pageHeight = 259.0
  static let slack = 6.0
  /// A ruled row of a text area (its `line-height`), and what its padding and border add.
  static let row = 7.5
  static let boxFrame = 2.8

  private(set) var used = 0.0
  private(set) var boxes: [Box] = []

  /// Room taken by something of a known height.
  mutating func add(_ millimetres: Double) { used += millimetres }

  /// A paragraph of `text`, `perLine` characters to its line of `lineHeight` mm.
  mutating func text(_ text: String, perLine: Int, lineHeight: Double = 5.4, margins: Double = 0) {
    used += Double(LineFill.lines(text, perLine: perLine)) * lineHeight + margins
  }

  /// A question's label: bold, with its top margin.
  mutating func label(_ text: String) { self.text(text, perLine: 76, margins: 2.6) }

  /// A text area.
  mutating func box(desired: Int, minimum: Int) {
    used += Self.boxFrame
    boxes.append(Box(desired: desired, minimum: minimum))
  }

  /// The rows of each box: what they would like, cut (largest first, of equals the lowest
  /// on the form; never under a box's minimum) until the form fits the page, or grown
  /// (least grown for what it would like first, of equals the highest on the form; up to
  /// twice what each would like) until it fills it.
  func rows() -> [Int] {
    let room = Self.pageHeight - Self.slack - used
    let available = max(0, Int((room / Self.row).rounded(.down)))
    var rows = boxes.map(\.desired)
    var total = rows.reduce(0, +)
    while total > available {
      let cuttable = rows.indices.filter { rows[$0] > boxes[$0].minimum }
      guard let largest = cuttable.max(by: { (rows[$0], $0) < (rows[$1], $1) }) else { break }
      rows[largest] -= 1
      total -= 1
    }
    while total < available {
      let growable = rows.indices.filter { rows[$0] < 2 * boxes[$0].desired }
      guard
        let least = growable.min(by: {
          (rows[$0] * boxes[$1].desired, $0) < (rows[$1] * boxes[$0].desired, $1)
        })
      else { break }
      rows[least] += 1
      total += 1
    }
    return rows
  }
}
