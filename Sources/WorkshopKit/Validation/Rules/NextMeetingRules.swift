/// next-meeting and next-steps: the follow-up loop to the next meeting.
struct NextMeetingRules: TimingRule {
  var judgesProgram: Bool { true }

  func check(_ schedule: Schedule, _ configuration: RuleConfiguration) -> [Diagnostic] {
    let program = schedule.program
    guard let next = program.nextMeeting else { return [] }
    var findings: [Diagnostic] = []
    if next.value <= program.lastDate.value {
      findings.append(
        Diagnostic(
          .nextMeeting, at: next.location,
          "the next meeting, \(next.value.iso), is not after this meeting on \(program.lastDate.value.iso)"))
    }
    if program.followUpExercise == nil {
      findings.append(
        Diagnostic(
          .nextSteps, at: next.location,
          "there is a next meeting on \(next.value.iso), but no exercise here has \"follow-up: true\"; "
            + "add one so participants leave with next steps"))
    }
    return findings
  }
}
