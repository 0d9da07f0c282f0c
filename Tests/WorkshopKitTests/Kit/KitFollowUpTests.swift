import Foundation
import Testing

@testable import WorkshopKit

/// The follow-up tracker of the reference day: a form per pair and the facilitator's table.
@Suite struct KitFollowUpTests {
  let tracker: KitNode

  static let questions = [
    "Hvad kunne være 1-2 handlinger, som vi afprøver inden næste møde?",
    "Hvordan skal dette forberedes?",
    "Hvem involverer det?",
    "Hvordan kunne en god proces for dette se ud?",
    "Hvad forventer I som output af disse handlinger?",
  ]
  static let stages = ["Glance", "Date", "Engagement", "Marriage", "Divorce"]

  init() throws {
    tracker = try KitSamples.xhtml("followup.xhtml", of: KitSamples.april)
  }

  @Test func dueAtTheNextMeeting() {
    // When and how to hand it in, on the form's first page.
    #expect(
      tracker.all("p", class: "box").map(\.text) == [
        "Udfyldes inden næste møde mandag den 3. juni 2013. Aflever skemaet til facilitatoren ved næste møde, "
          + "eller udfyld det via dit personlige link, hvis du har fået et."
      ])
  }

  @Test func oneFormPerPair() {
    let legends = tracker.all("div", class: "form").map { $0.first("legend")?.text ?? "" }
    #expect(
      legends == ["A", "B", "C", "D"].map { "Næste skridt – i makkerpar — Makkerpar \($0)" })
    let names = tracker.all("div", class: "form").map { form in
      form.all("input").first { $0["type"] == "text" }?["value"] ?? ""
    }
    #expect(
      names == [
        "Lone Bisgaard, Jakob Friis", "Sanne Vestergaard, Peter Kragh", "Mette Laursen, Ali Demir",
        "Karen Østergaard, Søren Bæk",
      ])
  }

  @Test func everyFormHasATextareaPerQuestion() {
    for form in tracker.all("div", class: "form") {
      let areas = form.all("textarea")
      #expect(areas.count == 5)
      #expect(areas.map { $0["name"] ?? "" } == ["q1", "q2", "q3", "q4", "q5"])
      // Each textarea has a label pointing at it, with the numbered question.
      let labels = Dictionary(
        form.all("label").compactMap { label in label["for"].map { ($0, label.text) } },
        uniquingKeysWith: { first, _ in first })
      for (index, area) in areas.enumerated() {
        let id = area["id"] ?? ""
        #expect(labels[id] == "\(index + 1). \(Self.questions[index])", "label of \(id)")
      }
    }
  }

  @Test func everyFormHasRadioButtonsForThePartnershipStages() {
    for form in tracker.all("div", class: "form") {
      let radios = form.all("input").filter { $0["type"] == "radio" }
      #expect(radios.map { $0["value"] ?? "" } == Self.stages)
      #expect(Set(radios.map { $0["name"] ?? "" }) == ["stage"])
      let group = form.all("fieldset", class: "options").first
      #expect(group?.first("legend")?.text == "Partnerskabets stadie")
    }
  }

  @Test func idsAreUniqueInTheDocument() {
    let ids = tracker.descendantsAndSelf.compactMap { $0["id"] }
    #expect(ids.count == Set(ids).count)
    #expect(ids.count > 20)
  }

  @Test func trackerTableHasARowPerPair() throws {
    let section = try #require(
      tracker.all("section").first { $0.first("h2")?.text == "Oversigt til facilitator" })
    let table = try #require(section.first("table"))
    #expect(
      table.all("th").map(\.text) == ["Hvem", "Forpligtelse", "Status ved næste møde", "Partnerskabets stadie"])
    let rows = table.first("tbody")?.all("tr") ?? []
    #expect(
      rows.map { $0.first("strong")?.text ?? "" } == ["Makkerpar A", "Makkerpar B", "Makkerpar C", "Makkerpar D"])
    #expect(rows.first?.all("td").first?.text == "Makkerpar ALone Bisgaard, Jakob Friis")
    #expect(rows.allSatisfy { $0.all("td", class: "status-box").first?.text == "☐ Ikke startet  ☐ I gang  ☐ Færdig" })
  }
}
