import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import WorkshopKitStore

@testable import WorkshopKitServer

/// The facilitator key, failed sign-ins, and forms that come from elsewhere or too late.
@Suite struct AccessTests {
  @Test(arguments: [
    "choose-a-long-secret", "0123456789abcdef", String(repeating: "ab", count: 40), String(repeating: "a", count: 200),
    "Password1!", "",
  ])
  func aKeyWithLessThan128BitsIsRefused(_ key: String) async throws {
    let harness = try ServerHarness()
    let error = await #expect(throws: FacilitatorKey.TooWeak.self) {
      try await harness.server { $0.facilitatorKey = key }
    }
    #expect(error?.description.contains("openssl rand -hex 16") == true)
  }

  @Test func generatedKeysAreStrongEnough() {
    for _ in 0..<200 {
      let key = ServerConfiguration.generatedKey()
      #expect(key.count == 32)
      #expect(FacilitatorKey.estimatedBits(key) >= 128, "\(key)")
    }
    #expect(FacilitatorKey.estimatedBits("Tr0ub4dor&3-correct-horse-battery-staple") >= 128)
  }

  @Test func theAuthorizationSchemeIsCaseInsensitive() async throws {
    let harness = try ServerHarness()
    let key = ServerHarness.facilitatorKey
    try await harness.test { client in
      for header in [
        "bearer \(key)", "BEARER \(key)", "basic " + Data("x:\(key)".utf8).base64EncodedString(),
        "BaSiC " + Data(":\(key)".utf8).base64EncodedString(),
      ] {
        var headers = HTTPFields()
        headers[.authorization] = header
        let response = try await client.execute(uri: "/facilitator", method: .get, headers: headers)
        #expect(response.status == .ok, "\(header)")
      }
    }
  }

  @Test(.timeLimit(.minutes(1))) func repeatedFailuresAreSlowedThenLockedOutAndLogged() async throws {
    let harness = try ServerHarness()
    let lines = LogCapture()
    let logger = Logger(label: "test") { _ in lines.handler() }
    let server = try await harness.server {
      $0.signInThrottle.freeFailures = 2
      $0.signInThrottle.slowDown = .seconds(1)
      $0.signInThrottle.lockoutAfter = 4
    }
    let wrong: HTTPFields = [.authorization: "Bearer not-the-key"]
    let right: HTTPFields = [.authorization: "Bearer \(ServerHarness.facilitatorKey)"]
    try await server.application(logger: logger).test(.router) { client in
      var durations: [Duration] = []
      for _ in 0..<3 {
        let started = ContinuousClock.now
        let response = try await client.execute(uri: "/facilitator", method: .get, headers: wrong)
        durations.append(ContinuousClock.now - started)
        #expect(response.status == .unauthorized)
      }
      #expect(durations[0] < .seconds(1) && durations[1] < .seconds(1), "\(durations)")
      #expect(durations[2] >= .seconds(1), "the third failure is slowed down")
      let locked = try await client.execute(uri: "/facilitator", method: .get, headers: wrong)
      #expect(locked.status == .tooManyRequests)
      #expect(locked.headers[.retryAfter] == "900")
      #expect(locked.headers[.cacheControl] == "no-store")
      let evenTheKey = try await client.execute(uri: "/facilitator", method: .get, headers: right)
      #expect(evenTheKey.status == .tooManyRequests, "locked out whatever is sent")
    }
    #expect(lines.text.contains("facilitator sign-in from unknown failed (1 in a row)"))
    #expect(lines.text.contains("locked for 15 min after 4 failed attempts"))
    #expect(!lines.text.contains("not-the-key"))
  }

  @Test func aSuccessfulSignInClearsTheCount() {
    var throttle = SignInThrottle()
    throttle.lockoutAfter = 3
    let failures = FailedSignIns(throttle)
    _ = failures.failed("a")
    _ = failures.failed("a")
    failures.succeeded("a")
    #expect(failures.failed("a").failures == 1)
    #expect(failures.failed("b").failures == 1, "per client")
    let now = ContinuousClock.now
    for _ in 0..<3 { _ = failures.failed("c", now: now) }
    #expect(failures.verdict(for: "c", now: now) == .lockedOut(throttle.lockout))
    #expect(failures.verdict(for: "c", now: now + throttle.lockout + .seconds(1)) == .allowed, "for a while")
  }

  @Test func onlyLoopbackHostsCountAsPrivate() {
    for host in ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"] {
      #expect(ServerConfiguration.isLoopback(host), "\(host)")
    }
    for host in ["0.0.0.0", "192.168.1.10", "::", "example.org", "127.0.0.1.example.org"] {
      #expect(!ServerConfiguration.isLoopback(host), "\(host)")
    }
  }

  @Test func aFacilitatorFormIsVoidOnceTheKeyChanges() async throws {
    let harness = try ServerHarness()
    let participants = try await harness.store.participants(series: "civilsamfundet")
    let someone = try require(participants.first)
    let tracker = try await harness.server().application().test(.router) { client in
      try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18", method: .get, headers: ServerHarness.facilitatorHeaders
      ).text
    }
    let csrf = try require(ServerHarness.csrf(in: tracker))
    let newKey = ServerConfiguration.generatedKey()
    let headers = ServerHarness.formHeaders.merging([.authorization: "Bearer \(newKey)"])
    try await harness.server { $0.facilitatorKey = newKey }.application().test(.router) { client in
      let response = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18/answers", method: .post, headers: headers,
        body: ServerHarness.form([("csrf", csrf), ("participant", String(someone.id)), ("q1", "x")]))
      #expect(response.status == .forbidden)
    }
    #expect(try await harness.store.answers(series: "civilsamfundet", program: "2013-04-18").isEmpty)
  }

  @Test func aFormExpiresAfterADayAndComesBackWithWhatWasTyped() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    let start = Date(timeIntervalSince1970: 1_368_000_000)
    harness.setNow(start)
    try await harness.test { client in
      let page = try await client.execute(uri: "/f/\(token)", method: .get)
      let csrf = try require(ServerHarness.csrf(in: page.text))
      harness.setNow(start + CSRFToken.lifetime + 1)
      let late = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("csrf", csrf), ("q1", "skrevet i går")]))
      #expect(late.status == .forbidden)
      #expect(late.text.contains(">skrevet i går</textarea>"))
      #expect(late.text.contains("Formularen var udløbet"))
      let fresh = try require(ServerHarness.csrf(in: late.text))
      #expect(fresh != csrf)
      let saved = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("csrf", fresh), ("q1", "skrevet i går")]))
      #expect(saved.status == .seeOther)
    }
  }

  @Test func aTokenIsValidOnlyForItsPurposeUntilItExpires() {
    let token = CSRFToken(secret: Array(repeating: 7, count: 32), facilitatorKey: ServerHarness.facilitatorKey)
    let now = Date(timeIntervalSince1970: 1_368_000_000)
    let made = token.token(for: .participant(link: "a"), now: now)
    #expect(token.isValid(made, for: .participant(link: "a"), now: now + 3600))
    #expect(!token.isValid(made, for: .participant(link: "b"), now: now))
    #expect(!token.isValid(made, for: .participant(link: "a"), now: now + CSRFToken.lifetime))
    var tampered = Array(made.utf8)
    tampered[3] = tampered[3] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
    #expect(!token.isValid(String(decoding: tampered, as: UTF8.self), for: .participant(link: "a"), now: now))
    let other = CSRFToken(secret: Array(repeating: 7, count: 32), facilitatorKey: ServerConfiguration.generatedKey())
    let facilitator = token.token(for: .facilitator(series: "s", program: "p"), now: now)
    #expect(token.isValid(facilitator, for: .facilitator(series: "s", program: "p"), now: now))
    #expect(!other.isValid(facilitator, for: .facilitator(series: "s", program: "p"), now: now))
  }

  @Test(arguments: [
    ("Origin", "https://evil.example"), ("Origin", "http://127.0.0.1.evil.example"),
    ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Site", "same-site"),
  ])
  func aFormSentFromAnotherSiteIsRefused(_ header: String, _ value: String) async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      let headers = ServerHarness.formHeaders.merging([HTTPField.Name(header)!: value])
      let response = try await ServerHarness.submit(client, link: token, [("q1", "x")], headers: headers)
      #expect(response.status == .forbidden)
      #expect(response.text.contains("another site"))
    }
    #expect(try await harness.store.answers(series: "civilsamfundet", program: "2013-04-18").isEmpty)
  }

  /// What Chromium sends for the server's own form: the page's `no-referrer` policy makes
  /// the origin `null`.
  @Test func aNullOriginFromTheSameOriginIsAccepted() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      let headers = ServerHarness.formHeaders.merging([.origin: "null", .secFetchSite: "same-origin"])
      let response = try await ServerHarness.submit(client, link: token, [("q1", "x")], headers: headers)
      #expect(response.status == .seeOther)
    }
  }

  @Test func aFormFromThisServerOrItsPublicAddressIsAccepted() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.server { $0.baseURL = URL(string: "https://kurs.example.org") }.application().test(.router) {
      client in
      let headers = ServerHarness.formHeaders.merging([
        .origin: "https://kurs.example.org", .secFetchSite: "same-origin",
      ])
      let response = try await ServerHarness.submit(client, link: token, [("q1", "x")], headers: headers)
      #expect(response.status == .seeOther)
    }
  }
}
