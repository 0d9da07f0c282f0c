import Foundation
import Logging
import WorkshopKit
import WorkshopKitStore

/// The meetings as the files say now: a program added or changed while the server runs is
/// served without a restart (links issued for a new meeting open at once). At most every
/// `interval` a request looks at the programs' and exercises' files (names, sizes and
/// modification times, no reading); when any changed, the catalog is loaded again and the
/// rosters synced. A meeting whose program now has errors is served as it was, and a reload
/// that fails keeps every meeting served before.
actor LiveMeetingCatalog {
  private let configuration: ServerConfiguration
  private let store: FollowUpStore
  private let interval: Duration
  private var catalog: MeetingCatalog
  private var signature: [String: FileStamp]
  private var lastLook: ContinuousClock.Instant
  private var reloading = false
  private let logger = Logger(label: "workshopkit.server")

  struct FileStamp: Equatable {
    var size: Int
    var modified: Date
  }

  init(configuration: ServerConfiguration, store: FollowUpStore) async throws {
    self.configuration = configuration
    self.store = store
    interval = configuration.catalogInterval
    signature = Self.signature(configuration)
    lastLook = .now
    catalog = try MeetingCatalog(
      programsDirectory: configuration.programsDirectory, exercisesDirectory: configuration.exercisesDirectory,
      timeZone: configuration.timeZone)
    try await Self.syncRosters(catalog, store)
  }

  /// The catalog, loaded again first when its files changed since the last look. The
  /// looking and loading run off the actor: meanwhile other requests get the catalog as it is.
  func current() async -> MeetingCatalog {
    guard !reloading, ContinuousClock.now - lastLook >= interval else { return catalog }
    lastLook = .now
    reloading = true
    defer { reloading = false }
    let configuration = self.configuration
    let now = await Task.detached { Self.signature(configuration) }.value
    guard now != signature else { return catalog }
    do {
      var fresh = try await Task.detached {
        try MeetingCatalog(
          programsDirectory: configuration.programsDirectory, exercisesDirectory: configuration.exercisesDirectory,
          timeZone: configuration.timeZone)
      }.value
      // The rosters as saved now, before meetings whose program has errors are kept as they were.
      try await Self.syncRosters(fresh, store)
      let kept = fresh.keep(from: catalog) { FileManager.default.fileExists(atPath: $0.program.file) }
      // Said in the server's log, since nobody at a browser sees it: the course leader
      // who saved the file hears why a change does not show.
      for file in fresh.filesWithErrors {
        let served =
          kept.contains { $0.program.file == file }
          ? "its meeting is served as it was before, until the file is fixed"
          : "it is not served until the file is fixed"
        logger.warning("\(file) has errors (workshopkit check \(file) lists them); \(served)")
      }
      catalog = fresh
      signature = now
    } catch {
      // The folder is gone or the database busy: the meetings served so far stay.
    }
    return catalog
  }

  /// Everyone on a roster shows on the tracker, answered or not.
  static func syncRosters(_ catalog: MeetingCatalog, _ store: FollowUpStore) async throws {
    var synced = Set<String>()
    for meeting in catalog.all where synced.insert(meeting.program.series).inserted {
      _ = try await store.syncParticipants(series: meeting.program.series, meeting.program.participants)
    }
  }

  /// The files the catalog is made from, as the build finds them (program files, the
  /// series' series.yaml, the library's exercises; links followed), each with its size and
  /// modification time. Anything else in the folders (an editor's swap file, a database)
  /// changes nothing.
  static func signature(_ configuration: ServerConfiguration) -> [String: FileStamp] {
    let programs = configuration.programsDirectory
    let files = (try? ProgramDiscovery.programFiles(in: [programs])) ?? []
    var paths = Set(files)
    for folder in Set(files.map { PathText.folder(of: $0) }) {
      for name in ["series.yaml", "series.yml"] { paths.insert(folder.isEmpty ? name : folder + "/" + name) }
    }
    paths.formUnion(ProgramDiscovery.seriesFilesWithoutPrograms(in: [programs], programs: files))
    let library = configuration.exercisesDirectory
    for name in (try? FileManager.default.contentsOfDirectory(atPath: library)) ?? []
    where ProgramDiscovery.extensions.contains(where: name.hasSuffix) && !name.hasPrefix(".") {
      paths.insert(library + "/" + name)
    }
    var stamps: [String: FileStamp] = [:]
    for path in paths {
      // The file a symbolic link names: its own times are those of the link.
      let file = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
      guard let attributes = try? FileManager.default.attributesOfItem(atPath: file) else { continue }
      stamps[path] = FileStamp(
        size: (attributes[.size] as? NSNumber)?.intValue ?? 0,
        modified: attributes[.modificationDate] as? Date ?? .distantPast)
    }
    return stamps
  }
}
