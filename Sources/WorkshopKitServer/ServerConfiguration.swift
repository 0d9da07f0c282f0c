import Foundation

/// How the follow-up server runs. Defaults keep it private to this machine.
public struct ServerConfiguration: Sendable {
  /// Largest accepted request body, in bytes: room for a form whose every answer is as
  /// long as `maxAnswerLength` allows in any script. Eight answers of 4,000 characters of
  /// four UTF-8 bytes each, percent-encoded (three characters a byte), are 384 KB; 64 KiB
  /// refused three answers in Cyrillic that the form itself let through.
  public static let maxBodyBytes = 512 * 1024

  public var host = "127.0.0.1"
  public var port = 8080
  /// The address participants and the facilitator use when a reverse proxy (TLS) sits in
  /// front, e.g. `https://kurs.example.org`: forms sent from it are same-origin.
  public var baseURL: URL?
  public var programsDirectory = "programs"
  public var exercisesDirectory = "exercises"
  /// The facilitator's key for the tracker pages (HTTP Basic password or Bearer token);
  /// at least 128 bits of randomness (`FacilitatorKey`).
  public var facilitatorKey: String
  /// Failed sign-ins: slowed down, then locked out.
  public var signInThrottle = SignInThrottle()
  /// Longest accepted answer, in Unicode scalars.
  public var maxAnswerLength = 4000
  /// A connection with no request for this long is closed; so is one whose request head
  /// takes longer than this to arrive.
  public var idleTimeout: Duration = .seconds(30)
  /// A request body must arrive within this time of its head (408 otherwise); shorter than
  /// `idleTimeout` by more than the 2 s the 408 page lingers, or the idle timeout closes the
  /// connection first.
  public var bodyTimeLimit: Duration = .seconds(20)
  /// Open connections at most; more wait in the listen backlog. Nil: from the process's
  /// descriptor limit (`ConnectionLimit`).
  public var maxConnections: Int?
  /// Seconds a save waits for another process's lock on the database before the server
  /// answers 503.
  public static let storeBusyTimeout: TimeInterval = 2
  /// The time zone the meetings happen in: a form closes when the next meeting starts there.
  public var timeZone = TimeZone(identifier: "Europe/Copenhagen") ?? .gmt
  /// How often, at most, a request looks whether the programs' or exercises' files changed
  /// (and loads them again if so).
  public var catalogInterval: Duration = .seconds(2)
  /// Now; replaced in tests to cross the read-only cut-off.
  public var now: @Sendable () -> Date = { Date() }

  public init(facilitatorKey: String) {
    self.facilitatorKey = facilitatorKey
  }

  /// A fresh facilitator key: 128 random bits as 32 hex digits, for when none is configured.
  public static func generatedKey() -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    return bytes.map { String($0, radix: 16).leftPaddedHex }.joined()
  }

  /// Whether `host` is this machine only: `localhost`, 127.0.0.0/8 or `::1`.
  public static func isLoopback(_ host: String) -> Bool {
    let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
    let parts = host.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
  }
}

extension String {
  fileprivate var leftPaddedHex: String { count == 1 ? "0" + self : self }
}
