/// The one print stylesheet, embedded in every document: A4, running title and page
/// numbers, page breaks before worksheets, no table row split across pages, ruled writing
/// space, black and white friendly.
enum Stylesheet {
  /// The stylesheet with `runningTitle` in the page header.
  static func css(runningTitle: String, pageLabel: String) -> String {
    pageRules(runningTitle: runningTitle, pageLabel: pageLabel) + body
  }

  /// The `@page` rules, which carry the running title and the word for "page".
  static func pageRules(runningTitle: String, pageLabel: String) -> String {
    """
    @page {
      size: A4;
      margin: 18mm 16mm 20mm 18mm;
      @top-left { content: "\(cssString(runningTitle))"; font: 8.5pt Georgia, "DejaVu Serif", serif; color: #444; }
      @bottom-right { content: "\(cssString(pageLabel)) " counter(page) " / " counter(pages); font: 8.5pt Georgia, "DejaVu Serif", serif; color: #444; }
    }
    @page :first { @top-left { content: none; } }
    """
  }

  /// The rest of the stylesheet, the same in every document, escaped for XHTML once.
  static let escapedBody = EscapedText(body)

  /// A CSS string literal's content: backslash, quotes and line breaks escaped.
  static func cssString(_ text: String) -> String {
    // A title rarely holds any of them; every document asks.
    guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0C }) else {
      return text
    }
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": result += "\\\\"
      case "\"": result += "\\\""
      case "\n", "\r", "\u{0C}": result += "\\A "
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  private static let body = """

    :root { color: #000; background: #fff; }
    body { font: 11pt/1.45 Georgia, "DejaVu Serif", "Liberation Serif", serif; margin: 0 auto; max-width: 48em; padding: 1.5em; }
    h1, h2, h3 { font-family: "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; line-height: 1.2; }
    h1 { font-size: 22pt; margin: 0 0 .3em; }
    h2 { font-size: 15pt; margin: 1.4em 0 .5em; border-bottom: 1.5pt solid #000; padding-bottom: .15em; }
    h3 { font-size: 12pt; margin: 1.1em 0 .35em; }
    p { margin: .35em 0; }
    .muted { color: #444; }
    .cover { min-height: 60vh; display: flex; flex-direction: column; justify-content: center; border-left: 4pt solid #000; padding-left: 1.2em; }
    .cover .course { font-size: 12pt; letter-spacing: .06em; text-transform: uppercase; }
    .cover .meeting { font-size: 15pt; margin-top: 1.2em; }
    section { margin-bottom: 1.5em; }
    .page { break-before: page; page-break-before: always; }
    table { width: 100%; border-collapse: collapse; margin: .5em 0 1em; }
    th, td { text-align: left; vertical-align: top; padding: .35em .5em; border-bottom: .5pt solid #777; }
    th { font-family: "Helvetica Neue", Arial, "Liberation Sans", sans-serif; font-size: 9.5pt; border-bottom: 1pt solid #000; }
    tr, li, .card, .question, .step, fieldset, .cue { break-inside: avoid; page-break-inside: avoid; }
    /* A heading is never the last thing on a page. */
    h1, h2, h3, h4, .sheet-number, .card .term, dt, label, .list-label { break-after: avoid; page-break-after: avoid; }
    /* A heading's subtitle (a card sheet's count, a report table's scale) goes with what follows too. */
    h2 + .muted, h3 + .muted { break-after: avoid; page-break-after: avoid; break-inside: avoid; page-break-inside: avoid; }
    /* Last in its block, nothing follows it there: it would forbid the break after the block
       ("Meal" under a lunch's heading, then the presenters' heading stranded below it). */
    h2 + .muted:last-child, h3 + .muted:last-child { break-after: auto; page-break-after: auto; }
    .reference, .step-intro, .split, .presenters { break-inside: avoid; page-break-inside: avoid; }
    .reference.runs-on { break-inside: auto; page-break-inside: auto; }
    .cue, .closing { break-before: avoid; page-break-before: avoid; }
    .sheet-number { font: 9pt "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; letter-spacing: .05em; text-transform: uppercase; margin: 0; color: #333; }
    .sheet-ref { white-space: nowrap; font-size: 9.5pt; }
    .overview table { font-size: 9.5pt; }
    .overview th, .overview td { padding: .18em .4em; }
    .overview .leads { width: 8.5em; }
    .sign-in td { height: 7.6mm; padding-top: 0; padding-bottom: 0; vertical-align: middle; }
    .sign-in td.number { width: 2.5em; text-align: right; }
    .sign-in td.signature { width: 34%; color: #444; font-style: italic; }
    .tracker td.commitment { width: 44%; }
    .tracker td, .tracker th[scope=row] { padding-top: .25em; padding-bottom: .25em; }
    .tracker .choices label { line-height: 1.3; margin: 0; }
    .tracker th[scope=row] { width: 22%; font-weight: normal; }
    .choices label { display: block; font-weight: normal; margin: .1em 0; white-space: nowrap; }
    /* A checkbox's label is no heading: kept with what follows, it would hold every row of a table together. */
    .choices label, .options label { break-after: auto; page-break-after: auto; }
    .side-by-side { display: grid; grid-template-columns: 1fr 1fr; gap: 0 5mm; }
    h4 { font: bold 10pt "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; margin: .6em 0 .2em; }
    dd { margin-left: 1.2em; }
    thead { display: table-header-group; }
    td.time { white-space: nowrap; width: 7.5em; font-variant-numeric: tabular-nums; }
    td.minutes { white-space: nowrap; width: 4em; text-align: right; }
    .agenda .line { display: block; }
    .presenter { font-style: italic; }
    ol.questions { padding-left: 1.4em; }
    ol.questions.wide { padding-left: 2em; }
    .question { margin: .8em 0 1em; }
    .question .minutes { white-space: nowrap; color: #333; }
    .writing { margin-top: .3em; border: .6pt solid #555; background: linear-gradient(to bottom, transparent 8.5mm, #999 8.5mm) 0 0 / 100% 8.8mm repeat-y; }
    .instruction { font-style: italic; margin: .6em 0; }
    li.step-section { font-weight: bold; margin: 1em 0 .3em; }
    .step-section { break-after: avoid; page-break-after: avoid; }
    .cards { display: flex; flex-wrap: wrap; gap: 3mm; }
    .card { flex: 1 1 45%; border: .8pt solid #000; padding: .5em .7em; }
    .slip { margin: 0 0 4mm; border-style: dashed; overflow-wrap: anywhere; display: flex; gap: 4mm; align-items: center; }
    .slip > div { flex: 1; min-width: 0; }
    .slip .link { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 9pt; }
    .slip .qr { flex: none; width: 30mm; height: 30mm; }
    .answer { overflow-wrap: anywhere; white-space: pre-wrap; }
    .card .term { font-weight: bold; font-family: "Helvetica Neue", Arial, sans-serif; }
    .next-steps-for { margin-top: 2em; text-align: center; font-size: 13pt; }
    .next-meeting-where { margin-top: .3em; text-align: center; font-size: 13pt; }
    .next-meeting { margin-top: .5em; font-size: 20pt; font-family: "Helvetica Neue", Arial, sans-serif; font-weight: bold; text-align: center; }
    .box { border: 1.2pt solid #000; padding: .6em .9em; margin: 1em 0; }
    .box.warnings li { margin: .2em 0; }
    .box > h2:first-child { margin-top: 0; }
    .due, .plan dl { font-size: 9.5pt; }
    .cue { font-weight: bold; }
    .say { border-left: 3pt solid #000; padding-left: .7em; font-style: italic; }
    .checklist { list-style: none; padding-left: 0; }
    .checklist li::before { content: "☐ "; }
    form fieldset, .form fieldset { border: 1pt solid #000; margin: 0 1pt 1.2em; padding: .6em .9em; min-width: 0; box-sizing: border-box; }
    legend { font-weight: bold; font-family: "Helvetica Neue", Arial, sans-serif; padding: 0 .3em; }
    label { display: block; font-weight: bold; margin-top: .7em; }
    input[type=text], textarea { display: block; width: 100%; box-sizing: border-box; font: inherit; border: .8pt solid #555; padding: .3em; }
    textarea { resize: vertical; line-height: 7.5mm; background: linear-gradient(to bottom, transparent 7.2mm, #bbb 7.2mm) 0 0 / 100% 7.5mm repeat-y local; }
    .options { display: flex; flex-wrap: wrap; gap: .4em 1.2em; margin: .3em 0; }
    .options label { display: inline; font-weight: normal; margin: 0; }
    .status-box { white-space: nowrap; }
    button[type=submit] { display: block; margin-top: 1em; font: inherit; padding: .35em 1.2em; }
    .box button { font: inherit; padding: .35em 1em; margin: .4em .4em 0 0; }
    a { color: #000; }
    .form fieldset.rating { border: none; border-bottom: .5pt solid #999; padding: 0 0 .5em; margin: 1em 0 .4em; }
    /* A rating is a question like the open ones after it: in their type. */
    .rating legend { padding: 0; font-weight: bold; font-family: inherit; }
    .options.scale { align-items: center; gap: .3em 1em; }
    .options.scale .end { color: #333; font-size: 9.5pt; }
    /* The scale's low end takes the same room on every question, so the boxes line up. */
    .options.scale .end:first-child { min-width: 10em; }
    .cut-card { border: 1pt dashed #000; padding: 3mm 4mm; margin: 0 0 4mm; break-inside: avoid; page-break-inside: avoid; font-size: 9.5pt; }
    .cut-card .cards { gap: 2mm; }
    .cut-card .card { padding: .35em .55em; }
    .cut-card .reference-title { font: bold 13pt "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; margin: 0 0 .4em; }
    .cards-for { break-before: page; }
    .cards-for:first-of-type { break-before: auto; }
    .tent-sheet { display: flex; flex-direction: column; }
    .tent { height: 148mm; display: flex; flex-direction: column; border-top: .6pt solid #000; box-sizing: border-box; }
    .tent:last-child { border-bottom: .6pt solid #000; }
    .tent .side { height: 74mm; display: flex; flex-direction: column; justify-content: center; align-items: center; text-align: center; box-sizing: border-box; padding: 0 12mm; }
    .tent .side.flipped { transform: rotate(180deg); }
    .tent .side:not(.flipped) { border-top: .8pt dashed #000; }
    .tent .person { font: bold 30pt/1.15 "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; margin: 0; }
    .tent .organisation { font: 15pt/1.2 "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; margin: .3em 0 0; color: #222; }
    @page tents { size: A4; margin: 0; @top-left { content: none; } @bottom-right { content: none; } }
    /* A phone: no page wider than the screen. A long word in a heading or a table's
       prose breaks; a table of a column per meeting scrolls sideways on its own; a table
       that `stacks` stands its rows one under another, each cell after the first with its
       column's name (the tracker's above its boxes). */
    @media screen and (max-width: 32em) {
      body { padding: 1em .8em; }
      h1 { font-size: 17pt; }
      h1, h2, h3 { overflow-wrap: break-word; }
      th, td { padding-left: .3em; padding-right: .3em; }
      td.prose { overflow-wrap: anywhere; }
      .wide { overflow-x: auto; }
      .commitments td { min-width: 11em; }
      .choices label { white-space: normal; }
      table.stacks, .stacks tbody, .stacks tr, .stacks th[scope=row], .stacks th[scope=rowgroup], .stacks td, .stacks td.leads, .tracker td.commitment { display: block; width: auto; }
      .stacks thead { display: none; }
      .stacks tr { border-bottom: 1pt solid #000; padding: .4em 0; }
      .stacks td, .stacks th[scope=row] { border: none; padding: .1em 0; }
      .stacks td.who, .stacks td.time { font-weight: bold; }
      .stacks td.time, .stacks td.minutes { display: inline-block; text-align: left; width: auto; padding-right: .6em; }
      .stacks td:empty { display: none; }
      .stacks td[data-label]::before { content: attr(data-label) ": "; font: bold 9.5pt "Helvetica Neue", Arial, "Liberation Sans", sans-serif; }
      .tracker td.choices::before { content: attr(data-label); display: block; }
      .tracker td.choices [role=group] { display: flex; flex-wrap: wrap; gap: .2em 1em; }
      /* Fields in 16px, which a phone does not zoom into on focus; choices a finger hits. */
      input[type=text], textarea, button { font-size: 16px; }
      input[type=radio], input[type=checkbox] { width: 1.3em; height: 1.3em; vertical-align: middle; }
      .options label { padding: .3em 0; }
    }
    @media print {
      .namecards .screen-only, .namecards main > header, .follow-up:not(.tracker):not(.no-follow-up) main > header { display: none; }
      .tent-sheet { page: tents; break-after: page; height: 297mm; justify-content: center; }
      .tent-sheet:last-child { break-after: auto; }
      body { max-width: none; padding: 0; font-size: 10.5pt; }
      .cover { min-height: 230mm; }
      a { text-decoration: none; }
      input[type=text], textarea { border: .8pt solid #000; }
      textarea { resize: none; }
    }
    """
}
