/// JSON for the build manifest, written and read by hand: a rebuild with nothing to do spent
/// two fifths of its time in `JSONDecoder` reading the manifest (its generic containers cost
/// more than the bytes), and a clean build two percent writing it with `JSONEncoder`. The
/// manifest is a handful of flat records, so a writer of objects, arrays, strings, integers
/// and booleans, and a reader of the same, are all it needs; what either does not know is a
/// malformed manifest, which means a full build.
struct JSONWriter {
  private(set) var bytes: [UInt8] = []
  /// No comma before the next value: at the start of an object or array, or after a key.
  private var atStart = true

  mutating func object(_ body: (inout JSONWriter) -> Void) {
    open(UInt8(ascii: "{"))
    body(&self)
    close(UInt8(ascii: "}"))
  }

  mutating func array(_ body: (inout JSONWriter) -> Void) {
    open(UInt8(ascii: "["))
    body(&self)
    close(UInt8(ascii: "]"))
  }

  /// An object's key; its value comes next.
  mutating func key(_ name: String) {
    separate()
    quoted(name)
    bytes.append(UInt8(ascii: ":"))
    atStart = true
  }

  mutating func string(_ value: String) {
    separate()
    quoted(value)
  }

  mutating func int(_ value: Int) {
    separate()
    bytes.append(contentsOf: String(value).utf8)
  }

  mutating func bool(_ value: Bool) {
    separate()
    bytes.append(contentsOf: (value ? "true" : "false").utf8)
  }

  mutating func field(_ name: String, _ value: String) {
    key(name)
    string(value)
  }

  mutating func field(_ name: String, _ value: Int) {
    key(name)
    int(value)
  }

  mutating func field(_ name: String, _ value: Bool) {
    key(name)
    bool(value)
  }

  mutating func field(_ name: String, strings values: [String]) {
    key(name)
    array { for value in values { $0.string(value) } }
  }

  private mutating func open(_ bracket: UInt8) {
    separate()
    bytes.append(bracket)
    atStart = true
  }

  private mutating func close(_ bracket: UInt8) {
    bytes.append(bracket)
    atStart = false
  }

  private mutating func separate() {
    if !atStart { bytes.append(UInt8(ascii: ",")) }
    atStart = false
  }

  /// RFC 8259 §7: the quotation mark, the backslash and the controls below U+0020 escaped,
  /// every other character as its UTF-8, so a line break never ends a line of the file.
  private mutating func quoted(_ text: String) {
    bytes.append(UInt8(ascii: "\""))
    // Most texts (paths, hashes) have nothing to escape: copied whole.
    var copy = text
    let plain = copy.withUTF8 { utf8 in
      guard utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) else {
        return false
      }
      bytes.append(contentsOf: utf8)
      return true
    }
    if plain {
      bytes.append(UInt8(ascii: "\""))
      return
    }
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"):
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(byte)
      case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
      case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
      case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
      case ..<0x20:
        bytes.append(contentsOf: #"\u00"#.utf8)
        bytes.append(Self.hexDigits[Int(byte >> 4)])
        bytes.append(Self.hexDigits[Int(byte & 0xF)])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)
}

/// Reads what `JSONWriter` writes, and any other JSON of the same shapes (escaped slashes,
/// `\u` escapes, white space); numbers are integers.
struct JSONReader {
  struct Malformed: Error {}

  private let bytes: ArraySlice<UInt8>
  private var index: Int

  init(_ bytes: ArraySlice<UInt8>) {
    self.bytes = bytes
    index = bytes.startIndex
  }

  /// Whether only white space is left.
  var isAtEnd: Bool {
    mutating get {
      skipSpace()
      return index == bytes.endIndex
    }
  }

  /// Calls `field` with each key of an object, the reader standing at its value, which
  /// `field` must read (or skip with `skipValue`).
  mutating func object(_ field: (inout JSONReader, String) throws -> Void) throws {
    try expect(UInt8(ascii: "{"))
    if consume(UInt8(ascii: "}")) { return }
    repeat {
      skipSpace()
      let key = try string()
      try expect(UInt8(ascii: ":"))
      try field(&self, key)
    } while consume(UInt8(ascii: ","))
    try expect(UInt8(ascii: "}"))
  }

  mutating func array<Element>(_ element: (inout JSONReader) throws -> Element) throws -> [Element] {
    try expect(UInt8(ascii: "["))
    var elements: [Element] = []
    if consume(UInt8(ascii: "]")) { return elements }
    repeat { elements.append(try element(&self)) } while consume(UInt8(ascii: ","))
    try expect(UInt8(ascii: "]"))
    return elements
  }

  mutating func strings() throws -> [String] {
    try array { try $0.string() }
  }

  mutating func string() throws -> String {
    try expect(UInt8(ascii: "\""))
    let start = index
    // Most strings have no escape: one scan, one copy.
    while index < bytes.endIndex, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
      guard bytes[index] >= 0x20 else { throw Malformed() }
      index += 1
    }
    guard index < bytes.endIndex else { throw Malformed() }
    if bytes[index] == UInt8(ascii: "\"") {
      index += 1
      return String(decoding: bytes[start..<index - 1], as: UTF8.self)
    }
    var text = Array(bytes[start..<index])
    while index < bytes.endIndex {
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "\""):
        return String(decoding: text, as: UTF8.self)
      case UInt8(ascii: "\\"):
        guard index < bytes.endIndex else { throw Malformed() }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escape)
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "u"): text.append(contentsOf: String(try unicodeEscape()).utf8)
        default: throw Malformed()
        }
      case ..<0x20:
        throw Malformed()
      default:
        text.append(byte)
      }
    }
    throw Malformed()
  }

  mutating func int() throws -> Int {
    skipSpace()
    let negative = consume(UInt8(ascii: "-"))
    var value = 0
    var digits = 0
    while index < bytes.endIndex, case let digit = bytes[index], digit >= UInt8(ascii: "0"),
      digit <= UInt8(ascii: "9")
    {
      let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times10.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
      guard !overflow, !overflow2 else { throw Malformed() }
      value = sum
      digits += 1
      index += 1
    }
    guard digits > 0 else { throw Malformed() }
    return negative ? -value : value
  }

  mutating func bool() throws -> Bool {
    if consume(literal: "true") { return true }
    if consume(literal: "false") { return false }
    throw Malformed()
  }

  /// Nil for `null`, else the value `read` reads.
  mutating func optional<Value>(_ read: (inout JSONReader) throws -> Value) throws -> Value? {
    consume(literal: "null") ? nil : try read(&self)
  }

  /// Reads past a value of any kind: a key this build does not know.
  mutating func skipValue() throws {
    skipSpace()
    guard index < bytes.endIndex else { throw Malformed() }
    switch bytes[index] {
    case UInt8(ascii: "{"): try object { reader, _ in try reader.skipValue() }
    case UInt8(ascii: "["): _ = try array { try $0.skipValue() }
    case UInt8(ascii: "\""): _ = try string()
    case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
    case UInt8(ascii: "n"): guard consume(literal: "null") else { throw Malformed() }
    default: _ = try int()
    }
  }

  /// `\uXXXX`, a UTF-16 surrogate pair as two of them.
  private mutating func unicodeEscape() throws -> Character {
    let first = try hexQuad()
    if (0xD800..<0xDC00).contains(first) {
      guard consume(literal: "\\u") else { throw Malformed() }
      let second = try hexQuad()
      guard (0xDC00..<0xE000).contains(second) else { throw Malformed() }
      let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
      return Character(try scalar.orThrow())
    }
    return Character(try Unicode.Scalar(first).orThrow())
  }

  private mutating func hexQuad() throws -> UInt32 {
    guard index + 4 <= bytes.endIndex else { throw Malformed() }
    var value: UInt32 = 0
    for byte in bytes[index..<index + 4] {
      guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { throw Malformed() }
      value = value << 4 + UInt32(digit)
    }
    index += 4
    return value
  }

  private mutating func expect(_ byte: UInt8) throws {
    guard consume(byte) else { throw Malformed() }
  }

  private mutating func consume(_ byte: UInt8) -> Bool {
    skipSpace()
    guard index < bytes.endIndex, bytes[index] == byte else { return false }
    index += 1
    return true
  }

  private mutating func consume(literal: StaticString) -> Bool {
    skipSpace()
    let count = literal.utf8CodeUnitCount
    guard index + count <= bytes.endIndex else { return false }
    let matches = literal.withUTF8Buffer { bytes[index..<index + count].elementsEqual($0) }
    if matches { index += count }
    return matches
  }

  private mutating func skipSpace() {
    while index < bytes.endIndex {
      let byte = bytes[index]
      guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
      index += 1
    }
  }
}

extension Optional {
  fileprivate func orThrow() throws -> Wrapped {
    guard let self else { throw JSONReader.Malformed() }
    return self
  }
}
