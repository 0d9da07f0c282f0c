/// involvement: participants should spend a fair share of the content time working themselves.
struct InvolvementRule: TimingRule {
  var judgesWholeDay: Bool { true }

  func check(_ schedule: Schedule, _ configuration: RuleConfiguration) -> [Diagnostic] {
    var content = 0
    var active = 0
    for part in schedule.parts where part.activity.kind.isContent {
      let minutes = max(0, part.span.minutes)
      content += minutes
      if part.activity.kind.isParticipantActivity { active += minutes }
    }
    let minimum = configuration.minInvolvementPercent
    guard content > 0, Double(active * 100) < minimum * Double(content) else { return [] }
    let aim = minimum.rounded() == minimum ? String(Int(minimum)) : String(minimum)
    return [
      Diagnostic(
        .involvement, at: schedule.program.agendaLocation,
        "participants are active \(active) of \(content) content minutes (\(active * 100 / content)%); "
          + "aim for at least \(aim)% with exercises or plenary dialogue")
    ]
  }
}
