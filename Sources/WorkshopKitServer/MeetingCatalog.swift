import Foundation
import WorkshopKit
import WorkshopKitStore

/// The meetings the server knows: every program under the programs folder that loads
/// without errors, with its follow-up exercise if it has one and when its form closes.
/// A meeting without one (the course's last) still has its attendance and evaluation.
public struct MeetingCatalog: Sendable {
  public struct Meeting: Sendable {
    /// The meeting's schedule, for the day's view.
    public var schedule: Schedule
    public var program: Program { schedule.program }
    /// The follow-up exercise whose form the links open; nil for a meeting without one.
    public var exercise: Exercise? { program.followUpExercise }
    /// When the next meeting starts; the form is read-only from then on.
    public var closesAt: Date?
    /// The zone of the meeting's clock times, for showing `closesAt`.
    public var timeZone: TimeZone
  }

  private var meetings: [String: Meeting] = [:]

  public init(programsDirectory: String, exercisesDirectory: String, timeZone: TimeZone) throws {
    let files = try ProgramDiscovery.programFiles(in: [programsDirectory])
    let checks = Checker(exerciseDirectory: exercisesDirectory).check(programsAt: files)
    let scheduled = checks.compactMap { check -> Schedule? in check.hasErrors ? nil : check.schedule }
    var starts: [String: ClockTime] = [:]
    for schedule in scheduled {
      if let start = schedule.span?.start {
        starts[Self.key(schedule.program.series, schedule.program.date.value.iso)] = start
      }
    }
    for schedule in scheduled {
      let program = schedule.program
      // The meeting's own zone (`timezone:`), the server's default otherwise.
      let zone = TimeZone(identifier: program.timeZone) ?? timeZone
      let closesAt = program.followUpClosesAt(
        nextStart: program.nextMeeting.flatMap { starts[Self.key(program.series, $0.value.iso)] }, zone: zone)
      meetings[Self.key(program.series, program.id)] = Meeting(
        schedule: schedule, closesAt: closesAt, timeZone: zone)
    }
  }

  public func meeting(series: String, program: String) -> Meeting? {
    meetings[Self.key(series, program)]
  }

  public var all: [Meeting] {
    meetings.values.sorted { ($0.program.series, $0.program.id) < ($1.program.series, $1.program.id) }
  }

  static func key(_ series: String, _ program: String) -> String { series + "/" + program }

  /// The meetings of `older` that this one lacks while `stillThere` says their file is: a
  /// program or series.yaml saved with a mistake in it is served as it was until it is fixed.
  mutating func keep(from older: MeetingCatalog, where stillThere: (Meeting) -> Bool) {
    for (key, meeting) in older.meetings where meetings[key] == nil && stillThere(meeting) { meetings[key] = meeting }
  }

}

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

  /// The catalog, loaded again first when its files changed since the last look.
  func current() async -> MeetingCatalog {
    guard !reloading, ContinuousClock.now - lastLook >= interval else { return catalog }
    lastLook = .now
    let now = Self.signature(configuration)
    guard now != signature else { return catalog }
    reloading = true
    defer { reloading = false }
    do {
      var fresh = try MeetingCatalog(
        programsDirectory: configuration.programsDirectory, exercisesDirectory: configuration.exercisesDirectory,
        timeZone: configuration.timeZone)
      fresh.keep(from: catalog) { FileManager.default.fileExists(atPath: $0.program.file) }
      try await Self.syncRosters(fresh, store)
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

  /// Every file under the programs and exercises folders, by path, with its size and time.
  static func signature(_ configuration: ServerConfiguration) -> [String: FileStamp] {
    var stamps: [String: FileStamp] = [:]
    let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
    for folder in [configuration.programsDirectory, configuration.exercisesDirectory] {
      let root = URL(fileURLWithPath: folder, isDirectory: true)
      guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys) else { continue }
      for case let url as URL in walk {
        guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
        stamps[url.path] = FileStamp(
          size: values.fileSize ?? 0, modified: values.contentModificationDate ?? .distantPast)
      }
    }
    return stamps
  }
}
