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
