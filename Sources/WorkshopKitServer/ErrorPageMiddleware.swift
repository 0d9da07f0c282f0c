import Foundation
import HTTPTypes
import Hummingbird
import WorkshopKitStore

/// Every answer is one of the server's pages with the same headers: nothing cached,
/// nothing framed, no referrer (a participant's link carries its token), no scripts. Pages
/// thrown by handlers (`PageError`), Hummingbird's own errors (an unknown path is the
/// server's 404 page) and store failures (503, "try again in a moment", never the
/// database's path) are turned into pages here.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws -> Response
  {
    var response: Response
    do {
      response = try await next(request, context)
    } catch let error as PageError {
      response = error.page
    } catch let error as StoreError {
      context.logger.error("the database failed: \(error.description.escapedForOneLine)")
      response = Pages.unavailableResponse()
    } catch let error as HTTPError where error.status == .notFound || error.status == .methodNotAllowed {
      response = FollowUpServer.page(Pages.notFound(), status: error.status)
    } catch let error as HTTPError {
      response =
        PageError.refusal(
          error.status, da: "Forespørgslen blev afvist: \(error.status.reasonPhrase).", en: error.status.reasonPhrase
        ).page
    } catch {
      context.logger.error("a request failed: \(String(describing: error).escapedForOneLine)")
      response =
        PageError.refusal(
          .internalServerError, da: "Noget gik galt. Prøv igen om et øjeblik.",
          en: "Something went wrong; try again in a moment."
        ).page
    }
    for (name, value) in SecurityHeaders.all { response.headers[name] = value }
    return response
  }
}

/// The headers every answer gets.
enum SecurityHeaders {
  static let all: [(HTTPField.Name, String)] = [
    (.cacheControl, "no-store"),
    (.referrerPolicy, "no-referrer"),
    (.xFrameOptions, "DENY"),
    (.xContentTypeOptions, "nosniff"),
    // The one script: the follow-up form's draft keeper, by its hash.
    (
      .contentSecurityPolicy,
      "default-src 'none'; script-src \(DraftKeeper.scriptSource); style-src 'unsafe-inline'; form-action 'self'"
    ),
  ]
}

extension HTTPField.Name {
  static let referrerPolicy = Self("Referrer-Policy")!
  static let xFrameOptions = Self("X-Frame-Options")!
  static let xContentTypeOptions = Self("X-Content-Type-Options")!
}

/// A finished error page thrown out of a handler: Hummingbird sends it as it is.
struct PageError: HTTPResponseError {
  var page: Response
  init(_ page: Response) { self.page = page }

  var status: HTTPResponse.Status { page.status }

  func response(from request: Request, context: some RequestContext) throws -> Response { page }

  /// A short page saying what was wrong and what to do, in Danish and in English (it comes
  /// before the meeting, and so its language, is known); `closing` closes the connection
  /// after it (the rest of the request is not read).
  static func refusal(_ status: HTTPResponse.Status, da: String, en: String, closing: Bool = false) -> PageError {
    var page = FollowUpServer.page(Pages.bilingual(status, da: da, en: en), status: status)
    if closing { page.headers[.connection] = "close" }
    return PageError(page)
  }
}
