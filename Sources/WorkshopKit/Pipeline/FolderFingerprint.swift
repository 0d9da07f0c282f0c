import Foundation

/// The SHA-256 of everything a folder's kit is made from. Its files are hashed first, before
/// the folder is loaded, so an edit saved during a build makes the next build redo the
/// folder; the exercises and the database's answers come after, once it is known which
/// ones the folder uses.
///
/// Inputs: the batch's files of the folder (paths and order), every program file of the
/// folder (its other meetings feed the recap, the groups, the next meeting's times and the
/// course report), `series.yaml`/`series.yml`, every file in `followups/`, `attendance/`
/// and `evaluations/`, the names of the exercise library's files and the size and SHA-256
/// of each exercise used (of all of them when a program did not load) as the library
/// read it (`ExerciseLibrary.fingerprint(ofFile:)`), and, with a database,
/// its answers to each follow-up form of the folder and the attendance and evaluations
/// recorded online for each meeting of the course report.
struct FolderFingerprint {
  private var files = ContentHash()

  init(folder: String, batch: [String]) {
    files.update(field: "format \(BuildManifest.currentFormat)")
    files.update(field: folder)
    for file in batch { files.update(field: "batch " + file) }
    for file in ProgramDiscovery.programFiles(directlyIn: folder) { add(file) }
    for name in ["series.yaml", "series.yml"] { add((folder.isEmpty ? "" : folder + "/") + name) }
    for records in ["followups", "attendance", "evaluations"] {
      for file in ProgramDiscovery.recordFiles(inSeries: folder, records) { add(file) }
    }
  }

  /// The whole key; nil when an input cannot be read the way the build reads it, so the
  /// folder is rebuilt.
  func key(
    exercises used: [String]?, followUps: [BuildManifest.FollowUpForm], recordedMeetings: [String] = [],
    library: ExerciseLibrary, answers source: (any FollowUpAnswerSource)?
  ) -> String? {
    var hash = files
    // The library's files as the library read them, once per build rather than per folder.
    let names = library.fileNames
    for name in names { hash.update(field: "library " + name) }
    for id in used ?? names.filter(ProgramDiscovery.isYAML).map(ProgramDiscovery.stem(of:)) {
      let base = library.basePath(for: id)
      for path in [base + ".yaml", base + ".yml"] {
        hash.update(field: path)
        hash.update(field: library.fingerprint(ofFile: path))
      }
    }
    guard let source else {
      hash.update(field: "no database")
      return hash.finalize()
    }
    hash.update(field: "database")
    for form in followUps {
      guard let exercise = library.exercise(form.exercise) else { return nil }
      for language in Language.allCases {
        hash.update(field: "\(form.series)/\(form.program) \(form.exercise) \(language.rawValue)")
        do {
          let found = try source.followUpAnswers(
            series: form.series, program: form.program, exercise: exercise, language: language)
          for answer in found {
            hash.update(field: answer.who)
            hash.update(field: answer.status?.rawValue ?? "-")
            hash.update(field: answer.stage ?? "-")
            hash.update(field: "\(answer.responses.count) \(answer.report.count)")
            for text in answer.responses + answer.report { hash.update(field: text) }
          }
        } catch {
          hash.update(field: "failed: \(error)")
        }
      }
    }
    if let records = source as? any MeetingRecordSource {
      for meeting in recordedMeetings {
        let parts = meeting.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        hash.update(field: "records " + meeting)
        do {
          let attendance = try records.recordedAttendance(series: parts[0], program: parts[1])
          hash.update(field: attendance.map { "\($0.present) \($0.walkIns)" } ?? "-")
          for answer in try records.recordedEvaluations(series: parts[0], program: parts[1]) {
            hash.update(field: "\(answer.scale) \(answer.open)")
          }
        } catch {
          hash.update(field: "failed: \(error)")
        }
      }
    }
    return hash.finalize()
  }

  private mutating func add(_ path: String) { Self.add(path, to: &files) }

  private static func add(_ path: String, to hash: inout ContentHash) {
    hash.update(field: path)
    if let data = FileManager.default.contents(atPath: path) {
      hash.update(field: "\(data.count)")
      hash.update(data)
    } else {
      hash.update(field: "absent")
    }
  }
}
