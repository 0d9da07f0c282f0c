import Foundation
import Yams

/// A composed YAML file and the text it was read from, for checks that look at how a
/// value was written (a comment that cut a text short).
struct YAMLDocument {
  var root: Node
  var text: String
}

/// Reads a YAML file within fixed limits and composes it with Yams, turning every way it
/// can fail into one located diagnostic: never a crash, a hang or a memory blow-up.
enum YAMLFile {
  static let maxBytes = 1 << 20

  /// The composed root node, or the diagnostic that stopped it.
  static func load(path: String, displayPath: String) -> Result<YAMLDocument, Diagnostic> {
    read(path: path, displayPath: displayPath).flatMap { parse(bytes: $0, displayPath: displayPath) }
  }

  /// The file's bytes, at most `maxBytes` of them, or the diagnostic that stopped it.
  static func read(path: String, displayPath: String) -> Result<[UInt8], Diagnostic> {
    let start = SourceLocation.start(of: displayPath)
    guard let handle = FileHandle(forReadingAtPath: path) else {
      let reason = FileManager.default.fileExists(atPath: path) ? "it cannot be opened" : "there is no such file"
      return .failure(Diagnostic(.readError, at: start, "cannot read \(displayPath): \(reason)"))
    }
    defer { try? handle.close() }
    let data: Data
    do {
      data = try handle.read(upToCount: maxBytes + 1) ?? Data()
    } catch {
      return .failure(Diagnostic(.readError, at: start, "cannot read \(displayPath): it is not a readable file"))
    }
    guard data.count <= maxBytes else {
      return .failure(
        Diagnostic(
          .fileSize, at: start,
          "the file is larger than 1 MiB, the most WorkshopKit reads; split it or remove what is not part of the program"
        ))
    }
    return .success([UInt8](data))
  }

  static func parse(bytes input: [UInt8], displayPath: String) -> Result<YAMLDocument, Diagnostic> {
    var bytes = input
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    // The standard library's validation is fast; the scalar walk only runs to locate an error.
    if String(validating: bytes, as: UTF8.self) == nil, let (line, column) = firstInvalidUTF8(in: bytes) {
      return .failure(
        Diagnostic(
          .encoding, at: SourceLocation(file: displayPath, line: line, column: column),
          "the file is not valid UTF-8 here; save it as UTF-8"))
    }
    let text = String(decoding: bytes, as: UTF8.self)
    // A no-break space where YAML needs a space is the cause, wherever libyaml would notice.
    if let (line, column, message) = misplacedNoBreakSpace(in: bytes, text: text) {
      return .failure(
        Diagnostic(.yamlSyntax, at: SourceLocation(file: displayPath, line: line, column: column), message))
    }
    switch YAMLComposer.compose(bytes) {
    case .refused(let violation):
      return .failure(
        Diagnostic(
          .yamlAliases,
          at: SourceLocation(file: displayPath, line: violation.line, column: violation.column),
          violation.message))
    case .document(let root?):
      return .success(YAMLDocument(root: root, text: text))
    case .document(nil):
      return .failure(emptyFile(displayPath))
    case .leftToYams:
      break
    }
    // What the composer leaves to Yams is wrong in some way: Yams says how, in its words.
    do {
      guard let root = try Yams.compose(yaml: text, .basic, .default, .utf8) else {
        return .failure(emptyFile(displayPath))
      }
      return .success(YAMLDocument(root: root, text: text))
    } catch let error as YamlError {
      return .failure(diagnostic(for: error, text: text, displayPath: displayPath))
    } catch {
      return .failure(Diagnostic(.yamlSyntax, at: .start(of: displayPath), "cannot read the YAML: \(error)"))
    }
  }

  private static func emptyFile(_ displayPath: String) -> Diagnostic {
    Diagnostic(.emptyFile, at: .start(of: displayPath), "the file is empty; see programs/README.md for an example")
  }

  private static func diagnostic(for error: YamlError, text: String, displayPath: String) -> Diagnostic {
    func at(_ mark: Mark) -> SourceLocation {
      SourceLocation(file: displayPath, line: max(1, mark.line), column: max(1, mark.column))
    }
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let (message, position) = explain(problem, context: context, at: mark, in: text)
      return Diagnostic(.yamlSyntax, at: at(position), message)
    case .duplicatedKeysInMapping(let duplicates, let context):
      let key = duplicates.first ?? ""
      let first = context.mark
      let second = secondOccurrence(of: key, after: first, in: text) ?? (first.line, first.column)
      let hint = forgottenDash(column: first.column, from: first.line, in: text).map {
        "; a new item seems to start at line \($0.newItem) without its dash: begin it with \"- \" like the one at "
          + "line \($0.item)"
      }
      return Diagnostic(
        .duplicateKey, at: SourceLocation(file: displayPath, line: second.line, column: second.column),
        "the key \"\(key)\" is given twice in one mapping (first at line \(first.line))" + (hint ?? "; keep one"))
    case .reader(let problem, let offset, _, _):
      let location = offset.map { lineAndColumn(ofByte: $0, in: text) } ?? (1, 1)
      return Diagnostic(
        .encoding, at: SourceLocation(file: displayPath, line: location.0, column: location.1),
        "cannot read the text: \(problem)")
    default:
      return Diagnostic(.yamlSyntax, at: .start(of: displayPath), "cannot read the YAML: \(error)")
    }
  }

  /// libyaml's problem in words a course leader can act on, and where to look: the
  /// opening quote of a quoted text that never closes, not the end of the file.
  static func explain(_ problem: String, context: YamlError.Context?, at mark: Mark, in text: String)
    -> (String, Mark)
  {
    let lines = Self.lines(of: text)
    let line = mark.line >= 1 && mark.line <= lines.count ? Array(lines[mark.line - 1]) : []
    let character = mark.column >= 1 && mark.column <= line.count ? line[mark.column - 1] : nil
    if let context, context.text.contains("quoted scalar") {
      return ("malformed YAML: a quoted text starts here but its closing quote is missing", context.mark)
    }
    if character == "\t"
      || (problem.contains("cannot start any token") && line.prefix(while: \.isWhitespace).contains("\t"))
    {
      return ("malformed YAML: a tab character; YAML is indented with spaces, never tabs", mark)
    }
    var message = "malformed YAML: \(problem)"
    if let context { message += " (\(context.text) at line \(context.mark.line))" }
    if line.contains(where: { "“”„«»".contains($0) }) {
      message +=
        "; “ and ” are not YAML quotes: write the value in straight quotes, e.g. \(quotedExample(String(line)))"
    } else if problem.contains("mapping values are not allowed") {
      // At the line's first colon the line is a key that YAML took as more of the value
      // above, which an indentation deeper than that key's does; at a later one, a
      // value holds ": ".
      let before = line.prefix(max(0, min(line.count, mark.column - 1)))
      if !before.contains(":"), line.first == " ", mark.line > 1 {
        message +=
          "; this key is indented further than the one above it, so it reads as more of that value: "
          + "start it in the same column as the other keys of the item"
      } else {
        message += "; a value that contains \": \" needs quotes, e.g. \(quotedExample(String(line)))"
      }
    } else if problem.contains("did not find expected") {
      message += "; check the indentation: the keys of one item must start in the same column"
    }
    return (message, mark)
  }

  /// The line's own key and value as they should be written, in straight quotes:
  /// `title: "Welcome: coffee and tea"` for `  - title: Welcome: coffee and tea` or
  /// `title: “Welcome: coffee”`; a long value cut short (`purpose: "To practise listening
  /// without fixing: …"`), one holding a straight quote in single quotes, and a made-up
  /// one only where the line has no key.
  static func quotedExample(_ line: String) -> String {
    var content = Substring(line).drop { $0 == " " }
    if content.hasPrefix("- ") { content = content.dropFirst(2).drop { $0 == " " } }
    let madeUp = "title: \"Talk: partnerships\""
    guard let colon = content.range(of: ": ") else { return madeUp }
    let key = content[..<colon.lowerBound]
    var value = String(content[colon.upperBound...]).trimmingWhitespace()
    value.removeAll { "“”„«»".contains($0) }
    guard !key.isEmpty, !key.contains(" "), !value.isEmpty else { return madeUp }
    if value.count > 60 {
      // Up to the first colon that needs the quotes, and a little after it.
      let colonAt = value.range(of: ": ").map { value.distance(from: value.startIndex, to: $0.upperBound) } ?? 0
      var cut = String(value.prefix(max(40, min(colonAt + 12, 60))))
      // At a word's end, not in the middle of one.
      if let space = cut.lastIndex(of: " "), value.count > cut.count,
        !value[value.index(value.startIndex, offsetBy: cut.count)].isWhitespace
      {
        cut = String(cut[..<space])
      }
      value = cut.trimmingWhitespace().trimmingCharacters(in: .punctuationCharacters) + " …"
    }
    guard value.contains("\"") else { return "\(key): \"\(value)\"" }
    return value.contains("'") ? madeUp : "\(key): '\(value)'"
  }

  /// The lines of a text as libyaml counts them: `\n`, `\r\n` (one Swift character) or `\r`.
  static func lines(of text: String) -> [Substring] {
    // On the UTF-8 bytes: a line break is always a character of its own, so this splits
    // where splitting the characters would, without breaking the text into characters.
    var lines: [Substring] = []
    let bytes = text.utf8
    var start = bytes.startIndex
    var index = start
    while index != bytes.endIndex {
      let byte = bytes[index]
      guard byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") else {
        index = bytes.index(after: index)
        continue
      }
      lines.append(text[start..<index])
      index = bytes.index(after: index)
      if byte == UInt8(ascii: "\r"), index != bytes.endIndex, bytes[index] == UInt8(ascii: "\n") {
        index = bytes.index(after: index)
      }
      start = index
    }
    lines.append(text[start..<bytes.endIndex])
    return lines
  }

  /// A no-break space (U+00A0, typed with Option-space or pasted from a word processor)
  /// looks like a space but is not one to YAML: in the indentation or after a key's colon
  /// it turns the line into text and the error surfaces lines later. Named where it is.
  static func misplacedNoBreakSpace(in bytes: [UInt8], text: String) -> (Int, Int, String)? {
    // Cheap test first: U+00A0 is C2 A0 in UTF-8.
    guard bytes.indices.dropLast().contains(where: { bytes[$0] == 0xC2 && bytes[$0 + 1] == 0xA0 }) else {
      return nil
    }
    let noBreakSpace: Unicode.Scalar = "\u{00A0}"
    // Inside a block text (`notes: |`) a no-break space is content, not indentation.
    var blockIndent: Int?
    for (index, line) in lines(of: text).enumerated() {
      let scalars = Array(line.unicodeScalars)
      let indent = scalars.prefix { $0 == " " || $0 == noBreakSpace }.count
      if let block = blockIndent {
        if indent == scalars.count || indent > block { continue }
        blockIndent = nil
      }
      let content =
        String(String.UnicodeScalarView(scalars.drop { $0 == " " || $0 == "-" }))
        .split(separator: "#", maxSplits: 1).first?.trimmingWhitespace() ?? ""
      if let last = content.split(separator: " ").last, last.first == "|" || last.first == ">",
        last.dropFirst().allSatisfy({ "+-0123456789".contains($0) })
      {
        blockIndent = scalars.prefix { $0 == " " }.count
      }
      guard let position = scalars.firstIndex(of: noBreakSpace) else { continue }
      let before = scalars[..<position]
      if before.allSatisfy({ $0 == " " || $0 == "-" }) {
        return (
          index + 1, position + 1,
          "malformed YAML: a no-break space (U+00A0) in the indentation; indent with ordinary spaces"
        )
      }
      // `key:` then the no-break space, where the key is a plain word (possibly after `- `).
      let key = before.drop { $0 == " " || $0 == "-" }
      if key.last == ":", key.count > 1,
        key.dropLast().allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" })
      {
        return (
          index + 1, position + 1,
          "malformed YAML: a no-break space (U+00A0) after \"\(String(String.UnicodeScalarView(key)))\"; "
            + "YAML needs an ordinary space after the colon"
        )
      }
    }
    return nil
  }

  /// For a key given twice in an item of a list (`- time: …`): where the item starts and
  /// the line where its first key comes again in its column, which is most often the next
  /// item with its dash forgotten. Nil when the mapping is not a list item, or its first
  /// key does not come again.
  static func forgottenDash(column: Int, from line: Int, in text: String) -> (item: Int, newItem: Int)? {
    let lines = Self.lines(of: text).map { Array($0) }
    guard column >= 3, line >= 1, line <= lines.count else { return nil }
    let indent = column - 1
    func key(_ characters: ArraySlice<Character>) -> String? {
      guard let first = characters.first, first != " ", first != "#", first != "-",
        let colon = characters.firstIndex(of: ":")
      else { return nil }
      return String(characters[characters.startIndex..<colon])
    }
    // Up to the line with the dash, through lines of this item's keys and deeper ones.
    var start = line
    while true {
      let characters = lines[start - 1]
      let lead = characters.prefix(indent)
      if lead.count == indent, lead.suffix(2) == ["-", " "], lead.dropLast(2).allSatisfy({ $0 == " " }) { break }
      let spaces = characters.prefix { $0 == " " }.count
      let blank = characters.allSatisfy { $0 == " " } || characters.dropFirst(spaces).first == "#"
      guard start > 1, blank || spaces >= indent else { return nil }
      start -= 1
    }
    // Down from there: the item's first key again in its column, as a new item begins.
    guard let firstKey = key(lines[start - 1].dropFirst(indent)) else { return nil }
    for index in (start + 1)..<(lines.count + 1) {
      let characters = lines[index - 1]
      let spaces = characters.prefix { $0 == " " }.count
      if characters.allSatisfy({ $0 == " " }) || characters.dropFirst(spaces).first == "#" || spaces > indent {
        continue
      }
      guard spaces == indent else { return nil }
      if key(characters.dropFirst(indent)) == firstKey { return (start, index) }
    }
    return nil
  }

  /// Yams names the first of two equal keys; editors want the second, the one to remove.
  /// Looks below the first for a key at the same column in the same block.
  static func secondOccurrence(of key: String, after first: Mark, in text: String) -> (line: Int, column: Int)? {
    let lines = Self.lines(of: text)
    guard first.line >= 1, first.line <= lines.count else { return nil }
    let column = first.column
    for index in first.line..<lines.count {
      let line = Array(lines[index])
      let indent = line.prefix { $0 == " " || $0 == "-" }.count
      let content = String(line.dropFirst(indent)).trimmingWhitespace()
      if content.isEmpty || content.hasPrefix("#") { continue }
      if indent + 1 < column && !(line.prefix(column - 1).allSatisfy { $0 == " " || $0 == "-" }) {
        return nil
      }
      if indent + 1 == column {
        let candidate = String(line.dropFirst(indent))
        for quote in ["", "\"", "'"] where candidate.hasPrefix(quote + key + quote) {
          let rest = candidate.dropFirst(key.count + 2 * quote.count).drop { $0 == " " }
          if rest.first == ":" { return (index + 1, column) }
        }
      } else if indent + 1 < column {
        return nil
      }
    }
    return nil
  }

  /// 1-based line and column (in Unicode scalars) of the first byte that is not UTF-8.
  static func firstInvalidUTF8(in bytes: [UInt8]) -> (Int, Int)? {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var line = 1
    var column = 1
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        if encoded.count == 1, encoded.first == UInt8(ascii: "\n") {
          line += 1
          column = 1
        } else {
          column += 1
        }
      case .error:
        return (line, column)
      case .emptyInput:
        return nil
      }
    }
  }

  static func lineAndColumn(ofByte offset: Int, in text: String) -> (Int, Int) {
    var line = 1
    var column = 1
    var consumed = 0
    for scalar in text.unicodeScalars {
      if consumed >= offset { break }
      consumed += String(scalar).utf8.count
      if scalar == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return (line, column)
  }
}
