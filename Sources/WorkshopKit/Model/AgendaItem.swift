/// What kind of time an activity is. Content is everything but arrival, breaks and meals.
public enum ActivityKind: String, Sendable, Hashable, CaseIterable {
  case arrival, talk, exercise, plenary, recap
  case `break`
  case meal

  /// Counts towards the day's content time (rules break-interval and involvement).
  public var isContent: Bool {
    switch self {
    case .talk, .exercise, .plenary, .recap: true
    case .arrival, .break, .meal: false
    }
  }

  /// Time in which participants are the ones working (rule involvement).
  public var isParticipantActivity: Bool { self == .exercise || self == .plenary }

  /// Ends a block of content (rule break-interval).
  public var isRest: Bool { self == .break || self == .meal }
}

extension ActivityKind {
  /// The Danish words a program may use for a kind: `pause`, `frokost`, `oplæg` …, in the
  /// order the check lists them.
  public static let danishWords: KeyValuePairs<String, ActivityKind> = [
    "pause": .break, "frokost": .meal, "oplæg": .talk, "ankomst": .arrival, "opsamling": .recap,
    "plenum": .plenary, "øvelse": .exercise,
  ]

  /// Words an author may write for a kind that are not among its names, in English and
  /// Danish: the check says which kind they mean (`lunch`: did you mean `meal`?).
  public static let meantBy: [String: ActivityKind] = [
    "lunch": .meal, "dinner": .meal, "breakfast": .meal, "middag": .meal, "aftensmad": .meal,
    "lecture": .talk, "keynote": .talk, "presentation": .talk, "speech": .talk, "foredrag": .talk,
    "coffee": .break, "tea": .break, "kaffe": .break, "kaffepause": .break,
    "welcome": .arrival, "registration": .arrival, "velkomst": .arrival,
    "discussion": .plenary, "dialog": .plenary, "debat": .plenary, "diskussion": .plenary,
    "summary": .recap, "wrap-up": .recap, "opsummering": .recap,
    "activity": .exercise, "workshop": .exercise, "reflection": .exercise,
  ]
}

/// Someone who gives a talk, with where they come from.
public struct Presenter: Sendable, Hashable {
  public var name: String
  public var affiliation: String?

  public init(name: String, affiliation: String? = nil) {
    self.name = name
    self.affiliation = affiliation
  }
}

/// One thing that happens: a talk, an exercise, a break. An agenda item is one activity
/// or a slot of several timed parts.
public struct Activity: Sendable, Hashable {
  public var kind: ActivityKind
  public var title: String
  /// Who gives it: one name (`presenter:` as text) or several (`presenter:` as a list).
  public var presenters: [Presenter] = []
  /// Whether a replan may shorten it though it is not an exercise or break (`flexible: true`).
  public var isFlexible = false
  /// Groups fixed by hand (`groups:`), each a list of names from the roster.
  public var groups: Located<[[Located<String>]]>?
  public var lead: String?
  /// Facilitator-only remarks.
  public var notes: String?
  public var exercise: ExerciseReference?
  /// The `minutes:` of a part, or of an item timed by duration.
  public var minutes: Located<Int>?
  /// Where the item or part begins in the file.
  public var location: SourceLocation

  public init(
    kind: ActivityKind, title: String, presenter: String? = nil, affiliation: String? = nil,
    lead: String? = nil, notes: String? = nil, exercise: ExerciseReference? = nil,
    minutes: Located<Int>? = nil, location: SourceLocation
  ) {
    self.kind = kind
    self.title = title
    if let presenter { self.presenters = [Presenter(name: presenter, affiliation: affiliation)] }
    self.lead = lead
    self.notes = notes
    self.exercise = exercise
    self.minutes = minutes
    self.location = location
  }
}

extension Activity {
  /// The presenters' names, `Katrine Winther Adelsparre` or `Anna Holm, Lars Brøndum`.
  public var presenter: String? { presenters.isEmpty ? nil : presenters.map(\.name).joined(separator: ", ") }
  /// The one presenter's affiliation (with several, each has its own).
  public var affiliation: String? { presenters.count == 1 ? presenters[0].affiliation : nil }
}

/// An `exercise:` id in a program and, once found in the library, the exercise itself.
public struct ExerciseReference: Sendable, Hashable {
  public var id: String
  public var location: SourceLocation
  public var exercise: Exercise?

  public init(id: String, location: SourceLocation, exercise: Exercise? = nil) {
    self.id = id
    self.location = location
    self.exercise = exercise
  }
}

/// One row of the agenda.
public struct AgendaItem: Sendable, Hashable {
  public enum Timing: Sendable, Hashable {
    /// `time: 10.15-11.30`
    case range(Located<TimeRange>)
    /// `minutes: 45`: starts where the previous item ends.
    case duration(Located<Int>)
    /// A slot whose length is the sum of its parts' minutes.
    case sumOfParts
  }

  public var timing: Timing
  /// The activity, or the slot's parts in order.
  public var parts: [Activity]
  /// Whether the file wrote `parts:` (a slot), rather than one activity.
  public var isSlot: Bool
  /// A slot's own title, for the day's overview (e.g. "Opsamling og næste skridt").
  public var slotTitle: String?
  /// Where `parts:` was written, for findings about the slot as a whole.
  public var partsLocation: SourceLocation?
  public var location: SourceLocation
  /// Which day of the program the item is on: 0 for the first (and a one-day program's).
  public var day = 0

  public init(
    timing: Timing, parts: [Activity], isSlot: Bool, slotTitle: String? = nil,
    partsLocation: SourceLocation? = nil, location: SourceLocation
  ) {
    self.timing = timing
    self.parts = parts
    self.isSlot = isSlot
    self.slotTitle = slotTitle
    self.partsLocation = partsLocation
    self.location = location
  }

  /// A title for the row: the slot's own, else the activities' joined.
  public var title: String { slotTitle ?? parts.map(\.title).joined(separator: " · ") }

  /// The item on a day that starts at `dayStart` and runs past midnight.
  func placed(onDayStarting dayStart: ClockTime) -> AgendaItem {
    guard case .range(let range) = timing else { return self }
    var moved = self
    moved.timing = .range(
      Located(
        TimeRange(start: range.value.start.onDay(starting: dayStart), end: range.value.end.onDay(starting: dayStart)),
        at: range.location))
    return moved
  }

  /// Where the item's timing was written, else the item itself.
  public var timingLocation: SourceLocation {
    switch timing {
    case .range(let range): range.location
    case .duration(let minutes): minutes.location
    case .sumOfParts: location
    }
  }
}
