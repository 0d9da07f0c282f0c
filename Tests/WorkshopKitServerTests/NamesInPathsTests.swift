import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WorkshopKit
import WorkshopKitStore

@testable import WorkshopKitServer

/// A series folder named with æ, ø, å, a space and `#`: its tracker, CSV and paper entry
/// work, and every path the server writes is percent-encoded.
@Suite struct NamesInPathsTests {
  static let series = "Kursus æøå #1"
  static let encoded = "Kursus%20%C3%A6%C3%B8%C3%A5%20%231"

  /// The 18 April meeting copied into a series folder with an awkward name.
  static func harness() throws -> ServerHarness {
    let harness = try ServerHarness()
    let programs = harness.folder.appendingPathComponent("programs")
    try FileManager.default.copyItem(
      at: programs.appendingPathComponent("civilsamfundet"), to: programs.appendingPathComponent(series))
    return harness
  }

  @Test func trackerCSVAndPaperEntryWorkForSuchASeries() async throws {
    let harness = try Self.harness()
    try await harness.test { client in
      let index = try await client.execute(uri: "/facilitator", method: .get, headers: ServerHarness.facilitatorHeaders)
      #expect(index.text.contains("href=\"/facilitator/\(Self.encoded)/2013-04-18\""), "\(index.text)")
      let tracker = try await client.execute(
        uri: "/facilitator/\(Self.encoded)/2013-04-18", method: .get, headers: ServerHarness.facilitatorHeaders)
      #expect(tracker.status == .ok)
      #expect(tracker.text.contains("href=\"/facilitator/\(Self.encoded)/2013-04-18/export.csv\""))
      #expect(tracker.text.contains("action=\"/facilitator/\(Self.encoded)/2013-04-18/answers\""))
      let participants = try await harness.store.participants(series: Self.series)
      let karen = try require(participants.first { $0.name == "Karen Østergaard" })
      let saved = try await client.execute(
        uri: "/facilitator/\(Self.encoded)/2013-04-18/answers", method: .post,
        headers: ServerHarness.facilitatorHeaders.merging(ServerHarness.formHeaders),
        body: ServerHarness.form([
          ("csrf", try require(ServerHarness.csrf(in: tracker.text))), ("participant", String(karen.id)),
          ("q1", "Læsekreds"),
        ]))
      #expect(saved.status == .seeOther)
      #expect(saved.headers[.location] == "/facilitator/\(Self.encoded)/2013-04-18?saved=1#p\(karen.id)")
      let notice = try await client.execute(
        uri: "/facilitator/\(Self.encoded)/2013-04-18?saved=1", method: .get, headers: ServerHarness.facilitatorHeaders)
      #expect(notice.text.contains("Svaret fra papir er gemt.") && !notice.text.contains("Dine svar"))
      let csv = try await client.execute(
        uri: "/facilitator/\(Self.encoded)/2013-04-18/export.csv", method: .get,
        headers: ServerHarness.facilitatorHeaders)
      #expect(csv.status == .ok)
      #expect(csv.text.contains("Læsekreds"))
      #expect(
        csv.headers[.contentDisposition]
          == "attachment; filename=\"Kursus ___ #1-2013-04-18-followup.csv\"; "
          + "filename*=UTF-8''\(Self.encoded)-2013-04-18-followup.csv")
      let today = try await client.execute(
        uri: "/facilitator/\(Self.encoded)/2013-04-18/today", method: .get, headers: ServerHarness.facilitatorHeaders)
      #expect(today.status == .ok)
    }
  }

  @Test func aParticipantOfSuchASeriesSavesAndIsSentBack() async throws {
    let harness = try Self.harness()
    let check = Checker(exerciseDirectory: harness.folder.appendingPathComponent("exercises").path)
      .check(programAt: harness.folder.appendingPathComponent("programs/\(Self.series)/2013-04-18.yaml").path)
    let program = try require(check.program)
    #expect(program.series == Self.series)
    let participants = try await harness.store.syncParticipants(series: program.series, program.participants)
    let link = try require(
      try harness.store.issueLinks(series: program.series, program: program.id, for: participants, reissue: false)
        .first?.token)
    try await harness.test { client in
      let page = try await client.execute(uri: "/f/\(link)", method: .get)
      #expect(page.status == .ok)
      let saved = try await client.execute(
        uri: "/f/\(link)", method: .post, headers: ServerHarness.formHeaders,
        body: ServerHarness.form([("csrf", try require(ServerHarness.csrf(in: page.text))), ("q1", "ja")]))
      #expect(saved.headers[.location] == "/f/\(link)?saved=1")
    }
  }

  @Test func segmentsAreEncodedAndDecoded() {
    #expect(ServerPaths.segment(Self.series) == Self.encoded)
    #expect(ServerPaths.decodedSegment(Self.encoded) == Self.series)
    #expect(ServerPaths.segment("a/b?c") == "a%2Fb%3Fc")
    #expect(ServerPaths.decodedSegment("%FF") == nil)
  }
}
