import Foundation
import Testing
import WorkshopKit

@testable import WorkshopKitStore

/// The loop closed: answers saved online for the 18 April 2013 meeting come back on the
/// recap page ("Opsamling fra sidst") of the 3 June 2013 handout and run sheet, after
/// the paper answers from `followups/2013-04-18.yaml`.
@Suite(.timeLimit(.minutes(2))) struct StoreRecapTests {
  static let paperAnswers = [
    "Makkerpar A – Lone Bisgaard og Jakob Friis", "Makkerpar B – Sanne Vestergaard og Peter Kragh",
    "Makkerpar C – Mette Laursen og Ali Demir",
  ]

  static let karen = [
    "Spørge den lokale lokalhistoriske forening, om de vil lave fortælleaftener på biblioteket.",
    "Vi skriver et kort oplæg <b>med</b> tre datoer & en idé til plakaten.",
    "Foreningens formand og vores arrangementsansvarlige.",
    "Et møde i maj, to fortælleaftener i september.",
    "At foreningen får nye medlemmer, og at vi får nye brugere.",
  ]

  /// Issues links with `workshopkit links`, saves answers through them, then builds.
  static func buildWithOnlineAnswers(database: [String], linksDatabase: [String]) throws -> KitScratch {
    let workspace = try StoreWorkspace.make()
    let links = try KitCLI.run(["links", StoreWorkspace.april] + linksDatabase, in: workspace.url)
    #expect(links.status == 0, "\(links.stderr)")
    let tokens = StoreWorkspace.tokens(links.stdout)
    let path = linksDatabase.last.map { workspace.path($0).path } ?? workspace.path("output/followups.sqlite").path
    let store = try FollowUpStore(path: path)
    func save(_ name: String, _ responses: [String], _ status: FollowUpAnswer.Status?, _ stage: String?) throws {
      let link = try #require(try store.link(forToken: try tokens.token(name)))
      _ = try store.save(
        AnswerSubmission(
          series: link.series, program: link.program, participantID: link.participant.id, responses: responses,
          status: status, stage: stage))
    }
    try save("Søren Bæk", ["Holde øje med foreningens program", "", "", "", ""], .notStarted, nil)
    try save("Karen Østergaard", karen, .inProgress, "Glance")
    try save("Peter Kragh", ["", "", "", "", ""], nil, nil)  // opened and saved nothing: left out
    let build = try KitCLI.run(
      ["build", "programs/civilsamfundet", "--output", "out"] + database, in: workspace.url)
    #expect(build.status == 0, "\(build.stdout)\(build.stderr)")
    #expect(build.stdout.hasSuffix("2 programs of 2 built, 22 documents written; 0 errors, 0 warnings into out/\n"))
    return workspace
  }

  static func recap(_ document: String, in workspace: KitScratch) throws -> KitNode {
    let root = try KitXML.parse(try KitFiles.text(workspace.path("out/civilsamfundet/2013-06-03/" + document)))
    let sections = root.all("section", class: "recap")
    #expect(sections.count == 1)
    return try #require(sections.first)
  }

  @Test(arguments: ["handout.xhtml", "facilitator.xhtml"])
  func theJuneRecapShowsPaperThenOnlineAnswers(_ document: String) throws {
    let workspace = try Self.buildWithOnlineAnswers(
      database: ["--db", "followups.sqlite"], linksDatabase: ["--db", "followups.sqlite"])
    let recap = try Self.recap(document, in: workspace)
    let cards = recap.all("div", class: "card")
    // Pair D shares one form: Karen's answer, saved after Søren's, is the pair's; his
    // earlier one is not recapped beside it.
    #expect(cards.map { $0.first("h3")?.text ?? "" } == Self.paperAnswers + ["Makkerpar D – Karen Østergaard"])
    #expect(!recap.text.contains("Holde øje med foreningens program"))
    let facilitator = document == "facilitator.xhtml"
    let karen = try #require(cards.dropFirst(3).first)
    #expect(
      karen.all("p", class: "muted").first?.text
        == (facilitator ? "Status: I gang · " : "") + "Partnerskabets stadie: Glance")
    #expect(karen.all("dd").map(\.text) == Self.karen, "markup in an answer is text, escaped")
    #expect(karen.all("dt").first?.text == "1. Hvad kunne være 1-2 handlinger, som vi afprøver inden næste møde?")
    // The paper answers are unchanged.
    #expect(
      cards.first?.all("p", class: "muted").first?.text
        == (facilitator ? "Status: I gang · " : "") + "Partnerskabets stadie: Date")
    // Everyone has answered now, on paper or online.
    #expect(recap.all("p", class: "not-answered").isEmpty)
  }

  @Test func buildReadsTheDefaultDatabaseWhenItExists() throws {
    let workspace = try Self.buildWithOnlineAnswers(database: [], linksDatabase: [])
    let cards = try Self.recap("handout.xhtml", in: workspace).all("div", class: "card")
    #expect(cards.count == 4)
  }

  @Test func buildNeverCreatesADatabase() throws {
    let workspace = try StoreWorkspace.make()
    let build = try KitCLI.run(["build", "programs/civilsamfundet", "--output", "out"], in: workspace.url)
    #expect(build.status == 0, "\(build.stdout)\(build.stderr)")
    #expect(!FileManager.default.fileExists(atPath: workspace.path("output/followups.sqlite").path))
    #expect(try Self.recap("handout.xhtml", in: workspace).all("div", class: "card").count == 3)
    let missing = try KitCLI.run(
      ["build", "programs/civilsamfundet", "--output", "out", "--db", "nope.sqlite"], in: workspace.url)
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("--db: there is no follow-up database at nope.sqlite"), "\(missing.stderr)")
    #expect(!FileManager.default.fileExists(atPath: workspace.path("nope.sqlite").path))
  }

  /// A database that cannot be read stops only the meeting whose recap needs it.
  @Test func anUnreadableDatabaseIsAReadErrorOnTheJuneMeetingOnly() throws {
    let workspace = try StoreWorkspace.make()
    try workspace.write("broken.sqlite", String(repeating: "ikke sqlite\n", count: 100))
    let build = try KitCLI.run(
      ["build", "programs/civilsamfundet", "--output", "out", "--db", "broken.sqlite"], in: workspace.url)
    #expect(build.status == 1)
    #expect(
      build.stdout.contains(
        "programs/civilsamfundet/2013-06-03.yaml:1:1: error: [read-error] cannot read the online follow-up answers "
          + "of civilsamfundet/2013-04-18: broken.sqlite is not a WorkshopKit database (or is damaged)"),
      "\(build.stdout)")
    #expect(FileManager.default.fileExists(atPath: workspace.path("out/civilsamfundet/2013-04-18/handout.xhtml").path))
    #expect(!FileManager.default.fileExists(atPath: workspace.path("out/civilsamfundet/2013-06-03/handout.xhtml").path))
  }

  /// The source in the library: who carries the pair label in the meeting's language.
  @Test func whoIsTheNameWithThePairLabel() {
    let paired = StoredParticipant(id: 1, series: "s", name: "Olivia Hughes", pair: "A")
    let single = StoredParticipant(id: 2, series: "s", name: "Tom Walsh")
    #expect(FollowUpStore.who(paired, language: .da) == "Makkerpar A – Olivia Hughes")
    #expect(FollowUpStore.who(paired, language: .en) == "Pair A – Olivia Hughes")
    #expect(FollowUpStore.who(single, language: .en) == "Tom Walsh")
  }

  /// The answers after the exercise's questions are the report's, cut to its questions.
  @Test func responsesAreCutToTheQuestionsAndEmptyAnswersLeftOut() throws {
    let scratch = try KitScratch()
    let store = try StoreFixture.store(scratch)
    let people = try store.syncParticipants(series: "s", [Participant(name: "A"), Participant(name: "B")])
    _ = try store.save(
      AnswerSubmission(series: "s", program: "p", participantID: people[0].id, responses: ["1", "2", "3"]))
    _ = try store.save(AnswerSubmission(series: "s", program: "p", participantID: people[1].id, responses: [" ", ""]))
    let exercises = KitSamples.check(KitSamples.april).program?.exercises ?? []
    let exercise = try #require(exercises.first { $0.followUp })
    var short = exercise
    short.steps = Array(exercise.steps.prefix(2))
    let answers = try store.followUpAnswers(series: "s", program: "p", exercise: short, language: .da)
    #expect(answers == [FollowUpAnswer(who: "A", responses: ["1", "2"], report: ["3"])])
    short.report = nil
    let withoutReport = try store.followUpAnswers(series: "s", program: "p", exercise: short, language: .da)
    #expect(withoutReport == [FollowUpAnswer(who: "A", responses: ["1", "2"])])
  }

  /// An answer is kept with the questions it answered: when the exercise gains a question
  /// at the top afterwards, the recap and the CSV still put each answer under its own
  /// question (before, every answer moved down one, the report's into the plan's, and the
  /// last was lost).
  @Test func answersStayWithTheirQuestionsWhenTheExerciseChanges() throws {
    let scratch = try KitScratch()
    let store = try StoreFixture.store(scratch)
    let people = try store.syncParticipants(series: "s", [Participant(name: "A"), Participant(name: "B")])
    let exercises = KitSamples.check(KitSamples.april).program?.exercises ?? []
    let exercise = try #require(exercises.first { $0.followUp })
    let asked = FollowUpFields.questionTexts(exercise, .da)
    let plan = exercise.questions.count
    let responses = asked.indices.map { "svar \($0 + 1)" }
    _ = try store.save(
      AnswerSubmission(series: "s", program: "p", participantID: people[0].id, responses: responses, questions: asked))
    // Saved before the questions were kept: read as it is.
    _ = try store.save(AnswerSubmission(series: "s", program: "p", participantID: people[1].id, responses: ["gammelt"]))

    var changed = exercise
    var added = try #require(exercise.questions.first)
    added.text = "Hvad er nyt?"
    changed.steps.insert(added, at: 0)
    #expect(changed.questions.count == plan + 1)
    let answers = try store.followUpAnswers(series: "s", program: "p", exercise: changed, language: .da)
    #expect(answers.first?.responses == [""] + Array(responses.prefix(plan)))
    #expect(answers.first?.report == Array(responses.dropFirst(plan)))
    #expect(answers.last?.responses.first == "gammelt")

    let now = FollowUpFields.questionTexts(changed, .da)
    let csv = try store.csv(series: "s", program: "p", questions: now)
    let first = try #require(csv.split(separator: "\r\n").dropFirst().first { $0.contains("\"A\"") })
    #expect(first.hasSuffix("\"\"," + responses.map { "\"\($0)\"" }.joined(separator: ",")), "\(first)")
  }

  @Test func aQuestionRewordedInPlaceKeepsItsAnswerAndARemovedOneItsOwn() {
    let saved = ["svar 1", "svar 2", "svar 3"]
    let asked = ["Hvad?", "Hvem?", "Hvornår?"]
    #expect(FollowUpFields.align(saved, answered: asked, to: ["Hvad?", "Hvem helst?", "Hvornår?"]) == saved)
    #expect(FollowUpFields.align(saved, answered: asked, to: ["Hvad?", "Hvornår?"]) == ["svar 1", "svar 3"])
    #expect(FollowUpFields.align(saved, answered: asked, to: ["Hvornår?", "Hvad?"]) == ["svar 3", "svar 1"])
    #expect(FollowUpFields.align(saved, answered: nil, to: ["Ny?"]) == saved, "saved before: as it is")
    // Two new and one left over cannot be told apart: the new ones start empty.
    #expect(
      FollowUpFields.align(saved, answered: asked, to: ["Ny 1?", "Hvad?", "Ny 2?", "Hvornår?"])
        == ["", "svar 1", "", "svar 3"])
  }
}
