import CLibXML2

/// An XHTML document written start to end with libxml2's text writer, for documents too
/// large to hold as a tree (the index of a batch of thousands of meetings). Like
/// `XHTMLDocument`, it owns its libxml2 objects, frees them in `deinit`, lets no pointer
/// out, and escapes every text and attribute value.
public final class XHTMLStream {
  private let buffer: xmlBufferPtr
  private let writer: xmlTextWriterPtr
  private var finished = false

  /// Writes the prologue, `<html>` with its languages, the head, and opens `<body>`.
  public init(
    language: String, title: String, headElements: [(name: String, attributes: [(String, String)], text: String?)]
  ) {
    XHTMLDocument.initialiseLibrary
    buffer = xmlBufferCreate()!
    writer = xmlNewTextWriterMemory(buffer, 0)!
    _ = xmlTextWriterSetIndent(writer, 1)
    _ = withXMLString("  ") { xmlTextWriterSetIndentString(writer, $0) }
    _ = xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)
    _ = withXMLString("html") { xmlTextWriterWriteDTD(writer, $0, nil, nil, nil) }
    start("html", [("xmlns", XHTMLDocument.namespace), ("lang", language), ("xml:lang", language)])
    start("head")
    element("meta", [("charset", "UTF-8")])
    element("title", text: title)
    for head in headElements { element(head.name, head.attributes, text: head.text) }
    end()
    start("body")
  }

  deinit {
    xmlFreeTextWriter(writer)
    xmlBufferFree(buffer)
  }

  public func start(_ name: String, _ attributes: [(String, String)] = []) {
    _ = withXMLString(name) { xmlTextWriterStartElement(writer, $0) }
    for (key, value) in attributes {
      _ = withXMLString(key) { key in
        withXMLSafeString(value) { text, _ in xmlTextWriterWriteAttribute(writer, key, text) }
      }
    }
  }

  public func end() {
    _ = xmlTextWriterEndElement(writer)
  }

  public func text(_ content: String) {
    _ = withXMLSafeString(content) { text, _ in xmlTextWriterWriteString(writer, text) }
  }

  public func element(_ name: String, _ attributes: [(String, String)] = [], text content: String? = nil) {
    start(name, attributes)
    if let content { text(content) }
    end()
  }

  /// Closes every open element and returns the document's bytes; throws when libxml2
  /// could not write the whole document.
  public func finish() throws(XHTMLSerializationError) -> [UInt8] {
    if !finished {
      let ended = xmlTextWriterEndDocument(writer)
      let flushed = xmlTextWriterFlush(writer)
      finished = true
      guard ended >= 0, flushed >= 0 else { throw .libxml2(code: Int(min(ended, flushed))) }
    }
    let length = Int(xmlBufferLength(buffer))
    guard let content = xmlBufferContent(buffer), length > 0 else { throw .empty }
    return Array(UnsafeBufferPointer(start: content, count: length))
  }
}
