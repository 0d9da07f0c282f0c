/// The follow-up form: one per participant or pair, with the follow-up exercise's questions
/// (fillable in a browser, printing as ruled boxes), due at the next meeting. With `report`
/// questions it shows the plan made on the day, where it is known, and asks what was done.
/// The facilitator's tracker is its own document (`FollowUpTracker`), so handing out the
/// forms never hands it out.
public enum FollowUpForm {
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
    let document = DocumentFrame.meetingDocument(input, kind: language(.followUpForm), bodyClass: "follow-up")
    let body = document.body

    guard let exercise = program.followUpExercise else {
      body.element("p", text: language(.noFollowUp))
      return document
    }
    if let next = program.nextMeeting {
      body.element(
        "p", ["class": "box"],
        text: language(.followUpDue, DateText.long(next.value, language)) + ". " + language(.handIn))
    }
    for (index, respondent) in respondents(program).enumerated() {
      let answer = input.followUpAnswers.first { $0.belongs(to: respondent.title, names: respondent.names) }
      form(exercise, respondent, number: index + 1, plan: answer?.responses ?? [], program: program, into: body)
    }
    addGrowingAnswers(to: body)
    return document
  }

  /// Answer boxes grow with what is typed, so all of it shows and prints; without script
  /// they keep their ruled size.
  static func addGrowingAnswers(to body: XHTMLElement) {
    let script = body.element("script")
    script.text("//")
    script.cdata("\n" + growingAnswers + "//")
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

  /// `plan`: the respondent's answers to the exercise's questions on the day, shown above
  /// the report questions when the exercise has them.
  static func form(
    _ exercise: Exercise, _ respondent: Respondent, number: Int, plan: [String], program: Program,
    into body: XHTMLElement
  ) {
    let language = program.language
    let id = "f\(number)"
    // Not a <form>: nothing here is sent anywhere, so Enter in a field can never submit or
    // reload the page and lose what was typed.
    // The first form shares the first page with the heading and how to hand it in.
    let form = body.element("div", ["class": number == 1 ? "form" : "page form", "id": id])
    let fieldset = form.element("fieldset")
    fieldset.element("legend", text: "\(exercise.title) — \(respondent.title)")
    fieldset.element("label", ["for": "\(id)-name"], text: language(.name))
    fieldset.element(
      "input",
      ["type": "text", "id": "\(id)-name", "name": "name", "value": respondent.names.joined(separator: ", ")])
    if exercise.reportQuestions(language).isEmpty {
      // Four ruled lines a question keeps a pair's form of five questions on one A4 page.
      FollowUpFields.questions(
        exercise, idPrefix: id, rows: { max(3, min(8, ($0.minutes?.value ?? 3) + 1)) }, into: fieldset)
    } else {
      self.plan(exercise, plan, idPrefix: id, language: language, into: fieldset)
      FollowUpFields.report(exercise, language, idPrefix: id, into: fieldset)
    }
    FollowUpFields.scale(exercise, idPrefix: id, into: fieldset)
  }

  /// The plan from the day: what is known printed as text; what is not, a small box to copy
  /// it into from the worksheet.
  static func plan(
    _ exercise: Exercise, _ plan: [String], idPrefix id: String, language: Language, into fieldset: XHTMLElement
  ) {
    let section = fieldset.element("div", ["class": "plan"])
    section.element("h3", text: language(.yourPlan))
    let known = plan.contains { !$0.isEmpty }
    let list = section.element("dl")
    for (index, question) in exercise.questions.enumerated() {
      let answer = index < plan.count ? plan[index] : ""
      if known {
        list.element("dt", text: "\(index + 1). \(question.text)")
        list.element("dd", text: answer.isEmpty ? "—" : answer)
      } else {
        let field = "\(id)-q\(index + 1)"
        list.element("dt").element("label", ["for": field], text: "\(index + 1). \(question.text)")
        list.element("dd").element("textarea", ["id": field, "name": "q\(index + 1)", "rows": "2", "cols": "60"])
          .text("")
      }
    }
  }
}
