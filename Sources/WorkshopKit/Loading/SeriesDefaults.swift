import Yams

/// What `series.yaml` gives all meetings of a course; a program's own keys override it.
struct SeriesDefaults {
  var title: String?
  var course: String?
  var language: Language?
  var venue: String?
  var facilitator: String?
  var day: Located<TimeRange>?
  var start: Located<ClockTime>?
  var rules = RuleConfiguration()
  var participants: [Participant] = []
  var meetingWord: String?
  var timeZone: Located<String>?
  var evaluation: EvaluationDeclaration?
  /// The folder's series.yaml is there but cannot be read as a series (malformed YAML, not a
  /// mapping): what its programs take from it is not known, so they wait for it rather than
  /// report its keys as missing, one finding per program for one defect.
  var isUnreadable = false
}

/// `evaluation:` as written, before the program's language fills in the standard questions.
enum EvaluationDeclaration: Sendable {
  case off
  case standard(anonymous: Bool)
  case custom(Evaluation)

  /// The evaluation of a meeting of `days` days in `language`.
  func evaluation(_ language: Language, days: Int) -> Evaluation? {
    switch self {
    case .off: nil
    case .standard(let anonymous): .standard(language, anonymous: anonymous, days: days)
    case .custom(let evaluation): evaluation
    }
  }
}

extension NodeReader {
  static let seriesKeys = [
    "title", "course", "language", "venue", "facilitator", "day", "start", "rules", "participants",
    "meeting-word", "timezone", "evaluation",
  ]
  static let evaluationKeys = ["anonymous", "scale", "open"]
  static let scaleQuestionKeys = ["ask", "low", "high"]
  static let participantKeys = ["name", "email", "organisation", "pair"]

  mutating func series(from root: Node) -> SeriesDefaults {
    var series = SeriesDefaults()
    guard let fields = fields(of: root, "series.yaml", allowed: Self.seriesKeys) else {
      series.isUnreadable = true
      return series
    }
    series.title = string(fields, "title")
    series.course = string(fields, "course")
    series.language = choice(fields, "language", as: Language.self, suggest: false, meant: Language.meantBy)?.value
    series.meetingWord = string(fields, "meeting-word")
    series.timeZone = timeZone(fields)
    series.evaluation = evaluation(fields)
    series.venue = string(fields, "venue")
    series.facilitator = string(fields, "facilitator")
    series.day = timeRange(fields, "day")
    series.start = clockTime(fields, "start")
    if let entry = fields["rules"] { readRules(entry.value, into: &series.rules) }
    if let (_, nodes) = sequence(fields, "participants") {
      // Names are how absent:, groups:, follow-up answers and attendance find a person.
      var named: [String: Int] = [:]
      var labels: [(name: String, label: Located<String>)] = []
      for node in nodes {
        guard let person = self.fields(of: node, "a participant", allowed: Self.participantKeys),
          let located = prose(person, "name", required: "(the participant's name)")
        else { continue }
        let name = located.value
        if let line = named[name] {
          report(
            .invalidValue, at: located.location,
            "\"\(name)\" is on the roster twice (first at line \(line)); absent:, groups and follow-up answers "
              + "find a person by name, so give each their own, e.g. with an initial or the organisation")
          continue
        }
        named[name] = located.location.line
        let email = text(person, "email")
        if let email, !Self.isEmailAddress(email.value) {
          report(
            .emailAddress, at: email.location,
            "\"email\" of \(name) is not an address: \"\(email.value)\"; write only the address, "
              + "like lone.bisgaard@example.org")
        }
        let pair = prose(person, "pair")
        if let pair { labels.append((name, pair)) }
        series.participants.append(
          Participant(name: name, email: email?.value, organisation: string(person, "organisation"), pair: pair?.value))
      }
      reportLabelsDifferingInCase(labels)
    }
    return series
  }

  /// `pair: f` beside `pair: F`: labels are compared exactly, so the two would be apart,
  /// each alone. The spelling most of them use is taken as meant; on a tie, the one in
  /// capitals (labels usually are), else the first.
  mutating func reportLabelsDifferingInCase(_ labels: [(name: String, label: Located<String>)]) {
    var spellings: [String: [String]] = [:]
    for (_, label) in labels where !(spellings[label.value.lowercased()]?.contains(label.value) ?? false) {
      spellings[label.value.lowercased(), default: []].append(label.value)
    }
    for (name, label) in labels {
      guard let all = spellings[label.value.lowercased()], all.count > 1 else { continue }
      let meant = all.max { a, b in
        let (countA, countB) = (labels.count { $0.label.value == a }, labels.count { $0.label.value == b })
        if countA != countB { return countA < countB }
        if (a == a.uppercased()) != (b == b.uppercased()) { return b == b.uppercased() }
        return all.firstIndex(of: a)! > all.firstIndex(of: b)!
      }!
      guard label.value != meant else { continue }
      let others = labels.filter { $0.label.value == meant }.map(\.name)
      report(
        .invalidValue, at: label.location,
        "\"pair: \(label.value)\" of \(name) differs from \"pair: \(meant)\" (\(Language.en.list(others))) only in "
          + "letter case; labels are compared exactly, so write \"\(meant)\", or another label for another pair")
    }
  }

  /// Something before one @ and a domain of two or more dot-separated labels after it, with
  /// no spaces, brackets or commas: what a mail program takes as one address.
  static func isEmailAddress(_ text: String) -> Bool {
    let parts = text.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty,
      !text.contains(where: { $0.isWhitespace || "<>(),;:[]\"".contains($0) })
    else { return false }
    let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
    return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
  }

  /// A number from 0 to 100, whole or with decimals: `25`, `33.3`.
  mutating func percentage(_ fields: Fields, _ key: String) -> Double? {
    guard let text = text(fields, key, expected: "a number like 25 or 33.3") else { return nil }
    let raw = text.value.trimmingWhitespace()
    let pieces = raw.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard !raw.isEmpty, raw.count <= 12, pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
      let value = Double(raw)
    else {
      report(.wrongType, at: text.location, "\"\(key)\" must be a number like 25 or 33.3; found \"\(text.value)\"")
      return nil
    }
    guard (0...100).contains(value) else {
      report(.invalidValue, at: text.location, "\"\(key)\" must be from 0 to 100; found \(raw)")
      return nil
    }
    return value
  }

  /// `rules:` — rule ids with a severity, and thresholds with a number or range.
  mutating func readRules(_ node: Node, into configuration: inout RuleConfiguration) {
    let ruleIDs = RuleID.allCases.map(\.rawValue)
    guard let fields = fields(of: node, "\"rules\"", allowed: ruleIDs + RuleConfiguration.thresholdKeys) else {
      return
    }
    for key in fields.entries.keys.sorted() {
      if let rule = RuleID(rawValue: key) {
        if let why = rule.whyAlwaysAnError, let entry = fields.entries[key] {
          report(.invalidValue, at: entry.key, "\"\(key)\" cannot be changed under \"rules\": \(why); remove it")
          continue
        }
        if let severity = choice(fields, key, as: ConfiguredSeverity.self) {
          configuration.severities[rule] = severity.value
        }
        continue
      }
      switch key {
      case "meal-window":
        if let window = forwardTimeRange(fields, key) { configuration.mealWindow = window.value }
      case "meal-day-minutes":
        if let value = wholeNumber(fields, key, example: "300") { configuration.mealDayMinutes = value.value }
      case "max-block-minutes":
        if let value = wholeNumber(fields, key, example: "90") { configuration.maxBlockMinutes = value.value }
      case "min-break-minutes":
        if let value = wholeNumber(fields, key, example: "10") { configuration.minBreakMinutes = value.value }
      case "max-slack-minutes":
        if let value = wholeNumber(fields, key, example: "5") { configuration.maxSlackMinutes = value.value }
      case "max-gap-minutes":
        if let value = wholeNumber(fields, key, example: "0") { configuration.maxGapMinutes = value.value }
      case "min-meal-minutes":
        if let value = wholeNumber(fields, key, example: "30") { configuration.minMealMinutes = value.value }
      case "min-involvement-percent":
        if let value = percentage(fields, key) { configuration.minInvolvementPercent = value }
      default:
        break
      }
    }
  }
}

extension NodeReader {
  /// `evaluation: true`, or `{anonymous, scale: [{ask, low, high}], open: [...]}`; without
  /// `scale` and `open` the standard questions are asked.
  mutating func evaluation(_ fields: Fields) -> EvaluationDeclaration? {
    guard let entry = fields["evaluation"] else { return nil }
    guard case .mapping = entry.value else {
      return bool(fields, "evaluation", expected: "true, false or a mapping of anonymous, scale and open").map {
        $0 ? .standard(anonymous: false) : .off
      }
    }
    guard let declared = self.fields(of: entry.value, "\"evaluation\"", allowed: Self.evaluationKeys) else {
      return nil
    }
    let anonymous = bool(declared, "anonymous") ?? false
    var scale: [Evaluation.ScaleQuestion] = []
    if let (_, nodes) = sequence(declared, "scale") {
      for node in nodes {
        guard let question = self.fields(of: node, "a scale question", allowed: Self.scaleQuestionKeys),
          let text = string(question, "ask", required: "(the question, answered from 1 to 5)"),
          let low = string(question, "low", required: "(what 1 means, e.g. Meget utilfreds)"),
          let high = string(question, "high", required: "(what 5 means, e.g. Meget tilfreds)")
        else { continue }
        scale.append(Evaluation.ScaleQuestion(text: text, low: low, high: high))
      }
    }
    let open = textList(declared, "open")
    if declared.lacks("scale"), declared.lacks("open") { return .standard(anonymous: anonymous) }
    return .custom(Evaluation(anonymous: anonymous, scale: scale, open: open))
  }
}
