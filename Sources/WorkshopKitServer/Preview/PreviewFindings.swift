import Foundation
import WorkshopKit

/// The findings of one build, by the documents they concern. A program's findings belong to
/// its output folder `<series>/<program>/` (`KitBuilder`'s: the program file's folder and
/// name); those in a series' `series.yaml`, `followups/`, `attendance/` or `evaluations/` to
/// every document of the series; those in an exercise (or any other file) to the index and
/// to the documents of programs that could not be built. The index shows them all.
public struct PreviewFindings: Sendable {
  /// Findings about one program, by `<series>/<program>`.
  var programs: [String: [Diagnostic]] = [:]
  /// Findings about a whole series, by `<series>`.
  var series: [String: [Diagnostic]] = [:]
  /// Findings about no series in particular: exercises, a missing folder.
  var others: [Diagnostic] = []
  /// `<series>/<program>` of each program not built because of errors.
  var failed: Set<String> = []
  /// Every finding, in file order.
  public private(set) var all: [Diagnostic] = []

  public init() {}

  public init(diagnostics: [Diagnostic], failedPrograms: [String], exerciseDirectory: String) {
    all = diagnostics
    for diagnostic in diagnostics {
      switch Self.place(of: diagnostic.location.file, exerciseDirectory: exerciseDirectory) {
      case .program(let folder): programs[folder, default: []].append(diagnostic)
      case .series(let name): series[name, default: []].append(diagnostic)
      case .elsewhere: others.append(diagnostic)
      }
    }
    failed = Set(
      failedPrograms.compactMap {
        guard case .program(let folder) = Self.place(of: $0, exerciseDirectory: exerciseDirectory) else { return nil }
        return folder
      })
  }

  enum Place: Equatable {
    /// `<series>/<program>`, the program's output folder.
    case program(String)
    case series(String)
    case elsewhere
  }

  /// Which documents a file's findings concern, from where the file lies.
  static func place(of file: String, exerciseDirectory: String) -> Place {
    let url = URL(fileURLWithPath: file).standardizedFileURL
    let folder = url.deletingLastPathComponent()
    switch ProgramDiscovery.kind(of: file, exerciseDirectory: exerciseDirectory) {
    case .program:
      guard ProgramDiscovery.extensions.contains(where: url.lastPathComponent.hasSuffix) else { return .elsewhere }
      return .program(folder.lastPathComponent + "/" + ProgramDiscovery.stem(of: url.lastPathComponent))
    case .series:
      return .series(folder.lastPathComponent)
    case .followUps, .attendance, .evaluations:
      return .series(folder.deletingLastPathComponent().lastPathComponent)
    case .exercise:
      return .elsewhere
    }
  }

  /// What the banner of one served document says: nil when it has nothing to say.
  public struct Banner: Equatable, Sendable {
    public var findings: [Diagnostic]
    /// The document is a program's that could not be built now: what shows is its last good build.
    public var notRebuilt: Bool
  }

  /// The banner for the document at `path`, relative to the output folder (`index.xhtml`,
  /// `<series>/course.xhtml`, `<series>/<program>/handout.xhtml`).
  public func banner(for path: String) -> Banner? {
    let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    var findings: [Diagnostic]
    var notRebuilt = false
    switch parts.count {
    case 0, 1:
      findings = all
    case 2:
      // A series' own document (the course report): everything about the series.
      findings = (series[parts[0]] ?? []) + programs.filter { $0.key.hasPrefix(parts[0] + "/") }.flatMap(\.value)
    default:
      let folder = parts[0] + "/" + parts[1]
      notRebuilt = failed.contains(folder)
      findings = (programs[folder] ?? []) + (series[parts[0]] ?? []) + (notRebuilt ? others : [])
    }
    guard !findings.isEmpty || notRebuilt else { return nil }
    findings.sort { $0.location < $1.location }
    return Banner(findings: findings, notRebuilt: notRebuilt)
  }
}
