/// Dates in words, as a person writes them: "torsdag den 18. april 2013",
/// "Thursday 18 April 2013".
public enum DateText {
  static let months: [Language: [String]] = [
    .da: [
      "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
      "november", "december",
    ],
    .en: [
      "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December",
    ],
  ]
  static let weekdays: [Language: [String]] = [
    .da: ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"],
    .en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
  ]

  /// "torsdag den 18. april 2013" / "Thursday 18 April 2013".
  public static func long(_ date: CalendarDate, _ language: Language) -> String {
    let weekday = weekdays[language]![date.isoWeekday - 1]
    switch language {
    case .da: return "\(weekday) den \(short(date, language)) \(date.year)"
    case .en: return "\(weekday) \(short(date, language)) \(date.year)"
    }
  }

  /// "3. juni" / "3 June".
  public static func short(_ date: CalendarDate, _ language: Language) -> String {
    let month = months[language]![date.month - 1]
    switch language {
    case .da: return "\(date.day). \(month)"
    case .en: return "\(date.day) \(month)"
    }
  }

  /// Several days as a person writes them, saying the month and the year once where the
  /// days share them: "torsdag den 27. og fredag den 28. april 2017", "Thursday 30 April
  /// and Friday 1 May 2020", each day in full where the years differ.
  public static func days(_ dates: [CalendarDate], _ language: Language) -> String {
    guard let last = dates.last else { return "" }
    guard dates.allSatisfy({ $0.year == last.year }) else { return language.list(dates.map { long($0, language) }) }
    let sameMonth = dates.allSatisfy { $0.month == last.month }
    let words = dates.enumerated().map { index, date in
      let weekday = weekdays[language]![date.isoWeekday - 1]
      let day =
        index < dates.count - 1 && sameMonth
        ? (language == .da ? "\(date.day)." : "\(date.day)") : short(date, language)
      return language == .da ? "\(weekday) den \(day)" : "\(weekday) \(day)"
    }
    return language.list(words) + " \(last.year)"
  }

  /// "den 3. juni" / "3 June", for "Vi ses den 3. juni!"; "den 8. og 9. april" / "8 and
  /// 9 April" before a meeting of several days, the month once where the days share it.
  public static func onDays(_ dates: [CalendarDate], _ language: Language) -> String {
    guard let last = dates.last else { return "" }
    let sameMonth = dates.allSatisfy { $0.month == last.month && $0.year == last.year }
    let words = dates.enumerated().map { index, date in
      index < dates.count - 1 && sameMonth ? (language == .da ? "\(date.day)." : "\(date.day)") : short(date, language)
    }
    return (language == .da ? "den " : "") + language.list(words)
  }
}
