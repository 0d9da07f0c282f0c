/// The language of a program: every fixed label, date and time in its kit follows it.
public enum Language: String, Sendable, Hashable, CaseIterable {
  case da
  case en

  /// The language's name in English, for findings.
  public var englishName: String {
    switch self {
    case .da: "Danish"
    case .en: "English"
    }
  }

  /// What authors write for a language instead of its code: a country (`dk`, `uk`), a
  /// name, a regional tag. The "did you mean" of `language:`, which guesses at no code.
  static let meantBy: [String: Language] = [
    "dk": .da, "dan": .da, "dansk": .da, "danish": .da, "da-dk": .da, "da_dk": .da,
    "uk": .en, "gb": .en, "us": .en, "eng": .en, "english": .en, "engelsk": .en, "en-gb": .en, "en_gb": .en,
    "en-us": .en, "en_us": .en,
  ]

  /// The case's place in `allCases`, for tables in language order.
  var position: Int {
    switch self {
    case .da: 0
    case .en: 1
    }
  }

  var timeSeparator: String {
    switch self {
    case .da: "."
    case .en: ":"
    }
  }
}
