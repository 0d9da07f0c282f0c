import Foundation
import Yams

/// Who came to a meeting, typed in from the sign-in sheet:
/// `programs/<series>/attendance/<program>.yaml` with `present:` (names from the roster)
/// and `walk-ins:` (anyone else).
public struct Attendance: Sendable, Hashable {
  public var present: [String]
  public var walkIns: [String]

  public init(present: [String], walkIns: [String] = []) {
    self.present = present
    self.walkIns = walkIns
  }
}

/// Where `build --db` finds what was recorded online: attendance ticked by the facilitator
/// and evaluations answered through the personal links.
public protocol MeetingRecordSource: Sendable {
  func recordedAttendance(series: String, program: String) throws -> Attendance?
  func recordedEvaluations(series: String, program: String) throws -> [EvaluationAnswer]
}

/// The records of a meeting kept next to its program: attendance and evaluations. Read the
/// same way by `check` and by `build`.
public enum MeetingRecords {
  /// The record file of `program` in a series folder (`attendance` or `evaluations`).
  public static func path(inSeries folder: String, _ records: String, program: String) -> String? {
    let base = (folder.isEmpty ? "." : folder) + "/" + records + "/" + program
    return ProgramDiscovery.extensions.map { base + $0 }.first { FileManager.default.fileExists(atPath: $0) }
  }

  public static func readAttendance(_ path: String, roster: [Participant]) -> (Attendance?, [Diagnostic]) {
    let (attendance, diagnostics) = read(path) { reader, root in reader.attendance(from: root, roster: roster) }
    return (attendance ?? nil, diagnostics)
  }

  public static func readEvaluations(_ path: String, evaluation: Evaluation?) -> ([EvaluationAnswer]?, [Diagnostic]) {
    read(path) { reader, root in reader.evaluationAnswers(from: root, evaluation: evaluation) }
  }

  private static func read<Value>(_ path: String, _ body: (inout NodeReader, Node) -> Value) -> (Value?, [Diagnostic]) {
    switch YAMLFile.load(path: path, displayPath: path) {
    case .failure(let diagnostic):
      return (nil, [diagnostic])
    case .success(let document):
      var reader = NodeReader(file: path, source: document.text)
      let value = body(&reader, document.root)
      return (value, reader.diagnostics)
    }
  }
}

extension NodeReader {
  static let attendanceKeys = ["present", "walk-ins"]
  static let evaluationFileKeys = ["answers"]
  static let evaluationAnswerKeys = ["scale", "open"]

  mutating func attendance(from root: Node, roster: [Participant]) -> Attendance? {
    guard let fields = fields(of: root, "an attendance file", allowed: Self.attendanceKeys) else { return nil }
    if fields.lacks("present") {
      report(.missingKey, at: fields.location, "missing \"present\" (the names of those who signed in)")
    }
    let names = Set(roster.map(\.name))
    var present: [String] = []
    if let (_, nodes) = sequence(fields, "present") {
      for node in nodes {
        guard case .scalar(let scalar) = node, !isNull(node) else {
          report(.wrongType, at: node, "each entry of \"present\" must be a name, not \(describe(node))")
          continue
        }
        let name = scalar.string
        if !roster.isEmpty, !names.contains(name) {
          report(
            .invalidValue, at: node,
            "\"\(name)\" is not on the series' roster"
              + (Suggestion.person(for: name, in: Array(names)).map { "; did you mean \"\($0)\"?" }
                ?? "; list someone who was not registered under \"walk-ins\""))
          continue
        }
        present.append(name)
      }
    }
    return Attendance(present: present, walkIns: textList(fields, "walk-ins"))
  }

  mutating func evaluationAnswers(from root: Node, evaluation: Evaluation?) -> [EvaluationAnswer] {
    guard let fields = fields(of: root, "an evaluations file", allowed: Self.evaluationFileKeys) else { return [] }
    guard let (_, nodes) = sequence(fields, "answers") else {
      if fields.lacks("answers") {
        report(.missingKey, at: fields.location, "missing \"answers\" (one entry per evaluation form)")
      }
      return []
    }
    var answers: [EvaluationAnswer] = []
    for node in nodes {
      guard let entry = self.fields(of: node, "an evaluation form", allowed: Self.evaluationAnswerKeys) else {
        continue
      }
      var scale: [Int?] = []
      if let (_, values) = sequence(entry, "scale") {
        for value in values {
          if isNull(value) {
            scale.append(nil)
            continue
          }
          guard case .scalar(let scalar) = value, let number = Int(scalar.string), Evaluation.values.contains(number)
          else {
            report(
              .invalidValue, at: value,
              "each entry of \"scale\" is a value from 1 to 5, or ~ where none was ticked; found \(describe(value))")
            scale.append(nil)
            continue
          }
          scale.append(number)
        }
      }
      let open = textList(entry, "open")
      if let evaluation {
        if scale.count > evaluation.scale.count, let key = entry["scale"]?.key {
          report(
            .invalidValue, at: key,
            "\(scale.count) scale values, but the evaluation asks \(evaluation.scale.count) scale questions")
        }
        if open.count > evaluation.open.count, let key = entry["open"]?.key {
          report(
            .invalidValue, at: key,
            "\(open.count) open answers, but the evaluation asks \(evaluation.open.count) open questions")
        }
      }
      answers.append(EvaluationAnswer(scale: scale, open: open))
    }
    return answers
  }
}
