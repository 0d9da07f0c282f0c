import Foundation
import Testing

@testable import WorkshopKit

/// Format v1.1 through the kit: group work step by step, rounds, sub-questions, optional
/// steps, the exercise's notes, preparation and variations, placeholders, presenter lists,
/// several days, a series' word for its meetings, a time zone and an exercise's language.
@Suite struct KitFormatV11Tests {
  static let exercise = """
    title: "Sparring om {emne}"
    language: da
    format: groups
    group-size: 3
    minutes: 25-35
    purpose: Sparring på {emne}.
    notes: Hold tiden.
    prepare:
      - Lav grupper på tre.
    variations:
      - To runder i stedet for tre.
    steps:
      - ask: "1. HVEM? {emne}"
        asks: [Hvem kender I?, Hvem kender jer?]
        format: individual
        minutes: 3
      - do: Klienten fortæller, konsulenterne lytter og rådgiver.
        rounds: 3
        minutes: 6
        note: Klienten skifter hver runde.
      - do: Fælles opsamling.
        format: plenary
        minutes: 4
      - do: Ekstra runde om det svære.
        optional: true

    """

  static let english = """
    title: Check-in
    language: en
    format: individual
    minutes: 5-10
    steps:
      - ask: How do you arrive today?

    """

  static let program = """
    meeting: 2
    timezone: Europe/London
    days:
      - date: 2013-04-18
        agenda:
          - time: 09.00-09.30
            kind: oplæg
            title: Velkomst
            presenter:
              - Anna Holm
              - { name: Lars Brøndum, affiliation: Rådhuset }
          - time: 09.30-10.00
            exercise: sparring
            with: { emne: partnerskaber }
      - date: 2013-04-19
        agenda:
          - time: 09.00-09.10
            exercise: check-in
          - time: 09.10-09.40
            exercise: sparring
            with: { emne: frivillige }

    """

  /// Builds the program in a scratch folder and returns (scratch, kit folder).
  static func build() throws -> (KitScratch, URL) {
    let scratch = try KitScratch()
    try scratch.write("exercises/sparring.yaml", exercise)
    try scratch.write("exercises/check-in.yaml", english)
    try scratch.write("programs/lab/series.yaml", "title: Laboratoriet\nmeeting-word: workshop\n")
    let file = try scratch.write("programs/lab/2013-04-18.yaml", program)
    let builder = KitBuilder(
      exerciseDirectory: scratch.path("exercises").path, outputDirectory: scratch.path("output").path)
    let report = builder.build(programFiles: [file.path])
    #expect(report.builtCount == 1, "\(report.diagnostics.map(\.description))")
    #expect(report.diagnostics.map(\.rule) == [.exerciseLanguage], "\(report.diagnostics.map(\.description))")
    return (scratch, scratch.path("output/lab/2013-04-18"))
  }

  @Test func theRunSheetShowsEachStepsGroupWorkRoundsAndWhatIsOptional() throws {
    let (scratch, kit) = try Self.build()
    _ = scratch
    let runSheet = try KitFiles.text(kit.appendingPathComponent("facilitator.xhtml"))
    #expect(runSheet.contains("3 min alene → 18 min i grupper på 3 → 4 min alle sammen → 5 min i grupper på 3"))
    #expect(runSheet.contains("Runde 1: 09.33–09.39"))
    #expect(runSheet.contains("Runde 3: 09.45–09.51"))
    #expect(runSheet.contains("Klienten skifter hver runde."))
    #expect(runSheet.contains("(i grupper på 3, valgfrit)"))
    #expect(runSheet.contains("Hvem kender jer?"))
    // The placeholder filled per use; the author's own number kept, no second one.
    #expect(runSheet.contains("Sparring om partnerskaber") && runSheet.contains("Sparring om frivillige"))
    #expect(runSheet.contains("1. HVEM? partnerskaber") && !runSheet.contains("1. 1. HVEM?"))
    #expect(runSheet.contains("Hold tiden.") && runSheet.contains("To runder i stedet for tre."))
    #expect(runSheet.contains("Før dagen") && runSheet.contains("Lav grupper på tre."))
    #expect(runSheet.contains("Dag 1 – torsdag den 18. april 2013"))
    #expect(runSheet.contains("Dag 2 – fredag den 19. april 2013"))
    #expect(runSheet.contains("2. workshop"))
    // The overview says the kind once: "Oplæg: …, ved", not "Oplæg: …, oplæg ved".
    #expect(runSheet.contains("Oplæg: Velkomst, ved Anna Holm og Lars Brøndum (Rådhuset)"))
    #expect(!runSheet.contains("oplæg ved"))
    // The English exercise's step is marked English; the Danish run sheet around it is not.
    let sheet = try KitXML.parse(runSheet)
    let marked = sheet.all("span").filter { $0["lang"] == "en" }.map(\.text)
    #expect(marked.contains("1. How do you arrive today?"), "\(marked)")
    #expect(sheet.all("div").allSatisfy { $0["lang"] == nil }, "no block is marked as a whole")
  }

  @Test func theHandoutHasTheDaysTheFlowAndSubQuestionsButNoFacilitatorText() throws {
    let (scratch, kit) = try Self.build()
    _ = scratch
    let handout = try KitFiles.text(kit.appendingPathComponent("handout.xhtml"))
    #expect(handout.contains("Dag 1 – torsdag den 18. april 2013"))
    #expect(handout.contains("torsdag den 18. og fredag den 19. april 2013"))
    #expect(handout.contains("3 min alene → 18 min i grupper på 3 → 4 min alle sammen"))
    #expect(handout.contains("Hvem kender I?"))
    #expect(handout.contains("<h2>Program for dagene</h2>") && !handout.contains("Program for dagen<"))
    // A step in three rounds of six minutes says so, not only the 18 minutes in all.
    #expect(
      handout.contains(
        "Klienten fortæller, konsulenterne lytter og rådgiver. <span class=\"minutes\">(3 × 6 min.)</span>"))
    for facilitatorOnly in ["Hold tiden.", "To runder i stedet for tre.", "Lav grupper på tre.", "Klienten skifter"] {
      #expect(!handout.contains(facilitatorOnly), "\(facilitatorOnly)")
    }
    // The English exercise keeps its language, marked for screen readers: its own texts,
    // not the kit's Danish words around them.
    let document = try KitXML.parse(handout)
    let english = document.all("section").filter { $0.text.contains("How do you arrive today?") }
    #expect(english.count == 1)
    let sheet = try #require(english.first)
    #expect(sheet["lang"] == nil)
    let question = try #require(sheet.all("li", class: "question").first)
    #expect(question["lang"] == "en" && question.text.contains("How do you arrive today?"))
    #expect(question.all("span", class: "minutes").first?["lang"] == "da", "the kit's \"(10 min.)\" is Danish")
    #expect(sheet.all("p", class: "sheet-number").first?["lang"] == nil)
    #expect(sheet.first("h2")?["lang"] == "en", "the item takes the exercise's title")
  }

  /// A meeting of two days is said to be one wherever the kit speaks of its days: the
  /// index row (also when it comes from the manifest of a folder not built again), the run
  /// sheet's checklist and a sign-in sheet per day.
  @Test func theIndexTheChecklistAndTheSignInSheetsSayBothDays() throws {
    let (scratch, kit) = try Self.build()
    let both = "torsdag den 18. og fredag den 19. april 2013"
    let index = scratch.path("output/index.xhtml")
    #expect(try KitFiles.text(index).contains(both))
    try FileManager.default.removeItem(at: index)
    let again = KitBuilder(
      exerciseDirectory: scratch.path("exercises").path, outputDirectory: scratch.path("output").path
    ).build(programFiles: [scratch.path("programs/lab/2013-04-18.yaml").path])
    #expect(again.rewrittenCount == 1, "only the index is written again")
    #expect(try KitFiles.text(index).contains(both), "the row read back from the manifest")

    let attendance = try KitXML.parse(try KitFiles.text(kit.appendingPathComponent("attendance.xhtml")))
    #expect(
      attendance.all("h2").map(\.text) == ["Dag 1 – torsdag den 18. april 2013", "Dag 2 – fredag den 19. april 2013"])

    try scratch.write("exercises/check-in.yaml", Self.english + "materials: [Name tags]\n")
    let report = KitBuilder(
      exerciseDirectory: scratch.path("exercises").path, outputDirectory: scratch.path("output").path
    ).build(programFiles: [scratch.path("programs/lab/2013-04-18.yaml").path])
    #expect(report.builtCount == 1)
    let runSheet = try KitFiles.text(kit.appendingPathComponent("facilitator.xhtml"))
    #expect(runSheet.contains("<h2>Materialer til dagene</h2>") && !runSheet.contains("Materialer til dagen<"))
  }

  /// The meeting before one of two days gives its start as the first day's, though the
  /// second day begins earlier.
  @Test func theMeetingBeforeGivesTheFirstDaysStart() throws {
    let (scratch, _) = try Self.build()
    let previous = try scratch.write(
      "programs/lab/2013-04-11.yaml",
      "meeting: 1\ndate: 2013-04-11\nnext-meeting: 2013-04-18\nagenda:\n"
        + "  - { time: 13.00-13.30, exercise: sparring, with: { emne: x } }\n")
    let later = Self.program.replacingOccurrences(
      of: "      - time: 09.00-09.10\n        exercise: check-in",
      with: "      - time: 08.30-08.40\n        exercise: check-in")
    #expect(later != Self.program)
    try scratch.write("programs/lab/2013-04-18.yaml", later)
    let report = KitBuilder(
      exerciseDirectory: scratch.path("exercises").path, outputDirectory: scratch.path("output").path
    ).build(programFiles: [previous.path, scratch.path("programs/lab/2013-04-18.yaml").path])
    #expect(report.failedPrograms.isEmpty, "\(report.diagnostics.map(\.description))")
    let handout = try KitFiles.text(scratch.path("output/lab/2013-04-11/handout.xhtml"))
    #expect(handout.contains("kl. 09.00"), "the first day's first item")
    #expect(!handout.contains("kl. 08.30"))
  }

  @Test func theCalendarHasAnEventPerDayInTheProgramsZone() throws {
    let (scratch, kit) = try Self.build()
    _ = scratch
    let calendar = try KitFiles.text(kit.appendingPathComponent("2013-04-18.ics"))
    #expect(calendar.components(separatedBy: "BEGIN:VEVENT").count - 1 == 2)
    #expect(calendar.contains("TZID:Europe/London"))
    #expect(calendar.contains("DTSTART;TZID=Europe/London:20130418T090000"))
    #expect(calendar.contains("DTSTART;TZID=Europe/London:20130419T090000"))
    #expect(calendar.contains("UID:lab-2013-04-18-day2@workshopkit"))
    #expect(!calendar.contains("Europe/Copenhagen"))
  }

  @Test func everyTimingRuleRunsPerDay() throws {
    let scratch = try KitScratch()
    try scratch.write("exercises/sparring.yaml", Self.exercise)
    // Day 2 starts at 09.00 again: no overlap with day 1, and its own start for minutes.
    let file = try scratch.write(
      "programs/lab/2013-04-18.yaml",
      """
      title: Laboratoriet
      start: 09.00
      days:
        - date: 2013-04-18
          agenda:
            - minutes: 30
              kind: plenary
              title: Velkomst
        - date: 2013-04-19
          agenda:
            - minutes: 30
              kind: plenary
              title: Velkomst igen

      """)
    let check = Checker(exerciseDirectory: scratch.path("exercises").path).check(programAt: file.path)
    #expect(check.diagnostics.isEmpty, "\(check.diagnostics.map(\.description))")
    let times = check.schedule?.items.map { $0.span.formatted(.da) }
    #expect(times == ["09.00–09.30", "09.00–09.30"])
  }
}
