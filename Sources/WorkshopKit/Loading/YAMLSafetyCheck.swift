import CYaml

/// Walks libyaml's event stream once, before Yams composes a tree, to refuse documents
/// whose aliases would expand beyond a small bound (the "billion laughs"), or whose
/// nesting would exhaust the stack of a recursive composer.
///
/// Yams resolves aliases while composing, and hashes mapping keys to find duplicates,
/// so an alias bomb must be stopped before `compose` is called; libyaml's event parser
/// keeps its own explicit stack and costs time linear in the input.
enum YAMLSafetyCheck {
  struct Violation: Error {
    var line: Int
    var column: Int
    var message: String
  }

  /// Nodes after alias expansion. A large program has a few thousand.
  static let maxExpandedNodes = 100_000
  static let maxDepth = 64

  /// Returns nil when the document is safe to compose, or the first violation.
  /// Syntax errors are left for Yams to report with its own messages.
  static func check(_ bytes: [UInt8]) -> Violation? {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { return nil }
    defer { yaml_parser_delete(&parser) }

    return bytes.withUnsafeBufferPointer { buffer -> Violation? in
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

      var anchorSizes: [String: Int] = [:]
      // Open collections: their anchor and their expanded size so far.
      var open: [(anchor: String?, size: Int)] = []
      var total = 0

      func add(_ size: Int) {
        total += size
        if !open.isEmpty { open[open.count - 1].size += size }
      }

      while true {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else {
          // libyaml's scanner reads ahead, so a long run of "[[[[" can hit libyaml's own nesting
          // limit before this count does; its message names a C function, so say it plainly.
          if parser.error == YAML_PARSER_ERROR, let problem = parser.problem,
            String(cString: problem).hasPrefix("Maximum nesting level")
          {
            return Violation(
              line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1,
              message: "the document is nested more than \(maxDepth) levels deep")
          }
          return nil
        }
        defer { yaml_event_delete(&event) }
        let mark = event.start_mark
        func violation(_ message: String) -> Violation {
          Violation(line: Int(mark.line) + 1, column: Int(mark.column) + 1, message: message)
        }

        switch event.type {
        case YAML_STREAM_END_EVENT:
          return nil
        case YAML_SCALAR_EVENT:
          add(1)
          if let anchor = string(event.data.scalar.anchor) { anchorSizes[anchor] = 1 }
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
          guard open.count < maxDepth else {
            return violation("the document is nested more than \(maxDepth) levels deep")
          }
          let anchor =
            event.type == YAML_SEQUENCE_START_EVENT
            ? string(event.data.sequence_start.anchor) : string(event.data.mapping_start.anchor)
          total += 1
          open.append((anchor, 1))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
          guard let closed = open.popLast() else { break }
          if let anchor = closed.anchor { anchorSizes[anchor] = closed.size }
          if !open.isEmpty { open[open.count - 1].size += closed.size }
        case YAML_ALIAS_EVENT:
          // An undefined alias is Yams' to report; count it as one node.
          let size = string(event.data.alias.anchor).flatMap { anchorSizes[$0] } ?? 1
          add(size)
        default:
          break
        }
        if total > maxExpandedNodes {
          return violation(
            "YAML aliases expand this document beyond \(maxExpandedNodes) values; "
              + "write the values out, or use fewer aliases")
        }
      }
    }
  }

  private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
  }
}
