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

  /// `meetings`: the folder's programs, in the batch or not.
  init(folder: String, meetings: [Program], source: (any FollowUpAnswerSource)? = nil) {
    self.folder = folder
    self.source = source
    for program in meetings {
      if let next = program.nextMeeting?.value { previousByNextDate[next] = program }
    }
  }

  func recap(for program: Program) -> (Recap?, [Diagnostic]) {
    guard let previous = previousByNextDate[program.date.value],
      let exercise = previous.followUpExercise
    else { return (nil, []) }
    let known = answers(toFollowUpOf: previous, language: program.language)
    var diagnostics = known.fileFindings
    if let failure = known.sourceFailure {
      diagnostics.append(Diagnostic(.readError, at: .start(of: program.file), failure))
    }
    return (Recap(previousMeeting: previous, exercise: exercise, answers: known.answers), diagnostics)
  }

  /// What is known of the answers to a program's own follow-up form: first those typed in
  /// from paper in `followups/<program>.yaml` (with that file's findings), then those from
  /// `source`, or why it could not be read.
  func answers(toFollowUpOf program: Program, language: Language) -> (
    answers: [FollowUpAnswer], fileFindings: [Diagnostic], sourceFailure: String?
  ) {
    guard let exercise = program.followUpExercise else { return ([], [], nil) }
    var answers: [FollowUpAnswer] = []
    var findings: [Diagnostic] = []
    if let path = FollowUpFile.path(inSeries: folder, program: program.id) {
      let file = FollowUpFile.read(path, exercise: exercise)
      answers = file.answers ?? []
      findings = file.diagnostics
    }
    guard let source else { return (answers, findings, nil) }
    do {
      answers += try source.followUpAnswers(
        series: program.series, program: program.id, exercise: exercise, language: language)
      return (answers, findings, nil)
    } catch {
      return (
        answers, findings, "cannot read the online follow-up answers of \(program.series)/\(program.id): \(error)"
      )
    }
  }
}
