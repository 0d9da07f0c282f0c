/// next-meeting and next-steps: the follow-up loop to the next meeting.
struct NextMeetingRules: TimingRule {
  var judgesProgram: Bool { true }

  func check(_ schedule: Schedule, _ configuration: RuleConfiguration) -> [Diagnostic] {
    let program = schedule.program
    guard let next = program.nextMeeting else { return [] }
    var findings: [Diagnostic] = []
    if next.value <= program.lastDate.value {
      // Of several days, the last may be the slip (a year typed wrong): it is named, with its line.
      let last = program.lastDate
      let meeting =
        program.isMultiDay
        ? "this meeting's last day, \(last.value.iso) (day \(program.days.count), line \(last.location.line))"
        : "this meeting on \(last.value.iso)"
      findings.append(
        Diagnostic(.nextMeeting, at: next.location, "the next meeting, \(next.value.iso), is not after \(meeting)"))
    }
    // An exercise that could not be used (unknown, or its file has errors) may be the
    // follow-up: its own finding says so, and this one waits for it.
    let unusable = program.agenda.flatMap(\.parts).contains { $0.exercise != nil && $0.exercise?.exercise == nil }
    if program.followUpExercise == nil, !unusable {
      findings.append(
        Diagnostic(
          .nextSteps, at: next.location,
          "there is a next meeting on \(next.value.iso), but no exercise here has \"follow-up: true\"; "
            + "add one so participants leave with next steps"))
    }
    return findings
  }
}
