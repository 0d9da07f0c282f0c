import WorkshopKit

/// For `build` (and the preview) when the database exists but cannot be used: every recap
/// that would read it gets the error as a located `read-error`, and the other programs
/// still build.
public struct UnavailableAnswerSource: FollowUpAnswerSource {
  public let error: StoreError

  public init(error: StoreError) {
    self.error = error
  }

  public func followUpAnswers(series: String, program: String, exercise: Exercise, language: Language) throws
    -> [FollowUpAnswer]
  {
    throw error
  }
}
