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
  /// the link shows the answers rather than asking for them. `exerciseTitle`: the follow-up
  /// exercise's; nil for a meeting without one, whose links open its evaluation.
  public static func render(_ program: Program, exerciseTitle: String?, slips: [Slip], closed: Bool = false)
    -> XHTMLDocument
  {
    let language = program.language
    let document = DocumentFrame.make(
      title: "\(program.title) – \(language(.linkSlips))", runningTitle: program.runningTitle(), language: language)
    let body = DocumentFrame.main(of: document)
    body.element("h1", text: language(.linkSlips))
    body.element(
      "p", ["class": "muted"],
      text: [program.title, program.meetingText(), program.datesText()].compactMap { $0 }
        .joined(separator: " · "))
    for slip in slips {
      let card = body.element("div", ["class": "card slip"])
      let text = card.element("div")
      text.element("p", ["class": "term"], text: slip.name + (slip.organisation.map { ", \($0)" } ?? ""))
      if let exerciseTitle {
        text.element("p", text: "\(exerciseTitle). \(language(.yourLink))")
      } else {
        text.element("p", text: "\(language(.evaluation)). \(language(.yourEvaluationLink))")
      }
      text.element("p", ["class": "link"]).element("a", ["href": slip.url], text: slip.url)
      if exerciseTitle != nil, let next = program.nextMeeting {
        text.element(
          "p", ["class": "muted"],
          text: program.meetingLabel(closed ? .followUpClosed : .followUpDue, DateText.long(next.value, language)))
      }
      // The same link to scan with a phone, rather than type 70 characters.
      if let code = QRCode(slip.url) { qr(code, label: language(.scanTheLink), into: card) }
    }
    return document
  }

  /// The code as inline SVG: one path of its dark modules, each row's runs merged, inside
  /// the four-module quiet zone the standard asks for.
  static func qr(_ code: QRCode, label: String, into parent: XHTMLElement) {
    let side = code.size + 8
    let svg = parent.svg(
      ["class": "qr", "viewBox": "0 0 \(side) \(side)", "role": "img", "shape-rendering": "crispEdges"])
    svg.element("title", text: label)
    svg.element("rect", ["width": "\(side)", "height": "\(side)", "fill": "#fff"])
    var path = ""
    for (row, modules) in code.modules.enumerated() {
      var column = 0
      while column < modules.count {
        guard modules[column] else {
          column += 1
          continue
        }
        var end = column
        while end < modules.count, modules[end] { end += 1 }
        path += "M\(column + 4) \(row + 4)h\(end - column)v1h-\(end - column)z"
        column = end
      }
    }
    svg.element("path", ["d": path, "fill": "#000"])
  }
}
