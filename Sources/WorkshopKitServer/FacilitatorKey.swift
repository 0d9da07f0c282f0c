import Foundation

/// How much randomness a facilitator key has, at best: its length in characters once
/// repetition is taken out (a key that repeats a shorter one, `abcabcabc` or `aaaa`,
/// counts as that one), times the bits per character of the smallest alphabet it is
/// written in (hex digits 4, letters and digits about 6, with punctuation about 6.6).
///
/// An estimate from above: it catches short and repetitive keys, not a guessable phrase;
/// the key the server generates (32 hex digits, 128 bits) is the one to use.
public enum FacilitatorKey {
  public static let minimumBits = 128

  public struct TooWeak: Error, CustomStringConvertible {
    public var bits: Int

    public var description: String {
      "the facilitator key has at most \(bits) bits of randomness; it needs \(FacilitatorKey.minimumBits): "
        + "leave it unset to have one generated at start, or make one with `openssl rand -hex 16`"
    }
  }

  public static func check(_ key: String) throws(TooWeak) {
    let bits = estimatedBits(key)
    guard bits >= minimumBits else { throw TooWeak(bits: bits) }
  }

  public static func estimatedBits(_ key: String) -> Int {
    let characters = Array(key.unicodeScalars)
    let essential = smallestPeriod(characters)
    return Int(Double(essential.count) * log2(Double(alphabetSize(characters))))
  }

  /// The shortest prefix that, repeated at least twice, makes up `characters`
  /// (`abcabcab` → `abc`); the whole key when there is none.
  static func smallestPeriod(_ characters: [Unicode.Scalar]) -> [Unicode.Scalar] {
    guard characters.count >= 2 else { return characters }
    for period in 1...(characters.count / 2)
    where characters.indices.allSatisfy({ characters[$0] == characters[$0 % period] }) {
      return Array(characters.prefix(period))
    }
    return characters
  }

  static func alphabetSize(_ characters: [Unicode.Scalar]) -> Int {
    let hex = "0123456789abcdef".unicodeScalars
    if characters.allSatisfy({ hex.contains($0) }) || characters.allSatisfy({ hex.contains(lower($0)) }) {
      return 16
    }
    var size = 0
    if characters.contains(where: { ("a"..."z").contains($0) }) { size += 26 }
    if characters.contains(where: { ("A"..."Z").contains($0) }) { size += 26 }
    if characters.contains(where: { ("0"..."9").contains($0) }) { size += 10 }
    if characters.contains(where: { !$0.properties.isAlphabetic && !("0"..."9").contains($0) }) { size += 33 }
    if characters.contains(where: { $0.value > 0x7F && $0.properties.isAlphabetic }) { size += 26 }
    return max(size, 2)
  }

  private static func lower(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    ("A"..."F").contains(scalar) ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar
  }
}
