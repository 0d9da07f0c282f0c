import Foundation
import Testing

@testable import WorkshopKit

/// Which files below a folder are programs: the walk reads the folders itself.
@Suite struct ProgramDiscoveryTests {
  @Test func findsProgramsBelowAFolderAndLeavesTheRestOut() throws {
    let folder = try TemporaryFolder()
    for name in [
      "a/one.yaml", "a/two.yml", "a/series.yaml", "a/notes.txt", "a/followups/one.yaml",
      "a/attendance/one.yaml", "a/evaluations/one.yaml", "a/.hidden/one.yaml", "a/.draft.yaml",
      "b/deeper/three.yaml", "top.yaml", "series.yml",
    ] {
      try folder.write(name, "title: x\n")
    }
    // A folder named like a program is not one; the files in it are.
    try FileManager.default.createDirectory(
      at: folder.url.appendingPathComponent("c/folder.yaml"), withIntermediateDirectories: true)
    try folder.write("c/folder.yaml/four.yaml", "title: x\n")
    // A link to a file is a file; a link to a folder is not followed.
    try FileManager.default.createSymbolicLink(
      atPath: folder.url.appendingPathComponent("linked.yaml").path,
      withDestinationPath: folder.url.appendingPathComponent("top.yaml").path)
    try FileManager.default.createSymbolicLink(
      atPath: folder.url.appendingPathComponent("elsewhere").path,
      withDestinationPath: folder.url.appendingPathComponent("b").path)

    let base = folder.url.path
    let found = try ProgramDiscovery.programFiles(in: [base + "/"])
    #expect(
      found
        == [
          "a/one.yaml", "a/two.yml", "b/deeper/three.yaml", "c/folder.yaml/four.yaml", "linked.yaml", "top.yaml",
        ].map { base + "/" + $0 })
  }

  @Test func aFileGivenByPathIsTakenAsItIsAndOnce() throws {
    let folder = try TemporaryFolder()
    let file = try folder.write("p/series.yaml", "title: x\n").path
    #expect(try ProgramDiscovery.programFiles(in: [file, file]) == [file])
    #expect(throws: ProgramDiscovery.MissingPath.self) {
      try ProgramDiscovery.programFiles(in: [folder.url.path + "/absent"])
    }
  }
}

/// `ProgramLoader.place(of:)` works out a program's folder once per folder as written: what
/// it gives is what Foundation's file URLs give for each path, the first time and from the
/// cache, for folders written in several ways.
@Suite struct ProgramPlaceTests {
  @Test func theFolderAndNameAreFoundationsForEverySpelling() throws {
    let folder = try TemporaryFolder()
    for name in ["course/one.yaml", "course/two.yml", "course/sub/three.yaml", "top.yaml"] {
      try folder.write(name, "title: x\n")
    }
    let base = folder.url.path
    let relative = "Tests/../" + "Tests/WorkshopKitTests/Fixtures"
    let paths =
      [
        "/course/one.yaml", "/course/two.yml", "/course//one.yaml", "/course/./two.yml", "/course/sub/../one.yaml",
        "/course/sub/three.yaml", "/top.yaml", "//top.yaml", "/course/", "/course/.", "/course/sub/..",
      ].map { base + $0 } + ["one.yaml", "./one.yaml", relative + "/x.yaml", relative + "/", "/one.yaml"]
    let loader = ProgramLoader(exerciseDirectory: base)
    for round in 1...2 {
      for path in paths {
        let url = URL(fileURLWithPath: path)
        let place = loader.place(of: path)
        let context = "\(path), round \(round)"
        #expect(place.fileName == url.lastPathComponent, "\(context)")
        #expect(place.folder.path == url.deletingLastPathComponent().path, "\(context)")
        #expect(place.folder.name == url.deletingLastPathComponent().lastPathComponent, "\(context)")
        // NSString's own answer is not asked for: with a doubled slash it may stop the process.
        let display = PathText.folder(of: path)
        #expect(place.folder.display == (display.isEmpty ? "." : display), "\(context)")
      }
    }
  }
}

/// `PathText` gives NSString's answers for a path's folder and name, for every path built
/// from awkward pieces, and answers where this toolchain's Foundation stops the process
/// (one letter; doubled slashes) as Apple's Foundation answers.
@Suite struct PathTextTests {
  @Test func folderAndNameAreFoundations() {
    let pieces = ["", "/", "//", "a", "ab", "ø", ".", "..", "c.yaml", " ", "🙂"]
    var paths: [String] = []
    for a in pieces {
      for b in pieces {
        for c in pieces { paths.append(a + b + c) }
      }
    }
    paths += ["/a/b/c.yaml", "a/b/c.yaml", "a//b/c.yaml", "a/b/", "/", "///", "/a", "./a", "a/./b", "a///b//"]
    var compared = 0
    for path in paths {
      // This toolchain's Foundation stops the process for a path that is one character once
      // tidied (`/` aside) and for many with a doubled slash: those are checked below.
      let tidy = PathText.tidied(path)
      guard tidy.count != 1 || tidy == "/", !path.contains("//") else { continue }
      #expect(PathText.folder(of: path) == (path as NSString).deletingLastPathComponent, "\(path)")
      #expect(PathText.name(of: path) == (path as NSString).lastPathComponent, "\(path)")
      compared += 1
    }
    #expect(compared > 500)
  }

  @Test func oneCharacterPathsHaveAFolderAndAName() {
    for (path, folder, name) in [
      ("a", "", "a"), ("a/", "", "a"), ("a//", "", "a"), ("./", "", "."), (".", "", "."), ("ø", "", "ø"),
      ("/", "/", "/"), ("//", "/", "/"), ("", "", ""), ("/a", "/", "a"), ("x/a", "x", "a"),
      ("a//b", "a", "b"), ("a//b//", "a", "b"), ("//a", "/", "a"), ("a///b/c", "a/b", "c"),
      ("ø//c.yaml", "ø", "c.yaml"),
    ] {
      #expect(PathText.folder(of: path) == folder, "\(path)")
      #expect(PathText.name(of: path) == name, "\(path)")
    }
  }
}
