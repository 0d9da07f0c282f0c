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

  /// "den 3. juni" / "3 June", for "Vi ses den 3. juni!".
  public static func onDay(_ date: CalendarDate, _ language: Language) -> String {
    language == .da ? "den " + short(date, language) : short(date, language)
  }
}
