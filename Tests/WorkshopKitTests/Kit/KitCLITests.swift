import Foundation
import Testing

/// The kit tests run the binary through the suite's shared runner.
typealias KitCLI = CLI

/// `workshopkit build` end to end.
@Suite(.timeLimit(.minutes(1))) struct KitCLITests {
  @Test func findsTheBinary() {
    #expect(KitCLI.binary != nil, "looked beside \(Bundle.main.bundleURL.path) and in .build/debug")
  }

  @Test func buildingTheSamplesExitsZero() throws {
    let output = try KitScratch()
    let result = try KitCLI.run(["build", "--output", output.url.path], in: KitRepo.root)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    let programs = try KitSamples.allProgramFiles().count
    let series = Set(try KitSamples.allProgramFiles().map { ($0 as NSString).deletingLastPathComponent }).count
    let documents = programs * 10 + 1 + series
    #expect(
      result.stdout
        == "\(programs) programs of \(programs) built, \(documents) documents written; 0 errors, 0 warnings into \(output.url.path)/\n"
    )
    #expect(result.stderr == "")
    // The documents; the manifest the next build compares its inputs with is not one.
    let files = output.files().filter { $0 != ".workshopkit-manifest.json" }
    #expect(files.count == documents)
    #expect(files.contains("civilsamfundet/2013-04-18/handout.xhtml"))
    #expect(files.contains("civilsamfundet/2013-06-03/handout.xhtml"))
  }

  @Test func aProgramWithErrorsMakesTheBuildExitOne() throws {
    let scratch = try KitScratch()
    try scratch.write("programs/blandet/2024-05-01.yaml", KitBuildTests.goodProgram)
    try scratch.write("programs/blandet/2024-05-02.yaml", KitBuildTests.brokenProgram)
    let result = try KitCLI.run(
      ["build", "programs", "--exercises", KitRepo.exercises.path, "--output", "out"], in: scratch.url)
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("programs/blandet/2024-05-02.yaml:") && $0.contains("error: [missing-key]") })
    #expect(!lines.contains { $0.contains("2024-05-01.yaml") })
    #expect(lines.dropLast().last == "not built, for the errors above: programs/blandet/2024-05-02.yaml")
    #expect(lines.last == "1 program of 2 built, 10 documents written; 1 error, 0 warnings into out/")
    #expect(FileManager.default.fileExists(atPath: scratch.path("out/blandet/2024-05-01/handout.xhtml").path))
    #expect(!FileManager.default.fileExists(atPath: scratch.path("out/blandet/2024-05-02").path))
  }

  @Test func onlyWarningsStillExitZero() throws {
    let scratch = try KitScratch()
    try scratch.write(
      "programs/kort/2024-02-01.yaml",
      """
      title: Testdag
      date: 2024-02-01
      agenda:
        - time: 09.00-09.30
          kind: plenary
          title: Velkomst
        - time: 09.30-09.35
          kind: break
          title: Pause
        - time: 09.35-10.00
          kind: talk
          title: Oplæg

      """)
    let result = try KitCLI.run(
      ["build", "programs", "--exercises", KitRepo.exercises.path, "--output", "out"], in: scratch.url)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.contains("warning: [break-length]"))
  }

  @Test func pdfWithoutChromiumSaysHowToInstallIt() throws {
    let scratch = try KitScratch()
    let emptyBin = scratch.path("bin")
    try FileManager.default.createDirectory(at: emptyBin, withIntermediateDirectories: true)
    let result = try KitCLI.run(
      ["build", "programs/civilsamfundet/2013-04-18.yaml", "--pdf", "--output", scratch.path("out").path],
      in: KitRepo.root, path: emptyBin.path)
    #expect(result.status != 0)
    let message = result.stdout + result.stderr
    #expect(message.contains("Chromium"), "\(message)")
    #expect(message.contains("apt-get install chromium"), "\(message)")
    #expect(scratch.files(under: "out").isEmpty, "nothing is built when --pdf cannot work")
  }

  /// `--pdf` prints the documents of the programs built and their course report, not
  /// everything in the output folder, and keeps a PDF newer than its document; `--clean`
  /// prints them all again. A stand-in Chromium writes each PDF and logs what it printed.
  @Test func pdfPrintsThisBuildsDocumentsAndKeepsThoseUpToDate() throws {
    let scratch = try KitScratch()
    let bin = scratch.path("bin")
    let chromium = try scratch.write(
      "bin/chromium",
      """
      #!/bin/sh
      for argument in "$@"; do
        case "$argument" in --print-to-pdf=*) target="${argument#--print-to-pdf=}" ;; esac
        source="$argument"
      done
      echo "$source" >> "$(dirname "$0")/printed.log"
      echo "$source" > "$target"

      """)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: chromium.path)
    let out = scratch.path("out").path
    let everything = try KitCLI.run(["build", "--output", out], in: KitRepo.root)
    #expect(everything.status == 0, "\(everything.stdout)\(everything.stderr)")
    let path = bin.path + ":/usr/bin:/bin"
    let build = ["build", "programs/civilsamfundet/2013-04-18.yaml", "--pdf", "--output", out]
    let first = try KitCLI.run(build, in: KitRepo.root, path: path)
    #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
    let pdfs = scratch.files(under: "out").filter { $0.hasSuffix(".pdf") }
    let meeting = scratch.files(under: "out/civilsamfundet/2013-04-18").filter { $0.hasSuffix(".xhtml") }
    #expect(
      Set(pdfs)
        == Set(meeting.map { "civilsamfundet/2013-04-18/" + $0.dropLast(6) + ".pdf" } + ["civilsamfundet/course.pdf"]))
    #expect(first.stdout.contains("printing \(pdfs.count) documents of this build to PDF with \(chromium.path)…\n"))
    #expect(first.stdout.hasSuffix("\(pdfs.count) PDF files printed\n"), "\(first.stdout)")
    let handout = try String(contentsOf: scratch.path("out/civilsamfundet/2013-04-18/handout.pdf"), encoding: .utf8)
    #expect(handout.hasPrefix("file://") && handout.contains("/civilsamfundet/2013-04-18/handout.xhtml"))

    let again = try KitCLI.run(build, in: KitRepo.root, path: path)
    #expect(again.stdout.hasSuffix("0 PDF files printed (\(pdfs.count) already up to date)\n"), "\(again.stdout)")
    let log = { (try? String(contentsOf: bin.appendingPathComponent("printed.log"), encoding: .utf8)) ?? "" }
    #expect(log().split(separator: "\n").count == pdfs.count)

    let clean = try KitCLI.run(build + ["--clean"], in: KitRepo.root, path: path)
    #expect(clean.stdout.hasSuffix("\(pdfs.count) PDF files printed\n"), "\(clean.stdout)")
    #expect(log().split(separator: "\n").count == 2 * pdfs.count)
  }
}
