import Foundation
import Testing

@testable import WorkshopKit

/// The projector deck of the reference day, 18 April 2013 (seed 002), and of the other
/// samples where they show what the reference day does not (a recap, rounds, two days, English).
@Suite struct KitSlidesTests {
  let text: String
  let deck: KitNode

  init() throws {
    text = try KitSamples.document("slides.xhtml", of: KitSamples.april)
    deck = try KitXML.parse(text)
  }

  static func slides(_ deck: KitNode) -> [KitNode] { deck.all("section", class: "slide") }

  /// A slide's heading: the title slide's `h1`, else its `h2`.
  static func title(_ slide: KitNode) -> String { (slide.first("h1") ?? slide.first("h2"))?.text ?? "" }

  /// A slide's kind: its class beside `slide`.
  static func kind(_ slide: KitNode) -> String { slide.classes.filter { $0 != "slide" }.joined(separator: " ") }

  /// One line per slide: `s12 step 5 min | 1. Hvilke elementer …`.
  static func outline(_ deck: KitNode) -> String {
    slides(deck).map { slide in
      let minutes = slide["data-minutes"].map { " \($0) min" } ?? ""
      return "\(slide["id"] ?? "?") \(kind(slide))\(minutes) | \(title(slide))"
    }.joined(separator: "\n") + "\n"
  }

  var slides: [KitNode] { Self.slides(deck) }

  /// The slides in order, against `Fixtures/golden/civilsamfundet/2013-04-18/slides.txt`;
  /// re-record with `WORKSHOPKIT_RECORD_GOLDEN=1 swift test --filter KitSlides`.
  @Test func slideTitlesInOrderMatchTheGoldenList() throws {
    let golden = KitGoldenTests.goldenFile(KitSamples.april, "slides.txt")
    try KitGoldenTests.compare(Array(Self.outline(deck).utf8), golden: golden)
  }

  @Test func isDanishXHTMLWithItsOwnTitle() {
    #expect(deck["lang"] == "da")
    #expect(deck["xml:lang"] == "da")
    #expect(
      deck.first("title")?.text
        == "Civilsamfundet – Metoder til samarbejder og brugerinvolvering – Slides til projektor")
    #expect(deck.first("body")?["data-clock-separator"] == ".")
  }

  @Test func slidesAreNumberedInOrder() {
    #expect(slides.count > 30)
    #expect(slides.map { $0["id"] ?? "" } == (1...slides.count).map { "s\($0)" })
    #expect(slides.allSatisfy { $0.all("h1").count + $0.all("h2").count == 1 }, "one heading a slide")
  }

  @Test func titleSlideHasCourseTitleMeetingAndDate() throws {
    let first = try #require(slides.first)
    #expect(first.hasClass("title"))
    #expect(first.all("p", class: "course").first?.text == "Fagligt udviklingsforløb")
    #expect(first.first("h1")?.text == "Civilsamfundet – Metoder til samarbejder og brugerinvolvering")
    #expect(first.all("p", class: "meeting").first?.text == "2. møde – torsdag den 18. april 2013")
  }

  @Test func programForTheDayHasTheSeedsNineRowsOverSlidesOfAtMostEight() throws {
    let agenda = slides.filter { $0.hasClass("agenda") }
    #expect(slides.dropFirst().first?.hasClass("agenda") == true, "the program follows the title")
    #expect(agenda.first.map(Self.title) == "Program for dagen")
    #expect(agenda.dropFirst().allSatisfy { Self.title($0) == "Program for dagen (fortsat)" })
    let rows = agenda.map { $0.first("tbody")?.all("tr") ?? [] }
    #expect(rows.allSatisfy { $0.count <= Slides.agendaRows })
    let times = rows.joined().map { $0.all("td", class: "time").first?.text ?? "" }
    #expect(
      times == [
        "08.45–09.00", "09.00–10.00", "10.00–10.15", "10.15–11.30", "11.30–12.15", "12.15–13.15",
        "13.15–13.30", "13.30–14.30", "14.30–15.00",
      ])
    let lines = rows.joined().flatMap { $0.all("span", class: "line") }.map(\.text)
    #expect(lines.contains("Partnerskaber, oplæg ved Stig Grøntved"))
    #expect(lines.last == "Opsamling og næste skridt til 3. møde")
  }

  @Test func theLastSlideSaysSeeYouOnTheThirdOfJune() throws {
    let last = try #require(slides.last)
    #expect(last.hasClass("closing"))
    #expect(Self.title(last) == "Vi ses den 3. juni!")
    #expect(last.all("p", class: "kicker").first?.text == "3. møde · mandag den 3. juni 2013")
  }

  /// A meeting of two days: the first day ends with when the second begins, before the
  /// second day's program; "i morgen" only where it is the day after.
  @Test func aDayOfTwoEndsWithWhenTheNextBegins() throws {
    let program = "samskabelseslaboratoriet/2017-04-27.yaml"
    let deck = Self.slides(try KitSamples.xhtml("slides.xhtml", of: program))
    let closings = deck.indices.filter { deck[$0].hasClass("closing") }
    #expect(closings.count == 2)
    let end = try #require(closings.first)
    #expect(Self.title(deck[end]) == "Vi ses i morgen kl.\u{A0}09.00!")
    #expect(deck[end].all("p", class: "kicker").first?.text == "Dag 1 – torsdag den 27. april 2017")
    #expect(deck[end + 1].hasClass("agenda"))
    #expect(deck[end + 1].all("p", class: "subtitle").first?.text == "Dag 2 – fredag den 28. april 2017")

    let workspace = try KitWorkspace()
    try workspace.edit(program, replacing: "  - date: 2017-04-28", with: "  - date: 2017-05-01")
    try workspace.build(into: "out")
    let later = Self.slides(
      try KitXML.parse(
        try KitFiles.text(workspace.scratch.path("out/samskabelseslaboratoriet/2017-04-27/slides.xhtml"))))
    #expect(
      later.filter { $0.hasClass("closing") }.map(Self.title).first
        == "Vi ses mandag den 1. maj 2017 kl.\u{A0}09.00!")
  }

  @Test(arguments: [
    ("Inddragelse og medborgerskab", "Katrine Winther Adelsparre, Teamleder Hedemarken, Albertslund"),
    ("Samarbejder på tværs af faglige grænser ud fra ungevejlednings-case", "Amalie Ørum"),
    ("Partnerskaber", "Stig Grøntved"),
  ])
  func eachTalkBeginsWithItsTimeTitleAndPresenter(_ title: String, _ presenter: String) throws {
    let slide = try #require(slides.first { $0.hasClass("begin") && Self.title($0) == title })
    #expect(slide.all("p", class: "presenter").first?.text == presenter)
    #expect(slide.all("p", class: "kicker").first?.text.hasSuffix(" · Oplæg") == true)
  }

  @Test func breaksCountDownToWhenTheDayGoesOn() throws {
    let lunch = try #require(slides.first { $0.hasClass("break") && Self.title($0) == "Frokost" })
    #expect(lunch["data-minutes"] == "45")
    #expect(lunch.all("p", class: "back-at").first?.text == "Vi fortsætter kl. 12.15")
    #expect(lunch.all("p", class: "timer").first?.text == "45:00")
  }

  @Test func everyStepSlideCarriesItsMinutesAndATimer() throws {
    let steps = slides.filter { $0.hasClass("step") }
    #expect(!steps.isEmpty)
    for slide in steps {
      let minutes = try #require(slide["data-minutes"].flatMap(Int.init), "\(Self.title(slide))")
      #expect(minutes > 0)
      #expect(slide.all("p", class: "timer").first?.text == "\(minutes):00")
      #expect(slide.all("p", class: "timer").first?["role"] == "timer")
    }
    let first = try #require(steps.first)
    #expect(
      Self.title(first)
        == "1. Hvilke elementer fra dagens to første oplæg er særlig interessante set i forhold til jeres projekt/udfordring?"
    )
    #expect(first["data-minutes"] == "5")
    #expect(first.all("p", class: "facts").first?.text == "I grupper på 3-5 · 5 min")
    #expect(first.all("p", class: "kicker").first?.text == "Gruppeøvelse")
  }

  /// One `.slide` per step, exercise by exercise, as the schedule lays them out.
  @Test func oneSlidePerStep() throws {
    let schedule = try #require(KitSamples.check(KitSamples.april).schedule)
    let expected = schedule.parts.flatMap { part in
      part.steps.filter { $0.step.kind != .section }.map { step in
        (step.questionLabel.map { "\($0). " } ?? "") + step.step.text
      }
    }
    #expect(schedule.parts.allSatisfy { $0.steps.allSatisfy { $0.rounds.isEmpty } }, "no rounds on 18 April")
    #expect(slides.filter { $0.hasClass("step") }.map(Self.title) == expected)
    #expect(expected.count == 20)
  }

  /// A section heading has no slide of its own: the slides of its steps carry it after the
  /// exercise's title, so "a." is never seen without the "1." it belongs to.
  @Test func stepSlidesCarryTheirSectionHeading() throws {
    let kickers = slides.filter { $0.hasClass("step") && Self.title($0).hasPrefix("a. Hvad er det vi") }
      .map { $0.all("p", class: "kicker").first?.text }
    #expect(kickers == ["Gruppeøvelse · 2. Bibliotekets styrker og aktiver"])
    let first = try #require(slides.first { $0.hasClass("step") })
    #expect(first.all("p", class: "kicker").first?.text == "Gruppeøvelse")
  }

  @Test func exerciseOpensWithTitlePurposeGroupWorkAndMinutes() throws {
    let opening = try #require(slides.first { $0.hasClass("exercise") })
    #expect(Self.title(opening) == "Gruppeøvelse")
    #expect(opening.all("p", class: "subtitle").first?.text == "Gruppeøvelse – Fokus på roller og kompetencer")
    #expect(opening.all("p", class: "purpose").first?.text.hasPrefix("At koble formiddagens to oplæg") == true)
    // Its plenary round is marked as such: the flow of its group work, with the minutes.
    #expect(opening.all("p", class: "facts").first?.text == "23 min i grupper på 3-5 → 12 min alle sammen · 35 min")
    #expect(opening["data-minutes"] == nil, "the steps are timed, not the opening")
  }

  @Test func referenceCardsAreSlidesOfAFewCardsEach() {
    let reference = slides.filter { $0.hasClass("reference") }
    let terms = reference.flatMap { $0.all("dt") }.map(\.text)
    #expect(terms.prefix(4) == ["Dialog", "Kreativitet", "Fællesskab", "Indflydelse"])
    #expect(terms.suffix(5) == ["Glance", "Date", "Engagement", "Marriage", "Divorce"])
    #expect(reference.allSatisfy { $0.all("dt").count <= Slides.termsPerSlide })
    #expect(reference.allSatisfy { $0.all("dd").count == $0.all("dt").count }, "each term with its explanation")
    #expect(reference.map(Self.title).contains("Fire dimensioner af brugerinvolvering"))
    #expect(reference.map(Self.title).contains("Partnerskabstyper"))
  }

  /// A set that would take more than two slides a term or two at a time goes two to a
  /// row: "Fif til det første møde" on one slide instead of four, the English sample's ten
  /// library partnerships on three instead of nine, each slide but the last with two rows or
  /// more. "Fire dimensioner", whose four do not fit one slide even so, keeps a term a slide
  /// in large type rather than two small ones on each.
  @Test func aLongSetOfTermsGoesTwoToARow() throws {
    let tips = slides.filter { $0.hasClass("reference") && Self.title($0).hasPrefix("Fif til det første møde") }
    #expect(tips.count == 1)
    #expect(tips.first?.all("dl").first?.hasClass("tiles") == true)
    #expect(
      tips.first?.first("dl")?.children.map { $0.children.map(\.name) } == Array(repeating: ["dt", "dd"], count: 4))
    let english = Self.slides(try KitSamples.xhtml("slides.xhtml", of: KitSamples.english)).filter {
      $0.hasClass("reference") && Self.title($0).hasPrefix("Examples of library partnerships")
    }
    #expect(english.map { $0.all("dt").count } == [4, 4, 2])
    #expect(english.allSatisfy { $0.first("dl")?.hasClass("tiles") == true })
    let dimensions = slides.filter { $0.hasClass("reference") && Self.title($0).hasPrefix("Fire dimensioner") }
    #expect(dimensions.map { $0.all("dt").count } == [1, 1, 1, 1])
    #expect(dimensions.allSatisfy { $0.first("dl")?.hasClass("tiles") == false })
  }

  @Test func nextStepsListTheFollowUpQuestionsAtMostFourASlide() throws {
    let next = slides.filter { $0.hasClass("next-steps") }
    #expect(next.count == 2)
    #expect(next.map(Self.title) == ["Næste skridt", "Næste skridt (fortsat)"])
    #expect(next.allSatisfy { $0.all("li").count <= Slides.questionsPerSlide })
    #expect(next.allSatisfy { $0.all("p", class: "kicker").first?.text == "Til 3. møde" })
    #expect(
      next.flatMap { $0.all("li") }.map(\.text).first
        == "Hvad kunne være 1-2 handlinger, som vi afprøver inden næste møde?")
    #expect(next.flatMap { $0.all("li") }.count == 5)
    #expect(next.last?.first("ol")?["start"] == "4")
    #expect(slides.dropLast().last?.hasClass("next-steps") == true, "just before the closing slide")
  }

  /// Nothing facilitator-only: no invitation, setup, notes, variations, preparation or step notes.
  @Test func noFacilitatorOnlyText() throws {
    let check = KitSamples.check(KitSamples.april)
    let program = try #require(check.program)
    var hidden: [String] = program.agenda.flatMap(\.parts).compactMap(\.notes)
    for exercise in program.exercises {
      hidden += [exercise.invitation, exercise.setup].compactMap { $0 }
      hidden += exercise.notes + exercise.variations + exercise.prepare + exercise.materials.map(\.item)
      hidden += exercise.steps.compactMap(\.note)
    }
    #expect(hidden.count > 10)
    let all = deck.allTextAndAttributes
    for text in hidden { #expect(!all.contains(text), "facilitator-only text on a slide: \(text)") }
    #expect(!all.contains("Nu har I hørt to oplæg"), "the invitation of the group exercise")
    #expect(!all.contains(program.facilitator ?? "—"))
  }

  /// The script sits in a CDATA section, as written: no escaped `<` or `&` in it.
  @Test func theScriptIsInlineAndKeptAsWritten() throws {
    let scripts = deck.all("script")
    #expect(scripts.count == 1)
    #expect(scripts.first?["src"] == nil)
    #expect(scripts.first?.text.contains(SlideDeckScript.script) == true)
    #expect(text.components(separatedBy: "<script").count == 2)
    #expect(text.contains("<script>//<![CDATA[\n(function () {"))
    #expect(text.contains("})();\n//]]></script>"))
    #expect(text.contains("index = Math.max(0, Math.min(count - 1, index));"))
    #expect(text.contains("if (current >= 0)"), "the script's < and > stay as written")
    #expect(!text.contains("src=") && !text.contains("<link"), "no external file")
  }

  /// A `]]>` inside a CDATA section cannot end it early: libxml2 writes two sections.
  @Test func cdataKeepsItsTextWhole() throws {
    let document = XHTMLDocument(language: "da", title: "t")
    let raw = "if (a < b && c) { x = y[z[0]]> 1; }"
    document.body.element("script").cdata(raw)
    let text = try document.serializedString()
    #expect(text.contains("<![CDATA[if (a < b && c) { x = y[z[0]]]]><![CDATA[> 1; }]]>"))
    #expect(try KitXML.parse(text).first("script")?.text == raw)
  }

  @Test func printsOneSixteenByNinePagePerSlide() {
    let style = deck.first("style")?.text ?? ""
    #expect(style.contains("@page { size: 254mm 142.875mm; margin: 0; }"))
    #expect(style.contains("break-after: page"))
    #expect(!style.contains(">") && !style.contains("&"), "written by libxml2 without escapes")
  }

  /// The 3 June meeting's recap: each pair's commitment, never its status or stage.
  @Test func recapShowsCommitmentsOnly() throws {
    let june = try KitSamples.xhtml("slides.xhtml", of: KitSamples.june)
    let all = Self.slides(june)
    let recap = all.filter { $0.hasClass("recap") }
    #expect(!recap.isEmpty)
    let opening = try #require(all.firstIndex { $0.hasClass("begin") && Self.title($0) == "Opsamling fra 2. møde" })
    #expect(all[opening + 1].hasClass("recap"), "the recap follows the agenda's recap")
    #expect(recap.first.map(Self.title) == "Opsamling fra 2. møde")
    let who = recap.flatMap { $0.all("dt") }.map(\.text)
    #expect(who.first == "Makkerpar A – Lone Bisgaard og Jakob Friis")
    let commitments = recap.flatMap { $0.all("dd") }.map(\.text)
    #expect(
      commitments.first
        == "Invitere den lokale boligforenings beboerrådgiver til en kop kaffe og en snak om lektiecafé for unge.")
    #expect(commitments.contains("Kortlægge, hvem i nærområdet der allerede har kontakt til unge uden uddannelse."))
    let text = recap.map(\.allTextAndAttributes).joined()
    for status in FollowUpAnswer.Status.allCases { #expect(!text.contains(Language.da(status.label))) }
    for word in ["Status", "Partnerskabets stadie", "Glance", "Date", "Engagement", "Marriage", "Divorce"] {
      #expect(!text.contains(word), "\(word) on a recap slide")
    }
    #expect(!text.contains("Vi laver en kort dagsorden"), "only the commitment, not every answer")
    #expect(recap.allSatisfy { $0.all("dd").count <= Slides.commitmentsPerSlide })
  }

  /// A step with rounds gets a slide per round, each timed with one round's minutes.
  @Test func aStepWithRoundsGetsASlidePerRound() throws {
    let deck = try KitSamples.xhtml("slides.xhtml", of: "samskabelseslaboratoriet/2017-03-30.yaml")
    let rounds = Self.slides(deck).filter { $0.hasClass("step") && Self.title($0).hasPrefix("Sparringsrunde.") }
    #expect(rounds.count == 3)
    #expect(rounds.map { $0["data-minutes"] } == ["11", "11", "11"])
    #expect(
      rounds.map { $0.all("p", class: "facts").first?.text ?? "" } == [
        "I grupper på 3 · 11 min · Runde 1 af 3", "I grupper på 3 · 11 min · Runde 2 af 3",
        "I grupper på 3 · 11 min · Runde 3 af 3",
      ])
    let steps = Self.slides(deck).filter { $0.hasClass("step") }
    #expect(steps.contains { $0.all("p", class: "facts").first?.text == "Alene · 1 min" }, "1-2-4-All's first step")
  }

  @Test func subQuestionsAreListedAsABC() throws {
    let deck = try KitSamples.xhtml("slides.xhtml", of: "samskabelseslaboratoriet/2017-04-27.yaml")
    let slide = try #require(Self.slides(deck).first { Self.title($0) == "1. HVEM? Guldet i nabolaget" })
    let asks = try #require(slide.all("ol", class: "asks").first)
    #expect(asks["type"] == "a")
    #expect(asks.all("li").first?.text == "Hvem har vi i projektets lokalområde, som vi kunne tænke partnerskab med?")
  }

  /// Two days: the program of each day opens that day, headed with the day.
  @Test func aProgramOfTwoDaysGetsAProgramSlidePerDay() throws {
    let deck = try KitSamples.xhtml("slides.xhtml", of: "samskabelseslaboratoriet/2017-04-27.yaml")
    let all = Self.slides(deck)
    let agenda = all.filter { $0.hasClass("agenda") }
    let days = agenda.compactMap { $0.all("p", class: "subtitle").first?.text }
    #expect(days.count == agenda.count)
    #expect(days.first?.hasPrefix("Dag 1 – torsdag den 27. april 2017") == true)
    #expect(days.last?.hasPrefix("Dag 2 – fredag den 28. april 2017") == true)
    let secondDay = try #require(
      all.firstIndex { $0.all("p", class: "subtitle").first?.text.hasPrefix("Dag 2") == true })
    #expect(all[secondDay - 1].hasClass("agenda") == false, "day 2's program follows day 1's last part")
  }

  @Test func englishDeckUsesEnglishWordsAndClock() throws {
    let deck = try KitSamples.xhtml("slides.xhtml", of: KitSamples.english)
    #expect(deck["lang"] == "en")
    #expect(deck.first("body")?["data-clock-separator"] == ":")
    let all = Self.slides(deck)
    #expect(all.contains { Self.title($0) == "Programme for the day" })
    #expect(all.last.map(Self.title) == "See you on 14 January!")
  }

  /// Format v1.1: an exercise in English in a Danish program keeps its language, marked for
  /// screen readers, while the deck's own words stay Danish; no notes, variations or
  /// preparation; rounds each with their minutes.
  @Test func anExerciseInAnotherLanguageIsMarkedAndFacilitatorTextStaysOut() throws {
    let (scratch, kit) = try KitFormatV11Tests.build()
    _ = scratch
    let text = try KitFiles.text(kit.appendingPathComponent("slides.xhtml"))
    let all = Self.slides(try KitXML.parse(text))
    let checkIn = try #require(all.first { Self.title($0) == "1. How do you arrive today?" })
    #expect(checkIn.first("h2")?["lang"] == "en")
    #expect(checkIn.first("h2")?["xml:lang"] == "en")
    #expect(checkIn["lang"] == nil, "the slide's own words are the program's")
    #expect(checkIn.all("p", class: "facts").first?.text.hasPrefix("Alene · ") == true)
    let danish = try #require(all.first { Self.title($0) == "1. HVEM? partnerskaber" })
    #expect(danish.first("h2")?["lang"] == nil)
    for facilitatorOnly in ["Hold tiden.", "To runder i stedet for tre.", "Lav grupper på tre.", "Klienten skifter"] {
      #expect(!text.contains(facilitatorOnly), "\(facilitatorOnly)")
    }
    let rounds = all.filter { Self.title($0) == "Klienten fortæller, konsulenterne lytter og rådgiver." }
    #expect(rounds.count == 6, "three rounds on each day")
    #expect(rounds.allSatisfy { $0["data-minutes"] == "6" })
    #expect(
      all.filter { $0.hasClass("agenda") }.compactMap { $0.all("p", class: "subtitle").first?.text } == [
        "Dag 1 – torsdag den 18. april 2013", "Dag 2 – fredag den 19. april 2013",
      ])
  }

  /// A break that ends the day ("Evaluering og farvel") is not counted down to a "back at"
  /// time when nothing comes after it; a break during the day is.
  @Test func aBreakThatEndsTheDayHasNoBackAt() throws {
    let scratch = try KitScratch()
    let file = try scratch.write(
      "programs/slut.yaml",
      """
      title: Testdag
      date: 2013-04-18
      agenda:
        - time: 09.00-09.45
          kind: talk
          title: Velkomst
        - time: 09.45-10.00
          kind: break
          title: Kaffe
        - time: 10.00-10.45
          kind: plenary
          title: Dialog
        - time: 10.45-11.00
          kind: break
          title: Evaluering og farvel

      """)
    let report = KitBuilder(
      exerciseDirectory: scratch.path("exercises").path, outputDirectory: scratch.path("out").path
    )
    .build(programFiles: [file.path])
    #expect(report.builtCount == 1, "\(report.diagnostics.map(\.description))")
    let deckFile = try #require(scratch.files(under: "out").first { $0.hasSuffix("slides.xhtml") })
    let deck = try KitXML.parse(try KitFiles.text(scratch.path("out/" + deckFile)))
    let coffee = try #require(Self.slides(deck).first { Self.title($0) == "Kaffe" })
    #expect(coffee.all("p", class: "back-at").first?.text == "Vi fortsætter kl. 10.00")
    #expect(coffee.all("p", class: "timer").count == 1)
    let farewell = try #require(Self.slides(deck).first { Self.title($0) == "Evaluering og farvel" })
    #expect(farewell.all("p", class: "back-at").isEmpty && farewell.all("p", class: "timer").isEmpty)
    #expect(farewell.all("p", class: "kicker").first?.text == "10.45–11.00 · Pause")
  }

  /// Markup in the input is text on the slides too; the deck's one script is its own.
  @Test func hostileInputStaysText() throws {
    let scratch = try KitScratch()
    try KitEscapingTests.buildHostileProgram(in: scratch)
    let text = try KitFiles.text(scratch.path("out/farlig/2024-03-01/slides.xhtml"))
    let root = try KitXML.parse(text)
    #expect(root.all("script").count == 1)
    #expect(root.all("img").isEmpty)
    #expect(text.components(separatedBy: "<script").count == 2)
    #expect(root.first("h1")?.text == KitEscapingTests.title)
    #expect(Self.slides(root).map(Self.title).contains("1. " + KitEscapingTests.question))
    #expect(!root.allTextAndAttributes.contains(KitEscapingTests.notes), "notes are for the facilitator")
  }

  /// Long texts on the slides that had one size: the title slide's heading, a talk's, a
  /// recap's commitments and a reference slide's heading get smaller type where the
  /// estimate says they would run off; the samples' keep theirs.
  @Test func longTitlesAndCommitmentsGetSmallerType() {
    let meeting = "2. møde – torsdag den 18. april 2013"
    #expect(
      SlideType.titleSize(
        "Civilsamfundet – Metoder til samarbejder og brugerinvolvering", course: nil, meeting: meeting, venue: nil)
        == "")
    let title =
      "Civilsamfundet og de lokale fællesskaber – metoder til samarbejder, samskabelse og brugerinvolvering på "
      + "tværs af forvaltninger, foreninger og biblioteker i hovedstadsområdet"
    let course = "Fagligt udviklingsforløb for bibliotekarer, frivillige koordinatorer og kommunale medarbejdere"
    let venue =
      "Københavns Hovedbibliotek, Krystalgade 15, 1172 København K – 4. sal, Store Mødesal (indgang fra gården)"
    #expect(
      SlideType.titleSize("Civilsamfundet og de lokale fællesskaber", course: course, meeting: meeting, venue: venue)
        == "")
    #expect(SlideType.titleSize(title, course: course, meeting: meeting, venue: venue) != "")

    let talk = "Velkomst og introduktion til forløbet – hvorfor samarbejde på tværs af forvaltninger"
    #expect(SlideType.beginSize("Oplæg", kicker: "09.00–09.40 · Oplæg", presenters: "Anne", isRest: false) == "")
    let presenters =
      "Caroline Amalie Dannebrog-Ømålsen, Vicedirektør, Kultur- og Fritidsforvaltningen, Københavns Kommune, "
      + "med ansvar for bibliotekerne og borgerservice"
    #expect(SlideType.beginSize(talk, kicker: "09.00–09.40 · Oplæg", presenters: nil, isRest: false) == "")
    let long = talk + ", foreninger og biblioteker er blevet en nødvendighed og ikke blot en mulighed i de kommende år"
    #expect(SlideType.beginSize(long, kicker: "09.00–09.40 · Oplæg", presenters: presenters, isRest: false) != "")
    // A break's title is larger, and its countdown below takes room too.
    #expect(SlideType.beginSize("Frokost", kicker: "11.30–12.15", presenters: nil, isRest: true) == "")
    #expect(SlideType.beginSize(long, kicker: "11.30–12.15", presenters: nil, isRest: true) == "longer")

    // An exercise's opening, under its own title where the part has another.
    #expect(SlideType.openingSize("Gruppeøvelse", subtitle: "Partnerskabsideer", presenters: nil) == "")
    let part =
      "Mapping the neighbourhood together – associations, places, people who know everybody, and the two we invite"
    let exercise =
      "Mapping the neighbourhood – who is already there, what do they bring, and what would it take for them to join "
      + "a lasting partnership with the municipality and the library?"
    #expect(SlideType.openingSize(part, subtitle: exercise, presenters: nil) != "")

    let short = [(who: "Makkerpar A", commitment: "Invitere beboerrådgiveren til kaffe.")]
    #expect(SlideType.commitmentsSize(short, room: 30) == "")
    let answer = String(
      repeating: "Vi vil afprøve en samtalecafé for ældre mænd sammen med aktivitetscentret. ", count: 8)
    #expect(SlideType.commitmentsSize([(who: "Makkerpar A", commitment: answer)], room: 30) != "")
  }

  @Test func splitFillsAsFewSlidesAsPossibleAndEvensThem() {
    #expect(Slides.split(Array(1...5), most: 4, room: 100) { _ in 1 } == [[1, 2, 3], [4, 5]])
    #expect(Slides.split(Array(1...4), most: 4, room: 100) { _ in 1 } == [[1, 2, 3, 4]])
    #expect(Slides.split([5, 1, 1, 5], most: 8, room: 6) { Double($0) } == [[5, 1], [1, 5]])
    #expect(Slides.split([9, 1], most: 8, room: 6) { Double($0) } == [[9], [1]], "too tall alone still gets a slide")
    #expect(Slides.split([Int](), most: 4, room: 6) { Double($0) }.isEmpty)
  }

  @Test func linesWrapAtSpacesAndBreakLongWords() {
    // 10 characters a line at size 1 in a width of 5.8.
    #expect(SlideType.lines("aaaa bbbb", width: 5.8, size: 1) == 1)
    #expect(SlideType.lines("aaaa bbbb cc", width: 5.8, size: 1) == 2)
    #expect(SlideType.lines(String(repeating: "x", count: 25), width: 5.8, size: 1) == 3)
    #expect(SlideType.lines("", width: 5.8, size: 1) == 1)
    // Runs of spaces and line breaks separate words once; a word is counted in characters.
    #expect(SlideType.lines("  aaaa \n\n bbbb ", width: 5.8, size: 1) == 1)
    #expect(SlideType.lines("æøåæø ææøøå", width: 5.8, size: 1) == 2)
    #expect(
      SlideType.lines("e\u{301}e\u{301}e\u{301}e\u{301}e\u{301} e\u{301}e\u{301}e\u{301}e\u{301}", width: 5.8, size: 1)
        == 1)
    // Texts of one-scalar characters are measured on bytes, others by characters: the same
    // count as the words split by characters, with letters beyond ASCII, combining marks,
    // emoji and a carriage return.
    func byCharacters(_ text: String, perLine: Int) -> Int {
      var fill = LineFill(perLine: perLine)
      for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) { fill.place(word.count) }
      return fill.lines
    }
    let texts = [
      "Hvad tager du med dig fra i dag?", "æøå ÆØÅ æøå", "Café naïve", "Cafe\u{301} nai\u{308}ve",
      "👩‍👩‍👧 familie 🇩🇰", "linje\r\nto", "ø\u{AD}ø", String(repeating: "å", count: 13) + " x",
    ]
    for text in texts {
      for width in [5.8, 7.0, 11.0] {
        #expect(SlideType.lines(text, width: width, size: 1) == Double(byCharacters(text, perLine: Int(width / 0.54))))
      }
    }
  }
}
