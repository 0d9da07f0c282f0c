import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// What Hummingbird's HTTP/1 channel leaves to the server, per connection: a request body
/// may take at most `maxBytes` and arrive within `timeLimit` of its head, whoever reads
/// it (a handler that answers without reading would otherwise drain an endless body
/// forever); and a response that says `Connection: close` closes the connection.
///
/// A body over either limit is cut off: the reader of the body gets `TooLarge` or
/// `TooSlow`, the rest of the request is dropped, and the response closes the connection.
/// Closing is gentle: the output is shut, what the client still sends is read and dropped
/// for `linger` (at most `lingerBytes` of it), then the connection is closed, so the client
/// reads the response instead of a reset.
final class RequestBodyLimitHandler: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  /// The body is larger than the limit.
  struct TooLarge: Error {}
  /// The body did not arrive within the time limit.
  struct TooSlow: Error {}

  let maxBytes: Int
  let timeLimit: TimeAmount
  let linger: TimeAmount
  let lingerBytes = 1024 * 1024

  private enum State {
    case waiting
    case readingBody(bytes: Int)
    case cutOff
    case lingering(dropped: Int)
  }

  private var state = State.waiting
  private var closeAfterResponse = false
  private var deadline: Scheduled<Void>?
  private var lingerEnd: Scheduled<Void>?

  init(maxBytes: Int, timeLimit: TimeAmount, linger: TimeAmount = .seconds(2)) {
    self.maxBytes = maxBytes
    self.timeLimit = timeLimit
    self.linger = linger
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch (state, unwrapInboundIn(data)) {
    case (.lingering(let dropped), .body(let buffer)):
      state = .lingering(dropped: dropped + buffer.readableBytes)
      if dropped + buffer.readableBytes > lingerBytes { context.close(promise: nil) }
      return
    case (.cutOff, _), (.lingering, _):
      return
    case (_, .head):
      state = .readingBody(bytes: 0)
      deadline?.cancel()
      deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeLimit) { [self] in
        cut(context, TooSlow())
      }
    case (.readingBody(let bytes), .body(let buffer)):
      let total = bytes + buffer.readableBytes
      guard total <= maxBytes else { return cut(context, TooLarge()) }
      state = .readingBody(bytes: total)
    case (_, .end):
      deadline?.cancel()
      deadline = nil
      state = .waiting
    case (.waiting, .body):
      break
    }
    context.fireChannelRead(data)
  }

  func channelReadComplete(context: ChannelHandlerContext) {
    if case .lingering = state {
      context.read()
    } else {
      context.fireChannelReadComplete()
    }
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    // While lingering, what the client still sends is garbage to the HTTP decoder.
    if case .lingering = state { return }
    context.fireErrorCaught(error)
  }

  func channelInactive(context: ChannelHandlerContext) {
    deadline?.cancel()
    lingerEnd?.cancel()
    context.fireChannelInactive()
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    switch unwrapOutboundIn(data) {
    case .head(var head) where head.status.kind != .informational:
      if closeAfterResponse {
        head.headerFields[.connection] = "close"
        context.write(wrapOutboundOut(.head(head)), promise: promise)
        return
      }
      closeAfterResponse = head.headerFields[.connection]?.lowercased() == "close"
    case .end where closeAfterResponse:
      context.writeAndFlush(data, promise: promise)
      return startLingering(context)
    default:
      break
    }
    context.write(data, promise: promise)
  }

  /// Drops the rest of the body and has the reader fail with `error`.
  private func cut(_ context: ChannelHandlerContext, _ error: any Error) {
    guard case .readingBody = state else { return }
    state = .cutOff
    closeAfterResponse = true
    deadline?.cancel()
    deadline = nil
    context.fireErrorCaught(error)
  }

  private func startLingering(_ context: ChannelHandlerContext) {
    state = .lingering(dropped: 0)
    deadline?.cancel()
    let loop = context.eventLoop.assumeIsolated()
    lingerEnd = loop.scheduleTask(in: linger) { context.close(promise: nil) }
    // Where half-closing is not supported, the linger's end closes the connection.
    context.close(mode: .output, promise: nil)
    context.read()
  }
}
