import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WorkshopKitStore

@testable import WorkshopKitServer

/// Another process holds the database's write lock (`links`, a backup, the sqlite3 shell):
/// the server keeps answering, and saves wait a moment, then get the server's 503 page.
@Suite struct LockedDatabaseTests {
  @Test(.timeLimit(.minutes(1))) func healthAnswersAtOnceWhileSavesWaitOrGet503() async throws {
    let harness = try ServerHarness()
    let token = try harness.token("Lone Bisgaard")
    let path = harness.store.path
    try await harness.test { client in
      let page = try await client.execute(uri: "/f/\(token)", method: .get)
      let csrf = try require(ServerHarness.csrf(in: page.text))
      // Another process, as it were: its transaction outlives one database access.
      var configuration = Configuration()
      configuration.allowsUnsafeTransactions = true
      let other = try DatabaseQueue(path: path, configuration: configuration)
      try await other.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE TRANSACTION") }
      // More saves than Swift has cooperative threads: blocking calls would fill them all.
      let saves = Task {
        try await withThrowingTaskGroup(of: (HTTPResponse.Status, HTTPFields, String, Duration).self) { group in
          for index in 0..<8 {
            group.addTask {
              let started = ContinuousClock.now
              let response = try await client.execute(
                uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
                body: ServerHarness.form([("csrf", csrf), ("q1", "gemt under lås \(index)")]))
              return (response.status, response.headers, response.text, ContinuousClock.now - started)
            }
          }
          return try await group.reduce(into: []) { $0.append($1) }
        }
      }
      try await Task.sleep(for: .milliseconds(200))
      for _ in 0..<10 {
        let started = ContinuousClock.now
        let health = try await client.execute(uri: "/health", method: .get)
        let elapsed = ContinuousClock.now - started
        #expect(health.status == .ok)
        // Not held up by the lock: the saves wait up to 2 s for it, /health does not wait at
        // all. The 100 ms figure is measured on a real socket by Tests/load/followup_faults.py;
        // a unit test on a busy machine only asserts that nothing waits for the lock.
        #expect(elapsed < .seconds(1), "GET /health took \(elapsed) with the database locked")
        try await Task.sleep(for: .milliseconds(50))
      }
      let results = try await saves.value
      try await other.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
      try other.close()
      for (status, headers, text, elapsed) in results {
        #expect(status == .serviceUnavailable)
        #expect(headers[.contentType] == "application/xhtml+xml; charset=utf-8")
        #expect(headers[.cacheControl] == "no-store")
        #expect(headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true)
        #expect(headers[.retryAfter] == "5")
        #expect(text.contains("Vent et øjeblik"))
        #expect(!text.contains(path) && !text.contains("sqlite"), "the page names no file")
        #expect(elapsed < .seconds(ServerConfiguration.storeBusyTimeout * 2), "\(elapsed)")
      }
      // The lock gone, the next save goes through.
      let saved = try await client.execute(
        uri: "/f/\(token)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("csrf", csrf), ("q1", "efter låsen")]))
      #expect(saved.status == .seeOther)
    }
    let stored = try await harness.store.answers(series: "civilsamfundet", program: "2013-04-18")
    #expect(stored.map(\.answer.responses.first) == ["efter låsen"])
  }
}
