import Foundation
import Yams

/// The exercise library: a folder of `<id>.yaml` files, each loaded once and cached.
/// Safe to share between threads: the caches sit behind a lock.
public final class ExerciseLibrary: @unchecked Sendable {
  private let lock = NSLock()
  public let directory: String
  private var cache: [String: (exercise: Exercise?, diagnostics: [Diagnostic])] = [:]
  private var availableIDs: [String]?

  public init(directory: String) {
    self.directory = directory
  }

  /// Exercise ids are file names: lowercase letters, digits and hyphens, so no id can
  /// reach outside the library (`../`, absolute paths, hidden files).
  public static func isValidID(_ id: String) -> Bool {
    !id.isEmpty && id.count <= 100 && !id.hasPrefix("-")
      && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
  }

  /// Every id in the library, for suggestions.
  public var ids: [String] {
    if let availableIDs = lock.withLock({ availableIDs }) { return availableIDs }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    let ids = names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.filter(Self.isValidID).sorted()
    lock.withLock { availableIDs = ids }
    return ids
  }

  func path(for id: String) -> String {
    directory.hasSuffix("/") ? directory + id + ".yaml" : directory + "/" + id + ".yaml"
  }

  public func contains(_ id: String) -> Bool {
    guard Self.isValidID(id) else { return false }
    // A loaded exercise is known to exist; only ids not seen yet cost a file-system call.
    if lock.withLock({ cache[id] != nil }) { return true }
    return FileManager.default.fileExists(atPath: path(for: id))
  }

  /// Findings in the exercise's file, once it has been loaded.
  public func diagnostics(for id: String) -> [Diagnostic] { lock.withLock { cache[id]?.diagnostics ?? [] } }

  /// The exercise, or nil when its file is missing or has errors (see `diagnostics(for:)`).
  public func exercise(_ id: String) -> Exercise? {
    if let cached = lock.withLock({ cache[id] }) { return cached.exercise }
    let path = path(for: id)
    var reader = NodeReader(file: path)
    var exercise: Exercise?
    var diagnostics: [Diagnostic] = []
    switch YAMLFile.load(path: path, displayPath: path) {
    case .failure(let diagnostic):
      diagnostics.append(diagnostic)
    case .success(let root):
      exercise = reader.exercise(id: id, from: root)
      // As in a program, an unknown key is reported but does not make the exercise unusable.
      if reader.diagnostics.contains(where: { $0.severity == .error && $0.rule != .unknownKey }) { exercise = nil }
      diagnostics += reader.diagnostics
    }
    // Two threads may load the same file at once; both get the same result.
    lock.withLock { cache[id] = (exercise, diagnostics) }
    return exercise
  }
}

extension NodeReader {
  static let exerciseKeys = [
    "title", "language", "format", "group-size", "minutes", "purpose", "invitation", "setup", "materials",
    "steps", "reference-title", "reference", "worksheet", "follow-up", "scale", "source",
  ]
  static let stepKeys = ["ask", "do", "minutes", "note"]
  static let referenceKeys = ["term", "explanation"]
  static let scaleKeys = ["label", "stages"]

  mutating func exercise(id: String, from root: Node) -> Exercise? {
    guard let fields = fields(of: root, "an exercise", allowed: Self.exerciseKeys) else { return nil }
    let title = string(fields, "title", required: "(the exercise's title, as participants see it)")
    let language = choice(fields, "language", as: Language.self)?.value
    let format = choice(fields, "format", as: Exercise.Format.self, required: "(plenary, groups, pairs or individual)")
    let minutes = minuteRange(fields, "minutes", required: "(the minutes it can run in, like 25-45)")
    let groupSize = string(fields, "group-size")
    if let groupSize, MinuteRange(parsing: groupSize) == nil, let location = text(fields, "group-size")?.location {
      report(
        .invalidValue, at: location,
        "\"group-size\" must be a number like 2 or a range like 3-5; found \"\(groupSize)\"")
    }
    var steps: [Step] = []
    if let (entry, nodes) = sequence(fields, "steps") {
      if nodes.isEmpty { report(.missingKey, at: entry.key, "\"steps\" is empty; give at least one ask: or do: step") }
      steps = nodes.compactMap { step(from: $0) }
    } else if !fields.has("steps") {
      report(.missingKey, at: fields.location, "missing \"steps\" (a list of ask: questions and do: instructions)")
    }
    var reference: [ReferenceTerm] = []
    if let (_, nodes) = sequence(fields, "reference") {
      for node in nodes {
        guard let termFields = self.fields(of: node, "a reference term", allowed: Self.referenceKeys),
          let term = string(termFields, "term", required: "(the word, e.g. Dialog)"),
          let explanation = string(termFields, "explanation", required: "(what the term means)")
        else { continue }
        reference.append(ReferenceTerm(term: term, explanation: explanation))
      }
    }
    var scale: Scale?
    if let entry = fields["scale"], let scaleFields = self.fields(of: entry.value, "\"scale\"", allowed: Self.scaleKeys)
    {
      let label = string(scaleFields, "label", required: "(what the scale measures)")
      let stages = textList(scaleFields, "stages")
      if stages.isEmpty {
        report(.missingKey, at: scaleFields.location, "\"scale\" needs \"stages\", a list of at least one stage")
      }
      if let label, !stages.isEmpty { scale = Scale(label: label, stages: stages) }
    }
    guard let title, let format, let minutes else { return nil }
    return Exercise(
      id: id, file: file, title: title, language: language, format: format.value, groupSize: groupSize,
      minutes: minutes, purpose: string(fields, "purpose"), invitation: string(fields, "invitation"),
      setup: string(fields, "setup"), materials: textList(fields, "materials"), steps: steps,
      referenceTitle: string(fields, "reference-title"), reference: reference,
      worksheet: bool(fields, "worksheet") ?? true, followUp: bool(fields, "follow-up") ?? false, scale: scale,
      source: string(fields, "source"))
  }

  private mutating func step(from node: Node) -> Step? {
    guard let fields = fields(of: node, "a step", allowed: Self.stepKeys) else { return nil }
    let ask = text(fields, "ask")
    let doText = text(fields, "do")
    let minutes = wholeNumber(fields, "minutes", example: "5", range: 0...1440)
    let note = string(fields, "note")
    switch (ask, doText) {
    case (let ask?, nil):
      return Step(kind: .ask, text: ask.value, minutes: minutes, note: note, location: fields.location)
    case (nil, let doText?):
      return Step(kind: .do, text: doText.value, minutes: minutes, note: note, location: fields.location)
    case (_?, _?):
      report(
        .invalidValue, at: fields.location,
        "a step has either \"ask\" (a question) or \"do\" (an instruction), not both")
    case (nil, nil):
      report(.missingKey, at: fields.location, "a step needs \"ask\" (a question) or \"do\" (an instruction)")
    }
    return nil
  }
}
