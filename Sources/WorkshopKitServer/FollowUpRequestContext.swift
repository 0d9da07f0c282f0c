import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The server's request context: forms are decoded by `SubmittedFormDecoder` (Hummingbird's
/// `URLEncodedFormDecoder` behind the server's limits and error pages), bodies are limited
/// to 512 KiB, and the client's address is at hand for counting failed sign-ins.
struct FollowUpRequestContext: RequestContext {
  var coreContext: CoreRequestContextStorage
  /// The address the connection comes from; nil in Hummingbird's router tests.
  let peer: SocketAddress?

  init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    peer = source.channel.remoteAddress
  }

  var maxUploadSize: Int { ServerConfiguration.maxBodyBytes }

  var requestDecoder: SubmittedFormDecoder { SubmittedFormDecoder() }

  /// The client for counting failed sign-ins: the peer's IP address; behind a reverse
  /// proxy on this machine (a loopback peer), the address the proxy added last to
  /// `X-Forwarded-For`.
  func client(of request: Request) -> String {
    guard let address = peer?.ipAddress else { return "unknown" }
    if ServerConfiguration.isLoopback(address), let forwarded = request.headers[.xForwardedFor],
      let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
    {
      return last
    }
    return address
  }
}

extension HTTPField.Name {
  static let xForwardedFor = Self("X-Forwarded-For")!
}
