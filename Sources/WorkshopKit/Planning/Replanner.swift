/// When the day runs late: the rest of the day recomputed so it still ends on time.
///
/// The day stands at `at`, `behind` minutes behind plan: what the plan put at `at − behind`
/// is what happens now. What has started by then runs on as planned (shifted by the delay);
/// everything after it is shortened, in this order, each step spread over the items in
/// proportion to what they can give: exercises toward the low end of their `minutes` range
/// (their steps in proportion, optional steps dropped first), talks and other items marked
/// `flexible: true` down to half their length, breaks to `min-break-minutes`, and the meal
/// to `min-meal-minutes` (it keeps its window). Talks, plenary, recap and arrival keep their
/// length otherwise. Where that is not enough, the result says by how much the day runs over.
public enum Replanner {
  /// One item or part of the rest of the day, with its old and new times.
  public struct Entry: Sendable {
    public var activity: Activity
    public var planned: TimeRange
    public var replanned: TimeRange
    /// The exercise's steps on the new clock; steps dropped are left out.
    public var steps: [ScheduledStep]
    /// Optional steps dropped to make the exercise fit.
    public var droppedSteps: [Step]
    /// Whether it had started at the plan's "now" and runs on unchanged.
    public var inProgress: Bool

    /// By how much it was made shorter. An item under way runs on to its planned length;
    /// `replanned` holds only what is left of it, from now.
    public var shortenedBy: Int { inProgress ? 0 : planned.minutes - replanned.minutes }

    /// The span to show: of an item under way, from when it began (its planned start, as
    /// late as the day is behind) to its end, so its steps fall inside it.
    public func shownSpan(behind: Int) -> TimeRange {
      inProgress ? TimeRange(start: planned.start.adding(minutes: behind), end: replanned.end) : replanned
    }

    /// A step's rounds still to come at `now`, with the one going on, each with its number
    /// from 1: of an item under way, those not over yet; else all of them.
    public func rounds(of step: ScheduledStep, left now: ClockTime) -> [(number: Int, span: TimeRange)] {
      step.rounds.enumerated().filter { !inProgress || $0.element.end > now }.map { ($0.offset + 1, $0.element) }
    }

    /// The steps still to come at `now`, with the one going on: of an item under way, those
    /// not over yet, and the heading over any of them; else all of them.
    public func steps(left now: ClockTime) -> [ScheduledStep] {
      guard inProgress else { return steps }
      // A section heading stays while a step under it is still to come.
      return steps.indices.filter { index in
        guard steps[index].step.kind == .section else { return steps[index].span.end > now }
        let under = steps[(index + 1)...].prefix { $0.step.kind != .section }
        return (under.last?.span.end).map { $0 > now } ?? false
      }.map { steps[$0] }
    }
  }

  public struct Result: Sendable {
    /// The day replanned, from 0.
    public var day: Int
    public var at: ClockTime
    public var behind: Int
    /// Where the plan stands: `at − behind`.
    public var plannedNow: ClockTime
    public var entries: [Entry]
    /// When the day ended in the plan, and ends now.
    public var plannedEnd: ClockTime
    public var newEnd: ClockTime
    /// The schedule with the new times, for the timing rules.
    public var schedule: Schedule
    /// The replans made earlier that day which the day was following (`replan(_:day:following:at:behind:)`):
    /// each when it was made and how far behind; the plan is theirs.
    public var following: [(at: ClockTime, behind: Int)] = []

    /// Where the day's declared bounds (`day:`) end, when it has them.
    public var dayEnd: ClockTime?

    public var overrun: Int { max(0, newEnd - plannedEnd) }
    public var endsOnTime: Bool { overrun == 0 }
    /// Later than planned, but by the day's declared end: the timing rules still hold.
    public var endsWithinTheDay: Bool { !endsOnTime && dayEnd.map { newEnd <= $0 } == true }
    public var shortened: [Entry] { entries.filter { $0.shortenedBy > 0 || !$0.droppedSteps.isEmpty } }
    /// Whether anything shortened counts down on the slides: an exercise's steps or a break
    /// that the day goes on after. A shortened talk or plenary has no countdown to change.
    public var shortensACountdown: Bool {
      entries.indices.contains { index in
        let entry = entries[index]
        guard entry.shortenedBy > 0 else { return false }
        return entry.activity.exercise != nil || (entry.activity.kind.isRest && index < entries.count - 1)
      }
    }
  }

  public enum Failure: Error, CustomStringConvertible, Equatable {
    case noSuchDay(Int, count: Int)
    case outsideTheDay(ClockTime, TimeRange)
    case negativeDelay
    /// More minutes behind than the day has run: the plan's "now" would be before it began.
    case behindBeforeTheStart(behind: Int, at: ClockTime, start: ClockTime)
    /// So few minutes behind that the plan's "now" is at or after its end: nothing is left.
    case planAfterTheEnd(behind: Int, at: ClockTime, end: ClockTime)
    /// An earlier replan given as made after the time now.
    case earlierReplanAfterNow(ClockTime, now: ClockTime)

    public var description: String {
      switch self {
      case .noSuchDay(let day, let count): "there is no day \(day); the program has \(count)"
      case .outsideTheDay(let at, let span) where span.minutes == 0:
        "the day has no items to replan at \(at.text)"
      case .outsideTheDay(let at, let span):
        "\(at.text) is before the day's first item, at \(span.start.text) (its items run \(span.start.text)-"
          + "\(span.end.text)): nothing can have run late yet"
      case .negativeDelay: "--behind takes the minutes behind plan, 0 or more"
      case .behindBeforeTheStart(let behind, let at, let start):
        "\(behind) minutes behind at \(at.text) would put the plan before the day began at \(start.text); "
          + "at \(at.text) the day can be at most \(at - start) minutes behind"
      case .planAfterTheEnd(0, let at, let end):
        "at \(at.text) the day has ended (at \(end.text)): nothing is left to replan"
      case .planAfterTheEnd(let behind, let at, let end):
        "\(behind) minute\(behind == 1 ? "" : "s") behind at \(at.text), the plan stands at "
          + "\(at.adding(minutes: -behind).text), when the day has ended (\(end.text)): nothing is left to replan"
      case .earlierReplanAfterNow(let earlier, let now):
        "--following names a replan made at \(earlier.text), after the time now (\(now.text)); give the replans "
          + "followed in the order they were made, each at or before the time now"
      }
    }
  }

  /// Minutes behind as typed in a hurry: `25`, `25min`, `25 min`, `25m`, `25 minutter`;
  /// nil for anything else (a sign is kept, for the caller to refuse).
  public static func minutes(typed text: String) -> Int? {
    var rest = Substring(text.lowercased().trimmingWhitespace())
    for unit in ["minutter", "minutes", "minute", "min", "m"] where rest.hasSuffix(unit) {
      rest = rest.dropLast(unit.count)
      break
    }
    return Int(rest.trimmingWhitespace())
  }

  /// A replan made earlier, as `replan --following` and the day's page write it: `11.40+25`
  /// (the time, then the minutes behind; a `+` in an address may arrive as a space).
  public static func earlier(typed text: String) -> (at: ClockTime, behind: Int)? {
    let text = text.trimmingWhitespace()
    guard let split = text.lastIndex(of: "+") ?? text.lastIndex(of: " "),
      let at = ClockTime(typed: String(text[..<split])),
      let behind = minutes(typed: String(text[text.index(after: split)...])), behind >= 0
    else { return nil }
    return (at, behind)
  }

  /// A replan of a day that already follows earlier replans: each is made in turn, the
  /// day then following its new times, and `behind` is how far behind the last of them the
  /// day is now. At 14.10 after a replan at 11.40, 25 minutes behind, 8 minutes behind the
  /// new plan: `following: [(11.40, 25)], at: 14.10, behind: 8`.
  public static func replan(
    _ schedule: Schedule, day: Int = 0, following earlier: [(at: ClockTime, behind: Int)], at clock: ClockTime,
    behind: Int
  ) throws(Failure) -> Result {
    guard !earlier.isEmpty else { return try replan(schedule, day: day, at: clock, behind: behind) }
    let (followed, followedDay) = try self.followed(schedule, day: day, following: earlier, until: clock)
    var result = try replan(followed, day: followedDay, at: clock, behind: behind)
    result.day = day
    result.schedule.program = schedule.program
    result.following = earlier
    return result
  }

  /// The day as it runs after the earlier replans (each made in turn, in order, none after
  /// `until`): a schedule of that one day with their times, and its day index in it.
  public static func followed(
    _ schedule: Schedule, day: Int, following earlier: [(at: ClockTime, behind: Int)], until clock: ClockTime
  ) throws(Failure) -> (schedule: Schedule, day: Int) {
    guard !earlier.isEmpty else { return (schedule, day) }
    let days = schedule.program.scheduleDays
    guard day >= 0, day < days.count else { throw .noSuchDay(day + 1, count: days.count) }
    var followed = schedule
    var followedDay = day
    for (index, step) in earlier.enumerated() {
      let then = index + 1 < earlier.count ? earlier[index + 1].at : clock
      guard step.at <= then else { throw .earlierReplanAfterNow(step.at, now: then) }
      var next = try replan(followed, day: followedDay, at: step.at, behind: step.behind).schedule
      // The new times are the day's: a program of that one day from here on.
      next.program.days = [days[day]]
      (followed, followedDay) = (next, 0)
    }
    return (followed, followedDay)
  }

  public static func replan(_ schedule: Schedule, day: Int = 0, at clock: ClockTime, behind: Int) throws(Failure)
    -> Result
  {
    let days = schedule.program.scheduleDays
    guard day >= 0, day < days.count else { throw .noSuchDay(day + 1, count: days.count) }
    guard behind >= 0 else { throw .negativeDelay }
    let today = schedule.day(day)
    guard let span = today.span else { throw .outsideTheDay(clock, TimeRange(start: clock, end: clock)) }
    let at = today.dayClock(clock)
    let plannedNow = at.adding(minutes: -behind)
    guard at >= span.start else { throw .outsideTheDay(at, span) }
    guard behind <= at - span.start else { throw .behindBeforeTheStart(behind: behind, at: at, start: span.start) }
    // What counts is where the plan stands: at the planned end, 10 minutes behind, the last
    // 10 minutes are still to come.
    guard plannedNow < span.end else { throw .planAfterTheEnd(behind: behind, at: at, end: span.end) }
    let rules = schedule.program.rules
    let parts = today.parts.filter { $0.span.end > plannedNow }
    // How much each part can give, tier by tier.
    var lengths = parts.map { part in
      part.span.start < plannedNow ? part.span.end - plannedNow : part.span.minutes
    }
    let inProgress = parts.map { $0.span.start < plannedNow }
    func absorb(_ excess: Int, within range: Range<Int>) {
      var excess = excess
      for tier in Tier.allCases where excess > 0 {
        let slack = parts.indices.map { index in
          !range.contains(index) || inProgress[index] ? 0 : max(0, lengths[index] - tier.minimum(parts[index], rules))
        }
        let cut = Self.spread(min(excess, slack.reduce(0, +)), over: slack)
        for index in parts.indices { lengths[index] -= cut[index] }
        excess -= cut.reduce(0, +)
      }
    }
    // The meal keeps its window: what would push it past the window's end is taken from
    // before it first.
    if let meal = parts.indices.first(where: { parts[$0].activity.kind == .meal && !inProgress[$0] }) {
      let mealStart = at.adding(minutes: lengths[..<meal].reduce(0, +))
      absorb(mealStart - rules.mealWindow.end, within: 0..<meal)
    }
    absorb(lengths.reduce(0, +) - (span.end - at), within: parts.indices)
    // The new clock, from now.
    var cursor = at
    var entries: [Entry] = []
    for (index, part) in parts.enumerated() {
      let replanned = TimeRange(start: cursor, end: cursor.adding(minutes: lengths[index]))
      cursor = replanned.end
      let (steps, dropped) =
        inProgress[index]
        ? (part.steps.map { $0.shifted(by: replanned.end - part.span.end) }, [])
        : Self.steps(of: part, in: replanned)
      entries.append(
        Entry(
          activity: part.activity, planned: part.span, replanned: replanned, steps: steps, droppedSteps: dropped,
          inProgress: inProgress[index]))
    }
    return Result(
      day: day, at: at, behind: behind, plannedNow: plannedNow, entries: entries, plannedEnd: span.end,
      newEnd: entries.last?.replanned.end ?? at, schedule: Self.schedule(today, replacing: entries, behind: behind),
      dayEnd: today.program.day?.value.end)
  }

  /// What is shortened first, then next.
  enum Tier: CaseIterable {
    case exercises, flexible, breaks, meal

    func minimum(_ part: ScheduledPart, _ rules: RuleConfiguration) -> Int {
      let length = part.span.minutes
      switch self {
      case .exercises:
        guard let exercise = part.exercise else { return length }
        return min(length, exercise.minutes.value.lowerBound)
      case .flexible:
        guard part.activity.isFlexible, part.exercise == nil else { return length }
        return min(length, (length + 1) / 2)
      case .breaks:
        guard part.activity.kind == .break else { return length }
        return min(length, rules.minBreakMinutes)
      case .meal:
        guard part.activity.kind == .meal else { return length }
        return min(length, rules.minMealMinutes)
      }
    }
  }

  /// `total` spread over items in proportion to what each can give (largest remainder,
  /// earlier items first on ties), never more than an item can give.
  static func spread(_ total: Int, over capacity: [Int]) -> [Int] {
    let sum = capacity.reduce(0, +)
    guard total > 0, sum > 0 else { return capacity.map { _ in 0 } }
    var shares = capacity.map { $0 * total / sum }
    var left = total - shares.reduce(0, +)
    let order = capacity.indices.sorted {
      let a = capacity[$0] * total % sum
      let b = capacity[$1] * total % sum
      return a != b ? a > b : $0 < $1
    }
    while left > 0 {
      var gave = false
      for index in order where left > 0 && shares[index] < capacity[index] {
        shares[index] += 1
        left -= 1
        gave = true
      }
      if !gave { break }
    }
    return shares
  }

  /// The exercise's steps in its new time: an optional step is dropped (the last first)
  /// when the steps kept without it still fill the time, then every step kept is shortened
  /// in proportion. No step gets longer than planned: minutes the plan left over at the end
  /// of the exercise stay over, as on the slides.
  static func steps(of part: ScheduledPart, in span: TimeRange) -> ([ScheduledStep], [Step]) {
    guard let exercise = part.exercise else { return ([], []) }
    if span.minutes == part.span.minutes {
      return (part.steps.map { $0.shifted(by: span.start - part.span.start) }, [])
    }
    var steps = exercise.steps
    var dropped: [Step] = []
    func planned(_ step: Step) -> Int {
      part.steps.first { $0.step.location == step.location }?.span.minutes ?? step.totalMinutes ?? 0
    }
    // Dropping a step that the others cannot make up for would leave time over and make
    // the exercise shorter than it need be: a little less time shortens every step instead.
    while let optional = steps.lastIndex(where: \.optional),
      steps.reduce(0, { $0 + planned($1) }) - planned(steps[optional]) >= span.minutes
    {
      dropped.insert(steps.remove(at: optional), at: 0)
    }
    if !dropped.isEmpty { steps = Step.droppingEmptySections(steps) { $0 } }
    let plannedTotal = steps.reduce(0) { $0 + planned($1) }
    let cut = spread(max(0, plannedTotal - span.minutes), over: steps.map { max(0, planned($0) - 1) })
    var cursor = span.start
    let (numbers, lettered) = ScheduledStep.questionNumbers(steps)
    var result: [ScheduledStep] = []
    for (index, step) in steps.enumerated() {
      let length = planned(step) - cut[index]
      let scheduled = ScheduledStep(
        step: step, span: TimeRange(start: cursor, end: cursor.adding(minutes: length)),
        number: numbers[index], lettered: lettered)
      result.append(scheduled)
      cursor = scheduled.span.end
    }
    // A step of rounds shares its new minutes among them, so the facilitator still knows
    // when to change over.
    for index in result.indices {
      result[index].rounds = Scheduler.rounds(of: result[index].step, in: result[index].span)
    }
    return (result, dropped)
  }

  /// The day as it will now run, every part an item of its own: what is done shifted by the
  /// delay (it ran that much later), the rest on its new clock, each exercise with only its
  /// remaining steps at their new minutes, so the timing rules judge the day as it will run.
  static func schedule(_ today: Schedule, replacing entries: [Entry], behind: Int) -> Schedule {
    let replaced = Set(entries.map(\.activity.location))
    var items: [ScheduledItem] = []
    for part in today.parts where !replaced.contains(part.activity.location) {
      let span = TimeRange(start: part.span.start.adding(minutes: behind), end: part.span.end.adding(minutes: behind))
      items.append(item(part.activity, span, steps: part.steps.map { $0.shifted(by: behind) }))
    }
    for entry in entries {
      var activity = entry.activity
      if var exercise = activity.exercise?.exercise, !entry.steps.isEmpty {
        exercise.steps = entry.steps.map { scheduled in
          var step = scheduled.step
          step.rounds = 1
          step.minutes = Located(scheduled.span.minutes, at: step.minutes?.location ?? step.location)
          return step
        }
        // The range it runs in now: what it is given, when dropping optional steps took it lower.
        if !exercise.minutes.value.contains(entry.replanned.minutes), !entry.droppedSteps.isEmpty {
          exercise.minutes.value.lowerBound = min(exercise.minutes.value.lowerBound, entry.replanned.minutes)
        }
        activity.exercise?.exercise = exercise
      }
      // What is under way began before now, as much later as the day is behind.
      let span =
        entry.inProgress
        ? TimeRange(start: entry.planned.start.adding(minutes: behind), end: entry.replanned.end) : entry.replanned
      items.append(item(activity, span, steps: entry.steps))
    }
    items.sort { $0.span.start < $1.span.start }
    return Schedule(program: today.program, items: items)
  }

  static func item(_ activity: Activity, _ span: TimeRange, steps: [ScheduledStep]) -> ScheduledItem {
    var activity = activity
    activity.minutes = nil
    let agendaItem = AgendaItem(
      timing: .range(Located(span, at: activity.location)), parts: [activity], isSlot: false,
      location: activity.location)
    return ScheduledItem(
      item: agendaItem, span: span, parts: [ScheduledPart(activity: activity, span: span, steps: steps)])
  }
}

extension ScheduledStep {
  func shifted(by minutes: Int) -> ScheduledStep {
    var moved = self
    moved.span = TimeRange(start: span.start.adding(minutes: minutes), end: span.end.adding(minutes: minutes))
    moved.rounds = rounds.map {
      TimeRange(start: $0.start.adding(minutes: minutes), end: $0.end.adding(minutes: minutes))
    }
    return moved
  }
}
