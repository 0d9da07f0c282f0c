import Foundation
import Testing
import WorkshopKit

@testable import WorkshopKitStore

/// `FollowUpStore.csv`: RFC 4180, and no cell a spreadsheet would run as a formula.
@Suite struct StoreCSVTests {
  @Test func csvHasAHeaderAndOneRowPerAnswerByName() throws {
    let scratch = try KitScratch()
    let (store, participants, _) = try StoreFixture.populated(scratch)
    _ = try store.save(
      StoredAnswer(
        series: "civilsamfundet", program: "2013-04-18", participantID: participants[2].id,
        responses: ["Kortlægge", "", "UU"], status: .notStarted, source: .paper))
    _ = try store.save(
      StoredAnswer(
        series: "civilsamfundet", program: "2013-04-18", participantID: participants[0].id,
        responses: ["Invitere", "Dagsorden"], status: .inProgress, stage: "Date"))
    let csv = try store.csv(series: "civilsamfundet", program: "2013-04-18", questions: ["Hvad?", "Hvordan?", "Hvem?"])
    let lines = csv.components(separatedBy: "\r\n")
    #expect(lines.last == "", "every record ends with CRLF")
    #expect(lines.count == 4)
    #expect(lines[0] == "name,pair,organisation,status,stage,source,updated,Hvad?,Hvordan?,Hvem?")
    let updated = try #require(
      try store.answer(series: "civilsamfundet", program: "2013-04-18", participantID: participants[0].id)?.updatedAt)
    #expect(lines[1] == "Lone Bisgaard,A,Herlev Bibliotek,in-progress,Date,online,\(updated),Invitere,Dagsorden,")
    #expect(lines[2].hasPrefix("Mette Laursen,,Ballerup Bibliotekerne,not-started,,paper,"))
    #expect(lines[2].hasSuffix(",Kortlægge,,UU"))
  }

  @Test func fieldsAreQuotedAsRFC4180Says() {
    #expect(CSVTable.field("plain") == "plain")
    #expect(CSVTable.field("a, b") == "\"a, b\"")
    #expect(CSVTable.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(CSVTable.field("line 1\nline 2") == "\"line 1\nline 2\"")
    #expect(CSVTable.field("line 1\r\nline 2") == "\"line 1\r\nline 2\"")
    #expect(CSVTable.field("") == "")
    #expect(CSVTable.field("æøå – “citat”") == "æøå – “citat”")
  }

  @Test(arguments: ["=SUM(A1:A9)", "+4512345678", "-1+1", "@cmd", "\tTAB", "\rCR", "=HYPERLINK(\"http://x\",\"y\")"])
  func formulasAreDefused(_ value: String) {
    let field = CSVTable.field(value)
    let unquoted = field.hasPrefix("\"") ? String(field.dropFirst()) : field
    #expect(unquoted.hasPrefix("'"), "\(field)")
    #expect(unquoted.dropFirst().hasPrefix(value.prefix(1)))
  }

  @Test func formulaInjectionThroughAnAnswerIsDefusedInTheExport() throws {
    let scratch = try KitScratch()
    let store = try StoreFixture.store(scratch)
    let participants = try store.syncParticipants(
      series: "s", [Participant(name: "=cmd|' /C calc'!A0", organisation: "@SUM(1,2)", pair: "-2")])
    _ = try store.save(
      StoredAnswer(
        series: "s", program: "p", participantID: participants[0].id,
        responses: ["=1+1", "+1", "Et svar, med komma og \"citat\"\nog to linjer"]))
    let csv = try store.csv(series: "s", program: "p", questions: ["=Q1", "Q2", "Q3"])
    #expect(csv.hasPrefix("name,pair,organisation,status,stage,source,updated,'=Q1,Q2,Q3\r\n"))
    #expect(csv.contains("\r\n'=cmd|' /C calc'!A0,'-2,'@SUM(1,2)") == false, "a comma forces quotes")
    #expect(csv.contains("\r\n'=cmd|' /C calc'!A0,'-2,\"'@SUM(1,2)\",,,online,"))
    #expect(csv.hasSuffix(",'=1+1,'+1,\"Et svar, med komma og \"\"citat\"\"\nog to linjer\"\r\n"))
  }

  @Test func responsesBeyondTheQuestionsGetColumnsOfTheirOwn() throws {
    let scratch = try KitScratch()
    let store = try StoreFixture.store(scratch)
    let participants = try store.syncParticipants(series: "s", [Participant(name: "A")])
    _ = try store.save(
      StoredAnswer(series: "s", program: "p", participantID: participants[0].id, responses: ["1", "2"]))
    let csv = try store.csv(series: "s", program: "p", questions: ["Q1"])
    #expect(csv.hasPrefix("name,pair,organisation,status,stage,source,updated,Q1,response 2\r\n"))
    #expect(csv.hasSuffix(",1,2\r\n"))
  }
}
