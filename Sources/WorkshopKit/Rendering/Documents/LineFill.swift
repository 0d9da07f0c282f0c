/// Words of so many characters set one after another in lines of `perLine` characters,
/// a space between two words on a line; a word longer than a line is broken.
struct LineFill {
  let perLine: Int
  private(set) var lines = 1
  private var used = 0

  init(perLine: Int) { self.perLine = perLine }

  /// The lines `text` takes when its words wrap at `perLine` characters.
  static func lines(_ text: String, perLine: Int) -> Int {
    var fill = LineFill(perLine: perLine)
    for word in text.split(separator: " ") { fill.place(word.count) }
    return fill.lines
  }

  mutating func place(_ word: Int) {
    if used == 0 {
      used = word
    } else if used + 1 + word <= perLine {
      used += 1 + word
    } else {
      lines += 1
      used = word
    }
    while used > perLine {
      lines += 1
      used -= perLine
    }
  }
}
