import Testing

@testable import WorkshopKit

/// How a printed follow-up form's answer boxes share its A4 page. That every sample form
/// prints on exactly one page is checked in Chromium (`Tests/browser/print_layout.py`).
@Suite struct PrintedFormSpaceTests {
  static let here = SourceLocation(file: "exercise.yaml", line: 1, column: 1)

  static func exercise(questions: [(String, Int?)], report: Bool = false, stages: Int = 5) -> Exercise {
    var exercise = Exercise(
      id: "x", file: "x.yaml", title: "Næste skridt", format: .pairs,
      minutes: Located(MinuteRange(20, 30), at: here),
      steps: questions.map { text, minutes in
        Step(kind: .ask, text: text, minutes: minutes.map { Located($0, at: here) }, location: here)
      },
      followUp: true,
      scale: Scale(label: "Stadie", stages: (1...stages).map { "Trin \($0)" }))
    exercise.report = report ? .standard : nil
    return exercise
  }

  static let due = "Udfyldes inden næste møde mandag den 3. juni 2013. Aflever skemaet til facilitatoren."

  @Test func wordsWrapAtTheLineLength() {
    #expect(LineFill.lines("", perLine: 10) == 1)
    #expect(LineFill.lines("abc def", perLine: 7) == 1)
    #expect(LineFill.lines("abc defg", perLine: 7) == 2)
    // A word longer than a line takes the lines it fills.
    #expect(LineFill.lines(String(repeating: "x", count: 25), perLine: 10) == 3)
    #expect(LineFill.lines("a b c d e f g h", perLine: 3) == 4)
  }

  /// Boxes (desired, minimum) on a page with room for `rows` rows and a half besides them.
  static func rows(_ boxes: [(Int, Int)], room rows: Double) -> [Int] {
    var space = PrintedFormSpace()
    space.add(
      PrintedFormSpace.pageHeight - PrintedFormSpace.slack - (rows + 0.5) * PrintedFormSpace.row
        - Double(boxes.count) * PrintedFormSpace.boxFrame)
    for (desired, minimum) in boxes { space.box(desired: desired, minimum: minimum) }
    return space.rows()
  }

  @Test func boxesAreCutLargestFirstAndNeverBelowTheirMinimum() {
    #expect(Self.rows([(8, 2), (3, 2), (4, 2)], room: 6) == [2, 2, 2])
    // The largest cut first; of equals, the one lower on the form.
    #expect(Self.rows([(8, 2), (3, 2), (4, 2)], room: 10) == [4, 3, 3])
    // More than a page at the minimum: the minimum, and the form runs on.
    #expect(Self.rows([(5, 2)], room: -10) == [2])
  }

  @Test func spareRoomGrowsTheBoxesUpToTwiceWhatTheyWouldLike() {
    // 9 rows for 6 wanted: each grows in proportion to what it wanted.
    #expect(Self.rows([(2, 1), (4, 2)], room: 9) == [3, 6])
    var empty = PrintedFormSpace()
    empty.box(desired: 3, minimum: 2)
    #expect(empty.rows() == [6])
  }

  @Test func aFormOfShortQuestionsFillsItsPageWithoutSpillingOver() throws {
    let exercise = Self.exercise(questions: (1...5).map { ("Spørgsmål \($0)?", 5) })
    let rows = FollowUpForm.rows(exercise, legend: "Næste skridt — Makkerpar A", plan: [], due: Self.due, language: .da)
    #expect(rows.plan.isEmpty)
    #expect(rows.answers.count == 5)
    // Five questions of five minutes would each like 6 rows; a page holds fewer.
    #expect(rows.answers.allSatisfy { $0 >= 2 && $0 < 6 })
    // Alike questions alike, within the one row the page cannot share out.
    #expect(rows.answers.max()! - rows.answers.min()! <= 1)
  }

  @Test func fewerQuestionsGetMoreRoomEach() {
    let five = FollowUpForm.rows(
      Self.exercise(questions: (1...5).map { ("Spørgsmål \($0)?", 3) }), legend: "A", plan: [], due: Self.due,
      language: .da)
    let two = FollowUpForm.rows(
      Self.exercise(questions: (1...2).map { ("Spørgsmål \($0)?", 3) }), legend: "A", plan: [], due: Self.due,
      language: .da)
    #expect(two.answers.allSatisfy { $0 > five.answers[0] })
    // A longer question (by its minutes) keeps more room than a short one.
    let mixed = FollowUpForm.rows(
      Self.exercise(questions: [("Kort?", 1), ("Langt?", 10), ("Kort?", 1)]), legend: "A", plan: [], due: nil,
      language: .da)
    #expect(mixed.answers[1] > mixed.answers[0] && mixed.answers[1] > mixed.answers[2])
    #expect(abs(mixed.answers[0] - mixed.answers[2]) <= 1)
  }

  @Test func aKnownPlanLeavesItsRoomToTheReportQuestions() {
    let exercise = Self.exercise(questions: (1...5).map { ("Spørgsmål \($0)?", 3) }, report: true)
    let unknown = FollowUpForm.rows(exercise, legend: "A", plan: [], due: Self.due, language: .da)
    #expect(unknown.plan.count == 5)
    #expect(unknown.answers.count == 3)
    let known = FollowUpForm.rows(
      exercise, legend: "A", plan: ["Et", "kort", "svar", "på", "hvert"], due: Self.due, language: .da)
    #expect(known.plan.isEmpty)
    #expect(known.answers.count == 3)
    #expect(known.answers.allSatisfy { $0 > 2 })
    // A long plan printed as text takes room from the report's boxes.
    let long = String(repeating: "Et langt svar fra dagen, der fylder flere linjer. ", count: 8)
    let longPlan = FollowUpForm.rows(
      exercise, legend: "A", plan: Array(repeating: long, count: 5), due: nil, language: .da)
    #expect(longPlan.answers.reduce(0, +) < known.answers.reduce(0, +))
  }
}
