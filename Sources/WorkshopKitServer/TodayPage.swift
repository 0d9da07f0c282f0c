import Foundation
import WorkshopKit

/// The facilitator's view of the day itself: the current and next item and step from the
/// clock, and the replan for a delay entered in a GET form (nothing is stored).
enum TodayPage {
  enum Problem {
    case invalidDelay
  }

  static func render(_ schedule: Schedule, now: Date, zone: TimeZone, behind: Int?, error: Problem?) -> [UInt8] {
    let program = schedule.program
    let language = program.language
    let document = XHTMLDocument.kitDocument(
      title: "\(Label.today.text(language)) – \(program.title)", runningTitle: program.runningTitle(),
      language: language)
    let body = document.body
    let header = body.element("header")
    header.element("p", ["class": "muted"], text: Label.today.text(language))
    header.element("h1", text: program.title)
    header.element("p", text: [program.meetingText(), program.datesText()].compactMap { $0 }.joined(separator: " · "))

    let wall = CalendarDate.wallClock(at: now, in: zone)
    let wallClock = wall?.clock ?? ClockTime(minutesSinceMidnight: 0)
    body.element("p", ["class": "clock"], text: Label.now.text(language) + ": " + wallClock.formatted(language))

    // After midnight on an evening that runs past it, the evening is still today.
    guard let today = wall?.date, let (dayIndex, clock) = schedule.dayAndClock(on: today, at: wallClock) else {
      body.element(
        "p",
        text: language(
          .notToday, program.scheduleDays.map { DateText.long($0.date.value, language) }.joined(separator: ", ")))
      return document.pageBytes
    }
    let day = schedule.day(dayIndex)
    let section = body.element("section")
    section.element("h2", text: Label.nowAndNext.text(language))
    let list = section.element("dl")
    if let current = day.parts.first(where: { $0.span.start <= clock && clock < $0.span.end }) {
      list.element("dt", text: Label.now.text(language))
      list.element("dd", text: current.span.formatted(language) + " " + current.activity.title)
      if let step = current.steps.first(where: { $0.span.start <= clock && clock < $0.span.end }) {
        list.element("dd", ["class": "muted"], text: step.span.formatted(language) + " " + step.step.text)
      }
    }
    if let next = day.parts.first(where: { $0.span.start > clock }) {
      list.element("dt", text: Label.next.text(language))
      list.element("dd", text: next.span.formatted(language) + " " + next.activity.title)
    }

    // The delay, as a GET form: the page is the same for the same question, and nothing is stored.
    let form = body.element("form", ["method": "get", "action": ""])
    let field = form.element("p")
    field.element("label", ["for": "behind"], text: Label.minutesBehind.text(language))
    field.text(" ")
    field.element(
      "input",
      [
        "type": "number", "id": "behind", "name": "behind", "min": "0", "max": "600", "inputmode": "numeric",
        "value": behind.map(String.init) ?? "",
      ])
    field.text(" ")
    field.element("button", ["type": "submit"], text: Label.replan.text(language))
    if error == .invalidDelay {
      body.element("p", ["class": "error", "role": "alert"], text: Label.invalidDelay.text(language))
    }
    guard let behind, behind > 0 else { return document.pageBytes }
    // Before the day has begun there is nothing to replan (and 00.20 on the morning of an
    // evening that runs past midnight is not the end of that evening).
    guard let span = day.span, clock >= span.start else {
      body.element("p", text: Label.notDuringTheDay.text(language))
      return document.pageBytes
    }
    let result: Replanner.Result
    do {
      result = try Replanner.replan(schedule, day: dayIndex, at: clock, behind: behind)
    } catch .behindBeforeTheStart(_, let at, let start) {
      body.element(
        "p", ["class": "error", "role": "alert"],
        text: language(.tooFarBehind, at.formatted(language), at - start))
      return document.pageBytes
    } catch {
      body.element("p", text: Label.notDuringTheDay.text(language))
      return document.pageBytes
    }
    let table = body.element("table")
    let head = table.element("thead").element("tr")
    for label in [Label.time, .duration, .content] { head.element("th", ["scope": "col"], text: language(label)) }
    let rows = table.element("tbody")
    for entry in result.entries {
      let row = rows.element("tr")
      row.element("td", ["class": "time"], text: entry.replanned.formatted(language))
      row.element("td", ["class": "minutes"], text: "\(entry.replanned.minutes) min")
      let cell = row.element("td", text: entry.activity.title)
      if entry.shortenedBy > 0 {
        cell.element("span", ["class": "muted"], text: " (−\(entry.shortenedBy) min)")
      }
    }
    body.element(
      "p", ["class": result.endsOnTime ? "saved" : "error"],
      text: result.endsOnTime
        ? language(.endsOnTime, result.newEnd.formatted(language))
        : language(.runsOver, result.newEnd.formatted(language), result.overrun))
    return document.pageBytes
  }
}
