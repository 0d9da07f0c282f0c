import Foundation
import Testing

@testable import WorkshopKit

/// The 33 Liberating Structures of the shared test corpus, each written as a format v1.1
/// exercise with one program of its own, then checked and built: real methods whose group
/// work changes from step to step, with repeated rounds and texts full of quotes, line
/// breaks and dashes. The corpus (CC BY-SA 4.0) is read at test time from beside the package
/// and its texts only ever reach a temporary folder, never the project's own files.
@Suite struct LiberatingStructuresTests {
  /// `../shared/corpus/liberating-structures/structures.json`, next to the package.
  static let corpusFile = Paths.package.deletingLastPathComponent()
    .appendingPathComponent("shared/corpus/liberating-structures/structures.json")

  static func corpus() throws -> [LiberatingStructure] {
    try #require(
      FileManager.default.fileExists(atPath: corpusFile.path),
      """
      the Liberating Structures corpus is missing: expected \(corpusFile.path) \
      (shared/corpus/liberating-structures/structures.json in the folder that holds the package)
      """)
    let data = try Data(contentsOf: corpusFile)
    return try JSONDecoder().decode([LiberatingStructure].self, from: data)
  }

  /// When every program starts; its single exercise runs from here.
  static let dayStart = 9 * 60

  @Test func theCorpusHasEveryStructureAndEveryGroupConfigurationIsMapped() throws {
    let structures = try Self.corpus()
    #expect(structures.count == 33)
    #expect(Set(structures.map(\.id)).count == structures.count, "ids are unique, so exercise ids are too")
    let values = Set(structures.flatMap { $0.phases.map(\.groups) })
    let unmapped = values.filter { LiberatingStructure.groupWork[$0] == nil }.sorted()
    #expect(unmapped.isEmpty, "map these corpus \"groups\" values in LiberatingStructure.groupWork: \(unmapped)")
    let plans = structures.compactMap(ExercisePlan.init)
    #expect(plans.count == structures.count)
    // "Round 1", "Round 2" … of equal length and grouping become one step with rounds.
    #expect(plans.contains { $0.steps.contains { $0.rounds > 1 } }, "the corpus's repeated rounds become rounds")
  }

  @Test func everyStructureChecksAndBuildsWithItsGroupWorkOnTheRunSheet() throws {
    let structures = try Self.corpus()
    let folder = try TemporaryFolder()
    let exercises = folder.url.appendingPathComponent("exercises")
    let output = folder.url.appendingPathComponent("out")
    var plans: [ExercisePlan] = []
    var programFiles: [String] = []
    for (index, structure) in structures.enumerated() {
      let plan = try #require(ExercisePlan(structure), "\(structure.name): a \"groups\" value is not mapped")
      plans.append(plan)
      try folder.write("exercises/\(plan.id).yaml", plan.exerciseYAML())
      let file = try folder.write(
        "programs/ls/\(Self.date(index: index)).yaml",
        plan.programYAML(meeting: index + 1, date: Self.date(index: index), start: Self.dayStart))
      programFiles.append(file.path)
    }

    let checker = Checker(exerciseDirectory: exercises.path)
    let report = checker.check(files: programFiles, wholeLibrary: true)
    let errors = report.diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(errors.count) errors:\n\(errors.map(\.description).joined(separator: "\n"))")
    for warning in report.diagnostics where warning.severity == .warning {
      print("Liberating Structures, warning: \(warning.description)")
    }
    #expect(report.checks.count == structures.count)
    for check in report.checks {
      #expect(check.schedule != nil, "\(check.path) was not scheduled")
    }

    // The texts come back from the YAML exactly as the corpus has them.
    for plan in plans {
      let exercise = try #require(
        checker.loader.exercises.exercise(plan.id),
        "\(plan.id): \(checker.loader.exercises.diagnostics(for: plan.id).map(\.description))")
      #expect(exercise.title == plan.structure.name)
      #expect(exercise.purpose == plan.structure.desc)
      #expect(exercise.invitation == plan.structure.structuralInvitation.flatMap(Self.nonEmpty))
      #expect(exercise.steps.map(\.text) == plan.steps.map(\.instruction), "\(plan.id)")
      #expect(exercise.steps.map(\.note) == plan.steps.map(\.note), "\(plan.id)")
      #expect(exercise.steps.map { $0.minutes?.value } == plan.steps.map { Optional($0.minutes) }, "\(plan.id)")
    }

    let builder = KitBuilder(exerciseDirectory: exercises.path, outputDirectory: output.path)
    let build = builder.build(programFiles: programFiles)
    #expect(build.failedPrograms.isEmpty, "\(build.diagnostics.filter { $0.severity == .error })")
    #expect(build.builtCount == structures.count)

    for (index, plan) in plans.enumerated() {
      let kit = output.appendingPathComponent("ls/\(Self.date(index: index))")
      let name = plan.structure.name
      guard FileManager.default.fileExists(atPath: kit.appendingPathComponent("facilitator.xhtml").path) else {
        Issue.record("\(name): no run sheet was built in \(kit.path)")
        continue
      }
      let runSheet = try KitXML.parse(try KitFiles.text(kit.appendingPathComponent("facilitator.xhtml")))
      let body = try #require(runSheet.first("body"), "\(name): the run sheet has no body")
      // What WorkshopKit wrote itself: the corpus's sentences mention minutes and
      // groupings too ("work 1 min alone"), so they must not count.
      let written = RunSheetText(body, without: plan.corpusTexts)
      var clock = Self.dayStart
      for step in plan.steps {
        let total = step.minutes * step.rounds
        let span = Self.span(from: clock, minutes: total)
        #expect(written.contains(span), "\(name): no step at \(span) on the run sheet")
        #expect(written.mentionsMinutes(total), "\(name): no \"\(total) min\" for \"\(step.phases[0].label)\"")
        if step.rounds > 1 {
          let rounds = (0..<step.rounds).map { Self.span(from: clock + $0 * step.minutes, minutes: step.minutes) }
          #expect(
            written.mentionsMinutes(step.minutes) || rounds.allSatisfy(written.contains),
            "\(name): the \(step.rounds) rounds of \(step.minutes) min of \"\(step.phases[0].label)\" are not shown")
        }
        let words = step.work.runSheetWords
        #expect(
          written.contains(words),
          "\(name): \"\(step.phases[0].label)\" (\(step.phases[0].groups)) is not shown as \"\(words)\"")
        clock += total
      }

      // Tips and variations are for the facilitator: on the run sheet, not in the handout.
      let sheet = RunSheetText(body, without: [])
      let handoutRoot = try KitXML.parse(try KitFiles.text(kit.appendingPathComponent("handout.xhtml")))
      let handout = RunSheetText(try #require(handoutRoot.first("body")), without: [])
      for text in plan.facilitatorOnlyTexts {
        #expect(sheet.contains(text), "\(name): not on the run sheet: \(text.prefix(60))")
        #expect(!handout.contains(text), "\(name): in the handout, but it is for the facilitator: \(text.prefix(60))")
      }
    }
  }

  /// The quoting used for the corpus's texts reads back as exactly what was written.
  @Test func quotedTextsReadBackUnchanged() throws {
    let texts = [
      #"She said "stop" and left"#,
      #"C:\path\to\file and a lone \ backslash"#,
      "line one\nline two\n  indented line three",
      "tab\tseparated and a carriage\rreturn",
      "# not a comment, and neither is this # one",
      "key: value - [list] { flow: map } & *alias !tag | > % @ ` , ?",
      "  leading and trailing spaces  ",
      "bell \u{7}, next line \u{85}, separators \u{2028}\u{2029}, byte order mark \u{FEFF}, no-break\u{A0}space",
      "Dansk: æøå ÆØÅ – “citat” → 🦆 W³ ×",
      "'single quotes' and ''two''",
      "null", "~", "yes", "09.00", "12",
      "- looks like a list item",
    ]
    let folder = try TemporaryFolder()
    var yaml = "title: \(YAMLQuoting.quoted(texts[0]))\nformat: plenary\nminutes: \(texts.count)\nsteps:\n"
    for text in texts { yaml += "  - do: \(YAMLQuoting.quoted(text))\n    minutes: 1\n" }
    try folder.write("quoting.yaml", yaml)
    let library = ExerciseLibrary(directory: folder.url.path)
    let exercise = try #require(
      library.exercise("quoting"), "\(library.diagnostics(for: "quoting").map(\.description))\n\(yaml)")
    #expect(exercise.title == texts[0])
    #expect(exercise.steps.map(\.text) == texts)
    #expect(library.diagnostics(for: "quoting").isEmpty, "\(library.diagnostics(for: "quoting"))")
  }

  // MARK: Helpers

  /// The date of the `index`th program of the series: 2026-05-01, 2026-05-02, …
  static func date(index: Int) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let first = calendar.date(from: DateComponents(year: 2026, month: 5, day: 1))!
    let date = calendar.date(byAdding: .day, value: index, to: first)!
    let day = calendar.dateComponents([.year, .month, .day], from: date)
    return "\(day.year!)-\(twoDigits(day.month!))-\(twoDigits(day.day!))"
  }

  static func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }

  /// `09.00` in a program file, `09:00` on an English run sheet.
  static func clock(_ minutesSinceMidnight: Int, separator: String) -> String {
    twoDigits(minutesSinceMidnight / 60) + separator + twoDigits(minutesSinceMidnight % 60)
  }

  /// A span as the English run sheet shows it, `09:00–09:05`.
  static func span(from start: Int, minutes: Int) -> String {
    clock(start, separator: ":") + "–" + clock(start + minutes, separator: ":")
  }

  static func nonEmpty(_ text: String) -> String? {
    text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text
  }
}

/// One structure of `structures.json`, with the keys the tests use.
struct LiberatingStructure: Decodable {
  struct Phase: Decodable {
    var label: String
    var minutes: Int
    var instruction: String
    var groups: String
    var friendlyInstruction: String?
  }

  /// How participants work in a step: the format and, for groups, their size.
  struct GroupWork: Hashable {
    var format: Exercise.Format
    var size: String?

    /// The words an English run sheet shows for it. A step in groups of no given size is
    /// only expected to say "in groups".
    var runSheetWords: String {
      switch format {
      case .individual: "alone"
      case .pairs: "in pairs"
      case .groups: size.map { "in groups of \($0)" } ?? "in groups"
      case .plenary: "all together"
      }
    }
  }

  var id: Int
  var name: String
  /// The structure's own total minutes; some phases do not add up to it.
  var time: Int
  var desc: String
  var structuralInvitation: String?
  var phases: [Phase]
  var tips: [String]?
  var variations: [String]?

  /// Every `groups` value of the corpus. A sequence ("Individual then groups of 4-6") is
  /// the configuration most of its time is spent in; a whole room in one arrangement
  /// (a fishbowl, spokespeople in a circle, players on a stage, setting up) is plenary.
  static let groupWork: [String: GroupWork] = [
    "Individual": GroupWork(format: .individual),
    "Pairs": GroupWork(format: .pairs),
    "Pairs with hosts": GroupWork(format: .pairs),
    "Pairs then whole group": GroupWork(format: .pairs),
    "Trios": GroupWork(format: .groups, size: "3"),
    "Groups of 4": GroupWork(format: .groups, size: "4"),
    "Groups of 3-4": GroupWork(format: .groups, size: "3-4"),
    "Groups of 3-4 per scenario": GroupWork(format: .groups, size: "3-4"),
    "Groups of 4-5": GroupWork(format: .groups, size: "4-5"),
    "Groups of 4-6": GroupWork(format: .groups, size: "4-6"),
    "Groups of 5-8": GroupWork(format: .groups, size: "5-8"),
    "Groups of 6-8": GroupWork(format: .groups, size: "6-8"),
    "Groups of 4-6 using 1-2-4-All": GroupWork(format: .groups, size: "4-6"),
    "Small groups of 4-6 using 1-2-4-All": GroupWork(format: .groups, size: "4-6"),
    "Individual then groups of 4-6": GroupWork(format: .groups, size: "4-6"),
    "Individual → small groups → whole group": GroupWork(format: .groups),
    "Small groups": GroupWork(format: .groups),
    "Functional clusters": GroupWork(format: .groups),
    "Functional clusters using 1-2-4-All": GroupWork(format: .groups),
    "Self-organised groups": GroupWork(format: .groups),
    "Two groups": GroupWork(format: .groups),
    "1-2-4-All": GroupWork(format: .plenary),
    "Whole group": GroupWork(format: .plenary),
    "Whole group or pairs": GroupWork(format: .plenary),
    "Inner circle and observers": GroupWork(format: .plenary),
    "Spokespeople in inner circle; others listen": GroupWork(format: .plenary),
    "Players on stage; observers in small groups": GroupWork(format: .plenary),
    "Setup": GroupWork(format: .plenary),
  ]

  /// 2 for "Round 2" or "Round 2 — deeper"; nil for other labels.
  static func roundNumber(_ label: String) -> Int? {
    guard label.hasPrefix("Round ") else { return nil }
    return Int(label.dropFirst("Round ".count).prefix { $0.isASCII && $0.isNumber })
  }
}

/// A structure as an exercise: its phases as steps, "Round 1", "Round 2" … of one length
/// and grouping folded into one step with `rounds`.
struct ExercisePlan {
  struct PlannedStep {
    var phases: [LiberatingStructure.Phase]
    var work: LiberatingStructure.GroupWork

    /// Minutes of one round.
    var minutes: Int { phases[0].minutes }
    var rounds: Int { phases.count }
    var instruction: String { phases[0].instruction }

    /// What the facilitator reads: the phase's friendly wording, or for rounds what the
    /// later rounds change.
    var note: String? {
      guard rounds > 1 else { return phases[0].friendlyInstruction.flatMap(LiberatingStructuresTests.nonEmpty) }
      return phases.dropFirst().map { "\($0.label): \($0.instruction)" }.joined(separator: "\n")
    }
  }

  var structure: LiberatingStructure
  var steps: [PlannedStep]
  /// The most common format of the phases; a tie is plenary.
  var format: Exercise.Format
  var groupSize: String?

  var id: String { "ls-\(structure.id)" }
  /// What the timed steps take, every round counted.
  var totalMinutes: Int { steps.reduce(0) { $0 + $1.minutes * $1.rounds } }

  /// From the steps' total, which every allowed duration must hold, up to the structure's
  /// own time when that is longer.
  var minutesRange: String {
    structure.time > totalMinutes ? "\(totalMinutes)-\(structure.time)" : "\(totalMinutes)"
  }

  var tips: [String] { (structure.tips ?? []).compactMap(LiberatingStructuresTests.nonEmpty) }
  var variations: [String] { (structure.variations ?? []).compactMap(LiberatingStructuresTests.nonEmpty) }

  /// Every corpus text the exercise file holds.
  var corpusTexts: [String] {
    [structure.desc, structure.structuralInvitation ?? ""] + tips + variations
      + steps.flatMap { [$0.instruction, $0.note ?? ""] }
  }

  /// Texts that belong on the run sheet only.
  var facilitatorOnlyTexts: [String] { tips + variations + steps.compactMap(\.note) }

  /// Nil when a phase's `groups` value is not mapped.
  init?(_ structure: LiberatingStructure) {
    var steps: [PlannedStep] = []
    var formatCounts: [Exercise.Format: Int] = [:]
    var sizeCounts: [String: Int] = [:]
    var sizes: [String] = []
    for phase in structure.phases {
      guard let work = LiberatingStructure.groupWork[phase.groups] else { return nil }
      formatCounts[work.format, default: 0] += 1
      if work.format == .groups, let size = work.size {
        if sizeCounts[size] == nil { sizes.append(size) }
        sizeCounts[size, default: 0] += 1
      }
      if let number = LiberatingStructure.roundNumber(phase.label), number > 1, let previous = steps.last?.phases.last,
        LiberatingStructure.roundNumber(previous.label) == number - 1,
        previous.minutes == phase.minutes, previous.groups == phase.groups
      {
        steps[steps.count - 1].phases.append(phase)
      } else {
        steps.append(PlannedStep(phases: [phase], work: work))
      }
    }
    let top = formatCounts.values.max() ?? 0
    let leaders = Exercise.Format.allCases.filter { formatCounts[$0] == top }
    let format = leaders.count == 1 ? leaders[0] : .plenary
    self.structure = structure
    self.steps = steps
    self.format = format
    // The most common size among the groups phases; a tie goes to the first.
    self.groupSize = format == .groups ? sizes.max { sizeCounts[$0, default: 0] < sizeCounts[$1, default: 0] } : nil
  }

  func exerciseYAML() -> String {
    let q = YAMLQuoting.quoted
    var yaml = "# Liberating Structures test data (CC BY-SA 4.0), written by LiberatingStructuresTests\n"
    yaml += "title: \(q(structure.name))\n"
    yaml += "language: en\n"
    yaml += "format: \(format.rawValue)\n"
    if let groupSize { yaml += "group-size: \(groupSize)\n" }
    yaml += "minutes: \(minutesRange)\n"
    yaml += "purpose: \(q(structure.desc))\n"
    if let invitation = structure.structuralInvitation.flatMap(LiberatingStructuresTests.nonEmpty) {
      yaml += "invitation: \(q(invitation))\n"
    }
    if !tips.isEmpty { yaml += "notes:\n" + tips.map { "  - \(q($0))\n" }.joined() }
    if !variations.isEmpty { yaml += "variations:\n" + variations.map { "  - \(q($0))\n" }.joined() }
    yaml += "steps:\n"
    for step in steps {
      yaml += "  - do: \(q(step.instruction))\n"
      yaml += "    format: \(step.work.format.rawValue)\n"
      if let size = step.work.size { yaml += "    group-size: \(size)\n" }
      yaml += "    minutes: \(step.minutes)\n"
      if step.rounds > 1 { yaml += "    rounds: \(step.rounds)\n" }
      if let note = step.note { yaml += "    note: \(q(note))\n" }
    }
    yaml += "source: \(q("Liberating Structures (Henri Lipmanowicz and Keith McCandless), CC BY-SA 4.0"))\n"
    return yaml
  }

  /// A one-exercise English day. The longest structures run for hours without a break and
  /// without lunch, so the program allows that.
  func programYAML(meeting: Int, date: String, start: Int) -> String {
    let clock = LiberatingStructuresTests.clock
    return """
      title: \(YAMLQuoting.quoted("Liberating Structures – " + structure.name))
      course: Liberating Structures
      meeting: \(meeting)
      date: \(date)
      language: en
      facilitator: Test Facilitator
      rules:
        max-block-minutes: \(max(90, totalMinutes))
        meal: off
      agenda:
        - time: \(clock(start, "."))-\(clock(start + totalMinutes, "."))
          exercise: \(id)

      """
  }
}

/// Double-quoted YAML scalars that read back as exactly the text given.
enum YAMLQuoting {
  /// `\` and `"` escaped; line breaks, tabs, control characters, the byte-order mark and
  /// no-break spaces written as escapes, so nothing is folded, cut or misread.
  static func quoted(_ text: String) -> String {
    var quoted = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": quoted += "\\\\"
      case "\"": quoted += "\\\""
      case "\n": quoted += "\\n"
      case "\t": quoted += "\\t"
      case "\r": quoted += "\\r"
      default:
        if isWrittenAsIs(scalar.value) {
          quoted.unicodeScalars.append(scalar)
        } else {
          let hex = String(scalar.value, radix: 16, uppercase: true)
          let width = scalar.value > 0xFFFF ? 8 : 4
          quoted += (width == 8 ? "\\U" : "\\u") + String(repeating: "0", count: max(0, width - hex.count)) + hex
        }
      }
    }
    return quoted + "\""
  }

  /// Printable in YAML and not a line break (U+0085, U+2028, U+2029), a byte-order mark
  /// or a no-break space.
  static func isWrittenAsIs(_ value: UInt32) -> Bool {
    switch value {
    case 0x20...0x7E, 0xA1...0x2027, 0x202A...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...0x10FFFF: true
    default: false
    }
  }
}

/// A document's text, normalised (lower case, en dashes as hyphens, runs of white space as
/// one space), with the given texts cut out. Kept twice, with its pieces joined directly
/// and with a space between elements, since a layout may put a time and a duration in
/// neighbouring cells.
struct RunSheetText {
  var variants: [String]

  init(_ root: KitNode, without texts: [String]) {
    let removals = texts.map(Self.normalised).filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    variants = ["", " "].map { separator in
      var text = Self.normalised(Self.joined(root, separator: separator))
      for removal in removals { text = text.replacingOccurrences(of: removal, with: " | ") }
      return text
    }
  }

  static func joined(_ node: KitNode, separator: String) -> String {
    node.contents.map { content in
      switch content {
      case .element(let child): joined(child, separator: separator)
      case .text(let text): text
      }
    }.joined(separator: separator)
  }

  static func normalised(_ text: String) -> String {
    let lowered = text.lowercased().replacingOccurrences(of: "\u{2013}", with: "-")
    return lowered.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  func contains(_ phrase: String) -> Bool {
    let needle = Self.normalised(phrase)
    return variants.contains { $0.contains(needle) }
  }

  /// `5 min` (or `5 minutes`), not as the end of `15 min`.
  func mentionsMinutes(_ minutes: Int) -> Bool {
    let needle = "\(minutes) min"
    return variants.contains { text in
      var from = text.startIndex
      while let found = text.range(of: needle, range: from..<text.endIndex) {
        if found.lowerBound == text.startIndex || !text[text.index(before: found.lowerBound)].isNumber {
          return true
        }
        from = text.index(after: found.lowerBound)
      }
      return false
    }
  }
}
