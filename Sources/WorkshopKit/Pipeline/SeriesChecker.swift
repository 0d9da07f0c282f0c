import Foundation

/// Checks across the meetings of one series folder: two programs on one date or with one
/// meeting number, meeting numbers out of date order, a file named by another date, a
/// `next-meeting` that misses the program after it, and the `followups/` answer files
/// (read as `build` reads them for the recap, and warned about when they answer no program).
public struct SeriesChecker: Sendable {
  public let loader: ProgramLoader

  public init(loader: ProgramLoader) {
    self.loader = loader
  }

  /// Every program of the folder: those of `batch`, and the folder's other files loaded
  /// too, so building or checking one meeting still sees the series around it.
  func programs(inFolder folder: String, batch: [ProgramCheck]) -> [Program] {
    var programs = batch.compactMap(\.program)
    let inBatch = Set(batch.map(\.path))
    // Programs named alone from the working folder have no series around them.
    if !folder.isEmpty {
      let missing = ProgramDiscovery.programFiles(directlyIn: folder).filter { !inBatch.contains($0) }
      programs += missing.compactMap { loader.load(programAt: $0).program }
    }
    return programs.sorted { ($0.date.value, $0.file) < ($1.date.value, $1.file) }
  }

  /// The series' findings about the programs of `batch` (all in `folder`) and about the
  /// follow-up files they write or read.
  public func check(folder: String, batch: [ProgramCheck]) -> [Diagnostic] {
    let programs = programs(inFolder: folder, batch: batch)
    let checked = Set(batch.compactMap(\.program).map(\.file))
    let checkedDates = Set(batch.compactMap(\.program).map(\.date.value))
    var findings: [Diagnostic] = []
    for program in programs where checked.contains(program.file) {
      findings += program.rules.apply(to: Self.findings(about: program, among: programs))
    }
    // Answers to a checked meeting, or to the meeting whose recap a checked one shows.
    let seriesRules = loader.seriesRules(inFolder: folder)
    let programFiles = (try? ProgramDiscovery.programFiles(in: [folder.isEmpty ? "." : folder])) ?? []
    let programIDs = Set(programFiles.map { ProgramDiscovery.stem(of: PathText.name(of: $0)) })
    for path in ProgramDiscovery.followUpFiles(inSeries: folder) {
      let id = ProgramDiscovery.stem(of: PathText.name(of: path))
      let program = programs.first { $0.id == id }
      // A program file that does not load has its own findings; its answers wait for it.
      if program == nil && programIDs.contains(id) { continue }
      let relevant =
        program.map { checked.contains($0.file) || $0.nextMeeting.map { checkedDates.contains($0.value) } == true }
        ?? true
      guard relevant else { continue }
      findings += seriesRules.apply(to: Self.followUpFindings(path, id: id, program: program, among: programs))
    }
    for records in ["attendance", "evaluations"] {
      for path in ProgramDiscovery.recordFiles(inSeries: folder, records) {
        let id = ProgramDiscovery.stem(of: PathText.name(of: path))
        let program = programs.first { $0.id == id }
        if program == nil && programIDs.contains(id) { continue }
        guard program.map({ checked.contains($0.file) }) ?? true else { continue }
        findings += seriesRules.apply(to: Self.recordFindings(path, records, id: id, program: program, among: programs))
      }
    }
    return findings
  }

  /// An attendance or evaluations file: read against its program's roster or evaluation.
  static func recordFindings(
    _ path: String, _ records: String, id: String, program: Program?, among programs: [Program]
  )
    -> [Diagnostic]
  {
    let start = SourceLocation.start(of: path)
    guard let program else {
      return [orphan(path, records, id: id, among: programs, "this \(records) file is for")]
    }
    if records == "attendance" {
      return MeetingRecords.readAttendance(path, roster: program.participants).1
    }
    let read = MeetingRecords.readEvaluations(path, evaluation: program.evaluation).1
    guard program.evaluation != nil else {
      return read + [
        Diagnostic(
          .seriesOrphanFollowUp, at: start,
          "\(program.file) declares no \"evaluation\", so no report shows these answers; add evaluation: true")
      ]
    }
    return read
  }

  static func findings(about program: Program, among programs: [Program]) -> [Diagnostic] {
    var findings: [Diagnostic] = []
    let others = programs.filter { $0.file != program.file }
    // Two on one date, or with one number: reported on the later file in name order.
    if let first = others.first(where: { $0.date.value == program.date.value && $0.file < program.file }) {
      findings.append(
        Diagnostic(
          .seriesDuplicate, at: program.date.location,
          "\(program.date.value.iso) is also the date of \(first.file); give each meeting of the series its own date"))
    }
    if let number = program.meeting,
      let first = others.first(where: { $0.meeting == number && $0.file < program.file }),
      let location = program.meetingLocation
    {
      findings.append(
        Diagnostic(
          .seriesDuplicate, at: location,
          "meeting \(number) is also the number of \(first.file) (\(first.date.value.iso)); number each meeting once"))
    }
    // Numbers in date order: compared with the nearest earlier numbered meeting.
    if let number = program.meeting, let location = program.meetingLocation,
      let earlier = others.last(where: { $0.meeting != nil && $0.date.value < program.date.value }),
      let earlierNumber = earlier.meeting, earlierNumber > number
    {
      findings.append(
        Diagnostic(
          .seriesMeetingOrder, at: location,
          "meeting \(number) on \(program.date.value.iso) comes after meeting \(earlierNumber) on "
            + "\(earlier.date.value.iso) (\(earlier.file)); number the meetings in date order"))
    }
    // A file named by a date names its own.
    let stem = program.id
    if stem.count >= 10, let named = CalendarDate(parsing: String(stem.prefix(10))), named != program.date.value {
      let rest = stem.dropFirst(10)
      let ext = program.file.hasSuffix(".yml") ? ".yml" : ".yaml"
      findings.append(
        Diagnostic(
          .seriesFileName, at: program.date.location,
          "the file is named \(stem)\(ext), but the meeting is on \(program.date.value.iso); "
            + "rename the file to \(program.date.value.iso)\(rest)\(ext) or correct the date"))
    }
    // `next-meeting` and the program after this one.
    if let next = program.nextMeeting, next.value > program.date.value,
      !programs.contains(where: { $0.date.value == next.value }),
      let following = others.filter({ $0.date.value > program.date.value }).min(by: { $0.date.value < $1.date.value })
    {
      findings.append(
        Diagnostic(
          .seriesNextMeeting, at: next.location,
          "no program of this series is dated \(next.value.iso); the next one is \(following.file) on "
            + "\(following.date.value.iso) (did you mean next-meeting: \(following.date.value.iso)?)"))
    }
    // A follow-up exercise and no `next-meeting`, with a later program in the series: the
    // answers have no meeting to be due at, nor a recap to show in, and the handout no
    // "see you". Said once, here; the next one may simply not be planned yet.
    if program.nextMeeting == nil, let exercise = program.followUpExercise,
      let following = others.filter({ $0.date.value > program.date.value }).min(by: { $0.date.value < $1.date.value })
    {
      findings.append(
        Diagnostic(
          .seriesNextMeeting, at: program.date.location,
          "\"\(exercise.title)\" asks for follow-up answers, but the program has no next-meeting, so they are "
            + "due at no meeting and no recap of them is shown; the next program is \(following.file) on "
            + "\(following.date.value.iso): add next-meeting: \(following.date.value.iso)"))
    }
    return findings
  }

  /// A record file named after no program of the series, with the closest name.
  static func orphan(_ path: String, _ records: String, id: String, among programs: [Program], _ lead: String)
    -> Diagnostic
  {
    Diagnostic(
      .seriesOrphanFollowUp, at: .start(of: path),
      "\(lead) a program \"\(id)\", but the series has no such program file; "
        + (Suggestion.closest(to: id, in: programs.map(\.id)).map { "did you mean \(records)/\($0).yaml?" }
          ?? "name the file after the meeting"))
  }

  static func followUpFindings(_ path: String, id: String, program: Program?, among programs: [Program])
    -> [Diagnostic]
  {
    let start = SourceLocation.start(of: path)
    guard let program else { return [orphan(path, "followups", id: id, among: programs, "these answers are to")] }
    guard let exercise = program.followUpExercise else {
      let read = FollowUpFile.read(path, exercise: nil)
      // A program with a next meeting gets next-steps for the missing exercise already:
      // one defect, one finding.
      guard program.nextMeeting == nil else { return read.diagnostics }
      return read.diagnostics + [
        Diagnostic(
          .seriesOrphanFollowUp, at: start,
          "\(program.file) has no exercise with \"follow-up: true\", so no recap shows these answers")
      ]
    }
    return FollowUpFile.read(path, exercise: exercise).diagnostics
  }
}
