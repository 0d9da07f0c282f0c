/// meal: a full day across noon needs a proper meal at a sensible time; a morning
/// (shorter than `meal-day-minutes`) does not.
struct MealRule: TimingRule {
  var judgesWholeDay: Bool { true }

  func check(_ schedule: Schedule, _ configuration: RuleConfiguration) -> [Diagnostic] {
    guard let span = schedule.span, span.start < .noon, span.end > .noon,
      span.minutes >= configuration.mealDayMinutes
    else { return [] }
    let window = configuration.mealWindow
    let meals = schedule.parts.filter { $0.activity.kind == .meal }
    let good = meals.contains {
      $0.span.minutes >= configuration.minMealMinutes && $0.span.start >= window.start
        && $0.span.start <= window.end
    }
    guard !good else { return [] }
    let need =
      "a meal of at least \(configuration.minMealMinutes) minutes starting \(window.start.text)-\(window.end.text)"
    guard let meal = meals.first else {
      // "Frokost" written as a break, at a time for a meal: that item is the one to change.
      if let lunch = schedule.parts.first(where: {
        $0.activity.kind == .break && Self.soundsLikeAMeal($0.activity.title) && $0.span.start >= window.start
          && $0.span.start <= window.end
      }) {
        let danish = schedule.program.language == .da ? " (or frokost)" : ""
        return [
          Diagnostic(
            .meal, at: lunch.activity.location,
            "the day runs \(span.start.text)-\(span.end.text), across noon, and \"\(lunch.activity.title)\" at "
              + "\(lunch.span.start.text) is a break, not a meal; give it kind: meal\(danish), as the day needs \(need)"
          )
        ]
      }
      return [
        Diagnostic(
          .meal, at: schedule.program.agendaLocation,
          "the day runs \(span.start.text)-\(span.end.text), across noon, without a meal; add \(need)")
      ]
    }
    let problem =
      meal.span.minutes < configuration.minMealMinutes
      ? "is \(meal.span.minutes) minutes" : "starts \(meal.span.start.text)"
    return [
      Diagnostic(
        .meal, at: meal.activity.location,
        "the meal \"\(meal.activity.title)\" \(problem); a day across noon needs \(need)")
    ]
  }

  /// A title that names a meal ("Frokost", "Lunch and networking", "Fælles middag").
  static func soundsLikeAMeal(_ title: String) -> Bool {
    let meals: Set<String> = [
      "frokost", "frokostpause", "lunch", "middag", "aftensmad", "brunch", "dinner", "supper", "måltid", "meal",
      "spisning", "spisepause",
    ]
    return title.lowercased().split { !$0.isLetter }.contains { meals.contains(String($0)) }
  }
}
