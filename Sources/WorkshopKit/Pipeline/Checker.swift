import Foundation

/// Load → schedule → timing rules for one program file.
public struct ProgramCheck: Sendable {
  public var path: String
  public var program: Program?
  public var schedule: Schedule?
  public var diagnostics: [Diagnostic]

  public var hasErrors: Bool { diagnostics.hasErrors }
}

/// Checks program files. Timing rules run only on a program whose items' times and kinds
/// are all known: one that loaded without errors, or whose only errors are unknown keys and
/// exercises that cannot be used (an item with an unknown exercise still has its time). A
/// misspelt key or an unreadable time stops them, so a typo does not cascade into false
/// timing findings.
public final class Checker: Sendable {
  public let loader: ProgramLoader

  public init(loader: ProgramLoader) {
    self.loader = loader
  }

  public convenience init(exerciseDirectory: String = "exercises") {
    self.init(loader: ProgramLoader(exerciseDirectory: exerciseDirectory))
  }

  /// Checks files on all cores; the result is in the order of `paths`.
  public func check(programsAt paths: [String]) -> [ProgramCheck] {
    let results = ResultSlots<ProgramCheck>(count: paths.count)
    DispatchQueue.concurrentPerform(iterations: paths.count) { index in
      results.set(index, check(programAt: paths[index]))
    }
    return results.values.map { $0! }
  }

  public func check(programAt path: String) -> ProgramCheck {
    let loaded = loader.load(programAt: path)
    var diagnostics = loaded.diagnostics
    guard let program = loaded.program else {
      return ProgramCheck(path: path, diagnostics: diagnostics.sortedUnique())
    }
    var schedule: Schedule?
    if loaded.timingIsKnown {
      let (scheduled, scheduling) = Scheduler.schedule(program)
      var findings = scheduling
      // Items that could not be placed would make the rules judge a different day.
      if !scheduling.hasErrors {
        schedule = scheduled
        findings += TimingRules.check(scheduled, program.rules)
        var history = GroupPlanner.History()
        findings += GroupPlanner.plan(scheduled, history: &history).1
      }
      diagnostics += program.rules.apply(to: findings)
    }
    return ProgramCheck(
      path: path, program: program, schedule: schedule, diagnostics: diagnostics.sortedUnique())
  }
}

/// The findings of a whole run, each reported once, with the summary line.
public struct CheckReport: Sendable {
  public var checks: [ProgramCheck]
  /// Findings beyond single programs: across a series, and in series, follow-up and
  /// exercise files checked by path or as the whole library.
  public var otherDiagnostics: [Diagnostic]
  /// How many files of each other kind were checked, for the summary.
  public var exerciseCount: Int
  public var seriesFileCount: Int
  public var followUpFileCount: Int

  public init(
    checks: [ProgramCheck], otherDiagnostics: [Diagnostic] = [], exerciseCount: Int = 0, seriesFileCount: Int = 0,
    followUpFileCount: Int = 0
  ) {
    self.checks = checks
    self.otherDiagnostics = otherDiagnostics
    self.exerciseCount = exerciseCount
    self.seriesFileCount = seriesFileCount
    self.followUpFileCount = followUpFileCount
  }

  public var diagnostics: [Diagnostic] { (checks.flatMap(\.diagnostics) + otherDiagnostics).sortedUnique() }

  /// `2 errors, 1 warning in 3 programs`, and `and 16 exercises` when the library was checked.
  public var summary: String {
    let all = diagnostics
    func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    var checked =
      checks.isEmpty && exerciseCount + seriesFileCount + followUpFileCount > 0 ? [] : [count(checks.count, "program")]
    if exerciseCount > 0 { checked.append(count(exerciseCount, "exercise")) }
    if seriesFileCount > 0 { checked.append(count(seriesFileCount, "series file")) }
    if followUpFileCount > 0 { checked.append(count(followUpFileCount, "follow-up file")) }
    return "\(count(all.errorCount, "error")), \(count(all.warningCount, "warning")) in " + Language.en.list(checked)
  }
}

/// Per-index results written from parallel workers.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Value?]

  init(count: Int) {
    slots = Array(repeating: nil, count: count)
  }

  func set(_ index: Int, _ value: Value) {
    lock.withLock { slots[index] = value }
  }

  var values: [Value?] { lock.withLock { slots } }
}
