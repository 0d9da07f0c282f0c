/// Places a program on the clock. Items with `time:` keep it; items with only `minutes:`
/// start where the previous item ends (the first at `start:`). Parts and steps without
/// minutes share what their slot or exercise has left, earlier ones taking any odd minute.
public enum Scheduler {
  public static func schedule(_ program: Program) -> (Schedule, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    let days = program.scheduleDays
    var currentDay = 0
    var reportedDays = Set<Int>()
    var cursor = days.first?.start?.value
    var items: [ScheduledItem] = []
    items.reserveCapacity(program.agenda.count)

    for item in program.agenda {
      if item.day != currentDay {
        // A new day starts at its own `start`.
        currentDay = item.day
        cursor = item.day < days.count ? days[item.day].start?.value : nil
      }
      let span: TimeRange
      switch item.timing {
      case .range(let range):
        span = range.value
      case .duration, .sumOfParts:
        let minutes: Int
        if case .duration(let given) = item.timing {
          minutes = given.value
        } else {
          minutes = item.parts.reduce(0) { $0 + ($1.minutes?.value ?? 0) }
        }
        guard let start = cursor else {
          // Reported once a day: the items after it wait for the same missing start.
          guard reportedDays.insert(currentDay).inserted else { continue }
          let whose = days.count > 1 ? "day" : "program"
          // `day:` bounds the day; it does not say where its first item starts.
          let bounds = currentDay < days.count ? days[currentDay].day?.value : nil
          var message =
            "\"\(item.title)\" gives only minutes, but nothing before it says when the day starts; "
            + "add \"start: 09.00\" to the \(whose) or a \"time\" to this item"
          if let bounds {
            let start: String = bounds.start.text
            message =
              "\"\(item.title)\" gives only minutes; \"day: \(start)-\(bounds.end.text)\" bounds the day but does not "
              + "say when its first item starts: add \"start: \(start)\" to the \(whose) or a \"time\" to this item"
          }
          diagnostics.append(Diagnostic(.missingKey, at: item.timingLocation, message))
          continue
        }
        span = TimeRange(start: start, end: start.adding(minutes: minutes))
      }
      cursor = span.end
      let parts = layOut(item.parts.map { ($0, $0.minutes?.value) }, in: span).map { activity, partSpan in
        ScheduledPart(activity: activity, span: partSpan, steps: steps(of: activity, in: partSpan))
      }
      items.append(ScheduledItem(item: item, span: span, parts: parts))
    }
    return (Schedule(program: program, items: items), diagnostics)
  }

  private static func steps(of activity: Activity, in span: TimeRange) -> [ScheduledStep] {
    guard let exercise = activity.exercise?.exercise else { return [] }
    var laid = layOut(exercise.steps.map { ($0, $0.totalMinutes) }, in: span, firstServed: { !$0.optional })
    // An untimed optional step left no minute is skipped here, as replan skips it: not shown
    // at 0 min. A heading left with none of its steps goes with it.
    let kept = laid.filter { !($0.0.optional && $0.0.totalMinutes == nil && $0.1.minutes == 0) }
    if kept.count < laid.count { laid = Step.droppingEmptySections(kept) { $0.0 } }
    let (numbers, lettered) = ScheduledStep.questionNumbers(laid.map(\.0))
    return zip(laid, numbers).map { laid, number in
      let (step, stepSpan) = laid
      var scheduled = ScheduledStep(step: step, span: stepSpan, number: number, lettered: lettered)
      scheduled.rounds = rounds(of: step, in: stepSpan)
      return scheduled
    }
  }

  /// The clock times of a step's rounds, its span shared evenly (none for one round).
  static func rounds(of step: Step, in span: TimeRange) -> [TimeRange] {
    guard step.rounds > 1 else { return [] }
    return layOut(Array(repeating: ((), Int?.none), count: step.rounds), in: span).map(\.1)
  }

  /// Places elements one after another from `span.start`; those without minutes share
  /// what is left of the span (never less than nothing). The minutes that do not share
  /// evenly go one each to the first of them, those `firstServed` first: an optional step
  /// is the one left with none when there are too few.
  static func layOut<Element>(
    _ elements: [(Element, Int?)], in span: TimeRange, firstServed: (Element) -> Bool = { _ in true }
  ) -> [(Element, TimeRange)] {
    let given = elements.reduce(0) { $0 + ($1.1 ?? 0) }
    let unsized = elements.indices.filter { elements[$0].1 == nil }
    let left = max(0, span.minutes - given)
    let share = unsized.isEmpty ? 0 : left / unsized.count
    let order = unsized.filter { firstServed(elements[$0].0) } + unsized.filter { !firstServed(elements[$0].0) }
    let extra = Set(order.prefix(unsized.isEmpty ? 0 : left % unsized.count))
    var cursor = span.start
    return elements.indices.map { index in
      let (element, minutes) = elements[index]
      var length = minutes ?? share
      if extra.contains(index) { length += 1 }
      let placed = TimeRange(start: cursor, end: cursor.adding(minutes: length))
      cursor = placed.end
      return (element, placed)
    }
  }
}
