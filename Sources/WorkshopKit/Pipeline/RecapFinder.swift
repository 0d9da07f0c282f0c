import Foundation
import Yams

/// Finds the previous meeting of a program (the one in the same folder whose
/// `next-meeting` is this program's date) and the answers to its follow-up form in
/// `followups/<previous program>.yaml`.
struct RecapFinder {
  let folder: String
  private var previousByNextDate: [CalendarDate: Program] = [:]

  init(folder: String, batch: [ProgramCheck], checker: Checker) {
    self.folder = folder
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
    let path = (folder.isEmpty ? "." : folder) + "/followups/\(previous.id).yaml"
    guard FileManager.default.fileExists(atPath: path) else {
      return (Recap(previousMeeting: previous, exercise: exercise, answers: []), [])
    }
    switch YAMLFile.load(path: path, displayPath: path) {
    case .failure(let diagnostic):
      return (nil, [diagnostic])
    case .success(let root):
      var reader = NodeReader(file: path)
      let answers = reader.followUpAnswers(from: root, exercise: exercise)
      return (Recap(previousMeeting: previous, exercise: exercise, answers: answers), reader.diagnostics)
    }
  }
}
