import ArgumentParser
import Foundation
import WorkshopKit
import WorkshopKitStore

struct LinksCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "links",
    abstract: "Print each participant's personal link to a meeting's follow-up form.",
    discussion: """
      Reads the participants of the program's series (`participants:` in
      series.yaml) into the follow-up database and gives each one a link of their
      own to the meeting's follow-up form: <base-url>/f/<token>. The same link
      opens the meeting's evaluation (`evaluation:`) from the meeting's day; for a
      meeting with an evaluation but no follow-up exercise, such as a course's
      last, the link opens the evaluation alone. The token is 256
      random bits; the database keeps only its SHA-256, so a link can be shown only
      when it is issued. Prints one line per participant, `Name <email>` and the
      link, separated by a tab.

      Run it again after adding participants: those who already have a link are
      listed as issued before and keep it. --reissue gives everyone a new link, and
      the old links stop working; with --participant NAME (repeatable), only those
      named get one, e.g. for a lost slip. Links that point at 127.0.0.1 or
      localhost get a warning: a participant's phone cannot open them.

      --slips writes the links issued by this run as slips to print, and only
      those: a link cannot be shown again, so an existing slips file is never
      replaced (give a new file name each run), and a run that issues no new link
      writes none.

      The database is created when it does not exist (the default is in the course
      folder's output/).
      Exit status 1 when the program has errors, no participants, or neither a
      follow-up exercise nor an evaluation, or when the database cannot be used.

      Examples:
        workshopkit links programs/civilsamfundet/2013-04-18.yaml
        workshopkit links programs/civilsamfundet/2013-04-18.yaml \\
          --base-url https://kurs.example.org
        workshopkit links programs/civilsamfundet/2013-04-18.yaml --reissue \\
          --db /srv/workshopkit/followups.sqlite
        workshopkit links programs/cocreation-lab-en/2027-01-14.yaml \\
          --slips output/links.xhtml
        workshopkit links programs/civilsamfundet/2013-04-18.yaml --reissue \\
          --participant "Lone Bisgaard" --base-url https://kurs.example.org
      """
  )

  @Argument(
    help: ArgumentHelp("The program file of the meeting whose follow-up form the links open.", valueName: "program"))
  var path: String

  @Option(help: ArgumentHelp("Where the follow-up server is reached.", valueName: "url"))
  var baseURL = "http://127.0.0.1:8080"

  @OptionGroup var database: DatabaseOptions

  @Flag(help: "Give every participant (or those named with --participant) a new link; their old links stop working.")
  var reissue = false

  @Option(
    name: .customLong("participant"),
    help: ArgumentHelp(
      "Only this participant, by name as on the roster (repeat for more): a lost slip is reissued alone.",
      valueName: "name"))
  var onlyParticipants: [String] = []

  @Option(
    help: ArgumentHelp(
      "Also write the new links as printable slips, one per participant, to hand out with the handout.",
      valueName: "file.xhtml"))
  var slips: String?

  @OptionGroup var options: ProgramOptions

  func validate() throws {
    guard Self.isHTTPURL(baseURL) else {
      throw ValidationError("--base-url must be an http:// or https:// address, e.g. https://kurs.example.org")
    }
  }

  func run() throws {
    // The slips file is claimed before any link is issued: one that exists holds links that
    // cannot be shown again, and one that cannot be written would lose the new ones.
    var slipsWritten = false
    if let slips {
      let descriptor = open(slips, O_CREAT | O_EXCL | O_WRONLY, 0o644)
      guard descriptor >= 0 else {
        let reason = errno
        Terminal.printError(
          reason == EEXIST
            ? "error: \(slips) exists, and the links on its slips cannot be shown again; give --slips a new file "
              + "(such as \(Self.nextFree(slips))), or delete \(slips) first if its slips are no longer needed"
            : "error: cannot write the slips to \(slips): \(String(cString: strerror(reason)))")
        throw ExitCode(1)
      }
      close(descriptor)
    }
    defer {
      // Claimed but not written (an error on the way, or no new link): not left behind empty.
      if let slips, !slipsWritten { try? FileManager.default.removeItem(atPath: slips) }
    }
    let loaded = try FollowUpProgram.load(
      path, options: options, requireNoErrors: true, orEvaluation: true, for: "links")
    let program = loaded.program
    guard !program.participants.isEmpty else {
      let folder = PathText.folder(of: program.file)
      let seriesFile = folder.isEmpty ? "series.yaml" : folder + (folder.hasSuffix("/") ? "" : "/") + "series.yaml"
      Terminal.printError(
        "error: \(program.file) has no participants; list them under `participants:` in \(seriesFile)")
      throw ExitCode(1)
    }
    let store = try database.openOrCreate(near: [program.file])
    let issued: [IssuedLink]
    var participants: [StoredParticipant]
    do {
      participants = try store.syncParticipants(series: program.series, program.participants)
    } catch {
      throw DatabaseOptions.fail(error)
    }
    if !onlyParticipants.isEmpty { participants = try Self.named(onlyParticipants, in: participants) }
    do {
      issued = try store.issueLinks(
        series: program.series, program: program.id, for: participants, reissue: reissue)
    } catch {
      throw DatabaseOptions.fail(error)
    }
    let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    for link in issued {
      let person = link.participant.email.map { "\(link.participant.name) <\($0)>" } ?? link.participant.name
      if let token = link.token {
        print("\(person)\t\(base)/f/\(token)")
      } else {
        print(
          "\(person)\tissued before; run again with --reissue to give everyone a new link, or add --participant "
            + "NAME for one (old links stop working)")
      }
    }
    let closed = Self.closed(program, exerciseDirectory: options.exerciseDirectory(near: [path]), now: Date())
    let fresh = issued.count { $0.token != nil }
    if fresh > 0, Self.isLoopback(base) {
      Terminal.printError(
        "warning: the links point at \(base), which only this computer can open; participants' phones "
          + "cannot. Pass --base-url with the server's address as participants reach it, then --reissue")
    }
    if let slips, fresh == 0 {
      Terminal.printError("no new links, so no slips written to \(slips)")
    } else if let slips {
      let cards = issued.compactMap { link -> LinkSlips.Slip? in
        link.token.map {
          LinkSlips.Slip(
            name: link.participant.name, organisation: link.participant.organisation, url: "\(base)/f/\($0)")
        }
      }
      var writer = AtomicFileWriter()
      do {
        try writer.write(
          LinkSlips.render(program, exerciseTitle: loaded.exercise?.title, slips: cards, closed: closed != nil)
            .serialized(), to: slips)
      } catch {
        Terminal.printError("error: \(error)")
        throw ExitCode(1)
      }
      slipsWritten = true
      Terminal.printError("\(cards.count) slip\(cards.count == 1 ? "" : "s") written to \(slips)")
    }
    Terminal.printError(
      "\(fresh) new link\(fresh == 1 ? "" : "s"), \(issued.count - fresh) issued before, "
        + "for \(program.series)/\(program.id) in \(database.resolvedPath(near: [program.file]))")
    if let closed {
      Terminal.printError(
        "warning: the follow-up form of \(program.series)/\(program.id) closed \(closed); "
          + "the links open it read-only")
    }
  }

  /// `links.xhtml` → `links-2.xhtml`, or the first number after it that is free.
  static func nextFree(_ path: String) -> String {
    let name = PathText.name(of: path)
    let folder = path.hasSuffix(name) ? String(path.dropLast(name.count)) : ""
    let dot = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : $0 } ?? name.endIndex
    for number in 2...999 {
      let candidate = folder + name[..<dot] + "-\(number)" + name[dot...]
      if !FileManager.default.fileExists(atPath: candidate) { return candidate }
    }
    return path
  }

  /// The roster's participants named, each by exact name; a name not on it is an error with
  /// the name meant, when one is close.
  static func named(_ names: [String], in participants: [StoredParticipant]) throws -> [StoredParticipant] {
    try names.map { name in
      guard let found = participants.first(where: { $0.name == name }) else {
        let meant = Suggestion.personPhrase(for: name, in: participants.map(\.name))
        throw ValidationError("--participant: \"\(name)\" is not on the roster\(meant)")
      }
      return found
    }
  }

  /// A base address only this computer reaches: 127.0.0.1, localhost, ::1.
  static func isLoopback(_ url: String) -> Bool {
    guard let host = URLComponents(string: url)?.host?.lowercased() else { return false }
    return host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
  }

  /// When the meeting's follow-up form closed, in words, if it has by `now`: when the next
  /// meeting began, where its program is in the series folder, else when its day began.
  static func closed(_ program: Program, exerciseDirectory: String, now: Date) -> String? {
    guard let next = program.nextMeeting?.value else { return nil }
    let zone = TimeZone(identifier: program.timeZone) ?? .gmt
    guard let dayBegan = program.followUpClosesAt(nextStart: nil, zone: zone), now >= dayBegan else { return nil }
    // On the next meeting's day or after it: its start decides.
    let checker = Checker(exerciseDirectory: exerciseDirectory)
    let folder = PathText.folder(of: program.file)
    let siblings = (try? ProgramDiscovery.programFiles(in: [folder.isEmpty ? "." : folder])) ?? []
    let nextFile = siblings.first { checker.loader.load(programAt: $0).program?.date.value == next }
    guard let start = nextFile.flatMap({ checker.check(programAt: $0).schedule?.opening }) else {
      return "when \(DateText.long(next, .en)) began, the day of the next meeting"
    }
    guard let closes = program.followUpClosesAt(nextStart: start, zone: zone), now >= closes else { return nil }
    return "when the next meeting began, \(DateText.long(next, .en)) at \(start.formatted(.en))"
  }

  static func isHTTPURL(_ text: String) -> Bool {
    guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
    else { return false }
    return (scheme == "http" || scheme == "https") && url.query == nil && url.fragment == nil
  }
}
