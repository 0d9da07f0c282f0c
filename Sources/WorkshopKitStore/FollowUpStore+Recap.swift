import Foundation
import WorkshopKit

/// The store feeds the recap of the next meeting ("Opsamling fra sidst"), after the
/// answers typed in from paper in `followups/<program>.yaml`.
extension FollowUpStore: FollowUpAnswerSource {
  /// One entry per participant who saved something, in roster order; partners with a
  /// `pair:` label share one form, so of theirs only the one saved last, which their links
  /// show and edit. `who` is the name, after the pair label when the participant has one
  /// ("Makkerpar A – Lone Bisgaard"). Responses are in question order, cut to the
  /// exercise's questions; the answers to its report questions, stored after them, are the
  /// report.
  public func followUpAnswers(series: String, program: String, exercise: Exercise, language: Language) throws
    -> [FollowUpAnswer]
  {
    let questionCount = exercise.questions.count
    let reportCount = exercise.reportQuestions(language).count
    let questions = FollowUpFields.questionTexts(exercise, language)
    var rows = try answers(series: series, program: program, order: .byRoster)
    // Of a pair's rows, the one whose texts were saved last; a row with a status alone (the
    // facilitator's, on the partner's line) gives the pair its status, not its answer.
    var latestOfPair: [String: String] = [:]
    var statusOfPair: [String: (at: String, status: FollowUpAnswer.Status)] = [:]
    for row in rows {
      guard let pair = row.participant.pair, !pair.isEmpty else { continue }
      if row.answer.hasTexts { latestOfPair[pair] = max(latestOfPair[pair] ?? "", row.answer.updatedAt) }
      if let status = row.answer.status, (statusOfPair[pair]?.at ?? "") <= row.answer.updatedAt {
        statusOfPair[pair] = (row.answer.updatedAt, status)
      }
    }
    for index in rows.indices {
      guard let pair = rows[index].participant.pair, !pair.isEmpty, rows[index].answer.status == nil else { continue }
      rows[index].answer.status = statusOfPair[pair]?.status
    }
    var pairsTaken: Set<String> = []
    return rows.compactMap { row in
      if let pair = row.participant.pair, !pair.isEmpty {
        let latest = latestOfPair[pair] ?? ""
        guard row.answer.hasTexts ? row.answer.updatedAt == latest : latest.isEmpty, pairsTaken.insert(pair).inserted
        else { return nil }
      }
      let aligned = row.answer.responses(alignedTo: questions)
      let responses = Array(aligned.prefix(questionCount))
      var report = Array(aligned.dropFirst(questionCount).prefix(reportCount))
      func isEmpty(_ texts: [String]) -> Bool {
        texts.allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
      }
      if isEmpty(report) { report = [] }
      if isEmpty(responses) && report.isEmpty && row.answer.status == nil && row.answer.stage == nil { return nil }
      return FollowUpAnswer(
        who: Self.who(row.participant, language: language), status: row.answer.status, stage: row.answer.stage,
        responses: responses, report: report)
    }
  }

  /// "Lone Bisgaard", or "Makkerpar A – Lone Bisgaard" / "Pair A – Lone Bisgaard".
  static func who(_ participant: StoredParticipant, language: Language) -> String {
    guard let pair = participant.pair, !pair.isEmpty else { return participant.name }
    let label = Label.pair.text(language)
    let pairText = label.contains("%@") ? label.replacingOccurrences(of: "%@", with: pair) : "\(label) \(pair)"
    return "\(pairText) – \(participant.name)"
  }
}
