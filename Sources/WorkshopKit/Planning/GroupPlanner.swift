/// Pairs and groups from the series' roster for every exercise step that works in pairs or
/// groups: the roster's fixed `pair:` where given, hand-made `groups:` where a program fixes
/// them, and otherwise groups of the exercise's size that mix organisations and vary who
/// sits with whom across the day and the series. Deterministic and balanced.
public enum GroupPlanner {
  /// One way the participants are split for a step or steps of an exercise.
  public struct Assignment: Sendable, Hashable {
    /// `pairs`, `groups of 3-5`: what the steps ask for.
    public var format: Exercise.Format
    public var size: MinuteRange
    public var groups: [[Participant]]
    /// Made by hand with `groups:` on the part, or from the roster's `pair:` labels.
    public var isFixed: Bool
    /// Of pairs from the roster's labels, how many were made on the day of people without one.
    public var pairedOnTheDay = 0

    /// The `pair:` label a pair of the day goes by, as the follow-up forms and tracker name
    /// it: the label two or more of them share (a trio goes by its pair's); nil for a pair
    /// made on the day, and for groups.
    public func pairLabel(_ group: [Participant]) -> String? {
      guard isFixed, format == .pairs else { return nil }
      var counts: [String: Int] = [:]
      for label in group.compactMap(\.pair) { counts[label, default: 0] += 1 }
      return counts.filter { $0.value > 1 }.keys.sorted().first
    }

    /// Each group's marker in a list: its number, or for pairs from the roster's labels the
    /// label ("A"), and "–" for a pair made on the day among them.
    public var markers: [String] {
      let labels = groups.map(pairLabel)
      guard labels.contains(where: { $0 != nil }) else { return groups.indices.map { String($0 + 1) } }
      return labels.map { $0 ?? "–" }
    }

    /// "Pairs", "Groups of 3-5" / "Makkerpar", "Grupper på 3-5": the split's heading on the
    /// run sheet and the slides.
    public func heading(_ language: Language) -> String {
      format == .pairs ? language(.pairsHeading) : language(.groupsOfHeading, size.description)
    }

    /// "2 pairs and a trio", "two groups of 4": what the split came to.
    public func summary(_ language: Language) -> String {
      let sizes = groups.map(\.count)
      var counts: [Int: Int] = [:]
      for size in sizes { counts[size, default: 0] += 1 }
      let parts = counts.keys.sorted(by: >).map { size -> String in
        let count = counts[size]!
        switch (language, size) {
        case (.da, 1): return count == 1 ? "én alene" : "\(count) alene"
        case (.en, 1): return count == 1 ? "one person alone" : "\(count) people alone"
        case (.da, 2): return count == 1 ? "ét par" : "\(count) par"
        case (.da, 3) where format == .pairs: return count == 1 ? "én trio" : "\(count) trioer"
        case (.da, _): return count == 1 ? "én gruppe på \(size)" : "\(count) grupper på \(size)"
        case (.en, 2): return count == 1 ? "one pair" : "\(count) pairs"
        case (.en, 3) where format == .pairs: return count == 1 ? "a trio" : "\(count) trios"
        case (.en, _): return count == 1 ? "one group of \(size)" : "\(count) groups of \(size)"
        }
      }
      return language.list(parts)
    }
  }

  /// The assignments of one exercise part, in the order its steps need them.
  public struct PartPlan: Sendable {
    public var activity: Activity
    public var assignments: [Assignment]
  }

  /// How often two people have sat together, across the day and the series so far.
  public struct History: Sendable {
    var together: [String: Int] = [:]

    public init() {}

    static func key(_ a: String, _ b: String) -> String { a < b ? a + "\u{1F}" + b : b + "\u{1F}" + a }
    func count(_ a: Participant, _ b: Participant) -> Int { together[Self.key(a.name, b.name)] ?? 0 }

    mutating func record(_ groups: [[Participant]]) {
      for group in groups {
        for (index, a) in group.enumerated() {
          for b in group[(index + 1)...] { together[Self.key(a.name, b.name), default: 0] += 1 }
        }
      }
    }
  }

  /// Plans every exercise of the program; `history` carries who sat together at earlier
  /// meetings and comes back with this one's groups added.
  public static func plan(_ schedule: Schedule, history: inout History) -> ([PartPlan], [Diagnostic]) {
    let program = schedule.program
    let absent = Set(program.absent.map(\.value))
    let present = program.participants.filter { !absent.contains($0.name) }
    var findings: [Diagnostic] = []
    // The same roster gives the same finding in every exercise that works in pairs: said
    // once, at the first, naming them all.
    var repeated = RepeatedFindings()
    var plans: [PartPlan] = []
    guard !present.isEmpty else { return ([], []) }
    for part in schedule.parts {
      guard let exercise = part.exercise else { continue }
      var assignments: [Assignment] = []
      let needs = needs(exercise)
      let handFormat = handMadeFormat(exercise)
      for (format, size, joinsPairs) in needs {
        let assignment: Assignment
        var fits: Bool?
        var joinedPairs: Int?
        let pairs = joinsPairs ? assignments.last { $0.format == .pairs } : nil
        if let hand = part.activity.groups, format == handFormat {
          let (groups, problems) = handMade(hand, roster: program.participants, present: present)
          findings += problems
          assignment = Assignment(format: format, size: size, groups: groups, isFixed: true)
        } else if format == .pairs, let (fixed, lone) = dayPairs(present) {
          let at = part.activity.exercise?.location ?? part.activity.location
          let named = NamedPart(title: part.activity.title, start: part.span.start)
          // The labelled pairs stay; two without a label work together, as the run sheet and
          // `groups` show: a roster often leaves some to be paired on the day, so that is no
          // finding. One left over is, said once for each group such people end up in.
          for group in fixed {
            let movers = lone.filter { group.contains($0) }
            guard !movers.isEmpty else { continue }
            let stayers = group.filter { !movers.contains($0) }
            var whys: [String] = []
            let labels = movers.compactMap(\.pair)
            if !labels.isEmpty {
              whys.append("nobody else there has " + Language.en.list(labels.map { "pair: \($0)" }, or: true))
            }
            for person in movers where person.pair == nil {
              whys.append(
                "\(person.name) has no \"pair\" label in series.yaml, and nobody else without one is left")
            }
            let unlabelled = movers.filter { $0.pair == nil }.map(\.name)
            repeated.add(
              at: at,
              whys.joined(separator: "; ") + ", so " + Language.en.list(movers.map(\.name))
                + (movers.count == 1 ? " joins " : " join ") + Language.en.list(stayers.map(\.name)), in: named,
              then: unlabelled.isEmpty
                ? "; to pair them otherwise, give the part a groups: list"
                : "; give \(Language.en.list(unlabelled)) a \"pair\" label, or the part a \"groups\" list")
          }
          // Only one there: nobody to pair with.
          if fixed.count == 1, let person = fixed[0].first, fixed[0].count == 1 {
            repeated.add(
              at: at, "only \(person.name) is there, so nobody works in a pair", in: named,
              then: "; check absent: in the program")
          }
          var fromLabels = Assignment(format: format, size: size, groups: fixed, isFixed: true)
          fromLabels.pairedOnTheDay = fixed.count { group in group.allSatisfy { $0.pair == nil } }
          assignment = fromLabels
        } else if let pairs, let joined = join(pairs.groups, size: size, history: history) {
          // "Two pairs join up": the groups are whole pairs of the step before.
          assignment = Assignment(format: format, size: size, groups: joined.groups, isFixed: false)
          fits = joined.fits
          joinedPairs = pairs.groups.count
        } else {
          let groups = split(
            present, size: size, history: history, byOrganisation: exercise.groupBy == .organisation)
          assignment = Assignment(format: format, size: size, groups: groups, isFixed: false)
        }
        // Fixed groups are the roster's or the program's choice; a split the kit makes says
        // when the numbers do not allow the size.
        if !assignment.isFixed, !(fits ?? assignment.groups.allSatisfy { size.contains($0.count) }) {
          // Whole pairs joining up may not make the size even where the people would.
          let cause =
            joinedPairs.map {
              "the \($0) pairs of the step before cannot make groups of \(size.description) without "
                + "splitting a pair"
            }
            ?? (present.count == 1 ? "1 person cannot work " : "\(present.count) people cannot all work ")
            + (format == .pairs ? "in pairs" : "in groups of \(size.description)")
          repeated.add(
            at: part.activity.exercise?.location ?? part.activity.location, cause,
            in: NamedPart(title: part.activity.title, start: part.span.start),
            then: ": \(assignment.summary(.en))"
              + (joinedPairs == nil ? "" : "; give the part a groups: list to split one"))
        }
        history.record(assignment.groups)
        assignments.append(assignment)
      }
      if !assignments.isEmpty { plans.append(PartPlan(activity: part.activity, assignments: assignments)) }
    }
    return (plans, findings + repeated.diagnostics)
  }

  /// An exercise part as a finding names it: its title, and its time where two parts of
  /// the finding share a title.
  struct NamedPart: Equatable {
    var title: String
    var start: ClockTime
  }

  /// Group-size findings that come out the same for several exercises, each said once at
  /// the first: "… in "A" and "B"; advice".
  struct RepeatedFindings {
    private var findings: [(at: SourceLocation, lead: String, parts: [NamedPart], then: String)] = []

    mutating func add(at: SourceLocation, _ lead: String, in part: NamedPart, then: String) {
      if let index = findings.firstIndex(where: { $0.lead == lead && $0.then == then }) {
        if !findings[index].parts.contains(part) { findings[index].parts.append(part) }
      } else {
        findings.append((at, lead, [part], then))
      }
    }

    var diagnostics: [Diagnostic] {
      findings.map { finding in
        let shared = Set(finding.parts.map(\.title)).count < finding.parts.count
        let titles = finding.parts.map { "\"\($0.title)\"" + (shared ? " (\($0.start.text))" : "") }
        guard titles.count > 1 else {
          return Diagnostic(.groupSize, at: finding.at, "\(finding.lead) in \(titles[0])\(finding.then)")
        }
        let named = Language.en.list(titles)
        // The advice, for several parts: each of them gets its list.
        let then = finding.then.replacingFirst("the part a groups: list", with: "each of those parts a groups: list")
        return Diagnostic(.groupSize, at: finding.at, "\(finding.lead) in \(named)\(then)")
      }
    }
  }

  /// The distinct pair and group configurations the exercise's steps work in, in order;
  /// `joinsPairs` when the first step in groups of that size comes straight after a step
  /// in pairs, as in "two pairs join up".
  static func needs(_ exercise: Exercise) -> [(format: Exercise.Format, size: MinuteRange, joinsPairs: Bool)] {
    var needs: [(format: Exercise.Format, size: MinuteRange, joinsPairs: Bool)] = []
    var previous: Exercise.Format?
    for step in exercise.steps where step.kind != .section {
      let format = step.format ?? exercise.format
      defer { previous = format }
      let sizeText = step.groupSize ?? exercise.groupSize
      let size: MinuteRange
      switch format {
      case .pairs: size = MinuteRange(2, 2)
      case .groups: size = sizeText.flatMap(MinuteRange.init(parsing:)) ?? MinuteRange(3, 5)
      case .individual, .plenary: continue
      }
      if !needs.contains(where: { $0.format == format && $0.size == size }) {
        needs.append((format, size, format == .groups && previous == .pairs))
      }
    }
    return needs
  }

  /// Groups made of whole pairs (a trio counts as one), so no pair is split when pairs
  /// join up, as the exercises ask ("make a trio rather than split a pair"). The number of
  /// groups is chosen as `groupCount` chooses it, no pair left on its own: among
  /// those whose groups all fit the range, nearest its middle; when none fits (nine pairs
  /// into groups of 3-4), the one whose groups stray least, and `fits` is false for the
  /// check to report. A trio's third person was settled at the pair step, so a group may
  /// be one larger for each trio in it (a trio and a pair are a group of four's worth).
  /// Pairs of the same size are swapped between groups while that mixes organisations and
  /// people who have met less.
  static func join(_ pairs: [[Participant]], size: MinuteRange, history: History)
    -> (groups: [[Participant]], fits: Bool)?
  {
    let people = pairs.reduce(0) { $0 + $1.count }
    guard people > 0 else { return nil }
    let units = pairs.enumerated().sorted { ($0.element.count, $1.offset) > ($1.element.count, $0.offset) }.map(
      \.element)
    /// Largest pair first into the smallest group: the most even split for `count` groups.
    func deal(_ count: Int) -> [[[Participant]]] {
      var groups = Array(repeating: [[Participant]](), count: count)
      var people = Array(repeating: 0, count: count)
      for unit in units {
        let smallest = people.indices.min { (people[$0], $0) < (people[$1], $1) }!
        groups[smallest].append(unit)
        people[smallest] += unit.count
      }
      return groups
    }
    let target = Double(size.lowerBound + size.upperBound) / 2
    // A pair left on its own has not joined up: no group is one pair smaller than the
    // range (a trio may be a group of three on its own).
    let dealt = (1...units.count).map(deal).filter { groups in
      groups.allSatisfy { $0.count > 1 || $0.joined().count >= size.lowerBound }
    }
    let sizes = dealt.map { $0.map { $0.joined().count } }
    /// How far outside the range a group is, with one more allowed per trio.
    func outside(_ group: [[Participant]]) -> Int {
      let count = group.reduce(0) { $0 + $1.count }
      let extra = group.reduce(0) { $0 + max(0, $1.count - 2) }
      return Self.outside(count, MinuteRange(size.lowerBound, size.upperBound + extra))
    }
    let fitting = dealt.indices.filter { dealt[$0].allSatisfy { outside($0) == 0 } }
    let nearest = fitting.min {
      let (a, b) = (
        abs(Double(people) / Double(sizes[$0].count) - target), abs(Double(people) / Double(sizes[$1].count) - target)
      )
      return a != b ? a < b : sizes[$0].count > sizes[$1].count
    }
    func stray(_ index: Int) -> (worst: Int, total: Int, count: Int) {
      let outside = dealt[index].map(outside)
      return (outside.max() ?? 0, outside.reduce(0, +), sizes[index].count)
    }
    guard let index = nearest ?? sizes.indices.min(by: { stray($0) < stray($1) }) else { return nil }
    let groups = improve(dealt[index], history: history)
    let joined = groups.map { Array($0.joined()).sorted { $0.name < $1.name } }
      .sorted { ($0.first?.name ?? "") < ($1.first?.name ?? "") }
    return (joined, nearest != nil)
  }

  /// The pairs of the day, when anyone present has a `pair:` label (`fixedPairs`), with
  /// who was moved: someone whose partner is not there, or the one left without a label,
  /// works with another such person, else joins the smallest pair as a trio rather than
  /// work alone; a trio is made of a pair already made up on the day before an intact one.
  /// The follow-up forms are handed to these pairs (`FollowUpForm.respondents`).
  public static func dayPairs(_ present: [Participant]) -> (pairs: [[Participant]], moved: [Participant])? {
    guard var fixed = fixedPairs(present) else { return nil }
    var lone: [Participant] = []
    while fixed.count > 1, let index = fixed.firstIndex(where: { $0.count == 1 }) {
      let person = fixed.remove(at: index)[0]
      func rank(_ group: Int) -> (Int, Int, Int) {
        (fixed[group].count, fixed[group].contains(where: lone.contains) ? 0 : 1, group)
      }
      let joined = fixed.indices.min { rank($0) < rank($1) }!
      fixed[joined].append(person)
      lone.append(person)
    }
    return (fixed, lone)
  }

  /// The roster's `pair:` labels, when anyone present has one: a pair per label, then those
  /// present without one two by two in roster order (the last alone, when they are odd).
  static func fixedPairs(_ present: [Participant]) -> [[Participant]]? {
    guard present.contains(where: { $0.pair != nil }) else { return nil }
    var order: [String] = []
    var groups: [String: [Participant]] = [:]
    var unlabelled: [Participant] = []
    for person in present {
      guard let label = person.pair else {
        unlabelled.append(person)
        continue
      }
      if groups[label] == nil { order.append(label) }
      groups[label, default: []].append(person)
    }
    let twoByTwo = stride(from: 0, to: unlabelled.count, by: 2).map {
      Array(unlabelled[$0..<min($0 + 2, unlabelled.count)])
    }
    return order.map { groups[$0]! } + twoByTwo
  }

  /// Hand-made groups, checked: unknown names, someone in two groups, someone missing.
  /// What a part's hand-made `groups:` list makes of an exercise: its groups, or its pairs
  /// when it works in pairs only. With steps in pairs as well as groups, the pairs still come
  /// from the roster.
  public static func handMadeFormat(_ exercise: Exercise) -> Exercise.Format? {
    let needs = needs(exercise)
    return needs.contains { $0.format == .groups } ? .groups : needs.first?.format
  }

  static func handMade(_ hand: Located<[[Located<String>]]>, roster: [Participant], present: [Participant])
    -> ([[Participant]], [Diagnostic])
  {
    var findings: [Diagnostic] = []
    var seen: [String: SourceLocation] = [:]
    // Names a misspelt one was taken for: they are in a group, only spelt wrong there.
    var meant: Set<String> = []
    var groups: [[Participant]] = []
    for names in hand.value {
      var group: [Participant] = []
      for name in names {
        guard let person = roster.first(where: { $0.name == name.value }) else {
          // "Anna og Bo" as one item: two people, each to be an item of their own.
          if let several = Self.severalNames(name.value, roster: roster) {
            meant.formUnion(several)
            findings.append(
              Diagnostic(
                .groups, at: name.location,
                "\"\(name.value)\" names \(several.count) people; write each as an item of its own: "
                  + "[\(several.joined(separator: ", "))]"))
            continue
          }
          let suggested = Suggestion.person(for: name.value, in: roster.map(\.name))
          if let suggested { meant.insert(suggested) }
          findings.append(
            Diagnostic(
              .groups, at: name.location,
              "\"\(name.value)\" is not on the roster in series.yaml"
                + (suggested.map { "; did you mean \"\($0)\"?" } ?? "")))
          continue
        }
        if let first = seen[name.value] {
          findings.append(
            Diagnostic(
              .groups, at: name.location,
              "\"\(name.value)\" is already in a group (line \(first.line)); put each person in one group"))
          continue
        }
        seen[name.value] = name.location
        guard present.contains(person) else {
          findings.append(
            Diagnostic(
              .groups, at: name.location,
              "\"\(name.value)\" is in \"absent\" but in a group; take them out of the group, or out of \"absent\""))
          continue
        }
        group.append(person)
      }
      if !group.isEmpty { groups.append(group) }
    }
    let missing = present.filter { seen[$0.name] == nil && !meant.contains($0.name) }.map(\.name)
    if !missing.isEmpty {
      findings.append(
        Diagnostic(
          .groups, at: hand.location,
          "the groups leave out \(missing.joined(separator: ", ")); add them to a group or to \"absent\""))
    }
    return (groups, findings)
  }

  /// The roster's names in a text that joins them ("Anna Holm og Bo Berg", "Anna Holm &
  /// Bo Berg", "Anna Holm, Bo Berg"), when it is nothing else; nil otherwise.
  static func severalNames(_ text: String, roster: [Participant]) -> [String]? {
    var parts = [text]
    for separator in [",", " og ", " and ", " & ", " + "] {
      parts = parts.flatMap { $0.components(separatedBy: separator) }
    }
    let names = parts.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    guard names.count > 1, names.allSatisfy({ name in roster.contains { $0.name == name } }) else { return nil }
    return names
  }

  /// Balanced groups within `size` (or as near as the numbers allow), dealt so that
  /// organisations mix, then improved by swaps that lower how often people have met. With
  /// `byOrganisation` (`group-by: organisation`), people of one organisation are dealt into
  /// the same group instead, and kept together by the swaps.
  static func split(
    _ present: [Participant], size: MinuteRange, history: History, byOrganisation together: Bool = false
  )
    -> [[Participant]]
  {
    let count = groupCount(present.count, size: size)
    guard count > 0 else { return [] }
    // Largest organisations first, dealt one per group in turn.
    var byOrganisation: [String: [Participant]] = [:]
    for person in present { byOrganisation[person.organisation ?? "", default: []].append(person) }
    let dealing = byOrganisation.keys.sorted {
      let (a, b) = (byOrganisation[$0]!.count, byOrganisation[$1]!.count)
      return a != b ? a > b : $0 < $1
    }.flatMap { byOrganisation[$0]!.sorted { $0.name < $1.name } }
    let capacity = (0..<count).map { present.count / count + ($0 < present.count % count ? 1 : 0) }
    var groups = Array(repeating: [[Participant]](), count: count)
    var next = 0
    for person in dealing {
      while groups[next].count >= capacity[next] { next = (next + 1) % count }
      groups[next].append([person])
      // Mixed, one a group in turn; together, a group filled before the next.
      if !together || groups[next].count >= capacity[next] { next = (next + 1) % count }
    }
    return improve(groups, history: history, together: together).map { Array($0.joined()).sorted { $0.name < $1.name } }
      .sorted { ($0.first?.name ?? "") < ($1.first?.name ?? "") }
  }

  /// Swaps of same-sized units (people, or whole pairs) between groups while they lower the
  /// cost: people of one organisation together (of different ones, `together`), and people
  /// who have met before. Bounded and deterministic; group sizes stay as they are.
  static func improve(_ groups: [[[Participant]]], history: History, together: Bool = false) -> [[[Participant]]] {
    var groups = groups
    func cost(_ group: [[Participant]]) -> Int {
      let people = Array(group.joined())
      var total = 0
      for (index, a) in people.enumerated() {
        for b in people[(index + 1)...] {
          let same = a.organisation != nil && a.organisation == b.organisation
          if same != together { total += 10 }
          total += 3 * history.count(a, b)
        }
      }
      return total
    }
    for _ in 0..<20 {
      var improved = false
      for g in groups.indices {
        for h in groups.indices where h > g {
          for i in groups[g].indices {
            for j in groups[h].indices where groups[g][i].count == groups[h][j].count {
              var a = groups[g]
              var b = groups[h]
              (a[i], b[j]) = (b[j], a[i])
              if cost(a) + cost(b) < cost(groups[g]) + cost(groups[h]) {
                groups[g] = a
                groups[h] = b
                improved = true
              }
            }
          }
        }
      }
      if !improved { break }
    }
    return groups
  }

  /// How many groups: every size inside the range when possible, as near the middle of it
  /// as can be; otherwise as many as the middle size gives.
  static func groupCount(_ people: Int, size: MinuteRange) -> Int {
    guard people > 0 else { return 0 }
    let target = Double(size.lowerBound + size.upperBound) / 2
    let fitting = (1...people).filter { count in
      let small = people / count
      let large = small + (people % count == 0 ? 0 : 1)
      return small >= size.lowerBound && large <= size.upperBound
    }
    // Nearest the middle of the range; on a tie, more and smaller groups.
    if let best = fitting.min(by: {
      let (a, b) = (abs(Double(people) / Double($0) - target), abs(Double(people) / Double($1) - target))
      return a != b ? a < b : $0 > $1
    }) {
      return best
    }
    // None fits: a group one over the size can still do what the exercise asks (a fourth
    // in a triad observes too), one under may not (a pair is no triad): one over when that
    // makes every group, as few over as can be, so 11 in groups of 3 makes 4, 4 and 3, and
    // 7 in pairs 2, 2 and 3.
    let oneOver = (1...people).filter { count in
      let small = people / count
      let large = small + (people % count == 0 ? 0 : 1)
      return small >= size.lowerBound && large <= size.upperBound + 1
    }
    if let best = oneOver.min(by: { a, b in
      func over(_ count: Int) -> Int { people / count >= size.upperBound ? people - count * size.upperBound : 0 }
      return over(a) != over(b) ? over(a) < over(b) : a > b
    }) {
      return best
    }
    // Else the count whose groups stray least from the range, then fewest groups: 6 in
    // groups of 4 makes 3 and 3, 5 in groups of 3 makes 3 and 2.
    func stray(_ count: Int) -> (worst: Int, total: Int, count: Int) {
      let small = people / count
      let largeGroups = people % count
      let large = small + (largeGroups == 0 ? 0 : 1)
      let worst = max(outside(small, size), largeGroups > 0 ? outside(large, size) : 0)
      return (worst, (count - largeGroups) * outside(small, size) + largeGroups * outside(large, size), count)
    }
    return (1...people).min { stray($0) < stray($1) } ?? 1
  }

  static func outside(_ value: Int, _ range: MinuteRange) -> Int {
    value < range.lowerBound ? range.lowerBound - value : max(0, value - range.upperBound)
  }
}
