/// `{name}` placeholders in an exercise's texts, filled by the program part that uses it
/// (`with: { name: "…" }`): one exercise for the group's own question.
extension Exercise {
  /// Every placeholder name the exercise's texts use.
  public var placeholders: Set<String> {
    var names = Set<String>()
    forEachText { names.formUnion(Self.placeholderNames(in: $0)) }
    return names
  }

  /// A copy with every `{name}` of `values` replaced by its text.
  public func filled(with values: [String: String]) -> Exercise {
    var copy = self
    copy.mapTexts { Self.fill($0, with: values) }
    return copy
  }

  /// `{name}`: a brace, a lowercase letter, then letters, digits or hyphens, a brace.
  static func placeholderNames(in text: String) -> [String] {
    var names: [String] = []
    var current: String?
    for character in text {
      switch character {
      case "{": current = ""
      case "}":
        if let name = current, isPlaceholderName(name) { names.append(name) }
        current = nil
      default:
        if current != nil { current!.append(character) }
      }
    }
    return names
  }

  /// `{Topic}`, `{ topic }`: braces around what would be a placeholder's name in lowercase
  /// and without spaces, each once, as written. They print as they stand, so they are
  /// named rather than left for the room to read.
  var nearPlaceholders: [String] {
    var found: [String] = []
    forEachText { text in
      guard text.utf8.contains(UInt8(ascii: "{")) else { return }
      var current: String?
      for character in text {
        switch character {
        case "{": current = ""
        case "}":
          if let name = current, !Self.isPlaceholderName(name),
            Self.isPlaceholderName(name.trimmingWhitespace().lowercased()), !found.contains("{\(name)}")
          {
            found.append("{\(name)}")
          }
          current = nil
        default: current?.append(character)
        }
      }
    }
    return found
  }

  static func isPlaceholderName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
    return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
  }

  static func fill(_ text: String, with values: [String: String]) -> String {
    guard text.utf8.contains(UInt8(ascii: "{")) else { return text }
    var result = text
    for (name, value) in values { result = result.replacingOccurrences(of: "{\(name)}", with: value) }
    return result
  }

  private func forEachText(_ body: (String) -> Void) {
    var copy = self
    copy.mapTexts {
      body($0)
      return $0
    }
  }

  private mutating func mapTexts(_ transform: (String) -> String) {
    title = transform(title)
    purpose = purpose.map(transform)
    invitation = invitation.map(transform)
    setup = setup.map(transform)
    referenceTitle = referenceTitle.map(transform)
    materials = materials.map { material in
      var material = material
      material.item = transform(material.item)
      return material
    }
    if case .questions(let questions) = report { report = .questions(questions.map(transform)) }
    notes = notes.map(transform)
    prepare = prepare.map(transform)
    variations = variations.map(transform)
    reference = reference.map { ReferenceTerm(term: transform($0.term), explanation: transform($0.explanation)) }
    steps = steps.map { step in
      var step = step
      step.text = transform(step.text)
      step.note = step.note.map(transform)
      step.asks = step.asks.map(transform)
      return step
    }
  }
}
