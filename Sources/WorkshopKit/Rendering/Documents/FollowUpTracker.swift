/// The follow-up tracker: a form per participant or pair with the follow-up exercise's
/// questions (fillable in a browser, printing as ruled boxes), due at the next meeting, and
/// a tracker table for the facilitator.
public enum FollowUpTracker {
  /// Blank forms printed when the series has no participant roster.
  static let blankForms = 4

  /// Who fills in a form: pairs from the roster's `pair` labels, else each participant.
  struct Respondent {
    var title: String
    var names: [String]
  }

  static func respondents(_ program: Program) -> [Respondent] {
    let language = program.language
    guard !program.participants.isEmpty else {
      return (1...blankForms).map { Respondent(title: "\(language(.blankForm)) \($0)", names: []) }
    }
    var order: [String] = []
    var groups: [String: [String]] = [:]
    var result: [Respondent] = []
    for person in program.participants {
      guard let pair = person.pair else {
        result.append(Respondent(title: person.name, names: [person.name]))
        continue
      }
      if groups[pair] == nil { order.append(pair) }
      groups[pair, default: []].append(person.name)
    }
    let pairs = order.map { label in
      Respondent(title: language(.pair, label), names: groups[label] ?? [])
    }
    return pairs + result
  }

  public static func render(_ input: KitInput) -> XHTMLDocument {
    let program = input.program
    let language = input.language
    let document = DocumentFrame.make(
      title: "\(program.title) – \(language(.followUpTracker))", runningTitle: program.runningTitle(),
      language: language)
    let body = document.body
    body.setAttribute("class", "follow-up")
    let header = body.element("header")
    header.element("p", ["class": "muted"], text: language(.followUpTracker))
    header.element("h1", text: program.title)
    header.element(
      "p",
      text: [program.meetingText(), DateText.long(program.date.value, language)].compactMap { $0 }
        .joined(separator: " · "))

    guard let exercise = program.exercises.first(where: \.followUp) else {
      body.element("p", text: language(.noFollowUp))
      return document
    }
    if let next = program.nextMeeting {
      body.element(
        "p", ["class": "box"],
        text: language(.followUpDue, DateText.long(next.value, language)) + ". " + language(.handIn))
    }
    let people = respondents(program)
    for (index, respondent) in people.enumerated() {
      form(exercise, respondent, number: index + 1, program: program, into: body)
    }
    tracker(exercise, people, language: language, into: body)
    // Answer boxes grow with what is typed, so all of it shows and prints; without script
    // they keep their ruled size.
    let script = body.element("script")
    script.text("//")
    script.cdata("\n" + growingAnswers + "//")
    return document
  }

  static let growingAnswers = """
    (function () {
      function grow(area) {
        area.style.height = "auto";
        area.style.height = Math.max(area.scrollHeight + 2, area.offsetHeight) + "px";
      }
      function growAll() { document.querySelectorAll("textarea").forEach(grow); }
      document.addEventListener("input", function (event) {
        if (event.target.localName === "textarea") { grow(event.target); }
      });
      window.addEventListener("beforeprint", growAll);
      growAll();
    })();

    """

  static func form(
    _ exercise: Exercise, _ respondent: Respondent, number: Int, program: Program, into body: XHTMLElement
  ) {
    let language = program.language
    let id = "f\(number)"
    // Not a <form>: nothing here is sent anywhere, so Enter in a field can never submit or
    // reload the page and lose what was typed.
    let form = body.element("div", ["class": "page form", "id": id])
    let fieldset = form.element("fieldset")
    fieldset.element("legend", text: "\(exercise.title) — \(respondent.title)")
    fieldset.element("label", ["for": "\(id)-name"], text: language(.name))
    fieldset.element(
      "input",
      ["type": "text", "id": "\(id)-name", "name": "name", "value": respondent.names.joined(separator: ", ")])
    // Four ruled lines a question keeps a pair's form of five questions on one A4 page.
    FollowUpFields.questions(
      exercise, idPrefix: id, rows: { max(3, min(8, ($0.minutes?.value ?? 3) + 1)) }, into: fieldset)
    FollowUpFields.scale(exercise, idPrefix: id, into: fieldset)
  }

  static func tracker(_ exercise: Exercise, _ people: [Respondent], language: Language, into body: XHTMLElement) {
    let section = body.element("section", ["class": "page"])
    section.element("h2", text: language(.tracker))
    let table = section.element("table")
    let head = table.element("thead").element("tr")
    var columns = [language(.who), language(.commitment), language(.statusAtNextMeeting)]
    if let scale = exercise.scale { columns.append(scale.label) }
    for column in columns { head.element("th", ["scope": "col"], text: column) }
    let rows = table.element("tbody")
    let statuses = FollowUpAnswer.Status.allCases.map { "☐ " + language($0.label) }.joined(separator: "  ")
    for person in people {
      let row = rows.element("tr")
      let who = row.element("td")
      who.element("strong", text: person.title)
      if !person.names.isEmpty, person.names != [person.title] {
        who.element("br")
        who.text(person.names.joined(separator: ", "))
      }
      row.element("td", ["style": "height: 18mm"])
      row.element("td", ["class": "status-box"], text: statuses)
      if let scale = exercise.scale { row.element("td", text: scale.stages.joined(separator: " · ")) }
    }
  }
}
