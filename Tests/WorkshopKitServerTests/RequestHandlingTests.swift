import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WorkshopKitStore

@testable import WorkshopKitServer

/// HEAD, the framework's own errors, content types and answer lengths.
@Suite struct RequestHandlingTests {
  @Test func headAnswersLikeGetWithoutABody() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      let get = try await client.execute(uri: "/f/\(token)", method: .get)
      let head = try await client.execute(uri: "/f/\(token)", method: .head)
      #expect(head.status == .ok)
      #expect(head.headers[.contentType] == get.headers[.contentType])
      #expect(head.headers[.cacheControl] == "no-store")
      #expect(head.body.readableBytes == 0)
      let tracker = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-04-18", method: .head, headers: ServerHarness.facilitatorHeaders)
      #expect(tracker.status == .ok)
      #expect(try await client.execute(uri: "/health", method: .head).status == .ok)
    }
  }

  @Test func theFrameworksOwn404sAreTheServersPageWithItsHeaders() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      let unknownLink = try await client.execute(uri: "/f/not-a-real-token", method: .get)
      for response in [
        try await client.execute(uri: "/nowhere", method: .get),
        try await client.execute(uri: "/f/\(token)", method: .put, headers: ServerHarness.formHeaders),
        try await client.execute(uri: "/f/", method: .get),
      ] {
        #expect(response.status == .notFound)
        #expect(response.headers[.contentType] == "application/xhtml+xml; charset=utf-8")
        for (name, value) in SecurityHeaders.all {
          #expect(response.headers[name] == value, "\(name)")
        }
        #expect(response.text == unknownLink.text)
      }
    }
  }

  @Test(arguments: [
    ("application/x-www-form-urlencodedXYZ", HTTPResponse.Status.unsupportedMediaType),
    ("application/x-www-form-urlencoded-evil", .unsupportedMediaType), ("text/plain", .unsupportedMediaType),
    ("multipart/form-data; boundary=x", .unsupportedMediaType),
    ("application/x-www-form-urlencoded; charset=latin1", .unsupportedMediaType),
    ("Application/X-WWW-Form-URLEncoded; Charset=UTF-8", .seeOther),
  ])
  func onlyTheFormContentTypeItselfIsAccepted(_ contentType: String, _ status: HTTPResponse.Status) async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      let response = try await ServerHarness.submit(
        client, link: token, [("q1", "x")], headers: [.contentType: contentType])
      #expect(response.status == status)
      if status == .unsupportedMediaType {
        #expect(response.text.contains("application/x-www-form-urlencoded"))
      }
    }
    let stored = try await harness.store.answers(series: "civilsamfundet", program: "2013-04-18")
    #expect(stored.count == (status == .seeOther ? 1 : 0))
  }

  /// One letter with 10,000 combining marks is one character but 10,001 Unicode scalars.
  @Test func theAnswerLimitCountsUnicodeScalars() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      let zalgo = "e" + String(repeating: "\u{0301}", count: 10_000)
      #expect(zalgo.count == 1)
      let response = try await ServerHarness.submit(client, link: token, [("q1", zalgo)])
      #expect(response.status == .contentTooLarge)
      #expect(response.text.contains("4000"))
      let fits = try await ServerHarness.submit(client, link: token, [("q1", String(repeating: "ø", count: 4000))])
      #expect(fits.status == .seeOther)
    }
  }

  @Test func aBodyThatIsNotAFormIsA400() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      for body in [
        ByteBuffer(bytes: [0x71, 0x31, 0x3D, 0xFF, 0xFE]), ByteBuffer(string: "q1=%ZZ"), ByteBuffer(string: "a=1&a=2"),
      ] {
        let response = try await client.execute(
          uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders, body: body)
        #expect(response.status == .badRequest, "\(String(buffer: body))")
        #expect(response.headers[.cacheControl] == "no-store")
      }
    }
  }

  /// The attendance page sends a field per participant: a roster of hundreds is a form;
  /// more fields than any form of the server has is refused.
  @Test func aFormMayHaveHundredsOfFieldsButNotThousands() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    try await harness.test { client in
      let page = try await client.execute(uri: "/f/\(token)", method: .get)
      let csrf = try require(ServerHarness.csrf(in: page.text))
      func fields(_ count: Int) -> [(String, String)] {
        [("csrf", csrf), ("q1", "mange felter")] + (0..<count).map { ("x\($0)", "1") }
      }
      let hundreds = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form(fields(500)))
      #expect(hundreds.status == .seeOther)
      let thousands = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form(fields(1100)))
      #expect(thousands.status == .badRequest)
    }
  }

  @Test func logLinesAreEscaped() {
    let path = RequestLogMiddleware<FollowUpRequestContext>.redacted("/x\n/etc/passwd:1:1: error: \u{1B}[2J\u{202E}")
    #expect(!path.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{202E}" }, "\(path.debugDescription)")
    #expect(path.contains("\\n"))
    #expect(RequestLogMiddleware<FollowUpRequestContext>.redacted("/f/secret-token") == "/f/…")
  }

  /// A token never reaches the log, however the path around it is written: `//f/<token>`
  /// opens the form too, `/F/<token>` and a token pasted elsewhere are 404s that would
  /// still show it. Paths of the facilitator's pages stay readable.
  @Test func noPathWritesATokenToTheLog() {
    let token = "Oj6CNj36xoWHIbGBa70rKR__HsR7Q8ade_c8CnuYSR8"
    func logged(_ path: String) -> String { RequestLogMiddleware<FollowUpRequestContext>.redacted(path) }
    for path in ["//f/\(token)", "/F/\(token)", "/facilitator/../f/\(token)", "/x/\(token)", "/f/\(token)/evaluation"] {
      #expect(!logged(path).contains(token.prefix(12)), "\(path) → \(logged(path))")
    }
    #expect(logged("//f/\(token)") == "//f/…")
    let tracker = "/facilitator/samskabelseslaboratoriet/2017-03-30/today"
    #expect(logged(tracker) == tracker)
  }

  /// A form whose percent escapes decode to bytes that are not UTF-8 (`S%F8ren` from a
  /// Latin-1 page) is refused as raw bytes that are not UTF-8 are, not saved with U+FFFD.
  @Test func percentEscapesThatAreNotUTF8AreRefused() async throws {
    #expect(SubmittedFormDecoder.decodesToUTF8("q1=S%C3%B8ren+%F0%9F%91%8D&q2=100%25"))
    #expect(SubmittedFormDecoder.decodesToUTF8("q1=50%"))
    for body in ["q1=S%F8ren", "q1=abc%FF%FEdef", "q1=%C0%AF%ED%A0%80x"] {
      #expect(!SubmittedFormDecoder.decodesToUTF8(body), "\(body)")
    }
    let harness = try ServerHarness()
    try await harness.test { client in
      let token = try harness.token("Lone Bisgaard")
      let page = try await client.execute(uri: "/f/\(token)", method: .get)
      let csrf = try #require(ServerHarness.csrf(in: page.text))
      let refused = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ByteBuffer(string: "csrf=\(csrf)&q1=S%F8ren"))
      #expect(refused.status == .badRequest)
      #expect(refused.text.contains("ikke UTF-8"))
    }
  }
}
