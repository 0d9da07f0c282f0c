import Yams

/// The entries of one YAML mapping, by key, each with the key's and the value's node.
struct Fields {
  struct Entry {
    var key: Node
    var value: Node
  }

  var entries: [String: Entry]
  var location: SourceLocation

  subscript(key: String) -> Entry? { entries[key] }
  func has(_ key: String) -> Bool { entries[key] != nil }
}

/// Reads typed values out of one file's YAML nodes, keeping every value's location and
/// collecting one located diagnostic per problem. Scalars are read as their raw text:
/// `09.00` is a clock time, never the number 9.
struct NodeReader {
  let file: String
  private(set) var diagnostics: [Diagnostic] = []
  /// The exercise ids the file refers to, so their files' findings can be reported with it.
  var referencedExercises: Set<String> = []

  init(file: String) {
    self.file = file
  }

  func location(of node: Node) -> SourceLocation {
    guard let mark = node.mark else { return .start(of: file) }
    return SourceLocation(file: file, line: mark.line, column: mark.column)
  }

  mutating func report(_ rule: RuleID, at location: SourceLocation, _ message: String) {
    diagnostics.append(Diagnostic(rule, at: location, message))
  }

  mutating func report(_ rule: RuleID, at node: Node, _ message: String) {
    report(rule, at: location(of: node), message)
  }

  // MARK: Shapes

  /// A mapping's fields; reports keys outside `allowed` with a suggestion.
  mutating func fields(of node: Node, _ what: String, allowed: [String]) -> Fields? {
    guard case .mapping(let mapping) = node else {
      report(.wrongType, at: node, "\(what) must be a mapping of keys and values, not \(describe(node))")
      return nil
    }
    var entries: [String: Fields.Entry] = [:]
    for (key, value) in mapping {
      guard case .scalar(let scalar) = key else {
        report(.wrongType, at: key, "keys in \(what) must be plain words, not \(describe(key))")
        continue
      }
      let name = scalar.string
      guard allowed.contains(name) else {
        report(
          .unknownKey, at: key,
          "unknown key \"\(name)\" in \(what)\(Suggestion.phrase(for: name, in: allowed))")
        continue
      }
      entries[name] = Fields.Entry(key: key, value: value)
    }
    return Fields(entries: entries, location: location(of: node))
  }

  /// The elements of a sequence, or nil after reporting a wrong type.
  mutating func sequence(_ fields: Fields, _ key: String) -> (entry: Fields.Entry, nodes: [Node])? {
    guard let entry = fields[key] else { return nil }
    switch entry.value {
    case .sequence(let sequence): return (entry, Array(sequence))
    case .scalar where isNull(entry.value): return (entry, [])
    default:
      report(
        .wrongType, at: entry.key,
        "\"\(key)\" must be a list (lines starting with \"- \"), not \(describe(entry.value))")
      return nil
    }
  }

  // MARK: Scalars

  /// The raw text of a scalar value; reports a wrong type or an empty required value.
  mutating func text(_ fields: Fields, _ key: String, required: String? = nil) -> Located<String>? {
    guard let entry = fields[key] else {
      if let required { report(.missingKey, at: fields.location, "missing \"\(key)\" \(required)") }
      return nil
    }
    guard case .scalar(let scalar) = entry.value else {
      report(.wrongType, at: entry.key, "\"\(key)\" must be text, not \(describe(entry.value))")
      return nil
    }
    if isNull(entry.value) || (required != nil && scalar.string.trimmingWhitespace().isEmpty) {
      if let required { report(.missingKey, at: entry.key, "\"\(key)\" is empty; give it \(required)") }
      return nil
    }
    return Located(scalar.string, at: location(of: entry.key))
  }

  mutating func string(_ fields: Fields, _ key: String, required: String? = nil) -> String? {
    text(fields, key, required: required)?.value
  }

  mutating func wholeNumber(_ fields: Fields, _ key: String, example: String, range: ClosedRange<Int>? = nil)
    -> Located<Int>?
  {
    guard let text = text(fields, key) else { return nil }
    let rule: RuleID = key == "minutes" ? .timeFormat : .wrongType
    guard let value = Int.parsingWholeNumber(text.value.trimmingWhitespace()) else {
      report(rule, at: text.location, "\"\(key)\" must be a whole number, like \(example); found \"\(text.value)\"")
      return nil
    }
    if let range, !range.contains(value) {
      report(
        .invalidValue, at: text.location,
        "\"\(key)\" must be from \(range.lowerBound) to \(range.upperBound); found \(value)")
      return nil
    }
    return Located(value, at: text.location)
  }

  mutating func clockTime(_ fields: Fields, _ key: String) -> Located<ClockTime>? {
    timeValue(fields, key, ClockTime.init(parsing:), "a clock time like 08.45 or 08:45")
  }

  mutating func timeRange(_ fields: Fields, _ key: String) -> Located<TimeRange>? {
    timeValue(fields, key, TimeRange.init(parsing:), "a time range like 10.15-11.30")
  }

  mutating func date(_ fields: Fields, _ key: String, required: String? = nil) -> Located<CalendarDate>? {
    timeValue(fields, key, CalendarDate.init(parsing:), "a date written YYYY-MM-DD, like 2013-04-18", required)
  }

  mutating func minuteRange(_ fields: Fields, _ key: String, required: String? = nil) -> Located<MinuteRange>? {
    timeValue(fields, key, MinuteRange.init(parsing:), "minutes like 20 or a range like 25-45", required)
  }

  /// A time, range, date or duration read from text; `time-format` when it cannot be read.
  private mutating func timeValue<Value>(
    _ fields: Fields, _ key: String, _ parse: (String) -> Value?, _ expected: String, _ required: String? = nil
  ) -> Located<Value>? {
    guard let text = text(fields, key, required: required) else { return nil }
    guard let value = parse(text.value) else {
      report(.timeFormat, at: text.location, "\"\(key)\" must be \(expected); found \"\(text.value)\"")
      return nil
    }
    return Located(value, at: text.location)
  }

  mutating func bool(_ fields: Fields, _ key: String) -> Bool? {
    guard let text = text(fields, key) else { return nil }
    switch text.value.lowercased() {
    case "true", "yes": return true
    case "false", "no": return false
    default:
      report(.wrongType, at: text.location, "\"\(key)\" must be true or false; found \"\(text.value)\"")
      return nil
    }
  }

  /// One of a fixed set of words, with a suggestion when it is not.
  mutating func choice<Value: RawRepresentable & CaseIterable>(
    _ fields: Fields, _ key: String, as type: Value.Type, required: String? = nil
  ) -> Located<Value>? where Value.RawValue == String {
    guard let text = text(fields, key, required: required) else { return nil }
    guard let value = Value(rawValue: text.value) else {
      let options = Value.allCases.map(\.rawValue)
      report(
        .invalidValue, at: text.location,
        "\"\(key)\" must be one of \(options.joined(separator: ", ")); found \"\(text.value)\""
          + Suggestion.phrase(for: text.value, in: options))
      return nil
    }
    return Located(value, at: text.location)
  }

  /// A list of texts, such as `materials`.
  mutating func textList(_ fields: Fields, _ key: String) -> [String] {
    guard let (_, nodes) = sequence(fields, key) else { return [] }
    var result: [String] = []
    for node in nodes {
      guard case .scalar(let scalar) = node, !isNull(node) else {
        report(.wrongType, at: node, "each entry of \"\(key)\" must be text, not \(describe(node))")
        continue
      }
      result.append(scalar.string)
    }
    return result
  }

  // MARK: Helpers

  func isNull(_ node: Node) -> Bool {
    guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }

  func describe(_ node: Node) -> String {
    switch node {
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .scalar(let scalar): isNull(node) ? "an empty value" : "the text \"\(scalar.string.prefix(40))\""
    case .alias: "an alias"
    }
  }
}
