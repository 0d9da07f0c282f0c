import Foundation
import WorkshopKit

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
    public var closesAt: Date? = nil
    /// The zone of the meeting's clock times, for showing `closesAt`.
    public var timeZone: TimeZone
    /// Who shares which follow-up form (`FollowUpForm.respondents`), worked out once when
    /// the catalog loads: every form page asks it.
    public var respondents: [FollowUpForm.Respondent] = []

    init(schedule: Schedule, timeZone: TimeZone) {
      self.schedule = schedule
      self.timeZone = timeZone
      if schedule.program.followUpExercise != nil { respondents = FollowUpForm.respondents(schedule.program) }
    }

    /// The others `name` shares a follow-up form with; none for a form of one's own.
    public func partners(of name: String) -> [String] {
      respondents.first { $0.names.contains(name) }.map { $0.names.filter { $0 != name } } ?? []
    }
  }

  private var meetings: [String: Meeting] = [:]
  /// The program files that had errors when the catalog was loaded: none has a meeting
  /// here unless one was kept from before (`keep(from:where:)`).
  public private(set) var filesWithErrors: [String] = []

  public init(programsDirectory: String, exercisesDirectory: String, timeZone: TimeZone) throws {
    let files = try ProgramDiscovery.programFiles(in: [programsDirectory])
    let checks = Checker(exerciseDirectory: exercisesDirectory).check(programsAt: files)
    filesWithErrors = checks.filter(\.hasErrors).map(\.path)
    for schedule in checks.compactMap({ $0.hasErrors ? nil : $0.schedule }) {
      let program = schedule.program
      // The meeting's own zone (`timezone:`), the server's default otherwise.
      let zone = TimeZone(identifier: program.timeZone) ?? timeZone
      meetings[Self.key(program.series, program.id)] = Meeting(schedule: schedule, timeZone: zone)
    }
    setClosingTimes()
  }

  /// Each form closes when the next meeting of its series begins, as served: a next meeting
  /// kept as it was while its file has errors still decides, not the start of its day.
  private mutating func setClosingTimes() {
    var openings: [String: ClockTime] = [:]
    for meeting in meetings.values {
      if let opening = meeting.schedule.opening {
        openings[Self.key(meeting.program.series, meeting.program.date.value.iso)] = opening
      }
    }
    for (key, meeting) in meetings {
      let program = meeting.program
      meetings[key]?.closesAt = program.followUpClosesAt(
        nextStart: program.nextMeeting.flatMap { openings[Self.key(program.series, $0.value.iso)] },
        zone: meeting.timeZone)
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
  /// Returns the meetings kept.
  @discardableResult
  mutating func keep(from older: MeetingCatalog, where stillThere: (Meeting) -> Bool) -> [Meeting] {
    var kept: [Meeting] = []
    for (key, meeting) in older.meetings where meetings[key] == nil && stillThere(meeting) {
      meetings[key] = meeting
      kept.append(meeting)
    }
    if !kept.isEmpty { setClosingTimes() }
    return kept.sorted { $0.program.file < $1.program.file }
  }

}
