import Foundation

/// Writes files so that a reader, or a build that is interrupted, never sees half of one:
/// the bytes go to a temporary file in the same folder, which is then renamed over the
/// target. No fsync: the promise is "no truncated file after a crash of the build", and
/// a sync per document would cost more than rendering it.
public struct AtomicFileWriter {
  public struct WriteError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
  }

  private var createdFolders = Set<String>()
  private var counter = 0

  public init() {}

  /// Writes `bytes` unless the file already holds exactly them, so an unchanged document
  /// keeps its modification time. Returns whether the file was written.
  @discardableResult
  public mutating func writeIfChanged(_ bytes: [UInt8], to path: String) throws(WriteError) -> Bool {
    if Self.holds(bytes, path) { return false }
    try write(bytes, to: path)
    return true
  }

  /// Whether the file at `path` is a regular file with exactly these bytes.
  static func holds(_ bytes: [UInt8], _ path: String) -> Bool {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) == bytes.count
    else { return false }
    var existing = [UInt8](repeating: 0, count: bytes.count + 1)
    var filled = 0
    while filled < existing.count {
      let result = existing.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
      if result < 0 && errno == EINTR { continue }
      guard result > 0 else { break }
      filled += result
    }
    return filled == bytes.count && existing.prefix(filled).elementsEqual(bytes)
  }

  /// The folder and the file name of `path`, split at its last slash: "" for a name
  /// alone, "/" for a file at the root. Plain bytes, where NSString's path methods would
  /// cost as much as writing a small document.
  static func split(_ path: String) -> (folder: String, name: String) {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return ("", path) }
    let folder = slash == path.startIndex ? "/" : String(path[..<slash])
    return (folder, String(path[path.utf8.index(after: slash)...]))
  }

  public mutating func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
    let (folder, name) = Self.split(path)
    if !folder.isEmpty && !createdFolders.contains(folder) {
      do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      } catch {
        throw WriteError(path: path, reason: "the folder \(folder) cannot be created")
      }
      createdFolders.insert(folder)
    }
    counter += 1
    let temporary =
      "\(folder.isEmpty ? "." : folder)/.\(name).\(getpid()).\(counter).tmp"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    var written = 0
    let failure: String? = bytes.withUnsafeBytes { buffer in
      while written < buffer.count {
        let result = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
        if result < 0 {
          if errno == EINTR { continue }
          return String(cString: strerror(errno))
        }
        written += result
      }
      return nil
    }
    let closed = close(descriptor) == 0
    guard failure == nil, closed else {
      unlink(temporary)
      throw WriteError(path: path, reason: failure ?? "the file could not be closed")
    }
    guard rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw WriteError(path: path, reason: reason)
    }
  }
}
