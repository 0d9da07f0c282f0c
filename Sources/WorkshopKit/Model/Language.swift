/// The language of a program: every fixed label, date and time in its kit follows it.
public enum Language: String, Sendable, Hashable, CaseIterable {
  case da
  case en

  var timeSeparator: String {
    switch self {
    case .da: "."
    case .en: ":"
    }
  }
}
