/// The exercises' reference cards to cut out (`cards.xhtml`): the four dimensions, the
/// partnership types and the like, as many copies as the run sheet's materials list asks
/// for (one per pair or group from the groups the kit plans), each inside a dashed line.
public enum CardSheet {
  public static func render(_ input: KitInput) -> XHTMLDocument {
    let program = input.program
    let language = program.language
    let (document, body) = DocumentFrame.meetingDocument(input, kind: language(.cutOutCards), bodyClass: "card-sheet")
    let cards = MaterialNeed.collect(input).filter(\.isCard)
    guard !cards.isEmpty else {
      body.element("p", text: language(.noCards))
      return document
    }
    body.element("p", ["class": "muted"], text: language(.cardsHowTo))
    // One run per exercise, however many times it is used: as many as its largest use.
    var printed: [String] = []
    for need in cards {
      for use in need.uses {
        guard let exercise = use.cardOf, !printed.contains(exercise.id) else { continue }
        printed.append(exercise.id)
        let copies = need.uses.filter { $0.cardOf?.id == exercise.id }.compactMap(\.quantity).max() ?? 1
        let section = body.element("section", ["class": "cards-for"])
        if case let written = exercise.writtenIn, written != language { section.setLanguage(written.rawValue) }
        section.element("h2", text: exercise.title)
        var facts = [language(.copies, copies)]
        if let amount = use.amount { facts.append(amount) }
        section.element("p", ["class": "muted"], text: facts.joined(separator: " · "))
        for copy in 1...copies {
          let card = section.element("div", ["class": "cut-card"])
          if copy > 1 { card.setAttribute("aria-hidden", "true") }
          ReferenceCards.render(exercise, language: language, heading: "p", into: card)
        }
      }
    }
    return document
  }
}
