import Foundation
import Testing
import WorkshopKit

@testable import WorkshopKitStore

/// A fresh follow-up database in a scratch folder, and what the store tests share.
enum StoreFixture {
  static let series = "civilsamfundet"
  static let program = "2013-04-18"

  static let roster = [
    Participant(name: "Lone Bisgaard", email: "lone.bisgaard@example.org", organisation: "Herlev Bibliotek", pair: "A"),
    Participant(name: "Jakob Friis", email: "jakob.friis@example.org", organisation: "Herlev Bibliotek", pair: "A"),
    Participant(name: "Mette Laursen", organisation: "Ballerup Bibliotekerne"),
  ]

  static func store(_ scratch: KitScratch, _ name: String = "followups.sqlite", busyTimeout: Double = 5) throws
    -> FollowUpStore
  {
    try FollowUpStore(path: scratch.path(name).path, busyTimeout: busyTimeout)
  }

  /// A store with the roster synced and links issued for the reference day.
  static func populated(_ scratch: KitScratch) throws -> (FollowUpStore, [StoredParticipant], [IssuedLink]) {
    let store = try store(scratch)
    let participants = try store.syncParticipants(series: series, roster)
    let links = try store.issueLinks(series: series, program: program, for: participants, reissue: false)
    return (store, participants, links)
  }

  /// Every byte SQLite keeps for the database: the file, its WAL and its shared memory.
  static func bytesOnDisk(_ store: FollowUpStore) throws -> [UInt8] {
    var bytes: [UInt8] = []
    for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: store.path + suffix) {
      bytes += try KitFiles.bytes(URL(fileURLWithPath: store.path + suffix))
    }
    return bytes
  }

  static func decodeBase64URL(_ text: String) -> [UInt8]? {
    var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while base64.count % 4 != 0 { base64 += "=" }
    return Data(base64Encoded: base64).map(Array.init)
  }
}

extension Array where Element == UInt8 {
  func contains(bytes needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
    return (0...(count - needle.count)).contains { start in self[start..<(start + needle.count)].elementsEqual(needle) }
  }
}

/// A scratch copy of `programs/` and `exercises/`, for running `workshopkit` on.
enum StoreWorkspace {
  static func make() throws -> KitScratch {
    let scratch = try KitScratch()
    try FileManager.default.copyItem(at: KitRepo.programs, to: scratch.path("programs"))
    try FileManager.default.copyItem(at: KitRepo.exercises, to: scratch.path("exercises"))
    return scratch
  }

  static let april = "programs/civilsamfundet/2013-04-18.yaml"

  /// `links` output: name → token, for the lines that carry a new link.
  static func tokens(_ stdout: String) -> [String: String] {
    var tokens: [String: String] = [:]
    for line in stdout.split(separator: "\n") {
      let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
      guard fields.count == 2, let slash = fields[1].range(of: "/f/", options: .backwards) else { continue }
      let name = fields[0].components(separatedBy: " <").first ?? fields[0]
      tokens[name] = String(fields[1][slash.upperBound...])
    }
    return tokens
  }
}

struct MissingToken: Error, CustomStringConvertible {
  var name: String
  var description: String { "no new token for \(name)" }
}

extension IssuedLink {
  /// The new token; throws when the link was issued before.
  func requiredToken() throws -> String {
    guard let token else { throw MissingToken(name: participant.name) }
    return token
  }
}

extension Dictionary where Key == String, Value == String {
  /// The token `links` printed for `name`.
  func token(_ name: String) throws -> String {
    guard let token = self[name] else { throw MissingToken(name: name) }
    return token
  }
}
