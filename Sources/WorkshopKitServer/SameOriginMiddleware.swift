import Foundation
import HTTPTypes
import Hummingbird

/// Defence in depth beside the CSRF tokens: a form sent from another site is refused
/// before anything reads it. Browsers say where a request comes from in
/// `Sec-Fetch-Site` (only `same-origin` and `none`, typed by the user, pass) and `Origin`
/// (it must name this server: the `Host` the request came to, or `--base-url`). An
/// `Origin` of `null` says nothing: browsers send it for the server's own forms, whose
/// pages carry `Referrer-Policy: no-referrer`.
struct SameOriginMiddleware<Context: RequestContext>: RouterMiddleware {
  /// The public origin's `host[:port]` behind a proxy, from `--base-url`.
  let publicAuthority: String?

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws -> Response
  {
    guard request.method == .post, !isSameOrigin(request) else { return try await next(request, context) }
    throw PageError.refusal(
      .forbidden, da: "Formularen kom fra et andet websted. Åbn siden på denne server, og send den derfra.",
      en: "The form was sent from another site; open the page on this server and send it from there.")
  }

  func isSameOrigin(_ request: Request) -> Bool {
    if let site = request.headers[.secFetchSite]?.lowercased(), site != "same-origin" && site != "none" {
      return false
    }
    guard let origin = request.headers[.origin], origin != "null" else { return true }
    guard let authority = URLComponents(string: origin).flatMap(Self.authority) else { return false }
    let accepted = [request.head.authority?.lowercased(), publicAuthority?.lowercased()].compactMap { $0 }
    return accepted.contains(authority.lowercased())
  }

  /// `host[:port]` of a URL, as a `Host` header writes it.
  static func authority(_ url: URLComponents) -> String? {
    guard let host = url.host, !host.isEmpty else { return nil }
    let bracketed = host.contains(":") ? "[\(host)]" : host
    return url.port.map { "\(bracketed):\($0)" } ?? bracketed
  }
}

extension HTTPField.Name {
  static let secFetchSite = Self("Sec-Fetch-Site")!
}
