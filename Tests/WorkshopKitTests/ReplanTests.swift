import Foundation
import Testing

@testable import WorkshopKit

/// `Replanner` on the 18 April day and every sample: the rest of the day inside the
/// exercises' ranges, breaks and the meal's minimums, still ending on time when it can.
@Suite struct ReplanTests {
  static func schedule(_ sample: String) throws -> Schedule {
    let check = Checker(exerciseDirectory: Paths.exercises.path)
      .check(programAt: Paths.programs.appendingPathComponent(sample).path)
    #expect(check.diagnostics.isEmpty)
    return try #require(check.schedule)
  }

  static func time(_ text: String) -> ClockTime { ClockTime(parsing: text)! }

  /// The schedule of a one-day program `Testdag` on 18 April 2013 with the given agenda
  /// lines, beside one exercise of its own.
  static func schedule(exercise id: String, _ exercise: String, agenda: String) throws -> Schedule {
    try schedule(program: "title: Testdag\ndate: 2013-04-18\nagenda:\n" + agenda, exercises: [id: exercise])
  }

  /// The schedule of the program `text`, beside the exercises given by id.
  static func schedule(program text: String, exercises: [String: String] = [:]) throws -> Schedule {
    let folder = try TemporaryFolder()
    for (id, exercise) in exercises { try folder.write("exercises/\(id).yaml", exercise) }
    let file = try folder.write("program.yaml", text)
    let check = Checker(exerciseDirectory: folder.url.appendingPathComponent("exercises").path).check(
      programAt: file.path)
    return try #require(check.schedule, "\(check.diagnostics)")
  }

  @Test func fifteenMinutesBehindAtHalfPastTenEndsOnTime() throws {
    let result = try Replanner.replan(
      Self.schedule("civilsamfundet/2013-04-18.yaml"), at: Self.time("10.30"), behind: 15)
    #expect(result.endsOnTime)
    #expect(result.newEnd == Self.time("15.00"))
    #expect(result.plannedNow == Self.time("10.15"))
    // Talks keep their length; the next exercise and later ones give the 15 minutes.
    let talk = try #require(result.entries.first)
    #expect(talk.activity.kind == .talk && talk.replanned.formatted(.da) == "10.30–11.10")
    #expect(result.entries.filter { $0.activity.kind == .talk }.allSatisfy { $0.shortenedBy == 0 })
    #expect(result.entries.map(\.shortenedBy).reduce(0, +) == 15)
    for entry in result.entries {
      if let exercise = entry.activity.exercise?.exercise {
        #expect(exercise.minutes.value.contains(entry.replanned.minutes), "\(entry.activity.title)")
        #expect(entry.steps.last?.span.end == entry.replanned.end)
      }
    }
    // Lunch keeps its length and its window.
    let lunch = try #require(result.entries.first { $0.activity.kind == .meal })
    #expect(lunch.replanned.minutes == 45)
    #expect(TimingRules.check(result.schedule, result.schedule.program.rules).isEmpty)
    // The slides' countdowns still count the planned minutes: the text says how to change them.
    let text = ReplanText.render(result)
    #expect(text.contains("\nShortened: Gruppeøvelse 5 min, "), "\(text)")
    #expect(text.contains("\nOn the slides, - takes a minute off the countdown shown, and + gives one back.\n"))
  }

  @Test func halfAnHourBehindAtHalfPastOneCannotEndOnTime() throws {
    let result = try Replanner.replan(
      Self.schedule("civilsamfundet/2013-04-18.yaml"), at: Self.time("13.30"), behind: 30)
    // The pair reflection is under way and runs on; everything after it gives what it can.
    #expect(result.entries.first?.inProgress == true)
    #expect(result.entries.first?.replanned.formatted(.da) == "13.30–13.45")
    #expect(!result.endsOnTime)
    #expect(result.overrun == 18)
    #expect(result.newEnd == Self.time("15.18"))
    let text = ReplanText.render(result)
    #expect(text.contains("The day runs 18 minutes over: it ends 15.18 instead of 15.00."))
    #expect(text.contains("end 18 minutes later"))
  }

  /// The choices name every item replan does not shorten by itself: talks, and the
  /// plenary, recap or arrival not marked flexible; and the item under way, which runs on
  /// unless the facilitator cuts it short.
  @Test func theChoicesNameTheItemsReplanDoesNotShorten() throws {
    let result = try Replanner.replan(
      Self.schedule("civilsamfundet/2013-04-18.yaml"), at: Self.time("12.00"), behind: 40)
    #expect(!result.endsOnTime)
    #expect(
      ReplanText.choices(result) == [
        "shorten the talk \"Brugerinvolvering med udgangspunkt i unge på biblioteket\" (35 min), the talk "
          + "\"Partnerskaber\" (25 min) or the recap \"Opsamling\" (10 min), or mark them flexible: true so replan "
          + "takes up to half of each",
        "cut \"Gruppeøvelse\" short (under way, 10 min left)",
        "end 8 minutes later, at 15.08",
      ])
    let late = try Replanner.replan(
      Self.schedule("civilsamfundet/2013-04-18.yaml"), at: Self.time("13.50"), behind: 10)
    #expect(
      ReplanText.choices(late).first
        == "shorten the recap \"Opsamling\" (10 min), or mark it flexible: true so replan takes up to half of it")
  }

  /// The item under way is shown from when it began, so the step going on falls inside it.
  @Test func theItemUnderWayIsShownFromWhenItBegan() throws {
    let result = try Replanner.replan(
      Self.schedule("civilsamfundet/2013-04-18.yaml"), at: Self.time("14.25"), behind: 10)
    let text = ReplanText.render(result)
    #expect(text.contains("\n14.15–14.40  25 min  Gruppeøvelse  [under way, runs on]\n"), "\(text)")
    #expect(
      text.contains("\n    14.23–14.30   7 min  b. Hvem har allerede kontakt til interessante målgrupper?  [now]"))
  }

  /// An English program's times are written 10:40 in `replan` and `schedule`, as in its
  /// documents; a Danish one's 10.40. The JSON keeps HH.MM for programs that read it.
  @Test func anEnglishProgramsTimesHaveColons() throws {
    let schedule = try Self.schedule("cocreation-lab-en/2026-03-12.yaml")
    let result = try Replanner.replan(schedule, at: Self.time("11.00"), behind: 20)
    let text = ReplanText.render(result, language: .en)
    #expect(text.hasPrefix("Replan at 11:00, 20 minutes behind (the plan stands at 10:40)\n"))
    #expect(text.contains("\n11:05–11:40  35 min  Partnership ideas from libraries"))
    #expect(ReplanText.json(result).contains("\"at\" : \"11.00\""))
    #expect(ScheduleText.render(schedule).contains("\n09:15–09:45  30 min  talk "))
    #expect(ScheduleText.render(try Self.schedule("civilsamfundet/2013-04-18.yaml")).contains("\n08.45–09.00"))
  }

  @Test func aMinuteOverIsOneMinute() throws {
    let result = try Replanner.replan(
      Self.schedule("civilsamfundet/2013-04-18.yaml"), at: Self.time("14.50"), behind: 1)
    #expect(result.overrun == 1)
    let text = ReplanText.render(result)
    #expect(text.contains("The day runs 1 minute over"))
    #expect(text.contains("end 1 minute later, at 15.01"), "\(text)")
  }

  @Test func aDelayNoPlanCanAbsorbSaysByHowMuch() throws {
    let result = try Replanner.replan(
      Self.schedule("civilsamfundet/2013-04-18.yaml"), at: Self.time("14.00"), behind: 90)
    #expect(!result.endsOnTime)
    #expect(result.newEnd > Self.time("15.00"))
    #expect(result.overrun == result.newEnd - Self.time("15.00"))
  }

  @Test func optionalStepsAreDroppedFirstAndFlexibleTalksShorten() throws {
    let schedule = try Self.schedule(
      exercise: "sparring",
      """
      title: Sparring
      format: groups
      group-size: 3
      minutes: 20-40
      steps:
        - ask: Hvad virker?
          minutes: 10
        - ask: Hvad mangler?
          minutes: 10
        - do: Ekstra runde.
          minutes: 10
          optional: true
        - do: Opsamling.

      """,
      agenda: """
        - time: 09.00-09.40
          kind: talk
          title: Oplæg
          flexible: true
        - time: 09.40-10.20
          exercise: sparring

        """)
    // Ten minutes behind: the exercise alone gives them, dropping its optional step.
    let small = try Replanner.replan(schedule, at: Self.time("09.10"), behind: 10)
    #expect(small.endsOnTime)
    #expect(small.entries.first?.shortenedBy == 0)
    let sparring = try #require(small.entries.last)
    #expect(sparring.replanned.minutes == 30)
    #expect(sparring.droppedSteps.map(\.text) == ["Ekstra runde."])
    #expect(!sparring.steps.contains { $0.step.optional })
    // Thirty behind: the exercise goes to the low end of its range, the flexible talk gives the rest.
    let large = try Replanner.replan(schedule, at: Self.time("09.30"), behind: 30)
    #expect(large.endsOnTime)
    #expect(large.entries.first?.replanned.minutes == 30)
    #expect(large.entries.last?.replanned.minutes == 20)
  }

  /// A little time less keeps an optional step and shortens every step a little, rather
  /// than drop it and give its minutes to a step that has its own; and no step gets longer
  /// than planned, also where the plan left minutes over at the end of the exercise.
  @Test func aLittleTimeLessShortensStepsAndLengthensNone() throws {
    let reflect = """
      title: Refleksion
      format: groups
      group-size: 3
      minutes: 30-40
      steps:
        - ask: Første spørgsmål?
          minutes: 20
        - ask: Andet spørgsmål?
          minutes: 4
        - do: Del med hele rummet.
          format: plenary
          optional: true

      """
    // Twelve minutes of steps in fifteen: three left over at the end.
    let pairs = """
      title: Makkere
      format: pairs
      minutes: 10-15
      steps:
        - do: Fortæl.
          minutes: 6
        - do: Lyt.
          minutes: 6

      """
    let schedule = try Self.schedule(
      program: """
        title: Testdag
        date: 2013-04-18
        agenda:
          - time: 09.00-09.30
            kind: talk
            title: Oplæg
          - time: 09.30-10.10
            exercise: reflect
          - time: 10.10-10.25
            exercise: pairs
          - time: 10.25-10.40
            kind: break
            title: Pause

        """, exercises: ["reflect": reflect, "pairs": pairs])
    let planned = Dictionary(
      schedule.parts.flatMap(\.steps).map { ($0.step.text, $0.span.minutes) }, uniquingKeysWith: { a, _ in a })
    for behind in [2, 5] {
      let result = try Replanner.replan(schedule, at: Self.time("09.20"), behind: behind)
      #expect(result.endsOnTime)
      let reflect = try #require(result.entries.first { $0.activity.exercise?.id == "reflect" })
      #expect(reflect.droppedSteps.isEmpty, "\(behind) behind")
      #expect(reflect.steps.count == 3)
      for entry in result.entries {
        #expect(entry.steps.reduce(0) { $0 + $1.span.minutes } <= entry.replanned.minutes)
        for step in entry.steps {
          #expect(step.span.minutes <= planned[step.step.text]!, "\(behind) behind: \(step.step.text)")
        }
      }
    }
  }

  /// The slides' keys are named only when what was shortened counts down on the slides: a
  /// flexible plenary has no countdown, the exercise's steps and a break do.
  @Test func theSlidesKeysAreNamedOnlyForACountdownShortened() throws {
    let schedule = try Self.schedule(
      exercise: "sparring",
      """
      title: Sparring
      format: pairs
      minutes: 30-40
      steps:
        - do: Fortæl.
          minutes: 20
        - do: Opsamling.

      """,
      agenda: """
        - time: 09.00-09.30
          kind: talk
          title: Oplæg
        - time: 09.30-10.10
          kind: plenary
          title: Samtale i plenum
          flexible: true
        - time: 10.10-10.30
          kind: talk
          title: Afslutning
        - time: 10.30-11.00
          exercise: sparring

        """)
    // The exercise is at the low end of its range: the plenary alone gives the minutes.
    let result = try Replanner.replan(schedule, at: Self.time("09.20"), behind: 10)
    #expect(result.endsOnTime)
    #expect(!result.shortensACountdown)
    let text = ReplanText.render(result)
    #expect(text.contains("\nShortened: Samtale i plenum 10 min\n"), "\(text)")
    #expect(!text.contains("On the slides"), "\(text)")
  }

  /// A day declared longer than its agenda (`day: 09.00-13.00`, the last item ending 11.45)
  /// may end later than planned within its bounds: said so, not called running over.
  @Test func endingLaterWithinTheDeclaredDayIsNotRunningOver() throws {
    let schedule = try Self.schedule(
      program: """
        title: Testdag
        date: 2013-04-18
        day: 09.00-13.00
        agenda: [{ time: 09.00-10.00, kind: talk, title: Oplæg }, { time: 10.00-11.45, kind: plenary, title: Snak }]

        """)
    let result = try Replanner.replan(schedule, at: Self.time("09.50"), behind: 20)
    #expect(!result.endsOnTime && result.endsWithinTheDay)
    #expect(result.dayEnd == Self.time("13.00"))
    let text = ReplanText.render(result)
    #expect(text.contains("\nThe day ends 12.05, 20 minutes later than planned, within the day, which ends 13.00.\n"))
    #expect(text.contains("\nTo end at 11.45 after all: shorten the plenary \"Snak\" (105 min)"), "\(text)")
    #expect(!text.contains("runs 20 minutes over"))
    #expect(ReplanText.json(result).contains("\"endsWithinTheDay\" : true"))
    // Past the declared end, it runs over as before.
    let over = try Replanner.replan(schedule, at: Self.time("11.00"), behind: 90)
    #expect(!over.endsOnTime && !over.endsWithinTheDay)
    #expect(ReplanText.json(over).contains("\"endsWithinTheDay\" : false"))
    // On time is within the day too: the JSON never says one without the other.
    let onTime = try Replanner.replan(schedule, at: Self.time("11.00"), behind: 0)
    #expect(onTime.endsOnTime && ReplanText.json(onTime).contains("\"endsWithinTheDay\" : true"))
    #expect(ReplanText.render(over).contains("\nThe day runs 90 minutes over: it ends 13.15 instead of 11.45.\n"))
  }

  /// A shortened step of rounds shares its new minutes among its rounds, each with its clock
  /// in the text and the JSON, so the facilitator still knows when to change over; an
  /// item under way lists the rounds still to come.
  @Test func aShortenedStepOfRoundsKeepsItsRoundTimes() throws {
    let schedule = try Self.schedule(
      exercise: "klinik",
      """
      title: Klinik
      format: groups
      group-size: 3
      minutes: 30-50
      steps:
        - do: Skriv jeres udfordring ned.
          minutes: 4
        - do: En fortæller, de andre giver råd.
          minutes: 12
          rounds: 3
        - ask: Hvad tager I med?

      """,
      agenda: """
        - time: 09.00-09.30
          kind: talk
          title: Oplæg
        - time: 09.30-10.20
          exercise: klinik

        """)
    let result = try Replanner.replan(schedule, at: Self.time("09.20"), behind: 10)
    let klinik = try #require(result.entries.last)
    #expect(klinik.replanned.formatted(.da) == "09.40–10.20")
    let rounds = try #require(klinik.steps.first { $0.step.rounds == 3 })
    #expect(rounds.rounds.count == 3)
    #expect(rounds.rounds.first?.start == rounds.span.start && rounds.rounds.last?.end == rounds.span.end)
    #expect(zip(rounds.rounds, rounds.rounds.dropFirst()).allSatisfy { $0.end == $1.start })
    #expect(Set(rounds.rounds.map(\.minutes)).isSubset(of: [rounds.span.minutes / 3, rounds.span.minutes / 3 + 1]))
    let text = ReplanText.render(result)
    let lines = text.split(separator: "\n").map(String.init)
    let step = try #require(lines.firstIndex { $0.contains("En fortæller, de andre giver råd.") })
    #expect(
      Array(lines[(step + 1)...(step + 3)])
        == rounds.rounds.enumerated().map { index, round in
          "      " + round.formatted(.da) + "\(round.minutes) min".leftPadded(8, with: " ") + "  round \(index + 1)"
        }, "\(text)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(ReplanText.json(result).utf8)) as? [String: Any])
    let items = try #require(json["items"] as? [[String: Any]])
    let steps = try #require(items.last?["steps"] as? [[String: Any]])
    #expect(
      (steps[1]["rounds"] as? [[String: Any]])?.map { $0["start"] as? String } == rounds.rounds.map { $0.start.text })
    #expect((steps[0]["rounds"] as? [[String: Any]])?.isEmpty == true)
    // Under way in its second round: the rounds still to come, the one going on marked.
    let planned = try #require(schedule.parts.last?.steps.first { $0.step.rounds == 3 })
    let during = try Replanner.replan(schedule, at: planned.rounds[1].start.adding(minutes: 2 + 5), behind: 5)
    let duringText = ReplanText.render(during)
    #expect(!duringText.contains("round 1"), "\(duringText)")
    #expect(duringText.contains("  round 2  [now]"), "\(duringText)")
    #expect(duringText.contains("  round 3\n"), "\(duringText)")
  }

  /// The item under way runs on to its planned length: it is not reported as shortened by
  /// the time it has already run, talk or exercise.
  @Test func theItemUnderWayIsNotShortened() throws {
    let schedule = try Self.schedule("civilsamfundet/2013-04-18.yaml")
    for (at, behind) in [("10.45", 15), ("11.10", 5), ("13.30", 30), ("14.45", 10)] {
      let result = try Replanner.replan(schedule, at: Self.time(at), behind: behind)
      let running = try #require(result.entries.first, "\(at) +\(behind)")
      #expect(running.inProgress, "\(at) +\(behind)")
      #expect(running.shortenedBy == 0, "\(at) +\(behind)")
      // What is left of it, from now, up to its planned end moved by the delay.
      #expect(running.replanned.start == Self.time(at))
      #expect(running.replanned.end == running.planned.end.adding(minutes: behind))
      #expect(!result.shortened.contains { $0.inProgress })
      let said = ReplanText.render(result)
      #expect(!said.contains("Shortened: \(running.activity.title)"), "\(said)")
      let json = try JSONSerialization.jsonObject(with: Data(ReplanText.json(result).utf8)) as? [String: Any]
      let first = try #require((json?["items"] as? [[String: Any]])?.first)
      #expect(first["inProgress"] as? Bool == true && first["shortenedBy"] as? Int == 0)
      // As the text shows it: from when it began, with what is left of it.
      let began = running.planned.start.adding(minutes: behind)
      #expect(first["start"] as? String == began.text && first["end"] as? String == running.replanned.end.text)
      #expect(first["minutes"] as? Int == running.replanned.end - began)
      #expect(first["minutesLeft"] as? Int == running.replanned.minutes)
      #expect(said.contains(TimeRange(start: began, end: running.replanned.end).formatted(.da)), "\(said)")
    }
  }

  /// Late a second time: the day follows the first replan's times, and the second is
  /// measured against them, so what the first cut stays cut ("Fif" at 8 minutes, not 10).
  @Test func aSecondReplanFollowsTheFirst() throws {
    let schedule = try Self.schedule("civilsamfundet/2013-04-18.yaml")
    let first = try Replanner.replan(schedule, at: Self.time("11.40"), behind: 25)
    let fif = try #require(first.entries.first { $0.activity.title == "Fif til det første møde" })
    #expect(fif.replanned.description == "14.02-14.10")
    let second = try Replanner.replan(
      schedule, following: [(Self.time("11.40"), 25)], at: Self.time("14.10"), behind: 8)
    #expect(second.plannedNow == Self.time("14.02"))
    let again = try #require(second.entries.first { $0.activity.title == "Fif til det første møde" })
    #expect(again.planned.description == "14.02-14.10", "the plan followed is the first replan's")
    #expect(second.newEnd == Self.time("15.08") && second.overrun == 8)
    let said = ReplanText.render(second)
    #expect(said.hasPrefix("Replan at 14.10, 8 minutes behind the replan of 11.40 (the plan stands at 14.02)\n"))
    let json = try JSONSerialization.jsonObject(with: Data(ReplanText.json(second).utf8)) as? [String: Any]
    #expect((json?["following"] as? [[String: Any]])?.first?["at"] as? String == "11.40")
    // Without the first, the same delay is measured against the printed plan.
    let alone = try Replanner.replan(schedule, at: Self.time("14.10"), behind: 8)
    #expect(alone.plannedNow == Self.time("14.02"))
    #expect(alone.entries.first { $0.activity.title == "Fif til det første møde" }?.planned.minutes == 10)
    // Given out of order, or after the time now: said.
    #expect(throws: Replanner.Failure.earlierReplanAfterNow(Self.time("14.40"), now: Self.time("14.10"))) {
      try Replanner.replan(schedule, following: [(Self.time("14.40"), 25)], at: Self.time("14.10"), behind: 8)
    }
  }

  /// On the second day of a two-day meeting, a second replan follows the first of that
  /// day: what the first cut stays cut, and the text names the day.
  @Test func aSecondReplanOnTheSecondDayFollowsTheFirst() throws {
    let schedule = try Self.schedule("samskabelseslaboratoriet/2017-04-27.yaml")
    let first = try Replanner.replan(schedule, day: 1, at: Self.time("09.45"), behind: 10)
    let cut = try #require(first.entries.first { $0.shortenedBy > 0 }, "the first replan shortens something")
    let second = try Replanner.replan(
      schedule, day: 1, following: [(Self.time("09.45"), 10)], at: Self.time("10.30"), behind: 10)
    #expect(second.day == 1)
    let again = try #require(second.entries.first { $0.activity.title == cut.activity.title })
    #expect(again.planned == cut.replanned, "the plan followed is the first replan's")
    let said = ReplanText.render(second)
    #expect(
      said.hasPrefix("Replan at 10.30 on day 2, 10 minutes behind the replan of 09.45 (the plan stands at 10.20)\n"),
      "\(said)")
    // The first day's items are not part of it.
    let firstDay = Set(schedule.items.filter { $0.item.day == 0 }.flatMap { $0.parts.map(\.activity.title) })
    #expect(second.entries.allSatisfy { !firstDay.contains($0.activity.title) || $0.activity.kind.isRest })
  }

  /// More minutes behind than the day has run is refused (a usage error), not taken as a
  /// plan that started before the day did.
  @Test func moreBehindThanTheDayHasRunIsRefused() throws {
    let schedule = try Self.schedule("civilsamfundet/2013-04-18.yaml")
    // The day runs 08.45-15.00.
    #expect(
      throws: Replanner.Failure.behindBeforeTheStart(behind: 10, at: Self.time("08.50"), start: Self.time("08.45"))
    ) {
      try Replanner.replan(schedule, at: Self.time("08.50"), behind: 10)
    }
    #expect(throws: Replanner.Failure.self) { try Replanner.replan(schedule, at: Self.time("10.30"), behind: 600) }
    #expect(throws: Replanner.Failure.self) { try Replanner.replan(schedule, at: Self.time("10.30"), behind: 1_500) }
    let edge = try Replanner.replan(schedule, at: Self.time("09.20"), behind: 35)
    #expect(edge.plannedNow == Self.time("08.45"))
    let message =
      "\(Replanner.Failure.behindBeforeTheStart(behind: 10, at: Self.time("09.05"), start: Self.time("09.00")))"
    #expect(
      message
        == "10 minutes behind at 09.05 would put the plan before the day began at 09.00; at 09.05 the day can be at most 5 minutes behind"
    )
  }

  /// At the planned end, or after it, a day that is behind is not over: the last item is
  /// still going, and the text says which of its steps is on now and which are to come.
  @Test func aDayBehindAtItsPlannedEndStillHasItsLastItem() throws {
    let schedule = try Self.schedule("civilsamfundet/2013-04-18.yaml")
    for at in ["15.00", "15.05"] {
      let result = try Replanner.replan(schedule, at: Self.time(at), behind: 10)
      #expect(result.entries.map(\.activity.title) == ["Næste skridt – i makkerpar"])
      #expect(result.entries.first?.inProgress == true)
      #expect(result.newEnd == Self.time("15.10"))
    }
    let said = ReplanText.render(try Replanner.replan(schedule, at: Self.time("15.00"), behind: 10))
    #expect(said.contains("    14.58–15.02   4 min  3. Hvem involverer det?  [now]\n"), "\(said)")
    #expect(said.contains("    15.06–15.10   4 min  5. Hvad forventer I som output af disse handlinger?\n"))
    #expect(!said.contains("2. Hvordan skal dette forberedes?"), "a step that is over is left out")
    // The JSON lists the same steps, the one going on marked.
    let json = ReplanText.json(try Replanner.replan(schedule, at: Self.time("15.00"), behind: 10))
    let record = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let steps = try #require(((record["items"] as? [[String: Any]])?.first?["steps"]) as? [[String: Any]])
    #expect(steps.map { $0["start"] as? String } == ["14.58", "15.02", "15.06"])
    #expect(steps.map { $0["now"] as? Bool } == [true, false, false])
    // At the end, on time: the day is over, said as such.
    #expect(
      "\(Replanner.Failure.planAfterTheEnd(behind: 0, at: Self.time("15.00"), end: Self.time("15.00")))"
        == "at 15.00 the day has ended (at 15.00): nothing is left to replan")
    #expect(throws: Replanner.Failure.planAfterTheEnd(behind: 0, at: Self.time("15.00"), end: Self.time("15.00"))) {
      try Replanner.replan(schedule, at: Self.time("15.00"), behind: 0)
    }
    // 10 behind at 15.10: the plan stands at its end; nothing is left.
    #expect(throws: Replanner.Failure.planAfterTheEnd(behind: 10, at: Self.time("15.10"), end: Self.time("15.00"))) {
      try Replanner.replan(schedule, at: Self.time("15.10"), behind: 10)
    }
    #expect(
      "\(Replanner.Failure.planAfterTheEnd(behind: 10, at: Self.time("15.10"), end: Self.time("15.00")))"
        == "10 minutes behind at 15.10, the plan stands at 15.00, when the day has ended (15.00): nothing is left "
        + "to replan")
  }

  /// An evening that runs past midnight: 00.20 is during it, 02.00 after it, 17.00 before it.
  @Test func aDayPastMidnightIsReplannedAfterMidnight() throws {
    let program = Paths.fixtures.appendingPathComponent("valid/day-past-midnight/program.yaml")
    let schedule = try #require(
      Checker(exerciseDirectory: Paths.fixtureExercises.path).check(programAt: program.path).schedule)
    let result = try Replanner.replan(schedule, at: Self.time("00.20"), behind: 10)
    #expect(result.entries.map(\.activity.title) == ["Natdialog", "Farvel"])
    #expect(result.plannedNow.text == "00.10")
    #expect(result.newEnd.text == "01.10" && result.overrun == 10)
    #expect(throws: Replanner.Failure.self) { try Replanner.replan(schedule, at: Self.time("02.00"), behind: 0) }
    #expect(throws: Replanner.Failure.outsideTheDay(Self.time("17.00"), try #require(schedule.day(0).span))) {
      try Replanner.replan(schedule, at: Self.time("17.00"), behind: 0)
    }
  }

  /// Without --day, a program of several days is replanned on the day whose date is today
  /// (here its second), as the facilitator's page online does; the first day otherwise.
  @Test func withoutADayTheDayOfTodaysDateIsReplanned() throws {
    let folder = try TemporaryFolder()
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try #require(TimeZone(identifier: "Europe/Copenhagen"))
    func iso(_ date: Date) -> String {
      let parts = calendar.dateComponents([.year, .month, .day], from: date)
      return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
    let today = Date()
    let fixture = Paths.fixtures.appendingPathComponent("valid/two-days/program.yaml")
    let text = try String(contentsOf: fixture, encoding: .utf8)
      .replacingOccurrences(of: "2013-04-18", with: iso(today.addingTimeInterval(-86_400)))
      .replacingOccurrences(of: "2013-04-19", with: iso(today))
      .replacingOccurrences(of: "2013-05-30", with: iso(today.addingTimeInterval(30 * 86_400)))
    let program = try folder.write("program.yaml", text)
    let arguments = [
      "replan", program.path, "--at", "10.00", "--behind", "5", "--exercises", Paths.fixtureExercises.path,
    ]
    let second = try CLI.run(arguments)
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stdout.contains("day 2") && !second.stdout.contains("Velkomst"), "\(second.stdout)")
    let first = try CLI.run(arguments + ["--day", "1"])
    #expect(first.stdout.contains("Velkomst"), "\(first.stdout)")
  }

  @Test func aTimeOutsideTheDayIsRefused() throws {
    let schedule = try Self.schedule("civilsamfundet/2013-04-18.yaml")
    #expect(throws: Replanner.Failure.self) { try Replanner.replan(schedule, at: Self.time("16.00"), behind: 10) }
    #expect(throws: Replanner.Failure.self) {
      try Replanner.replan(schedule, day: 3, at: Self.time("10.00"), behind: 10)
    }
  }

  /// Every replan of every sample that says it ends on time does, and passes the timing
  /// rules; one that says it cannot ends later than the day.
  @Test func everyReplanThatEndsOnTimePassesTheRules() throws {
    let files = try ProgramDiscovery.programFiles(in: [Paths.programs.path])
    let checker = Checker(exerciseDirectory: Paths.exercises.path)
    var cases = 0
    for file in files {
      let check = checker.check(programAt: file)
      guard let schedule = check.schedule else { continue }
      for day in schedule.program.scheduleDays.indices {
        guard let span = schedule.day(day).span else { continue }
        var at = span.start
        while at < span.end {
          for behind in [0, 5, 10, 15, 20, 30, 45, 60] where behind <= at - span.start {
            let result = try Replanner.replan(schedule, day: day, at: at, behind: behind)
            cases += 1
            if result.endsOnTime {
              #expect(result.newEnd <= span.end, "\(file) day \(day + 1) at \(at.text) +\(behind)")
              let findings = TimingRules.check(result.schedule, schedule.program.rules)
                .filter { $0.rule != .nextSteps && $0.rule != .nextMeeting }
              #expect(
                findings.isEmpty, "\(file) day \(day + 1) at \(at.text) +\(behind): \(findings.map(\.description))")
            } else {
              #expect(result.newEnd > span.end && result.overrun > 0)
            }
          }
          at = at.adding(minutes: 15)
        }
      }
    }
    #expect(cases > 500)
  }
}
