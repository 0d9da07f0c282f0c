import Foundation
import WorkshopKit

/// The facilitator's view of the day itself: the current and next item and step from the
/// clock, and the replan for a delay entered in a GET form (nothing is stored). With a
/// delay, "now" is where the plan stands. `rehearsal` (a day from 0 and a clock) stands in
/// for the wall clock, so the page can be tried before the day.
enum TodayPage {
  enum Problem: Equatable {
    case invalidDelay
    /// `?at=` (with `?day=`) that is not a time on one of the meeting's days.
    case unreadableRehearsal(at: String, day: String, days: Int)
    /// `?following=` that is not replans as the page writes them (`11.40+25`).
    case unreadableFollowing(String)
  }

  static func render(
    _ schedule: Schedule, now: Date, zone: TimeZone, behind: Int?, problems: [Problem] = [],
    rehearsal: (day: Int, clock: ClockTime)? = nil, following taken: [(at: ClockTime, behind: Int)] = []
  ) -> [UInt8] {
    let program = schedule.program
    let language = program.language
    let document = ServerPage(
      title: "\(Label.today.text(language)) – \(program.title)", runningTitle: program.runningTitle(),
      language: language)
    let body = document.content
    let header = body.element("header")
    header.element("p", ["class": "muted"], text: Label.today.text(language))
    header.element("h1", text: program.title)
    header.element("p", text: [program.meetingText(), program.datesText()].compactMap { $0 }.joined(separator: " · "))

    let wall = CalendarDate.wallClock(at: now, in: zone)
    let wallClock = wall?.clock ?? ClockTime(minutesSinceMidnight: 0)
    for case .unreadableFollowing(let text) in problems {
      body.element("p", ["class": "error", "role": "alert"], text: language(.unreadableFollowing, text))
    }
    for case .unreadableRehearsal(let at, let day, let days) in problems {
      let text =
        ClockTime(typed: at) == nil
        ? language(.unreadableRehearsalTime, at)
        : days == 1 ? language(.unreadableRehearsalOneDay, day) : language(.unreadableRehearsalDay, day, days)
      body.element("p", ["class": "error", "role": "alert"], text: text)
    }
    if let rehearsal {
      body.element(
        "p", ["class": "box", "role": "status"],
        text: language(.rehearsal, rehearsal.clock.formatted(language), rehearsal.day + 1))
    } else {
      body.element("p", ["class": "clock"], text: Label.now.text(language) + ": " + wallClock.formatted(language))
    }

    // After midnight on an evening that runs past it, the evening is still today.
    let found = rehearsal ?? wall.flatMap { schedule.dayAndClock(on: $0.date, at: wallClock) }
    guard let (dayIndex, clock) = found else {
      body.element(
        "p",
        text: language(
          .notToday, program.datesText()))
      rehearseForm(program, into: body)
      return document.pageBytes
    }
    // After a replan taken up ("follow this plan"), the day's times are the replan's; one
    // that cannot be followed from here (made after the time now) is said, and left.
    let followed = try? Replanner.followed(schedule, day: dayIndex, following: taken, until: clock)
    let following = followed == nil ? [] : taken
    let day = followed.map { $0.schedule.day($0.day) } ?? schedule.day(dayIndex)
    let page = ServerPaths.today(series: program.series, program: program.id)
    if followed == nil, let last = taken.last {
      body.element(
        "p", ["class": "error", "role": "alert"], text: language(.followingFailed, last.at.formatted(language)))
    } else if let last = following.last {
      let note = body.element("p", ["class": "muted"])
      note.text(language(.followingReplan, last.at.formatted(language), last.behind) + " ")
      note.element("a", ["href": page + query(rehearsal, following: [])], text: language(.backToPrintedPlan))
    }
    // Behind plan, what is on is where the plan stands, not what the clock says.
    let delay = behind.flatMap { $0 > 0 ? $0 : nil }
    let planClock = clock.adding(minutes: -(delay ?? 0))
    // Before the day has begun there is nothing to replan (and 00.20 on the morning of an
    // evening that runs past midnight is not the end of that evening).
    let replan: Result<Replanner.Result, Replanner.Failure>? = delay.flatMap { delay in
      guard let span = day.span, clock >= span.start else { return nil }
      return Result { () throws(Replanner.Failure) in
        try Replanner.replan(schedule, day: dayIndex, following: following, at: clock, behind: delay)
      }
    }
    let section = body.element("section")
    section.element("h2", text: Label.nowAndNext.text(language))
    if let delay {
      section.element("p", ["class": "muted"], text: language(.planStandsAt, planClock.formatted(language), delay))
    }
    // With a replan, now and next on its clock, as in the table below; else on the plan's.
    let timeline: [(span: TimeRange, title: String, steps: [ScheduledStep])]
    let timelineClock: ClockTime
    if case .success(let result) = replan {
      timeline = result.entries.map { ($0.shownSpan(behind: result.behind), $0.activity.title, $0.steps) }
      timelineClock = clock
    } else {
      timeline = day.parts.map { ($0.span, $0.activity.title, $0.steps) }
      timelineClock = planClock
    }
    let list = section.element("dl")
    if let current = timeline.first(where: { $0.span.start <= timelineClock && timelineClock < $0.span.end }) {
      list.element("dt", text: Label.now.text(language))
      list.element("dd", text: current.span.formatted(language) + " " + current.title)
      if let step = current.steps.first(where: {
        $0.step.kind != .section && $0.span.start <= timelineClock && timelineClock < $0.span.end
      }) {
        list.element("dd", ["class": "muted"], text: step.span.formatted(language) + " " + step.lineText)
      }
    }
    if let next = timeline.first(where: { $0.span.start > timelineClock }) {
      list.element("dt", text: Label.next.text(language))
      list.element("dd", text: next.span.formatted(language) + " " + next.title)
    }

    // The delay, as a GET form: the page is the same for the same question, and nothing is stored.
    let form = body.element(
      "form", ["method": "get", "action": ServerPaths.today(series: program.series, program: program.id)])
    if let rehearsal {
      form.element("input", ["type": "hidden", "name": "day", "value": String(rehearsal.day + 1)])
      form.element("input", ["type": "hidden", "name": "at", "value": rehearsal.clock.formatted(.da)])
    }
    if !following.isEmpty {
      form.element("input", ["type": "hidden", "name": "following", "value": Self.followingText(following)])
    }
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
    if problems.contains(.invalidDelay) {
      body.element("p", ["class": "error", "role": "alert"], text: Label.invalidDelay.text(language))
    }
    guard delay != nil else { return document.pageBytes }
    let result: Replanner.Result
    switch replan {
    case .success(let replanned): result = replanned
    case .failure(.behindBeforeTheStart(_, let at, let start)):
      body.element(
        "p", ["class": "error", "role": "alert"],
        text: language(.tooFarBehind, at.formatted(language), at - start))
      return document.pageBytes
    case .failure, nil:
      body.element("p", text: Label.notDuringTheDay.text(language))
      return document.pageBytes
    }
    let table = body.element("table")
    let head = table.element("thead").element("tr")
    for label in [Label.time, .duration, .content] { head.element("th", ["scope": "col"], text: language(label)) }
    let rows = table.element("tbody")
    for entry in result.entries {
      let row = rows.element("tr")
      let shown = entry.shownSpan(behind: result.behind)
      row.element("td", ["class": "time"], text: shown.formatted(language))
      row.element("td", ["class": "minutes"], text: "\(shown.minutes) min")
      let cell = row.element("td", text: entry.activity.title)
      if entry.inProgress {
        cell.element("span", ["class": "muted"], text: " (" + language(.underWay) + ")")
      } else if entry.shortenedBy > 0 {
        cell.element("span", ["class": "muted"], text: " (−\(entry.shortenedBy) min)")
      }
      // Of the item under way, the steps still to come; of a shortened exercise, its new steps.
      guard entry.inProgress || entry.shortenedBy > 0 else { continue }
      let steps = entry.steps(left: result.at)
      if !steps.isEmpty || !entry.droppedSteps.isEmpty {
        let list = cell.element("ul", ["class": "steps"])
        for step in steps {
          let time = step.step.kind == .section ? "" : step.span.formatted(language) + " "
          let line = list.element("li", text: time + step.lineText)
          if !step.rounds.isEmpty {
            let rounds = line.element("ul", ["class": "rounds"])
            for (number, round) in entry.rounds(of: step, left: result.at) {
              rounds.element("li", text: language(.round, number) + ": " + round.formatted(language))
            }
          }
        }
        for dropped in entry.droppedSteps {
          list.element("li", ["class": "muted"], text: language(.droppedStep, dropped.text))
        }
      }
    }
    if result.endsWithinTheDay, let dayEnd = result.dayEnd {
      body.element(
        "p", ["class": "saved"],
        text: language(
          .endsWithinTheDay, result.newEnd.formatted(language), result.overrun, dayEnd.formatted(language)))
    } else {
      body.element(
        "p", ["class": result.endsOnTime ? "saved" : "error"],
        text: result.endsOnTime
          ? language(.endsOnTime, result.newEnd.formatted(language))
          : language(.runsOver, result.newEnd.formatted(language), result.overrun))
    }
    // The slides' countdowns count the printed minutes until told otherwise.
    if result.shortensACountdown {
      body.element("p", ["class": "muted"], text: language(.slidesCountdownKeys))
    }
    // Taken up, this replan is the plan the day follows: a later delay is measured against it.
    body.element("p").element(
      "a", ["href": page + query(rehearsal, following: following + [(result.at, result.behind)])],
      text: language(.followThisPlan))
    return document.pageBytes
  }

  /// `11.40+25,14.10+8`: the replans followed, as the page's `following` carries them.
  static func followingText(_ following: [(at: ClockTime, behind: Int)]) -> String {
    following.map { "\($0.at.formatted(.da))+\($0.behind)" }.joined(separator: ",")
  }

  /// The page's query for a rehearsal and the replans followed ("" for neither).
  static func query(_ rehearsal: (day: Int, clock: ClockTime)?, following: [(at: ClockTime, behind: Int)]) -> String {
    var items: [String] = []
    if let rehearsal { items += ["day=\(rehearsal.day + 1)", "at=\(rehearsal.clock.formatted(.da))"] }
    if !following.isEmpty {
      items.append("following=" + followingText(following).replacingOccurrences(of: "+", with: "%2B"))
    }
    return items.isEmpty ? "" : "?" + items.joined(separator: "&")
  }

  /// The page's `following` read back (`Replanner.earlier(typed:)`): nil when any of it
  /// cannot be read.
  static func following(from text: String) -> [(at: ClockTime, behind: Int)]? {
    var result: [(at: ClockTime, behind: Int)] = []
    for item in text.split(separator: ",") {
      guard let earlier = Replanner.earlier(typed: String(item)) else { return nil }
      result.append(earlier)
    }
    return result
  }

  /// The rehearsal's GET form: a day and a clock to see the page as it will be then.
  static func rehearseForm(_ program: Program, into body: XHTMLElement) {
    let language = program.language
    let days = program.scheduleDays.count
    let form = body.element(
      "form", ["method": "get", "action": ServerPaths.today(series: program.series, program: program.id)])
    let field = form.element("p")
    field.element("label", ["for": "at"], text: Label.rehearse.text(language))
    field.text(" ")
    field.element("input", ["type": "time", "id": "at", "name": "at"])
    if days > 1 {
      field.text(" ")
      field.element("label", ["for": "day"], text: Label.rehearseDay.text(language))
      field.text(" ")
      field.element(
        "input", ["type": "number", "id": "day", "name": "day", "min": "1", "max": String(days), "value": "1"])
    }
    field.text(" ")
    field.element("button", ["type": "submit"], text: Label.show.text(language))
  }
}
