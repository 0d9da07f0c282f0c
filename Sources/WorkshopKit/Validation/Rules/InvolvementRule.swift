/// involvement: participants should spend a fair share of the content time working themselves.
struct InvolvementRule: TimingRule {
  func check(_ schedule: Schedule, _ configuration: RuleConfiguration) -> [Diagnostic] {
    var content = 0
    var active = 0
    for part in schedule.parts where part.activity.kind.isContent {
      let minutes = max(0, part.span.minutes)
      content += minutes
      if part.activity.kind.isParticipantActivity { active += minutes }
    }
    guard content > 0, active * 100 < configuration.minInvolvementPercent * content else { return [] }
    return [
      Diagnostic(
        .involvement, at: schedule.program.agendaLocation,
        "participants are active \(active) of \(content) content minutes (\(active * 100 / content)%); "
          + "aim for at least \(configuration.minInvolvementPercent)% with exercises or plenary dialogue")
    ]
  }
}
