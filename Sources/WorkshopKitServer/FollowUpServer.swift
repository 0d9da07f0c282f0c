import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import WorkshopKit
import WorkshopKitStore

/// The follow-up server: participants fill in their forms through personal links
/// (`ParticipantRoutes`), the facilitator watches the answers arrive and types in paper
/// ones (`FacilitatorRoutes`, behind `FacilitatorAuthMiddleware`).
public struct FollowUpServer: Sendable {
  public let configuration: ServerConfiguration
  let store: FollowUpStore
  let catalog: LiveMeetingCatalog
  let csrf: CSRFToken

  /// Refuses a facilitator key with less than 128 bits of randomness (`FacilitatorKey`).
  public init(configuration: ServerConfiguration, store: FollowUpStore) async throws {
    try FacilitatorKey.check(configuration.facilitatorKey)
    self.configuration = configuration
    self.store = store
    catalog = try await LiveMeetingCatalog(configuration: configuration, store: store)
    csrf = CSRFToken(secret: try await store.secret(), facilitatorKey: configuration.facilitatorKey)
  }

  /// The meetings served now (programs added or changed since the start included).
  public func meetings() async -> [MeetingCatalog.Meeting] { await catalog.current().all }

  /// The Hummingbird application, bound to the configured host and port: HTTP/1 with an
  /// idle timeout, limits on each request body (`RequestBodyLimitHandler`), and at most
  /// `maxConnections` connections, so the process never runs out of descriptors.
  public func application(logger: Logger? = nil, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
    -> some ApplicationProtocol
  {
    let configuration = self.configuration
    let logger = logger ?? Logger(label: "workshopkit.server")
    let maxConnections = configuration.maxConnections ?? ConnectionLimit.fromDescriptorLimit()
    return Application(
      router: router(),
      server: .http1(
        configuration: .init(
          additionalChannelHandlers: [
            RequestBodyLimitHandler(
              maxBytes: ServerConfiguration.maxBodyBytes, timeLimit: TimeAmount(configuration.bodyTimeLimit))
          ],
          idleTimeout: TimeAmount(configuration.idleTimeout))),
      configuration: .init(
        address: .hostname(configuration.host, port: configuration.port), serverName: "WorkshopKit",
        availableConnectionsDelegate: MaximumAvailableConnections(maxConnections, logger: logger)),
      onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
      logger: logger)
  }

  func router() -> Router<FollowUpRequestContext> {
    let router = Router(context: FollowUpRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: ErrorPageMiddleware())
    router.add(middleware: SameOriginMiddleware(publicAuthority: configuration.baseURL.flatMap(Self.authority)))
    router.get("health") { _, _ in "ok" }
    ParticipantRoutes(server: self).add(to: router.group("f"))
    FacilitatorRoutes(server: self).add(
      to: router.group("facilitator").add(
        middleware: FacilitatorAuthMiddleware(
          key: configuration.facilitatorKey, throttle: configuration.signInThrottle)))
    return router
  }

  static func authority(_ url: URL) -> String? {
    URLComponents(url: url, resolvingAgainstBaseURL: false).flatMap(
      SameOriginMiddleware<FollowUpRequestContext>.authority)
  }

  func isClosed(_ meeting: MeetingCatalog.Meeting) -> Bool {
    guard let closesAt = meeting.closesAt else { return false }
    return configuration.now() >= closesAt
  }

  static func page(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "application/xhtml+xml; charset=utf-8"
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
  }

  static func notFound() -> Response { page(Pages.notFound(), status: .notFound) }

  /// 303 to `location`, a path this server made with `ServerPaths`.
  static func redirect(to location: String) -> Response {
    Response.redirect(to: location, type: .normal)
  }
}

extension TimeAmount {
  init(_ duration: Duration) {
    let (seconds, attoseconds) = duration.components
    self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
  }
}
