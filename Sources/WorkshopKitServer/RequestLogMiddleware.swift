import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Logs each request's method, path, status and duration: never a body (answers stay out of
/// the log), and never a participant's token (the path shows `/f/…`).
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws -> Response
  {
    let started = ContinuousClock.now
    let path = Self.redacted(request.uri.path)
    do {
      let response = try await next(request, context)
      log(context, request, path, Int(response.status.code), started)
      return response
    } catch let error as HTTPResponseError {
      log(context, request, path, Int(error.status.code), started)
      throw error
    } catch {
      log(context, request, path, 500, started)
      throw error
    }
  }

  private func log(
    _ context: Context, _ request: Request, _ path: String, _ status: Int, _ started: ContinuousClock.Instant
  ) {
    let elapsed = ContinuousClock.now - started
    let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
    context.logger.info(
      "\(request.method.rawValue) \(path) \(status) \(String(format: "%.1f", milliseconds)) ms")
  }

  /// `/f/<token>` → `/f/…`.
  static func redacted(_ path: String) -> String {
    guard path.hasPrefix("/f/") else { return path }
    return "/f/…"
  }
}

/// Headers every page gets: nothing cached, nothing framed, no referrer (a participant's
/// link carries its token), no scripts.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws -> Response
  {
    var response: Response
    do {
      response = try await next(request, context)
    } catch let error as PageError {
      // Error pages thrown by handlers get the same headers as any other page.
      response = error.page
    }
    response.headers[.cacheControl] = "no-store"
    response.headers[.referrerPolicy] = "no-referrer"
    response.headers[.xFrameOptions] = "DENY"
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"
    return response
  }
}

extension HTTPField.Name {
  static let referrerPolicy = Self("Referrer-Policy")!
  static let xFrameOptions = Self("X-Frame-Options")!
  static let xContentTypeOptions = Self("X-Content-Type-Options")!
}
