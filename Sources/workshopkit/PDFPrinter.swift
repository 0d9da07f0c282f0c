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

  /// Prints every .xhtml below `folder` but the index next to it as .pdf; returns the count.
  func printAll(under folder: String) throws -> Int {
    guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return 0 }
    var count = 0
    while let relative = enumerator.nextObject() as? String {
      guard relative.hasSuffix(".xhtml"), relative != "index.xhtml" else { continue }
      let source = URL(fileURLWithPath: folder).appendingPathComponent(relative).standardizedFileURL
      let target = source.deletingPathExtension().appendingPathExtension("pdf")
      try printDocument(source, to: target)
      count += 1
    }
    return count
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
