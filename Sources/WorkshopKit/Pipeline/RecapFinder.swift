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
    let path = (folder.isEmpty ? "." : folder) + "/followups/\(previous.id).yaml"
    if FileManager.default.fileExists(atPath: path) {
      switch YAMLFile.load(path: path, displayPath: path) {
      case .failure(let diagnostic):
        return (nil, [diagnostic])
      case .success(let root):
        var reader = NodeReader(file: path)
        answers = reader.followUpAnswers(from: root, exercise: exercise)
        diagnostics = reader.diagnostics
      }
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
