/// A QR code (ISO/IEC 18004) for a short text such as a personal link: byte mode, error
/// correction level M (15 % of the code may be damaged), the smallest of versions 1–10 that
/// holds it, and the mask with the lowest penalty. `modules[row][column]` is true for dark.
public struct QRCode: Sendable {
  public let version: Int
  public let mask: Int
  public let modules: [[Bool]]
  public var size: Int { modules.count }

  /// Level M: per version, the error-correction codewords of each block and the data
  /// codewords of each block (short blocks first).
  static let blocks: [(ec: Int, data: [Int])] = [
    (10, [16]), (16, [28]), (26, [44]), (18, [32, 32]), (24, [43, 43]), (16, [27, 27, 27, 27]),
    (18, [31, 31, 31, 31]), (22, [38, 38, 39, 39]), (22, [36, 36, 36, 37, 37]), (26, [43, 43, 43, 43, 44]),
  ]

  /// The centres of the alignment patterns, per version (none in version 1).
  static let alignment: [[Int]] = [
    [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
  ]

  /// The longest text in bytes a code can hold: 213 at version 10.
  public static var capacity: Int { blocks[9].data.reduce(0, +) - 3 }

  /// Nil when `text` is longer than `capacity` bytes.
  public init?(_ text: String) {
    let bytes = Array(text.utf8)
    guard
      let version = (1...10).first(where: { version in
        let countBits = version < 10 ? 8 : 16
        return 4 + countBits + bytes.count * 8 <= Self.blocks[version - 1].data.reduce(0, +) * 8
      })
    else { return nil }
    self.version = version
    let codewords = Self.codewords(bytes, version: version)
    var matrix = Matrix(version: version)
    matrix.place(codewords)
    // The mask whose code is easiest to read: the lowest penalty, the first on a tie.
    var best: (mask: Int, penalty: Int, modules: [[Bool]])?
    for mask in 0..<8 {
      var masked = matrix
      masked.apply(mask: mask)
      masked.drawFormat(mask: mask)
      let penalty = masked.penalty()
      if penalty < best?.penalty ?? .max { best = (mask, penalty, masked.modules) }
    }
    self.mask = best!.mask
    self.modules = best!.modules
  }

  /// The data in byte mode, padded, split into blocks, each followed by its Reed–Solomon
  /// codewords, interleaved as the standard orders them.
  static func codewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
    let (ecLength, dataLengths) = blocks[version - 1]
    let capacity = dataLengths.reduce(0, +)
    var bits = BitBuffer()
    bits.append(0b0100, count: 4)
    bits.append(bytes.count, count: version < 10 ? 8 : 16)
    for byte in bytes { bits.append(Int(byte), count: 8) }
    bits.append(0, count: min(4, capacity * 8 - bits.count))
    bits.append(0, count: (8 - bits.count % 8) % 8)
    var data = bits.bytes
    var pad: UInt8 = 0xEC
    while data.count < capacity {
      data.append(pad)
      pad = pad == 0xEC ? 0x11 : 0xEC
    }
    let divisor = ReedSolomon.divisor(degree: ecLength)
    var start = 0
    var dataBlocks: [[UInt8]] = []
    var ecBlocks: [[UInt8]] = []
    for length in dataLengths {
      let block = Array(data[start..<start + length])
      start += length
      dataBlocks.append(block)
      ecBlocks.append(ReedSolomon.remainder(block, divisor))
    }
    var result: [UInt8] = []
    for index in 0..<(dataLengths.max() ?? 0) {
      for block in dataBlocks where index < block.count { result.append(block[index]) }
    }
    for index in 0..<ecLength {
      for block in ecBlocks { result.append(block[index]) }
    }
    return result
  }

  /// Bits, most significant first.
  struct BitBuffer {
    private(set) var bits: [Bool] = []
    var count: Int { bits.count }

    mutating func append(_ value: Int, count: Int) {
      for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
    }

    var bytes: [UInt8] {
      stride(from: 0, to: bits.count, by: 8).map { start in
        (0..<8).reduce(UInt8(0)) { byte, offset in
          byte << 1 | (start + offset < bits.count && bits[start + offset] ? 1 : 0)
        }
      }
    }
  }

  /// Reed–Solomon over GF(256) with the polynomial x⁸ + x⁴ + x³ + x² + 1.
  enum ReedSolomon {
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
      var (x, y, product) = (Int(a), Int(b), 0)
      while y > 0 {
        if y & 1 == 1 { product ^= x }
        x <<= 1
        if x & 0x100 != 0 { x ^= 0x11D }
        y >>= 1
      }
      return UInt8(product)
    }

    /// The generator polynomial's coefficients after its leading 1: (x − α⁰)…(x − αⁿ⁻¹).
    static func divisor(degree: Int) -> [UInt8] {
      var result = [UInt8](repeating: 0, count: degree)
      result[degree - 1] = 1
      var root: UInt8 = 1
      for _ in 0..<degree {
        for index in 0..<degree {
          result[index] = multiply(result[index], root)
          if index + 1 < degree { result[index] ^= result[index + 1] }
        }
        root = multiply(root, 2)
      }
      return result
    }

    static func remainder(_ data: [UInt8], _ divisor: [UInt8]) -> [UInt8] {
      var result = [UInt8](repeating: 0, count: divisor.count)
      for byte in data {
        let factor = byte ^ result.removeFirst()
        result.append(0)
        for index in result.indices { result[index] ^= multiply(divisor[index], factor) }
      }
      return result
    }
  }

  /// The modules as they are drawn, with which of them are function patterns (finders,
  /// timing, alignment, format and version information) that data and masks leave alone.
  struct Matrix {
    let version: Int
    let size: Int
    var modules: [[Bool]]
    var isFunction: [[Bool]]

    init(version: Int) {
      self.version = version
      size = 17 + 4 * version
      modules = Array(repeating: Array(repeating: false, count: size), count: size)
      isFunction = modules
      for index in 0..<size {
        set(row: 6, column: index, index % 2 == 0)
        set(row: index, column: 6, index % 2 == 0)
      }
      for (row, column) in [(3, 3), (3, size - 4), (size - 4, 3)] { finder(row, column) }
      let centres = QRCode.alignment[version - 1]
      for row in centres {
        for column in centres {
          // Not over a finder pattern.
          let corner =
            (row == 6 && column == 6) || (row == 6 && column == centres.last!)
            || (row == centres.last! && column == 6)
          if !corner { alignmentPattern(row, column) }
        }
      }
      // Reserved until the mask is known; the dark module is always dark.
      drawFormat(mask: 0)
      drawVersion()
    }

    mutating func set(row: Int, column: Int, _ dark: Bool) {
      modules[row][column] = dark
      isFunction[row][column] = true
    }

    mutating func finder(_ row: Int, _ column: Int) {
      for dy in -4...4 {
        for dx in -4...4 {
          let (y, x) = (row + dy, column + dx)
          guard (0..<size).contains(y), (0..<size).contains(x) else { continue }
          let distance = max(abs(dx), abs(dy))
          set(row: y, column: x, distance != 2 && distance != 4)
        }
      }
    }

    mutating func alignmentPattern(_ row: Int, _ column: Int) {
      for dy in -2...2 {
        for dx in -2...2 { set(row: row + dy, column: column + dx, max(abs(dx), abs(dy)) != 1) }
      }
    }

    /// Level M (format bits 00) and the mask, BCH-coded, in both places.
    mutating func drawFormat(mask: Int) {
      let data = mask
      var remainder = data
      for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
      let bits = (data << 10 | remainder) ^ 0x5412
      func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
      for index in 0...5 { set(row: index, column: 8, bit(index)) }
      set(row: 7, column: 8, bit(6))
      set(row: 8, column: 8, bit(7))
      set(row: 8, column: 7, bit(8))
      for index in 9..<15 { set(row: 8, column: 14 - index, bit(index)) }
      for index in 0..<8 { set(row: 8, column: size - 1 - index, bit(index)) }
      for index in 8..<15 { set(row: size - 15 + index, column: 8, bit(index)) }
      set(row: size - 8, column: 8, true)
    }

    /// From version 7, the version number, BCH-coded, beside two finders.
    mutating func drawVersion() {
      guard version >= 7 else { return }
      var remainder = version
      for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
      let bits = version << 12 | remainder
      for index in 0..<18 {
        let dark = (bits >> index) & 1 == 1
        let (a, b) = (size - 11 + index % 3, index / 3)
        set(row: b, column: a, dark)
        set(row: a, column: b, dark)
      }
    }

    /// The codewords, bit by bit, up and down two columns at a time from the bottom right.
    mutating func place(_ codewords: [UInt8]) {
      var index = 0
      var right = size - 1
      while right >= 1 {
        if right == 6 { right = 5 }
        for vertical in 0..<size {
          for offset in 0..<2 {
            let column = right - offset
            let upward = (right + 1) & 2 == 0
            let row = upward ? size - 1 - vertical : vertical
            guard !isFunction[row][column], index < codewords.count * 8 else { continue }
            modules[row][column] = (codewords[index >> 3] >> (7 - index & 7)) & 1 == 1
            index += 1
          }
        }
        right -= 2
      }
    }

    mutating func apply(mask: Int) {
      for row in 0..<size {
        for column in 0..<size where !isFunction[row][column] {
          let (x, y) = (column, row)
          let flip: Bool
          switch mask {
          case 0: flip = (x + y) % 2 == 0
          case 1: flip = y % 2 == 0
          case 2: flip = x % 3 == 0
          case 3: flip = (x + y) % 3 == 0
          case 4: flip = (x / 3 + y / 2) % 2 == 0
          case 5: flip = x * y % 2 + x * y % 3 == 0
          case 6: flip = (x * y % 2 + x * y % 3) % 2 == 0
          default: flip = ((x + y) % 2 + x * y % 3) % 2 == 0
          }
          if flip { modules[row][column].toggle() }
        }
      }
    }

    /// The standard's four penalties: runs of five or more, 2×2 blocks, finder-like
    /// patterns, and dark modules away from half.
    func penalty() -> Int {
      var total = 0
      let columns = (0..<size).map { column in (0..<size).map { modules[$0][column] } }
      for line in modules + columns {
        var run = 1
        for index in 1..<size {
          if line[index] == line[index - 1] {
            run += 1
          } else {
            if run >= 5 { total += run - 2 }
            run = 1
          }
        }
        if run >= 5 { total += run - 2 }
        let pattern: [Bool] = [true, false, true, true, true, false, true]
        for start in 0...(size - 7) where Array(line[start..<start + 7]) == pattern {
          let before = start >= 4 && !line[(start - 4)..<start].contains(true)
          let after = start + 11 <= size && !line[(start + 7)..<(start + 11)].contains(true)
          if before || after { total += 40 }
        }
      }
      for row in 0..<(size - 1) {
        for column in 0..<(size - 1) {
          let dark = modules[row][column]
          if modules[row][column + 1] == dark && modules[row + 1][column] == dark
            && modules[row + 1][column + 1] == dark
          {
            total += 3
          }
        }
      }
      let dark = modules.reduce(0) { $0 + $1.count { $0 } }
      let percent = dark * 100 / (size * size)
      total += abs(percent - 50) / 5 * 10
      return total
    }
  }
}
