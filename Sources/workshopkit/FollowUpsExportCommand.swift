import ArgumentParser
import WorkshopKit
import WorkshopKitStore

struct FollowUpsExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write a meeting's follow-up answers from the database as CSV.",
    discussion: """
      One row per participant who answered, by name: name, pair, organisation,
      status, stage, source (online or paper), updated (UTC), then one column per
      question of the follow-up form. RFC 4180 CSV with CRLF line ends; a cell that
      a spreadsheet would read as a formula (starting with =, +, - or @) is prefixed
      with '. Written to standard output unless --output names a file (replaced
      atomically).

      Examples:
        workshopkit followups export programs/civilsamfundet/2013-04-18.yaml
        workshopkit followups export programs/civilsamfundet/2013-04-18.yaml \\
          --output svar.csv
      """
  )

  @Argument(
    help: ArgumentHelp("The program file of the meeting whose follow-up answers to export.", valueName: "program"))
  var path: String

  @OptionGroup var database: DatabaseOptions

  @Option(name: .customLong("output"), help: ArgumentHelp("The CSV file to write.", valueName: "file"))
  var outputFile: String?

  @OptionGroup var options: ProgramOptions

  func run() throws {
    let loaded = try FollowUpProgram.load(path, options: options, requireNoErrors: false, for: "followups export")
    // Without `orEvaluation`, a program without a follow-up exercise has stopped above.
    guard let exercise = loaded.exercise else { throw ExitCode(1) }
    let store = try database.openExisting(near: [path])
    let csv: String
    do {
      csv = try store.csv(
        series: loaded.program.series, program: loaded.program.id,
        questions: exercise.questions.map(\.text) + exercise.reportQuestions(loaded.program.language))
    } catch {
      throw DatabaseOptions.fail(error)
    }
    let rows = Self.records(in: csv) - 1
    let meeting = "\(loaded.program.series)/\(loaded.program.id)"
    guard let outputFile else {
      print(csv, terminator: "")
      if rows == 0 { Terminal.printError("no answers yet for \(meeting): the header row alone") }
      return
    }
    var writer = AtomicFileWriter()
    do {
      try writer.write(Array(csv.utf8), to: outputFile)
    } catch {
      Terminal.printError("error: \(error)")
      throw ExitCode(1)
    }
    Terminal.printError(
      rows == 0
        ? "no answers yet for \(meeting): \(outputFile) holds the header row alone"
        : "\(rows) answer\(rows == 1 ? "" : "s") for \(meeting) written to \(outputFile)")
  }

  /// The records of a CSV text: its line breaks outside quoted fields, which may hold some.
  static func records(in csv: String) -> Int {
    var quoted = false
    var count = 0
    for byte in csv.utf8 {
      if byte == UInt8(ascii: "\"") { quoted.toggle() } else if byte == UInt8(ascii: "\n"), !quoted { count += 1 }
    }
    return count
  }
}
