import Foundation
import Testing

/// `workshopkit-server preview` and the subcommands, as a user runs them.
@Suite(.timeLimit(.minutes(1))) struct PreviewCommandTests {
  /// Runs the binary in `folder`; (exit status, standard output, standard error).
  static func run(_ arguments: [String], in folder: URL, columns: Int? = nil) throws -> (Int32, String, String) {
    let binary = try require(ServeCommandTests.binary, "workshopkit-server beside the test bundle")
    let out = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
    let err = folder.appendingPathComponent("stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = folder
    if let columns {
      process.environment = ProcessInfo.processInfo.environment.merging(["COLUMNS": "\(columns)"]) { $1 }
    }
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return (
      process.terminationStatus, try String(contentsOf: out, encoding: .utf8),
      try String(contentsOf: err, encoding: .utf8)
    )
  }

  @Test func theHelpNamesBothSubcommandsAndThePreviewHasExamples() throws {
    let harness = try PreviewHarness()
    let (status, root, _) = try Self.run(["--help"], in: harness.folder)
    #expect(status == 0)
    #expect(root.contains("serve") && root.contains("(default)") && root.contains("preview"), "\(root)")
    let (previewStatus, preview, _) = try Self.run(["preview", "--help"], in: harness.folder)
    #expect(previewStatus == 0)
    #expect(preview.contains("Examples:") && preview.contains("workshopkit-server preview --port 8001"), "\(preview)")
    #expect(preview.contains("--programs <dir>") && preview.contains("--output <dir>"))
    let (_, serve, _) = try Self.run(["serve", "--help"], in: harness.folder)
    #expect(serve.contains("--facilitator") || serve.contains("facilitator key"), "\(serve)")
  }

  /// Written to fit 80 columns, as `workshopkit`'s help is: the text between the
  /// overview and the usage reads the same on a narrow terminal as on a wide one.
  @Test(arguments: [[], ["serve"], ["preview"]])
  func helpFitsAnEightyColumnTerminal(_ command: [String]) throws {
    let harness = try PreviewHarness()
    let texts = try [80, 400].map { columns in
      let help = try Self.run(command + ["--help"], in: harness.folder, columns: columns).1
      return help.components(separatedBy: "\nUSAGE:")[0].components(separatedBy: "\n\n").dropFirst()
    }
    #expect(!texts[0].isEmpty)
    #expect(texts[0] == texts[1], "\(texts[0].joined(separator: "\n\n"))")
  }

  @Test func aMissingProgramsFolderIsSaidPlainly() throws {
    let harness = try PreviewHarness()
    let (status, _, error) = try Self.run(["preview", "--programs", "kurser"], in: harness.folder)
    #expect(status == 2)
    #expect(error.contains("--programs: there is no folder kurser"), "\(error)")
    #expect(!FileManager.default.fileExists(atPath: harness.output.path))
  }

  @Test func aTakenPortIsSaidPlainlyBeforeAnythingIsBuilt() throws {
    let harness = try PreviewHarness()
    let holder = try LoopbackSocket()
    let port = try holder.listen()
    let (status, _, error) = try Self.run(["preview", "--port", String(port)], in: harness.folder)
    #expect(status == 1)
    #expect(error.contains("port \(port) on 127.0.0.1 is in use"), "\(error)")
    #expect(!FileManager.default.fileExists(atPath: harness.output.appendingPathComponent("index.xhtml").path))
  }
}
