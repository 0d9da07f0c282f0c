import Foundation
import Testing

@testable import WorkshopKit

/// The follow-up tracker of the reference day: a form per pair and the facilitator's table.
@Suite struct KitFollowUpTests {
  let tracker: KitNode

  static let questions = [
    "Hvad kunne være 1-2 handlinger, som vi afprøver inden næste møde?",
    "Hvordan skal dette forberedes?",
    "Hvem involverer det?",
    "Hvordan kunne en god proces for dette se ud?",
    "Hvad forventer I som output af disse handlinger?",
  ]
  static let stages = ["Glance", "Date", "Engagement", "Marriage", "Divorce"]

  init() throws {
    tracker = try KitSamples.xhtml("followup.xhtml", of: KitSamples.april)
  }

  @Test func dueAtTheNextMeeting() {
    // When and how to hand it in, on every pair's form: each is handed its own page, and
    // a pair, called "I" on its form, is told of its links as a pair.
    let due =
      "Udfyldes inden næste møde mandag den 3. juni 2013. Aflever skemaet til facilitatoren ved næste møde, "
      + "eller udfyld det via et af jeres personlige links, hvis I har fået dem."
    let forms = tracker.all("div", class: "form")
    #expect(forms.count == 4)
    #expect(forms.allSatisfy { $0.all("p", class: "due").map(\.text) == [due] })
    #expect(tracker.all("p", class: "box").isEmpty)
  }

  /// A meeting without a follow-up exercise: its form only says so and, printed, keeps the
  /// heading that names the meeting, which the forms' pages otherwise leave to each form.
  @Test func aFormWithoutAFollowUpKeepsItsHeadingPrinted() throws {
    let june = try KitSamples.xhtml("followup.xhtml", of: KitSamples.june)
    #expect(june.first("body")?.classes == ["follow-up", "no-follow-up"])
    #expect(june.first("main")?.first("header")?.first("h1") != nil)
    #expect(tracker.first("body")?.classes == ["follow-up"])
  }

  /// Printed, a page is a form: the running title heads the first page too, the heading
  /// above the forms shows on screen only, and each form's boxes are sized to fill its page.
  @Test func printedAFormToAPage() throws {
    let styles = tracker.all("style").map(\.text)
    #expect(
      styles.contains(
        "@page :first { @top-left { content: \"Civilsamfundet – Metoder til samarbejder og brugerinvolvering · "
          + "2. møde · torsdag den 18. april 2013\"; } }"))
    #expect(
      styles.contains { $0.contains(".follow-up:not(.tracker):not(.no-follow-up) main > header { display: none; }") })
    // Pair A's plan is known and printed, so its three report boxes share the room; pair D's
    // is not, so five small boxes for it come first and the report's boxes get less.
    let forms = tracker.all("div", class: "form")
    let rowsA = forms[0].all("textarea").map { Int($0["rows"] ?? "") ?? 0 }
    let rowsD = forms[3].all("textarea").map { Int($0["rows"] ?? "") ?? 0 }
    #expect(rowsA.count == 3 && rowsD.count == 8)
    #expect(rowsA.allSatisfy { $0 >= 3 })
    #expect(rowsD.suffix(3).reduce(0, +) < rowsA.reduce(0, +))
  }

  @Test func oneFormPerPair() {
    let legends = tracker.all("div", class: "form").map { $0.first("legend")?.text ?? "" }
    #expect(
      legends == ["A", "B", "C", "D"].map { "Næste skridt – i makkerpar — Makkerpar \($0)" })
    let names = tracker.all("div", class: "form").map { form in
      form.all("input").first { $0["type"] == "text" }?["value"] ?? ""
    }
    #expect(
      names == [
        "Lone Bisgaard, Jakob Friis", "Sanne Vestergaard, Peter Kragh", "Mette Laursen, Ali Demir",
        "Karen Østergaard, Søren Bæk",
      ])
  }

  /// Names too long for one line get a field of as many lines, so none is cut short on
  /// paper, and the answer boxes below give up the room they take.
  @Test func longNamesGetAFieldTheyFitIn() throws {
    let original = try #require(KitSamples.check(KitSamples.april).schedule)
    var schedule = original
    for index in schedule.program.participants.indices where schedule.program.participants[index].pair == "A" {
      schedule.program.participants[index].name += "-Østergaard-Bækgaard Christiansen Dannebrog-Ømålsen"
    }
    let long = schedule.program.participants.filter { $0.pair == "A" }.map(\.name).joined(separator: ", ")
    #expect(long.count > 85)
    func rendered(_ schedule: Schedule) throws -> [KitNode] {
      let bytes = try XHTMLDocument.rendered { FollowUpForm.render(KitInput(schedule: schedule)) }
      return try KitXML.parse(String(decoding: bytes, as: UTF8.self)).all("div", class: "form")
    }
    let forms = try rendered(schedule)
    let field = try #require(forms[0].all("textarea").first { $0["name"] == "name" })
    #expect(field.text == long)
    #expect(field["rows"] == "2")
    #expect(forms[0].all("input").allSatisfy { $0["type"] != "text" })
    // The other pairs' names fit on one line, as before.
    #expect(forms[1].all("input").first { $0["type"] == "text" }?["value"] == "Sanne Vestergaard, Peter Kragh")
    #expect(try rendered(original)[0].all("textarea").allSatisfy { $0["name"] != "name" })
    // On a full page, the lines the names take come off the answer boxes.
    let exercise = try #require(original.program.followUpExercise)
    let full = FollowUpForm.rows(exercise, legend: "A", plan: [], due: nil, names: "Lone Bisgaard", language: .da)
    let crowded = FollowUpForm.rows(
      exercise, legend: "A", plan: [], due: nil, names: String(repeating: long + ", ", count: 6), language: .da)
    #expect(FollowUpForm.nameLines(String(repeating: long + ", ", count: 6)) > 6)
    func total(_ rows: FollowUpForm.Rows) -> Int { (rows.answers + rows.plan).reduce(0, +) }
    #expect(total(crowded) < total(full))
  }

  static let reportQuestions = ["Hvad gjorde I?", "Hvad skete der?", "Hvad tager I med?"]

  /// With `report: true` the form shows the plan made on the day where the follow-up file
  /// knows it, then asks what was done; where the plan is not known, it asks for it too.
  @Test func theFormShowsThePlanThenAsksWhatWasDone() throws {
    let forms = tracker.all("div", class: "form")
    for form in forms {
      #expect(form.all("h3").map(\.text) == ["Jeres plan fra dagen", "Hvad der skete"])
      let report = try #require(form.all("div", class: "report").first)
      let areas = report.all("textarea")
      #expect(areas.map { $0["name"] ?? "" } == ["r1", "r2", "r3"])
      // Each textarea has a label pointing at it, with the numbered question.
      let labels = Dictionary(
        form.all("label").compactMap { label in label["for"].map { ($0, label.text) } },
        uniquingKeysWith: { first, _ in first })
      for (index, area) in areas.enumerated() {
        #expect(labels[area["id"] ?? ""] == "\(index + 1). \(Self.reportQuestions[index])")
      }
    }
    // Pair A's plan is in the follow-up file: printed as text, not asked again.
    let planA = try #require(forms.first?.all("div", class: "plan").first)
    #expect(planA.all("textarea").isEmpty)
    #expect(planA.all("dt").map(\.text) == Self.questions.enumerated().map { "\($0.offset + 1). \($0.element)" })
    #expect(
      planA.all("dd").first?.text
        == "Invitere den lokale boligforenings beboerrådgiver til en kop kaffe og en snak om lektiecafé for unge.")
    // Pair D has not answered: the plan is asked for, one box a question.
    let planD = try #require(forms.last?.all("div", class: "plan").first)
    #expect(planD.all("textarea").map { $0["name"] ?? "" } == ["q1", "q2", "q3", "q4", "q5"])
  }

  @Test func everyFormHasRadioButtonsForThePartnershipStages() {
    for form in tracker.all("div", class: "form") {
      let radios = form.all("input").filter { $0["type"] == "radio" }
      #expect(radios.map { $0["value"] ?? "" } == Self.stages)
      #expect(Set(radios.map { $0["name"] ?? "" }) == ["stage"])
      let group = form.all("fieldset", class: "options").first
      #expect(group?.first("legend")?.text == "Partnerskabets stadie")
    }
  }

  @Test func idsAreUniqueInTheDocument() {
    let ids = tracker.descendantsAndSelf.compactMap { $0["id"] }
    #expect(ids.count == Set(ids).count)
    #expect(ids.count > 20)
  }

  /// The tracker is not in the participants' forms: it is its own document.
  @Test func theFormsHoldNoTracker() {
    #expect(tracker.all("table").isEmpty)
    #expect(!tracker.text.contains("Status ved næste møde"))
  }
}

/// The facilitator's tracker of the reference day (`tracker.xhtml`).
@Suite struct KitTrackerTests {
  let tracker: KitNode

  init() throws {
    tracker = try KitSamples.xhtml("tracker.xhtml", of: KitSamples.april)
  }

  /// On a roster with `pair:` labels, those without one share forms as the planner pairs
  /// them: two by two, and one left over with the smallest pair (as `check` tells it).
  @Test func theUnlabelledShareFormsAsThePlannerPairsThem() throws {
    var program = try #require(KitSamples.check(KitSamples.april).program)
    func person(_ name: String, _ pair: String?) -> Participant {
      Participant(name: name, organisation: "X", pair: pair)
    }
    program.participants = [
      person("Anne", "A"), person("Bo", "A"), person("Carl", "B"), person("Dorte", "B"), person("Jonas", nil),
    ]
    #expect(
      FollowUpForm.respondents(program).map { "\($0.title): \($0.names.joined(separator: ", "))" } == [
        "Makkerpar A: Anne, Bo, Jonas", "Makkerpar B: Carl, Dorte",
      ])
    program.participants.append(person("Kim", nil))
    #expect(
      FollowUpForm.respondents(program).map(\.title) == ["Makkerpar A", "Makkerpar B", "Jonas og Kim"])
    // Without labels, each has a form of their own.
    program.participants = [person("Anne", nil), person("Bo", nil), person("Carl", nil)]
    #expect(FollowUpForm.respondents(program).map(\.title) == ["Anne", "Bo", "Carl"])
  }

  /// With partners away, the forms go to the pairs that worked together on the day, as the
  /// run sheet pairs them: those left alone together, an intact pair kept; nobody absent gets
  /// a form. The course report keeps the roster's pairs across meetings.
  @Test func theFormsGoToThePairsOfTheDay() throws {
    var program = try #require(KitSamples.check(KitSamples.april).program)
    let at = SourceLocation(file: program.file, line: 1, column: 1)
    program.absent = ["Peter Kragh", "Ali Demir", "Karen Østergaard"].map { Located($0, at: at) }
    #expect(
      FollowUpForm.respondents(program).map { "\($0.title): \($0.names.joined(separator: ", "))" } == [
        "Makkerpar A: Lone Bisgaard, Jakob Friis",
        "Mette Laursen, Sanne Vestergaard og Søren Bæk: Mette Laursen, Sanne Vestergaard, Søren Bæk",
      ])
    let schedule = try #require(KitSamples.check(KitSamples.april).schedule)
    var day = schedule
    day.program = program
    var history = GroupPlanner.History()
    let planned = GroupPlanner.plan(day, history: &history).0.last { $0.activity.exercise?.exercise?.followUp == true }
    #expect(
      planned?.assignments.first?.groups.map { Set($0.map(\.name)) }
        == FollowUpForm.respondents(program).map { Set($0.names) }, "the run sheet's pairs")
    #expect(
      FollowUpForm.respondents(program, onTheDay: false).map(\.title) == [
        "Makkerpar A", "Makkerpar B", "Makkerpar C", "Makkerpar D",
      ])
    // A trio on the roster with one away is still its pair, by its label.
    program.participants = ["Anne", "Bo", "Carl"].map { Participant(name: $0, organisation: "X", pair: "H") }
    program.absent = [Located("Carl", at: at)]
    #expect(FollowUpForm.respondents(program).map(\.title) == ["Makkerpar H"])
  }

  /// Pairs made by hand on the follow-up part (`groups:`) are who made the plans together:
  /// the forms go to them, as the run sheet and `groups` show them, not to the roster's pairs.
  @Test func theFormsFollowHandMadePairs() throws {
    let folder = try OneDefectTests.referenceCopy()
    let file = folder.url.appendingPathComponent("programs/civilsamfundet/2013-04-18.yaml")
    let text = try String(contentsOf: file, encoding: .utf8)
    let followUp = "      - exercise: naeste-skridt-i-makkerpar\n        minutes: 20\n"
    try #require(text.contains(followUp))
    try text.replacingOccurrences(
      of: followUp,
      with: followUp
        + "        groups: [[Lone Bisgaard, Jakob Friis], [Mette Laursen, Sanne Vestergaard, Karen Østergaard], "
        + "[Ali Demir, Søren Bæk]]\n"
    ).replacingOccurrences(of: "date: 2013-04-18\n", with: "date: 2013-04-18\nabsent: [Peter Kragh]\n")
      .write(to: file, atomically: true, encoding: .utf8)
    let check = Checker(exerciseDirectory: folder.url.appendingPathComponent("exercises").path)
      .check(programAt: file.path)
    #expect(!check.hasErrors, "\(check.diagnostics)")
    let schedule = try #require(check.schedule)
    let program = schedule.program
    #expect(
      FollowUpForm.respondents(program).map { "\($0.title): \($0.names.joined(separator: ", "))" } == [
        "Makkerpar A: Lone Bisgaard, Jakob Friis",
        "Mette Laursen, Sanne Vestergaard og Karen Østergaard: Mette Laursen, Sanne Vestergaard, Karen Østergaard",
        "Ali Demir og Søren Bæk: Ali Demir, Søren Bæk",
      ])
    var history = GroupPlanner.History()
    let planned = GroupPlanner.plan(schedule, history: &history).0.last {
      $0.activity.exercise?.exercise?.followUp == true
    }
    #expect(
      planned?.assignments.first?.groups.map { Set($0.map(\.name)) }
        == FollowUpForm.respondents(program).map { Set($0.names) }, "the run sheet's pairs")
    // The course report keeps the roster's pairs.
    #expect(FollowUpForm.respondents(program, onTheDay: false).count == 4)
  }

  /// Both of pair A answered online, each on their own: one row for the pair, the first
  /// answer in its fields and the other's commitment named under it, no row of its own.
  @Test func bothOfAPairAnsweringShareTheirRow() throws {
    let check = KitSamples.check(KitSamples.april)
    var input = KitInput(schedule: try #require(check.schedule))
    input.followUpAnswers = [
      FollowUpAnswer(who: "Makkerpar A – Lone Bisgaard", stage: "Date", responses: ["Lektiecafé"]),
      FollowUpAnswer(who: "Makkerpar A – Jakob Friis", stage: "Glance", responses: ["Kaffe med rådgiveren"]),
    ]
    let tracker = try KitXML.parse(Data(try XHTMLDocument.rendered { FollowUpTracker.render(input) }))
    let rows = try #require(tracker.all("table", class: "tracker").first?.first("tbody")).all("tr")
    #expect(
      rows.map { $0.first("strong")?.text ?? "" } == ["Makkerpar A", "Makkerpar B", "Makkerpar C", "Makkerpar D"])
    #expect(rows[0].first("textarea")?.text == "Lektiecafé")
    #expect(rows[0].all("p").map(\.text).contains("Makkerpar A – Jakob Friis: Kaffe med rådgiveren (Glance)"))
  }

  /// A row is headed by its pair's label with the names under it; a pair without a label
  /// is headed by its names, not named twice.
  @Test func aPairWithoutALabelIsNamedOnce() throws {
    let check = KitSamples.check(KitSamples.april)
    var schedule = try #require(check.schedule)
    schedule.program.participants = [
      Participant(name: "Anne", organisation: "X", pair: "A"), Participant(name: "Bo", organisation: "X", pair: "A"),
      Participant(name: "Jonas", organisation: "X"), Participant(name: "Kim", organisation: "X"),
    ]
    let input = KitInput(schedule: schedule)
    let tracker = try KitXML.parse(Data(try XHTMLDocument.rendered { FollowUpTracker.render(input) }))
    let rows = try #require(tracker.all("table", class: "tracker").first?.first("tbody")).all("tr")
    // The label, a line break, the names; before, "Jonas og Kim" had "Jonas, Kim" under it.
    #expect(
      rows.map { $0.first("th")?.text.trimmingCharacters(in: .whitespacesAndNewlines) } == [
        "Makkerpar AAnne, Bo", "Jonas og Kim",
      ])
  }

  @Test func aRowPerPairFilledInFromTheFollowUpFile() throws {
    let table = try #require(tracker.all("table", class: "tracker").first)
    #expect(
      table.first("thead")?.all("th").map(\.text) == [
        "Hvem", "Forpligtelse", "Status ved næste møde", "Partnerskabets stadie",
      ])
    let rows = table.first("tbody")?.all("tr") ?? []
    #expect(
      rows.map { $0.first("strong")?.text ?? "" } == ["Makkerpar A", "Makkerpar B", "Makkerpar C", "Makkerpar D"])
    // The commitment a field to write in, holding what the follow-up file says.
    let commitments = rows.map { $0.first("textarea")?.text ?? "" }
    #expect(commitments[1] == "Afprøve en samtalecafé for ældre mænd sammen med den lokale pensionistforening.")
    #expect(commitments[3] == "")
    // Real checkboxes, ticked from the answers: B is done, at Engagement; D has nothing ticked.
    func ticked(_ row: KitNode) -> [String] {
      row.all("input").filter { $0["type"] == "checkbox" && $0["checked"] != nil }.map { $0["value"] ?? "" }
    }
    #expect(ticked(rows[1]) == ["Færdig", "Engagement"])
    #expect(ticked(rows[0]) == ["I gang", "Date"])
    #expect(ticked(rows[3]).isEmpty)
    #expect(rows.allSatisfy { $0.all("input").filter { $0["type"] == "checkbox" }.count == 3 + 5 })
    // Where the answers came from is said above the table, so it never prints alone on a
    // page after it.
    let order = try #require(tracker.first("main")).children.map { $0.classes.first ?? $0.name }
    #expect(order.firstIndex(of: "muted").map { $0 < (order.firstIndex(of: "tracker") ?? 0) } == true, "\(order)")
    // Every checkbox is labelled.
    let labelled = Set(tracker.all("label").compactMap { $0["for"] })
    #expect(tracker.all("input").allSatisfy { labelled.contains($0["id"] ?? "") })
  }

  @Test func markedAsTheFacilitatorsOwn() {
    #expect(tracker.all("p", class: "muted").first?.text == "Opfølgningsoversigt – kun til facilitator")
  }
}
