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
    let bodies = table.all("tbody")
    #expect(bodies.map { $0["class"] } == [nil, "walk-ins"])
    let rows = bodies.first?.all("tr") ?? []
    #expect(rows.count == 8)
    #expect(rows.first?.all("td").map(\.text) == ["1", "Lone Bisgaard", "Herlev Bibliotek", ""])
    #expect(rows[7].all("td").dropFirst().first?.text == "Søren Bæk")
    // Walk-ins under a heading of their own; every numbered row is free to write in.
    let walkIns = bodies.last?.all("tr") ?? []
    #expect(walkIns.first?.all("th").map(\.text) == ["Ikke tilmeldt"])
    #expect(walkIns.first?.first("th")?["scope"] == "rowgroup")
    #expect(walkIns.filter { $0["class"] == "walk-in" }.count == AttendanceSheet.walkInRows)
    #expect(walkIns.dropFirst().map { $0.all("td").map(\.text) }.first == ["9", "", "", ""])
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
      #expect(section.all("tr").count == 2 + program.participants.count + AttendanceSheet.walkInRows)
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

/// Tent cards: two a sheet, each person's name readable from both sides once folded.
@Suite struct KitNameCardTests {
  @Test func aTentCardPerParticipantTwoASheet() throws {
    let cards = try KitSamples.xhtml("namecards.xhtml", of: KitSamples.april)
    let tents = cards.all("div", class: "tent")
    #expect(tents.count == 8)
    #expect(cards.all("div", class: "tent-sheet").count == 4)
    let first = try #require(tents.first)
    let sides = first.all("div", class: "side")
    #expect(sides.count == 2)
    // The same name on both sides; the upside-down one is not read out twice.
    #expect(sides.map { $0.first("p")?.text ?? "" } == ["Lone Bisgaard", "Lone Bisgaard"])
    #expect(sides.map { $0["aria-hidden"] } == ["true", nil])
    #expect(first.all("p", class: "organisation").first?.text == "Herlev Bibliotek")
  }

  /// Who sent apologies (`absent:`) gets no card: 18 on the roster, two absent, 16 cards.
  @Test func noCardForThoseWhoSentApologies() throws {
    let cards = try KitSamples.xhtml("namecards.xhtml", of: "samskabelseslaboratoriet/2017-05-18.yaml")
    let names = cards.all("p", class: "person").map(\.text)
    #expect(names.count == 2 * 16)
    #expect(!names.contains("Peter Juhl") && !names.contains("Rasmus Bech"))
    #expect(names.contains("Hanne Lykke"))
  }
}

/// The reference cards to cut out, as many as the run sheet's materials list asks for.
@Suite struct KitCardSheetTests {
  @Test func asManyCardsAsPairsAndGroups() throws {
    let sheet = try KitSamples.xhtml("cards.xhtml", of: KitSamples.april)
    let sections = sheet.all("section", class: "cards-for")
    #expect(
      sections.map { $0.first("h2")?.text ?? "" } == ["Refleksion i makkerpar", "Partnerskaber – Guldet i nabolaget"])
    // Four pairs reflect on the four dimensions; two groups look at the partnership types.
    #expect(sections.map { $0.all("div", class: "cut-card").count } == [4, 2])
    #expect(sections.first?.all("p", class: "muted").first?.text == "4 stk. · 4 par")
    #expect(
      sections.first?.all("p", class: "term").map(\.text) == [
        "Dialog", "Kreativitet", "Fællesskab", "Indflydelse", "Dialog", "Kreativitet", "Fællesskab", "Indflydelse",
        "Dialog", "Kreativitet", "Fællesskab", "Indflydelse", "Dialog", "Kreativitet", "Fællesskab", "Indflydelse",
      ])
    // The run sheet names them where they are printed.
    let runSheet = try KitSamples.xhtml("facilitator.xhtml", of: KitSamples.april)
    let materials = runSheet.all("ul", class: "checklist").last?.all("li").map(\.text) ?? []
    #expect(
      materials.contains(
        "2 × Kort: Partnerskabstyper (Partnerskaber – Guldet i nabolaget: 2 grupper; klippes ud af arket \"Kort til øvelserne\")"
      ))
  }
}
