import Foundation
import Testing

@testable import WorkshopKit

/// `workshopkit` end to end: the built binary, run as a user would.
@Suite(.timeLimit(.minutes(1))) struct CLITests {
  private let exercises = ["--exercises", Paths.fixtureExercises.path]

  private func program(_ kind: String, _ name: String) -> String {
    Fixtures.folder(kind, name).appendingPathComponent("program.yaml").path
  }

  @Test func findsTheBinary() {
    #expect(CLI.binary != nil, "looked beside \(Bundle.main.bundleURL.path)")
  }

  @Test func validProgramExitsZero() throws {
    let result = try CLI.run(["check", program("valid", "basic")] + exercises)
    #expect(result.status == 0)
    #expect(result.stdout == "0 errors, 0 warnings in 1 program\n")
    #expect(result.stderr == "")
  }

  @Test func errorsExitOneWithTheLineAndTheSummary() throws {
    let result = try CLI.run(
      ["check", "program.yaml", "--exercises", "../../exercises"], in: Fixtures.folder("invalid", "overlap"))
    #expect(result.status == 1)
    #expect(
      result.stdout == """
        program.yaml:7:5: error: [overlap] "Oplæg" starts 09.20 but "Velkomst" ends 09.30
        1 error, 0 warnings in 1 program

        """)
  }

  @Test func warningsAloneExitZeroUnlessStrict() throws {
    let file = program("invalid", "gap")
    let relaxed = try CLI.run(["check", file] + exercises)
    #expect(relaxed.status == 0)
    #expect(relaxed.stdout.hasSuffix("0 errors, 1 warning in 1 program\n"))
    let strict = try CLI.run(["check", file, "--strict"] + exercises)
    #expect(strict.status == 1)
    #expect(strict.stdout == relaxed.stdout)
  }

  @Test func summaryCountsEveryProgramInAFolder() throws {
    let count = Fixtures.caseNames("valid").count
    let result = try CLI.run(["check", Paths.fixtures.appendingPathComponent("valid").path] + exercises)
    #expect(result.status == 0)
    #expect(result.stdout == "0 errors, 0 warnings in \(count) programs\n")
  }

  @Test(arguments: [
    ["check", "no/such/program.yaml"], ["check", "--frobnicate"], ["check", "--format", "xml"],
    ["schedule", "no/such/program.yaml"], ["schedule"], ["frobnicate"], ["check", "--exercises", "no/such/library"],
    ["build", "--exercises", "README.md"],
  ])
  func usageProblemsExitTwo(_ arguments: [String]) throws {
    let result = try CLI.run(arguments)
    #expect(result.status == 2, "\(arguments): \(result.stderr)")
    #expect(!result.stderr.isEmpty)
    #expect(result.stdout == "")
  }

  /// A negative number after `--behind` is its value, not an option of its own.
  @Test(arguments: [["--behind", "-5"], ["--behind=-5"]])
  func aNegativeBehindIsRefusedForWhatItIs(_ behind: [String]) throws {
    let result = try CLI.run(["replan", "programs/civilsamfundet/2013-04-18.yaml", "--at", "10.30"] + behind)
    #expect(result.status == 2)
    #expect(result.stderr.hasPrefix("Error: --behind takes the minutes behind plan, 0 or more\n"), "\(result.stderr)")
  }

  /// On the day, replan counts the program's warnings in one line rather than print each
  /// above the new plan; its errors are still said in full.
  @Test func replanCountsTheWarningsInOneLine() throws {
    let folder = try TemporaryFolder()
    try folder.write(
      "programs/dag/2024-02-01.yaml",
      """
      title: Testdag
      date: 2024-02-01
      agenda:
        - { time: 09.00-09.30, kind: plenary, title: Velkomst }
        - { time: 09.30-09.35, kind: break, title: Pause }
        - { time: 09.35-10.00, kind: talk, title: Oplæg }

      """)
    try FileManager.default.createDirectory(
      at: folder.url.appendingPathComponent("exercises"), withIntermediateDirectories: true)
    let result = try CLI.run(
      ["replan", "programs/dag/2024-02-01.yaml", "--at", "09.20", "--behind", "0"], in: folder.url)
    #expect(
      result.stderr
        == "1 warning from the check; `workshopkit check programs/dag/2024-02-01.yaml` lists it\n", "\(result.stderr)")
    #expect(result.stdout.contains("09.35–10.00"))
  }

  /// After the day's end a script asking for JSON gets JSON: the day ended, nothing left.
  @Test func replanAfterTheEndGivesJSONWhenAskedFor() throws {
    let result = try CLI.run([
      "replan", "programs/civilsamfundet/2013-04-18.yaml", "--at", "15.05", "--behind", "2", "--format", "json",
    ])
    #expect(result.status == 1)
    let record = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
    #expect((record["items"] as? [Any])?.isEmpty == true)
    #expect(record["endsOnTime"] as? Bool == false && record["end"] as? String == "15.02")
    #expect(result.stderr.contains("nothing is left to replan"))
  }

  @Test func aMissingPathIsNamed() throws {
    let result = try CLI.run(["check", "no/such/program.yaml"])
    #expect(result.stderr.contains("no/such/program.yaml"))
  }

  /// A course's other files given where a program belongs: what the file is, and a program
  /// (or, for build, the folder) to give instead; a usage error, before anything is done.
  @Test(arguments: [
    (
      ["schedule", "programs/civilsamfundet/series.yaml"],
      "Error: programs/civilsamfundet/series.yaml is the course's series.yaml, which all its meetings share; "
        + "schedule takes a meeting's program file, such as programs/civilsamfundet/2013-04-18.yaml"
    ),
    (
      ["links", "programs/civilsamfundet/followups/2013-04-18.yaml"],
      "Error: programs/civilsamfundet/followups/2013-04-18.yaml is a record of a meeting (followups/), not its "
        + "program; links takes a meeting's program file, such as programs/civilsamfundet/2013-04-18.yaml"
    ),
    (
      ["replan", "exercises/en-to-fire-alle.yaml", "--at", "10.00", "--behind", "5"],
      "Error: exercises/en-to-fire-alle.yaml is an exercise of the library; a program uses it with "
        + "`exercise: en-to-fire-alle`; replan takes a meeting's program file"
    ),
    (
      ["build", "programs/civilsamfundet/series.yaml", "--output", "never-written"],
      "Error: programs/civilsamfundet/series.yaml is the course's series.yaml, which all its meetings share; "
        + "build takes a meeting's program file or a folder, such as programs/civilsamfundet"
    ),
  ])
  func aCoursesOtherFileIsNotTakenForAProgram(_ arguments: [String], _ message: String) throws {
    let result = try CLI.run(arguments)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.hasPrefix(message + "\n"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: Paths.package.appendingPathComponent("never-written").path))
  }

  /// A folder named exercises that is not the library in use (--exercises names another)
  /// may hold programs: they are read as such.
  @Test func aProgramInAnotherFolderNamedExercisesIsOne() throws {
    let folder = try TemporaryFolder()
    let source = Paths.programs.appendingPathComponent("civilsamfundet/2013-04-18.yaml")
    try folder.write("exercises/2013-04-18.yaml", try String(contentsOf: source, encoding: .utf8))
    let result = try CLI.run(
      ["schedule", folder.url.appendingPathComponent("exercises/2013-04-18.yaml").path, "--exercises", "exercises"])
    #expect(!result.stderr.contains("is an exercise of the library"), "\(result.stderr)")
    #expect(result.stderr.contains("missing \"title\" (here or in series.yaml)"), "\(result.stderr)")
  }

  /// A usage error found while the command runs shows that command's usage, as one found
  /// while parsing does, not the list of commands.
  @Test(arguments: [
    (["check", "no/such/program.yaml"], "workshopkit check"),
    (["replan", "programs/civilsamfundet/2013-04-18.yaml", "--at", "08.50", "--behind", "10"], "workshopkit replan"),
    (
      ["replan", "programs/civilsamfundet/2013-04-18.yaml", "--at", "10.00", "--behind", "5", "--day", "2"],
      "workshopkit replan"
    ),
    (["followups", "export", "no/such/program.yaml"], "workshopkit followups export"),
  ])
  func aUsageErrorWhileRunningShowsTheCommandsUsage(_ arguments: [String], _ name: String) throws {
    let result = try CLI.run(arguments)
    #expect(result.status == 2, "\(result.stderr)")
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("Error: ") == true, "\(result.stderr)")
    #expect(lines.contains { $0.hasPrefix("Usage: \(name) ") }, "\(result.stderr)")
    #expect(lines.last == "  See '\(name) --help' for more information.")
    #expect(!result.stderr.contains("<subcommand>"))
  }

  /// After the end of the day on its plan, nothing is left to replan: said without the
  /// usage, which would read as a mistake in what was typed; on time when nothing was behind.
  @Test(arguments: [
    ("17.00", "0", Int32(0), "At 17.00 the day has ended (at 15.00): nothing is left to replan"),
    (
      "15.20", "10", Int32(1),
      "10 minutes behind at 15.20, the plan stands at 15.10, when the day has ended (15.00): nothing is left to replan"
    ),
  ])
  func replanAfterTheDaySaysSoWithoutUsage(_ at: String, _ behind: String, _ status: Int32, _ said: String) throws {
    let result = try CLI.run(["replan", "programs/civilsamfundet/2013-04-18.yaml", "--at", at, "--behind", behind])
    #expect(result.status == status, "\(result.stderr)")
    #expect(result.stderr == said + "\n")
    #expect(result.stdout.isEmpty)
  }

  /// Run from outside the course's folder, or from inside `programs/`, the exercise
  /// library next to the programs is found: the samples check clean.
  @Test(arguments: [("elsewhere", "../course/programs/civilsamfundet"), ("course/programs", "civilsamfundet")])
  func theLibraryNextToTheProgramsIsFound(_ workingFolder: String, _ programs: String) throws {
    let scratch = try TemporaryFolder()
    let course = scratch.url.appendingPathComponent("course")
    try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: Paths.programs, to: course.appendingPathComponent("programs"))
    try FileManager.default.copyItem(at: Paths.exercises, to: course.appendingPathComponent("exercises"))
    let folder = scratch.url.appendingPathComponent(workingFolder)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let result = try CLI.run(["check", programs], in: folder)
    #expect(result.status == 0, "\(result.stdout)")
    #expect(result.stdout.hasSuffix("0 errors, 0 warnings in 2 programs\n"), "\(result.stdout)")
  }

  /// The kit goes to the course folder's `output/` wherever build runs from: inside the
  /// series folder, or above the course. It never makes a second `output/` in programs/.
  @Test(arguments: [
    ("course/programs/civilsamfundet", ["2013-04-18.yaml"], "../../output"),
    ("course/programs/civilsamfundet", ["."], "../../output"),
    ("", ["course/programs/civilsamfundet"], "course/output"),
    ("course", [], "output"),
  ])
  func theKitGoesToTheCourseFoldersOutput(_ workingFolder: String, _ paths: [String], _ shown: String) throws {
    let scratch = try TemporaryFolder()
    let course = scratch.url.appendingPathComponent("course")
    try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: Paths.programs, to: course.appendingPathComponent("programs"))
    try FileManager.default.copyItem(at: Paths.exercises, to: course.appendingPathComponent("exercises"))
    let result = try CLI.run(["build"] + paths, in: scratch.url.appendingPathComponent(workingFolder))
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.hasSuffix(" into \(shown)/\n"), "\(result.stdout)")
    let kit = course.appendingPathComponent("output/civilsamfundet/2013-04-18/handout.xhtml")
    #expect(FileManager.default.fileExists(atPath: kit.path))
    let strays = ["course/programs/civilsamfundet/output", "course/programs/output", "output"].filter {
      FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent($0).path)
    }
    #expect(strays.isEmpty, "\(strays)")
  }

  /// With no paths, from inside the course's programs/ or from nowhere near one, what to do.
  @Test func withNoProgramsHereTheCourseFolderIsNamed() throws {
    let scratch = try TemporaryFolder()
    let series = scratch.url.appendingPathComponent("course/programs/civilsamfundet")
    try FileManager.default.createDirectory(at: series, withIntermediateDirectories: true)
    let inside = try CLI.run(["build"], in: series)
    #expect(inside.status == 2)
    #expect(
      inside.stderr.hasPrefix(
        "Error: no programs/ folder here; this is inside the course folder ../.. (the one holding programs/): "
          + "run workshopkit there, or name what to read, e.g. `.` for this folder\n"), "\(inside.stderr)")
    let nowhere = try CLI.run(["check"], in: scratch.url)
    #expect(nowhere.status == 2)
    #expect(
      nowhere.stderr.hasPrefix(
        "Error: no programs/ folder here; run workshopkit in the course folder (the one holding programs/ and "
          + "exercises/), or name the program files or folders\n"), "\(nowhere.stderr)")
  }

  /// With no library anywhere, an exercise reference says the library is missing, not
  /// that this one exercise is.
  @Test func noLibraryAnywhereIsSaid() throws {
    let scratch = try TemporaryFolder()
    try scratch.write(
      "2013-04-18.yaml", try Data(contentsOf: Paths.programs.appendingPathComponent("civilsamfundet/2013-04-18.yaml")))
    let result = try CLI.run(["check", "2013-04-18.yaml"], in: scratch.url)
    #expect(result.status == 1)
    #expect(
      result.stdout.contains(
        "there is no exercise library exercises/; run workshopkit in the folder that holds it, or give it with --exercises DIR"
      ), "\(result.stdout)")
  }

  /// A file in the library whose name cannot be an id is reported by the whole-library
  /// check, with a name it could have, instead of being passed over.
  @Test func aLibraryFileThatCannotBeAnExerciseIsReported() throws {
    let scratch = try TemporaryFolder()
    let exercises = scratch.url.appendingPathComponent("exercises")
    try FileManager.default.copyItem(at: Paths.exercises, to: exercises)
    let sample = try Data(contentsOf: exercises.appendingPathComponent("en-to-fire-alle.yaml"))
    try sample.write(to: exercises.appendingPathComponent("Frivillig.yaml"))
    try sample.write(to: exercises.appendingPathComponent("frivillig-øvelse i grupper.yaml"))
    let result = try CLI.run(["check", "--exercises", "exercises"], in: scratch.url)
    #expect(result.status == 1)
    #expect(
      result.stdout.contains(
        "exercises/Frivillig.yaml:1:1: error: [invalid-value] \"Frivillig.yaml\" cannot be an exercise: its id is "
          + "the file name without .yaml, in lowercase letters, digits and hyphens; rename it, e.g. to frivillig.yaml"),
      "\(result.stdout)")
    #expect(result.stdout.contains("rename it, e.g. to frivillig-oevelse-i-grupper.yaml"), "\(result.stdout)")
    let library = try FileManager.default.contentsOfDirectory(atPath: Paths.exercises.path).filter {
      $0.hasSuffix(".yaml")
    }
    #expect(result.stdout.hasSuffix("2 errors, 0 warnings in \(library.count) exercises\n"), "\(result.stdout)")
  }

  /// A copy whose name cannot be an id, beside the exercise its name would become: renaming
  /// it as suggested would overwrite that one, so the suggestion says so instead.
  @Test func aMisnamedCopyIsNotToldToOverwriteTheOriginal() throws {
    let scratch = try TemporaryFolder()
    let sample = try Data(contentsOf: Paths.exercises.appendingPathComponent("en-to-fire-alle.yaml"))
    try scratch.write("exercises/en-to-fire-alle.yaml", sample)
    try scratch.write("exercises/En_To_Fire_Alle.yaml", sample)
    let result = try CLI.run(["check", "--exercises", "exercises"], in: scratch.url)
    #expect(result.status == 1)
    #expect(
      result.stdout.contains(
        "\"En_To_Fire_Alle.yaml\" cannot be an exercise: its id is the file name without .yaml, in lowercase "
          + "letters, digits and hyphens; en-to-fire-alle.yaml is already there, so remove this copy or give it an "
          + "id of its own"), "\(result.stdout)")
  }

  /// A mistyped command is named, with the one meant when it is close, and the list.
  @Test(arguments: [
    (["chek", "programs"], "\"chek\" is not a command of workshopkit; did you mean \"check\"?", "workshopkit"),
    (
      ["followups", "exprt", "x"], "\"exprt\" is not a command of workshopkit followups; did you mean \"export\"?",
      "workshopkit followups"
    ),
    (["xyz"], "\"xyz\" is not a command of workshopkit (commands: check, rules,", "workshopkit"),
    // Asking for help on a command there is not, which printed the list of commands and exit 0.
    (["today", "--help"], "\"today\" is not a command of workshopkit (commands: check,", "workshopkit"),
    (["help", "sheddule"], "\"sheddule\" is not a command of workshopkit; did you mean \"schedule\"?", "workshopkit"),
  ])
  func aMistypedCommandIsNamed(_ arguments: [String], _ message: String, _ path: String) throws {
    let result = try CLI.run(arguments)
    #expect(result.status == 2)
    #expect(result.stderr.hasPrefix("Error: " + message), "\(result.stderr)")
    #expect(result.stderr.hasSuffix("  See '\(path) --help' for more information.\n"), "\(result.stderr)")
  }

  /// Help on a command that is there is still help.
  @Test(arguments: [["replan", "--help"], ["help", "replan"], ["followups", "export", "-h"]])
  func helpOnACommandIsItsHelp(_ arguments: [String]) throws {
    let result = try CLI.run(arguments)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.contains(
        "USAGE: workshopkit \(arguments.filter { $0 != "help" && !$0.hasPrefix("-") }.joined(separator: " "))"))
  }

  /// A mistyped option is named as such, with the one meant, not reported as the required
  /// option it stands for being missing.
  @Test(arguments: [
    (["replan", "programs/civilsamfundet/2013-04-18.yaml", "--at", "11.40", "--behnd", "25"], "--behnd", "--behind"),
    (["replan", "programs/civilsamfundet/2013-04-18.yaml", "--behind", "25", "--att=11.40"], "--att", "--at"),
  ])
  func aMistypedOptionIsNamed(_ arguments: [String], _ typed: String, _ meant: String) throws {
    let result = try CLI.run(arguments)
    #expect(result.status == 2)
    #expect(result.stderr.hasPrefix("Error: unknown option '\(typed)'; did you mean '\(meant)'?\n"), "\(result.stderr)")
    #expect(result.stderr.contains("Usage: workshopkit replan "))
  }

  /// On the day, the time and the delay as people type them.
  @Test(arguments: [("1140", "25"), ("kl. 11.40", "25min"), ("11:40", "25 min"), ("11,40", "25m")])
  func replanReadsTimesAndMinutesAsTyped(_ at: String, _ behind: String) throws {
    let result = try CLI.run(["replan", "programs/civilsamfundet/2013-04-18.yaml", "--at", at, "--behind", behind])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("Replan at 11.40, 25 minutes behind (the plan stands at 11.15)\n"))
  }

  /// Late again: the replan the day follows, given as it was made.
  @Test func replanFollowsAnEarlierReplan() throws {
    let program = "programs/civilsamfundet/2013-04-18.yaml"
    let result = try CLI.run(["replan", program, "--following", "kl. 11.40+25min", "--at", "14.10", "--behind", "8"])
    #expect(result.status == 1, "the day runs 8 minutes over: \(result.stderr)")
    #expect(
      result.stdout.hasPrefix("Replan at 14.10, 8 minutes behind the replan of 11.40 (the plan stands at 14.02)\n"))
    let wrong = try CLI.run(["replan", program, "--following", "11.40", "--at", "14.10", "--behind", "8"])
    #expect(wrong.status == 2)
    #expect(
      wrong.stderr.hasPrefix("Error: The value '11.40' is invalid for '--following <HH.MM+min>'"), "\(wrong.stderr)")
  }

  @Test func aMissingExerciseLibraryIsNamedOnceNotPerExercise() throws {
    let result = try CLI.run(["check", "programs/civilsamfundet", "--exercises", "exercize"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("--exercises: there is no folder exercize"))
    #expect(!result.stdout.contains("unknown-exercise"))
  }

  /// Without a path, check reads the samples and every exercise of the library, used or not.
  @Test func checkWithoutAPathReadsTheWholeLibrary() throws {
    let library = try FileManager.default.contentsOfDirectory(atPath: Paths.exercises.path)
      .filter { $0.hasSuffix(".yaml") }
    let programs = try ProgramDiscovery.programFiles(in: [Paths.programs.path])
    let result = try CLI.run(["check"])
    #expect(result.status == 0, "\(result.stdout)")
    #expect(result.stdout == "0 errors, 0 warnings in \(programs.count) programs and \(library.count) exercises\n")
  }

  @Test func jsonIsAnArrayOfFindings() throws {
    let result = try CLI.run(
      ["check", "program.yaml", "--format", "json", "--exercises", "../../exercises"],
      in: Fixtures.folder("invalid", "overlap"))
    #expect(result.status == 1)
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    let findings = try #require(json as? [[String: Any]])
    #expect(findings.count == 1)
    let finding = try #require(findings.first)
    #expect(Set(finding.keys) == ["file", "line", "column", "severity", "rule", "message"])
    #expect(finding["file"] as? String == "program.yaml")
    #expect(finding["line"] as? Int == 7)
    #expect(finding["column"] as? Int == 5)
    #expect(finding["severity"] as? String == "error")
    #expect(finding["rule"] as? String == "overlap")
    #expect(finding["message"] as? String == "\"Oplæg\" starts 09.20 but \"Velkomst\" ends 09.30")
  }

  @Test func jsonWithoutFindingsIsAnEmptyArray() throws {
    let result = try CLI.run(["check", program("valid", "basic"), "--format", "json"] + exercises)
    #expect(result.status == 0)
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    #expect((json as? [Any])?.isEmpty == true)
  }

  @Test func noColourWhenNotATerminal() throws {
    let result = try CLI.run(["check", program("invalid", "gap")] + exercises)
    #expect(result.stdout.contains("warning: [gap]"))
    #expect(!result.stdout.contains("\u{1B}"))
    #expect(!result.stderr.contains("\u{1B}"))
  }

  @Test(arguments: ["check", "schedule"])
  func helpShowsAnExample(_ command: String) throws {
    let result = try CLI.run([command, "--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("Example"))
    #expect(result.stdout.contains("workshopkit \(command) "))
  }

  /// The prose and examples of `--help` are written to fit 80 columns: ArgumentParser
  /// breaks a longer line where the terminal ends, leaving a word or two on a line of
  /// their own in the middle of a paragraph.
  @Test(arguments: [
    [], ["check"], ["rules"], ["schedule"], ["groups"], ["replan"], ["build"], ["links"], ["followups"],
    ["followups", "export"], ["followups", "delete"],
  ])
  func helpFitsAnEightyColumnTerminal(_ command: [String]) throws {
    func discussion(columns: Int) throws -> [Substring] {
      let help = try CLI.run(command + ["--help"], columns: columns).stdout.split(
        separator: "\n", omittingEmptySubsequences: false)
      let start = try #require(help.firstIndex(of: ""))
      let end = try #require(help.firstIndex { $0.hasPrefix("USAGE:") })
      return Array(help[start..<end])
    }
    let narrow = try discussion(columns: 80)
    #expect(narrow.count > 2)
    #expect(narrow == (try discussion(columns: 400)), "\(narrow.joined(separator: "\n"))")
  }

  @Test func version() throws {
    let result = try CLI.run(["--version"])
    #expect(result.status == 0)
    let version = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(version.split(separator: ".").count == 3)
    #expect(version.allSatisfy { $0.isNumber || $0 == "." })
  }

  @Test func scheduleShowsClockTimes() throws {
    let result = try CLI.run(["schedule", "programs/civilsamfundet/2013-04-18.yaml"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "Civilsamfundet – Metoder til samarbejder og brugerinvolvering")
    #expect(lines[1] == "Fagligt udviklingsforløb · 2. møde · 2013-04-18")
    #expect(lines.contains { $0.hasPrefix("08.45–09.00  15 min  arrival   Kaffe og morgenbrød") })
    #expect(lines.contains { $0.hasPrefix("  10.55–11.30  35 min  exercise  Gruppeøvelse") })
    #expect(lines.contains { $0.hasPrefix("      10.55–11.00   5 min  1. Hvilke elementer") })
    #expect(lines.contains { $0.hasPrefix("14.30–15.00  30 min") })
    #expect(result.stdout.hasSuffix("\n"))
    // A slot with a title of its own shows it on its row.
    let english = try CLI.run(["schedule", "programs/cocreation-lab-en/2026-03-12.yaml"])
    #expect(
      english.stdout.contains("\n11:45–12:15  30 min  Wrap-up and next steps\n  11:45–11:55"), "\(english.stdout)")
  }

  /// Items of 100 minutes and more keep the columns aligned.
  @Test func scheduleColumnsStayAlignedPastNinetyNineMinutes() throws {
    let folder = try TemporaryFolder()
    let file = try folder.write(
      "program.yaml",
      "title: Testdag\ndate: 2013-04-18\nrules: { break-interval: off }\nagenda:\n"
        + "  - time: 09.00-10.45\n    kind: plenary\n    title: Lang dialog\n"
        + "  - time: 10.45-10.55\n    kind: break\n    title: Pause\n")
    let result = try CLI.run(["schedule", file.path])
    let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("09.00") || $0.hasPrefix("10.45") }
    #expect(rows.count == 2)
    let columns = rows.map { $0.range(of: " min")?.lowerBound.utf16Offset(in: $0) }
    #expect(columns[0] != nil && columns[0] == columns[1], "\(rows)")
  }

  /// Each step's way of working; a group size only for steps in groups.
  @Test func scheduleGivesAGroupSizeOnlyToGroups() throws {
    let result = try CLI.run(["schedule", "programs/samskabelseslaboratoriet/2017-03-30.yaml"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("[groups, 3]"))
    #expect(result.stdout.contains("[individual]") && result.stdout.contains("[pairs]"))
    for format in ["individual", "pairs", "plenary"] { #expect(!result.stdout.contains("[\(format), ")) }
  }

  @Test func scheduleRefusesAProgramThatDoesNotLoad() throws {
    let result = try CLI.run(["schedule", program("invalid", "missing-key-date")] + exercises)
    #expect(result.status == 1)
    #expect(result.stdout == "")
    #expect(result.stderr.contains("error: [missing-key] missing \"date\""))
  }
}
