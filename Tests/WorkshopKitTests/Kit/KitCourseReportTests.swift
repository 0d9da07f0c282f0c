import Foundation
import Testing

@testable import WorkshopKit

/// The course report of the Samskabelseslaboratoriet series: five workshops, their
/// attendance, the commitments from workshop to workshop, the evaluations and who dropped out.
@Suite struct KitCourseReportTests {
  let report: KitNode
  static let series = "samskabelseslaboratoriet"

  init() throws {
    let scratch = try KitScratch()
    let files = try KitSamples.allProgramFiles().filter { $0.contains("/\(Self.series)/") }
    let built = KitBuilder(exerciseDirectory: KitRepo.exercises.path, outputDirectory: scratch.url.path)
      .build(programFiles: files)
    #expect(built.failedPrograms.isEmpty, "\(built.diagnostics)")
    report = try KitXML.parse(try KitFiles.text(scratch.path(Self.series + "/course.xhtml")))
  }

  @Test func eachMeetingWithItsAttendance() throws {
    #expect(report.first("h1")?.text == "Samskabelseslaboratoriet")
    // It names people, and says so first.
    #expect(report.all("p", class: "box").first?.text.contains("nævner deltagerne ved navn") == true)
    let rows = report.all("table", class: "meetings").first?.first("tbody")?.all("tr") ?? []
    #expect(rows.count == 5)
    #expect(
      rows.map { $0.all("td").first?.text ?? "" } == [
        "17 af 18", "17 af 18 (+1 ikke tilmeldt)", "16 af 18", "16 af 18", "15 af 18 (+1 ikke tilmeldt)",
      ])
    #expect(rows.first?.all("td").last?.text.contains("Udvælg projekt") == true || rows.count == 5)
  }

  /// The span of the course in its header; a course of one meeting so far is said so,
  /// not as "1 møder fra … til" the same day, in the series' word for it ("1 workshop";
  /// the Danish plural keeps "møder").
  @Test func theHeaderSaysHowManyMeetingsAndWhen() throws {
    #expect(
      report.first("header")?.all("p").map(\.text).contains {
        $0.hasPrefix("5 møder fra torsdag den 2. marts 2017 til torsdag den 15. juni 2017")
      } == true)
    // The first workshop alone, as the course stands after it.
    let scratch = try KitScratch()
    let source = KitRepo.root.appendingPathComponent("programs/\(Self.series)")
    var first = URL(fileURLWithPath: "/")
    for name in ["series.yaml", "2017-03-02.yaml"] {
      first = try scratch.write(
        "programs/\(Self.series)/\(name)",
        try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8))
    }
    let built = KitBuilder(exerciseDirectory: KitRepo.exercises.path, outputDirectory: scratch.path("out").path)
      .build(programFiles: [first.path])
    #expect(built.failedPrograms.isEmpty, "\(built.diagnostics)")
    let one = try KitXML.parse(try KitFiles.text(scratch.path("out/" + Self.series + "/course.xhtml")))
    #expect(
      one.first("header")?.all("p").map(\.text).contains { $0.hasPrefix("1 workshop, torsdag den 2. marts 2017") }
        == true,
      "\(one.first("header")?.all("p").map(\.text) ?? [])")
  }

  @Test func commitmentsMoveFromMeetingToMeeting() throws {
    let table = try #require(report.all("table", class: "commitments").first)
    let head = table.first("thead")?.all("th").map(\.text) ?? []
    #expect(head.first == "Hvem")
    #expect(head.count == 1 + 4, "the four workshops with a follow-up")
    let rows = table.first("tbody")?.all("tr") ?? []
    #expect(rows.count == 8)
    // Every cell is what the pair reported (stage · status, the commitment) or "ikke besvaret".
    for row in rows {
      for cell in row.all("td") {
        #expect(
          cell.first("strong") != nil || cell.first("p") != nil || cell.first("span")?.text == "ikke besvaret",
          "\(cell.text)")
      }
    }
    // Pair A's dinner club moves up the scale from workshop to workshop.
    #expect(
      rows.first?.all("td").map { $0.first("strong")?.text ?? "" } == [
        "I dialog · I gang", "Afprøvet sammen · Færdig", "Fast samarbejde · Færdig", "Forankret · Færdig",
      ])
  }

  /// Each table of a column per meeting is too wide for a phone: it sits in a region of
  /// its own, named and reachable by keyboard, that scrolls sideways on a narrow screen;
  /// the overview of the meetings, three columns, does not.
  @Test func theWideTablesScrollInANamedRegion() throws {
    let regions = report.all("div", class: "wide")
    #expect(
      regions.map { $0.all("table").first?["class"] ?? "" }
        == ["commitments", "ratings", "ratings", "ratings", "ratings", "ratings", "attendance-grid"])
    for region in regions {
      #expect(region["role"] == "region" && region["tabindex"] == "0")
      #expect(region["aria-label"]?.isEmpty == false)
    }
    #expect(regions.first?["aria-label"] == "Forpligtelser fra workshop til workshop", "the series says workshop")
    #expect(regions.last?["aria-label"] == "Fremmøde pr. deltager")
    #expect(report.all("table", class: "meetings").count == 1)
    #expect(regions.allSatisfy { $0.all("table", class: "meetings").isEmpty })
  }

  /// Both of a pair answered online, each on their own: the cell shows both, named.
  @Test func bothAnswersOfAPairAreInItsCell() throws {
    let april = KitSamples.check(KitSamples.april)
    let june = KitSamples.check(KitSamples.june)
    let exercise = try #require(april.program?.followUpExercise)
    let answers = [
      FollowUpAnswer(who: "Makkerpar A – Lone Bisgaard", stage: "Date", responses: ["Lektiecafé"]),
      FollowUpAnswer(who: "Makkerpar A – Jakob Friis", stage: "Glance", responses: ["Kaffe med rådgiveren"]),
    ]
    let meetings = [
      CourseReport.Meeting(
        schedule: try #require(april.schedule), attendance: nil, evaluations: [],
        followUp: (exercise, answers)),
      CourseReport.Meeting(schedule: try #require(june.schedule), attendance: nil, evaluations: [], followUp: nil),
    ]
    let document = try #require(CourseReport.render(meetings))
    let report = try KitXML.parse(Data(try document.serialized()))
    let row = try #require(report.all("table", class: "commitments").first?.first("tbody")?.all("tr").first)
    let cell = try #require(row.all("td").first)
    #expect(cell.all("p").map(\.text).contains("Makkerpar A – Lone Bisgaard"))
    #expect(cell.all("p").map(\.text).contains("Makkerpar A – Jakob Friis"))
    #expect(cell.all("strong").map(\.text) == ["Date", "Glance"])
  }

  /// The charts count the forms typed in from paper, value by value; the mean is theirs.
  @Test func evaluationsCountedFromTheFiles() throws {
    let path = KitRepo.programs.path + "/\(Self.series)/evaluations/2017-03-02.yaml"
    let program = try #require(KitSamples.check("\(Self.series)/2017-03-02.yaml").program)
    let (answers, findings) = MeetingRecords.readEvaluations(path, evaluation: program.evaluation)
    #expect(findings.isEmpty)
    let forms = try #require(answers)
    let first = try #require(report.all("div", class: "evaluation-results").first)
    #expect(first.all("p", class: "muted").first?.text == "\(forms.count) besvarelser")
    let values = forms.compactMap { $0.scale.first ?? nil }
    let expected = (1...5).map { value in "\(value): \(values.filter { $0 == value }.count) svar" }
      .joined(separator: ", ")
    let chart = try #require(first.all("svg").first)
    #expect(chart.first("title")?.text == expected)
    #expect(chart["role"] == "img")
    let mean = String(format: "%.1f", Double(values.reduce(0, +)) / Double(values.count))
      .replacingOccurrences(of: ".", with: ",")
    #expect(first.all("td", class: "average").first?.text == mean)
    #expect(report.all("div", class: "evaluation-results").count == 5)
  }

  @Test func attendancePerPersonAndWhoDroppedOut() throws {
    let grid = try #require(report.all("table", class: "attendance-grid").first)
    #expect(grid.first("tbody")?.all("tr").count == 18)
    let dropped = report.all("section").last?.all("li").map(\.text) ?? []
    #expect(dropped == ["Peter Juhl – sidst med ved 2. workshop"])
  }
}

/// The evaluation form: five boxes a scale question with its ends named, a box a question
/// in words; anonymous where the series says so.
@Suite struct KitEvaluationFormTests {
  @Test func theStandardQuestionsInDanish() throws {
    let form = try KitSamples.xhtml("evaluation.xhtml", of: KitSamples.april)
    let groups = form.all("fieldset", class: "rating")
    #expect(
      groups.map { $0.first("legend")?.text ?? "" } == [
        "1. Hvor tilfreds er du med dagen som helhed?", "2. Hvor relevant var indholdet for dit arbejde?",
        "3. Hvor godt fungerede øvelserne?",
      ])
    for group in groups {
      let radios = group.all("input").filter { $0["type"] == "radio" }
      #expect(radios.map { $0["value"] ?? "" } == ["1", "2", "3", "4", "5"])
      #expect(Set(radios.map { $0["name"] ?? "" }).count == 1)
    }
    #expect(groups.first?.all("span", class: "end").map(\.text) == ["1 = Meget utilfreds", "5 = Meget tilfreds"])
    #expect(form.all("textarea").count == 3)
    #expect(form.all("p", class: "box").first?.text.hasPrefix("Sæt ét kryds") == true)
  }

  @Test func anonymousWhereTheSeriesSaysSo() throws {
    let form = try KitSamples.xhtml("evaluation.xhtml", of: "samskabelseslaboratoriet/2017-03-30.yaml")
    #expect(form.all("p", class: "box").first?.text.hasPrefix("Skemaet er anonymt") == true)
    #expect(
      form.all("fieldset", class: "rating").first?.first("legend")?.text == "1. Hvor meget fik du ud af workshoppen?")
    #expect(form.all("input").filter { $0["type"] == "text" }.isEmpty, "no name field")
  }

  @Test func noEvaluationNoForm() throws {
    var schedule = try #require(KitSamples.check(KitSamples.april).schedule)
    schedule.program.evaluation = nil
    #expect(!(try KitBuilder.documents(for: KitInput(schedule: schedule))).contains { $0.name == "evaluation.xhtml" })
  }
}
