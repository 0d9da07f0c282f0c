extension XHTMLDocument {
  /// A document in the kit's frame: the language, a title, and the print stylesheet with a
  /// running title, for pages rendered outside the kit (the follow-up server's pages).
  public static func kitDocument(title: String, runningTitle: String, language: Language) -> XHTMLDocument {
    DocumentFrame.make(title: title, runningTitle: runningTitle, language: language)
  }
}

/// The frame every kit document shares: XHTML with the program's language, a title, and
/// the print stylesheet with a running title.
enum DocumentFrame {
  static func make(title: String, runningTitle: String, language: Language) -> XHTMLDocument {
    let document = XHTMLDocument(language: language.rawValue, title: title)
    for element in headElements(runningTitle: runningTitle, language: language) {
      let attributes = element.attributes
      let added = document.head.element(element.name, text: element.text)
      for (key, value) in attributes { added.setAttribute(key, value) }
    }
    return document
  }

  /// What every document's head holds after its charset and title.
  static func headElements(runningTitle: String, language: Language)
    -> [(name: String, attributes: [(String, String)], text: String?)]
  {
    [
      ("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")], nil),
      ("meta", [("name", "generator"), ("content", "WorkshopKit")], nil),
      ("style", [], Stylesheet.css(runningTitle: runningTitle, pageLabel: language(.page))),
    ]
  }
}

extension Program {
  /// "2. møde" / "Meeting 2", when the program has a number.
  public func meetingText() -> String? {
    meeting.map { language(.meetingNumber, $0) }
  }

  /// "Civilsamfundet … · 2. møde · torsdag den 18. april 2013" for running heads.
  public func runningTitle() -> String {
    [title, meetingText(), DateText.long(date.value, language)].compactMap { $0 }.joined(separator: " · ")
  }
}

extension Exercise.Format {
  func text(groupSize: String?, _ language: Language) -> String {
    switch self {
    case .groups: groupSize.map { language(.groupsOf, $0) } ?? language(.groupsOf, "3-5")
    case .pairs: language(.inPairs)
    case .individual: language(.individually)
    case .plenary: language(.inPlenary)
    }
  }
}

extension Activity {
  /// The row text of the day's program: "Partnerskaber, oplæg ved Stig Grøntved".
  func agendaText(_ language: Language) -> String {
    guard kind == .talk, let presenter else { return title }
    var text = "\(title), \(language(.talkBy)) \(presenter)"
    if let affiliation { text += ", \(affiliation)" }
    return text
  }

  /// Who leads on the day: the lead, the presenter, else the program's facilitator.
  func leader(in program: Program) -> String? {
    lead ?? presenter ?? (kind.isContent ? program.facilitator : nil)
  }
}

extension TimeRange {
  /// Lines of writing space for a question given this much time: about one line a minute,
  /// at least three, at most a page.
  var writingLines: Int { Swift.min(18, Swift.max(3, minutes + 1)) }
}
