import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import WorkshopKit

/// The facilitator's pages need the key, as an HTTP Basic password (any user name) or a
/// Bearer token; the scheme's name in any case. Failed attempts are counted per client
/// (`FailedSignIns`): slowed down, then locked out for a while, and logged.
struct FacilitatorAuthMiddleware: RouterMiddleware {
  typealias Context = FollowUpRequestContext

  /// The key, compared through an HMAC with a key of the process's own, so the comparison
  /// takes the same time wherever the presented key differs.
  private let keyMAC: [UInt8]
  private let macKey: [UInt8]
  let failures: FailedSignIns

  init(key: String, throttle: SignInThrottle) {
    macKey = Array(SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
    keyMAC = Array(HMAC<SHA256>.authenticationCode(for: Array(key.utf8), using: SymmetricKey(data: macKey)))
    failures = FailedSignIns(throttle)
  }

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws -> Response
  {
    let client = context.client(of: request)
    if case .lockedOut(let left) = failures.verdict(for: client) {
      return Self.lockedOut(left)
    }
    guard let presented = Self.presentedKey(request.headers[.authorization]) else {
      return Self.unauthorized()
    }
    guard isKey(presented) else {
      let (count, delay) = failures.failed(client)
      let who = client.escapedForOneLine
      if count >= failures.throttle.lockoutAfter {
        let minutes = Int(failures.throttle.lockout.components.seconds / 60)
        context.logger.error(
          "facilitator sign-in from \(who) locked for \(minutes) min after \(count) failed attempts")
        return Self.lockedOut(failures.throttle.lockout)
      }
      context.logger.warning("facilitator sign-in from \(who) failed (\(count) in a row)")
      if delay > .zero { try await Task.sleep(for: delay) }
      return Self.unauthorized()
    }
    failures.succeeded(client)
    return try await next(request, context)
  }

  func isKey(_ presented: String) -> Bool {
    HMAC<SHA256>.isValidAuthenticationCode(
      keyMAC, authenticating: Array(presented.utf8), using: SymmetricKey(data: macKey))
  }

  /// The key in an `Authorization` header: a Bearer token, or a Basic password.
  static func presentedKey(_ header: String?) -> String? {
    guard let header else { return nil }
    let parts = header.split(separator: " ", maxSplits: 1)
    guard parts.count == 2 else { return nil }
    let credentials = parts[1].trimmingCharacters(in: .whitespaces)
    switch parts[0].lowercased() {
    case "bearer":
      return credentials
    case "basic":
      guard let data = Data(base64Encoded: credentials), let text = String(data: data, encoding: .utf8),
        let colon = text.firstIndex(of: ":")
      else { return nil }
      return String(text[text.index(after: colon)...])
    default:
      return nil
    }
  }

  static func unauthorized() -> Response {
    var response = FollowUpServer.page(
      Pages.bilingual(
        (Label.facilitatorSignIn.text(.da), Label.facilitatorSignIn.text(.en)),
        da: "Log ind med facilitatornøglen.", en: "Sign in with the facilitator key."),
      status: .unauthorized)
    response.headers[.wwwAuthenticate] = "Basic realm=\"WorkshopKit facilitator\", charset=\"UTF-8\""
    return response
  }

  static func lockedOut(_ left: Duration) -> Response {
    let minutes = max(1, Int((left.components.seconds + 59) / 60))
    var response = FollowUpServer.page(
      Pages.bilingual(
        .tooManyRequests, da: "For mange forkerte nøgler; prøv igen om \(minutes) min.",
        en: "Too many wrong keys; try again in \(minutes) min."),
      status: .tooManyRequests)
    response.headers[.retryAfter] = String(max(1, left.components.seconds))
    return response
  }
}
