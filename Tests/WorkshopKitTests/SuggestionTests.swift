import Testing

@testable import WorkshopKit

@Suite struct SuggestionTests {
  @Test(arguments: [
    ("titel", "title"), ("presentr", "presenter"), ("venu", "venue"), ("Title", "title"),
    ("nextmeeting", "next-meeting"),
    ("agend", "agenda"),
    // Danish keys, also written without æ, ø and å, as in ids and file names.
    ("næste-møde", "next-meeting"), ("naeste-moede", "next-meeting"), ("fravaerende", "absent"),
    ("Fraværende", "absent"), ("oplaegsholder", "presenter"),
  ])
  func suggestsAProgramKey(_ typo: String, _ key: String) {
    #expect(Suggestion.closest(to: typo, in: NodeReader.programKeys + NodeReader.itemKeys) == key)
  }

  @Test(arguments: ["xyz", "", "participants-list-of-people", String(repeating: "a", count: 300)])
  func suggestsNothingFarOff(_ word: String) {
    #expect(Suggestion.closest(to: word, in: NodeReader.programKeys) == nil)
  }

  @Test func suggestsAWordCutShort() {
    #expect(Suggestion.closest(to: "warn", in: ["error", "warning", "off"]) == "warning")
    #expect(Suggestion.closest(to: "max-block", in: RuleConfiguration.thresholdKeys) == "max-block-minutes")
    // Ambiguous: two thresholds start with "min-".
    #expect(Suggestion.closest(to: "min-", in: RuleConfiguration.thresholdKeys) == nil)
  }

  @Test func suggestsAKindAndAnExerciseID() {
    #expect(Suggestion.closest(to: "brak", in: ActivityKind.allCases.map(\.rawValue)) == "break")
    #expect(Suggestion.closest(to: "gruppeovelse", in: ["gruppeoevelse", "naeste-skridt"]) == "gruppeoevelse")
  }

  /// A name not on the roster: a typo, or a surname or first name with an initial written
  /// alone, when only one person on it has them.
  @Test func suggestsThePersonMeant() {
    let roster = ["Lars Hansen", "Lone Bisgaard", "Mette Laursen", "Mette Holm"]
    #expect(Suggestion.person(for: "Lars Hansn", in: roster) == "Lars Hansen")
    #expect(Suggestion.person(for: "Hansen", in: roster) == "Lars Hansen")
    #expect(Suggestion.person(for: "bisgaard", in: roster) == "Lone Bisgaard")
    #expect(Suggestion.person(for: "Mette H.", in: roster) == "Mette Holm")
    // Two people named Mette, or nobody named so: no guess.
    #expect(Suggestion.person(for: "Mette", in: roster) == nil)
    #expect(Suggestion.person(for: "Jensen", in: roster) == nil)
    #expect(Suggestion.person(for: " ", in: roster) == nil)
    #expect(Suggestion.personPhrase(for: "Holm", in: roster) == "; did you mean \"Mette Holm\"?")
  }

  @Test func phrase() {
    #expect(Suggestion.phrase(for: "titel", in: ["title"]) == "; did you mean \"title\"?")
    #expect(Suggestion.phrase(for: "zzz", in: ["title"]) == "")
    #expect(Suggestion.phrase(for: "x", in: [String]()) == "")
  }

  @Test(arguments: [
    ("kitten", "sitting", 3), ("", "abc", 3), ("abc", "", 3), ("abc", "abc", 0), ("abc", "acb", 1),
    ("titel", "title", 1), ("flaw", "lawn", 2),
  ])
  func editDistance(_ a: String, _ b: String, _ distance: Int) {
    #expect(Suggestion.editDistance(Array(a), Array(b)) == distance)
  }
}
