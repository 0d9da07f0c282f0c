/// One line of the materials checklist.
struct MaterialNeed {
  struct Use {
    var exercise: String
    /// The exercise whose reference is printed on the card, for a card.
    var cardOf: Exercise?
    /// "4 grupper", "8 deltagere"; nil for a thing the room needs once.
    var amount: String?
    var quantity: Int?
    /// How many times the exercise is run with this amount: a second run is named, so the
    /// facilitator can judge whether it needs its own (a new sheet for a new map).
    var times = 1
  }

  var item: String
  var isCard: Bool
  var uses: [Use]
  /// The language of the item's text: its exercise's, or nil for one the kit words itself
  /// (the card of an exercise's reference).
  var writtenIn: Language? = nil

  /// The most any one exercise needs: things are used one exercise at a time.
  var quantity: Int? { uses.compactMap(\.quantity).max() }

  /// Every exercise's materials in order of first use; the same item (ignoring case) once.
  static func collect(_ input: KitInput) -> [MaterialNeed] {
    let program = input.program
    let language = program.language
    let absent = Set(program.absent.map(\.value))
    let present = program.participants.filter { !absent.contains($0.name) }.count
    var needs: [MaterialNeed] = []
    for part in input.schedule.parts {
      guard let exercise = part.exercise else { continue }
      let assignments = input.groups(for: part.activity)
      var materials = exercise.materials
      // Every reference card the kit prints is on the list, declared or not, one per pair
      // or group.
      if exercise.hasCutOutCard, !materials.contains(where: \.isCard) {
        let title = exercise.referenceTitle ?? exercise.title
        materials.append(Material(item: language(.cardOf, title), per: .card(for: exercise.format), isCard: true))
      }
      let declared = exercise.materials.count
      for (index, material) in materials.enumerated() {
        let units: Int?
        switch material.per {
        case .room: units = 1
        case .participant: units = present > 0 ? present : nil
        case .pair:
          units =
            (assignments.first { $0.format == .pairs } ?? assignments.first)?.groups.count
            ?? (present > 0 ? (present + 1) / 2 : nil)
        case .group: units = (assignments.first { $0.format != .pairs } ?? assignments.first)?.groups.count
        }
        var use = Use(
          exercise: exercise.title, cardOf: material.isCard ? exercise : nil, amount: nil,
          quantity: units.map { $0 * material.count })
        if material.per != .room {
          use.amount =
            units.map { language(material.per.countLabel, $0) } ?? language(material.per.eachLabel, material.count)
        } else if material.count == 1, !material.isCard {
          use.quantity = nil
        }
        let key = material.item.lowercased()
        if let index = needs.firstIndex(where: { $0.item.lowercased() == key }) {
          if let same = needs[index].uses.firstIndex(where: { $0.exercise == use.exercise && $0.amount == use.amount })
          {
            needs[index].uses[same].times += 1
          } else {
            needs[index].uses.append(use)
          }
          needs[index].isCard = needs[index].isCard || material.isCard
        } else {
          needs.append(
            MaterialNeed(
              item: material.item, isCard: material.isCard, uses: [use],
              writtenIn: index < declared ? exercise.writtenIn : nil))
        }
      }
    }
    return needs
  }
}

extension Material.Per {
  /// "4 grupper", "8 deltagere".
  var countLabel: Label {
    switch self {
    case .room, .participant: .participantCount
    case .pair: .pairCount
    case .group: .groupCount
    }
  }

  /// "2 pr. gruppe", when the roster cannot tell how many (the material's `count` each).
  var eachLabel: Label {
    switch self {
    case .room, .participant: .perParticipant
    case .pair: .perPair
    case .group: .perGroup
    }
  }
}
