import Foundation

/// Load → schedule → timing rules for one program file.
public struct ProgramCheck: Sendable {
  public var path: String
  public var program: Program?
  public var schedule: Schedule?
  public var diagnostics: [Diagnostic]

  public var hasErrors: Bool { diagnostics.hasErrors }
}

/// Checks program files. Timing rules run only on a program that loaded without errors
/// (beyond unknown keys), so a typo does not cascade into false timing findings.
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
    let blocking = diagnostics.contains { $0.severity == .error && $0.rule != .unknownKey }
    var schedule: Schedule?
    if !blocking {
      let (scheduled, scheduling) = Scheduler.schedule(program)
      var findings = scheduling
      // Items that could not be placed would make the rules judge a different day.
      if !scheduling.hasErrors {
        schedule = scheduled
        for rule in TimingRules.all { findings += rule.check(scheduled, program.rules) }
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

  public init(checks: [ProgramCheck]) {
    self.checks = checks
  }

  public var diagnostics: [Diagnostic] { checks.flatMap(\.diagnostics).sortedUnique() }

  /// `2 errors, 1 warning in 3 programs`.
  public var summary: String {
    let all = diagnostics
    func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    return "\(count(all.errorCount, "error")), \(count(all.warningCount, "warning")) in "
      + count(checks.count, "program")
  }
}

/// Per-index results written from parallel workers.
final class ResultSlots<Value>: @unchecked Sendable {
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
