import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import WorkshopKit

extension PreviewServer {
  /// The Hummingbird application, bound to the configured host and port.
  public func application(
    logger: Logger? = nil, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) -> some ApplicationProtocol {
    Application(
      router: router(),
      configuration: .init(
        address: .hostname(configuration.host, port: configuration.port), serverName: "WorkshopKit preview"),
      onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
      logger: logger ?? Self.quietLogger)
  }

  /// Hummingbird's warnings and errors only: the terminal is for the builds.
  static var quietLogger: Logger {
    var logger = Logger(label: "workshopkit.preview")
    logger.logLevel = .warning
    return logger
  }

  func router() -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: PreviewHeadersMiddleware(loopbackOnly: ServerConfiguration.isLoopback(configuration.host)))
    let state = self.state
    router.get(RouterPath(PreviewPage.eventsPath)) { _, _ in Self.events(state) }
    // What the pages show, for scripts: `{"build":"3-k2x9","number":3,"errors":1,"warnings":0}`.
    router.get("/_preview/build") { _, _ in
      let build = state.current
      let json =
        "{\"build\":\"\(build.token)\",\"number\":\(build.number),"
        + "\"errors\":\(build.findings.all.errorCount),\"warnings\":\(build.findings.all.warningCount)}\n"
      return Self.response(Array(json.utf8), type: "application/json")
    }
    router.get(RouterPath(PreviewPage.scriptPath)) { _, _ in
      Self.response(Array(PreviewAssets.script.utf8), type: "text/javascript; charset=utf-8")
    }
    router.get("/") { request, _ in self.file(at: request.uri.path) }
    router.get("**") { request, _ in self.file(at: request.uri.path) }
    return router
  }

  /// `text/event-stream`: the current build at once, then each next one; a reconnecting
  /// page waits half a second.
  static func events(_ state: PreviewState) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "text/event-stream; charset=utf-8"
    let stream = state.listen()
    return Response(
      status: .ok, headers: headers,
      body: ResponseBody { writer in
        try await writer.write(ByteBuffer(string: "retry: 500\n\n"))
        for await event in stream {
          switch event {
          case .build(let token): try await writer.write(ByteBuffer(string: "data: \(token)\n\n"))
          case .ping: try await writer.write(ByteBuffer(string: ": ping\n\n"))
          }
        }
        try await writer.finish(nil)
      })
  }

  /// The types of the files a kit holds; any other file (the follow-up database, the
  /// build's manifest) is not served.
  static let contentTypes: [String: String] = [
    "xhtml": "application/xhtml+xml; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "pdf": "application/pdf",
    "svg": "image/svg+xml",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "txt": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
  ]

  /// The output folder's file at a request's path (percent-encoded, as it came): `/` is
  /// the index, a path that leaves the folder or names a hidden file is not found, and a
  /// document gets its banner and the reload script.
  func file(at rawPath: String) -> Response {
    let build = state.current
    guard let relative = Self.relativePath(rawPath) else { return notFound("", build: build) }
    let name = relative.isEmpty ? "index.xhtml" : relative
    let output = configuration.outputDirectory
    let path = output + "/" + name
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return notFound(name, build: build)
    }
    if isDirectory.boolValue {
      // Made from the decoded segments: never `//host/`, which a browser takes for another site.
      let folder = "/" + relative.split(separator: "/").map { ServerPaths.segment(String($0)) }.joined(separator: "/")
      guard rawPath.hasSuffix("/") else { return Response.redirect(to: folder + "/", type: .normal) }
      return notFound(name, build: build)
    }
    let fileExtension = (name as NSString).pathExtension.lowercased()
    guard let type = Self.contentTypes[fileExtension], Self.isInside(path, folder: output),
      let data = FileManager.default.contents(atPath: path)
    else { return notFound(name, build: build) }
    guard fileExtension == "xhtml" else { return Self.response(Array(data), type: type) }
    let page = PreviewPage.served(Array(data), banner: build.findings.banner(for: name), build: build.token)
    var response = Self.response(page, type: type)
    response.headers[.contentSecurityPolicy] = PreviewPage.policy(for: page)
    return response
  }

  /// The page for a path with no file: for a program not built yet, its findings.
  func notFound(_ name: String, build: PreviewState.Build) -> Response {
    let document = ServerPage(title: "Not found", runningTitle: "Not found", language: .en)
    document.content.element("h1", text: "Not found")
    document.content.element(
      "p",
      text: name.isEmpty
        ? "There is no such page in the preview."
        : "The preview's output folder has no \(name). A program with errors is not built until they are fixed; "
          + "this page reloads after each build.")
    document.content.element("p").element("a", ["href": "/"], text: "The kit's index")
    let page = PreviewPage.served(
      document.pageBytes, banner: name.isEmpty ? nil : build.findings.banner(for: name), build: build.token)
    var response = Self.response(page, type: "application/xhtml+xml; charset=utf-8", status: .notFound)
    response.headers[.contentSecurityPolicy] = PreviewPage.policy(for: page)
    return response
  }

  /// The path below the output folder, each segment percent-decoded; nil for a segment
  /// that is `.`, `..`, hidden, not UTF-8, or holds `/`, `\` or NUL once decoded.
  static func relativePath(_ rawPath: String) -> String? {
    let path = rawPath.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
    guard path.hasPrefix("/") else { return nil }
    var segments: [String] = []
    for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
      guard let segment = ServerPaths.decodedSegment(String(raw)), !segment.isEmpty, !segment.hasPrefix("."),
        !segment.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\0" })
      else { return nil }
      segments.append(segment)
    }
    return segments.joined(separator: "/")
  }

  /// Whether `path`, its links resolved, lies inside `folder`.
  static func isInside(_ path: String, folder: String) -> Bool {
    guard let resolved = realpath(path, nil), let base = realpath(folder, nil) else { return false }
    defer {
      free(resolved)
      free(base)
    }
    let file = String(cString: resolved)
    let root = String(cString: base)
    return file.hasPrefix(root.hasSuffix("/") ? root : root + "/")
  }

  static func response(_ bytes: [UInt8], type: String, status: HTTPResponse.Status = .ok) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = type
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
  }
}

/// The follow-up server's habits, for the preview: nothing cached (a reload shows the new
/// build), nothing sniffed or framed, no referrer, and a policy that allows nothing but what
/// a page needs (a document's own, from `PreviewPage.policy`). Bound to the loopback
/// address, the preview answers only requests addressed to it, so a web page elsewhere
/// cannot read the kit through a host name pointed at 127.0.0.1.
struct PreviewHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
  let loopbackOnly: Bool

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws -> Response
  {
    var response: Response
    if loopbackOnly, let authority = request.head.authority, !Self.isLoopback(authority: authority) {
      response = PreviewServer.response(
        Array("The preview answers only at 127.0.0.1, localhost or [::1].\n".utf8),
        type: "text/plain; charset=utf-8", status: .misdirectedRequest)
    } else {
      response = try await next(request, context)
    }
    response.headers[.cacheControl] = "no-store"
    response.headers[.referrerPolicy] = "no-referrer"
    response.headers[.xFrameOptions] = "DENY"
    response.headers[.xContentTypeOptions] = "nosniff"
    if response.headers[.contentSecurityPolicy] == nil {
      response.headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'"
    }
    return response
  }

  /// `127.0.0.1:8000`, `localhost:8000`, `[::1]:8000`.
  static func isLoopback(authority: String) -> Bool {
    var host = Substring(authority.lowercased())
    if host.hasPrefix("["), let end = host.firstIndex(of: "]") {
      host = host[host.index(after: host.startIndex)..<end]
    } else if let colon = host.lastIndex(of: ":") {
      host = host[..<colon]
    }
    return host == "localhost" || host.hasSuffix(".localhost") || ServerConfiguration.isLoopback(String(host))
  }
}
