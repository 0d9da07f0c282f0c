import Foundation
import Testing

@testable import WorkshopKit

/// Where the kit tests find the repository: from this file's path, so no resource bundle
/// is needed (the test target excludes `Fixtures` from its sources).
enum KitRepo {
  /// `Tests/WorkshopKitTests/Kit`.
  static let kitTests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().standardizedFileURL
  /// The package root, with `programs/` and `exercises/`.
  static let root = kitTests.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let programs = root.appendingPathComponent("programs")
  static let exercises = root.appendingPathComponent("exercises")
  static let golden = kitTests.deletingLastPathComponent().appendingPathComponent("Fixtures/golden")

  /// A sample program file, e.g. `civilsamfundet/2013-04-18.yaml`.
  static func program(_ relative: String) -> URL {
    programs.appendingPathComponent(relative)
  }
}

/// A scratch folder, removed when the value goes away.
final class KitScratch {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("workshopkit-kit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  func path(_ relative: String) -> URL { url.appendingPathComponent(relative) }

  @discardableResult
  func write(_ relative: String, _ text: String) throws -> URL {
    let file = path(relative)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: file)
    return file
  }

  /// Every regular file below the folder, relative and sorted.
  func files(under relative: String = "") -> [String] { KitFiles.list(path(relative)) }
}

enum KitFiles {
  /// Every regular file below `folder` (hidden ones too), relative and sorted.
  static func list(_ folder: URL) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
    var found: [String] = []
    while let relative = enumerator.nextObject() as? String {
      var isDirectory: ObjCBool = false
      let full = folder.appendingPathComponent(relative).path
      if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
        found.append(relative)
      }
    }
    return found.sorted()
  }

  /// Files an interrupted `AtomicFileWriter` would leave: `.<name>.<pid>.<n>.tmp`.
  static func leftovers(_ folder: URL) -> [String] {
    list(folder).filter { ($0 as NSString).lastPathComponent.hasSuffix(".tmp") }
  }

  static func bytes(_ url: URL) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: url))
  }

  static func text(_ url: URL) throws -> String {
    String(decoding: try bytes(url), as: UTF8.self)
  }
}

/// The samples, checked and rendered as `workshopkit build` does.
enum KitSamples {
  static let april = "civilsamfundet/2013-04-18.yaml"
  static let june = "civilsamfundet/2013-06-03.yaml"
  static let english = "cocreation-lab-en/2026-03-12.yaml"

  /// Every sample program file under `programs/`, as `workshopkit build` finds them.
  static func allProgramFiles() throws -> [String] {
    try ProgramDiscovery.programFiles(in: [KitRepo.programs.path])
  }

  /// Builds the given sample programs (paths relative to `programs/`) into `output`.
  @discardableResult
  static func build(_ programs: [String], into output: URL) -> BuildReport {
    let builder = KitBuilder(exerciseDirectory: KitRepo.exercises.path, outputDirectory: output.path)
    return builder.build(programFiles: programs.map { KitRepo.program($0).path })
  }

  /// The output folder of a sample program, e.g. `civilsamfundet/2013-04-18`.
  static func folder(_ program: String) -> String {
    (program as NSString).deletingPathExtension
  }

  /// One built document of a sample, built alone with its folder's other meetings for the
  /// recap, as text.
  static func document(_ name: String, of program: String) throws -> String {
    let scratch = try KitScratch()
    let report = build([program], into: scratch.url)
    #expect(report.failedPrograms.isEmpty, "\(report.diagnostics)")
    return try KitFiles.text(scratch.path(folder(program) + "/" + name))
  }

  /// The parsed XHTML of a sample document.
  static func xhtml(_ name: String, of program: String) throws -> KitNode {
    try KitXML.parse(try document(name, of: program))
  }

  /// The check of a sample program, for its model.
  static func check(_ program: String) -> ProgramCheck {
    Checker(exerciseDirectory: KitRepo.exercises.path).check(programAt: KitRepo.program(program).path)
  }
}

/// A readable first difference between two byte strings: where, and the line on each side.
func kitFirstDifference(expected: [UInt8], actual: [UInt8]) -> String? {
  guard expected != actual else { return nil }
  let common = zip(expected, actual).prefix { $0 == $1 }.count
  let line = expected[..<common].count { $0 == UInt8(ascii: "\n") } + 1
  let lineStart = expected[..<common].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
  func lineText(_ bytes: [UInt8]) -> String {
    guard lineStart <= bytes.count else { return "(ends before this line)" }
    let end = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
    let text = String(decoding: bytes[lineStart..<end], as: UTF8.self)
    return text.isEmpty && lineStart == bytes.count ? "(end of file)" : text.debugDescription
  }
  return """
    first difference at byte \(common), line \(line), column \(common - lineStart + 1) \
    (expected \(expected.count) bytes, got \(actual.count))
      expected: \(lineText(expected))
      actual:   \(lineText(actual))
    """
}

/// Expects two byte strings to be equal, reporting the first difference instead of every byte.
func kitExpectSameBytes(
  _ expected: [UInt8], _ actual: [UInt8], _ what: String,
  sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  if let difference = kitFirstDifference(expected: expected, actual: actual) {
    Issue.record("\(what): \(difference)", sourceLocation: sourceLocation)
  }
}
