import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WorkshopKit
import WorkshopKitStore

@testable import WorkshopKitServer

/// Programs saved while the server runs: a new meeting's links open without a restart, a
/// program saved with a mistake keeps being served as it was, a deleted one is gone.
@Suite struct CatalogReloadTests {
  @Test func aMeetingAddedWhileTheServerRunsIsServed() async throws {
    let harness = try ServerHarness()
    let programs = harness.folder.appendingPathComponent("programs/civilsamfundet")
    let june = programs.appendingPathComponent("2013-06-03.yaml")
    let aside = harness.folder.appendingPathComponent("2013-06-03.yaml")
    try FileManager.default.moveItem(at: june, to: aside)
    let server = try await harness.server { $0.catalogInterval = .zero }
    #expect(await server.meetings().map(\.program.id).contains("2013-06-03") == false)
    try await server.application().test(.router) { client in
      let before = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-06-03/attendance", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      #expect(before.status == .notFound)
      // The facilitator saves the next meeting's program and issues its links.
      try FileManager.default.moveItem(at: aside, to: june)
      let participants = try await harness.store.participants(series: "civilsamfundet")
      let links = try await harness.store.issueLinks(
        series: "civilsamfundet", program: "2013-06-03", for: participants, reissue: false)
      let token = try require(links.first?.token)
      let link = try await client.execute(uri: "/f/\(token)", method: .get)
      #expect(link.status != .notFound, "\(link.status)")
      let attendance = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-06-03/attendance", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      #expect(attendance.status == .ok)

      // series.yaml saved with a mistake: every meeting of the series is served as it was.
      let series = programs.appendingPathComponent("series.yaml")
      let good = try Data(contentsOf: series)
      try Data("title: [unclosed\n".utf8).write(to: series)
      let april = try await client.execute(uri: "/f/\(try harness.token("Lone Bisgaard"))", method: .get)
      #expect(april.status == .ok)
      #expect(april.text.contains("Lone Bisgaard"))
      try good.write(to: series)

      // A program deleted is no longer served.
      try FileManager.default.removeItem(at: june)
      let gone = try await client.execute(
        uri: "/facilitator/civilsamfundet/2013-06-03/attendance", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      #expect(gone.status == .notFound)
    }
  }
}
