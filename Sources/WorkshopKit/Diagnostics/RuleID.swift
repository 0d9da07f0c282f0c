/// Every finding carries one of these stable ids. Timing rules can be configured
/// (severity `error`, `warning` or `off`) under `rules:`; problems that make a file
/// unreadable cannot.
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
    case .gap, .partsSlack, .breakInterval, .breakLength, .involvement, .nextSteps: .warning
    default: .error
    }
  }

  /// Whether `rules:` may change this rule's severity.
  public var isConfigurable: Bool {
    switch self {
    case .readError, .writeError, .fileSize, .encoding, .emptyFile, .yamlSyntax, .yamlAliases, .wrongType,
      .missingKey, .invalidValue:
      false
    default: true
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
    case .meal: "a day spanning noon with no meal of min-meal-minutes in the meal window"
    case .dayBounds: "an item outside the declared day"
    case .involvement: "participant activity under min-involvement-percent of content time"
    case .nextSteps: "a meeting with a next meeting but no follow-up exercise"
    case .nextMeeting: "a next meeting not after this one"
    case .unknownExercise: "an exercise id with no file in the exercise library"
    case .unknownKey: "a key the file format does not know"
    case .duplicateKey: "a key given twice in one mapping"
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
