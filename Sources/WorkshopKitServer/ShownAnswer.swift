import Crypto
import WorkshopKit
import WorkshopKitStore

/// The answer a participant's follow-up form is filled from: their own, or on a form shared
/// with a partner, whichever of the two was saved last. Its `version` names its texts: the
/// form sends back the version it showed, and a save from a page that showed other texts
/// than those saved now (another tab, another device, the partner) is refused with both on
/// the page rather than saved over them. A draft kept on the device belongs to the version
/// it was typed over (`DraftKeeper`). The facilitator's status does not count: setting it
/// neither refuses the participant's save nor drops their draft.
struct ShownAnswer {
  var answer: StoredAnswer
  /// The partner who saved it, when it is not the participant's own.
  var partner: String?

  var version: String { Self.version(answer.responses, stage: answer.stage) }

  /// "0" for a form with nothing in it, else 16 hex digits of the SHA-256 of its texts
  /// (empty answers at the end do not count: a question added since changes nothing).
  static func version(_ responses: [String], stage: String?) -> String {
    let texts = StoredAnswer.texts(responses)
    guard !texts.isEmpty || stage != nil else { return "0" }
    let joined = texts.joined(separator: "\u{1F}") + "\u{1E}" + (stage ?? "")
    return SHA256.hash(data: Array(joined.utf8)).prefix(8).map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }

  static func version(of shown: ShownAnswer?) -> String { shown?.version ?? "0" }
}
