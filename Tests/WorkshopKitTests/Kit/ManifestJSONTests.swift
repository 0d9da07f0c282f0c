import Foundation
import Testing

@testable import WorkshopKit

/// The build manifest is JSON written and read by hand (`JSONWriter`, `JSONReader`): what is
/// written comes back the same, JSON written the usual other ways reads too, and anything
/// malformed makes the whole manifest unreadable, so the next build is a full one.
@Suite struct ManifestJSONTests {
  /// Every kind of character a path, a title or a finding can hold.
  static let hostile = "a \"quoted\" \\ back/slash\nline\r\ttab \u{0}\u{1}\u{1F}\u{7F} æøå – 😀 \u{2028} }],{"

  /// The samples' manifest, with hostile text in every string field and the optional
  /// fields both present and absent, comes back equal from the file.
  @Test func whatIsWrittenIsReadBack() throws {
    let workspace = try KitWorkspace()
    try workspace.build(into: "out")
    let output = workspace.scratch.path("out").path
    var manifest = try #require(BuildManifest.read(from: output))
    #expect(manifest.folders.count > 1)
    let path = try #require(manifest.folders.keys.sorted().first)
    var folder = try #require(manifest.folders[path])
    #expect(!folder.index.isEmpty)
    folder.key = Self.hostile
    folder.exercises = nil
    folder.courseReport = Self.hostile
    folder.failedPrograms = [Self.hostile, ""]
    folder.recordedMeetings = [Self.hostile]
    folder.followUps.append(.init(series: Self.hostile, program: "p", exercise: "e"))
    folder.diagnostics.append(
      Diagnostic(.yamlSyntax, .error, at: SourceLocation(file: Self.hostile, line: 12, column: 3), Self.hostile))
    folder.index[0].title = Self.hostile
    folder.index[0].course = nil
    folder.index[0].meeting = nil
    folder.outputs[Self.hostile] = [Self.hostile: 0, "b": Int.max]
    folder.keptOutputs = [Self.hostile: [Self.hostile], "x": []]
    manifest.folders[path] = folder
    manifest.folders[Self.hostile] = folder
    manifest.tool = Self.hostile
    try manifest.write(to: output)
    let read = try #require(BuildManifest.read(from: output))
    #expect(read == manifest)
    // JSON Lines: a line for the build and one per folder, whatever the strings held.
    let text = try String(contentsOfFile: BuildManifest.path(in: output), encoding: .utf8)
    #expect(text.split(separator: "\n").count == manifest.folders.count + 1)
  }

  /// A line as JSONEncoder writes it, with escaped slashes, `\u` escapes (a surrogate pair
  /// among them), white space and a key this build does not know.
  @Test func jsonWrittenOtherwiseReadsToo() throws {
    let folder = try TemporaryFolder()
    let header = #"{ "exerciseDirectory" : "ex\/ercises", "format" : 3, "future" : [1, {"a": null}], "tool" : "t" }"#
    let line =
      #"{"path":"programs\/s\u00e6rie","record":{"builtCount":1,"diagnostics":[{"column":1,"file":"f","#
      + #""line":2,"message":"\ud83d\ude00 \"x\"","rule":"gap","severity":"warning"}],"documentCount":9,"#
      + #""failedPrograms":[],"followUps":[],"index":[],"keptOutputs":{},"key":"k","outputs":{"p":{"a\/b":10}},"#
      + #""recordedMeetings":[],"courseReport":null}}"#
    try folder.write(BuildManifest.fileName, header + "\n" + line + "\n")
    let manifest = try #require(BuildManifest.read(from: folder.url.path))
    #expect(manifest.exerciseDirectory == "ex/ercises")
    let record = try #require(manifest.folders["programs/særie"])
    #expect(record.diagnostics.first?.message == "😀 \"x\"")
    #expect(record.diagnostics.first?.rule == .gap)
    #expect(record.outputs == ["p": ["a/b": 10]])
    #expect(record.courseReport == nil && record.exercises == nil)
  }

  /// Each of these spoils a line that reads otherwise, and with it the whole manifest.
  @Test(arguments: [
    ("\"rule\":\"gap\"", "\"rule\":\"no-such-rule\""),
    ("\"key\":\"k\",", ""),
    ("\"builtCount\":1", "\"builtCount\":\"1\""),
    ("\"builtCount\":1", "\"builtCount\":99999999999999999999"),
    ("\"builtCount\":1", "\"builtCount\":1.5"),
    ("\"message\":\"m\"", "\"message\":\"\\q\""),
    ("\"message\":\"m\"", "\"message\":\"\\ud83d\""),
    ("\"message\":\"m\"", "\"message\":\"m\u{1}\""),
    ("}}", "}} x"),
    ("}}", "}"),
  ])
  func anythingMalformedMeansAFullBuild(_ change: (String, String)) throws {
    let folder = try TemporaryFolder()
    let header = #"{"exerciseDirectory":"exercises","format":3,"tool":"t"}"#
    let line =
      #"{"path":"p","record":{"builtCount":1,"diagnostics":[{"column":1,"file":"f","line":2,"message":"m","#
      + #""rule":"gap","severity":"warning"}],"documentCount":9,"failedPrograms":[],"followUps":[],"index":[],"#
      + #""keptOutputs":{},"key":"k","outputs":{},"recordedMeetings":[]}}"#
    try folder.write(BuildManifest.fileName, header + "\n" + line + "\n")
    #expect(BuildManifest.read(from: folder.url.path) != nil, "the line as it is reads")
    #expect(line.contains(change.0))
    let spoiled = line.replacingOccurrences(of: change.0, with: change.1)
    try folder.write(BuildManifest.fileName, header + "\n" + spoiled + "\n")
    #expect(BuildManifest.read(from: folder.url.path) == nil, "\(spoiled)")
  }
}
