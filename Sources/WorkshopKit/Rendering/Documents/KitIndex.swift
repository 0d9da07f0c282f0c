/// `output/index.xhtml`: every series and meeting, with links to its documents.
public enum KitIndex {
  /// What the index shows of a program; kept small so a batch of thousands stays flat in memory.
  public struct Entry: Sendable {
    public var program: Program
    /// The program's folder relative to the index, e.g. `civilsamfundet/2013-04-18`.
    public var folder: String
    public var built: Bool

    public init(program: Program, folder: String, built: Bool) {
      var summary = program
      summary.agenda = []
      summary.participants = []
      self.program = summary
      self.folder = folder
      self.built = built
    }
  }

  /// In the language most programs use, so a Danish course gets a Danish index.
  public static func render(_ entries: [Entry]) -> XHTMLDocument {
    let danish = entries.count { $0.program.language == .da }
    let language: Language = danish * 2 >= entries.count ? .da : .en
    let document = DocumentFrame.make(title: language(.index), runningTitle: language(.index), language: language)
    let body = document.body
    body.element("h1", text: language(.index))
    var order: [String] = []
    var bySeries: [String: [Entry]] = [:]
    for entry in entries {
      if bySeries[entry.program.series] == nil { order.append(entry.program.series) }
      bySeries[entry.program.series, default: []].append(entry)
    }
    for series in order.sorted() {
      let meetings = (bySeries[series] ?? []).sorted {
        ($0.program.date.value, $0.folder) < ($1.program.date.value, $1.folder)
      }
      guard let first = meetings.first else { continue }
      let section = body.element("section")
      section.element("h2", text: first.program.title)
      if let course = first.program.course { section.element("p", ["class": "muted"], text: course) }
      let table = section.element("table")
      let rows = table.element("tbody")
      for entry in meetings {
        let program = entry.program
        let row = rows.element("tr")
        row.element("td", ["class": "time"], text: program.date.value.iso)
        row.element(
          "td",
          text: [program.meetingText(), DateText.long(program.date.value, program.language)]
            .compactMap { $0 }.joined(separator: " · "))
        let links = row.element("td")
        guard entry.built else {
          links.text("—")
          continue
        }
        let documents: [(Label, String)] = [
          (.handout, "handout.xhtml"), (.facilitatorSheet, "facilitator.xhtml"),
          (.followUpTracker, "followup.xhtml"), (.calendar, "\(program.id).ics"),
        ]
        for (index, (label, file)) in documents.enumerated() {
          if index > 0 { links.text(" · ") }
          links.element("a", ["href": URIPath.encode(entry.folder + "/" + file)], text: program.language(label))
        }
      }
    }
    return document
  }
}

/// Relative links from file names: each path segment percent-encoded, `/` kept.
enum URIPath {
  static func encode(_ path: String) -> String {
    var result = ""
    for byte in path.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"), UInt8(ascii: "/"):
        result.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
      }
    }
    return result
  }
}
