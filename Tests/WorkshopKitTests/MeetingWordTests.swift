import Testing

@testable import WorkshopKit

/// A series' own word for its meetings (`meeting-word: workshop`) in the labels that name
/// a meeting on their own, and nowhere it would need an ending or an article of its own.
@Suite struct MeetingWordTests {
  static func program(_ language: Language, word: String?) -> Program {
    let file = "programs/lab/2017-03-02.yaml"
    var program = Program(
      id: "2017-03-02", series: "lab", file: file, title: "Laboratoriet",
      date: Located(CalendarDate(year: 2017, month: 3, day: 2)!, at: .start(of: file)), language: language,
      agenda: [], agendaLocation: .start(of: file))
    program.meetingWord = word
    return program
  }

  @Test func theWordTakesTheMeetingsPlaceInDanish() {
    let program = Self.program(.da, word: "workshop")
    #expect(program.meetingLabel(.statusAtNextMeeting) == "Status ved næste workshop")
    #expect(program.meetingLabel(.commitmentsOverTime) == "Forpligtelser fra workshop til workshop")
    #expect(program.meetingLabel(.meeting) == "Workshop")
    #expect(
      program.meetingLabel(.followUpDue, "torsdag den 30. marts 2017")
        == "Udfyldes inden næste workshop torsdag den 30. marts 2017")
    #expect(program.meetingLabel(.handIn).hasPrefix("Aflever skemaet til facilitatoren ved næste workshop, eller"))
  }

  @Test func theWordTakesTheMeetingsPlaceInEnglish() {
    let program = Self.program(.en, word: "session")
    #expect(program.meetingLabel(.statusAtNextMeeting) == "Status at the next session")
    #expect(program.meetingLabel(.meeting) == "Session")
    #expect(program.meetingLabel(.nextMeeting) == "Next session")
    // The plural, and the course report's and the forms' texts about the meetings.
    #expect(program.meetingLabel(.theMeetings) == "The sessions")
    #expect(program.meetingLabel(.noFollowUp) == "This session has no follow-up exercise.")
    #expect(
      Program.withMeetingWord("3 meetings from a to b", label: .meetingsFromTo, word: "session", language: .en)
        == "3 sessions from a to b")
    #expect(Self.program(.en, word: "class").meetingLabel(.theMeetings) == "The meetings", "no plural guessed")
  }

  /// "mødets" keeps its own word, and a label not made for the word keeps "møde".
  @Test func onlyTheWordAloneInTheLabelsMadeForIt() {
    let danish = Self.program(.da, word: "workshop")
    #expect(
      Program.withMeetingWord("fra mødets dag til næste møde.", label: .meeting, word: "workshop", language: .da)
        == "fra mødets dag til næste workshop.")
    #expect(danish.meetingLabel(.noFollowUp) == "Mødet har ingen opfølgningsøvelse.", "the definite form stays")
    #expect(danish.meetingLabel(.theMeetings) == "Møderne")
    #expect(danish.meetingLabel(.evaluateTheMeeting) == Language.da(.evaluateTheMeeting))
    #expect(Self.program(.da, word: nil).meetingLabel(.statusAtNextMeeting) == "Status ved næste møde")
  }
}
