import CYaml
import Yams

/// The bounds on a document before it becomes a tree: aliases may not expand beyond a
/// small number of values (the "billion laughs"), and collections may not nest so deep
/// that a recursive reader runs out of stack.
enum YAMLSafetyCheck {
  struct Violation: Error {
    var line: Int
    var column: Int
    var message: String
  }

  /// Nodes after alias expansion. A large program has a few thousand.
  static let maxExpandedNodes = 100_000
  static let maxDepth = 64
}

/// Composes a YAML document into Yams' nodes from libyaml's events, in the one pass that
/// also keeps to `YAMLSafetyCheck`'s bounds: the nodes `Yams.compose` would give (same
/// text, tags, styles and marks), without parsing the text a second time, an object per
/// event, or hashing every mapping's keys as nodes.
///
/// Whatever this does not compose itself is left to Yams, so that its messages stay the
/// ones users see: a syntax error, a key given twice, a key that is not a plain text, an
/// undefined alias, a second document. The walk still goes on to the end to keep to the
/// bounds first, as the safety check did.
enum YAMLComposer {
  enum Outcome {
    /// The root node; nil for a stream without a document.
    case document(Node?)
    /// Beyond `YAMLSafetyCheck`'s bounds: not to be composed by anyone.
    case refused(YAMLSafetyCheck.Violation)
    /// Yams composes it, and reports what is wrong with it.
    case leftToYams
  }

  /// A collection being read: its start, and the nodes read into it so far (a mapping's
  /// keys and values alternately).
  private struct Open {
    var isMapping: Bool
    var anchor: String?
    var tag: String?
    var mark: Mark
    var nodes: [Node] = []
    /// Its values after alias expansion, itself included.
    var size = 1
    /// A key that is not a text (a collection, or a scalar with a tag of its own).
    var hasOtherKey = false
  }

  /// Yams' default constructor, built once: `Constructor.default` builds its tables anew
  /// on every use, and every node's tag holds one. It is not changed after it is built.
  nonisolated(unsafe) static let constructor = Constructor.default

  static func compose(_ bytes: [UInt8], resolver: Resolver = .basic, constructor: Constructor = constructor) -> Outcome
  {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { return .leftToYams }
    defer { yaml_parser_delete(&parser) }

    return bytes.withUnsafeBufferPointer { buffer -> Outcome in
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

      // Nodes are nil once the rest is left to Yams: only the sizes count then.
      var anchors: [String: (node: Node?, size: Int)] = [:]
      var open: [Open] = []
      var total = 0
      var root: Node?
      var documents = 0
      // Set when the rest is Yams' to compose; the bounds are still kept to the end.
      var leftToYams = false

      func tag(_ name: String?) -> Tag {
        Tag(name.map(Tag.Name.init(rawValue:)) ?? .implicit, resolver, constructor)
      }

      /// A finished node, of `size` values expanded, goes into the collection around it.
      func place(_ node: Node?, size: Int, anchor: String?, isText: Bool = false) {
        if let anchor { anchors[anchor] = (node, size) }
        guard !open.isEmpty else {
          root = node
          return
        }
        let last = open.count - 1
        if open[last].isMapping && open[last].nodes.count % 2 == 0 && !isText { open[last].hasOtherKey = true }
        open[last].size += size
        if let node, !leftToYams { open[last].nodes.append(node) }
      }

      while true {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else {
          // libyaml's scanner reads ahead, so a long run of "[[[[" can hit libyaml's own
          // nesting limit before this count does; its message names a C function, so say it plainly.
          if parser.error == YAML_PARSER_ERROR, let problem = parser.problem,
            String(cString: problem).hasPrefix("Maximum nesting level")
          {
            return .refused(
              YAMLSafetyCheck.Violation(
                line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1,
                message: "the document is nested more than \(YAMLSafetyCheck.maxDepth) levels deep"))
          }
          return .leftToYams
        }
        defer { yaml_event_delete(&event) }
        let mark = Self.mark(event.start_mark)
        func violation(_ message: String) -> Outcome {
          .refused(YAMLSafetyCheck.Violation(line: mark.line, column: mark.column, message: message))
        }

        switch event.type {
        case YAML_STREAM_END_EVENT:
          return leftToYams ? .leftToYams : .document(root)
        case YAML_DOCUMENT_START_EVENT:
          documents += 1
          // Yams reads one document and reports a second.
          if documents > 1 { leftToYams = true }
        case YAML_SCALAR_EVENT:
          let scalar = event.data.scalar
          let anchor = string(scalar.anchor)
          var node: Node?
          let tagName = scalar.quoted_implicit == 1 ? Tag.Name.str.rawValue : string(scalar.tag)
          if !leftToYams {
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            // Yams resolves a key's tag as it looks for keys given twice; with the basic
            // resolver every text is a string.
            let isKey = open.last.map { $0.isMapping && $0.nodes.count % 2 == 0 } ?? false
            node = .scalar(
              .init(
                text, tag(tagName ?? (isKey ? Tag.Name.str.rawValue : nil)),
                Node.Scalar.Style(rawValue: numericCast(scalar.style.rawValue)) ?? .any, mark,
                anchor.map(Anchor.init(rawValue:))))
          }
          total += 1
          place(node, size: 1, anchor: anchor, isText: tagName == nil || tagName == Tag.Name.str.rawValue)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
          guard open.count < YAMLSafetyCheck.maxDepth else {
            return violation("the document is nested more than \(YAMLSafetyCheck.maxDepth) levels deep")
          }
          let isMapping = event.type == YAML_MAPPING_START_EVENT
          // Both start events keep their anchor, tag and implicit flag at the same place.
          let start = event.data.sequence_start
          total += 1
          open.append(
            Open(
              isMapping: isMapping, anchor: string(start.anchor), tag: start.implicit != 0 ? nil : string(start.tag),
              mark: mark))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
          guard let closed = open.popLast() else { break }
          var node: Node?
          if !leftToYams {
            let anchor = closed.anchor.map(Anchor.init(rawValue:))
            if closed.isMapping {
              if !closed.hasOtherKey, let pairs = Self.pairs(closed.nodes) {
                // As Yams does, the style is read from the end event, which has none.
                node = .mapping(.init(pairs, tag(closed.tag), .any, closed.mark, anchor))
              } else {
                leftToYams = true
              }
            } else {
              node = .sequence(.init(closed.nodes, tag(closed.tag), .any, closed.mark, anchor))
            }
          }
          // Counted in `total` as it was read: itself at its start, then each value in it.
          place(node, size: closed.size, anchor: closed.anchor)
        case YAML_ALIAS_EVENT:
          if let anchor = string(event.data.alias.anchor), let target = anchors[anchor] {
            total += target.size
            place(target.node, size: target.size, anchor: nil)
          } else {
            // An undefined alias is Yams' to report; count it as one node.
            leftToYams = true
            total += 1
            place(nil, size: 1, anchor: nil)
          }
        default:
          break
        }
        if total > YAMLSafetyCheck.maxExpandedNodes {
          return violation(
            "YAML aliases expand this document beyond \(YAMLSafetyCheck.maxExpandedNodes) values; "
              + "write the values out, or use fewer aliases")
        }
      }
    }
  }

  /// A mapping's keys (texts) and values as pairs; nil when a key is given twice, which
  /// Yams reports. With the basic resolver every text is a string, so two keys are one
  /// when their texts are equal. A mapping has a handful of keys: compared with each other
  /// rather than hashed.
  private static func pairs(_ nodes: [Node]) -> [(Node, Node)]? {
    var keys: [String] = []
    keys.reserveCapacity(nodes.count / 2)
    var pairs: [(Node, Node)] = []
    pairs.reserveCapacity(nodes.count / 2)
    var index = 0
    while index + 1 < nodes.count {
      guard case .scalar(let key) = nodes[index] else { return nil }
      keys.append(key.string)
      pairs.append((nodes[index], nodes[index + 1]))
      index += 2
    }
    if keys.count <= 16 {
      for (position, key) in keys.enumerated() where keys[..<position].contains(key) { return nil }
    } else if Set(keys).count < keys.count {
      return nil
    }
    return pairs
  }

  /// libyaml counts lines and columns from 0, Yams from 1. `Mark` has no public initialiser;
  /// it is two `Int`s, line and column, which a test checks.
  static func mark(_ mark: yaml_mark_t) -> Mark {
    unsafeBitCast((Int(mark.line) + 1, Int(mark.column) + 1), to: Mark.self)
  }

  private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    guard let pointer else { return nil }
    return String.decodeCString(pointer, as: UTF8.self, repairingInvalidCodeUnits: true)?.result
  }
}
