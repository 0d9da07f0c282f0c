import Foundation
import Hummingbird

/// A submitted form's fields, as `URLEncodedFormDecoder` decodes them. Line endings as
/// browsers send them, CRLF, come back as LF.
struct SubmittedForm: Decodable, Sendable {
  /// More fields than any of the server's forms has is not one of its forms. The
  /// facilitator's attendance page sends a field per participant of the roster, so this
  /// leaves room for a roster of a thousand; the 512 KiB body limit bounds it as well.
  static let maxFields = 1024

  private let fields: [String: String]

  init(from decoder: any Decoder) throws {
    let fields = try [String: String](from: decoder)
    guard fields.count <= Self.maxFields else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: [], debugDescription: "more than \(Self.maxFields) fields"))
    }
    self.fields = fields.mapValues { $0.replacingOccurrences(of: "\r\n", with: "\n") }
  }

  subscript(name: String) -> String? { fields[name] }

  /// The first field whose value is longer than `limit` Unicode scalars (a letter with
  /// 10,000 combining marks is one character but 10,001 scalars).
  func fieldLonger(than limit: Int) -> String? {
    fields.keys.sorted().first { fields[$0].map { $0.unicodeScalars.count > limit } ?? false }
  }

  /// The question whose answer is longer than `limit`, if one is, as `question` names the
  /// question a field answers; a field over the limit that answers none was not sent by
  /// any form of ours, and is refused (413).
  func questionAnsweredTooLong(limit: Int, _ question: (String) -> String?) throws -> String? {
    guard let field = fieldLonger(than: limit) else { return nil }
    guard let question = question(field) else {
      throw PageError.refusal(
        .contentTooLarge, da: "Et felt (\(field)) er længere end \(limit) tegn.",
        en: "A field (\(field)) is longer than \(limit) characters.")
    }
    return question
  }
}

/// Decodes forms with Hummingbird's `URLEncodedFormDecoder`, and answers what it cannot
/// decode with the server's own pages: 415 for any content type but
/// `application/x-www-form-urlencoded` (with at most a charset parameter), 413 for a body
/// over the context's upload limit, 408 for a body that takes too long to arrive
/// (`RequestBodyLimitHandler` cuts both off on a real connection), 400 for a malformed body (a broken chunked encoding, bytes that are not UTF-8, fields the
/// decoder rejects). After 413 and 408 the connection is closed: the rest of the body is
/// never read.
struct SubmittedFormDecoder: RequestDecoder {
  func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
    guard Self.isForm(request.headers[.contentType]) else {
      throw PageError.refusal(
        .unsupportedMediaType, da: "Formularen skal sendes som application/x-www-form-urlencoded.",
        en: "Send the form as application/x-www-form-urlencoded.")
    }
    let buffer: ByteBuffer
    do {
      buffer = try await request.body.collect(upTo: context.maxUploadSize)
    } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
      throw Self.tooLarge(context.maxUploadSize)
    } catch is RequestBodyLimitHandler.TooLarge {
      throw Self.tooLarge(context.maxUploadSize)
    } catch is RequestBodyLimitHandler.TooSlow {
      throw PageError.refusal(
        .requestTimeout, da: "Formularen var for længe undervejs. Tjek forbindelsen, og gem igen.",
        en: "The form took too long to arrive; check the connection and save again.", closing: true)
    } catch {
      throw PageError.refusal(
        .badRequest, da: "Formularen kom frem i stykker. Genindlæs siden, og gem igen.",
        en: "The form arrived damaged; reload the page and save again.", closing: true)
    }
    // Bytes that are not UTF-8, sent as they are or percent-encoded (`S%F8ren` from a
    // Latin-1 page): the decoder would keep the second kind as U+FFFD, and save "S�ren".
    guard let text = String(validating: buffer.readableBytesView, as: UTF8.self), Self.decodesToUTF8(text) else {
      throw PageError.refusal(
        .badRequest, da: "Formularen er ikke UTF-8-tekst. Genindlæs siden, og gem igen.",
        en: "The form is not UTF-8 text; reload the page and save again.")
    }
    do {
      return try URLEncodedFormDecoder().decode(type, from: text)
    } catch {
      throw PageError.refusal(
        .badRequest, da: "Formularen kunne ikke læses. Genindlæs siden, og gem igen.",
        en: "The form could not be read; reload the page and save again.")
    }
  }

  static func tooLarge(_ limit: Int) -> PageError {
    PageError.refusal(
      .contentTooLarge, da: "Formularen fylder mere end \(limit / 1024) KiB. Forkort svarene, og gem igen.",
      en: "The form is larger than \(limit / 1024) KiB; shorten the answers and save again.", closing: true)
  }

  /// Whether the body, its `%XX` escapes decoded, is UTF-8 text.
  static func decodesToUTF8(_ body: String) -> Bool {
    let bytes = Array(body.utf8)
    var decoded: [UInt8] = []
    decoded.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
        let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
      {
        decoded.append(high << 4 | low)
        index += 3
      } else {
        decoded.append(bytes[index])
        index += 1
      }
    }
    return String(validating: decoded, as: UTF8.self) != nil
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  /// `application/x-www-form-urlencoded`, exactly, with at most a UTF-8 charset.
  static func isForm(_ contentType: String?) -> Bool {
    guard let contentType, let media = MediaType(from: contentType) else { return false }
    guard media.type == .application, media.subType.lowercased() == "x-www-form-urlencoded" else { return false }
    guard let parameter = media.parameter else { return true }
    return parameter.name.lowercased() == "charset" && parameter.value.lowercased() == "utf-8"
  }
}
