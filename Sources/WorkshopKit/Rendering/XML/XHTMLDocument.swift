import CLibXML2
import CXMLArena

/// An XHTML document built with libxml2's tree API and serialised with its save API.
/// This file is the only door to libxml2: the document owns its `xmlDocPtr`, frees it in
/// `deinit` (or leaves it to its arena, see `rendered(_:)`), and no pointer leaves it. Text and attribute values go in as data, so
/// libxml2 escapes every piece of input when it serialises.
public final class XHTMLDocument {
  static let namespace = "http://www.w3.org/1999/xhtml"

  fileprivate let document: xmlDocPtr
  fileprivate let namespacePointer: xmlNsPtr
  private let rootNode: xmlNodePtr
  private let headNode: xmlNodePtr
  private let bodyNode: xmlNodePtr
  /// Built inside `rendered(_:)`: its memory goes when the arena's scope ends.
  fileprivate let inArena: Bool

  /// `<html>`, `<head>` and `<body>`.
  public var root: XHTMLElement { XHTMLElement(node: rootNode, owner: self) }
  public var head: XHTMLElement { XHTMLElement(node: headNode, owner: self) }
  public var body: XHTMLElement { XHTMLElement(node: bodyNode, owner: self) }

  /// `<!DOCTYPE html>` and `<html xmlns=… lang=… xml:lang=…>` with a head and a body.
  public init(language: String, title: String) {
    XHTMLDocument.initialiseLibrary
    inArena = workshopkit_arena_active() != 0
    if inArena { workshopkit_arena_adopt() }
    let document = withXMLString("1.0") { xmlNewDoc($0) }!
    // On the heap, element and attribute names are interned once per document instead of
    // allocated per node (xmlFreeDoc frees the dictionary). In an arena a copy is a pointer
    // bump, cheaper than looking the name up, and making the dictionary costs more than
    // either.
    if !inArena { document.pointee.dict = xmlDictCreate() }
    let rootNode = withXMLString("html") { xmlNewDocNode(document, nil, $0, nil) }!
    xmlDocSetRootElement(document, rootNode)
    let namespace = withXMLString(Self.namespace) { xmlNewNs(rootNode, $0, nil) }!
    xmlSetNs(rootNode, namespace)
    func child(_ name: String) -> xmlNodePtr {
      let node = withXMLString(name) { xmlNewDocNode(document, namespace, $0, nil) }!
      xmlAddChild(rootNode, node)
      return node
    }
    self.document = document
    self.namespacePointer = namespace
    self.rootNode = rootNode
    self.headNode = child("head")
    self.bodyNode = child("body")
    root.setAttribute("lang", language)
    let xmlNamespace = withXMLString("http://www.w3.org/XML/1998/namespace") {
      xmlSearchNsByHref(document, rootNode, $0)
    }
    withXMLString("lang") { name in
      withXMLString(language) { value in _ = xmlSetNsProp(rootNode, xmlNamespace, name, value) }
    }
    head.element("meta", ["charset": "UTF-8"])
    head.element("title", text: title)
  }

  deinit {
    guard inArena else { return xmlFreeDoc(document) }
    // The nodes, their names and texts go with the arena.
    workshopkit_arena_release()
  }

  /// The bytes of the document `render` builds, with libxml2's memory for it taken from an
  /// arena of this thread: every node, attribute and text is a pointer bump instead of a
  /// `malloc`, and the tree is dropped at once instead of freed node by node. The same
  /// bytes as `render().serialized()`, in about four fifths of a kit build's time.
  ///
  /// Every document `render` creates must be gone when it returns (none may be kept); the
  /// process stops rather than let one point into memory that is reused.
  public static func rendered(_ render: () -> XHTMLDocument) throws(XHTMLSerializationError) -> [UInt8] {
    initialiseLibrary
    // Inside another document's scope (a document rendered while rendering one), the
    // outer scope's arena serves both.
    guard workshopkit_arena_begin() != 0 else { return try render().serialized() }
    let bytes: [UInt8]
    do {
      bytes = try render().serialized()
    } catch {
      // libxml2 keeps a copy of its last error in arena memory; not after the scope.
      xmlResetLastError()
      precondition(workshopkit_arena_end() == 0, "a document outlived the arena it was built in")
      throw error
    }
    xmlResetLastError()
    precondition(workshopkit_arena_end() == 0, "a document outlived the arena it was built in")
    return bytes
  }

  /// Bytes of libxml2's memory handed out on this thread in its current or last arena scope.
  static var arenaBytesUsed: Int { Int(workshopkit_arena_used()) }

  /// The document as UTF-8 bytes: XML declaration, doctype, indented where that does not
  /// change text. Throws rather than hand back an empty or cut-off document when libxml2
  /// cannot allocate its buffer or fails to write.
  public func serialized() throws(XHTMLSerializationError) -> [UInt8] {
    // `<!DOCTYPE html>` is added only now, ahead of `<html>`: while a document has a DTD,
    // libxml2 looks up every attribute added in it to see whether it declares an ID.
    if document.pointee.intSubset == nil {
      _ = withXMLString("html") { xmlCreateIntSubset(document, $0, nil, nil) }
    }
    // libxml2 hands over its output in pieces of a few kilobytes, appended straight to the
    // bytes returned: no buffer of libxml2's to grow by copying and to copy out at the end.
    let sink = OutputBytes()
    let options = Int32(XML_SAVE_FORMAT.rawValue)
    let (written, closed) = try withExtendedLifetime(sink) { () throws(XHTMLSerializationError) in
      let context = xmlSaveToIO(
        { sink, piece, length in
          guard let sink, let piece, length >= 0 else { return -1 }
          Unmanaged<OutputBytes>.fromOpaque(sink).takeUnretainedValue().bytes
            .append(contentsOf: UnsafeRawBufferPointer(start: piece, count: Int(length)))
          return length
        }, nil, Unmanaged.passUnretained(sink).toOpaque(), "UTF-8", options)
      guard let context else { throw .outOfMemory }
      return (xmlSaveDoc(context, document), xmlSaveClose(context))
    }
    guard written >= 0, closed >= 0 else { throw .libxml2(code: min(Int(written), Int(closed))) }
    guard !sink.bytes.isEmpty else { throw .empty }
    return sink.bytes
  }

  /// Where `serialized()` collects libxml2's output; room for a kit document from the start.
  private final class OutputBytes {
    var bytes: [UInt8] = []
    init() { bytes.reserveCapacity(32 * 1024) }
  }

  public func serializedString() throws(XHTMLSerializationError) -> String {
    String(decoding: try serialized(), as: UTF8.self)
  }

  /// libxml2 wants one initialisation per process before use from any thread. Its memory
  /// functions are the arena's (`rendered(_:)`), which outside an arena's scope are the C
  /// library's; they must be set before libxml2 allocates anything.
  static let initialiseLibrary: Void = {
    xmlMemSetup(workshopkit_arena_free, workshopkit_arena_malloc, workshopkit_arena_realloc, workshopkit_arena_strdup)
    xmlInitParser()
  }()
}

/// libxml2 could not serialise a document; nothing is written in that case.
public enum XHTMLSerializationError: Error, CustomStringConvertible, Equatable {
  case outOfMemory
  case libxml2(code: Int)
  case empty

  public var description: String {
    switch self {
    case .outOfMemory: "libxml2 ran out of memory while writing the document"
    case .libxml2(let code): "libxml2 failed to write the document (error \(code))"
    case .empty: "libxml2 wrote an empty document"
    }
  }
}

/// An element inside an `XHTMLDocument`. It keeps its document alive; the node pointer
/// stays private to this file.
public struct XHTMLElement {
  fileprivate let node: xmlNodePtr
  fileprivate let owner: XHTMLDocument
  /// The namespace of this element's children: XHTML's, or SVG's inside `<svg>`.
  fileprivate var childNamespace: xmlNsPtr?

  fileprivate init(node: xmlNodePtr, owner: XHTMLDocument, childNamespace: xmlNsPtr? = nil) {
    self.node = node
    self.owner = owner
    self.childNamespace = childNamespace
  }

  /// Appends a child element in the XHTML namespace (in SVG's inside `svg(…)`), with
  /// attributes in the order given and optional text content.
  @discardableResult
  public func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String? = nil)
    -> XHTMLElement
  {
    assert(owner.inArena || workshopkit_arena_active() == 0, "a document from outside an arena changed inside one")
    let namespace = childNamespace ?? owner.namespacePointer
    let child = withXMLString(name) { xmlNewDocNode(owner.document, namespace, $0, nil) }!
    xmlAddChild(node, child)
    let element = XHTMLElement(node: child, owner: owner, childNamespace: childNamespace)
    assert(Set(attributes.map(\.key)).count == attributes.count, "an attribute named twice on <\(name)>")
    for (key, value) in attributes { element.addAttribute(key, value) }
    if let text { element.text(text) }
    return element
  }

  /// An attribute the element does not have yet: appended without looking for one of the
  /// same name first, as `setAttribute` does. A prefixed name goes through `setAttribute`,
  /// which resolves the prefix.
  private func addAttribute(_ name: String, _ value: String) {
    let prefixed = withXMLString(name) { namePointer in
      // Looked for in the C string: `utf8.contains` costs more than adding the attribute.
      guard xmlStrchr(namePointer, UInt8(ascii: ":")) == nil else { return true }
      withXMLSafeString(value) { valuePointer, _ in
        _ = xmlNewProp(node, namePointer, valuePointer)
      }
      return false
    }
    if prefixed { setAttribute(name, value) }
  }

  /// Appends an inline `<svg>` in the SVG namespace; elements added to it are SVG's too.
  @discardableResult
  public func svg(_ attributes: KeyValuePairs<String, String>) -> XHTMLElement {
    let child = withXMLString("svg") { xmlNewDocNode(owner.document, nil, $0, nil) }!
    xmlAddChild(node, child)
    let namespace = withXMLString("http://www.w3.org/2000/svg") { xmlNewNs(child, $0, nil) }!
    xmlSetNs(child, namespace)
    let element = XHTMLElement(node: child, owner: owner, childNamespace: namespace)
    for (key, value) in attributes { element.setAttribute(key, value) }
    return element
  }

  /// Appends text; libxml2 escapes `<`, `&` and the rest on output.
  public func text(_ raw: String) {
    let textNode: xmlNodePtr? = withXMLSafeString(raw) { pointer, count in
      count == 0 ? nil : xmlNewDocTextLen(owner.document, pointer, Int32(count))!
    }
    guard let textNode else { return }
    xmlAddChild(node, textNode)
  }

  /// Appends text escaped beforehand (`EscapedText`), which libxml2 writes as it is: the
  /// same bytes as `text(_:)` would give, without escaping the same constant in every
  /// document. libxml2 keeps it apart from a neighbouring plain text node.
  public func text(_ escaped: EscapedText) {
    guard !escaped.content.isEmpty else { return }
    let textNode = withXMLString(escaped.content) { pointer in
      xmlNewDocTextLen(owner.document, pointer, Int32(escaped.content.utf8.count))
    }!
    workshopkit_mark_escaped(textNode)
    xmlAddChild(node, textNode)
  }

  /// Appends a CDATA section: for a script of the kit's own, whose `<` and `&` stay as
  /// written. libxml2 writes a `]]>` inside as two sections, so the section cannot end early.
  public func cdata(_ raw: String) {
    let section = withXMLSafeString(raw) { pointer, count in
      xmlNewCDataBlock(owner.document, pointer, Int32(count))
    }!
    xmlAddChild(node, section)
  }

  /// `lang` and `xml:lang`, so screen readers read the element's text in its own language.
  public func setLanguage(_ code: String) {
    setAttribute("lang", code)
    let xmlNamespace = withXMLString("http://www.w3.org/XML/1998/namespace") {
      xmlSearchNsByHref(owner.document, node, $0)
    }
    withXMLString("lang") { name in
      withXMLString(code) { value in _ = xmlSetNsProp(node, xmlNamespace, name, value) }
    }
  }

  public func setAttribute(_ name: String, _ value: String) {
    withXMLString(name) { namePointer in
      withXMLSafeString(value) { valuePointer, _ in
        _ = xmlSetProp(node, namePointer, valuePointer)
      }
    }
  }
}

/// Text escaped as libxml2 escapes element content when it writes a document in UTF-8
/// (`&`, `<`, `>` and carriage return as references), after `xmlSafe`: for constants that
/// every document carries, escaped once instead of once per document.
public struct EscapedText: Sendable {
  fileprivate let content: String

  public init(_ raw: String) {
    var escaped = ""
    escaped.reserveCapacity(raw.utf8.count)
    for character in raw.xmlSafe.unicodeScalars {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\r": escaped += "&#13;"
      default: escaped.unicodeScalars.append(character)
      }
    }
    content = escaped
  }
}

/// Lends libxml2 a NUL-terminated UTF-8 copy of `string` for the duration of `body`;
/// libxml2 copies what it keeps.
func withXMLString<Result>(_ string: String, _ body: (UnsafePointer<xmlChar>) -> Result) -> Result {
  string.withCString { pointer in
    pointer.withMemoryRebound(to: xmlChar.self, capacity: string.utf8.count + 1) { body($0) }
  }
}

/// `string` as a C string for libxml2 as `xmlSafe` leaves it, with its length in bytes:
/// looked over where it already lies instead of copied for the look first.
func withXMLSafeString<Result>(_ string: String, _ body: (UnsafePointer<xmlChar>, Int) -> Result) -> Result {
  let clean = withXMLString(string) { pointer -> Result? in
    let count = string.utf8.count
    guard String.carriesInXML(UnsafeBufferPointer(start: pointer, count: count)) else { return nil }
    return body(pointer, count)
  }
  if let clean { return clean }
  let safe = string.xmlSafe
  return withXMLString(safe) { body($0, safe.utf8.count) }
}

extension String {
  /// Whether UTF-8 `bytes` hold none of the characters XML 1.0 cannot carry: no C0 control
  /// but tab, line feed and carriage return, and no EF BF BE / EF BF BF (U+FFFE, U+FFFF).
  /// Every text of every document passes here.
  static func carriesInXML(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    func allowed(at index: Int) -> Bool {
      let byte = bytes[index]
      if byte < 0x20 { return byte == 0x9 || byte == 0xA || byte == 0xD }
      return !(byte == 0xEF && index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE)
    }
    // Eight bytes at a time: a word without a byte below 0x20 and without 0xEF holds
    // nothing to drop (the classic "has a byte less than n" test, exact for n ≤ 128).
    // A word with one is looked at byte by byte.
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highBits: UInt64 = 0x8080_8080_8080_8080
    var index = 0
    while index + 8 <= bytes.count {
      let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
      let control = (word &- ones &* 0x20) & ~word & highBits
      let notEF = word ^ (ones &* 0xEF)
      let lead = (notEF &- ones) & ~notEF & highBits
      if control | lead != 0 {
        for offset in 0..<8 where !allowed(at: index + offset) { return false }
      }
      index += 8
    }
    while index < bytes.count {
      if !allowed(at: index) { return false }
      index += 1
    }
    return true
  }

  /// Without the characters XML 1.0 cannot carry (NUL and other C0 controls but tab, line
  /// feed and carriage return; U+FFFE, U+FFFF), which libxml2 would write as invalid
  /// character references.
  var xmlSafe: String {
    func allowed(_ scalar: Unicode.Scalar) -> Bool {
      switch scalar.value {
      case 0x9, 0xA, 0xD: true
      case 0..<0x20, 0xFFFE, 0xFFFF: false
      default: true
      }
    }
    var copy = self
    let clean = copy.withUTF8(Self.carriesInXML)
    guard !clean else { return self }
    var result = String.UnicodeScalarView()
    result.append(contentsOf: unicodeScalars.filter(allowed))
    return String(result)
  }
}
