import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WorkshopKit

@testable import WorkshopKitServer

/// `workshopkit-server preview`: the kit served as built, the reload script and the banner
/// added to the served pages only, and a rebuild on every save.
@Suite(.timeLimit(.minutes(2))) struct PreviewTests {
  static let handout = "/civilsamfundet/2013-04-18/handout.xhtml"

  @Test func theKitIsServedWithItsTypesAndHeaders() async throws {
    let harness = try PreviewHarness()
    _ = await harness.preview.build()
    try await harness.test { client in
      let index = try await client.execute(uri: "/", method: .get)
      #expect(index.status == .ok)
      #expect(index.headers[.contentType] == "application/xhtml+xml; charset=utf-8")
      #expect(index.text.contains("href=\"civilsamfundet/2013-04-18/handout.xhtml\""), "\(index.text.prefix(300))")
      let handout = try await client.execute(uri: Self.handout, method: .get)
      #expect(handout.status == .ok)
      #expect(handout.headers[.contentType] == "application/xhtml+xml; charset=utf-8")
      #expect(handout.headers[.cacheControl] == "no-store")
      #expect(handout.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
      #expect(handout.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
      #expect(handout.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
      let calendar = try await client.execute(uri: "/civilsamfundet/2013-04-18/2013-04-18.ics", method: .get)
      #expect(calendar.headers[.contentType] == "text/calendar; charset=utf-8")
      #expect(calendar.text.hasPrefix("BEGIN:VCALENDAR"))
      #expect(
        calendar.text
          == (try String(
            contentsOf: harness.output.appendingPathComponent("civilsamfundet/2013-04-18/2013-04-18.ics"),
            encoding: .utf8)))
      let script = try await client.execute(uri: "/_preview/reload.js", method: .get)
      #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
      #expect(script.text.contains("new EventSource(\"/_preview/events\")"))
      let head = try await client.execute(uri: "/", method: .head)
      #expect(head.status == .ok)
      // A folder is asked for with its slash; the kit has no page for a program's folder.
      let folder = try await client.execute(uri: "/civilsamfundet", method: .get)
      #expect(folder.status == .found || folder.status == .seeOther || folder.status == .movedPermanently)
      #expect(folder.headers[.location] == "/civilsamfundet/")
      // Not an address of another site, whatever the folder is called.
      try FileManager.default.createDirectory(
        at: harness.output.appendingPathComponent("example.org"), withIntermediateDirectories: true)
      let other = try await client.execute(uri: "//example.org", method: .get)
      #expect(other.headers[.location] == "/example.org/")
      #expect(try await client.execute(uri: "/civilsamfundet/", method: .get).status == .notFound)
      #expect(try await client.execute(uri: "/nothing.xhtml", method: .get).status == .notFound)
    }
  }

  @Test func foldersNamedWithDanishLettersArePercentDecoded() async throws {
    let series = "Kursus æøå #1"
    let harness = try PreviewHarness { folder in
      let programs = folder.appendingPathComponent("programs")
      try FileManager.default.copyItem(
        at: programs.appendingPathComponent("civilsamfundet"), to: programs.appendingPathComponent(series))
    }
    _ = await harness.preview.build()
    try await harness.test { client in
      let page = try await client.execute(
        uri: "/Kursus%20%C3%A6%C3%B8%C3%A5%20%231/2013-04-18/handout.xhtml", method: .get)
      #expect(page.status == .ok)
      #expect(page.text.contains("<h1>Civilsamfundet"))
    }
  }

  @Test func nothingOutsideTheOutputFolderIsServed() async throws {
    let harness = try PreviewHarness()
    _ = await harness.preview.build()
    // A link inside the output folder to a file outside it, a database and the manifest.
    try "SECRET".write(to: harness.folder.appendingPathComponent("secret.xhtml"), atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      atPath: harness.output.appendingPathComponent("leak.xhtml").path,
      withDestinationPath: harness.folder.appendingPathComponent("secret.xhtml").path)
    try "SQLITE".write(to: harness.output.appendingPathComponent("followups.sqlite"), atomically: true, encoding: .utf8)
    #expect(
      FileManager.default.fileExists(atPath: harness.output.appendingPathComponent(".workshopkit-manifest.json").path))
    try await harness.test { client in
      for path in [
        "/../programs/civilsamfundet/2013-04-18.yaml", "/civilsamfundet/../../programs/civilsamfundet/2013-04-18.yaml",
        "/%2e%2e/programs/civilsamfundet/2013-04-18.yaml", "/%2E%2E/secret.xhtml", "/..%2Fsecret.xhtml",
        "/civilsamfundet/..%2F..%2Fsecret.xhtml", "/..%5Csecret.xhtml", "/index.xhtml%00.ics", "/leak.xhtml",
        "/.workshopkit-manifest.json", "/followups.sqlite", "/%2Fetc%2Fpasswd", "//etc/passwd",
        "/civilsamfundet/%FF.xhtml",
      ] {
        let response = try await client.execute(uri: path, method: .get)
        #expect(response.status == .notFound, "\(path) answered \(response.status)")
        #expect(!response.text.contains("SECRET") && !response.text.contains("SQLITE"), "\(path)")
        #expect(!response.text.contains("agenda:") && !response.text.contains("root:"), "\(path)")
      }
    }
    #expect(PreviewServer.relativePath("/a/b%20c/d.xhtml") == "a/b c/d.xhtml")
    #expect(PreviewServer.relativePath("/a/%2E/d.xhtml") == nil)
    #expect(PreviewServer.relativePath("/") == "")
  }

  @Test func theScriptIsInTheServedPagesAndNeverInTheFiles() async throws {
    let harness = try PreviewHarness()
    _ = await harness.preview.build()
    let token = harness.preview.state.current.token
    let script = "<script src=\"/_preview/reload.js\" data-build=\"\(token)\" async=\"async\"></script>"
    try await harness.test { client in
      for document in [Self.handout, "/civilsamfundet/2013-04-18/slides.xhtml", "/", "/civilsamfundet/course.xhtml"] {
        let page = try await client.execute(uri: document, method: .get)
        #expect(page.status == .ok)
        #expect(page.text.hasSuffix("\(script)</body>\n</html>\n"))
        #expect(!page.text.contains("<style id=\"workshopkit-preview-style\">"), "no findings, no banner")
        let parsed = ParsedPage(page.text)
        #expect(parsed.wellFormed, "\(document): \(parsed.error ?? "")")
        // Without what the preview adds, the page is the file's bytes.
        let file = harness.output.appendingPathComponent(document == "/" ? "index.xhtml" : String(document.dropFirst()))
        let bytes = try String(contentsOf: file, encoding: .utf8)
        #expect(page.text.replacingOccurrences(of: script, with: "") == bytes)
        // The policy lets in the preview's script and the page's own inline ones (the
        // slides' deck) by the hash of their text as the XML parser reads it.
        let policy = try require(page.headers[.contentSecurityPolicy])
        #expect(policy.contains("script-src 'self'"))
        #expect(policy.contains("connect-src 'self'"))
        for script in parsed.inlineScripts {
          let hash = Data(SHA256.hash(data: Data(script.utf8))).base64EncodedString()
          #expect(policy.contains("'sha256-\(hash)'"), "\(document): \(policy)")
        }
        if document.hasSuffix("slides.xhtml") { #expect(parsed.inlineScripts.count == 1) }
      }
    }
    // The kit on disk is free of the preview, and carries no policy of its own that the
    // served copy would have to loosen for the script.
    let files = try harness.outputFiles()
    #expect(files.count > 40)
    for file in files where !file.hasSuffix(".json") {
      let text = try String(contentsOf: harness.output.appendingPathComponent(file), encoding: .utf8)
      #expect(!text.contains("_preview"), "\(file)")
      #expect(!text.contains("workshopkit-preview"), "\(file)")
      #expect(!text.lowercased().contains("content-security-policy"), "\(file)")
    }
  }

  @Test func theBannerShowsTheProgramsEscapedFindingsOverItsLastGoodBuild() async throws {
    let harness = try PreviewHarness()
    _ = await harness.preview.build()
    // One save that renames the first agenda item and gives it a kind that does not exist.
    try harness.edit(
      harness.program, "    kind: arrival\n    title: Kaffe og morgenbrød",
      "    kind: \"<b>&x\"\n    title: Kaffe og rundstykker")
    let outcome = await harness.preview.build(changed: [harness.program.path])
    #expect(outcome.report.failedPrograms == [harness.program.path])
    try await harness.test { client in
      let page = try await client.execute(uri: Self.handout, method: .get)
      #expect(page.status == .ok)
      let text = page.text
      #expect(text.contains("<aside id=\"workshopkit-preview\" class=\"errors\" role=\"alert\""))
      #expect(text.contains("<style id=\"workshopkit-preview-style\">#workshopkit-preview {"))
      #expect(text.contains("programs/civilsamfundet/2013-04-18.yaml:11:5</code>"), "\(text.prefix(2000))")
      #expect(text.contains("found &quot;&lt;b&gt;&amp;x&quot;"))
      #expect(!text.contains("<b>&x"))
      #expect(text.contains("this is its last good build"))
      // The last good build: the old title, not the new one.
      #expect(text.contains("Kaffe og morgenbrød"))
      #expect(!text.contains("Kaffe og rundstykker"))
      #expect(ParsedPage(text).wellFormed)
      // Its other documents too; not the other meetings, but the index with everything.
      let slides = try await client.execute(uri: "/civilsamfundet/2013-04-18/slides.xhtml", method: .get)
      #expect(slides.text.contains("2013-04-18.yaml:11:5"))
      #expect(ParsedPage(slides.text).wellFormed)
      for other in ["/civilsamfundet/2013-06-03/handout.xhtml", "/cocreation-lab-en/2026-03-12/handout.xhtml"] {
        let page = try await client.execute(uri: other, method: .get)
        #expect(page.status == .ok)
        #expect(!page.text.contains("workshopkit-preview\""), "\(other)")
      }
      let index = try await client.execute(uri: "/", method: .get)
      #expect(index.text.contains("2013-04-18.yaml:11:5"))
    }
    // Fixed: the banner goes and the new title shows.
    try harness.edit(harness.program, "kind: \"<b>&x\"", "kind: arrival")
    let fixed = await harness.preview.build(changed: [harness.program.path])
    #expect(fixed.report.failedPrograms.isEmpty)
    try await harness.test { client in
      let page = try await client.execute(uri: Self.handout, method: .get)
      #expect(!page.text.contains("<aside id=\"workshopkit-preview\""))
      #expect(page.text.contains("Kaffe og rundstykker"))
    }
  }

  @Test func aProgramNeverBuiltShowsItsFindingsWhereItsPagesWillBe() async throws {
    let harness = try PreviewHarness()
    try harness.edit(harness.program, "date: 2013-04-18", "date: 2013-04-31")
    _ = await harness.preview.build()
    try await harness.test { client in
      let page = try await client.execute(uri: Self.handout, method: .get)
      #expect(page.status == .notFound)
      #expect(page.text.contains("programs/civilsamfundet/2013-04-18.yaml:6:1</code>"))
      #expect(page.text.contains("no 31 April 2013"))
      #expect(page.text.contains("<script src=\"/_preview/reload.js\""))
      #expect(ParsedPage(page.text).wellFormed)
    }
  }

  @Test func findingsGoToTheDocumentsTheyConcern() {
    let exercises = "/kit/exercises"
    func place(_ file: String) -> PreviewFindings.Place {
      PreviewFindings.place(of: file, exerciseDirectory: exercises)
    }
    #expect(place("/kit/programs/civilsamfundet/2013-04-18.yaml") == .program("civilsamfundet/2013-04-18"))
    #expect(place("programs/Kursus æøå/møde.yml") == .program("Kursus æøå/møde"))
    #expect(place("/kit/programs/civilsamfundet/series.yaml") == .series("civilsamfundet"))
    #expect(place("/kit/programs/civilsamfundet/followups/2013-04-18.yaml") == .series("civilsamfundet"))
    #expect(place("/kit/programs/civilsamfundet/attendance/2013-04-18.yaml") == .series("civilsamfundet"))
    #expect(place("/kit/exercises/troika-sparring.yaml") == .elsewhere)

    let program = Diagnostic(.invalidValue, at: SourceLocation(file: "/p/s/a.yaml", line: 2, column: 3), "program")
    let series = Diagnostic(.invalidValue, .warning, at: .start(of: "/p/s/series.yaml"), "series")
    let exercise = Diagnostic(.invalidValue, at: .start(of: "/kit/exercises/x.yaml"), "exercise")
    let findings = PreviewFindings(
      diagnostics: [program, series, exercise], failedPrograms: ["/p/s/a.yaml"], exerciseDirectory: exercises)
    #expect(findings.banner(for: "s/a/handout.xhtml")?.findings == [exercise, program, series])
    #expect(findings.banner(for: "s/a/handout.xhtml")?.notRebuilt == true)
    #expect(findings.banner(for: "s/b/handout.xhtml")?.findings == [series])
    #expect(findings.banner(for: "s/b/handout.xhtml")?.notRebuilt == false)
    #expect(findings.banner(for: "s/course.xhtml")?.findings == [program, series])
    #expect(findings.banner(for: "t/c/handout.xhtml") == nil)
    #expect(findings.banner(for: "index.xhtml")?.findings.count == 3)
  }

  @Test func bannerTextIsEscapedForXML() {
    #expect(PreviewPage.escaped("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;")
    #expect(PreviewPage.escaped("æøå \u{FFFE}\u{1}") == "æøå \\u{FFFE}\\u{1}")
    let finding = Diagnostic(
      .invalidValue, at: SourceLocation(file: "programs/<s>/a&b.yaml", line: 1, column: 2), "\"x\"\n\u{202E}evil")
    let markup = PreviewPage.markup(PreviewFindings.Banner(findings: [finding], notRebuilt: false))
    #expect(markup.contains("programs/&lt;s&gt;/a&amp;b.yaml:1:2"))
    #expect(markup.contains("&quot;x&quot;\\n\\u{202E}evil"))
    #expect(ParsedPage("<root>" + markup + "</root>").wellFormed)
    #expect(!PreviewAssets.stylesheet.contains("<") && !PreviewAssets.stylesheet.contains("&"))
  }

  @Test func aRebuildAfterASaveChangesTheServedText() async throws {
    let harness = try PreviewHarness()
    let preview = harness.preview
    let watching = Task { await preview.watch { _ in } }
    defer { watching.cancel() }
    #expect(await eventually { preview.state.current.number >= 1 })
    try await harness.test { client in
      let before = try await client.execute(uri: Self.handout, method: .get)
      #expect(before.text.contains("Kaffe og morgenbrød"))
      try harness.edit(harness.program, "title: Kaffe og morgenbrød", "title: Kaffe og wienerbrød")
      #expect(await eventually { preview.state.current.number >= 2 })
      let after = try await client.execute(uri: Self.handout, method: .get)
      #expect(after.text.contains("Kaffe og wienerbrød"))
      #expect(!after.text.contains("Kaffe og morgenbrød"))
      #expect(after.text.contains("data-build=\"\(preview.state.current.token)\""))
    }
  }

  @Test func listeningPagesHearOfEveryBuild() async throws {
    let harness = try PreviewHarness()
    let preview = harness.preview
    _ = await preview.build()
    try await preview.application().test(.live) { client in
      let port = try require(client.port)
      let socket = try LoopbackSocket()
      try socket.connect(port: port)
      socket.send("GET /_preview/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
      let first = try require(await socket.read(until: "data: \(preview.state.current.token)\n\n"))
      #expect(first.lowercased().contains("content-type: text/event-stream"))
      #expect(first.contains("retry: 500"))
      #expect(await eventually { preview.state.listenerCount == 1 })
      let second = await preview.build()
      #expect(await socket.read(until: "data: \(second.build.token)\n\n") != nil)
      // Stopping ends the stream, so the server does not wait for the page.
      preview.state.close()
      #expect(await eventually { preview.state.listenerCount == 0 })
    }
  }

  @Test func onlyRequestsForTheLoopbackAddressAreAnswered() async throws {
    let harness = try PreviewHarness()
    _ = await harness.preview.build()
    try await harness.preview.application().test(.live) { client in
      let port = try require(client.port)
      for (host, status) in [
        ("127.0.0.1:\(port)", "200"), ("localhost:\(port)", "200"), ("[::1]:\(port)", "200"),
        ("attacker.example:\(port)", "421"), ("127.0.0.1.attacker.example", "421"),
      ] {
        let socket = try LoopbackSocket()
        try socket.connect(port: port)
        socket.send("GET / HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
        let head = await socket.read(until: "\r\n") ?? ""
        #expect(head.hasPrefix("HTTP/1.1 \(status) "), "\(host): \(head)")
      }
    }
    #expect(PreviewHeadersMiddleware<BasicRequestContext>.isLoopback(authority: "LOCALHOST"))
  }
}
