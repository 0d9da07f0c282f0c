import Foundation

/// `programs/<series>/followups/<program>.yaml`: what participants answered on the
/// follow-up form of that program, typed in from paper. Read the same way by `check`
/// and by `build`, so the two never disagree about a file.
public enum FollowUpFile {
  /// The answers file of `program` in a series folder, `.yaml` or `.yml`, when there is one.
  public static func path(inSeries folder: String, program: String) -> String? {
    let base = (folder.isEmpty ? "." : folder) + "/followups/" + program
    return ProgramDiscovery.extensions.map { base + $0 }.first { FileManager.default.fileExists(atPath: $0) }
  }

  /// The answer in `answers` (a follow-up file's) each participant on the roster gave,
  /// alone or with their pair, by name, as the kit's tracker matches them.
  public static func answersByName(_ answers: [FollowUpAnswer], program: Program) -> [String: FollowUpAnswer] {
    var byName: [String: FollowUpAnswer] = [:]
    guard !answers.isEmpty else { return byName }
    for respondent in FollowUpForm.respondents(program) {
      guard let answer = answers.first(where: { $0.belongs(to: respondent.title, names: respondent.names) })
      else { continue }
      for name in respondent.names { byName[name] = answer }
    }
    return byName
  }

  /// The answers, or nil when the file cannot be read as YAML; with every finding.
  /// `exercise` is the follow-up exercise of the program answered, when known.
  public static func read(_ path: String, exercise: Exercise?) -> (
    answers: [FollowUpAnswer]?, diagnostics: [Diagnostic]
  ) {
    switch YAMLFile.load(path: path, displayPath: path) {
    case .failure(let diagnostic):
      return (nil, [diagnostic])
    case .success(let document):
      var reader = NodeReader(file: path, source: document.text)
      let answers = reader.followUpAnswers(from: document.root, exercise: exercise)
      return (answers, reader.diagnostics)
    }
  }
}
