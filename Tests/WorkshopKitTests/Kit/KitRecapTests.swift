import Foundation
import Testing

@testable import WorkshopKit

/// The 3 June 2013 meeting carries "Opsamling fra sidst": the answers from
/// `programs/civilsamfundet/followups/2013-04-18.yaml`.
@Suite struct KitRecapTests {
  static func recapSection(_ document: String) throws -> KitNode {
    let root = try KitSamples.xhtml(document, of: KitSamples.june)
    let sections = root.all("section", class: "recap")
    #expect(sections.count == 1, "one recap in \(document)")
    return try #require(sections.first)
  }

  /// A pair answered when an answer names its form ("Makkerpar D", typed in from paper)
  /// or either of them: neither is listed as not answered.
  @Test func aPairNamedByItsLabelHasAnswered() throws {
    let april = try #require(KitSamples.check(KitSamples.april).program)
    let exercise = try #require(april.followUpExercise)
    var recap = Recap(
      previousMeeting: april, exercise: exercise,
      answers: [FollowUpAnswer(who: "Makkerpar A – Lone Bisgaard", responses: ["Lektiecafé"])])
    #expect(RecapSection.notAnswered(recap).count == 6)
    recap.answers.append(FollowUpAnswer(who: "Makkerpar D", responses: ["Kaffe"]))
    #expect(
      RecapSection.notAnswered(recap) == ["Sanne Vestergaard", "Peter Kragh", "Mette Laursen", "Ali Demir"])
  }

  @Test(arguments: ["handout.xhtml", "facilitator.xhtml"])
  func recapHasTheAnswersOfThePreviousMeeting(_ document: String) throws {
    let recap = try Self.recapSection(document)
    let facilitator = document == "facilitator.xhtml"
    #expect(recap.first("h2")?.text == "Opsamling fra 2. møde", "the heading names the meeting it recaps")
    // Who has not answered is for the facilitator: the participants' handout does not name them.
    #expect(
      recap.all("p", class: "not-answered").map(\.text)
        == (facilitator ? ["Ikke besvaret: Karen Østergaard og Søren Bæk"] : []))
    // A summary table first: a row per answer, the commitment in a line; status on the run sheet only.
    let summary = try #require(recap.all("table", class: "recap-summary").first)
    #expect(
      summary.all("th").map(\.text)
        == (facilitator
          ? ["Hvem", "Forpligtelse", "Status", "Partnerskabets stadie"]
          : ["Hvem", "Forpligtelse", "Partnerskabets stadie"]))
    #expect(summary.all("tbody").first?.all("tr").count == 3)
    #expect(
      recap.all("p", class: "muted").first?.text
        == "Næste skridt – i makkerpar · 2. møde · torsdag den 18. april 2013")
    let cards = recap.all("div", class: "card")
    #expect(
      cards.map { $0.first("h3")?.text ?? "" } == [
        "Makkerpar A – Lone Bisgaard og Jakob Friis", "Makkerpar B – Sanne Vestergaard og Peter Kragh",
        "Makkerpar C – Mette Laursen og Ali Demir",
      ])
    // A person's status as the facilitator judged it stays on the run sheet.
    #expect(
      cards.first?.all("p", class: "muted").first?.text
        == (facilitator ? "Status: I gang · " : "") + "Partnerskabets stadie: Date")
    #expect(
      cards.dropFirst().first?.all("p", class: "muted").first?.text
        == (facilitator ? "Status: Færdig · " : "") + "Partnerskabets stadie: Engagement")
    #expect(cards.last?.all("p", class: "muted").first?.text == (facilitator ? "Status: Ikke startet" : nil))
    #expect(facilitator || !recap.text.contains("Status"))
    let first = cards.first
    #expect(
      first?.all("dt").first?.text == "1. Hvad kunne være 1-2 handlinger, som vi afprøver inden næste møde?")
    #expect(
      first?.all("dd").first?.text
        == "Invitere den lokale boligforenings beboerrådgiver til en kop kaffe og en snak om lektiecafé for unge.")
    // The plan beside what came of it: five answers, then three about what was done.
    #expect(first?.all("h4").map(\.text) == ["Planen", "Hvad der skete"])
    #expect(first?.all("dd").count == 5 + 3)
    #expect(first?.all("dt").last?.text == "3. Hvad tager I med?")
  }

  /// Someone not at the meeting (`absent:`) made no plan there, so has nothing to answer
  /// and gets no form; their partner worked with another pair on the day (as the run sheet
  /// pairs them) and shares that pair's form, answered when it is.
  @Test func whoWasAbsentIsNotListedAsNotAnswering() throws {
    let workspace = try KitWorkspace()
    try workspace.edit(
      "civilsamfundet/2013-04-18.yaml", replacing: "date: 2013-04-18\n",
      with: "date: 2013-04-18\nabsent: [Karen Østergaard]\n")
    let report = try workspace.build(into: "out")
    #expect(report.diagnostics.errorCount == 0, "\(report.diagnostics)")
    let forms = try KitFiles.text(workspace.scratch.path("out/civilsamfundet/2013-04-18/followup.xhtml"))
    #expect(forms.contains("Makkerpar A</legend>") || forms.contains("— Makkerpar A</legend>"))
    #expect(forms.contains("value=\"Lone Bisgaard, Jakob Friis, Søren Bæk\""), "Søren shares pair A's form")
    #expect(!forms.contains("Karen Østergaard") && !forms.contains("Makkerpar D"))
    let runSheet = try KitFiles.text(workspace.scratch.path("out/civilsamfundet/2013-06-03/facilitator.xhtml"))
    #expect(!runSheet.contains("Ikke besvaret"), "pairs A, B and C answered")
    #expect(!runSheet.contains("Karen Østergaard og"))
  }

  /// An empty answer is left out; the question numbers keep their place.
  @Test func unansweredQuestionsAreLeftOut() throws {
    let recap = try Self.recapSection("handout.xhtml")
    let pairC = try #require(recap.all("div", class: "card").last)
    #expect(pairC.all("dt").map(\.text).map { String($0.prefix(2)) } == ["1.", "3."])
    #expect(
      pairC.all("dd").map(\.text) == [
        "Kortlægge, hvem i nærområdet der allerede har kontakt til unge uden uddannelse.",
        "UU-vejledningen og den lokale boldklub.",
      ])
  }

  /// The run sheet points to last time's answers from the first recap on the agenda only:
  /// the closing "Opsamling og afslutning" sums up this meeting, not the last.
  @Test func onlyTheFirstRecapPointsToLastTimesAnswers() throws {
    let sheet = try KitSamples.xhtml("facilitator.xhtml", of: KitSamples.june)
    let pointers = sheet.all("div", class: "step-intro").filter { step in
      step.all("a").contains { $0["href"] == "#recap" }
    }
    #expect(pointers.map { $0.first("h3")?.text ?? "" } == ["09.15–09.45 · 30 min · Opsamling fra 2. møde"])
  }

  /// The recap comes after the day's program and before the first worksheet.
  @Test func recapPageFollowsTheProgram() throws {
    let root = try KitSamples.xhtml("handout.xhtml", of: KitSamples.june)
    let body = try #require(root.first("main"))
    let order = body.children.map { $0.classes.first ?? $0.name }
    let agenda = try #require(order.firstIndex(of: "agenda"))
    let recap = try #require(order.firstIndex(of: "recap"))
    let worksheet = try #require(order.firstIndex(of: "worksheet"))
    #expect(agenda < recap && recap < worksheet, "\(order)")
  }

  /// The recap of a meeting of two days names both, in the handout and on the slides.
  @Test func theRecapOfATwoDayMeetingNamesBothDays() throws {
    let both = "3. workshop · torsdag den 27. og fredag den 28. april 2017"
    for name in ["handout.xhtml", "slides.xhtml"] {
      let document = try KitSamples.document(name, of: "samskabelseslaboratoriet/2017-05-18.yaml")
      #expect(document.contains(both), "\(name)")
    }
  }

  /// The first meeting of the day has no previous meeting in the folder: no recap page.
  @Test func theReferenceDayHasNoRecapPage() throws {
    let handout = try KitSamples.xhtml("handout.xhtml", of: KitSamples.april)
    #expect(handout.all("section", class: "recap").isEmpty)
  }

  /// Without an answers file the recap says there are no answers yet.
  @Test func withoutAnswersTheRecapSaysSo() throws {
    let scratch = try KitScratch()
    let folder = KitRepo.programs.appendingPathComponent("civilsamfundet")
    for name in ["series.yaml", "2013-04-18.yaml", "2013-06-03.yaml"] {
      try scratch.write("programs/civilsamfundet/" + name, KitFiles.text(folder.appendingPathComponent(name)))
    }
    let builder = KitBuilder(exerciseDirectory: KitRepo.exercises.path, outputDirectory: scratch.path("out").path)
    let report = builder.build(programFiles: [scratch.path("programs/civilsamfundet/2013-06-03.yaml").path])
    #expect(report.builtCount == 1, "\(report.diagnostics)")
    let handout = try KitXML.parse(try KitFiles.text(scratch.path("out/civilsamfundet/2013-06-03/handout.xhtml")))
    let recap = try #require(handout.all("section", class: "recap").first)
    #expect(recap.all("p").map(\.text).last == "Ingen svar endnu")
    #expect(recap.all("div", class: "card").isEmpty)
  }

  /// The recap table's commitment: the first line of the first answer with words in it,
  /// "…" where the answer goes on, "—" for blanks.
  @Test(arguments: [
    (["Lektiecafé"], "Lektiecafé"),
    (["Linje et\nLinje to"], "Linje et …"),
    (["  \n ", "\n  Anden  \n"], "Anden"),
    (["   "], "—"),
    ([String](), "—"),
  ])
  func theRecapTablesCommitmentLine(_ responses: [String], _ line: String) {
    #expect(RecapSection.commitmentLine(FollowUpAnswer(who: "Makkerpar A", responses: responses)) == line)
  }
}
