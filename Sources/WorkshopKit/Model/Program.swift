/// One meeting's program: `programs/<series>/<id>.yaml`, merged with its `series.yaml`.
public struct Program: Sendable, Hashable {
  /// The file name without `.yaml`, e.g. `2013-04-18`.
  public var id: String
  /// The folder the program lives in, e.g. `civilsamfundet`.
  public var series: String
  public var file: String
  public var title: String
  public var course: String?
  public var meeting: Int?
  /// Where `meeting:` was written, for findings across the series.
  public var meetingLocation: SourceLocation?
  /// The program's days; one for a program written with `date` and `agenda`.
  public var days: [ProgramDay] = []
  /// Who of the roster is not there (`absent:`).
  public var absent: [Located<String>] = []
  /// What the series calls a meeting ("workshop"); nil for the language's own word.
  public var meetingWord: String?
  /// Whether `language:` was written, here or in series.yaml; without it the program is in
  /// Danish by default, which an English course may not know.
  public var languageIsGiven = true
  /// The IANA time zone of the meeting's clock times.
  public var timeZone = "Europe/Copenhagen"
  /// The meeting's evaluation form, when the series or program declares one.
  public var evaluation: Evaluation?
  public var timeZoneLocation: SourceLocation?

  /// The last day's date: a next meeting comes after it.
  public var lastDate: Located<CalendarDate> { days.last?.date ?? date }
  public var isMultiDay: Bool { days.count > 1 }
  /// The days to schedule: `days`, or the one day of a program written with `date`.
  public var scheduleDays: [ProgramDay] {
    days.isEmpty ? [ProgramDay(date: date, day: day, start: start, agendaLocation: agendaLocation)] : days
  }
  public var date: Located<CalendarDate>
  public var language: Language
  public var venue: String?
  public var facilitator: String?
  public var day: Located<TimeRange>?
  public var start: Located<ClockTime>?
  public var nextMeeting: Located<CalendarDate>?
  public var rules: RuleConfiguration
  public var participants: [Participant]
  public var agenda: [AgendaItem]
  /// Where `agenda:` was written, for findings about the day as a whole.
  public var agendaLocation: SourceLocation

  public init(
    id: String, series: String, file: String, title: String, course: String? = nil,
    meeting: Int? = nil, date: Located<CalendarDate>, language: Language = .da,
    venue: String? = nil, facilitator: String? = nil, day: Located<TimeRange>? = nil,
    start: Located<ClockTime>? = nil, nextMeeting: Located<CalendarDate>? = nil,
    rules: RuleConfiguration = RuleConfiguration(), participants: [Participant] = [],
    agenda: [AgendaItem], agendaLocation: SourceLocation
  ) {
    self.id = id
    self.series = series
    self.file = file
    self.title = title
    self.course = course
    self.meeting = meeting
    self.date = date
    self.language = language
    self.venue = venue
    self.facilitator = facilitator
    self.day = day
    self.start = start
    self.nextMeeting = nextMeeting
    self.rules = rules
    self.participants = participants
    self.agenda = agenda
    self.agendaLocation = agendaLocation
  }

  /// Every exercise the program uses, in agenda order, each once.
  public var exercises: [Exercise] {
    // A program has a handful of exercises: a scan of those found beats hashing, and no
    // intermediate arrays are built (every document asks).
    var found: [Exercise] = []
    for item in agenda {
      for part in item.parts {
        guard let exercise = part.exercise?.exercise, !found.contains(where: { $0.id == exercise.id }) else {
          continue
        }
        found.append(exercise)
      }
    }
    return found
  }

  /// The exercise whose commitments the follow-up form asks about: the first of the day
  /// with `follow-up: true` (`exercises.first(where: \.followUp)` without building the list).
  public var followUpExercise: Exercise? { followUpPart?.exercise?.exercise }

  /// The part of the day that runs the follow-up exercise: its `groups:`, where it has them,
  /// are who worked together on the plans.
  public var followUpPart: Activity? {
    for item in agenda {
      for part in item.parts where part.exercise?.exercise?.followUp == true { return part }
    }
    return nil
  }
}

/// Someone taking part in a course (the roster in `series.yaml`).
public struct Participant: Sendable, Hashable {
  public var name: String
  public var email: String?
  public var organisation: String?
  /// Participants with the same label work as a pair or group.
  public var pair: String?

  public init(name: String, email: String? = nil, organisation: String? = nil, pair: String? = nil) {
    self.name = name
    self.email = email
    self.organisation = organisation
    self.pair = pair
  }
}

/// One day of a program: its date, its bounds and where its minutes start.
public struct ProgramDay: Sendable, Hashable {
  public var date: Located<CalendarDate>
  public var day: Located<TimeRange>?
  public var start: Located<ClockTime>?
  /// Where the day's `agenda:` was written.
  public var agendaLocation: SourceLocation

  public init(
    date: Located<CalendarDate>, day: Located<TimeRange>? = nil, start: Located<ClockTime>? = nil,
    agendaLocation: SourceLocation
  ) {
    self.date = date
    self.day = day
    self.start = start
    self.agendaLocation = agendaLocation
  }
}
