import Foundation
import Testing

@testable import WorkshopKit

/// Markup in the input is text in every document: libxml2 escapes it, so no `script` or
/// `img` element can appear, and the text comes back exactly as written.
@Suite struct KitEscapingTests {
  static let payload = #"<script>alert(1)</script> <img src=x onerror=alert(1)> & " ' &amp; ]]>"#
  static let title = "Titel " + payload
  static let presenter = "Oplægsholder " + payload
  static let notes = "Note " + payload
  static let question = "Spørgsmål " + payload + "?"
  static let participant = "Deltager " + payload

  /// Text escaped once (`EscapedText`, the kit's stylesheet) is written byte for byte as
  /// libxml2 writes the same text escaped by itself: markup, a carriage return, characters
  /// XML cannot carry, and the stylesheet's own `>` selectors.
  @Test(arguments: [payload + "\r\n\u{1}\u{FFFE}æøå\t", Stylesheet.css(runningTitle: title, pageLabel: "Side")])
  func escapedOnceIsWhatLibxml2Writes(_ text: String) throws {
    func document(_ fill: (XHTMLElement) -> Void) throws -> String {
      let document = XHTMLDocument(language: "da", title: "t")
      fill(document.head.element("style"))
      return try document.serializedString()
    }
    let byLibxml2 = try document { $0.text(text) }
    let once = try document { $0.text(EscapedText(text)) }
    #expect(once == byLibxml2)
    #expect(!once.contains("<script"))
    // A plain text node next to a pre-escaped one: both written, in order, each as it should be.
    let halves = try document {
      $0.text("a < b ")
      $0.text(EscapedText("& c > d"))
      $0.text(" e")
    }
    #expect(halves.contains("<style>a &lt; b &amp; c &gt; d e</style>"))
  }

  /// `xmlSafe` looks at eight bytes at a time: a character XML cannot carry is dropped at
  /// every offset in a word and across a word's end, and the characters it resembles stay
  /// (tab, line feed, carriage return; U+FFFD and U+FEFF, which also start with EF).
  @Test func xmlSafeDropsWhatXMLCannotCarryAtEveryOffset() {
    let kept = ["\t", "\n", "\r", "\u{FFFD}", "\u{FEFF}", "\u{FFEF}", "æ", " "]
    let dropped = ["\u{0}", "\u{1}", "\u{1F}", "\u{B}", "\u{FFFE}", "\u{FFFF}"]
    for offset in 0..<20 {
      let prefix = String(repeating: "x", count: offset)
      for character in kept {
        let text = prefix + character + "yz"
        #expect(text.xmlSafe == text, "\(offset) \(character.unicodeScalars.map(\.value))")
      }
      for character in dropped {
        let text = prefix + character + "yz" + character
        #expect(text.xmlSafe == prefix + "yz", "\(offset) \(character.unicodeScalars.map(\.value))")
      }
    }
    #expect("Kaffe og morgenbrød".xmlSafe == "Kaffe og morgenbrød")
  }

  /// Text, new attributes and changed ones all leave out what XML cannot carry, and a text
  /// that is nothing else adds no node.
  @Test func whatXMLCannotCarryLeavesEveryKindOfValue() throws {
    let document = XHTMLDocument(language: "da", title: "t")
    let paragraph = document.body.element("p", ["title": "a\u{1}b\u{FFFF}"], text: "c\u{0}d")
    paragraph.setAttribute("class", "e\u{B}f")
    paragraph.setAttribute("xml:lang", "g\u{FFFE}h")
    paragraph.text("\u{1}\u{2}")
    document.body.element("span", text: "\u{1F}")
    let text = try document.serializedString()
    #expect(text.contains(#"<p title="ab" class="ef" xml:lang="gh">cd</p>"#), "\(text)")
    #expect(text.contains("<span/>"), "\(text)")
  }

  /// The doctype goes in when a document is first written; writing it again gives the same
  /// bytes, with one doctype, right after the XML declaration.
  @Test func aDocumentWrittenTwiceIsTheSame() throws {
    let document = XHTMLDocument(language: "en", title: "t")
    document.body.element("p", ["id": "x"], text: "y")
    let first = try document.serialized()
    let second = try document.serialized()
    #expect(first == second)
    let text = String(decoding: first, as: UTF8.self)
    #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html "))
    #expect(text.components(separatedBy: "<!DOCTYPE").count == 2)
  }

  /// Documents are declared UTF-8 and written in it: letters beyond ASCII stay letters in
  /// text and in attribute values, not character references; markup is still escaped.
  @Test func textAndAttributesAreWrittenAsUTF8() throws {
    let document = XHTMLDocument(language: "da", title: "Møde – 😀")
    document.body.element("p", ["title": "æøå \"<&>\" – 😀"], text: "Kaffe og morgenbrød <&> 😀")
    let text = try document.serializedString()
    #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"))
    #expect(text.contains("<title>Møde – 😀</title>"))
    #expect(text.contains(#"<p title="æøå &quot;&lt;&amp;&gt;&quot; – 😀">Kaffe og morgenbrød &lt;&amp;&gt; 😀</p>"#))
    #expect(!text.contains("&#"))
  }

  /// The running title goes into a CSS string: quotes, backslashes and line breaks are
  /// escaped, and a title without them comes back as it is.
  @Test func theRunningTitleIsACSSString() {
    #expect(Stylesheet.cssString("Civilsamfundet – møde") == "Civilsamfundet – møde")
    #expect(Stylesheet.cssString("a\"b\\c\nd\re\u{0C}f") == #"a\"b\\c\A d\A e\A f"#)
  }

  /// A YAML double-quoted scalar holding exactly `text`.
  static func yamlQuoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case _ where scalar.value < 0x20: result += String(format: "\\x%02X", scalar.value)
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }

  /// Writes the hostile program and its exercise into `scratch` and builds it into `out/`.
  @discardableResult
  static func buildHostileProgram(in scratch: KitScratch, title: String = title) throws -> BuildReport {
    try scratch.write(
      "exercises/farlig.yaml",
      """
      title: Farlig øvelse
      format: groups
      group-size: 3-5
      minutes: 30-45
      steps:
        - ask: \(yamlQuoted(question))
          minutes: 5
        - ask: Andet spørgsmål
          minutes: 10
      follow-up: true

      """)
    try scratch.write(
      "programs/farlig/series.yaml",
      """
      title: \(yamlQuoted(title))
      course: Kursus
      participants:
        - name: \(yamlQuoted(participant))

      """)
    let file = try scratch.write(
      "programs/farlig/2024-03-01.yaml",
      """
      meeting: 1
      date: 2024-03-01
      next-meeting: 2024-04-05
      agenda:
        - time: 09.00-09.30
          kind: talk
          title: Velkomst
          presenter: \(yamlQuoted(presenter))
          notes: \(yamlQuoted(notes))
        - time: 09.30-10.15
          exercise: farlig
        - time: 10.15-10.30
          kind: plenary
          title: Afrunding

      """)
    let builder = KitBuilder(
      exerciseDirectory: scratch.path("exercises").path, outputDirectory: scratch.path("out").path)
    return builder.build(programFiles: [file.path])
  }

  static let documents = ["handout.xhtml", "facilitator.xhtml", "followup.xhtml"]

  @Test func theProgramLoadsWithTheMarkupAsText() throws {
    let scratch = try KitScratch()
    let report = try Self.buildHostileProgram(in: scratch)
    #expect(report.builtCount == 1, "\(report.diagnostics)")
    #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
  }

  @Test(arguments: documents + ["../../index.xhtml"])
  func noScriptOrImageElementInAnyDocument(_ name: String) throws {
    let scratch = try KitScratch()
    try Self.buildHostileProgram(in: scratch)
    let text = try KitFiles.text(scratch.path("out/farlig/2024-03-01/" + name))
    let root = try KitXML.parse(text)
    // The only scripts are the kit's own (the follow-up form's growing answer boxes), never
    // anything from the input.
    let kitScripts = [FollowUpForm.growingAnswers.trimmingCharacters(in: .whitespacesAndNewlines)]
    #expect(root.all("script").allSatisfy { script in kitScripts.contains { script.text.contains($0) } })
    #expect(root.all("script").allSatisfy { !$0.text.contains(Self.payload) })
    #expect(root.all("img").isEmpty)
    #expect(root.descendantsAndSelf.allSatisfy { !$0.attributes.keys.contains("onerror") })
    #expect(text.components(separatedBy: "<script").count - 1 == root.all("script").count)
    #expect(!text.contains("<img"))
    #expect(root.allTextAndAttributes.contains(Self.payload), "the payload is kept as text")
  }

  @Test(arguments: documents)
  func titleRoundTripsExactly(_ name: String) throws {
    let scratch = try KitScratch()
    try Self.buildHostileProgram(in: scratch)
    let root = try KitXML.parse(try KitFiles.text(scratch.path("out/farlig/2024-03-01/" + name)))
    #expect(root.first("h1")?.text == Self.title)
    #expect(root.first("title")?.text.hasPrefix(Self.title + " – ") == true)
    // The running title sits in a CSS string: quotes and backslashes escaped for CSS.
    let style = try #require(root.first("style")).text
    #expect(
      style.contains(
        #"content: "Titel <script>alert(1)</script> <img src=x onerror=alert(1)> & \" ' &amp; ]]> · 1. møde"#))
  }

  @Test func handoutKeepsPresenterAndQuestionAsText() throws {
    let scratch = try KitScratch()
    try Self.buildHostileProgram(in: scratch)
    let handout = try KitXML.parse(try KitFiles.text(scratch.path("out/farlig/2024-03-01/handout.xhtml")))
    let lines = handout.all("span", class: "line").map(\.text)
    #expect(lines.contains("Velkomst, oplæg ved " + Self.presenter), "\(lines)")
    let questions = handout.all("li", class: "question").map(\.text)
    #expect(questions.first == Self.question + " (5 min.)")
    #expect(!handout.allTextAndAttributes.contains(Self.notes), "notes are for the facilitator")
  }

  @Test func runSheetKeepsNotesPresenterAndQuestionAsText() throws {
    let scratch = try KitScratch()
    try Self.buildHostileProgram(in: scratch)
    let sheet = try KitXML.parse(try KitFiles.text(scratch.path("out/farlig/2024-03-01/facilitator.xhtml")))
    #expect(sheet.all("p").map(\.text).contains(Self.notes))
    #expect(sheet.all("td").map(\.text).contains("1. " + Self.question))
    #expect(sheet.all("li").map(\.text).contains { $0.hasPrefix(Self.presenter + " — 09.00–09.30") })
  }

  @Test func followUpKeepsQuestionAndNameAsTextAndAttribute() throws {
    let scratch = try KitScratch()
    try Self.buildHostileProgram(in: scratch)
    let tracker = try KitXML.parse(try KitFiles.text(scratch.path("out/farlig/2024-03-01/followup.xhtml")))
    let form = try #require(tracker.all("div", class: "form").first)
    #expect(form.all("label").map(\.text).contains("1. " + Self.question))
    #expect(form.all("input").first { $0["type"] == "text" }?["value"] == Self.participant)
    #expect(form.first("legend")?.text == "Farlig øvelse — " + Self.participant)
  }

  @Test func indexKeepsTheTitleAsText() throws {
    let scratch = try KitScratch()
    try Self.buildHostileProgram(in: scratch)
    let index = try KitXML.parse(try KitFiles.text(scratch.path("out/index.xhtml")))
    #expect(index.all("h2").map(\.text) == [Self.title])
    #expect(
      index.all("a").map { $0["href"] ?? "" }.first { $0.hasSuffix(".xhtml") && $0.contains("2024") }
        == "farlig/2024-03-01/handout.xhtml")
  }

  @Test func calendarKeepsTheTitle() throws {
    let scratch = try KitScratch()
    try Self.buildHostileProgram(in: scratch)
    let ics = try KitFiles.text(scratch.path("out/farlig/2024-03-01/2024-03-01.ics"))
    let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
    // RFC 5545 text: backslash, semicolon and comma escaped; nothing else changed.
    let escaped = Self.title.replacingOccurrences(of: "\\", with: "\\\\")
      .replacingOccurrences(of: ";", with: "\\;").replacingOccurrences(of: ",", with: "\\,")
    #expect(unfolded.contains("\r\nSUMMARY:" + escaped + " (1. møde)\r\n"), "\(unfolded)")
  }

  /// XML 1.0 cannot carry U+0001, even as a character reference: it is left out, and the
  /// documents stay well-formed.
  @Test(arguments: documents)
  func controlCharacterInTheTitleStillGivesWellFormedXML(_ name: String) throws {
    let scratch = try KitScratch()
    let report = try Self.buildHostileProgram(in: scratch, title: "Kontrol\u{1}tegn & \u{8}co")
    #expect(report.builtCount == 1, "\(report.diagnostics)")
    let text = try KitFiles.text(scratch.path("out/farlig/2024-03-01/" + name))
    let root = try KitXML.parse(text)
    #expect(root.first("h1")?.text == "Kontroltegn & co")
    #expect(!text.contains("&#1;"))
    #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" })
  }

  /// The same through `KitBuilder.documents(for:)`, with the control characters put straight
  /// into the model (so no YAML loader can strip them first).
  @Test func controlCharactersInTheModelStillGiveWellFormedXML() throws {
    let check = KitSamples.check(KitSamples.april)
    var schedule = try #require(check.schedule)
    schedule.program.title = "Civil\u{1}samfundet \u{0}\u{1B}[31m \u{FFFE}"
    schedule.program.facilitator = "Hanne\u{7}"
    for document in try KitBuilder.documents(for: KitInput(schedule: schedule)) where document.name.hasSuffix(".xhtml")
    {
      let root = try KitXML.parse(Data(document.bytes))
      #expect(root.first("h1")?.text == "Civilsamfundet [31m ", "\(document.name)")
    }
  }
}
