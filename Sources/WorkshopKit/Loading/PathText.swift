/// A path's folder and name, as `NSString`'s `deletingLastPathComponent` and
/// `lastPathComponent` give them: `a/b` and `c.yaml` for `a/b/c.yaml`, after doubled
/// slashes are made one and a trailing slash is dropped.
///
/// Worked out here on the bytes instead: Foundation first rewrites every path to fix its
/// slashes, which costs more than the rest of what a build does with a path, and the
/// Foundation of Swift 6.3 on Linux stops the process when that leaves one character that
/// is not a slash (`a`, `a/`, `./`): a series folder with a one-letter name.
public enum PathText {
  /// `a/b` for `a/b/c.yaml`, `/` for `/c.yaml`, empty for `c.yaml` and `c/`.
  public static func folder(of path: String) -> String { split(tidied(path)).folder }

  /// `c.yaml` for `a/b/c.yaml` and for `c.yaml/`; `/` for `/`.
  public static func name(of path: String) -> String {
    let path = tidied(path)
    return path == "/" ? path : split(path).name
  }

  /// A path as written, split at its last slash: `("a/b", "c.yaml")`, `("/", "c.yaml")` for
  /// `/c.yaml`, `("", "c.yaml")` for `c.yaml`, `("a", "")` for `a/`.
  static func split(_ path: String) -> (folder: String, name: String) {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return ("", path) }
    let folder = slash == path.startIndex ? "/" : String(path[..<slash])
    return (folder, String(path[path.utf8.index(after: slash)...]))
  }

  /// Runs of slashes made one, and a trailing slash dropped unless the path is `/`.
  static func tidied(_ path: String) -> String {
    let bytes = path.utf8
    var tidy = true
    var previous: UInt8 = 0
    for byte in bytes {
      if byte == UInt8(ascii: "/"), previous == byte {
        tidy = false
        break
      }
      previous = byte
    }
    if tidy, bytes.count <= 1 || bytes.last != UInt8(ascii: "/") { return path }
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count)
    for byte in bytes where byte != UInt8(ascii: "/") || result.last != byte { result.append(byte) }
    if result.count > 1, result.last == UInt8(ascii: "/") { result.removeLast() }
    return String(decoding: result, as: UTF8.self)
  }
}
