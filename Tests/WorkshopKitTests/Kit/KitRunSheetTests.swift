import Foundation
import Testing

@testable import WorkshopKit

/// The facilitator's run sheet of the reference day.
@Suite struct KitRunSheetTests {
  let runSheet: KitNode
  let schedule: Schedule

  init() throws {
    runSheet = try KitSamples.xhtml("facilitator.xhtml", of: KitSamples.april)
    schedule = try #require(KitSamples.check(KitSamples.april).schedule)
  }

  private var stepRows: [(time: String, minutes: String, text: String)] {
    runSheet.all("tr", class: "step").map { row in
      let cells = row.all("td")
      return (
        cells.first?.text ?? "", row.all("td", class: "minutes").first?.text ?? "",
        cells.last?.text ?? ""
      )
    }
  }

  /// What to prepare and bring is needed first: on the first page, under the overview; the
  /// steps, the recap and the presenters follow on without a forced page break, so no page
  /// is left half empty before them, and the check's word ("no warnings") comes last.
  @Test func theChecklistsFollowTheOverviewAndNothingForcesANewPage() throws {
    let june = try KitSamples.xhtml("facilitator.xhtml", of: KitSamples.june)
    let body = try #require(june.first("main"))
    let order = body.children.map { $0.classes.first ?? $0.name }
    #expect(order == ["header", "overview", "checklists", "run", "recap", "muted"], "\(order)")
    #expect(body.children.allSatisfy { !$0.hasClass("page") })
  }

  /// The roster's pairs go by their labels on the run sheet and the slides, as the follow-up
  /// forms name them ("Makkerpar A"), not by numbers that match nothing on the forms.
  @Test func pairsGoByTheLabelsTheFormsUse() throws {
    let forms = try KitSamples.xhtml("followup.xhtml", of: KitSamples.april).all("div", class: "form")
    let labels = forms.compactMap { $0.first("legend")?.text.components(separatedBy: "Makkerpar ").last }
    #expect(labels == ["A", "B", "C", "D"])
    let slides = try KitSamples.xhtml("slides.xhtml", of: KitSamples.april)
    for document in [runSheet, slides] {
      let lists = document.all("ol", class: "groups").filter { list in
        list.all("li").count == 4 && list.all("li")[0].text.contains("Jakob Friis")
          && list.all("li")[0].text.hasPrefix("Lone Bisgaard")
      }
      #expect(!lists.isEmpty)
      for list in lists {
        #expect(list.all("li").map { $0["style"] ?? "" } == labels.map { "list-style-type: \"\($0).  \"" })
      }
    }
    // Groups keep their numbers.
    let groups = runSheet.all("ol", class: "groups").filter {
      $0.all("li").count == 2 && $0.all("li")[0]["style"] == nil
    }
    #expect(!groups.isEmpty)
  }

  /// A label is the roster's text: in the marker it stays one CSS string, whatever it holds.
  @Test func aPairLabelStaysOneCSSString() throws {
    var schedule = self.schedule
    let label = "A\"; color: red; x: \"\\"
    for index in schedule.program.participants.indices where schedule.program.participants[index].pair == "A" {
      schedule.program.participants[index].pair = label
    }
    var input = KitInput(schedule: schedule)
    var history = GroupPlanner.History()
    input.groups = GroupPlanner.plan(schedule, history: &history).0
    let bytes = try XHTMLDocument.rendered { RunSheet.render(input) }
    let sheet = try KitXML.parse(String(decoding: bytes, as: UTF8.self))
    let styles = sheet.all("ol", class: "groups").compactMap { list -> String? in list.all("li").first?["style"] }
    let first = try #require(styles.first)
    #expect(first == #"list-style-type: "A\"; color: red; x: \"\\.  ""#)
  }

  /// The pairs and groups are announced as an exercise opens: under its introduction,
  /// before its steps, each list kept on one page.
  @Test func groupsComeBeforeTheSteps() throws {
    let blocks = runSheet.all("div", class: "step-block").filter { !$0.all("ol", class: "groups").isEmpty }
    #expect(blocks.count >= 2)
    for block in blocks {
      let kinds = block.children.map { child in
        child.hasClass("step-intro") ? "intro" : child.hasClass("split") ? "groups" : child.name
      }
      let firstSteps = try #require(kinds.firstIndex(of: "table"), "\(kinds)")
      #expect(kinds.first == "intro" && kinds[1..<firstSteps].allSatisfy { $0 == "groups" }, "\(kinds)")
      #expect(block.all("div", class: "split").allSatisfy { $0.all("ol", class: "groups").count == 1 })
    }
  }

  @Test func headerNamesDayFacilitatorAndSpan() throws {
    let header = try #require(runSheet.first("header"))
    #expect(header.first("h1")?.text == "Civilsamfundet – Metoder til samarbejder og brugerinvolvering")
    let texts = header.all("p").map(\.text)
    #expect(texts.contains("2. møde · torsdag den 18. april 2013 · 08.45–15.00"))
    #expect(texts.contains("Hanne Kjærgaard"))
  }

  /// A talk by two presenters names each of them once, as those who lead it, an
  /// affiliation in brackets after the one it belongs to, not seeming to be both's.
  @Test func twoPresentersAreNamedOnce() throws {
    let sheet = try KitSamples.xhtml("facilitator.xhtml", of: "samskabelseslaboratoriet/2017-04-27.yaml")
    let facts = sheet.all("p", class: "muted").map(\.text).filter { $0.contains("Mette Skovgaard") }
    #expect(facts.first == "Oplæg · Leder: Lars Brøndum og Mette Skovgaard (Projektleder, Kultur og Fritid)")
    #expect(facts.filter { $0.contains("Lars Brøndum") }.count == 1)
  }

  @Test func everyPartHasItsClockTimeAndDuration() {
    let headings = runSheet.all("div", class: "step-block").map { $0.first("h3")?.text ?? "" }
    #expect(headings.count == schedule.parts.count)
    for (heading, part) in zip(headings, schedule.parts) {
      #expect(heading == "\(part.span.formatted(.da)) · \(part.span.minutes) min · \(part.activity.title)")
    }
    #expect(headings.contains("10.55–11.30 · 35 min · Gruppeøvelse"))
  }

  @Test func everyExerciseStepHasItsClockTime() {
    let steps = schedule.parts.flatMap(\.steps).filter { $0.step.kind != .section }
    #expect(!steps.isEmpty)
    let rows = stepRows
    #expect(rows.count == steps.count)
    for (row, step) in zip(rows, steps) {
      #expect(row.time == step.span.formatted(.da))
      #expect(row.minutes == "\(step.span.minutes) min")
      #expect(row.text.contains(step.step.text))
    }
    #expect(rows.first?.time == "10.55–11.00")
    #expect(rows.first?.minutes == "5 min")
    // The group work is marked where it starts and where it changes, not on every step.
    #expect(
      rows.first?.text
        == "1. Hvilke elementer fra dagens to første oplæg er særlig interessante set i forhold til jeres projekt/udfordring? (i grupper på 3-5)"
    )
    #expect(rows[1].text.hasPrefix("2. Hvilke roller") && !rows[1].text.contains("(i grupper"))
    #expect(
      rows.contains {
        $0.time == "11.18–11.30" && $0.text.hasPrefix("→ Opsamling i plenum") && $0.text.contains("(alle sammen)")
      })
  }

  /// A section heading is a row of its own over its steps, with no clock: it takes no
  /// time, and the questions under it are lettered.
  @Test func sectionHeadingsStandOverTheirSteps() throws {
    let block = try #require(
      runSheet.all("div", class: "step-block").first {
        $0.first("h3")?.text.hasSuffix("Gruppeøvelse") == true && $0.text.contains("HVEM?")
      })
    let rows = block.all("tr").filter { $0.hasClass("step") || $0.hasClass("step-section") }
    let texts: [String] = rows.map { row in
      guard row.hasClass("step-section") else { return String(row.all("td").last?.text.prefix(14) ?? "") }
      return "# " + (row.first("strong")?.text.prefix(12) ?? "")
    }
    #expect(
      texts == [
        "# 1. HVEM? Gul", "a. Hvem har vi", "b. Hvem har al", "# 2. Bibliotek", "a. Hvad er det", "→ Hver gruppe ",
      ])
    let heading = try #require(rows.first)
    #expect(heading.all("td", class: "time").first?.text == "")
    #expect(heading.all("td", class: "minutes").first?.text == "")
    #expect(heading.text.contains("Én idé pr. post-it"), "the heading's note is for the facilitator")
    #expect(rows[1].all("td", class: "time").first?.text == "14.05–14.13")
  }

  @Test func timesUseEnDashAndDots() {
    for row in runSheet.all("tr") where !row.hasClass("step-section") {
      for time in row.all("td", class: "time").map(\.text) {
        // A step's span; a cue's moment.
        let pattern = row.hasClass("cue") ? /\d\d\.\d\d/ : /\d\d\.\d\d–\d\d\.\d\d/
        #expect(time.wholeMatch(of: pattern) != nil, "\(time)")
      }
    }
  }

  @Test func exercisesCarryWhatToSayAndTheSetup() throws {
    let block = try #require(
      runSheet.all("div", class: "step-block").first { $0.first("h3")?.text.hasPrefix("10.55–11.30") == true })
    let say = try #require(block.all("p", class: "say").first)
    #expect(say.text.hasPrefix("Sig: “Nu har I hørt to oplæg om inddragelse"))
    #expect(block.all("p").contains { $0.text.hasPrefix("Opstilling: Grupper på 3-5 ved hvert sit bord") })
    #expect(
      block.text.contains("Bed grupperne skrive rollerne på post-its, så de kan bruges i næste spørgsmål."),
      "step notes are on the run sheet")
  }

  /// Five minutes before the end of each exercise and each talk of 10 minutes or more: for
  /// an exercise, a row among its steps in time order, before the step it announces.
  @Test func timeCuesBeforeTheEndOfEachExerciseAndTalk() throws {
    let cues = runSheet.children.flatMap(\.descendantsAndSelf).filter { $0.hasClass("cue") }.map { cue in
      cue.name == "tr" ? cue.all("td").map(\.text).filter { !$0.isEmpty }.joined(separator: " — ") : cue.text
    }
    #expect(
      cues == [
        "09.55 — 5 minutter tilbage", "10.50 — 5 minutter tilbage", "11.25 — 5 minutter tilbage",
        "12.45 — 5 minutter tilbage", "13.10 — 5 minutter tilbage", "13.50 — 5 minutter tilbage",
        "14.00 — 5 minutter tilbage", "14.25 — 5 minutter tilbage", "14.55 — 5 minutter tilbage",
      ])
    // The group exercise's last step runs 11.18–11.30: its cue comes after it, last in the
    // table; every exercise's cue is in its step table, never after the tips.
    let group = try #require(
      runSheet.all("div", class: "step-block").first { $0.first("h3")?.text.hasSuffix("Gruppeøvelse") == true })
    #expect(group.all("tr").last?.hasClass("cue") == true)
    #expect(group.all("p", class: "cue").isEmpty)
    for table in runSheet.all("table", class: "steps") {
      let rows = table.all("tr")
      #expect(rows.count { $0.hasClass("cue") } <= 1)
      // In time order: no step row before the cue starts after it.
      if let index = rows.firstIndex(where: { $0.hasClass("cue") }) {
        let cueTime = rows[index].all("td")[0].text
        #expect(rows[..<index].allSatisfy { String($0.all("td")[0].text.prefix(5)) < cueTime })
        #expect(rows[(index + 1)...].allSatisfy { String($0.all("td")[0].text.prefix(5)) >= cueTime })
      }
    }
  }

  @Test func materialsChecklistForTheWholeDay() throws {
    let section = try #require(
      runSheet.all("section").first { $0.first("h2")?.text == "Materialer til dagen" })
    let list = try #require(section.all("ul", class: "checklist").first)
    let items = list.all("li").map(\.text)
    // The same item across exercises once, counted from the roster's groups, each exercise
    // by its own title; the card the kit prints says so.
    #expect(
      items == [
        "2 × Flipoverpapir og tusser (Gruppeøvelse – Fokus på roller og kompetencer: 2 grupper; "
          + "Partnerskaber – Guldet i nabolaget: 2 grupper)",
        "2 × Post-its (Gruppeøvelse – Fokus på roller og kompetencer: 2 grupper)",
        "4 × Kort med de fire dimensioner (Refleksion i makkerpar: 4 par; klippes ud af arket \"Kort til øvelserne\")",
        "Post-its i to farver (én til partnere, én til bibliotekets styrker) (Partnerskaber – Guldet i nabolaget)",
        "2 × Kort: Partnerskabstyper (Partnerskaber – Guldet i nabolaget: 2 grupper; klippes ud af arket \"Kort til øvelserne\")",
      ])
  }

  /// "Afslut med …" is printed where it is said: last in its block.
  @Test func aClosingInstructionComesLast() throws {
    let block = try #require(
      runSheet.all("div", class: "step-block").first {
        $0.first("h3")?.text.hasSuffix("Næste skridt – i makkerpar") == true
      })
    let paragraphs = block.all("p")
    #expect(paragraphs.last?.text == "Afslut med \"Vi ses den 3. juni!\"")
    #expect(paragraphs.last?["class"] == "say closing")
    #expect(paragraphs.filter { $0.text.hasPrefix("Afslut med") }.count == 1)
  }

  @Test func presentersWithTheirTimes() throws {
    let section = try #require(runSheet.all("section").first { $0.first("h2")?.text == "Oplægsholdere" })
    #expect(
      section.all("li").map(\.text) == [
        "Katrine Winther Adelsparre, Teamleder Hedemarken, Albertslund — 09.15–10.00 Inddragelse og medborgerskab",
        "Amalie Ørum — 10.15–10.55 Samarbejder på tværs af faglige grænser ud fra ungevejlednings-case",
        "Mette Keinicke, Gentofte Hovedbibliotek — 12.15–12.50 Brugerinvolvering med udgangspunkt i unge på biblioteket",
        "Stig Grøntved — 13.30–13.55 Partnerskaber",
      ])
  }

  /// No warnings is one line, not a box with a heading.
  @Test func noWarningsIsOneLine() throws {
    #expect(runSheet.all("section", class: "warnings").isEmpty)
    #expect(runSheet.all("p", class: "no-warnings").map(\.text) == ["Tjekket fandt ingen advarsler."])
  }

  /// A row whose title is its kind's word says it once: "Pause", not "Pause: Pause".
  @Test func noRepeatedLabelsInTheOverview() {
    let rows = runSheet.all("tr").map(\.text)
    #expect(!rows.contains { $0.contains("Pause: Pause") || $0.contains("Opsamling: Opsamling") })
    #expect(rows.contains { $0.contains("Pause") })
  }

  @Test func warningsBoxListsTheChecksWarnings() throws {
    let scratch = try KitScratch()
    let file = try scratch.write(
      "programs/kort-pause/2024-02-01.yaml",
      """
      title: Testdag
      date: 2024-02-01
      agenda:
        - time: 09.00-09.30
          kind: plenary
          title: Velkomst
        - time: 09.30-09.35
          kind: break
          title: Pause
        - time: 09.35-10.00
          kind: talk
          title: Oplæg

      """)
    let builder = KitBuilder(exerciseDirectory: KitRepo.exercises.path, outputDirectory: scratch.path("out").path)
    let report = builder.build(programFiles: [file.path])
    #expect(report.builtCount == 1)
    #expect(report.diagnostics.warningCount == 1)
    let sheet = try KitXML.parse(try KitFiles.text(scratch.path("out/kort-pause/2024-02-01/facilitator.xhtml")))
    let box = try #require(sheet.all("section", class: "warnings").first)
    // Last on the sheet: not between the overview and what to bring on the first page.
    #expect(sheet.first("main")?.children.last?.hasClass("warnings") == true)
    let items = box.all("li")
    #expect(items.count == 1)
    #expect(items.first?.first("code")?.text == "[break-length]")
    #expect(items.first?.text.contains("the break \"Pause\" is 5 minutes") == true)
    #expect(items.first?.text.contains("2024-02-01.yaml:7") == true)
    // The check's English in a Danish document is marked as English, and said to be.
    #expect(items.first?["lang"] == "en" && items.first?["xml:lang"] == "en")
    #expect(box.first("p")?.text == Label.warningsInEnglish.text(.da))
  }

  /// An exercise used twice with different `with:` values: both preparations are on the
  /// checklist. Without a roster, a material's `count` still says how many each takes.
  @Test func eachUseOfAnExerciseBringsItsOwnPreparationAndCount() throws {
    let scratch = try KitScratch()
    try scratch.write(
      "exercises/cafe.yaml",
      """
      title: Café om {emne}
      format: groups
      group-size: 3-4
      minutes: 20-30
      prepare:
        - Skriv "{emne}" på en flipover.
      materials:
        - { item: Post-its, per: participant, count: 2 }
        - { item: Tusser, per: group, count: 3 }
        - { item: Emnekort, card: true }
      reference:
        - { term: Emne, explanation: Det som bordet taler om. }
      steps:
        - ask: Hvad med {emne}?

      """)
    let file = try scratch.write(
      "programs/cafe/2024-02-01.yaml",
      """
      title: Testdag
      date: 2024-02-01
      agenda:
        - { time: 09.00-09.30, exercise: cafe, with: { emne: parker } }
        - { time: 09.30-09.45, kind: break, title: Pause }
        - { time: 09.45-10.15, exercise: cafe, with: { emne: skoler } }

      """)
    let builder = KitBuilder(
      exerciseDirectory: scratch.path("exercises").path, outputDirectory: scratch.path("out").path)
    let report = builder.build(programFiles: [file.path])
    #expect(report.builtCount == 1, "\(report.diagnostics)")
    let sheet = try KitXML.parse(try KitFiles.text(scratch.path("out/cafe/2024-02-01/facilitator.xhtml")))
    let lists = sheet.all("ul", class: "checklist").map { $0.all("li").map(\.text) }
    #expect(lists.first == ["Skriv \"parker\" på en flipover.", "Skriv \"skoler\" på en flipover."])
    let materials = lists.last ?? []
    #expect(materials.contains { $0.hasPrefix("Post-its") && $0.contains("2 pr. deltager") }, "\(materials)")
    #expect(materials.contains { $0.hasPrefix("Tusser") && $0.contains("3 pr. gruppe") }, "\(materials)")
    // The card marked by hand, with no per: one per group, as the card the kit adds itself.
    #expect(materials.contains { $0.hasPrefix("Emnekort") && $0.contains("1 pr. gruppe") }, "\(materials)")
  }

  /// The same exercise run twice with the same groups: the checklist names both runs, so
  /// the facilitator can judge whether the second needs its own (a new sheet for a new map).
  @Test func anExerciseRunTwiceIsNamedTwiceOnTheChecklist() throws {
    let scratch = try KitScratch()
    try scratch.write(
      "exercises/kort.yaml",
      """
      title: Kortlægning
      format: groups
      group-size: 3-4
      minutes: 20-30
      materials:
        - { item: Flipoverpapir, per: group, count: 1 }
      steps:
        - do: Tegn et kort over kvarteret.

      """)
    let file = try scratch.write(
      "programs/kort/2024-02-01.yaml",
      """
      title: Testdag
      date: 2024-02-01
      agenda:
        - { time: 09.00-09.30, exercise: kort }
        - { time: 09.30-09.45, kind: break, title: Pause }
        - { time: 09.45-10.15, exercise: kort }

      """)
    let builder = KitBuilder(
      exerciseDirectory: scratch.path("exercises").path, outputDirectory: scratch.path("out").path)
    let report = builder.build(programFiles: [file.path])
    #expect(report.builtCount == 1, "\(report.diagnostics)")
    let sheet = try KitXML.parse(try KitFiles.text(scratch.path("out/kort/2024-02-01/facilitator.xhtml")))
    let materials = sheet.all("ul", class: "checklist").last?.all("li").map(\.text) ?? []
    #expect(materials == ["Flipoverpapir (Kortlægning: 1 pr. gruppe, 2 gange)"], "\(materials)")
  }
}
