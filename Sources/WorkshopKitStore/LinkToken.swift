import Crypto
import Foundation

/// A personal link's secret: 32 random bytes (256 bits) from the system's generator,
/// written as base64url without padding (43 characters). The database keeps only its
/// SHA-256, so a copy of the database does not open anyone's form.
enum LinkToken {
  static let byteCount = 32
  static let textLength = 43

  static func generate() -> String {
    base64URL(randomBytes(byteCount))
  }

  static func hash(_ token: String) -> [UInt8] {
    Array(SHA256.hash(data: Array(token.utf8)))
  }

  /// Whether `token` could be one this type made: 43 base64url characters. Anything else
  /// is not looked up at all.
  static func isWellFormed(_ token: String) -> Bool {
    token.utf8.count == textLength && token.utf8.allSatisfy(isBase64URL)
  }

  private static func isBase64URL(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
      true
    default: false
    }
  }

  /// RFC 4648 §5, without `=` padding.
  static func base64URL(_ bytes: [UInt8]) -> String {
    var text = Data(bytes).base64EncodedString()
    text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    while text.hasSuffix("=") { text.removeLast() }
    return text
  }

  /// `count` bytes from `SystemRandomNumberGenerator` (the kernel's generator).
  static func randomBytes(_ count: Int) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count + 8)
    while bytes.count < count {
      withUnsafeBytes(of: generator.next() as UInt64) { bytes += $0 }
    }
    return Array(bytes.prefix(count))
  }
}
