import Foundation

/// What the renderers need for one program: its schedule, the check's warnings for it,
/// and the recap of the previous meeting's follow-up answers when there are any.
public struct KitInput: Sendable {
  public var schedule: Schedule {
    didSet { frame = FrameTexts(schedule.program) }
  }
  /// The running title and the other texts every document of the program repeats.
  public private(set) var frame: FrameTexts
  public var warnings: [Diagnostic]
  public var recap: Recap?
  /// The pairs and groups of each exercise, from the roster.
  public var groups: [GroupPlanner.PartPlan] = []
  /// The answers known so far to this program's own follow-up form (its `followups/` file
  /// and the database), for the facilitator's tracker.
  public var followUpAnswers: [FollowUpAnswer] = []
  /// The next meeting's schedule, when its program is in the series and sound.
  public var nextMeeting: Schedule?

  public init(schedule: Schedule, warnings: [Diagnostic] = [], recap: Recap? = nil) {
    self.schedule = schedule
    self.frame = FrameTexts(schedule.program)
    self.warnings = warnings
    self.recap = recap
  }

  public var program: Program { schedule.program }

  /// The days of the next meeting, for "Vi ses den 8. og 9. april!": its program's days
  /// where it is in the series and sound, else `next-meeting` alone; empty without one.
  public var nextMeetingDates: [CalendarDate] {
    guard let next = program.nextMeeting?.value else { return [] }
    guard let meeting = nextMeeting?.program, meeting.date.value == next else { return [next] }
    return meeting.scheduleDays.map(\.date.value)
  }

  /// The groups planned for an exercise part, if any.
  public func groups(for activity: Activity) -> [GroupPlanner.Assignment] {
    groups.first { $0.activity.location == activity.location }?.assignments ?? []
  }
  public var language: Language { schedule.program.language }

  /// Where the recap of last time belongs: the first `recap` part on the agenda ("Opsamling
  /// fra sidst"). A later one, such as the closing wrap-up, sums up this meeting instead.
  public var recapPart: SourceLocation? {
    schedule.parts.first { $0.activity.kind == .recap }?.activity.location
  }
}

/// The previous meeting's follow-up: its questions and what participants answered.
public struct Recap: Sendable {
  public var previousMeeting: Program
  public var exercise: Exercise
  public var answers: [FollowUpAnswer]

  public init(previousMeeting: Program, exercise: Exercise, answers: [FollowUpAnswer]) {
    self.previousMeeting = previousMeeting
    self.exercise = exercise
    self.answers = answers
  }
}

/// One participant's or pair's answers to a follow-up form.
public struct FollowUpAnswer: Sendable, Hashable {
  public enum Status: String, Sendable, Hashable, CaseIterable {
    case notStarted = "not-started"
    case inProgress = "in-progress"
    case done

    /// As the paper tracker prints them, in Danish and in English, capitalised or not, for
    /// answers typed in from paper.
    public static let printedWords: KeyValuePairs<String, Status> = [
      "ikke startet": .notStarted, "i gang": .inProgress, "færdig": .done,
      "Ikke startet": .notStarted, "I gang": .inProgress, "Færdig": .done,
      "not started": .notStarted, "in progress": .inProgress,
      "Not started": .notStarted, "In progress": .inProgress, "Done": .done,
    ]

    /// Words for a status that are not among its names nor printed on the tracker: the
    /// check says which status they mean (`finished`: did you mean `done`?).
    public static let meantBy: [String: Status] = [
      "finished": .done, "complete": .done, "completed": .done, "færdige": .done, "afsluttet": .done,
      "gennemført": .done, "started": .inProgress, "ongoing": .inProgress, "begun": .inProgress, "igang": .inProgress,
      "i-gang": .inProgress, "todo": .notStarted, "to do": .notStarted, "not-yet": .notStarted,
      "ikke-startet": .notStarted, "ikke begyndt": .notStarted,
    ]

    var label: Label {
      switch self {
      case .notStarted: .notStarted
      case .inProgress: .inProgress
      case .done: .done
      }
    }
  }

  public var who: String
  public var status: Status?
  public var stage: String?
  /// One per follow-up question, in order; an unanswered question is empty. These are the
  /// plan made on the day when the exercise also has `report` questions.
  public var responses: [String]
  /// One per report question: what was done before the next meeting.
  public var report: [String] = []

  public init(who: String, status: Status? = nil, stage: String? = nil, responses: [String], report: [String] = []) {
    self.who = who
    self.status = status
    self.stage = stage
    self.responses = responses
    self.report = report
  }

  /// Whether this answer is the respondent's: the same title ("Makkerpar A"), a title
  /// followed by the names ("Makkerpar A – Lone Bisgaard og Jakob Friis"), or one of the names.
  func belongs(to title: String, names: [String]) -> Bool {
    let who = self.who.trimmingCharacters(in: .whitespaces)
    if who == title || who.hasPrefix(title + " ") { return true }
    return names.contains { who == $0 || who.contains($0) }
  }
}
