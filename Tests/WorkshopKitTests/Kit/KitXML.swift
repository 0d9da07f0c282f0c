import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A parsed XML element, copied out of Foundation's `XMLDocument` so that the other kit
/// test files need not import FoundationXML.
struct KitNode: Sendable {
  enum Content: Sendable {
    case element(KitNode)
    case text(String)
  }

  /// The local name, without a namespace prefix: `p`, `textarea`.
  var name: String
  var attributes: [String: String]
  var contents: [Content]

  var children: [KitNode] {
    contents.compactMap {
      if case .element(let node) = $0 { return node }
      return nil
    }
  }

  /// All text inside, in document order, as a browser's `textContent`.
  var text: String {
    contents.map {
      switch $0 {
      case .element(let node): node.text
      case .text(let text): text
      }
    }.joined()
  }

  subscript(attribute: String) -> String? { attributes[attribute] }

  var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }

  func hasClass(_ name: String) -> Bool { classes.contains(name) }

  /// This element and every element inside it, in document order.
  var descendantsAndSelf: [KitNode] { [self] + children.flatMap(\.descendantsAndSelf) }

  /// Every element inside named `name`, in document order.
  func all(_ name: String) -> [KitNode] {
    children.flatMap(\.descendantsAndSelf).filter { $0.name == name }
  }

  /// Every element inside named `name` with the class `className`.
  func all(_ name: String, class className: String) -> [KitNode] {
    all(name).filter { $0.hasClass(className) }
  }

  func first(_ name: String) -> KitNode? { all(name).first }

  /// Every text and attribute value in the element, for "does not mention" checks.
  var allTextAndAttributes: String {
    descendantsAndSelf.flatMap { $0.attributes.values.sorted() }.joined(separator: "\n") + "\n" + text
  }
}

enum KitXML {
  struct ParseError: Error, CustomStringConvertible {
    var description: String
  }

  /// Parses `text` as XML, failing on anything not well-formed.
  static func parse(_ text: String) throws -> KitNode {
    try parse(Data(text.utf8))
  }

  static func parse(_ data: Data) throws -> KitNode {
    let document: XMLDocument
    do {
      document = try XMLDocument(data: data, options: [.nodePreserveWhitespace])
    } catch {
      throw ParseError(description: "not well-formed XML: \(error)")
    }
    guard let root = document.rootElement() else { throw ParseError(description: "no root element") }
    return convert(root)
  }

  private static func convert(_ element: XMLElement) -> KitNode {
    var attributes: [String: String] = [:]
    for attribute in element.attributes ?? [] {
      attributes[attribute.name ?? attribute.localName ?? ""] = attribute.stringValue ?? ""
    }
    var contents: [KitNode.Content] = []
    for child in element.children ?? [] {
      switch child.kind {
      case .element:
        if let childElement = child as? XMLElement { contents.append(.element(convert(childElement))) }
      case .text:
        contents.append(.text(child.stringValue ?? ""))
      default:
        continue
      }
    }
    return KitNode(name: element.localName ?? element.name ?? "", attributes: attributes, contents: contents)
  }
}
