import Foundation

/// What one `build` run did.
public struct BuildReport: Sendable {
  /// Every finding, in file order, each once.
  public var diagnostics: [Diagnostic] = []
  public var programCount = 0
  public var builtCount = 0
  public var documentCount = 0
  /// Programs not rendered because of errors.
  public var failedPrograms: [String] = []

  /// `4 programs built, 12 documents written; 0 errors, 1 warning`.
  public var summary: String {
    func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    return "\(count(builtCount, "program")) of \(programCount) built, \(count(documentCount, "document")) written; "
      + "\(count(diagnostics.errorCount, "error")), \(count(diagnostics.warningCount, "warning"))"
  }
}

/// Check → recap → render → write, for a batch of program files in one process. Folders
/// are handled one at a time, so memory depends on the largest folder, not on the batch.
public final class KitBuilder {
  public let checker: Checker
  public let outputDirectory: String
  private var writer = AtomicFileWriter()

  public init(exerciseDirectory: String = "exercises", outputDirectory: String = "output") {
    self.checker = Checker(exerciseDirectory: exerciseDirectory)
    self.outputDirectory = outputDirectory
  }

  /// The kit for one program, as file names and bytes, without writing anything.
  public static func documents(for input: KitInput) -> [(name: String, bytes: [UInt8])] {
    [
      ("handout.xhtml", Handout.render(input).serialized()),
      ("facilitator.xhtml", RunSheet.render(input).serialized()),
      ("followup.xhtml", FollowUpTracker.render(input).serialized()),
      ("\(input.program.id).ics", Array(ICalendar.render(input.schedule).utf8)),
    ]
  }

  /// Builds every file; `progress` hears (programs done, total) after each program.
  public func build(programFiles files: [String], progress: ((Int, Int) -> Void)? = nil) -> BuildReport {
    var report = BuildReport()
    report.programCount = files.count
    var indexEntries: [KitIndex.Entry] = []
    var done = 0
    for folder in Self.groupedByFolder(files) {
      let checks = folder.files.map { checker.check(programAt: $0) }
      let recaps = RecapFinder(folder: folder.path, batch: checks, checker: checker)
      for check in checks {
        defer {
          done += 1
          progress?(done, files.count)
        }
        var diagnostics = check.diagnostics
        guard let schedule = check.schedule, !check.hasErrors, let program = check.program else {
          report.diagnostics += diagnostics
          report.failedPrograms.append(check.path)
          if let program = check.program {
            indexEntries.append(KitIndex.Entry(program: program, folder: Self.folder(of: program), built: false))
          }
          continue
        }
        let (recap, recapFindings) = recaps.recap(for: program)
        diagnostics += recapFindings
        report.diagnostics += diagnostics
        guard !recapFindings.hasErrors else {
          report.failedPrograms.append(check.path)
          indexEntries.append(KitIndex.Entry(program: program, folder: Self.folder(of: program), built: false))
          continue
        }
        let input = KitInput(
          schedule: schedule, warnings: diagnostics.filter { $0.severity == .warning }, recap: recap)
        let destination = outputDirectory + "/" + Self.folder(of: program)
        do {
          for document in Self.documents(for: input) {
            try writer.write(document.bytes, to: destination + "/" + document.name)
            report.documentCount += 1
          }
          report.builtCount += 1
          indexEntries.append(KitIndex.Entry(program: program, folder: Self.folder(of: program), built: true))
        } catch {
          report.diagnostics.append(Diagnostic(.readError, .error, at: .start(of: check.path), "\(error)"))
          report.failedPrograms.append(check.path)
        }
      }
    }
    if !indexEntries.isEmpty {
      do {
        try writer.write(KitIndex.render(indexEntries).serialized(), to: outputDirectory + "/index.xhtml")
        report.documentCount += 1
      } catch {
        report.diagnostics.append(
          Diagnostic(.readError, .error, at: .start(of: outputDirectory), "\(error)"))
      }
    }
    report.diagnostics = report.diagnostics.sortedUnique()
    return report
  }

  static func folder(of program: Program) -> String { program.series + "/" + program.id }

  static func groupedByFolder(_ files: [String]) -> [(path: String, files: [String])] {
    var order: [String] = []
    var groups: [String: [String]] = [:]
    for file in files {
      let folder = (file as NSString).deletingLastPathComponent
      if groups[folder] == nil { order.append(folder) }
      groups[folder, default: []].append(file)
    }
    return order.map { ($0, groups[$0] ?? []) }
  }
}
