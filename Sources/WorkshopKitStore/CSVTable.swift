/// CSV that a spreadsheet opens as text and never runs, after OWASP's CSV-injection
/// guidance: RFC 4180 records ended by CRLF, every field in double quotes (so a `;` — the
/// separator Danish spreadsheets split on — stays inside its cell), quotes doubled inside,
/// control characters other than tab and line breaks removed, and a `'` in front of a
/// field that would start a formula (`=`, `+`, `-`, `@`, a tab or a line break first, also
/// once leading spaces or removed controls are gone). The text starts with a UTF-8 byte
/// order mark, so a spreadsheet reads "Søren", not mojibake.
struct CSVTable {
  static let byteOrderMark = "\u{FEFF}"

  private(set) var text = Self.byteOrderMark

  mutating func append(_ fields: [String]) {
    text += fields.map(Self.field).joined(separator: ",") + "\r\n"
  }

  static func field(_ value: String) -> String {
    var scalars = String.UnicodeScalarView(value.unicodeScalars.filter { !isRemovedControl($0) })
    if let first = scalars.first(where: { $0 != " " }), "=+-@\t\r\n".unicodeScalars.contains(first) {
      scalars.insert("'", at: scalars.startIndex)
    }
    return "\"" + String(scalars).replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// C0 controls but tab, CR and LF; DEL; C1 controls.
  static func isRemovedControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A, 0x0D: false
    case 0x00...0x1F, 0x7F...0x9F: true
    default: false
    }
  }
}
