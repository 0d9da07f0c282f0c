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

  /// A token is 43 characters of base64url: upper and lower case mixed, which a folder or
  /// program name of that length is not.
  static func looksLikeAToken(_ segment: String) -> Bool {
    segment.utf8.count >= 40 && segment.allSatisfy(\.isTokenLike) && segment.contains(where: \.isUppercase)
      && segment.contains(where: \.isLowercase)
  }

  /// `/f/<token>` → `/f/…`, wherever the `f` segment is (`//f/<token>` reaches the form
  /// too) and in any case; a segment as long as a token elsewhere (a link pasted into the
  /// wrong path) → `…`; the rest escaped for one line.
  static func redacted(_ path: String) -> String {
    var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    if let form = segments.firstIndex(where: { $0.lowercased() == "f" }), form + 1 < segments.count {
      segments.replaceSubrange((form + 1)..., with: ["…"])
    }
    for index in segments.indices where Self.looksLikeAToken(segments[index]) { segments[index] = "…" }
    return segments.joined(separator: "/").escapedForOneLine
  }
}

extension Character {
  /// A character a link token is written in (base64url), or its percent escape.
  fileprivate var isTokenLike: Bool {
    isASCII && (isLetter || isNumber || self == "-" || self == "_" || self == "%")
  }
}
