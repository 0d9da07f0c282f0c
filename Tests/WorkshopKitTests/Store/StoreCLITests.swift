import Foundation
import Testing
import WorkshopKit

@testable import WorkshopKitStore

/// `workshopkit links`, `followups export` and `followups delete`, end to end on a copy of
/// the samples.
@Suite(.timeLimit(.minutes(2))) struct StoreCLITests {
  static var linkLine: Regex<(Substring, Substring, Substring?, Substring)> {
    /([^\t<]+?)(?: <([^>\t]+)>)?\thttp:\/\/127\.0\.0\.1:8080\/f\/([A-Za-z0-9_-]{43})/
  }

  /// The 18 April form closed when the 3 June meeting began, long before any test runs.
  static let aprilClosed =
    "warning: the follow-up form of civilsamfundet/2013-04-18 closed when the next meeting began, "
    + "Monday 3 June 2013 at 09:00; the links open it read-only\n"

  /// A meeting whose next meeting is not yet (or has no program in the folder) gets no
  /// warning, or one that says when the form closed without it.
  @Test func linksSayWhenTheFormHasAlreadyClosed() throws {
    let workspace = try StoreWorkspace.make()
    let april = try KitFiles.text(workspace.path(StoreWorkspace.april))
    try workspace.write(
      StoreWorkspace.april, april.replacingOccurrences(of: "next-meeting: 2013-06-03", with: "next-meeting: 2099-06-03")
    )
    let open = try KitCLI.run(
      ["links", StoreWorkspace.april, "--slips", "open.xhtml", "--base-url", "https://kurs.example.org"],
      in: workspace.url)
    #expect(open.status == 0)
    #expect(!open.stderr.contains("warning"), "\(open.stderr)")
    let slips = try String(contentsOf: workspace.path("open.xhtml"), encoding: .utf8)
    #expect(slips.contains("Udfyldes inden næste møde onsdag den 3. juni 2099") && !slips.contains("Lukket"))
    try workspace.write(
      StoreWorkspace.april, april.replacingOccurrences(of: "next-meeting: 2013-06-03", with: "next-meeting: 2013-05-30")
    )
    let unknown = try KitCLI.run(["links", StoreWorkspace.april], in: workspace.url)
    #expect(unknown.status == 0)
    #expect(
      unknown.stderr.hasSuffix(
        "warning: the follow-up form of civilsamfundet/2013-04-18 closed when Thursday 30 May 2013 began, the day "
          + "of the next meeting; the links open it read-only\n"), "\(unknown.stderr)")
  }

  @Test func linksPrintsAPersonalLinkPerParticipant() throws {
    let workspace = try StoreWorkspace.make()
    let result = try KitCLI.run(["links", StoreWorkspace.april], in: workspace.url)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 8)
    let matches = lines.compactMap { try? Self.linkLine.wholeMatch(in: $0) }
    #expect(matches.count == 8, "\(lines)")
    #expect(matches.first.map { String($0.output.1) } == "Lone Bisgaard")
    #expect(matches.first.flatMap { $0.output.2.map(String.init) } == "lone.bisgaard@example.org")
    #expect(lines.last?.hasPrefix("Søren Bæk <soeren.baek@example.org>\thttp://127.0.0.1:8080/f/") == true)
    // Links to this computer, to be sent to phones: said, with what to do.
    #expect(
      result.stderr
        == "warning: the links point at http://127.0.0.1:8080, which only this computer can open; "
        + "participants' phones cannot. Pass --base-url with the server's address as participants reach it, "
        + "then --reissue\n8 new links, 0 issued before, for civilsamfundet/2013-04-18 in output/followups.sqlite\n"
        + Self.aprilClosed)
    // The default database is created in output/, and each link opens its participant's form.
    let store = try FollowUpStore(path: workspace.path("output/followups.sqlite").path)
    for (name, token) in StoreWorkspace.tokens(result.stdout) {
      let record = try #require(try store.link(forToken: token))
      #expect(record.participant.name == name)
      #expect(record.series == "civilsamfundet" && record.program == "2013-04-18")
    }
    #expect(try store.participants(series: "civilsamfundet").count == 8)
  }

  @Test func linksCanBePrintedAsSlipsToHandOut() throws {
    let workspace = try StoreWorkspace.make()
    let result = try KitCLI.run(["links", StoreWorkspace.april, "--slips", "slips.xhtml"], in: workspace.url)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(
      result.stderr.hasPrefix(
        "warning: the links point at http://127.0.0.1:8080, which only this computer can open; "
          + "participants' phones cannot. Pass --base-url with the server's address as participants reach it, "
          + "then --reissue\n8 slips written to slips.xhtml\n"), "\(result.stderr)")
    let slips = try String(contentsOf: workspace.path("slips.xhtml"), encoding: .utf8)
    #expect(slips.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>"))
    for (name, token) in StoreWorkspace.tokens(result.stdout) {
      #expect(slips.contains(name))
      #expect(slips.contains("href=\"http://127.0.0.1:8080/f/\(token)\""))
    }
    // Each slip has its link as a QR code to scan (read back from the print in CI).
    #expect(slips.components(separatedBy: "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\"").count == 9)
    // The 18 April form closed on 3 June 2013: the slips say so rather than ask for answers.
    #expect(slips.contains("Lukket for svar siden næste møde mandag den 3. juni 2013; linket viser svarene"))
    #expect(!slips.contains("Udfyldes inden"))
    // Run again: nobody gets a new link, so there are no slips to print, and no file.
    let again = try KitCLI.run(
      ["links", StoreWorkspace.april, "--slips", "again.xhtml", "--base-url", "https://kurs.example.org"],
      in: workspace.url)
    #expect(again.status == 0)
    #expect(again.stderr.hasPrefix("no new links, so no slips written to again.xhtml\n"), "\(again.stderr)")
    #expect(!FileManager.default.fileExists(atPath: workspace.path("again.xhtml").path))
  }

  /// The slips already printed to a file are never replaced: their links cannot be shown
  /// again. The run stops before it issues anything, and names a free file.
  @Test func linksNeverReplaceASlipsFile() throws {
    let workspace = try StoreWorkspace.make()
    let first = try KitCLI.run(
      ["links", StoreWorkspace.april, "--slips", "slips.xhtml", "--participant", "Lone Bisgaard"], in: workspace.url)
    #expect(first.status == 0, "\(first.stderr)")
    let printed = try Data(contentsOf: workspace.path("slips.xhtml"))
    try Data().write(to: workspace.path("slips-2.xhtml"))
    let second = try KitCLI.run(["links", StoreWorkspace.april, "--slips", "slips.xhtml"], in: workspace.url)
    #expect(second.status == 1)
    #expect(second.stdout.isEmpty)
    #expect(
      second.stderr
        == "error: slips.xhtml exists, and the links on its slips cannot be shown again; give --slips a new file "
        + "(such as slips-3.xhtml), or delete slips.xhtml first if its slips are no longer needed\n")
    #expect(try Data(contentsOf: workspace.path("slips.xhtml")) == printed)
    // Nothing was issued: the other seven still get their first link.
    let third = try KitCLI.run(["links", StoreWorkspace.april, "--slips", "slips-3.xhtml"], in: workspace.url)
    #expect(third.status == 0)
    #expect(third.stderr.contains("7 new links, 1 issued before"), "\(third.stderr)")
    // Slips that cannot be written stop the run before any link is issued, and leave no file.
    let unwritable = try KitCLI.run(
      ["links", StoreWorkspace.april, "--slips", "no/such/folder/slips.xhtml", "--reissue"], in: workspace.url)
    #expect(unwritable.status == 1)
    #expect(
      unwritable.stderr == "error: cannot write the slips to no/such/folder/slips.xhtml: No such file or directory\n")
    // A program with errors stops the run after the file was claimed: it is not left behind.
    let broken = try KitCLI.run(
      ["links", StoreWorkspace.april, "--slips", "never.xhtml", "--participant", "Nobody Here"], in: workspace.url)
    #expect(broken.status != 0)
    #expect(!FileManager.default.fileExists(atPath: workspace.path("never.xhtml").path))
    let after = try KitCLI.run(["links", StoreWorkspace.april], in: workspace.url)
    #expect(after.stderr.contains("0 new links, 8 issued before"), "\(after.stderr)")
  }

  @Test func linksAreIssuedOnceUnlessReissued() throws {
    let workspace = try StoreWorkspace.make()
    let first = try KitCLI.run(["links", StoreWorkspace.april, "--db", "f.sqlite"], in: workspace.url)
    #expect(first.status == 0, "\(first.stderr)")
    let again = try KitCLI.run(["links", StoreWorkspace.april, "--db", "f.sqlite"], in: workspace.url)
    #expect(again.status == 0, "\(again.stderr)")
    let lines = again.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 8)
    #expect(
      lines.first
        == "Lone Bisgaard <lone.bisgaard@example.org>\tissued before; run again with --reissue to give everyone a "
        + "new link, or add --participant NAME for one (old links stop working)")
    #expect(
      again.stderr == "0 new links, 8 issued before, for civilsamfundet/2013-04-18 in f.sqlite\n" + Self.aprilClosed)

    let reissued = try KitCLI.run(
      ["links", StoreWorkspace.april, "--db", "f.sqlite", "--reissue", "--base-url", "https://kurs.example.org/"],
      in: workspace.url)
    #expect(reissued.status == 0, "\(reissued.stderr)")
    #expect(reissued.stdout.split(separator: "\n").allSatisfy { $0.contains("\thttps://kurs.example.org/f/") })
    let store = try FollowUpStore(path: workspace.path("f.sqlite").path)
    for token in StoreWorkspace.tokens(first.stdout).values {
      #expect(try store.link(forToken: token) == nil, "old links stop working")
    }
    for token in StoreWorkspace.tokens(reissued.stdout).values {
      #expect(try store.link(forToken: token) != nil)
    }

    // A lost slip: one person's link alone is replaced; everyone else's keeps working.
    let one = try KitCLI.run(
      ["links", StoreWorkspace.april, "--db", "f.sqlite", "--reissue", "--participant", "Ali Demir"], in: workspace.url)
    #expect(one.status == 0, "\(one.stderr)")
    let replaced = StoreWorkspace.tokens(one.stdout)
    #expect(Array(replaced.keys) == ["Ali Demir"])
    let before = StoreWorkspace.tokens(reissued.stdout)
    #expect(try store.link(forToken: try #require(before["Ali Demir"])) == nil)
    #expect(try store.link(forToken: try #require(replaced["Ali Demir"]))?.participant.name == "Ali Demir")
    for (name, token) in before where name != "Ali Demir" {
      #expect(try store.link(forToken: token) != nil, "\(name)'s link stops working")
    }
    let unknown = try KitCLI.run(
      ["links", StoreWorkspace.april, "--db", "f.sqlite", "--reissue", "--participant", "Ali Demirr"],
      in: workspace.url)
    #expect(unknown.status == 2)
    #expect(
      unknown.stderr.hasPrefix("Error: --participant: \"Ali Demirr\" is not on the roster; did you mean \"Ali Demir\"?")
    )
  }

  /// The course's last meeting has no follow-up exercise but an evaluation: the links
  /// open the evaluation, and the slips say so.
  @Test func aMeetingWithoutAFollowUpExerciseGetsLinksToItsEvaluation() throws {
    let workspace = try StoreWorkspace.make()
    let result = try KitCLI.run(
      ["links", "programs/civilsamfundet/2013-06-03.yaml", "--slips", "slips.xhtml"], in: workspace.url)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(StoreWorkspace.tokens(result.stdout).count == 8)
    let slips = try String(contentsOf: workspace.path("slips.xhtml"), encoding: .utf8)
    #expect(slips.components(separatedBy: "Evaluering. Dit personlige link til evalueringen af mødet").count == 9)
    #expect(!slips.contains("opfølgningsskemaet") && !slips.contains("Udfyldes inden"))
  }

  @Test func aMeetingWithNeitherFollowUpNorEvaluationHasNoLinks() throws {
    let workspace = try StoreWorkspace.make()
    let series = workspace.path("programs/civilsamfundet/series.yaml")
    try KitFiles.text(series).replacingOccurrences(of: "evaluation: true", with: "")
      .write(to: series, atomically: true, encoding: .utf8)
    let result = try KitCLI.run(["links", "programs/civilsamfundet/2013-06-03.yaml"], in: workspace.url)
    #expect(result.status == 1)
    #expect(result.stdout == "")
    #expect(
      result.stderr
        == "error: programs/civilsamfundet/2013-06-03.yaml has no follow-up exercise (an exercise with "
        + "`follow-up: true`), so it has no follow-up form, and no evaluation (`evaluation:`) for the links to open\n")
    #expect(!FileManager.default.fileExists(atPath: workspace.path("output/followups.sqlite").path))
  }

  @Test func aSeriesWithoutParticipantsHasNoLinks() throws {
    let workspace = try StoreWorkspace.make()
    try workspace.write("programs/alene/2013-04-18.yaml", try KitFiles.text(workspace.path(StoreWorkspace.april)))
    try workspace.write("programs/alene/series.yaml", "title: Uden deltagere\n")
    let result = try KitCLI.run(["links", "programs/alene/2013-04-18.yaml"], in: workspace.url)
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "error: programs/alene/2013-04-18.yaml has no participants; list them under `participants:` in "
        + "programs/alene/series.yaml\n")
  }

  @Test func aProgramWithErrorsGetsNoLinks() throws {
    let workspace = try StoreWorkspace.make()
    let text = try KitFiles.text(workspace.path(StoreWorkspace.april))
    try workspace.write(StoreWorkspace.april, text.replacingOccurrences(of: "date: 2013-04-18", with: "date: 18/4"))
    let result = try KitCLI.run(["links", StoreWorkspace.april], in: workspace.url)
    #expect(result.status == 1)
    #expect(result.stderr.contains("programs/civilsamfundet/2013-04-18.yaml:"), "\(result.stderr)")
    #expect(result.stderr.contains("error: [time-format]"), "\(result.stderr)")
    #expect(
      result.stderr.hasSuffix("has errors; fix them first (`workshopkit check \(StoreWorkspace.april)` lists them)\n"))
  }

  @Test func linksReportsDatabaseAndUsageProblems() throws {
    let workspace = try StoreWorkspace.make()
    let missing = try KitCLI.run(["links", StoreWorkspace.april, "--db", "nope/f.sqlite"], in: workspace.url)
    #expect(missing.status == 1)
    #expect(missing.stderr == "error: the folder nope for the database does not exist; create it or pass --db\n")
    try workspace.write("notes.txt", String(repeating: "ikke en database\n", count: 50))
    let text = try KitCLI.run(["links", StoreWorkspace.april, "--db", "notes.txt"], in: workspace.url)
    #expect(text.status == 1)
    #expect(text.stderr == "error: notes.txt is not a WorkshopKit database (or is damaged)\n")
    let url = try KitCLI.run(["links", StoreWorkspace.april, "--base-url", "ftp://x"], in: workspace.url)
    #expect(url.status == 2)
    #expect(url.stderr.contains("--base-url must be an http:// or https:// address"))
    let noFile = try KitCLI.run(["links", "programs/nope.yaml"], in: workspace.url)
    #expect(noFile.status == 2)
  }

  @Test func exportWritesTheMeetingsAnswersAsCSV() throws {
    let workspace = try StoreWorkspace.make()
    let links = try KitCLI.run(["links", StoreWorkspace.april], in: workspace.url)
    let tokens = StoreWorkspace.tokens(links.stdout)
    // Nothing answered yet: the file holds the header alone, and the run says so.
    let none = try KitCLI.run(
      ["followups", "export", StoreWorkspace.april, "--output", "tom.csv"], in: workspace.url)
    #expect(none.status == 0)
    #expect(none.stderr == "no answers yet for civilsamfundet/2013-04-18: tom.csv holds the header row alone\n")
    let store = try FollowUpStore(path: workspace.path("output/followups.sqlite").path)
    let record = try #require(try store.link(forToken: try tokens.token("Ali Demir")))
    _ = try store.save(
      AnswerSubmission(
        series: record.series, program: record.program, participantID: record.participant.id,
        responses: ["=Kortlægge unge", "Møde,\nkaffe"], status: .inProgress, stage: "Glance"))
    let expected = try store.csv(
      series: "civilsamfundet", program: "2013-04-18",
      questions: [
        "Hvad kunne være 1-2 handlinger, som vi afprøver inden næste møde?", "Hvordan skal dette forberedes?",
        "Hvem involverer det?", "Hvordan kunne en god proces for dette se ud?",
        "Hvad forventer I som output af disse handlinger?",
        // The exercise's report questions, asked before the next meeting, after the plan.
        "Hvad gjorde I?", "Hvad skete der?", "Hvad tager I med?",
      ])
    #expect(expected.contains(#""Ali Demir","C","Ballerup Bibliotekerne","in-progress","Glance","online","#))
    #expect(expected.contains(#","'=Kortlægge unge","Møde,\#nkaffe","","","","","",""\#r\#n"#))

    let toStdout = try KitCLI.run(["followups", "export", StoreWorkspace.april], in: workspace.url)
    #expect(toStdout.status == 0, "\(toStdout.stderr)")
    // `String(contentsOf:encoding:)` drops a leading byte order mark; the file below keeps it.
    #expect("\u{FEFF}" + toStdout.stdout == expected)
    let toFile = try KitCLI.run(
      ["followups", "export", StoreWorkspace.april, "--output", "svar/svar.csv"], in: workspace.url)
    #expect(toFile.status == 0, "\(toFile.stderr)")
    #expect(toFile.stdout == "")
    // The answer's line break is inside its field: one answer.
    #expect(toFile.stderr == "1 answer for civilsamfundet/2013-04-18 written to svar/svar.csv\n")
    #expect(try KitFiles.text(workspace.path("svar/svar.csv")) == expected)
  }

  /// A build that reads no database after one that read a database says what it leaves
  /// out and how to keep it, once; the database the programs' course folder has by default
  /// is read from anywhere.
  @Test func aBuildWithoutTheDatabaseTheLastOneReadSaysSo() throws {
    let workspace = try StoreWorkspace.make()
    _ = try KitCLI.run(["links", StoreWorkspace.april, "--db", "fu.sqlite"], in: workspace.url)
    let with = try KitCLI.run(["build", "--db", "fu.sqlite"], in: workspace.url)
    #expect(with.status == 0 && !with.stdout.contains("warning:"), "\(with.stdout)")
    let database = URL(fileURLWithPath: workspace.path("fu.sqlite").path).standardizedFileURL.path
    let without = try KitCLI.run(["build"], in: workspace.url)
    #expect(without.status == 0)
    #expect(
      without.stdout.hasPrefix(
        "warning: the last build into output/ read online answers, attendance and evaluations from \(database); "
          + "this one reads no database, so they are left out: pass --db \(database)\n"), "\(without.stdout)")
    let again = try KitCLI.run(["build"], in: workspace.url)
    #expect(!again.stdout.contains("warning:"), "\(again.stdout)")
    // The default database, in the course folder's output/, is found from a series folder.
    _ = try KitCLI.run(["links", StoreWorkspace.april], in: workspace.url)
    let series = workspace.url.appendingPathComponent("programs/civilsamfundet")
    let inside = try KitCLI.run(["followups", "export", "2013-04-18.yaml"], in: series)
    #expect(inside.status == 0, "\(inside.stderr)")
    let fromSeries = try KitCLI.run(["build", "."], in: series)
    #expect(fromSeries.status == 0 && !fromSeries.stdout.contains("warning:"), "\(fromSeries.stdout)")
    #expect(fromSeries.stdout.hasSuffix(" into ../../output/\n"), "\(fromSeries.stdout)")
    // Built as from the course folder: the other series' documents are not taken for deleted.
    #expect(!fromSeries.stdout.contains("removed"), "\(fromSeries.stdout)")
    let others = try FileManager.default.contentsOfDirectory(atPath: workspace.path("output").path)
    #expect(others.contains("cocreation-lab-en") && others.contains("samskabelseslaboratoriet"), "\(others)")
    #expect(!FileManager.default.fileExists(atPath: series.appendingPathComponent("output").path))
  }

  @Test func exportWithoutADatabaseSaysSoAndCreatesNone() throws {
    let workspace = try StoreWorkspace.make()
    let result = try KitCLI.run(["followups", "export", StoreWorkspace.april, "--db", "f.sqlite"], in: workspace.url)
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "error: there is no follow-up database at f.sqlite; `workshopkit links PROGRAM` creates it, "
        + "or pass --db with the database's path\n")
    #expect(!FileManager.default.fileExists(atPath: workspace.path("f.sqlite").path))
  }

  @Test func deleteRemovesAPersonAndSaysHowMany() throws {
    let workspace = try StoreWorkspace.make()
    let links = try KitCLI.run(["links", StoreWorkspace.april], in: workspace.url)
    let tokens = StoreWorkspace.tokens(links.stdout)
    let store = try FollowUpStore(path: workspace.path("output/followups.sqlite").path)
    let jakob = try #require(try store.link(forToken: try tokens.token("Jakob Friis")))
    _ = try store.save(
      AnswerSubmission(
        series: jakob.series, program: jakob.program, participantID: jakob.participant.id, responses: ["Svar"]))

    let wrongSeries = try KitCLI.run(
      ["followups", "delete", "--participant", "Jakob Friis", "--series", "andet"], in: workspace.url)
    #expect(wrongSeries.status == 1)
    #expect(
      wrongSeries.stderr == "error: output/followups.sqlite has no series \"andet\" (it has civilsamfundet)\n")
    let misspeltSeries = try KitCLI.run(
      ["followups", "delete", "--participant", "Jakob Friis", "--series", "civilsamfundt"], in: workspace.url)
    #expect(misspeltSeries.status == 1)
    #expect(
      misspeltSeries.stderr
        == "error: output/followups.sqlite has no series \"civilsamfundt\"; did you mean \"civilsamfundet\"? "
        + "(it has civilsamfundet)\n")

    let misspelt = try KitCLI.run(["followups", "delete", "--participant", "Jakob Fris"], in: workspace.url)
    #expect(misspelt.status == 1)
    #expect(
      misspelt.stderr
        == "error: no participant named \"Jakob Fris\" in output/followups.sqlite; did you mean \"Jakob Friis\"?\n")
    let removed = try KitCLI.run(
      ["followups", "delete", "--participant", "Jakob Friis", "--series", "civilsamfundet"], in: workspace.url)
    #expect(removed.status == 0, "\(removed.stderr)")
    #expect(
      removed.stdout
        == "removed 1 participant named \"Jakob Friis\" in the series civilsamfundet, with their links and answers, "
        + "from output/followups.sqlite\n")
    #expect(try store.link(forToken: try tokens.token("Jakob Friis")) == nil)
    #expect(try store.answers(series: "civilsamfundet", program: "2013-04-18").isEmpty)
    #expect(try store.participants(series: "civilsamfundet").count == 7)

    let again = try KitCLI.run(["followups", "delete", "--participant", "Jakob Friis"], in: workspace.url)
    #expect(again.status == 1)
    #expect(again.stderr == "error: no participant named \"Jakob Friis\" in output/followups.sqlite\n")
    let missing = try KitCLI.run(["followups", "delete"], in: workspace.url)
    #expect(missing.status == 2, "--participant is required")
  }

  @Test(arguments: [["links"], ["followups"], ["followups", "export"], ["followups", "delete"], ["build"]])
  func helpHasExamples(_ command: [String]) throws {
    let result = try KitCLI.run(command + ["--help"], in: KitRepo.root)
    #expect(result.status == 0)
    #expect(result.stdout.contains("Examples:"), "\(result.stdout)")
    #expect(result.stdout.contains("workshopkit \(command.joined(separator: " "))"), "\(result.stdout)")
  }

  @Test func theTopLevelHelpListsTheNewCommands() throws {
    let result = try KitCLI.run(["--help"], in: KitRepo.root)
    #expect(result.stdout.contains("links"))
    #expect(result.stdout.contains("followups"))
  }
}
