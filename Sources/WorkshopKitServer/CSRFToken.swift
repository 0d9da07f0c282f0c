import Crypto
import Foundation

/// Tokens that tie a form to the page that served it: an expiry time and an HMAC-SHA256
/// over what the form is for and that time, keyed with the server's secret (kept in the
/// database, so forms survive restarts). A facilitator form's token also covers the
/// facilitator key, so changing the key voids the forms served under the old one.
struct CSRFToken: Sendable {
  /// What a form is for.
  enum Purpose {
    /// A participant's form, behind their link's token.
    case participant(link: String)
    /// The tracker's forms of one meeting.
    case facilitator(series: String, program: String)
  }

  /// How long a form stays valid.
  static let lifetime: TimeInterval = 24 * 60 * 60

  /// The key's bytes; `SymmetricKey` is made per use since it is not `Sendable`.
  let secret: [UInt8]
  let facilitatorKey: String

  func token(for purpose: Purpose, now: Date) -> String {
    let expiry = Self.bytes(of: UInt64(now.timeIntervalSince1970 + Self.lifetime))
    let mac = HMAC<SHA256>.authenticationCode(for: message(purpose, expiry), using: SymmetricKey(data: secret))
    return Self.base64URL(expiry + Array(mac))
  }

  /// Whether `candidate` is a token this server made for `purpose` that has not expired.
  /// The MAC is checked in constant time.
  func isValid(_ candidate: String?, for purpose: Purpose, now: Date) -> Bool {
    guard let candidate, let bytes = Self.bytes(base64URL: candidate), bytes.count == 8 + SHA256.byteCount else {
      return false
    }
    let expiry = Array(bytes.prefix(8))
    let seconds = expiry.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    guard Double(seconds) > now.timeIntervalSince1970 else { return false }
    return HMAC<SHA256>.isValidAuthenticationCode(
      Array(bytes.dropFirst(8)), authenticating: message(purpose, expiry), using: SymmetricKey(data: secret))
  }

  private func message(_ purpose: Purpose, _ expiry: [UInt8]) -> [UInt8] {
    let text: String
    switch purpose {
    case .participant(let link):
      text = "participant\u{0}\(link)"
    case .facilitator(let series, let program):
      let key = SHA256.hash(data: Array(facilitatorKey.utf8)).map { String($0, radix: 16) }.joined()
      text = "facilitator\u{0}\(series)\u{0}\(program)\u{0}\(key)"
    }
    return Array(text.utf8) + [0] + expiry
  }

  private static func bytes(of value: UInt64) -> [UInt8] {
    (0..<8).reversed().map { UInt8(truncatingIfNeeded: value >> (UInt64($0) * 8)) }
  }

  static func base64URL(_ bytes: [UInt8]) -> String {
    Data(bytes).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }

  static func bytes(base64URL text: String) -> [UInt8]? {
    guard text.utf8.count <= 100 else { return nil }
    var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while base64.utf8.count % 4 != 0 { base64 += "=" }
    return Data(base64Encoded: base64).map(Array.init)
  }
}
