/// A program with every item, part and exercise step placed on the clock.
public struct Schedule: Sendable {
  public var program: Program
  /// In agenda order, as the file lists them.
  public var items: [ScheduledItem] {
    didSet { parts = items.flatMap(\.parts) }
  }

  /// Every part of every item, in agenda order. Kept beside `items` rather than gathered
  /// on every use: each document and rule reads it, some of them several times.
  public private(set) var parts: [ScheduledPart]

  public init(program: Program, items: [ScheduledItem]) {
    self.program = program
    self.items = items
    self.parts = items.flatMap(\.parts)
  }

  /// The items of each day, in agenda order: one list for a one-day program.
  public var itemsByDay: [[ScheduledItem]] {
    var days = Array(repeating: [ScheduledItem](), count: max(1, program.scheduleDays.count))
    for item in items where item.item.day < days.count { days[item.item.day].append(item) }
    return days
  }

  /// The schedule of one day, with the program's day, start and date set to that day's,
  /// for rules and documents that look at one day at a time.
  public func day(_ index: Int) -> Schedule {
    let days = program.scheduleDays
    guard days.count > 1, index < days.count else { return self }
    var program = program
    program.date = days[index].date
    program.day = days[index].day
    program.start = days[index].start
    program.agendaLocation = days[index].agendaLocation
    return Schedule(program: program, items: items.filter { $0.item.day == index })
  }

  /// From the first item's start to the last item's end.
  public var span: TimeRange? {
    guard let start = items.map(\.span.start).min(), let end = items.map(\.span.end).max() else { return nil }
    return TimeRange(start: start, end: end)
  }

  /// When the meeting begins: the first item of its first day. For a meeting of several
  /// days, not the earliest start of any day (a second day may begin earlier).
  public var opening: ClockTime? { day(0).span?.start }

  /// "Dag 2" / "Day 2" for a part of a meeting of several days, so a worksheet or a
  /// presenter's line says which day; nil for a meeting of one day.
  public func dayLabel(of part: ScheduledPart) -> String? {
    guard program.isMultiDay, let day = day(of: part.activity) else { return nil }
    return program.language(.dayNumber, day + 1)
  }

  /// The day (from 0) an activity of the agenda is on.
  public func day(of activity: Activity) -> Int? {
    items.first { $0.parts.contains { $0.activity.location == activity.location } }?.item.day
  }

  /// A clock time as this schedule counts it. On a day that runs past midnight the
  /// schedule counts on (00.20 is 24.20 of the evening before), so a time before the day's
  /// start but nearer its end than its start is taken as after midnight.
  public func dayClock(_ clock: ClockTime) -> ClockTime {
    let midnight = 24 * 60
    guard let span, clock < span.start else { return clock }
    let endAfterMidnight = span.end.minutesSinceMidnight - midnight
    let afterMidnight =
      endAfterMidnight > 0
      && clock.minutesSinceMidnight < (endAfterMidnight + span.start.minutesSinceMidnight) / 2
    return afterMidnight ? clock.adding(minutes: midnight) : clock
  }

  /// The day of the program a moment on the wall calendar belongs to, with the clock as
  /// that day's schedule counts it: 00.20 on the 19th is still the evening of the 18th
  /// (at 24.20) while that evening runs past midnight; 00.20 on the 18th is before it.
  /// Nil on a date that is none of the program's.
  public func dayAndClock(on date: CalendarDate, at clock: ClockTime) -> (day: Int, clock: ClockTime)? {
    let days = program.scheduleDays
    let midnight = 24 * 60
    if let evening = days.firstIndex(where: { $0.date.value.daysSinceEpoch == date.daysSinceEpoch - 1 }),
      let span = day(evening).span, clock.adding(minutes: midnight) < span.end
    {
      return (evening, clock.adding(minutes: midnight))
    }
    guard let index = days.firstIndex(where: { $0.date.value == date }) else { return nil }
    return (index, clock)
  }
}

public struct ScheduledItem: Sendable {
  public var item: AgendaItem
  public var span: TimeRange
  public var parts: [ScheduledPart]
}

public struct ScheduledPart: Sendable {
  public var activity: Activity
  public var span: TimeRange
  /// The exercise's steps on the clock; empty for anything but an exercise.
  public var steps: [ScheduledStep]

  public var exercise: Exercise? { activity.exercise?.exercise }
}

public struct ScheduledStep: Sendable {
  public var step: Step
  public var span: TimeRange
  /// 1, 2, 3 … for questions (`ask`), nil for instructions and for questions that bring
  /// their own number; within each section where the instructions number the sections.
  public var questionNumber: Int?
  /// Whether the question is numbered a, b, c … under an instruction that brings its own
  /// number ("1. HVEM? Guldet i nabolaget"), so the two numberings never clash.
  public var lettered = false
  /// Each round on the clock, for a step with `rounds` above 1.
  public var rounds: [TimeRange] = []

  /// The number the kit gives a `section:` heading: 1, 2 … through the exercise's headings;
  /// nil for any other step, and for a heading that brings its own.
  public var sectionNumber: Int?

  /// `number`: the question's number, or the section heading's (`questionNumbers`).
  public init(step: Step, span: TimeRange, number: Int? = nil, lettered: Bool = false) {
    self.step = step
    self.span = span
    if step.kind == .section {
      self.sectionNumber = number
    } else {
      self.questionNumber = number
    }
    self.lettered = lettered
  }

  /// The step as one line of a list: "3. Hvem har vi …", "c. …" under a section, "→ " before
  /// an instruction, a section heading as printed.
  public var lineText: String {
    switch step.kind {
    case .section: headingText
    case .ask: (questionLabel.map { "\($0). " } ?? "") + step.text
    case .do: "→ " + step.text
    }
  }

  /// A section heading's text as printed: "1. HVEM? Guldet i nabolaget".
  public var headingText: String {
    sectionNumber.map { "\($0). \(step.text)" } ?? step.text
  }

  /// "3", or "c" for a lettered question.
  public var questionLabel: String? {
    questionNumber.map { number in
      guard lettered, (1...26).contains(number) else { return String(number) }
      return String(UnicodeScalar(UInt8(96 + number)))
    }
  }

  /// How its sub-questions (`asks`) are marked, as an HTML list `type`: a, b, c … under a
  /// numbered question, i, ii, iii … under a lettered one, so no two levels share marks.
  public var subQuestionType: String { lettered ? "i" : "a" }

  /// The mark of its sub-question `index` (from 0): "b", or "ii" under a lettered question.
  public func subQuestionMark(_ index: Int) -> String {
    guard lettered else { return String(UnicodeScalar(UInt8(97 + index % 26))) }
    let romans = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
    return index < romans.count ? romans[index] : String(index + 1)
  }

  /// The number of each of `steps` that is a question the kit numbers: 1, 2, 3 … through
  /// the exercise. Where the steps have sections — `section:` headings, or instructions that
  /// bring their own number ("1. HVEM?", "2. Bibliotekets styrker") — the questions count
  /// 1, 2 … again after each heading, to be lettered, and each `section:` heading that
  /// brings no number of its own gets its number among the headings.
  public static func questionNumbers(_ steps: [Step]) -> (numbers: [Int?], lettered: Bool) {
    func isHeading(_ step: Step) -> Bool {
      step.kind == .section || (step.kind == .do && step.isNumberedByAuthor)
    }
    let lettered = steps.contains(where: isHeading)
    var count = 0
    var sections = 0
    let numbers = steps.map { step -> Int? in
      if lettered && isHeading(step) {
        count = 0
        sections += 1
        return step.kind == .section && !step.isNumberedByAuthor ? sections : nil
      }
      guard step.kind == .ask, !step.isNumberedByAuthor else { return nil }
      count += 1
      return count
    }
    return (numbers, lettered)
  }
}
