import WorkshopKit
import WorkshopKitStore

/// For `build` when the database exists but cannot be used: every recap that would read
/// it gets the error as a located `read-error`, and the other programs still build.
struct UnavailableAnswerSource: FollowUpAnswerSource {
  let error: StoreError

  func followUpAnswers(series: String, program: String, exercise: Exercise, language: Language) throws
    -> [FollowUpAnswer]
  {
    throw error
  }
}
