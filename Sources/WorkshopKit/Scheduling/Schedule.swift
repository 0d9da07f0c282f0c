/// A program with every item, part and exercise step placed on the clock.
public struct Schedule: Sendable {
  public var program: Program
  /// In agenda order, as the file lists them.
  public var items: [ScheduledItem]

  public init(program: Program, items: [ScheduledItem]) {
    self.program = program
    self.items = items
  }

  /// Every part of every item, in agenda order.
  public var parts: [ScheduledPart] { items.flatMap(\.parts) }

  /// From the first item's start to the last item's end.
  public var span: TimeRange? {
    guard let start = items.map(\.span.start).min(), let end = items.map(\.span.end).max() else { return nil }
    return TimeRange(start: start, end: end)
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
  /// 1, 2, 3 … for questions (`ask`), nil for instructions.
  public var questionNumber: Int?
}
