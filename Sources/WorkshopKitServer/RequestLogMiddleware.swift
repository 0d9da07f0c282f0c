import Foundation
import HTTPTypes
import Hummingbird
import Logging
import WorkshopKit

/// Logs each request's method, path, status and duration: never a body (answers stay out of
/// the log), and never a participant's token (the path shows `/f/…`). What the client sent
/// is escaped (`escapedForOneLine`), so a request cannot forge a log line or reach the
/// terminal that shows the log with control sequences.
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
      "\(request.method.rawValue.escapedForOneLine) \(path) \(status) \(String(format: "%.1f", milliseconds)) ms")
  }

  /// `/f/<token>` → `/f/…`; any other path escaped for one line.
  static func redacted(_ path: String) -> String {
    guard path.hasPrefix("/f/") else { return path.escapedForOneLine }
    return "/f/…"
  }
}
