/// The fields of a follow-up form, the same in the printed tracker and on the follow-up
/// server: a labelled text area per question of the exercise and, where the exercise has a
/// scale, a radio button per stage.
public enum FollowUpFields {
  /// What the fields hold and how they behave.
  public struct Values: Sendable {
    public var responses: [String]
    public var stage: String?
    public var readOnly: Bool
    /// The longest answer a text area takes (`maxlength`), where a server limits it.
    public var maxLength: Int?

    public init(responses: [String] = [], stage: String? = nil, readOnly: Bool = false, maxLength: Int? = nil) {
      self.responses = responses
      self.stage = stage
      self.readOnly = readOnly
      self.maxLength = maxLength
    }

    /// Read-only or limited, as these values say.
    func apply(to area: XHTMLElement) {
      if readOnly { area.setAttribute("readonly", "readonly") }
      if let maxLength { area.setAttribute("maxlength", String(maxLength)) }
    }
  }

  /// Field names `q1`, `q2` … and `stage`; element ids `<prefix>-q1`, or `q1` without a prefix.
  /// `rows`: a text area's rows, from its question's index.
  public static func questions(
    _ exercise: Exercise, idPrefix: String, values: Values = Values(), rows: (Int) -> Int,
    into fieldset: XHTMLElement
  ) {
    for (index, question) in exercise.questions.enumerated() {
      let name = "q\(index + 1)"
      let id = identifier(idPrefix, name)
      fieldset.element("label", ["for": id], text: "\(index + 1). \(question.text)")
      let area = fieldset.element("textarea", ["id": id, "name": name, "rows": "\(rows(index))", "cols": "60"])
      values.apply(to: area)
      area.text(index < values.responses.count ? values.responses[index] : "")
    }
  }

  /// The report questions ("Hvad gjorde I?" …) under their heading, a text area each named
  /// `r1`, `r2` …, filled from `values.responses` after the exercise's own questions (the plan).
  public static func report(
    _ exercise: Exercise, _ language: Language, idPrefix: String, values: Values = Values(),
    rows: (Int) -> Int = { _ in 4 },
    into parent: XHTMLElement
  ) {
    let questions = exercise.reportQuestions(language)
    guard !questions.isEmpty else { return }
    let report = parent.element("div", ["class": "report"])
    report.element("h3", text: language(.whatHappened))
    let offset = exercise.questions.count
    for (index, question) in questions.enumerated() {
      let name = "r\(index + 1)"
      let id = identifier(idPrefix, name)
      report.element("label", ["for": id], text: "\(index + 1). \(question)")
      let area = report.element("textarea", ["id": id, "name": name, "rows": "\(rows(index))", "cols": "60"])
      values.apply(to: area)
      area.text(offset + index < values.responses.count ? values.responses[offset + index] : "")
    }
  }

  /// The questions a stored list of responses answers, in order, as the form asks them:
  /// the exercise's questions, then its report questions.
  public static func questionTexts(_ exercise: Exercise, _ language: Language) -> [String] {
    exercise.questions.map(\.text) + exercise.reportQuestions(language)
  }

  /// `responses`, saved as the answers to the questions `answered`, each put under the
  /// same question as the form asks them now (`questions`): a question added, removed or
  /// moved since does not shift the answers onto the wrong ones. Questions not asked then
  /// get an empty answer; a question reworded in place (as many new questions as old ones
  /// left over) keeps its answer; an answer to a question no longer asked is left out.
  /// Without `answered` (saved before the questions were kept), the responses as they are.
  public static func align(_ responses: [String], answered: [String]?, to questions: [String]) -> [String] {
    guard let answered, answered != questions else { return responses }
    func response(_ index: Int) -> String { index < responses.count ? responses[index] : "" }
    var aligned = Array(repeating: "", count: questions.count)
    var used = Array(repeating: false, count: answered.count)
    var unmatched: [Int] = []
    for (index, question) in questions.enumerated() {
      if let from = answered.indices.first(where: { !used[$0] && answered[$0] == question }) {
        used[from] = true
        aligned[index] = response(from)
      } else {
        unmatched.append(index)
      }
    }
    let left = answered.indices.filter { !used[$0] }
    if left.count == unmatched.count {
      for (index, from) in zip(unmatched, left) { aligned[index] = response(from) }
    }
    return aligned
  }

  /// What a sent form holds for these fields, as stored: the answers to the exercise's
  /// questions (`q1` …), then to its report questions (`r1` …) when it has them.
  public static func responses(_ exercise: Exercise, _ language: Language, field: (String) -> String?) -> [String] {
    let plan = (0..<exercise.questions.count).map { field("q\($0 + 1)") ?? "" }
    return plan + (0..<exercise.reportQuestions(language).count).map { field("r\($0 + 1)") ?? "" }
  }

  /// The question a text area named `field` (`q2`, `r1`) answers, as the form asks it.
  public static func question(answeredIn field: String, _ exercise: Exercise, _ language: Language) -> String? {
    guard let kind = field.first, let number = Int(field.dropFirst()), number >= 1 else { return nil }
    switch kind {
    case "q": return number <= exercise.questions.count ? exercise.questions[number - 1].text : nil
    case "r":
      let report = exercise.reportQuestions(language)
      return number <= report.count ? report[number - 1] : nil
    default: return nil
    }
  }

  public static func scale(
    _ exercise: Exercise, idPrefix: String, values: Values = Values(), into fieldset: XHTMLElement
  ) {
    guard let scale = exercise.scale else { return }
    let group = fieldset.element("fieldset", ["class": "options"])
    group.element("legend", text: scale.label)
    for (index, stage) in scale.stages.enumerated() {
      let id = identifier(idPrefix, "stage\(index + 1)")
      let label = group.element("label", ["for": id])
      let input = label.element("input", ["type": "radio", "id": id, "name": "stage", "value": stage])
      if values.stage == stage { input.setAttribute("checked", "checked") }
      if values.readOnly { input.setAttribute("disabled", "disabled") }
      label.text(" " + stage)
    }
  }

  private static func identifier(_ prefix: String, _ name: String) -> String {
    prefix.isEmpty ? name : prefix + "-" + name
  }
}

extension FollowUpAnswer.Status {
  /// "I gang" / "In progress".
  public func text(_ language: Language) -> String { label.text(language) }
}
