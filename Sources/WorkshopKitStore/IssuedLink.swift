/// The outcome of issuing a participant's personal link to a meeting's follow-up form.
public struct IssuedLink: Sendable {
  public var participant: StoredParticipant
  /// The new token, to put in the link; `nil` when the participant already had a link
  /// and it was not reissued (the database keeps only its hash, so it cannot be shown).
  public var token: String?

  public init(participant: StoredParticipant, token: String?) {
    self.participant = participant
    self.token = token
  }
}
