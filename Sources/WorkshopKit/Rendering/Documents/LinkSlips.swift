/// A printable page of slips, one per participant, with their personal link to the
/// meeting's follow-up form: cut them apart and hand them out with the handout.
public enum LinkSlips {
  public struct Slip: Sendable {
    public var name: String
    public var organisation: String?
    public var url: String

    public init(name: String, organisation: String? = nil, url: String) {
      self.name = name
      self.organisation = organisation
      self.url = url
    }
  }

  /// `closed`: the form has already closed (the next meeting has begun), so the slips say
  /// the link shows the answers rather than asking for them.
  public static func render(_ program: Program, exerciseTitle: String, slips: [Slip], closed: Bool = false)
    -> XHTMLDocument
  {
    let language = program.language
    let document = DocumentFrame.make(
      title: "\(program.title) – \(language(.linkSlips))", runningTitle: program.runningTitle(), language: language)
    let body = document.body
    body.element("h1", text: language(.linkSlips))
    body.element(
      "p", ["class": "muted"],
      text: [program.title, program.meetingText(), DateText.long(program.date.value, language)].compactMap { $0 }
        .joined(separator: " · "))
    for slip in slips {
      let card = body.element("div", ["class": "card slip"])
      card.element("p", ["class": "term"], text: slip.name + (slip.organisation.map { ", \($0)" } ?? ""))
      card.element("p", text: "\(exerciseTitle). \(language(.yourLink))")
      card.element("p").element("a", ["href": slip.url], text: slip.url)
      if let next = program.nextMeeting {
        card.element(
          "p", ["class": "muted"],
          text: language(closed ? .followUpClosed : .followUpDue, DateText.long(next.value, language)))
      }
    }
    return document
  }
}
