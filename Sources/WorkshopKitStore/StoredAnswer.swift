import Foundation
import WorkshopKit

/// One participant's answers to one meeting's follow-up form, as stored.
public struct StoredAnswer: Sendable, Hashable {
  /// How the answer arrived: through the participant's link, or typed in from paper.
  public enum Source: String, Sendable, CaseIterable, Codable {
    case online, paper
  }

  public var series: String
  public var program: String
  public var participantID: Int64
  /// One per follow-up question, in order; an unanswered question is empty.
  public var responses: [String]
  /// The questions `responses` answer, as the form asked them when they were saved; nil
  /// for an answer saved before they were kept. See `responses(alignedTo:)`.
  public var questions: [String]?
  public var status: FollowUpAnswer.Status?
  public var stage: String?
  public var source: Source
  /// When the answer was last saved, ISO 8601 in UTC (`2013-05-20T09:41:07.125Z`).
  public var updatedAt: String
  /// 1 on the first save, one more on each later save: what a page saw, for refusing a
  /// save from a page that is out of date.
  public var revision: Int

  /// `submission` as saved at `updatedAt`, its `revision`th save.
  public init(_ submission: AnswerSubmission, updatedAt: String, revision: Int) {
    series = submission.series
    program = submission.program
    participantID = submission.participantID
    responses = submission.responses
    questions = submission.questions
    status = submission.status
    stage = submission.stage
    source = submission.source
    self.updatedAt = updatedAt
    self.revision = revision
  }

  /// Whether anything was answered: a response with words, or a stage. A row the
  /// facilitator made by setting a status alone has none.
  public var hasTexts: Bool {
    stage != nil || responses.contains { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
  }

  /// The responses without the empty ones at the end, which a question added since adds.
  public static func texts(_ responses: [String]) -> [String] {
    Array(responses.reversed().drop(while: \.isEmpty).reversed())
  }

  /// The responses under the questions as the form asks them now (`FollowUpFields.questionTexts`):
  /// a question added or removed since the save does not move the answers.
  public func responses(alignedTo questions: [String]) -> [String] {
    FollowUpFields.align(responses, answered: self.questions, to: questions)
  }

  /// The answer with its responses aligned to `questions`, as if saved to them.
  public func aligned(to questions: [String]) -> StoredAnswer {
    var answer = self
    answer.responses = responses(alignedTo: questions)
    if self.questions != nil { answer.questions = questions }
    return answer
  }
}

/// What a save gives the store: the answer without what the store sets itself (when it
/// was saved, its revision).
public struct AnswerSubmission: Sendable, Hashable {
  public var series: String
  public var program: String
  public var participantID: Int64
  public var responses: [String]
  /// The questions `responses` answer, as the form asks them (`FollowUpFields.questionTexts`).
  public var questions: [String]?
  public var status: FollowUpAnswer.Status?
  public var stage: String?
  public var source: StoredAnswer.Source

  public init(
    series: String, program: String, participantID: Int64, responses: [String], questions: [String]? = nil,
    status: FollowUpAnswer.Status? = nil, stage: String? = nil, source: StoredAnswer.Source = .online
  ) {
    self.series = series
    self.program = program
    self.participantID = participantID
    self.responses = responses
    self.questions = questions
    self.status = status
    self.stage = stage
    self.source = source
  }
}
