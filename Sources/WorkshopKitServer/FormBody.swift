import Foundation

/// An `application/x-www-form-urlencoded` body, read as text with limits: fields beyond
/// the count or values beyond the length are a rejection, never a truncation.
struct FormBody {
  enum Rejection: Error {
    case tooManyFields
    case valueTooLong(String)
    case notForm
  }

  private(set) var values: [String: String] = [:]

  init(_ bytes: [UInt8], maxFields: Int = 64, maxValueLength: Int) throws(Rejection) {
    guard let text = String(validating: bytes, as: UTF8.self) else { throw .notForm }
    let pairs = text.split(separator: "&", omittingEmptySubsequences: true)
    guard pairs.count <= maxFields else { throw .tooManyFields }
    for pair in pairs {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard let name = Self.decode(parts[0]) else { throw .notForm }
      let value = parts.count > 1 ? Self.decode(parts[1]) : ""
      guard let value else { throw .notForm }
      guard value.count <= maxValueLength else { throw .valueTooLong(name) }
      // Line endings as browsers send them, CRLF, kept as LF.
      values[name] = value.replacingOccurrences(of: "\r\n", with: "\n")
    }
  }

  subscript(name: String) -> String? { values[name] }

  private static func decode(_ component: Substring) -> String? {
    component.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
  }
}
