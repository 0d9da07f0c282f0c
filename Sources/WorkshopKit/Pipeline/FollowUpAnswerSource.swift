/// Where follow-up answers come from besides the `followups/<program>.yaml` files of
/// paper forms, e.g. the database the follow-up server writes (WorkshopKitStore's
/// `FollowUpStore`). The core knows only this protocol, not the database.
public protocol FollowUpAnswerSource: Sendable {
  /// The answers to `exercise`, the follow-up form of meeting `program` (its id, e.g.
  /// `2013-04-18`) in `series` (its folder, e.g. `civilsamfundet`). `language` is the
  /// meeting's, for the fixed words in `who` ("Makkerpar A – …" / "Pair A – …").
  /// Responses are in the order of the exercise's questions.
  func followUpAnswers(series: String, program: String, exercise: Exercise, language: Language) throws
    -> [FollowUpAnswer]
}
