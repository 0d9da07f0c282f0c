import Foundation

/// How the follow-up server runs. Defaults keep it private to this machine.
public struct ServerConfiguration: Sendable {
  public var host = "127.0.0.1"
  public var port = 8080
  public var programsDirectory = "programs"
  public var exercisesDirectory = "exercises"
  /// The facilitator's key for the tracker pages (HTTP Basic password or Bearer token).
  public var facilitatorKey: String
  /// Longest accepted answer, in characters.
  public var maxAnswerLength = 4000
  /// Largest accepted request body, in bytes.
  public var maxBodyBytes = 64 * 1024
  /// The time zone the meetings happen in: a form closes when the next meeting starts there.
  public var timeZone = TimeZone(identifier: "Europe/Copenhagen") ?? .gmt
  /// Now; replaced in tests to cross the read-only cut-off.
  public var now: @Sendable () -> Date = { Date() }

  public init(facilitatorKey: String) {
    self.facilitatorKey = facilitatorKey
  }

  /// A fresh facilitator key: 128 random bits, for when none is configured.
  public static func generatedKey() -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    return bytes.map { String($0, radix: 16).leftPaddedHex }.joined()
  }
}

extension String {
  fileprivate var leftPaddedHex: String { count == 1 ? "0" + self : self }
}
