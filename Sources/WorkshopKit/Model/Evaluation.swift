/// A meeting's evaluation: scale questions from 1 to 5 with labelled ends, then open
/// questions. Declared with `evaluation:` in `series.yaml` or a program (`true` for the
/// standard questions in the program's language).
public struct Evaluation: Sendable, Hashable {
  public struct ScaleQuestion: Sendable, Hashable {
    public var text: String
    /// What 1 and 5 mean: "Meget utilfreds" … "Meget tilfreds".
    public var low: String
    public var high: String

    public init(text: String, low: String, high: String) {
      self.text = text
      self.low = low
      self.high = high
    }
  }

  /// The values of every scale question.
  public static let values = 1...5

  /// Stored without the participant: the server records only that someone has answered.
  public var anonymous: Bool
  public var scale: [ScaleQuestion]
  public var open: [String]

  public init(anonymous: Bool = false, scale: [ScaleQuestion], open: [String]) {
    self.anonymous = anonymous
    self.scale = scale
    self.open = open
  }

  /// `evaluation: true`: three scale questions and three open ones, about the day, or the
  /// days of a meeting of several.
  public static func standard(_ language: Language, anonymous: Bool = false, days: Int = 1) -> Evaluation {
    let several = days > 1
    switch language {
    case .da:
      return Evaluation(
        anonymous: anonymous,
        scale: [
          ScaleQuestion(
            text: "Hvor tilfreds er du med \(several ? "dagene" : "dagen") som helhed?", low: "Meget utilfreds",
            high: "Meget tilfreds"),
          ScaleQuestion(text: "Hvor relevant var indholdet for dit arbejde?", low: "Slet ikke", high: "I høj grad"),
          ScaleQuestion(text: "Hvor godt fungerede øvelserne?", low: "Dårligt", high: "Rigtig godt"),
        ],
        open: [
          several ? "Hvad tager du med dig fra dagene?" : "Hvad tager du med dig fra i dag?",
          "Hvad kunne have været bedre?", "Andre kommentarer",
        ])
    case .en:
      return Evaluation(
        anonymous: anonymous,
        scale: [
          ScaleQuestion(
            text: "How satisfied are you with the \(several ? "days" : "day") as a whole?", low: "Very dissatisfied",
            high: "Very satisfied"),
          ScaleQuestion(text: "How relevant was the content to your work?", low: "Not at all", high: "Very much"),
          ScaleQuestion(text: "How well did the exercises work?", low: "Poorly", high: "Very well"),
        ],
        open: [
          several ? "What do you take with you from these days?" : "What do you take with you from today?",
          "What could have been better?", "Other comments",
        ])
    }
  }
}

/// One filled-in evaluation form: a value per scale question (nil where none was ticked)
/// and an answer per open question.
public struct EvaluationAnswer: Sendable, Hashable {
  public var scale: [Int?]
  public var open: [String]

  public init(scale: [Int?], open: [String]) {
    self.scale = scale
    self.open = open
  }
}
