import Foundation
import Testing

@testable import WorkshopKit

/// The English sample, programs/cocreation-lab-en: English labels, times with colons, an
/// English date in words.
@Suite struct KitEnglishTests {
  @Test func handoutIsInEnglish() throws {
    let handout = try KitSamples.xhtml("handout.xhtml", of: KitSamples.english)
    #expect(handout["lang"] == "en")
    let cover = try #require(handout.all("header", class: "cover").first)
    #expect(cover.all("p", class: "meeting").first?.text == "Meeting 1 – Thursday 12 March 2026")
    #expect(cover.all("p", class: "venue").first?.text == "Main Library, Meeting Room 2")
    let agenda = try #require(handout.all("section", class: "agenda").first)
    #expect(agenda.first("h2")?.text == "Programme for the day")
    #expect(agenda.all("th").map(\.text) == ["Time", "Content"])
    let times = agenda.all("td", class: "time").map(\.text)
    #expect(times.first == "09:00–09:15")
    #expect(times.last == "12:15–13:00")
    for time in times {
      #expect(time.wholeMatch(of: /\d\d:\d\d–\d\d:\d\d/) != nil, "\(time)")
    }
    #expect(
      agenda.all("span", class: "line").contains {
        $0.text == "Co-creation – building solutions with citizens, not for them, talk by Emma Clarke"
      })
    #expect(handout.all("p", class: "next-meeting").first?.text == "See you on 14 January!")
    let text = handout.text
    for danish in ["Program for dagen", "oplæg ved", "møde", "Vi ses", "Indhold", "torsdag"] {
      #expect(!text.contains(danish), "Danish in the English handout: \(danish)")
    }
  }

  @Test func runSheetIsInEnglish() throws {
    let sheet = try KitSamples.xhtml("facilitator.xhtml", of: KitSamples.english)
    let headings = sheet.all("h2").map(\.text)
    #expect(sheet.all("p", class: "no-warnings").map(\.text) == ["The check found no warnings."])
    #expect(sheet.text.contains("Led by "))
    #expect(!sheet.text.contains("Leads:"))
    #expect(headings.contains("Overview"))
    #expect(headings.contains("Materials for the day"))
    #expect(sheet.all("p", class: "cue").allSatisfy { $0.text.wholeMatch(of: /\d\d:\d\d — 5 minutes left/) != nil })
    #expect(!sheet.all("p", class: "cue").isEmpty)
    let cueRows = sheet.all("tr", class: "cue")
    #expect(
      !cueRows.isEmpty
        && cueRows.allSatisfy {
          $0.all("td").map(\.text).filter { !$0.isEmpty }.joined(separator: " — ")
            .wholeMatch(of: /\d\d:\d\d — 5 minutes left/) != nil
        })
    for time in sheet.all("tr", class: "step").flatMap({ $0.all("td", class: "time") }).map(\.text) {
      #expect(time.wholeMatch(of: /\d\d:\d\d–\d\d:\d\d/) != nil, "\(time)")
    }
    #expect(
      sheet.first("header")?.all("p").contains { $0.text.contains("Thursday 12 March 2026 · 09:00–13:00") } == true)
  }

  @Test func followUpIsInEnglish() throws {
    let tracker = try KitSamples.xhtml("followup.xhtml", of: KitSamples.english)
    #expect(
      tracker.all("p", class: "due").first?.text
        == "Fill in before the next meeting on Thursday 14 January 2027. Bring the form to the next meeting, "
        + "or fill it in through one of your personal links if you were given them.")
    #expect(
      tracker.all("div", class: "form").map { $0.first("legend")?.text.hasSuffix(" — Pair A") ?? false }.first == true)
    let sheet = try KitSamples.xhtml("tracker.xhtml", of: KitSamples.english)
    #expect(sheet.all("th").first?.text == "Who")
    #expect(
      sheet.first("h1") != nil && sheet.all("p", class: "muted").first?.text == "Follow-up tracker – facilitator only")
    // One name for the participants' document in both languages.
    #expect(tracker.all("p", class: "muted").first?.text == "Follow-up form")
  }
}
