import Foundation

/// A synthetic corpus: N valid programs of 10 agenda items and 4 exercises each, ten
/// meetings to a series folder, and a shared library of four exercises.
enum Corpus {
  static let exercises: [String: String] = [
    "bench-groups": """
    title: Gruppeøvelse – roller og kompetencer
    format: groups
    group-size: 3-5
    minutes: 30-45
    purpose: At finde de roller, vi tager i mødet med borgerne.
    invitation: Find sammen i grupper på tre til fem.
    materials: [Post-its, Tusser]
    steps:
      - ask: Hvilke elementer fra oplægget er særlig interessante for jeres projekt?
        minutes: 5
      - ask: Hvilke roller tager og tildeles I i mødet med borgerne?
        minutes: 15
      - ask: Hvilke kompetencer kræver rollerne?
      - do: Opsamling i plenum.
    """,
    "bench-pairs": """
    title: Refleksion i makkerpar
    format: pairs
    group-size: 2
    minutes: 20-30
    steps:
      - ask: Hvilke dimensioner genkender I?
        minutes: 8
      - ask: Hvad kan I gøre for at styrke én af dem?
    reference-title: Fire dimensioner
    reference:
      - { term: Dialog, explanation: Brugeren oplever ligeværdig samtale. }
      - { term: Kreativitet, explanation: Brugeren skaber noget nyt. }
      - { term: Fællesskab, explanation: Brugeren indgår i et fællesskab. }
      - { term: Indflydelse, explanation: Brugeren har indflydelse på indholdet. }
    """,
    "bench-brainstorm": """
    title: Guldet i nabolaget
    format: groups
    minutes: 25-40
    materials: [Flipover]
    steps:
      - do: Brainstorm i grupper.
      - ask: Hvem har vi i nærområdet, vi kunne tænke partnerskab med?
      - ask: Hvad kan vi som bibliotek tilbyde?
    """,
    "bench-next-steps": """
    title: Næste skridt – i makkerpar
    format: pairs
    minutes: 15-30
    follow-up: true
    scale: { label: Stadie, stages: [Glance, Date, Engagement, Marriage, Divorce] }
    steps:
      - ask: Hvad kunne være 1-2 handlinger, som vi afprøver inden næste møde?
      - ask: Hvordan skal dette forberedes?
      - ask: Hvem involverer det?
    """,
  ]

  static func program(series: Int, meeting: Int) -> String {
    let day = meeting + 1
    let next = day + 1
    return """
      title: "Forløb \(series) – samarbejder og brugerinvolvering"
      course: Fagligt udviklingsforløb
      meeting: \(meeting)
      date: 2013-04-\(day < 10 ? "0" : "")\(day)
      venue: Hovedbiblioteket, sal \(series % 7 + 1)
      facilitator: Facilitator \(series)
      day: 08.45-15.00
      next-meeting: 2013-04-\(next < 10 ? "0" : "")\(next)
      agenda:
        - { time: 08.45-09.00, kind: arrival, title: Kaffe og morgenbrød }
        - time: 09.00-10.00
          parts:
            - { kind: recap, title: Opsamling fra sidst, minutes: 15 }
            - { kind: talk, title: Inddragelse og medborgerskab, presenter: Oplægsholder \(meeting), minutes: 45 }
        - { time: 10.00-10.15, kind: break, title: Pause }
        - time: 10.15-11.30
          parts:
            - { kind: talk, title: Samarbejder på tværs, presenter: Gæst \(series), minutes: 40 }
            - { exercise: bench-groups, minutes: 35 }
        - { time: 11.30-12.15, kind: meal, title: Frokost }
        - time: 12.15-13.15
          parts:
            - { kind: talk, title: Brugerinvolvering, presenter: Gæst \(meeting), minutes: 35 }
            - { exercise: bench-pairs, minutes: 25 }
        - { time: 13.15-13.30, kind: break, title: Pause }
        - time: 13.30-14.30
          parts:
            - { kind: talk, title: Partnerskaber, presenter: Gæst \(series + meeting), minutes: 25 }
            - { exercise: bench-brainstorm, minutes: 35 }
        - { time: 14.30-14.40, kind: recap, title: Opsamling }
        - { time: 14.40-15.00, exercise: bench-next-steps }

      """
  }

  /// Writes the corpus under `root` and returns the program files.
  static func write(programs count: Int, to root: URL) throws -> (programs: URL, exercises: URL) {
    let programs = root.appendingPathComponent("programs")
    let exercises = root.appendingPathComponent("exercises")
    try FileManager.default.createDirectory(at: exercises, withIntermediateDirectories: true)
    for (id, text) in sortedExercises {
      try Data(text.utf8).write(to: exercises.appendingPathComponent("\(id).yaml"))
    }
    for index in 0..<count {
      let series = index / 10
      let meeting = index % 10 + 1
      let folder = programs.appendingPathComponent("series-\(String(series).leftPadded(5))")
      if meeting == 1 { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
      let day = meeting + 1
      let name = "2013-04-\(day < 10 ? "0" : "")\(day).yaml"
      try Data(program(series: series, meeting: meeting).utf8).write(to: folder.appendingPathComponent(name))
    }
    return (programs, exercises)
  }

  private static var sortedExercises: [(String, String)] { exercises.sorted { $0.key < $1.key } }
}

extension String {
  func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
