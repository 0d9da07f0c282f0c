/// `output/index.xhtml`: every series and meeting, with links to its documents.
public enum KitIndex {
  /// What the index shows of a program, and nothing more: a batch of ten thousand keeps
  /// one of these per program until the index is written.
  public struct Entry: Sendable, Equatable {
    public var series: String
    public var id: String
    public var title: String
    public var course: String?
    public var meeting: Int?
    public var date: CalendarDate
    /// The days after the first of a meeting over several days; none for one day.
    public var laterDates: [CalendarDate] = []
    public var language: Language
    /// The program's folder relative to the index, e.g. `civilsamfundet/2013-04-18`.
    public var folder: String
    public var built: Bool
    public var hasEvaluation: Bool
    /// Whether the program has a follow-up exercise: without one, its follow-up form and
    /// tracker only say so, and the index does not link them.
    public var hasFollowUp = true
    /// Whether any of its exercises has a reference card to cut out: without one, the
    /// card sheet only says so, and the index does not link it.
    public var hasCards = true
    /// "Session 2", in the series' word for its meetings (`meeting-word:`).
    public var meetingLabel: String?
    /// The program file, as the build was given it: for a program with errors, the index
    /// says which file to check.
    public var file: String
    /// For a program with errors now: the names of its documents left from its last build
    /// without errors (in `folder`), which the index still links to. Not kept in the
    /// manifest: the build derives it from the folder's `keptOutputs`.
    public var keptDocuments: [String] = []

    public init(program: Program, folder: String, built: Bool) {
      hasEvaluation = program.evaluation != nil
      hasFollowUp = program.followUpExercise != nil
      hasCards = program.exercises.contains(where: \.hasCutOutCard)
      meetingLabel = program.meetingText()
      file = program.file
      series = program.series
      id = program.id
      title = program.title
      course = program.course
      meeting = program.meeting
      date = program.date.value
      laterDates = program.days.dropFirst().map(\.date.value)
      language = program.language
      self.folder = folder
      self.built = built
    }

    func meetingText() -> String? { meetingLabel ?? meeting.map { language(.meetingNumber, $0) } }
  }

  /// In the language most programs use, so a Danish course gets a Danish index.
  /// Streamed with libxml2's text writer rather than built as a tree, so the index of ten
  /// thousand meetings costs its bytes in memory, not ten times that.
  /// `courseReports`: the series with a `course.xhtml`. `unread`: program files with errors
  /// that could not be read and have no row of their own from an earlier build.
  public static func render(_ entries: [Entry], courseReports: Set<String> = [], unread: [String] = [])
    throws(XHTMLSerializationError) -> [UInt8]
  {
    let danish = entries.count { $0.language == .da }
    let language: Language = danish * 2 >= entries.count ? .da : .en
    let title = language(.index)
    let stream = XHTMLStream(
      language: language.rawValue, title: title,
      headElements: DocumentFrame.headElements(runningTitle: title, language: language))
    stream.start("main")  // closed with the body by `finish()`
    stream.element("h1", text: title)
    var order: [String] = []
    var bySeries: [String: [Entry]] = [:]
    for entry in entries {
      if bySeries[entry.series] == nil { order.append(entry.series) }
      bySeries[entry.series, default: []].append(entry)
    }
    for series in order.sorted() {
      let meetings = (bySeries[series] ?? []).sorted { ($0.date, $0.folder) < ($1.date, $1.folder) }
      guard let first = meetings.first else { continue }
      stream.start("section")
      stream.element("h2", text: first.title)
      if let course = first.course { stream.element("p", [("class", "muted")], text: course) }
      if courseReports.contains(series) {
        stream.start("p")
        stream.element(
          "a", [("href", URIPath.encode(series + "/course.xhtml"))], text: first.language(.courseReport))
        // Which documents name people, so they are shared with care.
        stream.text(" (" + first.language(.namesPeople) + ")")
        stream.end()
      }
      stream.start("table")
      stream.start("tbody")
      for entry in meetings { row(entry, into: stream) }
      stream.end()
      stream.end()
      stream.end()
    }
    if !unread.isEmpty {
      stream.start("section")
      stream.element("h2", text: language(.programsNotBuilt))
      stream.start("ul")
      for file in unread.sorted() {
        stream.start("li")
        checkCommand(file, language, into: stream)
        stream.end()
      }
      stream.end()
      stream.end()
    }
    return try stream.finish()
  }

  /// `What to fix: workshopkit check FILE`, the command that lists a program's errors.
  private static func checkCommand(_ file: String, _ language: Language, into stream: XHTMLStream) {
    stream.text(language(.whatToFix) + " ")
    stream.element("code", text: "workshopkit check " + file)
  }

  private static func row(_ entry: Entry, into stream: XHTMLStream) {
    stream.start("tr")
    stream.element("td", [("class", "time")], text: entry.date.iso)
    stream.element(
      "td",
      text: [entry.meetingText(), DateText.days([entry.date] + entry.laterDates, entry.language)].compactMap { $0 }
        .joined(separator: " · "))
    stream.start("td")
    if !entry.built {
      // The program has errors: what to run to see them, above its last good documents.
      stream.start("p")
      stream.element(
        "strong", text: entry.language(entry.keptDocuments.isEmpty ? .notBuiltHasErrors : .hasErrorsLastGood))
      stream.text(" ")
      checkCommand(entry.file, entry.language, into: stream)
      stream.end()
    }
    if entry.built || !entry.keptDocuments.isEmpty {
      // Which documents are the facilitator's own, so they are not handed out by mistake,
      // and which name people (from the roster), so they are shared with care.
      var documents: [(label: Label, file: String, facilitatorOnly: Bool, namesPeople: Bool)] = [
        (.handout, "handout.xhtml", false, true), (.facilitatorSheet, "facilitator.xhtml", true, true),
        (.slides, "slides.xhtml", false, true), (.followUpForm, "followup.xhtml", false, true),
        (.followUpTracker, "tracker.xhtml", true, true), (.attendance, "attendance.xhtml", false, true),
        (.nameCards, "namecards.xhtml", false, true), (.cutOutCards, "cards.xhtml", false, false),
        (.calendar, "\(entry.id).ics", false, false),
      ]
      if entry.hasEvaluation || entry.keptDocuments.contains("evaluation.xhtml") {
        documents.insert((.evaluation, "evaluation.xhtml", false, false), at: documents.count - 1)
      }
      if !entry.hasFollowUp { documents.removeAll { ["followup.xhtml", "tracker.xhtml"].contains($0.file) } }
      if !entry.hasCards { documents.removeAll { $0.file == "cards.xhtml" } }
      if !entry.built { documents.removeAll { !entry.keptDocuments.contains($0.file) } }
      for (index, document) in documents.enumerated() {
        if index > 0 { stream.text(" · ") }
        stream.element(
          "a", [("href", URIPath.encode(entry.folder + "/" + document.file))], text: entry.language(document.label))
        if document.facilitatorOnly {
          stream.text(" (" + entry.language(.facilitatorOnly) + ")")
        } else if document.namesPeople {
          stream.text(" (" + entry.language(.namesPeople) + ")")
        }
      }
    }
    stream.end()
    stream.end()
  }
}

/// Relative links from file names: each path segment percent-encoded, `/` kept.
enum URIPath {
  static func encode(_ path: String) -> String {
    // Most paths need nothing encoded: return them as they are.
    guard !path.utf8.allSatisfy(isUnreserved) else { return path }
    let hex = Array("0123456789ABCDEF".utf8)
    var result: [UInt8] = []
    result.reserveCapacity(path.utf8.count * 3)
    for byte in path.utf8 {
      if isUnreserved(byte) {
        result.append(byte)
      } else {
        result += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
      }
    }
    return String(decoding: result, as: UTF8.self)
  }

  /// A byte a path keeps as it is: letters, digits, `-._~` and the separator `/`.
  private static func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
      UInt8(ascii: "~"), UInt8(ascii: "/"):
      true
    default: false
    }
  }
}
