import Foundation
import Testing
import WorkshopKit

@testable import WorkshopKitStore

/// `FollowUpStore.csv`: RFC 4180 after OWASP's CSV-injection guidance: every field quoted,
/// no cell a spreadsheet would run as a formula, a byte order mark first.
@Suite struct StoreCSVTests {
  @Test func csvHasAHeaderAndOneRowPerAnswerByName() throws {
    let scratch = try KitScratch()
    let (store, participants, _) = try StoreFixture.populated(scratch)
    _ = try store.save(
      AnswerSubmission(
        series: "civilsamfundet", program: "2013-04-18", participantID: participants[2].id,
        responses: ["Kortlægge", "", "UU"], status: .notStarted, source: .paper))
    _ = try store.save(
      AnswerSubmission(
        series: "civilsamfundet", program: "2013-04-18", participantID: participants[0].id,
        responses: ["Invitere", "Dagsorden"], status: .inProgress, stage: "Date"))
    let csv = try store.csv(series: "civilsamfundet", program: "2013-04-18", questions: ["Hvad?", "Hvordan?", "Hvem?"])
    #expect(csv.hasPrefix("\u{FEFF}\"name\","), "a UTF-8 byte order mark first")
    let lines = csv.dropFirst().components(separatedBy: "\r\n")
    #expect(lines.last == "", "every record ends with CRLF")
    #expect(lines.count == 4)
    #expect(lines[0] == #""name","pair","organisation","status","stage","source","updated","Hvad?","Hvordan?","Hvem?""#)
    let updated = try #require(
      try store.answer(series: "civilsamfundet", program: "2013-04-18", participantID: participants[0].id)?.updatedAt)
    #expect(
      lines[1]
        == #""Lone Bisgaard","A","Herlev Bibliotek","in-progress","Date","online","\#(updated)","Invitere","Dagsorden","""#
    )
    #expect(lines[2].hasPrefix(#""Mette Laursen","","Ballerup Bibliotekerne","not-started","","paper","#))
    #expect(lines[2].hasSuffix(#","Kortlægge","","UU""#))
  }

  @Test func everyFieldIsQuotedAsRFC4180Says() {
    #expect(CSVTable.field("plain") == "\"plain\"")
    #expect(CSVTable.field("a, b") == "\"a, b\"")
    #expect(CSVTable.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(CSVTable.field("line 1\nline 2") == "\"line 1\nline 2\"")
    #expect(CSVTable.field("line 1\r\nline 2") == "\"line 1\r\nline 2\"")
    #expect(CSVTable.field("") == "\"\"")
    #expect(CSVTable.field("æøå – “citat”") == "\"æøå – “citat”\"")
  }

  /// A Danish spreadsheet splits on `;`: unquoted, `ok;=2*3` would be a formula cell.
  @Test func aSemicolonStaysInsideItsQuotedCell() {
    #expect(CSVTable.field("ok;=2*3") == "\"ok;=2*3\"")
  }

  @Test(arguments: [
    "=SUM(A1:A9)", "+4512345678", "-1+1", "@cmd", "\tTAB", "\rCR", "\nLF", "=HYPERLINK(\"http://x\",\"y\")",
  ])
  func formulasAreDefused(_ value: String) {
    let field = CSVTable.field(value)
    #expect(field.hasPrefix("\"'"), "\(field)")
    #expect(field.dropFirst(2).hasPrefix(value.prefix(1)))
  }

  @Test(arguments: ["\u{0}=1+1", "\u{1B}=1+1", "  =1+1", "\u{7F}@x", "\u{85}-1"])
  func formulasBehindControlsOrSpacesAreDefusedToo(_ value: String) {
    let field = CSVTable.field(value)
    #expect(field.hasPrefix("\"'"), "\(field.debugDescription)")
  }

  @Test func controlCharactersAreRemovedButTabsAndLineBreaksKept() {
    #expect(CSVTable.field("a\u{0}b\u{7}c\u{1B}d\u{7F}e\u{9B}f") == "\"abcdef\"")
    #expect(CSVTable.field("a\tb\nc") == "\"a\tb\nc\"")
  }

  @Test func formulaInjectionThroughAnAnswerIsDefusedInTheExport() throws {
    let scratch = try KitScratch()
    let store = try StoreFixture.store(scratch)
    let participants = try store.syncParticipants(
      series: "s", [Participant(name: "=cmd|' /C calc'!A0", organisation: "@SUM(1,2)", pair: "-2")])
    _ = try store.save(
      AnswerSubmission(
        series: "s", program: "p", participantID: participants[0].id,
        responses: ["=1+1", "+1", "Et svar, med komma og \"citat\"\nog to linjer"]))
    let csv = try store.csv(series: "s", program: "p", questions: ["=Q1", "Q2", "Q3"])
    #expect(
      csv.hasPrefix(#"\#u{FEFF}"name","pair","organisation","status","stage","source","updated","'=Q1","Q2","Q3""#))
    #expect(csv.contains(#"\#r\#n"'=cmd|' /C calc'!A0","'-2","'@SUM(1,2)","","","online","#))
    #expect(csv.hasSuffix(#","'=1+1","'+1","Et svar, med komma og ""citat""\#nog to linjer"\#r\#n"#))
  }

  @Test func responsesBeyondTheQuestionsGetColumnsOfTheirOwn() throws {
    let scratch = try KitScratch()
    let store = try StoreFixture.store(scratch)
    let participants = try store.syncParticipants(series: "s", [Participant(name: "A")])
    _ = try store.save(
      AnswerSubmission(series: "s", program: "p", participantID: participants[0].id, responses: ["1", "2"]))
    let csv = try store.csv(series: "s", program: "p", questions: ["Q1"])
    #expect(
      csv.hasPrefix(
        #"\#u{FEFF}"name","pair","organisation","status","stage","source","updated","Q1","response 2"\#r\#n"#))
    #expect(csv.hasSuffix(#","1","2"\#r\#n"#))
  }
}
