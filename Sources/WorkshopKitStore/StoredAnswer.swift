import WorkshopKit

/// One participant's answers to one meeting's follow-up form.
public struct StoredAnswer: Sendable, Hashable {
  /// How the answer arrived: through the participant's link, or typed in from paper.
  public enum Source: String, Sendable, CaseIterable {
    case online, paper
  }

  public var series: String
  public var program: String
  public var participantID: Int64
  /// One per follow-up question, in order; an unanswered question is empty.
  public var responses: [String]
  public var status: FollowUpAnswer.Status?
  public var stage: String?
  public var source: Source
  /// When the answer was last saved, ISO 8601 in UTC (`2013-05-20T09:41:07.125Z`); set by
  /// the store on every save, whatever the caller passes.
  public var updatedAt: String
  /// 1 on the first save, one more on each later save; set by the store.
  public var revision: Int

  public init(
    series: String, program: String, participantID: Int64, responses: [String],
    status: FollowUpAnswer.Status? = nil, stage: String? = nil, source: Source = .online, updatedAt: String = "",
    revision: Int = 0
  ) {
    self.revision = revision
    self.series = series
    self.program = program
    self.participantID = participantID
    self.responses = responses
    self.status = status
    self.stage = stage
    self.source = source
    self.updatedAt = updatedAt
  }
}
