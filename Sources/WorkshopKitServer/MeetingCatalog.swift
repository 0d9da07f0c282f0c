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
