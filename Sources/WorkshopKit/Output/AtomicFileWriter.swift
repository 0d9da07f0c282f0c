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

  /// The folders made sure of, each with whether this writer created it: in a folder it
  /// created there is no file but its own, so `writeIfChanged` compares nothing there (a
  /// clean build into a new folder would otherwise try to open every document first).
  private var folders: [String: Bool] = [:]
  private var counter = 0
  private static let processID = getpid()

  public init() {}

  /// Writes `bytes` unless the file already holds exactly them, so an unchanged document
  /// keeps its modification time. Returns whether the file was written.
  @discardableResult
  public mutating func writeIfChanged(_ bytes: [UInt8], to path: String) throws(WriteError) -> Bool {
    let (folder, name) = PathText.split(path)
    let created = try makeFolder(folder, for: path)
    if !created && Self.holds(bytes, path) { return false }
    try write(bytes, to: path, folder: folder, name: name)
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
  public mutating func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
    let (folder, name) = PathText.split(path)
    try makeFolder(folder, for: path)
    try write(bytes, to: path, folder: folder, name: name)
  }

  /// Creates `folder` and the folders above it where missing; whether this writer created
  /// it, rather than finding it.
  @discardableResult
  private mutating func makeFolder(_ folder: String, for path: String) throws(WriteError) -> Bool {
    guard !folder.isEmpty else { return false }
    if let created = folders[folder] { return created }
    guard let created = Self.makeFolder(folder) else {
      throw WriteError(path: path, reason: "the folder \(folder) cannot be created")
    }
    folders[folder] = created
    return created
  }

  /// `mkdir -p` with plain calls: true when the folder was created now, false when it was
  /// there already, nil when it cannot be made (or a file has its name).
  static func makeFolder(_ folder: String) -> Bool? {
    if mkdir(folder, 0o755) == 0 { return true }
    switch errno {
    case EEXIST:
      return isFolder(folder) ? false : nil
    case ENOENT:
      let parent = PathText.split(folder).folder
      guard !parent.isEmpty, parent != folder, makeFolder(parent) != nil else { return nil }
      if mkdir(folder, 0o755) == 0 { return true }
      // Made meanwhile by another writer: there now, so not created here.
      return errno == EEXIST && isFolder(folder) ? false : nil
    default:
      return nil
    }
  }

  private static func isFolder(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
  }

  private mutating func write(_ bytes: [UInt8], to path: String, folder: String, name: String) throws(WriteError) {
    counter += 1
    let temporary =
      "\(folder.isEmpty ? "." : folder)/.\(name).\(Self.processID).\(counter).tmp"
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
