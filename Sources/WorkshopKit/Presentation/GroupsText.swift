/// The pairs and groups of a program for the terminal: each exercise with its time, then
/// each split, a line per group with names and organisations.
public enum GroupsText {
  public static func render(_ plans: [GroupPlanner.PartPlan], schedule: Schedule) -> String {
    let language = schedule.program.language
    var lines: [String] = []
    let days = schedule.program.scheduleDays
    var lastDay: Int?
    for plan in plans {
      let span = schedule.parts.first { $0.activity.location == plan.activity.location }?.span
      // A program of several days says which day each exercise is on.
      if days.count > 1, let day = schedule.day(of: plan.activity), day != lastDay, day < days.count {
        lines.append(language(.dayNumber, day + 1) + " · " + DateText.long(days[day].date.value, language))
        lines.append("")
        lastDay = day
      }
      lines.append((span.map { $0.formatted(language) + "  " } ?? "") + plan.activity.title)
      for assignment in plan.assignments {
        lines.append(
          "  " + assignment.format.stepText(groupSize: assignment.size.description, language) + ": "
            + assignment.summary(language) + fixedNote(assignment, language))
        // Pairs from the roster by their labels, as the follow-up forms name them.
        for (group, marker) in zip(assignment.groups, assignment.markers) {
          let names = group.map { person in person.organisation.map { "\(person.name) (\($0))" } ?? person.name }
          lines.append("    \(marker == "–" ? "– " : marker + ".") " + names.joined(separator: ", "))
        }
      }
      lines.append("")
    }
    if !schedule.program.absent.isEmpty {
      lines.append(language(.absent) + ": " + schedule.program.absent.map(\.value).joined(separator: ", "))
    }
    return lines.joined(separator: "\n") + (lines.last == "" ? "" : "\n")
  }

  /// " (fixed)" after a split the roster or the program made; with pairs made on the day
  /// among the roster's, how many of each: "(3 fixed by the roster, 2 made on the day)".
  static func fixedNote(_ assignment: GroupPlanner.Assignment, _ language: Language) -> String {
    guard assignment.isFixed else { return "" }
    let onTheDay = assignment.pairedOnTheDay
    let note =
      onTheDay > 0
      ? language(.fixedPairsAndOnTheDay, String(assignment.groups.count - onTheDay), onTheDay)
      : language(.fixedGroups)
    return " (\(note))"
  }
}
