import Foundation
import Testing

@testable import WorkshopKit

/// The participant handout of the reference day, 18 April 2013 (seed 002).
@Suite struct KitHandoutTests {
  let handout: KitNode

  init() throws {
    handout = try KitSamples.xhtml("handout.xhtml", of: KitSamples.april)
  }

  private var agendaRows: [KitNode] {
    handout.all("section", class: "agenda").first?.first("tbody")?.all("tr") ?? []
  }

  @Test func isDanishXHTML() {
    #expect(handout.name == "html")
    #expect(handout["lang"] == "da")
    #expect(handout["xml:lang"] == "da")
    #expect(handout.first("title")?.text.hasPrefix("Civilsamfundet – Metoder") == true)
  }

  /// Web addresses in text are links.
  @Test func webAddressesAreLinks() {
    let links = handout.all("a").map { ($0["href"] ?? "", $0.text) }
    #expect(links.contains { $0 == ("http://bygpartnerskaber.dk/", "http://bygpartnerskaber.dk/") })
    #expect(
      links.contains {
        $0.0 == "http://udafboksen.nu/2012/06/28/gode-sporgsmal-til-partnerskabsmodet/" && $0.0 == $0.1
      })
  }

  /// The cards come before the questions that send people to them ("Læs … på kortet").
  @Test func referenceCardsComeBeforeTheirQuestions() throws {
    let worksheet = try #require(
      handout.all("section", class: "worksheet").first { $0.text.contains("Læs de fire dimensioner på kortet") })
    let order = worksheet.children.flatMap { child in
      child.hasClass("reference") ? ["cards"] : (child.hasClass("questions") ? ["questions"] : [])
    }
    #expect(order == ["cards", "questions"])
  }

  @Test func coverHasCourseMeetingAndDateInWords() throws {
    let cover = try #require(handout.all("header", class: "cover").first)
    #expect(cover.first("h1")?.text == "Civilsamfundet – Metoder til samarbejder og brugerinvolvering")
    #expect(cover.all("p", class: "course").first?.text == "Fagligt udviklingsforløb")
    #expect(cover.all("p", class: "meeting").first?.text == "2. møde – torsdag den 18. april 2013")
  }

  @Test func programForTheDayHasTheSeedsNineTimedRows() throws {
    let section = try #require(handout.all("section", class: "agenda").first)
    #expect(section.first("h2")?.text == "Program for dagen")
    let times = agendaRows.map { $0.all("td", class: "time").first?.text ?? "" }
    #expect(
      times == [
        "08.45–09.00", "09.00–10.00", "10.00–10.15", "10.15–11.30", "11.30–12.15", "12.15–13.15",
        "13.15–13.30", "13.30–14.30", "14.30–15.00",
      ])
  }

  @Test func programRowsCarryTheSeedsTitles() {
    let rows = agendaRows.map { row in row.all("span", class: "line").map(\.text) }
    #expect(rows.first == ["Kaffe og morgenbrød"])
    #expect(
      rows.dropFirst().first == [
        "Opsamling fra sidst",
        "Inddragelse og medborgerskab, oplæg ved Katrine Winther Adelsparre, Teamleder Hedemarken, Albertslund",
      ])
    #expect(rows.contains(["Frokost"]))
    // A row with a worksheet says which, so the two "Gruppeøvelse" rows are told apart.
    #expect(rows.last == ["Opsamling og næste skridt til 3. møde → ark 5"])
    #expect(
      rows.filter { $0.contains { $0.hasPrefix("Gruppeøvelse") } }.map { $0.last ?? "" } == [
        "Gruppeøvelse → ark 1", "Gruppeøvelse → ark 4",
      ])
  }

  @Test(arguments: ["Katrine Winther Adelsparre", "Amalie Ørum", "Mette Keinicke", "Stig Grøntved"])
  func programNamesEveryPresenter(_ presenter: String) {
    let lines = agendaRows.flatMap { $0.all("span", class: "line") }.map(\.text)
    #expect(lines.contains { $0.contains("oplæg ved \(presenter)") }, "\(lines)")
  }

  @Test func worksheetsFollowTheProgramInOrder() {
    let worksheets = handout.all("section", class: "worksheet")
    #expect(
      worksheets.map { $0.first("h2")?.text ?? "" } == [
        "Gruppeøvelse", "Makkerpar – refleksion", "Fif til det første møde", "Gruppeøvelse",
        "Næste skridt – i makkerpar",
      ])
    #expect(worksheets.allSatisfy { $0.hasClass("page") }, "each worksheet starts a printed page")
  }

  @Test func firstRolesQuestionShowsItsMinutes() throws {
    let roles = try #require(handout.all("section", class: "worksheet").first)
    let first = try #require(roles.all("li", class: "question").first)
    #expect(
      first.text
        == "Hvilke elementer fra dagens to første oplæg er særlig interessante set i forhold til jeres projekt/udfordring? (5 min.)"
    )
    #expect(first.all("span", class: "minutes").first?.text == "(5 min.)")
    #expect(first.all("div", class: "writing").count == 1, "writing space under the question")
  }

  /// The number a browser prints before each question: its position among the list's items,
  /// unless the item sets `value`; a letter where the item's style says `lower-alpha`.
  /// Instructions are items too.
  static func printedNumbers(_ list: KitNode) -> [String] {
    var counter = 0
    var numbers: [String] = []
    for item in list.children where item.name == "li" {
      let style = (item["style"] ?? "").replacingOccurrences(of: " ", with: "")
      guard !style.contains("display:block") else { continue }
      counter = item["value"].flatMap { Int($0) } ?? counter + 1
      guard item.hasClass("question") else { continue }
      let letter = style.contains("lower-alpha") ? UnicodeScalar(UInt8(96 + counter)) : nil
      numbers.append(letter.map { String($0) } ?? String(counter))
    }
    return numbers
  }

  /// 1, 2, 3 … on every worksheet; a, b … again under each instruction that brings its own
  /// number ("1. HVEM? …", "2. Bibliotekets styrker og aktiver"), so the two never clash.
  @Test func questionsAreNumberedFromOneOnEveryWorksheet() throws {
    for worksheet in handout.all("section", class: "worksheet") {
      let lists = worksheet.all("ol", class: "questions")
      #expect(lists.count == 1)
      let numbers = lists.first.map(Self.printedNumbers) ?? []
      let title = worksheet.first("h2")?.text ?? ""
      guard !worksheet.text.contains("1. HVEM?") else { continue }
      #expect(numbers == (1...max(1, numbers.count)).map(String.init), "\(title): questions print as \(numbers)")
    }
    let sections = try #require(
      handout.all("section", class: "worksheet").first { $0.text.contains("1. HVEM?") }?.first("ol"))
    #expect(Self.printedNumbers(sections) == ["a", "b", "a"])
    let items = sections.children.filter { $0.name == "li" }.map { $0.text.prefix(12) }
    #expect(items.first == "1. HVEM? Gul")
  }

  @Test func writingSpaceGrowsWithTheMinutes() throws {
    let reflection = try #require(
      handout.all("section", class: "worksheet").first { $0.first("h2")?.text == "Makkerpar – refleksion" })
    let heights = reflection.all("div", class: "writing").map { $0["style"] ?? "" }
    // 5, 7 and 10 minutes on two pages, which cutting could not make one: one line of
    // 8.8 mm a minute, plus one.
    #expect(heights == ["height: 52.8mm", "height: 70.4mm", "height: 96.8mm"])
    #expect(reflection["class"] == "worksheet page")
  }

  /// The first worksheet (5, 10 and 8 minutes) would run a few lines onto a second page:
  /// its boxes are cut in the same proportion so that it prints on one, still growing
  /// with the minutes, and it says so (`one-page`, which the print check holds it to).
  @Test func aWorksheetThatCanFitOnePageIsCutToFitIt() throws {
    let roles = try #require(handout.all("section", class: "worksheet").first)
    #expect(roles["class"] == "worksheet page one-page")
    let heights = roles.all("div", class: "writing").map { $0["style"] ?? "" }
    #expect(heights == ["height: 35.2mm", "height: 61.6mm", "height: 52.8mm"])
    let oneSheet = handout.all("section", class: "worksheet").map { $0.hasClass("one-page") }
    #expect(oneSheet == [true, false, true, false, true])
  }

  /// A set of cards too long to share a page with its worksheet's heading may break
  /// between rows of cards; one that fits stays whole.
  @Test func onlyCardsTooLongForTheHeadingsPageRunOn() throws {
    let june = try KitSamples.xhtml("handout.xhtml", of: KitSamples.june)
    let sets = june.all("div", class: "reference").map { ($0.first("h3")?.text ?? "", $0["class"] ?? "") }
    #expect(sets.first { $0.0 == "Eksempler på partnerskaber" }?.1 == "reference runs-on")
    #expect(sets.first { $0.0 == "Nye roller" }?.1 == "reference")
    #expect(handout.all("div", class: "runs-on").isEmpty)
  }

  @Test func theFourDimensionsAreReferenceCards() throws {
    let reflection = try #require(
      handout.all("section", class: "worksheet").first { $0.first("h2")?.text == "Makkerpar – refleksion" })
    let reference = try #require(reflection.all("div", class: "reference").first)
    #expect(reference.first("h3")?.text == "Fire dimensioner af brugerinvolvering")
    let terms = reference.all("div", class: "card").map { $0.all("p", class: "term").first?.text ?? "" }
    #expect(terms == ["Dialog", "Kreativitet", "Fællesskab", "Indflydelse"])
  }

  @Test func theFivePartnershipTypesAreReferenceCards() throws {
    let reference = try #require(
      handout.all("div", class: "reference").first { $0.first("h3")?.text == "Partnerskabstyper" })
    let cards = reference.all("div", class: "card")
    #expect(
      cards.map { $0.all("p", class: "term").first?.text ?? "" } == [
        "Glance", "Date", "Engagement", "Marriage", "Divorce",
      ])
    #expect(cards.first?.all("p").last?.text == "en kortvarig kontakt")
  }

  /// Before a meeting of two days, both days: the handout's last line and the last slide.
  @Test func aNextMeetingOfTwoDaysIsSeenOnBoth() throws {
    let program = "samskabelseslaboratoriet/2017-03-30.yaml"
    let handout = try KitSamples.xhtml("handout.xhtml", of: program)
    #expect(handout.all("p", class: "next-meeting").map(\.text) == ["Vi ses den 27. og 28. april!"])
    let closing = try #require(try KitSamples.xhtml("slides.xhtml", of: program).all("section").last)
    #expect(closing.first("h2")?.text == "Vi ses den 27. og 28. april!")
    #expect(closing.first("p")?.text == "3. workshop · torsdag den 27. og fredag den 28. april 2017")
    #expect(handout.all("p", class: "next-meeting-where").map(\.text) == ["kl. 09.00 · Rådhuset, mødelokale 2"])
  }

  /// Two days that begin at different times: each day's start, in the order of the dates.
  @Test func aNextMeetingWhoseDaysBeginAtDifferentTimesSaysBoth() throws {
    let workspace = try KitWorkspace()
    try workspace.edit(
      "samskabelseslaboratoriet/2017-04-27.yaml",
      replacing: "    day: 09.00-14.15\n    agenda:\n      - time: 09.00-09.15",
      with: "    day: 08.45-14.15\n    agenda:\n      - time: 08.45-09.15")
    try workspace.build(into: "out")
    let handout = try KitXML.parse(
      try KitFiles.text(workspace.scratch.path("out/samskabelseslaboratoriet/2017-03-30/handout.xhtml")))
    #expect(
      handout.all("p", class: "next-meeting-where").map(\.text) == ["kl. 09.00 og 08.45 · Rådhuset, mødelokale 2"])
  }

  /// A meeting of two days: each worksheet, and each presenter on the run sheet, says which
  /// day; a meeting of one day says no day.
  @Test func aMeetingOfTwoDaysSaysTheDayOfEachSheetAndTalk() throws {
    let program = "samskabelseslaboratoriet/2017-04-27.yaml"
    let numbers = try KitSamples.xhtml("handout.xhtml", of: program).all("p", class: "sheet-number").map(\.text)
    #expect(numbers.first == "Ark 1 · Dag 1 · 09.55–10.35")
    #expect(numbers.last == "Ark 9 · Dag 2 · 13.50–14.15")
    let presenters = try #require(
      try KitSamples.xhtml("facilitator.xhtml", of: program).all("section", class: "presenters").first)
    #expect(presenters.all("li").map(\.text).contains { $0.contains(" — Dag 2 · 09.25–09.45 Smugkig på data") })
    #expect(handout.all("p", class: "sheet-number").allSatisfy { !$0.text.contains("Dag") })
  }

  @Test func endsWithTheNextMeeting() throws {
    let next = try #require(handout.all("p", class: "next-meeting").first)
    #expect(next.text == "Vi ses den 3. juni!")
    // When, from the next meeting's program in the series (it gives no venue).
    #expect(handout.all("p", class: "next-meeting-where").map(\.text) == ["kl. 09.00"])
    #expect(handout.first("main")?.children.last?.text == "kl. 09.00")
  }

  /// Everything the program and its exercises say only to the facilitator.
  static func facilitatorOnlyTexts(_ program: Program) -> [String] {
    var texts: [String] = []
    for exercise in program.exercises {
      texts += [exercise.invitation, exercise.setup].compactMap { $0 }
      texts += exercise.steps.compactMap(\.note)
    }
    let activities = program.agenda.flatMap(\.parts)
    texts += activities.compactMap(\.notes)
    let presenters = Set(activities.compactMap(\.presenter))
    texts += activities.compactMap(\.lead).filter { !presenters.contains($0) }
    if let facilitator = program.facilitator, !presenters.contains(facilitator) { texts.append(facilitator) }
    return texts
  }

  @Test func hasNoFacilitatorOnlyText() throws {
    let program = try #require(KitSamples.check(KitSamples.april).program)
    let forbidden = Self.facilitatorOnlyTexts(program)
    #expect(forbidden.contains("Hanne Kjærgaard"))
    #expect(forbidden.count > 10, "the sample has invitations, setups, notes: \(forbidden)")
    let everything = handout.allTextAndAttributes
    for text in forbidden {
      #expect(!everything.contains(text), "facilitator-only text in the handout: \(text)")
    }
    #expect(!everything.contains("Sig:"))
    #expect(!everything.contains("Opstilling"))
    #expect(!everything.contains("Advarsler"))
  }

  /// A lead who is not a presenter, on a program of its own: on the run sheet only.
  @Test func leadsWhoAreNotPresentersStayOnTheRunSheet() throws {
    let scratch = try KitScratch()
    try scratch.write("programs/leads/series.yaml", "title: Ledertest\nfacilitator: Fia Facilitator\n")
    let file = try scratch.write(
      "programs/leads/2024-01-10.yaml",
      """
      date: 2024-01-10
      agenda:
        - time: 09.00-09.30
          kind: talk
          title: Velkomst
          presenter: Petra Presenter
        - time: 09.30-10.15
          exercise: roller-og-kompetencer
          lead: Lars Leder
          notes: Hemmelig note til facilitator
        - time: 10.15-10.30
          kind: plenary
          title: Afrunding

      """)
    let builder = KitBuilder(exerciseDirectory: KitRepo.exercises.path, outputDirectory: scratch.path("out").path)
    let report = builder.build(programFiles: [file.path])
    #expect(report.builtCount == 1, "\(report.diagnostics)")
    let handout = try KitXML.parse(try KitFiles.text(scratch.path("out/leads/2024-01-10/handout.xhtml")))
    let runSheet = try KitFiles.text(scratch.path("out/leads/2024-01-10/facilitator.xhtml"))
    for name in ["Lars Leder", "Fia Facilitator", "Hemmelig note til facilitator"] {
      #expect(!handout.allTextAndAttributes.contains(name), "\(name) in the handout")
      #expect(runSheet.contains(name), "\(name) missing from the run sheet")
    }
    #expect(handout.allTextAndAttributes.contains("Petra Presenter"))
  }
}
