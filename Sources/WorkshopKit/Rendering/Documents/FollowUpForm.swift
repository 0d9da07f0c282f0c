/// The follow-up form: one per participant or pair, with the follow-up exercise's questions
/// (fillable in a browser, printing as ruled boxes), due at the next meeting. With `report`
/// questions it shows the plan made on the day, where it is known, and asks what was done.
/// The facilitator's tracker is its own document (`FollowUpTracker`), so handing out the
/// forms never hands it out.
public enum FollowUpForm {
  /// Blank forms printed when the series has no participant roster.
  static let blankForms = 4

  /// Who fills in a form: the pairs that worked together on the day. Those are the follow-up
  /// part's hand-made `groups:` where they are its pairs, else the roster's `pair` labels as
  /// the day left them (`GroupPlanner.dayPairs`: those whose partner is absent are paired with
  /// each other, or join a pair), else each participant; those marked `absent` made no plan
  /// and get no form. A pair as on the roster is named by its label ("Makkerpar B"), a pair
  /// made up on the day by its people. `onTheDay: false` gives the roster's pairs with
  /// nobody absent, for views across meetings (the course report).
  public struct Respondent: Sendable {
    public var title: String
    public var names: [String]

    public init(title: String, names: [String]) {
      self.title = title
      self.names = names
    }
  }

  public static func respondents(_ program: Program, onTheDay: Bool = true) -> [Respondent] {
    let language = program.language
    guard !program.participants.isEmpty else {
      return (1...blankForms).map { Respondent(title: "\(language(.blankForm)) \($0)", names: []) }
    }
    let absent = onTheDay ? Set(program.absent.map(\.value)) : []
    let present = program.participants.filter { !absent.contains($0.name) }
    let pairs: [[Participant]]
    if onTheDay, let part = program.followUpPart, let hand = part.groups, let exercise = part.exercise?.exercise,
      GroupPlanner.handMadeFormat(exercise) == .pairs
    {
      pairs = GroupPlanner.handMade(hand, roster: program.participants, present: present).0
    } else if let (dayPairs, _) = GroupPlanner.dayPairs(present) {
      pairs = dayPairs
    } else {
      return present.map { Respondent(title: $0.name, names: [$0.name]) }
    }
    return pairs.map { pair in
      let names = pair.map(\.name)
      // A roster pair together as it is there (maybe with someone who joined it): by its label.
      let whole = Set(pair.compactMap(\.pair)).filter { label in
        pair.count { $0.pair == label } > 1 && present.allSatisfy { $0.pair != label || names.contains($0.name) }
      }
      if whole.count == 1, let label = whole.first {
        return Respondent(title: language(.pair, label), names: names)
      }
      return Respondent(title: language.list(names), names: names)
    }
  }

  public static func render(_ input: KitInput) -> XHTMLDocument {
    let program = input.program
    let language = input.language
    // Without a follow-up exercise, printed, it keeps its heading: no form carries the name.
    let (document, body) = DocumentFrame.meetingDocument(
      input, kind: language(.followUpForm),
      bodyClass: program.followUpExercise == nil ? "follow-up no-follow-up" : "follow-up")
    // Printed, a page is a form: the running title heads the first page too, and the
    // heading above the forms shows on screen only.
    document.head.element("style").text(
      "@page :first { @top-left { content: \"\(Stylesheet.cssString(input.frame.runningTitle))\"; } }")

    guard let exercise = program.followUpExercise else {
      body.element("p", text: program.meetingLabel(.noFollowUp))
      return document
    }
    // On every form, not once above them all: each pair is handed its own page, and a pair
    // is told of its links as a pair.
    func due(_ respondent: Respondent) -> String? {
      program.nextMeeting.map {
        program.meetingLabel(.followUpDue, DateText.long($0.value, language)) + ". "
          + program.meetingLabel(respondent.names.count > 1 ? .handInPair : .handIn)
      }
    }
    for (index, respondent) in respondents(program).enumerated() {
      let answer = input.followUpAnswers.first { $0.belongs(to: respondent.title, names: respondent.names) }
      form(
        exercise, respondent, number: index + 1, plan: answer?.responses ?? [], due: due(respondent),
        program: program, into: body)
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
  /// the report questions when the exercise has them. Each form prints on a page of its own,
  /// its answer boxes sized to fill it (`rows`).
  static func form(
    _ exercise: Exercise, _ respondent: Respondent, number: Int, plan: [String], due: String?, program: Program,
    into body: XHTMLElement
  ) {
    let language = program.language
    let id = "f\(number)"
    let legend = "\(exercise.title) — \(respondent.title)"
    let names = respondent.names.joined(separator: ", ")
    let rows = self.rows(exercise, legend: legend, plan: plan, due: due, names: names, language: language)
    // Not a <form>: nothing here is sent anywhere, so Enter in a field can never submit or
    // reload the page and lose what was typed.
    let form = body.element("div", ["class": number == 1 ? "form" : "page form", "id": id])
    let fieldset = form.element("fieldset")
    fieldset.element("legend", text: legend)
    if let due { fieldset.element("p", ["class": "due"], text: due) }
    fieldset.element("label", ["for": "\(id)-name"], text: language(.name))
    // A one-line field cuts long names short on paper (a trio of double surnames): those
    // get as many lines as they need.
    let nameLines = Self.nameLines(names)
    if nameLines == 1 {
      fieldset.element("input", ["type": "text", "id": "\(id)-name", "name": "name", "value": names])
    } else {
      fieldset.element(
        "textarea", ["id": "\(id)-name", "name": "name", "rows": String(nameLines), "cols": "60"], text: names)
    }
    if exercise.reportQuestions(language).isEmpty {
      FollowUpFields.questions(exercise, idPrefix: id, rows: { rows.answers[$0] }, into: fieldset)
    } else {
      self.plan(exercise, plan, idPrefix: id, rows: rows.plan, language: language, into: fieldset)
      FollowUpFields.report(exercise, language, idPrefix: id, rows: { rows.answers[$0] }, into: fieldset)
    }
    FollowUpFields.scale(exercise, idPrefix: id, into: fieldset)
  }

  /// The rows of each answer box of one form, so that the form fills its A4 page.
  struct Rows: Equatable {
    /// A box per question of the plan from the day, where the plan is not known.
    var plan: [Int]
    /// A box per question of the exercise or, when it has them, per report question.
    var answers: [Int]
  }

  /// The lines the names take in the form's name field: one for most, more for a group
  /// whose names do not fit on one (about 85 characters of the field's type).
  static func nameLines(_ names: String) -> Int { max(1, (names.count + 84) / 85) }

  static func rows(
    _ exercise: Exercise, legend: String, plan: [String], due: String?, names: String = "", language: Language
  ) -> Rows {
    var space = PrintedFormSpace()
    // The fieldset's border, padding and bottom margin; its legend.
    space.add(9.1)
    space.text(legend, perLine: 72)
    if let due { space.text(due, perLine: 86, lineHeight: 4.9, margins: 2.4) }
    // The names: their label and one-line field, or ruled lines of 7.5 mm and the padding.
    space.label(language(.name))
    let nameLines = Self.nameLines(names)
    space.add(nameLines == 1 ? 8.1 : Double(nameLines) * 7.5 + 2.7)
    let report = exercise.reportQuestions(language)
    // Where the plan is known it is printed, and has no boxes.
    let planBoxes = report.isEmpty || plan.contains { !$0.isEmpty } ? 0 : exercise.questions.count
    if report.isEmpty {
      // A question's box as long as a round of it, 3 to 8 rows, 2 at least on a full page.
      for (index, question) in exercise.questions.enumerated() {
        space.label("\(index + 1). \(question.text)")
        space.box(desired: max(3, min(8, (question.minutes?.value ?? 3) + 1)), minimum: 2)
      }
    } else {
      // The plan under its heading (its top margin, its height, the list's top margin), in
      // 9.5 pt where it is known, a small box a question where it is not; then what
      // happened, under its heading (the list's bottom margin collapses into its top one).
      space.add(13.2)
      for (index, question) in exercise.questions.enumerated() {
        if planBoxes == 0 {
          space.text("\(index + 1). \(question.text)", perLine: 88, lineHeight: 4.9)
          space.text(index < plan.count && !plan[index].isEmpty ? plan[index] : "—", perLine: 86, lineHeight: 4.9)
        } else {
          // In the plan's 9.5 pt: its label's lines and top margin are smaller.
          space.text("\(index + 1). \(question.text)", perLine: 88, lineHeight: 4.9, margins: 2.4)
          space.box(desired: 2, minimum: 1)
        }
      }
      space.add(9.8)
      for (index, question) in report.enumerated() {
        space.label("\(index + 1). \(question)")
        space.box(desired: 4, minimum: 2)
      }
    }
    if let scale = exercise.scale {
      // Its frame, legend and margins; its radio buttons wrapping like words.
      let buttons = scale.stages.map { String(repeating: "x", count: $0.count + 6) }.joined(separator: " ")
      let lines = LineFill.lines(buttons, perLine: 90)
      space.add(4.7 + 1.1 + 4.4 + 1.5 * Double(lines - 1))
      space.text(scale.label, perLine: 72)
      space.add(5.6 * Double(lines))
    }
    let rows = space.rows()
    return Rows(plan: Array(rows[..<planBoxes]), answers: Array(rows[planBoxes...]))
  }

  /// The plan from the day: what is known printed as text; what is not, a small box to copy
  /// it into from the worksheet.
  static func plan(
    _ exercise: Exercise, _ plan: [String], idPrefix id: String, rows: [Int], language: Language,
    into fieldset: XHTMLElement
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
        list.element("dd").element(
          "textarea", ["id": field, "name": "q\(index + 1)", "rows": "\(rows[index])", "cols": "60"]
        )
        .text("")
      }
    }
  }
}
