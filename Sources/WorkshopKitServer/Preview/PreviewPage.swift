import Crypto
import Foundation
import WorkshopKit

/// What the preview adds to a document as it serves it, never to the file: a banner with
/// the findings after `<body …>` and its style before `</head>` (only when there are
/// findings), and before `</body>` the script that reloads the page after a build. The documents are XHTML served as XML, so
/// what is added is well-formed and every finding's text escaped; a document without a body
/// is served as it is.
enum PreviewPage {
  static let scriptPath = "/_preview/reload.js"
  static let eventsPath = "/_preview/events"
  static let bannerID = "workshopkit-preview"

  /// The document with the banner and the script; `build` is the build it shows, which the
  /// script compares with the server's.
  static func served(_ bytes: [UInt8], banner: PreviewFindings.Banner?, build: String) -> [UInt8] {
    guard let head = find(Array("</head>".utf8), in: bytes, from: 0),
      let open = openingBody(in: bytes, from: head),
      let close = findLast(Array("</body>".utf8), in: bytes), close > open
    else { return bytes }
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count + 1024)
    result += bytes[..<head]
    if banner != nil {
      result += Array(("<style id=\"\(bannerID)-style\">" + PreviewAssets.stylesheet + "</style>").utf8)
    }
    result += bytes[head..<open]
    if let banner { result += Array(markup(banner).utf8) }
    result += bytes[open..<close]
    result += Array(scriptElement(build: build).utf8)
    result += bytes[close...]
    return result
  }

  /// The reload script, asynchronous so the page shows without waiting for it.
  static func scriptElement(build: String) -> String {
    "<script src=\"\(scriptPath)\" data-build=\"\(escaped(build))\" async=\"async\"></script>"
  }

  /// The banner: how many errors and warnings, whether the page is the last good build,
  /// and each finding as `check` prints it, file:line:column first.
  static func markup(_ banner: PreviewFindings.Banner) -> String {
    let errors = banner.findings.errorCount
    let warnings = banner.findings.warningCount
    func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    var html =
      "<aside id=\"\(bannerID)\" class=\"\(errors > 0 || banner.notRebuilt ? "errors" : "warnings")\" "
      + "role=\"alert\" lang=\"en\" xml:lang=\"en\"><p><strong>WorkshopKit preview: "
      + "\(count(errors, "error")), \(count(warnings, "warning"))</strong>"
    if banner.notRebuilt {
      html += " — this program was not built again because of errors; this is its last good build."
    }
    html += "</p><ul>"
    for finding in banner.findings {
      html +=
        "<li class=\"\(finding.severity.rawValue)\"><code class=\"location\">"
        + escaped(finding.location.description.escapedForOneLine) + "</code>: "
        + "<span class=\"severity\">\(finding.severity.rawValue)</span>: "
        + "<span class=\"rule\">[\(escaped(finding.rule.rawValue))]</span> "
        + "<span class=\"message\">\(escaped(finding.message.escapedForOneLine))</span></li>"
    }
    return html + "</ul></aside>"
  }

  /// XML's five predefined entities: the character and its name.
  static let entities: [Unicode.Scalar: String] = ["&": "amp", "<": "lt", ">": "gt", "\"": "quot", "'": "apos"]

  /// Text for XML content or a quoted attribute: markup characters as references, and any
  /// character XML 1.0 does not allow (U+FFFE, U+FFFF, C0 controls) as a `\u{…}` escape.
  static func escaped(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      if let name = entities[scalar] {
        result += "&" + name + ";"
      } else if isXMLCharacter(scalar) {
        result.unicodeScalars.append(scalar)
      } else {
        result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      }
    }
    return result
  }

  /// XML 1.0's `Char`: tab, line feed, carriage return and U+0020 up, less the surrogates,
  /// U+FFFE and U+FFFF.
  static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
    default: false
    }
  }

  /// The Content-Security-Policy of a served document: scripts only from the preview itself
  /// and the document's own inline scripts by their hashes (the slides' deck script), styles
  /// from the document and the preview, events from the preview, and nothing else.
  static func policy(for bytes: [UInt8]) -> String {
    let hashes = inlineScripts(in: bytes).map {
      "'sha256-\(Data(SHA256.hash(data: Array($0.utf8))).base64EncodedString())'"
    }
    let scripts = (["'self'"] + Array(Set(hashes)).sorted()).joined(separator: " ")
    return "default-src 'none'; script-src \(scripts); style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
      + "frame-ancestors 'none'"
  }

  /// The text of each `<script>` without `src`, as an XML parser gives it to the browser:
  /// CDATA sections as they are, references elsewhere replaced by their characters.
  static func inlineScripts(in bytes: [UInt8]) -> [String] {
    let open = Array("<script".utf8)
    let close = Array("</script>".utf8)
    var scripts: [String] = []
    var position = 0
    while let start = find(open, in: bytes, from: position) {
      guard let tagEnd = bytes[(start + open.count)...].firstIndex(of: UInt8(ascii: ">")) else { break }
      let next = bytes[start + open.count]
      guard next == UInt8(ascii: ">") || next == UInt8(ascii: " ") || next == UInt8(ascii: "\n") else {
        position = start + open.count
        continue
      }
      let tag = String(decoding: bytes[start...tagEnd], as: UTF8.self)
      if bytes[tagEnd - 1] == UInt8(ascii: "/") {
        position = tagEnd + 1
        continue
      }
      guard let end = find(close, in: bytes, from: tagEnd + 1) else { break }
      if !tag.contains(" src=") {
        scripts.append(textContent(String(decoding: bytes[(tagEnd + 1)..<end], as: UTF8.self)))
      }
      position = end + close.count
    }
    return scripts
  }

  /// Character data as parsed: CDATA sections kept as written, the rest with its
  /// references (`&lt;`, `&#10;`) replaced.
  static func textContent(_ raw: String) -> String {
    var result = ""
    var rest = Substring(raw)
    while let start = rest.range(of: "<![CDATA[") {
      result += decodedReferences(rest[..<start.lowerBound])
      let inside = rest[start.upperBound...]
      guard let end = inside.range(of: "]]>") else { return result + inside }
      result += inside[..<end.lowerBound]
      rest = inside[end.upperBound...]
    }
    return result + decodedReferences(rest)
  }

  static func decodedReferences(_ text: Substring) -> String {
    guard text.contains("&") else { return String(text) }
    var result = ""
    var rest = text
    while let amp = rest.firstIndex(of: "&") {
      result += rest[..<amp]
      guard let semicolon = rest[amp...].firstIndex(of: ";") else { break }
      let name = rest[rest.index(after: amp)..<semicolon]
      let number =
        name.hasPrefix("#x")
        ? UInt32(name.dropFirst(2), radix: 16) : name.hasPrefix("#") ? UInt32(name.dropFirst()) : nil
      if let entity = entities.first(where: { $0.value == name }) {
        result.unicodeScalars.append(entity.key)
      } else if let number, let scalar = Unicode.Scalar(number) {
        result.unicodeScalars.append(scalar)
      } else {
        result += rest[amp...semicolon]
      }
      rest = rest[rest.index(after: semicolon)...]
    }
    return result + rest
  }

  /// Where the content of `<body …>` starts, after `</head>`.
  static func openingBody(in bytes: [UInt8], from start: Int) -> Int? {
    let tag = Array("<body".utf8)
    var position = start
    while let found = find(tag, in: bytes, from: position) {
      let next = found + tag.count
      guard next < bytes.count else { return nil }
      if [UInt8(ascii: ">"), UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t")].contains(bytes[next]) {
        return bytes[next...].firstIndex(of: UInt8(ascii: ">")).map { $0 + 1 }
      }
      position = next
    }
    return nil
  }

  static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
    guard !needle.isEmpty, bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
    let first = needle[0]
    var index = start
    let last = bytes.count - needle.count
    while index <= last {
      if bytes[index] == first && bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
      index += 1
    }
    return nil
  }

  static func findLast(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
    guard bytes.count >= needle.count else { return nil }
    var index = bytes.count - needle.count
    while index >= 0 {
      if bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
      index -= 1
    }
    return nil
  }
}
