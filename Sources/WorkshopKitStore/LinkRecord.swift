/// What a personal link's token stands for: one participant's form for one meeting.
public struct LinkRecord: Sendable {
  public var series: String
  /// The meeting's program id, e.g. `2013-04-18`.
  public var program: String
  public var participant: StoredParticipant

  public init(series: String, program: String, participant: StoredParticipant) {
    self.series = series
    self.program = program
    self.participant = participant
  }
}
