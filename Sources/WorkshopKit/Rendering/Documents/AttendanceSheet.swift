/// The sign-in sheet (`attendance.xhtml`): every participant of the roster with their
/// organisation and a column to sign, then blank rows for walk-ins; a sheet a day for a
/// program of several days. The running title puts the meeting on every printed page.
public enum AttendanceSheet {
  /// Blank rows for people not on the roster; a whole sheet of them without a roster.
  static let walkInRows = 5
  static let blankSheetRows = 20

  public static func render(_ input: KitInput) -> XHTMLDocument {
    let program = input.program
    let language = program.language
    let (document, body) = DocumentFrame.meetingDocument(
      input, kind: language(.attendance), bodyClass: "attendance")
    if let venue = program.venue { body.element("p", ["class": "muted"], text: venue) }
    let absent = Set(program.absent.map(\.value))
    for index in program.scheduleDays.indices {
      // One day's sheet is the document: the header above already gives its date. Several
      // days get a sheet each, headed with its day, from a page of its own.
      var sheet = body
      if program.isMultiDay {
        sheet = body.element("section", ["class": index == 0 ? "sheet" : "sheet page"])
        sheet.element("h2", text: program.dayHeading(index))
      }
      let table = sheet.element("table", ["class": "sign-in"])
      let head = table.element("thead").element("tr")
      for label in [Label.number, .name, .organisation, .signature] {
        head.element("th", ["scope": "col"], text: language(label))
      }
      let rows = table.element("tbody")
      var number = 0
      for person in program.participants {
        number += 1
        let row = rows.element("tr")
        row.element("td", ["class": "number"], text: "\(number)")
        row.element("td", text: person.name)
        row.element("td", text: person.organisation ?? "")
        // Who sent word ahead is marked, so the empty box is not a mystery afterwards.
        row.element("td", ["class": "signature"], text: absent.contains(person.name) ? language(.sentApologies) : "")
      }
      // Walk-ins below a heading row of their own, so no label takes a row to write in.
      var walkIns = rows
      if !program.participants.isEmpty {
        walkIns = table.element("tbody", ["class": "walk-ins"])
        walkIns.element("tr").element("th", ["colspan": "4", "scope": "rowgroup"], text: language(.walkIn))
      }
      for _ in 0..<(program.participants.isEmpty ? blankSheetRows : walkInRows) {
        number += 1
        let row = walkIns.element("tr", ["class": "walk-in"])
        row.element("td", ["class": "number"], text: "\(number)")
        row.element("td")
        row.element("td")
        row.element("td", ["class": "signature"])
      }
    }
    return document
  }
}
