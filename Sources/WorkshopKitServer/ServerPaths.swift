import Foundation

/// The server's paths. Series and program folders may have any name (æøå, spaces, `#`):
/// every segment written into `href` or `Location` is percent-encoded here, and route
/// parameters are decoded with `decodedSegment`.
enum ServerPaths {
  /// RFC 3986's unreserved characters; everything else in a segment is percent-encoded.
  static let unreserved = CharacterSet(
    charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

  static func segment(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
  }

  /// A route parameter as the folder name it stands for; nil when it is not valid
  /// percent-encoded UTF-8.
  static func decodedSegment(_ raw: String?) -> String? {
    raw?.removingPercentEncoding
  }

  static func participant(_ token: String) -> String { "/f/" + segment(token) }

  static func tracker(series: String, program: String) -> String {
    "/facilitator/\(segment(series))/\(segment(program))"
  }

  static func evaluation(_ token: String) -> String { participant(token) + "/evaluation" }

  static func attendance(series: String, program: String) -> String {
    tracker(series: series, program: program) + "/attendance"
  }

  static func evaluationResults(series: String, program: String) -> String {
    tracker(series: series, program: program) + "/evaluation"
  }

  static func today(series: String, program: String) -> String {
    tracker(series: series, program: program) + "/today"
  }

  static func answers(series: String, program: String) -> String {
    tracker(series: series, program: program) + "/answers"
  }

  static func export(series: String, program: String) -> String {
    tracker(series: series, program: program) + "/export.csv"
  }

  /// `attachment` with the file name for every browser: RFC 6266's `filename*` in UTF-8,
  /// and an ASCII `filename` for the rest.
  static func attachment(_ name: String) -> String {
    let ascii = String(
      name.unicodeScalars.map { scalar in
        scalar.isASCII && scalar.value >= 0x20 && scalar != "\"" && scalar != "\\" && scalar != "\u{7F}"
          ? Character(scalar) : "_"
      })
    return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(segment(name))"
  }
}
