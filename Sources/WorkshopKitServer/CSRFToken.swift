import Crypto
import Foundation

/// Tokens that tie a form to the page that served it: HMAC-SHA256 over what the form
/// is for, keyed with the server's secret (kept in the database, so forms survive restarts).
struct CSRFToken: Sendable {
  /// The key's bytes; `SymmetricKey` is made per use since it is not `Sendable`.
  let secret: [UInt8]

  func token(for purpose: String) -> String {
    let mac = HMAC<SHA256>.authenticationCode(for: Data(purpose.utf8), using: SymmetricKey(data: secret))
    return Data(mac).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }

  /// Compares in constant time.
  func isValid(_ candidate: String?, for purpose: String) -> Bool {
    guard let candidate else { return false }
    return constantTimeEqual(Array(candidate.utf8), Array(token(for: purpose).utf8))
  }
}

/// Equal bytes, compared without stopping at the first difference.
func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
  guard a.count == b.count else { return false }
  var difference: UInt8 = 0
  for index in a.indices { difference |= a[index] ^ b[index] }
  return difference == 0
}
