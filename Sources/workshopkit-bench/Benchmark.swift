import Foundation
import WorkshopKit

/// `swift run -c release workshopkit-bench --programs 1000 [--programs 10000] [--keep] [--rebuild]`
///
/// Writes a synthetic corpus to a temporary folder, builds the whole kit in this process
/// and reports milliseconds per document, documents per second and peak memory. With
/// `--rebuild`, then builds it again with nothing changed (an incremental build) and
/// reports that too.
@main
struct Benchmark {
  static func main() throws {
    var sizes: [Int] = []
    var keep = false
    var rebuild = false
    var arguments = CommandLine.arguments.dropFirst()
    while let argument = arguments.popFirst() {
      switch argument {
      case "--programs":
        guard let value = arguments.popFirst().flatMap(Int.init), value > 0 else { usage("--programs takes a count") }
        sizes.append(value)
      case "--keep": keep = true
      case "--rebuild": rebuild = true
      case "-h", "--help": usage(nil)
      default: usage("unknown argument \(argument)")
      }
    }
    if sizes.isEmpty { sizes = [1000] }
    print("programs  documents  build s   ms/doc   docs/s   peak RSS MB  (load+check+render+write, one process)")
    for size in sizes { try run(programs: size, keep: keep, rebuild: rebuild) }
  }

  nonisolated(unsafe) static var runs = 0

  static func run(programs count: Int, keep: Bool, rebuild: Bool) throws {
    runs += 1
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("workshopkit-bench-\(getpid())-\(runs)-\(count)")
    let (programs, exercises) = try Corpus.write(programs: count, to: root)
    defer { if !keep { try? FileManager.default.removeItem(at: root) } }

    let files = try ProgramDiscovery.programFiles(in: [programs.path])
    let builder = KitBuilder(
      exerciseDirectory: exercises.path, outputDirectory: root.appendingPathComponent("output").path)
    let clock = ContinuousClock()
    var report: BuildReport?
    let elapsed = clock.measure { report = builder.build(programFiles: files) }
    guard let report else { return }
    guard report.failedPrograms.isEmpty, !report.diagnostics.hasErrors else {
      for diagnostic in report.diagnostics.prefix(10) { print(diagnostic) }
      throw BenchmarkFailure(message: "the corpus did not build cleanly")
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let documents = report.documentCount
    let line = [
      pad(String(count), 8), pad(String(documents), 10), pad(String(format: "%.3f", seconds), 9),
      pad(String(format: "%.3f", seconds * 1000 / Double(documents)), 8),
      pad(String(format: "%.0f", Double(documents) / seconds), 8), pad(String(format: "%.1f", peakMemoryMB()), 13),
    ]
    print(line.joined(separator: " "))
    if rebuild {
      // A new builder, as a new process has: no exercise or series file cached.
      let again = KitBuilder(
        exerciseDirectory: exercises.path, outputDirectory: root.appendingPathComponent("output").path)
      var second: BuildReport?
      let time = clock.measure { second = again.build(programFiles: files) }
      let rebuilt = Double(time.components.seconds) + Double(time.components.attoseconds) / 1e18
      if let second {
        print(
          "  rebuild with nothing changed: \(String(format: "%.3f", rebuilt)) s, \(second.skippedCount) of "
            + "\(second.programCount) programs skipped, \(second.rewrittenCount) documents rewritten")
      }
    }
    if keep { print("  corpus and output kept in \(root.path)") }
  }

  /// Peak resident set size of this process so far (Linux reports kilobytes).
  static func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
  }

  static func usage(_ problem: String?) -> Never {
    if let problem { FileHandle.standardError.write(Data("error: \(problem)\n".utf8)) }
    print("usage: workshopkit-bench [--programs N]... [--keep] [--rebuild]")
    exit(problem == nil ? 0 : 2)
  }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
