/// Every finding carries one of these stable ids. Most rules can be configured (severity
/// `error`, `warning` or `off`) under `rules:`; those whose finding, turned off, would let
/// something be left out of the kit cannot (`whyAlwaysAnError`).
public enum RuleID: String, Sendable, Hashable, CaseIterable, Codable {
  // Timing rules (PRODUCT.md) and the checks the table lists beside them.
  case timeFormat = "time-format"
  case timeOrder = "time-order"
  case overlap
  case gap
  case partsOverflow = "parts-overflow"
  case partsSlack = "parts-slack"
  case stepsOverflow = "steps-overflow"
  case exerciseDuration = "exercise-duration"
  case breakInterval = "break-interval"
  case breakLength = "break-length"
  case meal
  case dayBounds = "day-bounds"
  case involvement
  case nextSteps = "next-steps"
  case nextMeeting = "next-meeting"
  case unknownExercise = "unknown-exercise"
  case unknownKey = "unknown-key"
  case duplicateKey = "duplicate-key"
  case stepsSlack = "steps-slack"
  case exerciseSteps = "exercise-steps"
  case commentInText = "comment-in-text"
  case emailAddress = "email-address"
  case exerciseLanguage = "exercise-language"
  case groupSize = "group-size"
  case groups

  // Checks across the meetings of one series folder.
  case seriesNextMeeting = "series-next-meeting"
  case seriesDuplicate = "series-duplicate"
  case seriesMeetingOrder = "series-meeting-order"
  case seriesFileName = "series-file-name"
  case seriesOrphanFollowUp = "series-orphan-followup"

  // Problems with a file itself: always errors.
  case readError = "read-error"
  case writeError = "write-error"
  case fileSize = "file-size"
  case encoding
  case emptyFile = "empty-file"
  case yamlSyntax = "yaml-syntax"
  case yamlAliases = "yaml-aliases"
  case wrongType = "wrong-type"
  case missingKey = "missing-key"
  case invalidValue = "invalid-value"

  public var defaultSeverity: Severity {
    switch self {
    case .gap, .partsSlack, .stepsSlack, .exerciseSteps, .breakInterval, .breakLength, .involvement, .nextSteps,
      .commentInText, .emailAddress, .exerciseLanguage, .groupSize, .seriesNextMeeting, .seriesMeetingOrder,
      .seriesFileName,
      .seriesOrphanFollowUp:
      .warning
    default: .error
    }
  }

  /// Whether `rules:` may change this rule's severity.
  public var isConfigurable: Bool { whyAlwaysAnError == nil }

  /// Why `rules:` cannot change this rule: what would be lost if it were off.
  public var whyAlwaysAnError: String? {
    switch self {
    case .readError, .writeError, .fileSize, .encoding, .emptyFile, .yamlSyntax, .yamlAliases:
      "a problem with a file itself is always an error"
    case .wrongType, .missingKey, .invalidValue:
      "a value missing or of the wrong kind is always an error"
    case .timeFormat:
      "an item whose time cannot be read would be left out of the kit, so it is always an error"
    case .timeOrder:
      "an item that ends before it starts has no time to plan, so it is always an error"
    case .duplicateKey:
      "of a key given twice only one value can be kept, so it is always an error"
    default: nil
    }
  }

  /// The thresholds under `rules:` that tune this rule.
  public var thresholds: [String] {
    switch self {
    case .gap: ["max-gap-minutes"]
    case .partsSlack, .stepsSlack: ["max-slack-minutes"]
    case .breakInterval: ["max-block-minutes", "min-break-minutes"]
    case .breakLength: ["min-break-minutes"]
    case .meal: ["min-meal-minutes", "meal-window", "meal-day-minutes"]
    case .involvement: ["min-involvement-percent"]
    default: []
    }
  }

  /// One line on what the rule checks, for `--help` and documentation.
  public var summary: String {
    switch self {
    case .timeFormat: "unreadable time, duration or date"
    case .timeOrder: "an item that ends before it starts"
    case .overlap: "an item that starts before the previous one ends"
    case .gap: "unplanned minutes between items"
    case .partsOverflow: "parts longer than their slot"
    case .partsSlack: "more than max-slack-minutes of a slot unplanned"
    case .stepsOverflow: "an exercise's timed steps longer than the time it is given"
    case .exerciseDuration: "an exercise given less or more time than its minutes range"
    case .breakInterval: "more than max-block-minutes of content without a break or meal"
    case .breakLength: "a break shorter than min-break-minutes"
    case .meal: "a day of meal-day-minutes or more spanning noon with no meal of min-meal-minutes in the meal window"
    case .dayBounds: "an item outside the declared day"
    case .involvement: "participant activity under min-involvement-percent of content time"
    case .nextSteps: "a meeting with a next meeting but no follow-up exercise"
    case .nextMeeting: "a next meeting not after this one"
    case .unknownExercise: "an exercise id with no file in the exercise library"
    case .unknownKey: "a key the file format does not know"
    case .duplicateKey: "a key given twice in one mapping"
    case .stepsSlack: "timed steps leaving more than max-slack-minutes of an exercise unplanned"
    case .exerciseSteps:
      "an exercise whose steps do not fit the low end of its own minutes range, or, in a program, leave an "
        + "untimed step no minute"
    case .commentInText: "a text value cut short by a # comment"
    case .emailAddress: "a participant's email that is not an address"
    case .exerciseLanguage: "an exercise written in another language than the program's"
    case .groupSize: "a group size that cannot be met with the people there"
    case .groups: "hand-made groups or absent names that do not match the roster"
    case .seriesNextMeeting:
      "a next-meeting date with no program while a later program exists, or none after a follow-up exercise"
    case .seriesDuplicate: "two programs of a series with the same date or meeting number"
    case .seriesMeetingOrder: "meeting numbers out of date order"
    case .seriesFileName: "a program file named by a date other than its own"
    case .seriesOrphanFollowUp:
      "a follow-up, attendance or evaluations file for no program of the series (or for one that does not ask for it)"
    case .readError: "a file that cannot be read"
    case .writeError: "a kit file that cannot be written"
    case .fileSize: "a file over the size limit"
    case .encoding: "a file that is not UTF-8"
    case .emptyFile: "a file with no content"
    case .yamlSyntax: "malformed YAML"
    case .yamlAliases: "YAML aliases that expand beyond the limit"
    case .wrongType: "a value of the wrong type"
    case .missingKey: "a required key that is missing"
    case .invalidValue: "a value outside what the key allows"
    }
  }
}
