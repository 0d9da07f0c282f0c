import Testing

@testable import WorkshopKit

@Suite struct SchedulerTests {
  private func span(_ text: String) -> TimeRange { TimeRange(parsing: text)! }

  private func texts(_ placed: [(String, TimeRange)]) -> [String] {
    placed.map { "\($0.0) \($0.1)" }
  }

  @Test func elementsWithoutMinutesShareTheRestEarlierOnesTakingTheOddMinute() {
    let placed = Scheduler.layOut([("a", nil), ("b", 3), ("c", nil), ("d", nil)], in: span("10.00-10.10"))
    #expect(texts(placed) == ["a 10.00-10.03", "b 10.03-10.06", "c 10.06-10.08", "d 10.08-10.10"])
  }

  @Test func timedElementsKeepTheirMinutes() {
    let placed = Scheduler.layOut([("a", 5), ("b", 10)], in: span("10.00-10.30"))
    #expect(texts(placed) == ["a 10.00-10.05", "b 10.05-10.15"])
  }

  @Test func untimedElementsGetNothingWhenTimedOnesFillTheSpan() {
    let placed = Scheduler.layOut([("a", 20), ("b", nil), ("c", 15)], in: span("10.00-10.30"))
    #expect(texts(placed) == ["a 10.00-10.20", "b 10.20-10.20", "c 10.20-10.35"])
  }

  @Test func itemsGivenOnlyMinutesFollowOneAnother() throws {
    let check = check(Fixtures.folder("valid", "minutes-after-start").appendingPathComponent("program.yaml"))
    let schedule = try #require(check.schedule)
    #expect(
      schedule.items.map(\.span.description) == [
        "09.00-09.15", "09.15-10.00", "10.00-10.15", "10.15-10.50", "10.50-11.15",
      ])
    let exercise = try #require(schedule.items[3].parts.first)
    #expect(exercise.steps.map(\.span.description) == ["10.15-10.20", "10.20-10.30", "10.30-10.50"])
    #expect(exercise.steps.map(\.questionNumber) == [1, 2, nil])
  }

  /// Questions are numbered through the exercise; where instructions bring their own
  /// numbers (sections), the questions under each are lettered a, b … afresh; a question
  /// with its own number gets none.
  @Test func questionsUnderNumberedSectionsAreLettered() {
    let here = SourceLocation(file: "x.yaml", line: 1, column: 1)
    func step(_ kind: Step.Kind, _ text: String) -> Step { Step(kind: kind, text: text, location: here) }
    let plain = [step(.ask, "Hvem?"), step(.do, "Skriv ned."), step(.ask, "Hvad?"), step(.ask, "3) Hvor?")]
    #expect(ScheduledStep.questionNumbers(plain).numbers == [1, nil, 2, nil])
    #expect(!ScheduledStep.questionNumbers(plain).lettered)
    let sections = [
      step(.do, "1. HVEM?"), step(.ask, "Hvem har vi?"), step(.ask, "Hvem kender vi?"), step(.do, "2. Styrker"),
      step(.ask, "Hvad kan vi?"), step(.do, "Sæt en stjerne."),
    ]
    let (numbers, lettered) = ScheduledStep.questionNumbers(sections)
    #expect(numbers == [nil, 1, 2, nil, 1, nil])
    #expect(lettered)
    let labels = zip(sections, numbers).map {
      ScheduledStep(step: $0, span: span("10.00-10.05"), number: $1, lettered: lettered).questionLabel
    }
    #expect(labels == [nil, "a", "b", nil, "a", nil])
    // Sub-questions of a lettered question are marked i, ii, iii …, of a numbered one a, b, c.
    let underLetter = ScheduledStep(step: sections[1], span: span("10.00-10.05"), number: 1, lettered: true)
    let underNumber = ScheduledStep(step: plain[0], span: span("10.00-10.05"), number: 1)
    #expect(underLetter.subQuestionType == "i")
    #expect((0..<4).map { underLetter.subQuestionMark($0) } == ["i", "ii", "iii", "iv"])
    #expect(underNumber.subQuestionType == "a")
    #expect((0..<3).map { underNumber.subQuestionMark($0) } == ["a", "b", "c"])
  }

  /// `parts` is every item's parts in order, and follows a change to the items.
  @Test func partsFollowTheItems() throws {
    let check = check(Fixtures.folder("valid", "minutes-after-start").appendingPathComponent("program.yaml"))
    var schedule = try #require(check.schedule)
    #expect(schedule.parts.map(\.span) == schedule.items.flatMap(\.parts).map(\.span))
    #expect(schedule.parts.count >= schedule.items.count)
    schedule.items[3].parts[0].span = span("11.00-11.30")
    #expect(schedule.parts[schedule.items[..<3].map(\.parts.count).reduce(0, +)].span == span("11.00-11.30"))
    schedule.items.removeFirst()
    #expect(schedule.parts.map(\.span) == schedule.items.flatMap(\.parts).map(\.span))
  }

  @Test func partsWithoutMinutesShareTheRestOfTheSlot() throws {
    let check = check(Fixtures.folder("valid", "parts-without-minutes").appendingPathComponent("program.yaml"))
    let schedule = try #require(check.schedule)
    let slot = schedule.items[1]
    #expect(slot.item.title == "Oplæg og øvelse")
    #expect(slot.parts.map(\.span.description) == ["09.30-09.55", "09.55-10.25", "10.25-10.30"])
    // The exercise's untimed last step gets what its 30 minutes leave after 5 + 10.
    #expect(slot.parts[1].steps.map(\.span.description) == ["09.55-10.00", "10.00-10.10", "10.10-10.25"])
  }

  @Test func aSlotWithoutTimeLastsAsLongAsItsParts() throws {
    let check = check(Fixtures.folder("valid", "parts-sum-of-minutes").appendingPathComponent("program.yaml"))
    let schedule = try #require(check.schedule)
    #expect(schedule.items.map(\.span.description) == ["09.00-09.30", "09.30-10.00"])
    #expect(schedule.items[0].parts.map(\.span.description) == ["09.00-09.20", "09.20-09.30"])
    #expect(schedule.items[0].parts[1].steps.map(\.span.description) == ["09.20-09.23", "09.23-09.26"])
    #expect(schedule.span?.description == "09.00-10.00")
  }

  @Test func stepsWithoutMinutesShareTheExerciseEqually() throws {
    let check = check(Fixtures.folder("valid", "full-day").appendingPathComponent("program.yaml"))
    let schedule = try #require(check.schedule)
    let last = try #require(schedule.items.last?.parts.last)
    #expect(last.span.description == "14.40-15.00")
    #expect(last.steps.map(\.span.description) == ["14.40-14.50", "14.50-15.00"])
  }

  @Test func englishProgramsReadColonTimes() throws {
    let check = check(Fixtures.folder("valid", "english").appendingPathComponent("program.yaml"))
    let schedule = try #require(check.schedule)
    #expect(schedule.program.language == .en)
    #expect(schedule.items.map { $0.span.formatted(.en) } == ["09:00–09:30", "09:30–10:00"])
  }

  @Test func aMissingStartIsReportedOnceAndStopsTheTimingRules() throws {
    let folder = try TemporaryFolder()
    let file = try folder.write(
      "program.yaml",
      """
      title: Testdag
      date: 2013-04-18
      agenda:
        - minutes: 30
          kind: talk
          title: Oplæg
        - minutes: 30
          kind: talk
          title: Oplæg igen

      """)
    let result = check(file)
    #expect(result.diagnostics.map(\.rule) == [.missingKey])
    #expect(result.diagnostics.first?.location.line == 4)
    #expect(result.diagnostics.first?.location.column == 5)
    #expect(result.schedule == nil)
  }

  /// An exercise the library does not have, or whose file has errors, leaves its item's
  /// time and kind known: the day's timing is judged while the exercise is sorted out.
  @Test(arguments: ["nine-whys-en", "broken"])
  func anExerciseThatCannotBeUsedLeavesTheTimingRulesRunning(_ id: String) throws {
    let folder = try TemporaryFolder()
    _ = try folder.write(
      "exercises/broken.yaml",
      """
      title: Broken
      format: grops
      steps:
        - do: Talk.

      """)
    let file = try folder.write(
      "program.yaml",
      """
      title: Testdag
      date: 2013-04-18
      day: 09.00-12.00
      agenda:
        - time: 09.00-10.00
          kind: talk
          title: Oplæg
        - time: 10.00-11.00
          exercise: \(id)
        - time: 11.00-12.10
          kind: plenary
          title: Samtale

      """)
    let result = check(file, exercises: folder.url.appendingPathComponent("exercises"))
    let rules = result.diagnostics.map(\.rule)
    #expect(rules.contains(id == "broken" ? .invalidValue : .unknownExercise))
    #expect(rules.contains(.dayBounds))
    #expect(rules.contains(.breakInterval))
    let item = try #require(result.schedule?.items[1].parts.first)
    #expect(item.activity.title == id)
    #expect(item.span.description == "10.00-11.00")
  }

  /// A misspelt key is another matter: the program as read is not the one meant.
  @Test func aMisspeltKeyStillStopsTheTimingRules() throws {
    let folder = try TemporaryFolder()
    let file = try folder.write(
      "program.yaml",
      """
      title: Testdag
      date: 2013-04-18
      day: 09.00-10.00
      agenda:
        - time: 09.00-10.30
          kind: talk
          title: Oplæg
          laed: Anne

      """)
    let result = check(file)
    #expect(result.diagnostics.map(\.rule) == [.unknownKey])
    #expect(result.schedule == nil)
  }
}
