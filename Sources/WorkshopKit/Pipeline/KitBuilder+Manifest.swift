import Foundation

extension KitBuilder {
  /// Whether every file a folder's last build wrote is still there with its size; a file
  /// removed or edited by hand makes the folder build again.
  func outputsAreIntact(_ folder: BuildManifest.Folder) -> Bool {
    folder.outputs.values.allSatisfy { files in
      files.allSatisfy { relative, size in
        var status = stat()
        return stat(outputDirectory + "/" + relative, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
          && Int(status.st_size) == size
      }
    }
  }

  /// The files of the folder's last build to leave alone, by program file: those of a
  /// program outside the batch whose file still exists, and, except with `clean`, the last
  /// good documents of a program that has errors now (a clean build would not have them).
  func keptOutputs(_ previous: BuildManifest.Folder?, batch: Set<String>, built: Set<String>) -> [String: [String]] {
    guard let previous else { return [:] }
    var files: [String: Set<String>] = [:]
    for (program, written) in previous.outputs where !program.isEmpty {
      files[program, default: []].formUnion(written.keys)
    }
    for (program, kept) in previous.keptOutputs { files[program, default: []].formUnion(kept) }
    var kept: [String: [String]] = [:]
    for (program, names) in files where !built.contains(program) {
      let keep =
        batch.contains(program) ? !clean : FileManager.default.fileExists(atPath: program)
      if keep { kept[program] = names.sorted() }
    }
    return kept
  }

  /// Carries over the folders of the last build that are outside this batch and still have
  /// programs.
  func adoptFolders(of previous: BuildManifest, into manifest: inout BuildManifest) {
    let claimed = manifest.allOutputs
    for (path, folder) in previous.folders where manifest.folders[path] == nil {
      let files = folder.outputs.values.flatMap(\.keys) + folder.keptOutputs.values.flatMap { $0 }
      // Another folder of the same name now writes these files: this record is stale.
      guard !files.contains(where: claimed.contains) else { continue }
      let programs = (try? ProgramDiscovery.programFiles(in: [path.isEmpty ? "." : path])) ?? []
      if programs.contains(where: { PathText.folder(of: $0) == path }) {
        manifest.folders[path] = folder
      }
    }
  }

  /// Removes the files no build produces any more (`adoptFolders` has run), and writes the
  /// manifest.
  func finish(_ manifest: inout BuildManifest, previous: BuildManifest?, into report: inout BuildReport) {
    if let previous {
      let stale = previous.allOutputs.subtracting(manifest.allOutputs).subtracting(["index.xhtml"])
      for relative in stale.sorted() { remove(relative, into: &report) }
    }
    // Unchanged (a rebuild with nothing to do): the file already says this.
    if !clean, let previous, previous == manifest { return }
    do {
      try manifest.write(to: outputDirectory)
    } catch {
      report.diagnostics.append(
        Diagnostic(
          .writeError, .warning, at: .start(of: outputDirectory),
          "\(error); the next build cannot tell what changed and builds everything again"))
    }
  }

  /// Removes a file of an earlier build, and its folders up to the output folder once empty.
  private func remove(_ relative: String, into report: inout BuildReport) {
    let path = outputDirectory + "/" + relative
    guard unlink(path) == 0 else { return }
    report.removedCount += 1
    var folder = PathText.folder(of: relative)
    while !folder.isEmpty, rmdir(outputDirectory + "/" + folder) == 0 {
      folder = PathText.folder(of: folder)
    }
  }
}

extension BuildManifest.Folder {
  /// The XHTML documents of the batch's programs and the course report, in order: what
  /// `build --pdf` prints. A meeting without a follow-up exercise has a follow-up form and
  /// tracker that only say so; the index leaves them out, and so does the printer.
  func printableDocuments(of batch: Set<String>) -> [String] {
    let withoutFollowUp = Set(index.filter { !$0.hasFollowUp }.map(\.file))
    return outputs.filter { $0.key.isEmpty || batch.contains($0.key) }.flatMap { file, documents in
      documents.keys.filter { path in
        guard path.hasSuffix(".xhtml") else { return false }
        guard withoutFollowUp.contains(file) else { return true }
        return !["followup.xhtml", "tracker.xhtml"].contains(PathText.name(of: path))
      }
    }.sorted()
  }

  /// The folder's index rows, a program with errors given the documents its last good
  /// build left (`keptOutputs`), which the index still links to.
  var indexWithKeptDocuments: [KitIndex.Entry] {
    index.map { entry in
      guard !entry.built, let kept = keptOutputs[entry.file] else { return entry }
      let prefix = entry.folder + "/"
      var entry = entry
      entry.keptDocuments = kept.compactMap { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : nil }
      return entry
    }
  }
}
