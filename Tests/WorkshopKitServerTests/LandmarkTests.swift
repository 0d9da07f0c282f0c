import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Every page the server writes has its content in one `main`, the landmark a screen
/// reader's "skip to content" jumps to, with the page's heading inside it.
@Suite struct LandmarkTests {
  @Test func everyPageHasOneMainHoldingItsHeading() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    let meeting = "/facilitator/civilsamfundet/2013-04-18"
    let pages: [(uri: String, headers: HTTPFields)] = [
      ("/f/\(token)", [:]),
      ("/f/unknown-link", [:]),
      ("/facilitator", ServerHarness.facilitatorHeaders),
      (meeting, ServerHarness.facilitatorHeaders),
      (meeting + "/today?at=10.30&behind=15", ServerHarness.facilitatorHeaders),
      (meeting + "/attendance", ServerHarness.facilitatorHeaders),
      (meeting + "/evaluation", ServerHarness.facilitatorHeaders),
      (meeting, [:]),
    ]
    try await harness.test { client in
      for page in pages {
        let response = try await client.execute(uri: page.uri, method: .get, headers: page.headers)
        let text = String(buffer: response.body)
        #expect(text.components(separatedBy: "<main>").count == 2, "\(page.uri): \(text.prefix(600))")
        let main = try #require(text.range(of: "<main>"), "\(page.uri)")
        let heading = try #require(text.range(of: "<h1"), "\(page.uri)")
        #expect(main.upperBound <= heading.lowerBound, "\(page.uri): the heading is outside main")
        let end = try #require(text.range(of: "</main>"), "\(page.uri)")
        #expect(
          text[end.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines) == "</body>\n</html>",
          "\(page.uri): content after main")
      }
    }
  }
}
