import Foundation
import Testing
import Yams

@testable import WorkshopKit

/// `YAMLComposer` gives the nodes `Yams.compose` gives, field for field (text, tag, style,
/// mark, anchor, order), for every YAML file of the repository and for the corners of YAML
/// it meets; what it leaves to Yams is exactly what Yams refuses or reads otherwise.
@Suite struct YAMLComposerTests {
  /// Every field of a node, depth first, as one text to compare.
  static func describe(_ node: Node) -> String {
    func mark(_ mark: Mark?) -> String { mark.map { "\($0.line):\($0.column)" } ?? "-" }
    switch node {
    case .scalar(let scalar):
      return "s(\(scalar.tag.rawValue) \(scalar.style) \(mark(scalar.mark)) &\(scalar.anchor?.rawValue ?? "") "
        + "\(scalar.string.debugDescription))"
    case .sequence(let sequence):
      return "q(\(sequence.tag.rawValue) \(sequence.style) \(mark(sequence.mark)) &\(sequence.anchor?.rawValue ?? "") ["
        + sequence.map(describe).joined(separator: ", ") + "])"
    case .mapping(let mapping):
      return "m(\(mapping.tag.rawValue) \(mapping.style) \(mark(mapping.mark)) &\(mapping.anchor?.rawValue ?? "") {"
        + mapping.map { describe($0.key) + ": " + describe($0.value) }.joined(separator: ", ") + "})"
    case .alias(let alias):
      return "a(\(alias.anchor.rawValue))"
    }
  }

  /// What the composer gave against what Yams gives; nil when they agree.
  static func disagreement(_ text: String, leftToYamsAllowed: Bool = false) -> String? {
    let ours = YAMLComposer.compose(Array(text.utf8))
    // Beyond the bounds: Yams is not to compose it (the hostile-input tests cover these).
    if case .refused = ours { return nil }
    let yams: Node??
    do { yams = .some(try Yams.compose(yaml: text, .basic, .default, .utf8)) } catch { yams = .none }
    switch (ours, yams) {
    case (.leftToYams, nil): return nil
    case (.leftToYams, .some): return leftToYamsAllowed ? nil : "left to Yams, which reads it"
    case (.document(nil), .some(nil)): return nil
    case (.document(let root?), .some(let expected?)):
      let (a, b) = (describe(root), describe(expected))
      return a == b ? nil : "composed\n\(a)\nYams\n\(b)"
    default: return "composed \(ours), Yams \(String(describing: yams))"
    }
  }

  @Test func everyYAMLFileOfTheRepositoryIsComposedAsYamsComposesIt() throws {
    var files: [URL] = []
    for folder in [Paths.programs, Paths.exercises, Paths.testsFolder] {
      let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
      while let url = walker?.nextObject() as? URL {
        if ["yaml", "yml"].contains(url.pathExtension) { files.append(url) }
      }
    }
    #expect(files.count > 100)
    for file in files {
      // Files that are not UTF-8 are refused before composing.
      guard let text = String(data: try Data(contentsOf: file), encoding: .utf8) else { continue }
      let problem = Self.disagreement(text)
      #expect(problem == nil, "\(file.path): \(problem ?? "")")
    }
  }

  static let corners: [String] = [
    "", "# only a comment\n", "---\n", "--- \n...\n", "a: 1\n", "- a\n- b\n",
    "a:\n  - b\n  - c: d\n    e: [f, 'g', \"h\"]\n",
    "title: \"Oplæg: partnerskaber\"\nnote: 'it''s'\n", "text: |\n  one\n  two\n", "text: >-\n  folded\n  lines\n",
    "base: &b {x: 1, y: [2, 3]}\ncopy: *b\nalso: *b\n", "a: &s text\nb: *s\n", "? complex\n: value\n",
    "empty:\nnull: ~\n\"quoted key\": 1\n'single': 2\n", "nul: \"a\\0b\"\n", "tagged: !!str 09.00\nlocal: !thing x\n",
    "seq: !!seq [a]\nmap: !!map {a: b}\n", "- [a, [b, [c]]]\n- {a: {b: {c: d}}}\n", "æ: ø\nemoji: \"😀\"\n",
    "a: 1\nb: 2\na: 3\n", "\"a\": 1\na: 2\n", "[a]: 1\n", "{a: b}: c\n", "*undefined\n", "a: *undefined\n",
    "a: 1\n---\nb: 2\n", "a: [1, 2\n", "a: \"open\n", "\ta: 1\n", "a: b: c\n", "&x a: *x\n", "!!int 1: a\n1: b\n",
    "&r [*r]\n", "- &a x\n- &a y\n- *a\n",
    // Many keys (looked for twice another way), with and without one given twice.
    (0..<20).map { "k\($0): \($0)\n" }.joined(), (0..<20).map { "k\($0): \($0)\n" }.joined() + "k7: again\n",
  ]

  /// The corners of YAML: every style, anchors and aliases, tags, keys given twice or not
  /// texts, a second document, syntax errors.
  @Test(arguments: corners)
  func aCornerIsComposedAsYamsComposesIt(_ text: String) {
    // Keys that are aliases or have tags of their own are Yams' to read.
    let leftToYams = ["[a]: 1\n", "{a: b}: c\n", "!!int 1: a\n1: b\n"].contains(text)
    let problem = Self.disagreement(text, leftToYamsAllowed: leftToYams)
    #expect(problem == nil, "\(text.debugDescription): \(problem ?? "")")
  }

  /// `Mark` is read as two integers, line then column: the layout the composer relies on.
  @Test func aMarkIsLineThenColumn() throws {
    #expect(MemoryLayout<Mark>.size == MemoryLayout<(Int, Int)>.size)
    guard case .document(let root?) = YAMLComposer.compose(Array("a:\n  b: c\n".utf8)),
      case .mapping(let outer) = root, case .mapping(let inner) = try #require(outer["a"]),
      let mark = inner.keys.first?.mark
    else {
      Issue.record("not composed")
      return
    }
    #expect((mark.line, mark.column) == (2, 3))
  }

  /// The quoting a YAML error asks for, shown on the line's own key and text: a long text
  /// cut short after its colon, one with a straight quote in single quotes.
  @Test(arguments: [
    ("  - title: Welcome: coffee and tea", "title: \"Welcome: coffee and tea\""),
    (
      "purpose: To practise listening without fixing: one talks, one listens, one observes.",
      "purpose: \"To practise listening without fixing: one talks …\""
    ),
    ("title: Say \"hi\": then go", "title: 'Say \"hi\": then go'"),
    ("- Say: it's \"fine\"", "title: \"Talk: partnerships\""),
  ])
  func aQuotedExampleUsesTheLinesOwnText(_ line: String, _ example: String) {
    #expect(YAMLFile.quotedExample(line) == example)
  }
}
