import Foundation
import Testing

@testable import WorkshopKit

/// The sign-in sheet: the roster with organisations and a column to sign, room for walk-ins,
/// a sheet a day.
@Suite struct KitAttendanceTests {
  @Test func theReferenceDaysRosterThenWalkIns() throws {
    let sheet = try KitSamples.xhtml("attendance.xhtml", of: KitSamples.april)
    #expect(sheet.all("p", class: "muted").first?.text == "Fremmødeliste")
    let tables = sheet.all("table", class: "sign-in")
    #expect(tables.count == 1)
    let table = try #require(tables.first)
    #expect(table.first("thead")?.all("th").map(\.text) == ["Nr.", "Navn", "Organisation", "Underskrift"])
    let rows = table.first("tbody")?.all("tr") ?? []
    #expect(rows.count == 8 + AttendanceSheet.walkInRows)
    #expect(rows.first?.all("td").map(\.text) == ["1", "Lone Bisgaard", "Herlev Bibliotek", ""])
    #expect(rows[7].all("td").dropFirst().first?.text == "Søren Bæk")
    #expect(rows.filter { $0["class"] == "walk-in" }.count == AttendanceSheet.walkInRows)
    #expect(rows[8].all("td").map(\.text) == ["9", "Ikke tilmeldt:", "", ""])
  }

  /// Two days, two sheets, the second on a page of its own; who sent word is marked.
  @Test func aSheetADayWithApologiesMarked() throws {
    let sheet = try KitSamples.xhtml("attendance.xhtml", of: "samskabelseslaboratoriet/2017-04-27.yaml")
    let sections = sheet.all("section")
    #expect(
      sections.map { $0.first("h2")?.text ?? "" } == [
        "Dag 1 – torsdag den 27. april 2017", "Dag 2 – fredag den 28. april 2017",
      ])
    #expect(sections.map { $0["class"] ?? "" } == ["sheet", "sheet page"])
    let check = KitSamples.check("samskabelseslaboratoriet/2017-04-27.yaml")
    let program = try #require(check.program)
    let absent = try #require(program.absent.first?.value)
    for section in sections {
      let row = try #require(section.all("tr").first { $0.all("td").dropFirst().first?.text == absent })
      #expect(row.all("td").last?.text == "meldt afbud")
      #expect(section.all("tr").count == 1 + program.participants.count + AttendanceSheet.walkInRows)
    }
  }

  /// Without a roster the sheet is all blank rows to fill in.
  @Test func withoutARosterBlankRows() throws {
    let check = KitSamples.check(KitSamples.april)
    var schedule = try #require(check.schedule)
    schedule.program.participants = []
    let sheet = try KitXML.parse(try AttendanceSheet.render(KitInput(schedule: schedule)).serializedString())
    #expect(sheet.all("tr", class: "walk-in").count == AttendanceSheet.blankSheetRows)
    #expect(!sheet.text.contains("Ikke tilmeldt"))
  }
}
