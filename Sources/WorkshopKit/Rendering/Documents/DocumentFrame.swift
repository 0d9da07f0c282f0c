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
    make(
      title: title, pageRules: Stylesheet.pageRules(runningTitle: runningTitle, pageLabel: language(.page)), language)
  }

  /// A kit document in the frame worked out once for its program (`KitInput.frame`).
  static func make(title: String, _ frame: FrameTexts, _ language: Language) -> XHTMLDocument {
    make(title: title, pageRules: frame.pageRules, language)
  }

  private static func make(title: String, pageRules: String, _ language: Language) -> XHTMLDocument {
    let document = XHTMLDocument(language: language.rawValue, title: title)
    for element in metaElements {
      let added = document.head.element(element.name)
      for (key, value) in element.attributes { added.setAttribute(key, value) }
    }
    // The page rules carry the program's running title; the rest of the stylesheet is the
    // same in every document and goes in escaped once per process.
    let style = document.head.element("style")
    style.text(pageRules)
    style.text(Stylesheet.escapedBody)
    return document
  }

  /// A document about one meeting that opens with what it is (`kind`, muted), the
  /// program's title and the meeting's number and date; returned with its `main`, where
  /// the rest goes.
  static func meetingDocument(_ input: KitInput, kind: String, label: String? = nil, bodyClass: String)
    -> (document: XHTMLDocument, main: XHTMLElement)
  {
    let program = input.program
    let document = make(title: "\(program.title) – \(kind)", input.frame, program.language)
    let main = self.main(of: document, class: bodyClass)
    let header = main.element("header")
    header.element("p", ["class": "muted"], text: label ?? kind)
    header.element("h1", text: program.title)
    header.element("p", text: input.frame.meetingLine)
    return (document, main)
  }

  /// The body's class and its one `main`, the landmark that holds all a document shows, so
  /// a screen reader's "skip to content" finds it.
  static func main(of document: XHTMLDocument, class name: String? = nil) -> XHTMLElement {
    if let name { document.body.setAttribute("class", name) }
    return document.body.element("main")
  }

  /// The `meta` elements every document's head holds after its charset and title.
  static let metaElements: [(name: String, attributes: [(String, String)])] = [
    ("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
    ("meta", [("name", "generator"), ("content", "WorkshopKit")]),
  ]

  /// What every document's head holds after its charset and title: the `meta` elements and
  /// the stylesheet.
  static func headElements(runningTitle: String, language: Language)
    -> [(name: String, attributes: [(String, String)], text: String?)]
  {
    metaElements.map { ($0.name, $0.attributes, nil) } + [
      ("style", [], Stylesheet.css(runningTitle: runningTitle, pageLabel: language(.page)))
    ]
  }
}

/// The texts of one program that all its documents repeat in their frame: worked out once
/// per program (`KitInput.frame`) rather than once per document.
public struct FrameTexts: Sendable {
  /// "Civilsamfundet … · 2. møde · torsdag den 18. april 2013".
  public let runningTitle: String
  /// The meeting's number and dates, under a meeting document's title.
  let meetingLine: String
  /// The stylesheet's `@page` rules with the running title.
  let pageRules: String

  init(_ program: Program) {
    runningTitle = program.runningTitle()
    meetingLine = [program.meetingText(), program.datesText()].compactMap { $0 }.joined(separator: " · ")
    pageRules = Stylesheet.pageRules(runningTitle: runningTitle, pageLabel: program.language(.page))
  }
}

extension XHTMLElement {
  /// Marks the element as written in `written` where that is not the document's `language`,
  /// for screen readers and hyphenation: an exercise's own texts, not the kit's words around
  /// them. Returns the element.
  @discardableResult
  func marked(_ written: Language?, in language: Language) -> XHTMLElement {
    if let written, written != language { setLanguage(written.rawValue) }
    return self
  }

  /// `text` (with its addresses as links) added here, in a span marked with `written` where
  /// that is not the document's `language`; plain text otherwise, as the kit has it.
  func addText(_ text: String, written: Language?, in language: Language) {
    guard let written, written != language else { return linkedText(text) }
    element("span").marked(written, in: language).linkedText(text)
  }
}

extension Exercise {
  /// The exercise's language where it differs from a document in `language`; else nil.
  func foreignLanguage(in language: Language) -> Language? {
    writtenIn == language ? nil : writtenIn
  }
}

extension Program {
  /// "2. møde" / "Meeting 2", when the program has a number; with the series' own word,
  /// "2. workshop" / "Workshop 2".
  public func meetingText() -> String? {
    meeting.map(meetingText(number:))
  }

  /// Meeting `number` of this program's series, in its words.
  public func meetingText(number: Int) -> String {
    guard let word = meetingWord else { return language(.meetingNumber, number) }
    return Self.fill(language(.meetingWordNumber), number: number, word: word, language: language)
  }

  /// "Til 3. møde" / "For meeting 3", "Til 3. workshop" / "For workshop 3".
  public func toMeetingText(number: Int) -> String {
    guard let word = meetingWord else { return language(.toMeeting, number) }
    return Self.fill(language(.toMeetingWord), number: number, word: word, language: language)
  }

  /// A label that names a meeting in the series' own word (`meeting-word: workshop`):
  /// "Status ved næste workshop", "Forpligtelser fra workshop til workshop", "Workshop" /
  /// "Status at the next workshop". Only labels where the word stands alone, in the
  /// singular and without an article of its own, take it (`Label.namesAMeeting`); the rest
  /// keep "møde" / "meeting".
  public func meetingLabel(_ label: Label) -> String {
    Self.withMeetingWord(language(label), label: label, word: meetingWord, language: language)
  }

  /// As `meetingLabel(_:)`, with `%@` filled in.
  public func meetingLabel(_ label: Label, _ argument: String) -> String {
    Self.withMeetingWord(language(label, argument), label: label, word: meetingWord, language: language)
  }

  static func withMeetingWord(_ text: String, label: Label, word: String?, language: Language) -> String {
    guard let word, !word.isEmpty, Label.namesAMeeting.contains(label) else { return text }
    let own = language == .da ? "møde" : "meeting"
    let capital = word.capitalizedFirst
    return text.split(separator: " ", omittingEmptySubsequences: false).map { piece in
      // The word alone or before a mark ("møde,"), never inside another ("mødets").
      let letters = piece.prefix { $0.isLetter }
      let rest = piece.dropFirst(letters.count)
      guard rest.allSatisfy({ !$0.isLetter }) else { return String(piece) }
      if letters == own { return word + rest }
      if letters == own.capitalizedFirst { return capital + rest }
      // English plurals: "meetings" → "sessions" ("workshops"); Danish forms keep "møde".
      if language == .en, !word.hasSuffix("s") {
        if letters == own + "s" { return word + "s" + rest }
        if letters == "Meetings" { return capital + "s" + rest }
      }
      return String(piece)
    }.joined(separator: " ")
  }

  static func fill(_ template: String, number: Int, word: String, language: Language) -> String {
    // English puts the word first, capitalised when it opens the text: "Workshop 2".
    let shown = language == .en && template.hasPrefix("%@") ? word.capitalizedFirst : word
    return template.replacingFirst("%d", with: String(number)).replacingFirst("%@", with: shown)
  }

  /// "Dag 1 – torsdag den 27. april 2017", for programs of several days.
  public func dayHeading(_ index: Int) -> String {
    let days = scheduleDays
    guard index < days.count else { return "" }
    return language(.dayNumber, index + 1) + " – " + DateText.long(days[index].date.value, language)
  }

  /// The date in words, or every day's: "torsdag den 27. og fredag den 28. april 2017".
  public func datesText() -> String {
    scheduleDays.count > 1
      ? DateText.days(scheduleDays.map(\.date.value), language) : DateText.long(date.value, language)
  }

  /// "Civilsamfundet … · 2. møde · torsdag den 18. april 2013" for running heads.
  public func runningTitle() -> String {
    [title, meetingText(), datesText()].compactMap { $0 }.joined(separator: " · ")
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

extension Exercise.Format {
  /// A step's group work, lower case, for the flow of an exercise: "alene", "i makkerpar".
  public func stepText(groupSize: String?, _ language: Language) -> String {
    switch self {
    case .groups: language(.stepInGroupsOf, groupSize ?? "3-5")
    case .pairs: language(.stepInPairs)
    case .individual: language(.stepAlone)
    case .plenary: language(.stepAllTogether)
    }
  }
}

extension Exercise {
  /// A step's group work: its own, else the exercise's.
  func configuration(of step: Step, _ language: Language) -> String {
    (step.format ?? format).stepText(groupSize: step.groupSize ?? groupSize, language)
  }

  /// How the group work changes, step by step, with the minutes each gets:
  /// "1 min alene → 2 min i makkerpar → 4 min i grupper på 4 → 5 min alle sammen".
  /// Steps that keep the previous configuration are counted with it.
  func flow(_ steps: [ScheduledStep], _ language: Language) -> String {
    var stages: [(configuration: String, minutes: Int)] = []
    for step in steps where step.step.kind != .section {
      let configuration = configuration(of: step.step, language)
      if let last = stages.last, last.configuration == configuration {
        stages[stages.count - 1].minutes += step.span.minutes
      } else {
        stages.append((configuration, step.span.minutes))
      }
    }
    return stages.map { "\($0.minutes) min \($0.configuration)" }.joined(separator: " → ")
  }

  /// The exercise's group work for the handout and run sheet: the flow when its steps change
  /// it, else the exercise's format as in v1.
  func groupWorkText(_ steps: [ScheduledStep], _ language: Language) -> String {
    hasStepFormats ? flow(steps, language) : format.text(groupSize: groupSize, language)
  }
}

extension Activity {
  /// The row text of the day's program: "Partnerskaber, oplæg ved Stig Grøntved"; several
  /// presenters "…, oplæg ved Anna Holm, Kultur og Fritid, og Lars Brøndum".
  func agendaText(_ language: Language) -> String {
    guard kind == .talk, !presenters.isEmpty else { return title }
    return Self.title(title, then: "\(language(.talkBy)) \(presenterText(language))")
  }

  /// "Partnerskaber, oplæg ved …", but after a title that ends a sentence, a new one:
  /// "Hvad må frivillige? Oplæg ved …", not "frivillige?, oplæg".
  static func title(_ title: String, then rest: String) -> String {
    guard let last = title.last, "?!.…".contains(last) else { return "\(title), \(rest)" }
    return "\(title) \(rest.capitalizedFirst)"
  }

  /// "Stig Grøntved, Albertslund", or several joined with "og" / "and".
  func presenterText(_ language: Language) -> String {
    if presenters.count < 2 {
      return presenters.first.map { only in only.affiliation.map { "\(only.name), \($0)" } ?? only.name } ?? ""
    }
    // Of several, each affiliation in brackets after its own name: "Peter Nørgaard and Sara
    // Kjær, Aarhus Public Libraries" would seem to place both at the library.
    let each = presenters.map { presenter in presenter.affiliation.map { "\(presenter.name) (\($0))" } ?? presenter.name
    }
    let and = language == .da ? " og " : " and "
    return each.dropLast().joined(separator: ", ") + and + each.last!
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
