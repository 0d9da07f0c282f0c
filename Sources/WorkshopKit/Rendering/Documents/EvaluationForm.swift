/// The meeting's evaluation form (`evaluation.xhtml`), fillable in a browser and printable:
/// each scale question as five boxes from 1 to 5 with what the ends mean, each open
/// question as a box that grows with what is typed. Not a `<form>`: nothing is sent, so
/// nothing typed is lost; answered online it goes through the personal link.
public enum EvaluationForm {
  public static func render(_ input: KitInput) -> XHTMLDocument {
    let program = input.program
    let language = program.language
    let (document, body) = DocumentFrame.meetingDocument(input, kind: language(.evaluation), bodyClass: "evaluation")
    guard let evaluation = program.evaluation else {
      body.element("p", text: language(.noEvaluation))
      return document
    }
    body.element(
      "p", ["class": "box"],
      text: language(evaluation.anonymous ? .evaluationAnonymous : .evaluationIntro))
    let form = body.element("div", ["class": "form"])
    for (index, question) in evaluation.scale.enumerated() {
      let id = "s\(index + 1)"
      let group = form.element("fieldset", ["class": "rating"])
      group.element("legend", text: "\(index + 1). \(question.text)")
      let scale = group.element("div", ["class": "options scale"])
      scale.element("span", ["class": "end", "id": "\(id)-low"], text: "1 = " + question.low)
      for value in Evaluation.values {
        let field = "\(id)-\(value)"
        let label = scale.element("label", ["for": field])
        label.element("input", ["type": "radio", "id": field, "name": id, "value": "\(value)"])
        label.text(" \(value)")
      }
      scale.element("span", ["class": "end", "id": "\(id)-high"], text: "5 = " + question.high)
    }
    let offset = evaluation.scale.count
    for (index, question) in evaluation.open.enumerated() {
      let id = "o\(index + 1)"
      form.element("label", ["for": id], text: "\(offset + index + 1). \(question)")
      form.element("textarea", ["id": id, "name": id, "rows": "4", "cols": "60"]).text("")
    }
    FollowUpForm.addGrowingAnswers(to: body)
    return document
  }
}
