/// "Did you mean" suggestions for mistyped keys, values and exercise ids.
public enum Suggestion {
  /// The candidate closest to `word`, if it is close enough to be a likely typo.
  public static func closest<S: Sequence>(to word: String, in candidates: S) -> String?
  where S.Element == String {
    // A key written in Danish ("spørg" for "ask"), or by another English word ("question"),
    // is the key it means.
    let lowered = word.lowercased()
    if let key = danishKeys[lowered] ?? danishKeysInASCII[lowered] ?? otherEnglishKeys[lowered],
      candidates.contains(key)
    {
      return key
    }
    let target = Array(word.lowercased())
    guard !target.isEmpty, target.count <= 200 else { return nil }
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(target, Array(candidate.lowercased()))
      if distance < (best?.distance ?? .max) { best = (candidate, distance) }
    }
    guard let best else { return nil }
    let allowed = max(2, min(target.count, best.candidate.count) / 3)
    if best.distance <= allowed { return best.candidate }
    // A word cut short ("warn" for "warning") is a likely slip too, when only one candidate starts so.
    guard target.count >= 3 else { return nil }
    let prefix = word.lowercased()
    let starting = candidates.filter { $0.lowercased().hasPrefix(prefix) }
    return starting.count == 1 ? starting.first : nil
  }

  /// Keys of the file format as a Danish author may write them.
  static let danishKeys: [String: String] = [
    "spørg": "ask", "spørgsmål": "ask", "gør": "do", "gøre": "do", "instruktion": "do", "trin": "steps",
    "minutter": "minutes", "varighed": "minutes", "titel": "title", "noter": "notes",
    "formål": "purpose", "materialer": "materials", "forberedelse": "prepare", "opstilling": "setup",
    "variationer": "variations", "kilde": "source", "sprog": "language", "dato": "date", "dag": "day",
    "dage": "days", "tid": "time", "tidspunkt": "time", "slags": "kind", "type": "kind", "øvelse": "exercise",
    "oplægsholder": "presenter", "deltagere": "participants", "navn": "name",
    "fraværende": "absent", "afbud": "absent", "grupper": "groups", "sted": "venue", "kursus": "course",
    "møde": "meeting", "næste-møde": "next-meeting", "dagsorden": "agenda", "program": "agenda",
    "regler": "rules", "opfølgning": "follow-up", "evaluering": "evaluation", "anonym": "anonymous",
    "skala": "scale", "stadier": "stages", "faser": "stages", "runder": "rounds", "valgfri": "optional",
    "afsnit": "section", "overskrift": "section",
  ]

  /// The Danish keys as they are written without æ, ø and å ("naeste-moede",
  /// "fravaerende"), as in file names and ids.
  static let danishKeysInASCII: [String: String] = Dictionary(
    danishKeys.map { word, key in
      (
        word.replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "ø", with: "oe")
          .replacingOccurrences(of: "å", with: "aa"), key
      )
    }, uniquingKeysWith: { first, _ in first })

  /// Keys of the file format as an English author may write them in other words.
  static let otherEnglishKeys: [String: String] = [
    "question": "ask", "instruction": "do", "task": "do", "duration": "minutes", "length": "minutes",
    "heading": "section", "speaker": "presenter", "location": "venue", "place": "venue",
    "preparation": "prepare", "material": "materials",
  ]

  /// The roster name meant by `name`: a near one (a typo), else the only one that has every
  /// word written as one of its words or their beginnings, in any case ("Hansen" or
  /// "lars h." for "Lars Hansen").
  public static func person<S: Sequence>(for name: String, in roster: S) -> String? where S.Element == String {
    if let near = closest(to: name, in: roster) { return near }
    func words(_ text: String) -> [Substring] {
      text.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "." || $0 == "," })
    }
    let given = words(name)
    guard !given.isEmpty else { return nil }
    let matching = roster.filter { candidate in
      let own = words(candidate)
      return given.allSatisfy { word in own.contains { $0.hasPrefix(word) } }
    }
    return matching.count == 1 ? matching[0] : nil
  }

  /// `; did you mean "Lars Hansen"?` for a name not on the roster, or nothing.
  public static func personPhrase<S: Sequence>(for name: String, in roster: S) -> String where S.Element == String {
    person(for: name, in: roster).map { "; did you mean \"\($0)\"?" } ?? ""
  }

  /// ` (did you mean "x"?)` or nothing.
  static func phrase<S: Sequence>(for word: String, in candidates: S) -> String
  where S.Element == String {
    closest(to: word, in: candidates).map { "; did you mean \"\($0)\"?" } ?? ""
  }

  /// Levenshtein distance, counting an adjacent transposition as one edit.
  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previousPrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], previousPrevious[j - 2] + 1)
        }
      }
      (previousPrevious, previous, current) = (previous, current, previousPrevious)
    }
    return previous[b.count]
  }
}
