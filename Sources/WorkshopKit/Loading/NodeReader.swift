import Yams

/// The entries of one YAML mapping, by key, each with the key's and the value's node.
struct Fields {
  struct Entry {
    var key: Node
    var value: Node
  }

  var entries: [String: Entry]
  var location: SourceLocation
  /// Known keys that an unknown key here was probably meant to be (`titel` for `title`):
  /// already reported once, so their absence is not reported again.
  var misspelled: Set<String> = []
  /// Whether a key here was unknown and like none of the known ones (`foo:`): it may be
  /// what a missing key was meant to be, so that absence is not reported as well.
  var hasUnexplainedKeys = false

  subscript(key: String) -> Entry? { entries[key] }
  func has(_ key: String) -> Bool { entries[key] != nil }
  /// Neither given nor misspelled: a missing key to report.
  func lacks(_ key: String) -> Bool { entries[key] == nil && !misspelled.contains(key) }
}

/// Reads typed values out of one file's YAML nodes, keeping every value's location and
/// collecting one located diagnostic per problem. Scalars are read as their raw text:
/// `09.00` is a clock time, never the number 9.
struct NodeReader {
  let file: String
  private(set) var diagnostics: [Diagnostic] = []
  /// Whether an unknown key looked like a known one: what the author meant is then not
  /// what was read, so no rule should judge the values as read.
  private(set) var hasMisspelledKeys = false
  /// The exercise ids the file refers to, so their files' findings can be reported with it.
  var referencedExercises: Set<String> = []
  /// Where an `exercise:` is not an id at all: like an unknown id, it leaves the day's
  /// timing to be judged.
  var invalidExerciseIDs: Set<SourceLocation> = []
  /// The rules a program file sets, series' defaults included, once read: they judge its
  /// findings even when a missing key leaves no program to carry them.
  var programRules: RuleConfiguration?

  /// The file's text, when known, for checks on how a value was written.
  private let source: String?
  /// Its lines, split when a check first needs one; none when the text has no `#`, which
  /// is all the check looks for.
  private var sourceLines: [Substring]?

  init(file: String, source: String? = nil) {
    self.file = file
    self.source = source
  }

  /// Line `number` (from 1) of the file, when it may hold a `#`; nil otherwise.
  private mutating func lineWithHash(_ number: Int) -> Substring? {
    if sourceLines == nil {
      sourceLines = source.map { $0.utf8.contains(UInt8(ascii: "#")) ? YAMLFile.lines(of: $0) : [] } ?? []
    }
    guard let lines = sourceLines, number >= 1, number <= lines.count,
      lines[number - 1].utf8.contains(UInt8(ascii: "#"))
    else { return nil }
    return lines[number - 1]
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

  /// Where a key of the other file of a course belongs, for a key written in the wrong one:
  /// `meeting-word` in a program, `absent` in series.yaml.
  static func home(ofKey name: String, outside what: String) -> String? {
    switch what {
    case "a program" where seriesKeys.contains(name):
      "series.yaml, which every meeting of the course shares"
    case "series.yaml" where programKeys.contains(name):
      "each program, the meeting's own file"
    case "a program" where itemKeys.contains(name):
      "an item of the agenda (under agenda:)"
    default: nil
    }
  }

  /// A mapping's fields; reports keys outside `allowed` with a suggestion.
  /// `allowed` nil takes any plain key (the names of `with:`).
  mutating func fields(of node: Node, _ what: String, allowed: [String]?) -> Fields? {
    guard case .mapping(let mapping) = node else {
      report(.wrongType, at: node, "\(what) must be a mapping of keys and values, not \(describe(node))")
      return nil
    }
    var entries: [String: Fields.Entry] = [:]
    var misspelled: Set<String> = []
    // Where each mistyped key's finding is, by the key it stands for.
    var typos: [(meant: String, finding: Int)] = []
    var unexplained = false
    for (key, value) in mapping {
      guard case .scalar(let scalar) = key else {
        report(.wrongType, at: key, "keys in \(what) must be plain words, not \(describe(key))")
        continue
      }
      let name = scalar.string
      guard let allowed else {
        if entries[name] != nil { report(.duplicateKey, at: key, "the key \"\(name)\" is given twice in \(what)") }
        entries[name] = Fields.Entry(key: key, value: value)
        continue
      }
      guard allowed.contains(name) else {
        if let home = Self.home(ofKey: name, outside: what) {
          report(.unknownKey, at: key, "unknown key \"\(name)\" in \(what); it belongs in \(home)")
          unexplained = true
          continue
        }
        let suggestion = Suggestion.closest(to: name, in: allowed)
        report(
          .unknownKey, at: key,
          "unknown key \"\(name)\" in \(what)" + (suggestion.map { "; did you mean \"\($0)\"?" } ?? ""))
        if let suggestion {
          misspelled.insert(suggestion)
          typos.append((suggestion, diagnostics.count - 1))
        } else {
          unexplained = true
        }
        continue
      }
      entries[name] = Fields.Entry(key: key, value: value)
    }
    var fields = Fields(entries: entries, location: location(of: node))
    fields.misspelled = misspelled.filter { entries[$0] == nil }
    // A typo of a key not given: the file as read is not the one meant, and turning unknown
    // keys off must not hide where that key's value went. Beside the key itself, it is an
    // unknown key like any other.
    for typo in typos where entries[typo.meant] == nil {
      diagnostics[typo.finding].keepsItsSeverity = true
      hasMisspelledKeys = true
    }
    fields.hasUnexplainedKeys = unexplained
    return fields
  }

  /// The elements of a sequence, or nil after reporting a wrong type.
  mutating func sequence(_ fields: Fields, _ key: String) -> (entry: Fields.Entry, nodes: [Node])? {
    guard let entry = fields[key] else { return nil }
    switch entry.value {
    case .sequence(let sequence): return (entry, Array(sequence))
    case .scalar where isNull(entry.value): return (entry, [])
    default:
      // "stages: Idé, Første kontakt, Afprøvet" was meant as a list: say how to write it.
      var advice = ""
      if case .scalar(let scalar) = entry.value, scalar.string.contains(", "), scalar.style == .plain {
        advice = "; write it as [\(Self.shortened(scalar.string))]"
      }
      report(
        .wrongType, at: entry.key,
        "\"\(key)\" must be a list (lines starting with \"- \"), not \(describe(entry.value))" + advice)
      return nil
    }
  }

  // MARK: Scalars

  /// The raw text of a scalar value; reports a wrong type or an empty required value.
  /// `expected` says what the value should be when it is a list or a mapping instead:
  /// `"minutes" must be a whole number, like 45, not a list`.
  mutating func text(
    _ fields: Fields, _ key: String, required: String? = nil, expected: @autoclosure () -> String = "text"
  )
    -> Located<String>?
  {
    guard let entry = fields[key] else {
      if let required, fields.lacks(key) {
        report(.missingKey, at: fields.location, "missing \"\(key)\" \(required)")
      }
      return nil
    }
    guard case .scalar(let scalar) = entry.value else {
      report(.wrongType, at: entry.key, "\"\(key)\" must be \(expected()), not \(describe(entry.value))")
      return nil
    }
    // A key written with no value loses nothing silently: it is named, whether required or not.
    if isNull(entry.value) || scalar.string.trimmingWhitespace().isEmpty {
      report(
        .missingKey, at: entry.key,
        "\"\(key)\" is empty; give it " + (required ?? "a value, or leave the key out"))
      return nil
    }
    return Located(scalar.string, at: location(of: entry.key))
  }

  /// A text meant for people (a title, notes, a question): also warned about when a `#`
  /// comment cut it short.
  mutating func string(_ fields: Fields, _ key: String, required: String? = nil) -> String? {
    prose(fields, key, required: required)?.value
  }

  mutating func prose(_ fields: Fields, _ key: String, required: String? = nil) -> Located<String>? {
    guard let value = text(fields, key, required: required) else { return nil }
    if let entry = fields[key] { warnIfCutByComment(entry.value, key: key) }
    return value
  }

  /// `notes: Vi mødes i lokale #2 på 1. sal` reads as "Vi mødes i lokale": in YAML, a `#`
  /// after a space starts a comment. Warned at the `#` when the comment looks like part of
  /// the text: one space before it, or no space after it. `title: Kaffe  # fra frøet`,
  /// two spaces and `# `, reads as a deliberate comment and stays silent.
  mutating func warnIfCutByComment(_ node: Node, key: String) {
    guard case .scalar(let scalar) = node, scalar.style == .plain, let mark = node.mark,
      let sourceLine = lineWithHash(mark.line)
    else { return }
    let line = Array(sourceLine.unicodeScalars)
    let valueStart = mark.column - 1
    let value = Array(scalar.string.unicodeScalars)
    guard valueStart >= 0, valueStart + value.count <= line.count,
      Array(line[valueStart..<(valueStart + value.count)]) == value
    else { return }
    let rest = line[(valueStart + value.count)...]
    let spaces = rest.prefix { $0 == " " || $0 == "\t" }.count
    guard spaces > 0, rest.dropFirst(spaces).first == "#" else { return }
    let hash = valueStart + value.count + spaces
    let after = hash + 1 < line.count ? line[hash + 1] : nil
    guard spaces == 1 || (after != nil && after != " " && after != "\t") else { return }
    let lost = String(String.UnicodeScalarView(line[hash...])).trimmingWhitespace()
    report(
      .commentInText, at: SourceLocation(file: file, line: mark.line, column: hash + 1),
      "\"\(key)\" reads as \"\(scalar.string.prefix(60))\": YAML takes \"\(lost.prefix(60))\" for a comment; "
        + "quote the value, or the rest is lost")
  }

  mutating func wholeNumber(_ fields: Fields, _ key: String, example: String, range: ClosedRange<Int>? = nil)
    -> Located<Int>?
  {
    guard let text = text(fields, key, expected: "a whole number, like \(example)") else { return nil }
    let rule: RuleID = key == "minutes" ? .timeFormat : .wrongType
    // A whole number below 0: the right kind of value, out of range.
    let trimmed = text.value.trimmingWhitespace()
    if trimmed.hasPrefix("-"), let magnitude = Int.parsingWholeNumber(String(trimmed.dropFirst())), magnitude > 0 {
      let least = range.map { $0.lowerBound == 1 ? "at least 1" : "from \($0.lowerBound) to \($0.upperBound)" }
      report(.invalidValue, at: text.location, "\"\(key)\" must be \(least ?? "0 or more"); found \(trimmed)")
      return nil
    }
    guard let value = Int.parsingWholeNumber(trimmed) else {
      report(
        rule, at: text.location,
        "\"\(key)\" must be a whole number, like \(example); found \"\(text.value)\""
          + (rule == .timeFormat ? TimeTypos.unitHint(key, text.value) : ""))
      return nil
    }
    if key == "minutes", let range, range.lowerBound == 1, value == 0 {
      report(.invalidValue, at: text.location, "\"\(key)\" is 0; give it at least 1 minute, or leave it out")
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
    timeValue(fields, key, ClockTime.init(parsing:), "a clock time like 08.45 or 08:45", hint: TimeTypos.clockHint)
  }

  mutating func timeRange(_ fields: Fields, _ key: String) -> Located<TimeRange>? {
    timeValue(fields, key, TimeRange.init(parsing:), "a time range like 10.15-11.30", hint: TimeTypos.rangeHint)
  }

  mutating func date(_ fields: Fields, _ key: String, required: String? = nil) -> Located<CalendarDate>? {
    guard let text = text(fields, key, required: required, expected: "a date written YYYY-MM-DD") else { return nil }
    if let date = CalendarDate(parsing: text.value) { return Located(date, at: text.location) }
    let problem = CalendarDate.impossibility(of: text.value)
    report(
      .timeFormat, at: text.location,
      problem.map { "\"\(key)\" is \(text.value), but \($0)" }
        ?? "\"\(key)\" must be a date written YYYY-MM-DD, like 2013-04-18; found \"\(text.value)\""
        + (TimeTypos.dayFirstDate(text.value).map { "; did you mean \($0.iso)?" } ?? ""))
    return nil
  }

  /// A time range that must run forwards, such as `meal-window`.
  mutating func forwardTimeRange(_ fields: Fields, _ key: String) -> Located<TimeRange>? {
    guard let range = timeRange(fields, key) else { return nil }
    guard range.value.end > range.value.start else {
      report(
        .invalidValue, at: range.location,
        "\"\(key)\" ends at \(range.value.end.text), before it starts at \(range.value.start.text); "
          + "write it as \(range.value.end.text)-\(range.value.start.text)?")
      return nil
    }
    return range
  }

  mutating func minuteRange(_ fields: Fields, _ key: String, required: String? = nil) -> Located<MinuteRange>? {
    let example = "minutes like 20 or a range like 25-45"
    guard let text = text(fields, key, required: required, expected: example) else { return nil }
    return countRange(text, key: key, example: example, rule: .timeFormat)
  }

  /// `25-45` or `20`: whole numbers from 1, low to high. A reversed range is named as such.
  mutating func countRange(_ text: Located<String>, key: String, example: String, rule: RuleID)
    -> Located<MinuteRange>?
  {
    if let value = MinuteRange(parsing: text.value) {
      guard value.lowerBound >= 1 else {
        report(.invalidValue, at: text.location, "\"\(key)\" must be at least 1; found \"\(text.value)\"")
        return nil
      }
      return Located(value, at: text.location)
    }
    if let (high, low) = MinuteRange.reversedBounds(text.value) {
      report(
        .invalidValue, at: text.location,
        "\"\(key)\" runs from \(high) down to \(low); write the range low to high, \(low)-\(high)")
      return nil
    }
    report(
      rule, at: text.location,
      "\"\(key)\" must be \(example); found \"\(text.value)\""
        + (rule == .timeFormat ? TimeTypos.unitHint(key, text.value) : ""))
    return nil
  }

  /// A time, range, date or duration read from text; `time-format` when it cannot be read.
  private mutating func timeValue<Value>(
    _ fields: Fields, _ key: String, _ parse: (String) -> Value?, _ expected: String, _ required: String? = nil,
    hint: (String) -> String?
  ) -> Located<Value>? {
    guard let text = text(fields, key, required: required, expected: expected) else { return nil }
    guard let value = parse(text.value) else {
      report(
        .timeFormat, at: text.location,
        "\"\(key)\" must be \(expected); found \"\(text.value)\"" + (hint(text.value) ?? ""))
      return nil
    }
    return Located(value, at: text.location)
  }

  /// `true` or `false`; `yes`/`ja` and `no`/`nej` read the same, in any letter case.
  /// `expected`: what else the key may be, for the message.
  mutating func bool(_ fields: Fields, _ key: String, expected: String = "true or false") -> Bool? {
    guard let text = text(fields, key, expected: expected) else { return nil }
    switch text.value.lowercased() {
    case "true", "yes", "ja": return true
    case "false", "no", "nej": return false
    default:
      report(.wrongType, at: text.location, "\"\(key)\" must be \(expected); found \"\(text.value)\"")
      return nil
    }
  }

  /// One of a fixed set of words, with a suggestion when it is not.
  /// `suggest: false` lists the options without guessing (a language code close to a
  /// supported one is still another language).
  /// `words`: other words read as values (Danish ones, as a form prints them).
  mutating func choice<Value: RawRepresentable & CaseIterable>(
    _ fields: Fields, _ key: String, as type: Value.Type, required: String? = nil, suggest: Bool = true,
    words: KeyValuePairs<String, Value> = [:], meant: [String: Value] = [:]
  ) -> Located<Value>? where Value.RawValue == String {
    // Made only for a message: every agenda item's kind is read through here.
    let expected = {
      // Each word once, as written in lower case: "I gang" and "i gang" are one way to say
      // it, and "Done" is "done".
      var shown: [String] = []
      for word in words.map({ $0.key.lowercased() }) where !shown.contains(word) && Value(rawValue: word) == nil {
        shown.append(word)
      }
      return "one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))"
        + (shown.isEmpty ? "" : " (or \(shown.joined(separator: ", ")))")
    }
    guard let text = text(fields, key, required: required, expected: expected()) else { return nil }
    guard let value = Value(rawValue: text.value) ?? words.first(where: { $0.key == text.value })?.value else {
      let options = Value.allCases.map(\.rawValue) + words.map(\.key)
      // A word for what a value means (`lunch` for `meal`) is told that value; else the nearest.
      let hint =
        meant[text.value.lowercased()].map { "; did you mean \"\($0.rawValue)\"?" }
        ?? (suggest ? Suggestion.phrase(for: text.value, in: options) : "")
      report(
        .invalidValue, at: text.location, "\"\(key)\" must be \(expected()); found \"\(text.value)\"" + hint)
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
        var message = "each entry of \"\(key)\" must be text, not \(describe(node))"
        // "Troika: at lytte" is read as a mapping because of its colon and space.
        if case .mapping = node {
          message += "; a colon followed by a space starts a mapping, so put the text in quotes"
        }
        report(.wrongType, at: node, message)
        continue
      }
      warnIfCutByComment(node, key: key)
      result.append(scalar.string)
    }
    return result
  }

  /// A text, or a list of texts: `notes: Tip` or `notes: [Tip, Another]`.
  mutating func textOrList(_ fields: Fields, _ key: String) -> [String] {
    guard let entry = fields[key] else { return [] }
    if case .sequence = entry.value { return textList(fields, key) }
    return string(fields, key).map { [$0] } ?? []
  }

  // MARK: Helpers

  /// A list, or a key with no value: what `sequence` reads without a wrong-type finding.
  func isListOrEmpty(_ node: Node) -> Bool {
    if case .sequence = node { return true }
    return isNull(node)
  }

  func isNull(_ node: Node) -> Bool {
    guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }

  /// A text for a message: whole up to 60 characters, else cut after a word, with "…".
  static func shortened(_ text: String) -> String {
    guard text.count > 60 else { return text }
    let head = text.prefix(60)
    let cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
    return cut + " …"
  }

  func describe(_ node: Node) -> String {
    switch node {
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .scalar(let scalar): isNull(node) ? "an empty value" : "the text \"\(Self.shortened(scalar.string))\""
    case .alias: "an alias"
    }
  }
}
