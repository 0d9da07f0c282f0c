import Testing

@testable import WorkshopKit

/// Findings are shown in file order, each once.
@Suite struct DiagnosticOrderTests {
  /// Against the plain reading (keep the first of equal findings, then sort by place and
  /// order of finding) on lists with many repeats, ties of place and near-equal findings.
  @Test func sortedUniqueKeepsTheFirstOfEachInFileOrder() {
    func reference(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
      var seen = Set<Diagnostic>()
      return diagnostics.filter { seen.insert($0).inserted }
        .enumerated()
        .sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }
        .map(\.element)
    }
    var random = SeededGenerator(seed: 13)
    for _ in 0..<2_000 {
      let diagnostics = (0..<Int.random(in: 0...24, using: &random)).map { _ in
        Diagnostic(
          [RuleID.gap, .overlap].randomElement(using: &random)!,
          [Severity.warning, .error].randomElement(using: &random)!,
          at: SourceLocation(
            file: ["a.yaml", "b.yaml"].randomElement(using: &random)!, line: Int.random(in: 1...3, using: &random),
            column: Int.random(in: 1...2, using: &random)),
          ["m", "n"].randomElement(using: &random)!)
      }
      #expect(diagnostics.sortedUnique() == reference(diagnostics), "\(diagnostics)")
    }
  }
}
