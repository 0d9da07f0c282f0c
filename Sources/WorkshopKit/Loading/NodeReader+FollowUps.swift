import Yams

extension NodeReader {
  static let followUpFileKeys = ["answers"]
  static let followUpAnswerKeys = ["who", "status", "stage", "responses", "report"]

  /// `programs/<series>/followups/<program>.yaml`: what participants answered on the
  /// follow-up form of that program, one entry per participant or pair.
  mutating func followUpAnswers(from root: Node, exercise: Exercise?) -> [FollowUpAnswer] {
    guard let fields = fields(of: root, "a follow-up answers file", allowed: Self.followUpFileKeys) else { return [] }
    guard let (_, nodes) = sequence(fields, "answers") else {
      if fields.lacks("answers") {
        report(.missingKey, at: fields.location, "missing \"answers\" (one entry per participant or pair)")
      }
      return []
    }
    var answers: [FollowUpAnswer] = []
    for node in nodes {
      guard let entry = self.fields(of: node, "an answer", allowed: Self.followUpAnswerKeys),
        let who = string(entry, "who", required: "(the participant or pair who answered)")
      else { continue }
      let status = choice(
        entry, "status", as: FollowUpAnswer.Status.self, words: FollowUpAnswer.Status.printedWords,
        meant: FollowUpAnswer.Status.meantBy)?
        .value
      let stage = text(entry, "stage")
      if let stage, let scale = exercise?.scale, !scale.stages.contains(stage.value) {
        report(
          .invalidValue, at: stage.location,
          "\"stage\" must be one of \(scale.stages.joined(separator: ", ")); found \"\(stage.value)\""
            + Suggestion.phrase(for: stage.value, in: scale.stages))
      }
      let responses = textList(entry, "responses")
      if let exercise, responses.count > exercise.questions.count, let key = entry["responses"]?.key {
        report(
          .invalidValue, at: key,
          "\(responses.count) responses, but \"\(exercise.title)\" asks \(exercise.questions.count) questions")
      }
      let report = textList(entry, "report")
      if let exercise, let key = entry["report"]?.key {
        let asked = exercise.report == nil ? 0 : exercise.reportQuestions(exercise.writtenIn).count
        if report.count > asked {
          self.report(
            .invalidValue, at: key,
            asked == 0
              ? "\"report\" answers, but \"\(exercise.title)\" has no report questions (add \"report:\" to the exercise)"
              : "\(report.count) report answers, but \"\(exercise.title)\" asks \(asked) report questions")
        }
      }
      answers.append(
        FollowUpAnswer(who: who, status: status, stage: stage?.value, responses: responses, report: report))
    }
    return answers
  }
}
