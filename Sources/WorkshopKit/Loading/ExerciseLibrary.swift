import Foundation
import Yams

/// The exercise library: a folder of `<id>.yaml` files, each loaded once and cached.
/// Safe to share between threads: the caches sit behind a lock.
public final class ExerciseLibrary: @unchecked Sendable {
  private let lock = NSLock()
  public let directory: String
  private var cache: [String: (exercise: Exercise?, placeholders: Set<String>, diagnostics: [Diagnostic])] = [:]
  private var availableIDs: [String]?
  private var listedNames: [String]?
  /// For the build's fingerprint, by path: what `fingerprint(ofFile:)` gives.
  private var fileFingerprints: [String: String] = [:]

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
    let ids = Set(names.filter(ProgramDiscovery.isYAML).map(ProgramDiscovery.stem(of:))).filter(Self.isValidID)
      .sorted()
    lock.withLock { availableIDs = ids }
    return ids
  }

  /// Every file name in the library folder, sorted, listed once per library (that is, per
  /// build: a build that lists it again sees the files added or removed meanwhile).
  var fileNames: [String] {
    if let listedNames = lock.withLock({ listedNames }) { return listedNames }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    lock.withLock { listedNames = names }
    return names
  }

  /// What a build's fingerprint (`FolderFingerprint`) records of a file of the library: its
  /// size and SHA-256, or `absent`. For an exercise the library has loaded, those of the
  /// bytes it read, so the fingerprint is of what the documents were made from, however
  /// often it is asked; for any other file, of the file as read the first time it is asked.
  func fingerprint(ofFile path: String) -> String {
    if let known = lock.withLock({ fileFingerprints[path] }) { return known }
    let read = FileManager.default.contents(atPath: path).map { Self.fingerprint(of: Array($0)) } ?? "absent"
    // A load of the same file meanwhile has the bytes the documents are made from: it wins.
    return lock.withLock {
      if let loaded = fileFingerprints[path] { return loaded }
      fileFingerprints[path] = read
      return read
    }
  }

  static func fingerprint(of bytes: [UInt8]) -> String { "\(bytes.count) " + ContentHash.of(bytes) }

  /// `<directory>/<id>`, without the extension.
  func basePath(for id: String) -> String { directory.hasSuffix("/") ? directory + id : directory + "/" + id }

  /// `<directory>/<id>.yaml`, or `<id>.yml` when only that exists.
  func path(for id: String) -> String {
    let base = basePath(for: id)
    if !FileManager.default.fileExists(atPath: base + ".yaml"), FileManager.default.fileExists(atPath: base + ".yml") {
      return base + ".yml"
    }
    return base + ".yaml"
  }

  public func contains(_ id: String) -> Bool {
    guard Self.isValidID(id) else { return false }
    // A loaded exercise is known to exist; only ids not seen yet cost a file-system call.
    if lock.withLock({ cache[id] != nil }) { return true }
    return FileManager.default.fileExists(atPath: path(for: id))
  }

  /// The library a command uses when `--exercises` is not given: `exercises` in the
  /// working folder, else the nearest `exercises` folder above the programs named (the
  /// folder of a program file, then each folder above it, past the working folder up to
  /// `/`), for a command run from outside the course's folder: `check
  /// course/programs/spring` finds `course/exercises`, and `check spring` in
  /// `course/programs` finds `../exercises`. Nil when there is none.
  public static func find(near paths: [String]) -> String? {
    if isFolder("exercises") { return "exercises" }
    // How far `..` can go up from the working folder before it is `/`.
    let depth = FileManager.default.currentDirectoryPath.split(separator: "/").count
    for path in paths {
      var folder = isFolder(path) ? PathText.tidied(path) : PathText.folder(of: path)
      while !folder.isEmpty {
        let candidate = folder == "/" ? "/exercises" : folder + "/exercises"
        if isFolder(candidate) { return candidate }
        let parent = PathText.folder(of: folder)
        guard parent != folder, folder != ".", PathText.name(of: folder) != ".." else { break }
        folder = parent
      }
      guard !path.hasPrefix("/") else { continue }
      // Above the working folder.
      for up in 0..<depth {
        let candidate = Array(repeating: "..", count: up + 1).joined(separator: "/") + "/exercises"
        if isFolder(candidate) { return candidate }
      }
    }
    return nil
  }

  static func isFolder(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }

  /// Whether the library folder exists.
  public var exists: Bool { Self.isFolder(directory) }

  /// Loads every exercise of the library, used or not, and returns all their findings,
  /// with one for each YAML file whose name cannot be an id (no program can use it).
  public func checkAll() -> [Diagnostic] {
    let misnamed = fileNames.filter { name in
      ProgramDiscovery.isYAML(name) && !name.hasPrefix(".") && !Self.isValidID(ProgramDiscovery.stem(of: name))
    }
    return misnamed.map { Self.misnamed(directory + "/" + $0) } + ids.flatMap(check(id:))
  }

  /// The finding for a file in the library whose name cannot be an exercise id, with the
  /// name it could have: `Frivillig-øvelse.yaml` as `frivillig-oevelse.yaml`.
  static func misnamed(_ path: String) -> Diagnostic {
    let name = PathText.name(of: path)
    var message =
      "\"\(name)\" cannot be an exercise: its id is the file name without .yaml, "
      + "in lowercase letters, digits and hyphens"
    let suggestion = suggestedID(for: ProgramDiscovery.stem(of: name))
    if isValidID(suggestion) {
      let folder = PathText.folder(of: path)
      let taken = ProgramDiscovery.extensions.contains {
        FileManager.default.fileExists(atPath: (folder.isEmpty ? "" : folder + "/") + suggestion + $0)
      }
      // A copy beside the exercise it would become: renaming it would overwrite that one.
      message +=
        taken
        ? "; \(suggestion).yaml is already there, so remove this copy or give it an id of its own"
        : "; rename it, e.g. to \(suggestion).yaml"
    }
    return Diagnostic(.invalidValue, at: .start(of: path), message)
  }

  /// `name` as an id: lowercase, Danish letters written out (æ ae, ø oe, å aa), accents
  /// dropped, anything else a hyphen, no hyphen doubled or at either end.
  static func suggestedID(for name: String) -> String {
    var id = ""
    for character in name.lowercased() {
      let spelled: String
      switch character {
      case "æ": spelled = "ae"
      case "ø": spelled = "oe"
      case "å": spelled = "aa"
      default:
        let plain = String(character).folding(options: .diacriticInsensitive, locale: nil)
        spelled = plain.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) } ? plain : "-"
      }
      if spelled == "-", id.isEmpty || id.hasSuffix("-") { continue }
      id += spelled
    }
    while id.hasSuffix("-") { id.removeLast() }
    return id
  }

  /// One exercise as a file of its own: its findings and its own consistency (rule
  /// exercise-steps), which a program reports as steps-overflow where it bites instead.
  public func check(id: String) -> [Diagnostic] {
    (exercise(id)?.stepsFitFindings ?? []) + diagnostics(for: id)
  }

  /// Findings in the exercise's file, once it has been loaded.
  public func diagnostics(for id: String) -> [Diagnostic] { lock.withLock { cache[id]?.diagnostics ?? [] } }

  /// The exercise, or nil when its file is missing or has errors (see `diagnostics(for:)`).
  public func exercise(_ id: String) -> Exercise? {
    if let cached = lock.withLock({ cache[id] }) { return cached.exercise }
    let path = path(for: id)
    var exercise: Exercise?
    var diagnostics: [Diagnostic] = []
    let bytes = YAMLFile.read(path: path, displayPath: path)
    let fingerprint = (try? bytes.get()).map(Self.fingerprint(of:)) ?? "absent"
    switch bytes.flatMap({ YAMLFile.parse(bytes: $0, displayPath: path) }) {
    case .failure(let diagnostic):
      diagnostics.append(diagnostic)
    case .success(let document):
      var reader = NodeReader(file: path, source: document.text)
      exercise = reader.exercise(id: id, from: document.root)
      for written in exercise?.nearPlaceholders ?? [] {
        let name = String(written.dropFirst().dropLast()).trimmingWhitespace().lowercased()
        reader.report(
          .invalidValue, at: SourceLocation.first(of: written, in: document.text, file: path),
          "\(written) is not a placeholder and would print as it stands: a placeholder's name is lowercase "
            + "letters, digits and hyphens with no spaces, like {\(name)}")
      }
      // As in a program, an unknown key is reported but does not make the exercise unusable.
      if reader.diagnostics.contains(where: { $0.severity == .error && $0.rule != .unknownKey }) { exercise = nil }
      diagnostics += reader.diagnostics
    }
    // Two threads may load the same file at once; both get the same result.
    let placeholders = exercise?.placeholders ?? []
    lock.withLock {
      cache[id] = (exercise, placeholders, diagnostics)
      fileFingerprints[path] = fingerprint
    }
    return exercise
  }

  /// The `{name}` placeholders of the exercise `id` as loaded (`Exercise.placeholders`),
  /// worked out once, not for every program that uses it.
  public func placeholders(of id: String) -> Set<String> {
    if let cached = lock.withLock({ cache[id] }) { return cached.placeholders }
    return exercise(id)?.placeholders ?? []
  }
}

extension NodeReader {
  static let exerciseKeys = [
    "title", "language", "format", "group-size", "group-by", "minutes", "purpose", "invitation", "setup", "materials",
    "steps", "reference-title", "reference", "worksheet", "follow-up", "scale", "source", "notes", "prepare",
    "variations", "report",
  ]
  static let materialKeys = ["item", "per", "count", "card"]
  static let stepKeys = [
    "ask", "do", "section", "minutes", "note", "format", "group-size", "rounds", "asks", "optional",
  ]
  static let referenceKeys = ["term", "explanation"]
  static let scaleKeys = ["label", "stages"]

  mutating func exercise(id: String, from root: Node) -> Exercise? {
    guard let fields = fields(of: root, "an exercise", allowed: Self.exerciseKeys) else { return nil }
    let title = string(fields, "title", required: "(the exercise's title, as participants see it)")
    let language = choice(fields, "language", as: Language.self, suggest: false, meant: Language.meantBy)?.value
    let format = choice(fields, "format", as: Exercise.Format.self, required: "(plenary, groups, pairs or individual)")
    let minutes = minuteRange(fields, "minutes", required: "(the minutes it can run in, like 25-45)")
    let groupSize = self.groupSize(fields)
    let groupBy = choice(fields, "group-by", as: Exercise.Grouping.self)?.value
    var steps: [Step] = []
    if let (entry, nodes) = sequence(fields, "steps") {
      if nodes.isEmpty { report(.missingKey, at: entry.key, "\"steps\" is empty; give at least one ask: or do: step") }
      steps = nodes.compactMap { step(from: $0) }
    } else if fields.lacks("steps") {
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
      if scaleFields.lacks("stages") {
        report(.missingKey, at: scaleFields.location, "\"scale\" needs \"stages\", a list of at least two stages")
      } else if stages.count < 2, let entry = scaleFields["stages"], isListOrEmpty(entry.value) {
        // (Anything else was reported as the wrong type.)
        let key = entry.key
        report(
          .invalidValue, at: key,
          "\"stages\" lists \(stages.count) stage\(stages.count == 1 ? "" : "s"); a scale needs at least two, in order")
      }
      if let label, stages.count >= 2 { scale = Scale(label: label, stages: stages) }
    }
    // Every key is read before giving up on the exercise, so one run reports every finding.
    let purpose = string(fields, "purpose")
    let invitation = string(fields, "invitation")
    let setup = string(fields, "setup")
    let materials = self.materials(fields, format: format?.value)
    let referenceTitle = string(fields, "reference-title")
    let worksheet = bool(fields, "worksheet") ?? true
    let followUp = bool(fields, "follow-up") ?? false
    let source = string(fields, "source")
    let notes = textOrList(fields, "notes")
    let prepare = textList(fields, "prepare")
    let variations = textList(fields, "variations")
    let report = self.report(fields, followUp: followUp)
    if materials.contains(where: \.isCard), reference.isEmpty, let key = fields["materials"]?.key {
      self.report(
        .invalidValue, at: key,
        "a material is marked \"card: true\", but the exercise has no \"reference\" for the kit to print on it")
    }
    guard let title, let format, let minutes else { return nil }
    var exercise = Exercise(
      id: id, file: file, title: title, language: language, format: format.value,
      groupSize: groupSize, minutes: minutes, purpose: purpose,
      invitation: invitation, setup: setup, materials: materials, steps: steps, referenceTitle: referenceTitle,
      reference: reference, worksheet: worksheet, followUp: followUp, scale: scale, source: source)
    exercise.groupBy = groupBy ?? .mixed
    exercise.notes = notes
    exercise.prepare = prepare
    exercise.variations = variations
    exercise.report = report
    return exercise
  }

  /// `report: true` (the standard questions) or a list of questions.
  mutating func report(_ fields: Fields, followUp: Bool) -> Exercise.Report? {
    guard let entry = fields["report"] else { return nil }
    let report: Exercise.Report?
    if case .sequence = entry.value {
      let questions = textList(fields, "report")
      if questions.isEmpty {
        self.report(
          .missingKey, at: entry.key, "\"report\" is empty; give its questions, or true for the standard ones")
      }
      report = questions.isEmpty ? nil : .questions(questions)
    } else {
      report = bool(fields, "report") == true ? .standard : nil
    }
    // A misspelled follow-up was reported as such.
    if report != nil, !followUp, !fields.misspelled.contains("follow-up") {
      self.report(
        .invalidValue, at: entry.key,
        "\"report\" asks what was done before the next meeting, so it needs \"follow-up: true\" on this exercise")
    }
    return report
  }

  /// `group-size: 3` or `3-5`, for the exercise and for each step: the text as written,
  /// when it reads as a number or a range.
  mutating func groupSize(_ fields: Fields) -> String? {
    let example = "a number like 2 or a range like 3-5"
    guard let text = text(fields, "group-size", expected: example),
      countRange(text, key: "group-size", example: example, rule: .invalidValue) != nil
    else { return nil }
    return text.value
  }

  /// Each material as text, or as `{item, per, count, card}`.
  /// `format` gives a reference card marked `card: true` without `per:` its count, as the
  /// card the kit adds by itself has it: one per pair or group of the exercise.
  mutating func materials(_ fields: Fields, format: Exercise.Format? = nil) -> [Material] {
    guard let (_, nodes) = sequence(fields, "materials") else { return [] }
    var result: [Material] = []
    for node in nodes {
      if case .scalar(let scalar) = node, !isNull(node) {
        warnIfCutByComment(node, key: "materials")
        result.append(Material(item: scalar.string))
        continue
      }
      guard case .mapping = node else {
        report(
          .wrongType, at: node, "each entry of \"materials\" must be text or {item, per, count}, not \(describe(node))")
        continue
      }
      guard let entry = self.fields(of: node, "a material", allowed: Self.materialKeys),
        let item = string(entry, "item", required: "(what is needed, e.g. Flipoverpapir og tusser)")
      else { continue }
      let isCard = bool(entry, "card") ?? false
      let per = choice(entry, "per", as: Material.Per.self)?.value ?? (isCard ? Material.Per.card(for: format) : .room)
      let count = wholeNumber(entry, "count", example: "a number like 1 or 2", range: 1...999)?.value ?? 1
      result.append(Material(item: item, per: per, count: count, isCard: isCard))
    }
    return result
  }

}

extension Exercise {
  /// The exercise's own consistency (rule exercise-steps): at the low end of its range its
  /// timed steps fit, and each untimed step still gets a minute.
  public var stepsFitFindings: [Diagnostic] {
    let low = minutes.value.lowerBound
    let timed = steps.reduce(0) { $0 + ($1.totalMinutes ?? 0) }
    // An optional step is the first to go when the exercise runs short: it may get none.
    let untimed = steps.count(where: \.sharesTimeLeft)
    func report(_ rule: RuleID, at location: SourceLocation, _ message: String) -> [Diagnostic] {
      [Diagnostic(rule, at: location, message)]
    }
    if timed > low {
      return report(
        .exerciseSteps, at: minutes.location,
        "the timed steps of \"\(title)\" take \(timed) minutes, more than the \(low) at the low end of its "
          + "range \(minutes.value.description); shorten the steps or raise the range")
    } else if untimed > low - timed {
      let left = low - timed
      return report(
        .exerciseSteps, at: minutes.location,
        "at \(low) minutes, the low end of its range, the timed steps of \"\(title)\" leave \(left) "
          + "minute\(left == 1 ? "" : "s") for \(untimed) untimed step\(untimed == 1 ? "" : "s"), so "
          + (untimed == 1 ? "it gets none" : "one gets none") + "; time the steps or raise the range")
    }
    return []
  }
}

extension NodeReader {
  private mutating func step(from node: Node) -> Step? {
    guard let fields = fields(of: node, "a step", allowed: Self.stepKeys) else { return nil }
    let ask = prose(fields, "ask")
    let doText = prose(fields, "do")
    if let section = prose(fields, "section") { return self.section(section, fields) }
    let minutes = wholeNumber(fields, "minutes", example: "5", range: 1...1440)
    let note = string(fields, "note")
    let format = choice(fields, "format", as: Exercise.Format.self)?.value
    let groupSize = self.groupSize(fields)
    let rounds = wholeNumber(fields, "rounds", example: "3", range: 1...99)
    let asks = textList(fields, "asks")
    let optional = bool(fields, "optional") ?? false
    func made(_ kind: Step.Kind, _ text: String) -> Step {
      var step = Step(kind: kind, text: text, minutes: minutes, note: note, location: fields.location)
      step.format = format
      step.groupSize = groupSize
      step.rounds = rounds?.value ?? 1
      step.asks = asks
      step.optional = optional
      return step
    }
    switch (ask, doText) {
    case (let ask?, nil):
      return made(.ask, ask.value)
    case (nil, let doText?):
      return made(.do, doText.value)
    case (_?, _?):
      report(
        .invalidValue, at: fields.location,
        "a step has either \"ask\" (a question) or \"do\" (an instruction), not both")
    case (nil, nil):
      // A misspelled "ask", "do" or "section" is reported as such, not also as missing.
      guard fields.lacks("ask") && fields.lacks("do") && fields.lacks("section"), !fields.hasUnexplainedKeys
      else { break }
      report(
        .missingKey, at: fields.location,
        "a step needs \"ask\" (a question) or \"do\" (an instruction), or \"section\" (a heading over the steps "
          + "that follow)")
    }
    return nil
  }

  /// A section heading over the steps that follow: it takes no time and has no group work
  /// of its own, so of the step keys only `note` goes with it.
  private mutating func section(_ text: Located<String>, _ fields: Fields) -> Step? {
    let note = string(fields, "note")
    for key in Self.stepKeys where !["section", "note"].contains(key) {
      guard let entry = fields[key] else { continue }
      let advice =
        switch key {
        case "ask", "do":
          "write the \(key == "ask" ? "question" : "instruction") as a step of its own after the heading"
        case "minutes", "rounds": "a heading takes no time; time the steps under it"
        case "optional": "a heading goes with its steps; mark the steps under it optional"
        default: "give \"\(key)\" to the steps under it"
        }
      report(.invalidValue, at: entry.key, "a section heading has no \"\(key)\"; \(advice)")
      return nil
    }
    return Step(kind: .section, text: text.value, note: note, location: fields.location)
  }
}
