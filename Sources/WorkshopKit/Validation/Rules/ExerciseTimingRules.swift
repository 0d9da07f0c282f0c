/// exercise-duration, steps-overflow and steps-slack: whether each exercise fits the time
/// it is given, and its steps fill it.
struct ExerciseTimingRules: TimingRule {
  func check(_ schedule: Schedule, _ configuration: RuleConfiguration) -> [Diagnostic] {
    var findings: [Diagnostic] = []
    for part in schedule.parts {
      guard let reference = part.activity.exercise, let exercise = reference.exercise else { continue }
      let given = part.span.minutes
      let timed = exercise.steps.reduce(0) { $0 + ($1.totalMinutes ?? 0) }
      // One finding per defect: the time given is judged first, then how the steps fill it.
      if !exercise.minutes.value.contains(given) {
        findings.append(Self.duration(exercise, at: reference.location, given: given))
      } else if timed > given {
        findings.append(Self.stepsOverflow(exercise, at: reference.location, timed: timed, given: given))
      } else if let finding = Self.untimedGetNone(exercise, at: reference.location, timed: timed, given: given) {
        findings.append(finding)
      } else if exercise.steps.allSatisfy({ $0.totalMinutes != nil }), given - timed > configuration.maxSlackMinutes {
        findings.append(Self.stepsSlack(exercise, at: reference.location, timed: timed, given: given))
      }
      if case let written = exercise.writtenIn, written != schedule.program.language {
        findings.append(
          schedule.program.languageIsGiven
            ? Self.language(exercise, written, at: reference.location, program: schedule.program.language)
            : Self.noLanguage(exercise, written, at: reference.location, program: schedule.program.language))
      }
    }
    return findings
  }

  static func stepsOverflow(_ exercise: Exercise, at location: SourceLocation, timed: Int, given: Int)
    -> Diagnostic
  {
    Diagnostic(
      .stepsOverflow, at: location,
      "the timed steps of \"\(exercise.title)\" take \(timed) minutes, but it is given \(given) here")
  }

  /// The time given here leaves an untimed step no minute: the run sheet would show it at
  /// 0 min, the slides would give it no time. The minutes left go to the untimed steps that
  /// are not optional first (`Scheduler.layOut`), so only when they are too few for those.
  static func untimedGetNone(_ exercise: Exercise, at location: SourceLocation, timed: Int, given: Int)
    -> Diagnostic?
  {
    let left = given - timed
    let untimed = exercise.steps.filter(\.sharesTimeLeft)
    guard untimed.count > left else { return nil }
    let none = untimed.dropFirst(left)
    let needed = untimed.count - left
    return Diagnostic(
      .exerciseSteps, at: location,
      "given \(given) minutes here, the timed steps of \"\(exercise.title)\" leave \(left) minute\(left == 1 ? "" : "s") "
        + "for its untimed steps, so "
        + (none.count == 1
          ? "\"\(none[none.startIndex].text)\" gets none"
          : "\(none.count) of them get none, \"\(none[none.startIndex].text)\" first")
        + "; give the exercise \(needed) more minute\(needed == 1 ? "" : "s") or shorten a timed step")
  }

  static func language(_ exercise: Exercise, _ written: Language, at location: SourceLocation, program: Language)
    -> Diagnostic
  {
    guard exercise.language != nil else {
      // No `language:` in its file: it counts as Danish, which may be an oversight.
      return Diagnostic(
        .exerciseLanguage, at: location,
        "\"\(exercise.title)\" gives no language, so it counts as \(written.englishName), but this program is in "
          + "\(program.englishName); if it is written in \(program.englishName), add \"language: \(program.rawValue)\" "
          + "to \(PathText.name(of: exercise.file))")
    }
    return Diagnostic(
      .exerciseLanguage, at: location,
      "\"\(exercise.title)\" is written in \(written.englishName), but this program is in \(program.englishName); "
        + "its texts are marked as \(written.englishName) in every document, or use an exercise in \(program.englishName)"
    )
  }

  /// A program in Danish only by default, using an exercise in another language: the fix
  /// is likely the program's language, not the exercise.
  static func noLanguage(_ exercise: Exercise, _ written: Language, at location: SourceLocation, program: Language)
    -> Diagnostic
  {
    Diagnostic(
      .exerciseLanguage, at: location,
      "\"\(exercise.title)\" is written in \(written.englishName), but this program is in \(program.englishName), "
        + "as it gives no language here or in series.yaml; if the course is in \(written.englishName), add "
        + "\"language: \(written.rawValue)\" to series.yaml or the program")
  }

  static func stepsSlack(_ exercise: Exercise, at location: SourceLocation, timed: Int, given: Int) -> Diagnostic {
    Diagnostic(
      .stepsSlack, at: location,
      "the steps of \"\(exercise.title)\" take \(timed) of the \(given) minutes it is given here, leaving "
        + "\(given - timed) unplanned; give a step more minutes, add an untimed step, or give the exercise less time")
  }

  static func duration(_ exercise: Exercise, at location: SourceLocation, given: Int) -> Diagnostic {
    let range = exercise.minutes.value
    let direction = given < range.lowerBound ? "less" : "more"
    return Diagnostic(
      .exerciseDuration, at: location,
      "\"\(exercise.title)\" is given \(given) minutes, \(direction) than the \(range.description) it runs in "
        + "(\(exercise.minutes.location))")
  }
}
