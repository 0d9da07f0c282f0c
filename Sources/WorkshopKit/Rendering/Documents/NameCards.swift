/// Folded tent cards (`namecards.xhtml`), one per participant: two on an A4 sheet, each
/// cut along the solid line and folded along the dashed one, so it stands on the table
/// with the name readable from both sides: the upper side is printed upside down. The name
/// is large, the organisation smaller. No card for those who sent apologies (`absent:`).
public enum NameCards {
  public static func render(_ input: KitInput) -> XHTMLDocument {
    let program = input.program
    let language = program.language
    let (document, body) = DocumentFrame.meetingDocument(input, kind: language(.nameCards), bodyClass: "namecards")
    body.element("p", ["class": "screen-only muted"], text: language(.nameCardsHowTo))
    guard !program.participants.isEmpty else {
      body.element("p", text: language(.noRoster))
      return document
    }
    let absent = Set(program.absent.map(\.value))
    let people = program.participants.filter { !absent.contains($0.name) }
    var sheet: XHTMLElement?
    for (index, person) in people.enumerated() {
      if index % 2 == 0 { sheet = body.element("div", ["class": "tent-sheet"]) }
      guard let sheet else { continue }
      let tent = sheet.element("div", ["class": "tent"])
      // The side facing away once folded: the same card, turned, hidden from screen readers.
      side(person, flipped: true, into: tent)
      side(person, flipped: false, into: tent)
    }
    return document
  }

  static func side(_ person: Participant, flipped: Bool, into tent: XHTMLElement) {
    let side = tent.element("div", ["class": flipped ? "side flipped" : "side"])
    if flipped { side.setAttribute("aria-hidden", "true") }
    side.element("p", ["class": "person"], text: person.name)
    if let organisation = person.organisation { side.element("p", ["class": "organisation"], text: organisation) }
  }
}
