import Foundation
import Yams

/// Finds the previous meeting of a program (the one in the same folder whose
/// `next-meeting` is this program's date) and the answers to its follow-up form: first
/// those typed in from paper in `followups/<previous program>.yaml`, then those from
/// `source` (the database of online answers), when there is one.
struct RecapFinder {
  let folder: String
  let source: (any FollowUpAnswerSource)?
  private var previousByNextDate: [CalendarDate: Program] = [:]

  init(folder: String, batch: [ProgramCheck], checker: Checker, source: (any FollowUpAnswerSource)? = nil) {
    self.folder = folder
    self.source = source
    var programs = batch.compactMap(\.program)
    // Meetings outside the batch (building one program alone) still give their recap.
    let inBatch = Set(batch.map(\.path))
    if let others = try? ProgramDiscovery.programFiles(in: [folder.isEmpty ? "." : folder]) {
      let missing = others.filter {
        !inBatch.contains($0) && ($0 as NSString).deletingLastPathComponent == folder
      }
      programs += missing.compactMap { checker.loader.load(programAt: $0).program }
    }
    for program in programs {
      if let next = program.nextMeeting?.value { previousByNextDate[next] = program }
    }
  }

  func recap(for program: Program) -> (Recap?, [Diagnostic]) {
    guard let previous = previousByNextDate[program.date.value],
      let exercise = previous.exercises.first(where: \.followUp)
    else { return (nil, []) }
    var answers: [FollowUpAnswer] = []
    var diagnostics: [Diagnostic] = []
    if let path = FollowUpFile.path(inSeries: folder, program: previous.id) {
      let file = FollowUpFile.read(path, exercise: exercise)
      guard let read = file.answers else { return (nil, file.diagnostics) }
      answers = read
      diagnostics = file.diagnostics
    }
    if let source {
      do {
        answers += try source.followUpAnswers(
          series: previous.series, program: previous.id, exercise: exercise, language: program.language)
      } catch {
        diagnostics.append(
          Diagnostic(
            .readError, at: .start(of: program.file),
            "cannot read the online follow-up answers of \(previous.series)/\(previous.id): \(error)"))
      }
    }
    return (Recap(previousMeeting: previous, exercise: exercise, answers: answers), diagnostics)
  }
}
