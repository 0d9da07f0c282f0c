extension XHTMLElement {
  /// Text with its web addresses as links: `http://…` and `https://…` up to the next space,
  /// less the punctuation that ends a sentence.
  func linkedText(_ text: String) {
    // Most texts hold no address: one pass over the bytes instead of Foundation's search.
    guard text.utf8Range(of: "http") != nil else { return self.text(text) }
    var rest = Substring(text)
    while let found = ["http://", "https://"].compactMap({ rest.range(of: $0) }).min(by: {
      $0.lowerBound < $1.lowerBound
    }) {
      self.text(String(rest[..<found.lowerBound]))
      var end = rest[found.lowerBound...].firstIndex { $0.isWhitespace } ?? rest.endIndex
      while end > found.upperBound, let last = rest[..<end].last, ".,;:!?)»”\"'".contains(last) {
        end = rest.index(before: end)
      }
      let address = String(rest[found.lowerBound..<end])
      if end > found.upperBound {
        element("a", ["href": address], text: address)
      } else {
        self.text(address)
      }
      rest = rest[end...]
    }
    self.text(String(rest))
  }
}
