import ArgumentParser
import Foundation

/// Prints the kit's XHTML documents to PDF with headless Chromium.
struct PDFPrinter {
  let executable: String

  static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

  /// The first Chromium on PATH, or a clear error saying how to install one.
  static func locate() throws -> PDFPrinter {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for name in candidates {
      for folder in path.split(separator: ":") {
        let candidate = "\(folder)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return PDFPrinter(executable: candidate) }
      }
    }
    throw ValidationError(
      """
      --pdf needs headless Chromium, and none was found on PATH (looked for \(candidates.joined(separator: ", "))).
      Install it, e.g. on Debian or Ubuntu: sudo apt-get install chromium
      """)
  }

  /// What `print(_:under:force:progress:)` did.
  struct Printed {
    var printed = 0
    var upToDate = 0
  }

  /// Prints each document (relative to `folder`) to a .pdf beside it, two or more at once,
  /// skipping a PDF newer than its document unless `force`. `progress` hears each one done.
  func print(
    _ documents: [String], under folder: String, force: Bool, progress: @escaping (Int, Int) -> Void
  ) throws
    -> Printed
  {
    let base = URL(fileURLWithPath: folder)
    let jobs = documents.map { relative in
      let source = base.appendingPathComponent(relative).standardizedFileURL
      return (source, source.deletingPathExtension().appendingPathExtension("pdf"))
    }
    let pending = jobs.filter { force || !Self.isUpToDate($0.1, for: $0.0) }
    let state = PrintRun(progress)
    DispatchQueue.concurrentPerform(iterations: pending.count) { index in
      guard !state.hasFailed else { return }
      do {
        try printDocument(pending[index].0, to: pending[index].1)
        state.oneDone(of: pending.count)
      } catch {
        state.failed(error)
      }
    }
    if let failure = state.failure { throw failure }
    return Printed(printed: pending.count, upToDate: jobs.count - pending.count)
  }

  /// The documents printed so far and the first failure, for prints side by side.
  private final class PrintRun: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private(set) var failure: (any Error)?
    private let progress: (Int, Int) -> Void

    init(_ progress: @escaping (Int, Int) -> Void) {
      self.progress = progress
    }

    var hasFailed: Bool { lock.withLock { failure != nil } }

    /// One more done; `progress` hears it, one call at a time.
    func oneDone(of total: Int) {
      lock.withLock {
        done += 1
        progress(done, total)
      }
    }

    func failed(_ error: any Error) { lock.withLock { failure = failure ?? error } }
  }

  /// A PDF made after its document was last written: the kit rewrites a document only when
  /// its bytes change, so it is the PDF of what is there.
  static func isUpToDate(_ pdf: URL, for document: URL) -> Bool {
    guard let printed = modificationDate(pdf), let written = modificationDate(document) else { return false }
    return printed >= written
  }

  static func modificationDate(_ url: URL) -> Date? {
    (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
  }

  func printDocument(_ source: URL, to target: URL) throws {
    let temporary = target.deletingLastPathComponent()
      .appendingPathComponent(".\(target.lastPathComponent).\(getpid()).tmp")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
      "--run-all-compositor-stages-before-draw",
      "--print-to-pdf=\(temporary.path)", source.absoluteString,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: temporary.path) else {
      try? FileManager.default.removeItem(at: temporary)
      throw ValidationError("Chromium could not print \(source.path) (exit status \(process.terminationStatus))")
    }
    // Renamed over the target, so a PDF is never seen half written.
    guard rename(temporary.path, target.path) == 0 else {
      try? FileManager.default.removeItem(at: temporary)
      throw ValidationError("cannot write \(target.path): \(String(cString: strerror(errno)))")
    }
  }
}
