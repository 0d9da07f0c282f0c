/// A reusable exercise from the exercise library (`exercises/<id>.yaml`).
public struct Exercise: Sendable, Hashable {
  public enum Format: String, Sendable, Hashable, CaseIterable {
    case plenary, groups, pairs, individual
  }

  /// How the kit makes its groups (not pairs from the roster, nor hand-made groups):
  /// organisations mixed in each group, or people of one organisation together where the
  /// numbers allow (`group-by: organisation`, for an exercise about their own place).
  public enum Grouping: String, Sendable, Hashable, CaseIterable {
    case mixed, organisation
  }

  public var id: String
  public var file: String
  public var title: String
  /// As the file gives it; nil when it gives none (see `writtenIn`).
  public var language: Language?
  /// The language its texts are written in: its `language`, or Danish, the documented
  /// default, whatever the program's language.
  public var writtenIn: Language { language ?? .da }
  public var format: Format
  public var groupSize: String?
  public var groupBy: Grouping = .mixed
  /// The range of minutes the exercise can run in.
  public var minutes: Located<MinuteRange>
  public var purpose: String?
  /// What the facilitator says to open it (run sheet only).
  public var invitation: String?
  public var setup: String?
  public var materials: [Material]
  public var steps: [Step]
  public var referenceTitle: String?
  public var reference: [ReferenceTerm]
  /// Whether the handout gets a worksheet page with writing space per question.
  public var worksheet: Bool
  /// Whether its questions become the follow-up form for the next meeting.
  public var followUp: Bool
  public var scale: Scale?
  public var source: String?
  /// Tips for the facilitator about the whole method (run sheet only).
  public var notes: [String] = []
  /// Things to do before the session; they join the day's checklist.
  public var prepare: [String] = []
  /// Other ways to run it (run sheet only).
  public var variations: [String] = []
  /// What a follow-up form asks before the next meeting about what was done, after the plan
  /// made on the day (the exercise's questions). Only on a follow-up exercise.
  public var report: Report?

  public enum Report: Sendable, Hashable {
    /// `report: true`: "Hvad gjorde I?", "Hvad skete der?", "Hvad tager I med?" or the English.
    case standard
    case questions([String])
  }

  /// The report questions in the language the form is printed in.
  public func reportQuestions(_ language: Language) -> [String] {
    switch report {
    case nil: []
    case .standard: [Label.reportDid, .reportHappened, .reportTakeAway].map { language($0) }
    case .questions(let questions): questions
    }
  }

  public init(
    id: String, file: String, title: String, language: Language? = nil, format: Format,
    groupSize: String? = nil, minutes: Located<MinuteRange>, purpose: String? = nil,
    invitation: String? = nil, setup: String? = nil, materials: [Material] = [], steps: [Step],
    referenceTitle: String? = nil, reference: [ReferenceTerm] = [], worksheet: Bool = true,
    followUp: Bool = false, scale: Scale? = nil, source: String? = nil
  ) {
    self.id = id
    self.file = file
    self.title = title
    self.language = language
    self.format = format
    self.groupSize = groupSize
    self.minutes = minutes
    self.purpose = purpose
    self.invitation = invitation
    self.setup = setup
    self.materials = materials
    self.steps = steps
    self.referenceTitle = referenceTitle
    self.reference = reference
    self.worksheet = worksheet
    self.followUp = followUp
    self.scale = scale
    self.source = source
  }

  /// The questions participants answer, in order.
  public var questions: [Step] { steps.filter { $0.kind == .ask } }

  /// Whether any step sets its own group work, so the configuration changes step by step.
  public var hasStepFormats: Bool { steps.contains { $0.format != nil || $0.groupSize != nil } }

  /// Whether the kit prints its reference to cut out (`cards.xhtml`): a declared `card:`
  /// material, or a reference for pair and group work; alone or in plenary, the handout's
  /// worksheet has the reference for everyone.
  public var hasCutOutCard: Bool {
    materials.contains(where: \.isCard)
      || !reference.isEmpty && (format == .pairs || format == .groups || !worksheet)
  }
}

/// One step of an exercise: a question to participants, an instruction, or the heading of
/// a section of the steps that follow ("HVEM? Guldet i nabolaget"), which takes no time.
public struct Step: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable {
    case ask
    case `do`
    case section
  }

  public var kind: Kind
  public var text: String
  /// Minutes of one round (of the step, when it has one round).
  public var minutes: Located<Int>?
  /// Facilitator-only hint, e.g. what rotates between rounds.
  public var note: String?
  public var location: SourceLocation
  /// The step's own group work; nil takes the exercise's.
  public var format: Exercise.Format?
  public var groupSize: String?
  /// How many times the step runs, each round `minutes` long.
  public var rounds = 1
  /// Sub-questions printed under the step: a, b, c …
  public var asks: [String] = []
  /// The first to go when the exercise must run short.
  public var optional = false

  /// Whether the text brings its own number ("1. HVEM? Guldet i nabolaget"): the kit then
  /// adds none, so numbers never clash.
  public var isNumberedByAuthor: Bool {
    let digits = text.prefix { $0.isASCIIDigit }
    guard !digits.isEmpty, digits.count <= 3 else { return false }
    let rest = text.dropFirst(digits.count)
    return (rest.hasPrefix(". ") || rest.hasPrefix(") "))
  }

  /// Minutes the step takes in all its rounds, when timed; a section heading takes none.
  public var totalMinutes: Int? { kind == .section ? 0 : minutes.map { $0.value * rounds } }

  /// Whether the step shares what is left of the exercise's time: timed by nobody, and
  /// neither a heading nor the optional step that may get none.
  public var sharesTimeLeft: Bool { totalMinutes == nil && !optional }

  /// `items` without the section headings left with no step under them, once steps were
  /// dropped (an optional step with no time): a heading goes with its steps.
  static func droppingEmptySections<Item>(_ items: [Item], step: (Item) -> Step) -> [Item] {
    items.indices.compactMap { index in
      let next = items.indices.contains(index + 1) ? step(items[index + 1]) : nil
      return step(items[index]).kind == .section && (next == nil || next?.kind == .section) ? nil : items[index]
    }
  }

  public init(
    kind: Kind, text: String, minutes: Located<Int>? = nil, note: String? = nil,
    location: SourceLocation
  ) {
    self.kind = kind
    self.text = text
    self.minutes = minutes
    self.note = note
    self.location = location
  }
}

/// A thing the room needs for an exercise: `Post-its`, or with how many —
/// `{item: Flipoverpapir og tusser, per: group}` — so the run sheet can count it from the
/// roster and the groups.
public struct Material: Sendable, Hashable {
  public enum Per: String, Sendable, Hashable, CaseIterable {
    case room, participant, pair, group

    /// How many of an exercise's reference card: one per pair or group that works with it,
    /// one each alone, one for the room in plenary.
    static func card(for format: Exercise.Format?) -> Per {
      switch format {
      case .pairs: .pair
      case .groups: .group
      case .individual: .participant
      case .plenary, nil: .room
      }
    }
  }

  public var item: String
  public var per: Per
  public var count: Int
  /// The exercise's own reference card, which the kit prints.
  public var isCard: Bool

  public init(item: String, per: Per = .room, count: Int = 1, isCard: Bool = false) {
    self.item = item
    self.per = per
    self.count = count
    self.isCard = isCard
  }
}

/// A term with its explanation, printed as a reference card (e.g. the four dimensions).
public struct ReferenceTerm: Sendable, Hashable {
  public var term: String
  public var explanation: String

  public init(term: String, explanation: String) {
    self.term = term
    self.explanation = explanation
  }
}

/// Ordered stages for the follow-up tracker, e.g. Glance … Divorce.
public struct Scale: Sendable, Hashable {
  public var label: String
  public var stages: [String]

  public init(label: String, stages: [String]) {
    self.label = label
    self.stages = stages
  }
}
