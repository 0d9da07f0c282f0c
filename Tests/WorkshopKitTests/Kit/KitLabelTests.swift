import Foundation
import Testing

@testable import WorkshopKit

/// Every fixed text of the kit in every language, and dates in words.
@Suite struct KitLabelTests {
  @Test func everyLabelHasATranslationForEveryLanguage() {
    var missing: [String] = []
    for label in Label.allCases {
      for language in Language.allCases {
        let text = Label.table[label]?[language]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if text.isEmpty { missing.append("\(label.rawValue) (\(language.rawValue))") }
      }
    }
    #expect(missing.isEmpty, "labels without a translation: \(missing.joined(separator: ", "))")
  }

  @Test func theTableHasNoStaleEntries() {
    #expect(Label.table.count == Label.allCases.count)
  }

  /// `text(_:)` reads a flat table by the case's position, taken from how Swift stores an
  /// enum without payloads: each label in each language is the table's entry.
  @Test func everyLabelReadsItsOwnEntry() {
    #expect(Label.allCases.enumerated().allSatisfy { $0.offset == $0.element.position })
    #expect(Language.allCases.enumerated().allSatisfy { $0.offset == $0.element.position })
    for label in Label.allCases {
      for language in Language.allCases {
        #expect(label.text(language) == Label.table[label]?[language], "\(label) \(language)")
      }
    }
  }

  /// Placeholders are found byte for byte: after letters of several bytes, at either end,
  /// the first of two, and not at all.
  @Test func placeholdersAreFoundOnTheBytes() {
    #expect("Mødet er %@.".replacingFirst("%@", with: "søndag") == "Mødet er søndag.")
    #expect("%d æbler".replacingFirst("%d", with: "3") == "3 æbler")
    #expect("ø%@".replacingFirst("%@", with: "å") == "øå")
    #expect("%@ og %@".replacingFirst("%@", with: "1").replacingFirst("%@", with: "2") == "1 og 2")
    #expect("100 %".replacingFirst("%d", with: "3") == "100 %")
    #expect("%".replacingFirst("%@", with: "3") == "%")
    #expect("".utf8Range(of: "%d") == nil)
    #expect("abc".utf8Range(of: "") == nil)
    let text = "🙂 %d 🙂"
    let range = text.utf8Range(of: "%d")
    #expect(range.map { String(text[$0]) } == "%d")
  }

  /// The run sheet's "does the title start with the kind's word" on the bytes answers what
  /// lower-casing both and comparing characters answers: for every pair drawn from words with
  /// letters whose lower case is longer or ASCII, combining marks, line breaks and Danish.
  @Test func prefixesIgnoringCaseAgreeWithLowerCasing() {
    let pieces = [
      "", "a", "A", "Pause", "pause", "PAUSE", "Øvelse", "øvelse", "ØVELSE", "Oplæg", "OPLÆG", "K", "\u{212A}",
      "k", "İ", "i\u{307}", "i", "e", "\u{301}", "é", "e\u{301}", "\r", "\n", "\r\n", " ", ":", "ß", "SS", "🙂",
    ]
    var generator = SeededGenerator(seed: 13)
    var texts = pieces
    for _ in 0..<3_000 {
      let count = Int.random(in: 1...4, using: &generator)
      texts.append((0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined())
    }
    var compared = 0
    for text in texts {
      for prefix in texts.prefix(200) {
        let expected = text.lowercased().hasPrefix(prefix.lowercased())
        #expect(
          text.hasPrefixIgnoringCase(prefix) == expected,
          "\(Array(text.unicodeScalars)) \(Array(prefix.unicodeScalars))")
        compared += 1
      }
    }
    #expect(compared > 500_000)
    #expect("Pause og kaffe".hasPrefixIgnoringCase("pause"))
    #expect("Øvelse 9".hasPrefixIgnoringCase("øvelse"))
    #expect(!"Oplæg".hasPrefixIgnoringCase("Øvelse"))
  }

  /// A translation takes the same placeholders in every language, or filling it in fails.
  @Test func placeholdersAgreeAcrossLanguages() {
    func placeholders(_ text: String) -> [String] {
      text.matches(of: /%[d@]/).map { String($0.output) }
    }
    for label in Label.allCases {
      let danish = placeholders(label.text(.da)).sorted()
      for language in Language.allCases {
        #expect(placeholders(label.text(language)).sorted() == danish, "\(label) in \(language)")
      }
    }
  }

  @Test func labelsFillInTheirArguments() {
    let danish = Language.da
    let english = Language.en
    #expect(danish(.minutesShort, 5) == "(5 min.)")
    #expect(danish(.meetingNumber, 2) == "2. møde")
    #expect(english(.meetingNumber, 2) == "Meeting 2")
    #expect(danish(.minutesLeft, "11.25", 5) == "11.25 — 5 minutter tilbage")
    #expect(english(.minutesLeft, "11:25", 5) == "11:25 — 5 minutes left")
    #expect(danish(.seeYou, "den 3. juni") == "Vi ses den 3. juni!")
    // A presenter after a title: after a comma, or a new sentence after a question.
    #expect(Activity.title("Partnerskaber", then: "oplæg ved Stig") == "Partnerskaber, oplæg ved Stig")
    #expect(Activity.title("Hvad må frivillige?", then: "oplæg ved Sofie") == "Hvad må frivillige? Oplæg ved Sofie")
    // One of a thing is said in the singular.
    #expect(english(.responses, 1) == "1 response" && english(.responses, 2) == "2 responses")
    #expect(danish(.responses, 1) == "1 besvarelse" && danish(.responses, 0) == "0 besvarelser")
    #expect(danish(.minutesLeft, "11.29", 1) == "11.29 — 1 minut tilbage")
    #expect(english(.ratingCount, "5", 1) == "5: 1 answer" && danish(.ratingCount, "5", 1) == "5: 1 svar")
    #expect(danish(.pairCount, 1) == "1 par" && english(.pairCount, 1) == "1 pair")
  }

  @Test func danishDateInWords() throws {
    let date = try #require(CalendarDate(year: 2013, month: 4, day: 18))
    #expect(DateText.long(date, .da) == "torsdag den 18. april 2013")
    #expect(DateText.short(date, .da) == "18. april")
    let june = try #require(CalendarDate(year: 2013, month: 6, day: 3))
    #expect(DateText.onDays([june], .da) == "den 3. juni")
    #expect(DateText.long(june, .da) == "mandag den 3. juni 2013")
  }

  /// Several days say their shared month and year once.
  @Test func severalDaysInWords() throws {
    func day(_ year: Int, _ month: Int, _ day: Int) throws -> CalendarDate {
      try #require(CalendarDate(year: year, month: month, day: day))
    }
    let april = [try day(2017, 4, 27), try day(2017, 4, 28)]
    #expect(DateText.days(april, .da) == "torsdag den 27. og fredag den 28. april 2017")
    #expect(DateText.days(april, .en) == "Thursday 27 and Friday 28 April 2017")
    let three = april + [try day(2017, 4, 29)]
    #expect(DateText.days(three, .da) == "torsdag den 27., fredag den 28. og lørdag den 29. april 2017")
    let months = [try day(2020, 4, 30), try day(2020, 5, 1)]
    #expect(DateText.days(months, .da) == "torsdag den 30. april og fredag den 1. maj 2020")
    #expect(DateText.days(months, .en) == "Thursday 30 April and Friday 1 May 2020")
    // "Vi ses …!": the days without weekdays or year.
    #expect(DateText.onDays(april, .da) == "den 27. og 28. april")
    #expect(DateText.onDays(april, .en) == "27 and 28 April")
    #expect(DateText.onDays(months, .da) == "den 30. april og 1. maj")
    #expect(DateText.onDays(three, .en) == "27, 28 and 29 April")
    let years = [try day(2019, 12, 31), try day(2020, 1, 1)]
    #expect(DateText.days(years, .da) == "tirsdag den 31. december 2019 og onsdag den 1. januar 2020")
  }

  @Test func englishDateInWords() throws {
    let date = try #require(CalendarDate(year: 2013, month: 4, day: 18))
    #expect(DateText.long(date, .en) == "Thursday 18 April 2013")
    #expect(DateText.short(date, .en) == "18 April")
    #expect(DateText.onDays([date], .en) == "18 April")
  }

  /// Every weekday and month, across a leap day and a year boundary.
  @Test(arguments: [
    (2024, 2, 29, "torsdag den 29. februar 2024", "Thursday 29 February 2024"),
    (2024, 12, 31, "tirsdag den 31. december 2024", "Tuesday 31 December 2024"),
    (2025, 1, 1, "onsdag den 1. januar 2025", "Wednesday 1 January 2025"),
    (2017, 3, 2, "torsdag den 2. marts 2017", "Thursday 2 March 2017"),
    (2026, 5, 17, "søndag den 17. maj 2026", "Sunday 17 May 2026"),
    (2026, 10, 10, "lørdag den 10. oktober 2026", "Saturday 10 October 2026"),
    (2000, 1, 3, "mandag den 3. januar 2000", "Monday 3 January 2000"),
    (2013, 11, 8, "fredag den 8. november 2013", "Friday 8 November 2013"),
  ])
  func datesInWords(_ year: Int, _ month: Int, _ day: Int, _ danish: String, _ english: String) throws {
    let date = try #require(CalendarDate(year: year, month: month, day: day))
    #expect(DateText.long(date, .da) == danish)
    #expect(DateText.long(date, .en) == english)
  }

  @Test func everyMonthAndWeekdayHasAName() {
    for language in Language.allCases {
      #expect(DateText.months[language]?.count == 12)
      #expect(DateText.weekdays[language]?.count == 7)
      #expect(DateText.months[language]?.allSatisfy { !$0.isEmpty } == true)
    }
  }

  /// A label that ends in a question mark is not followed by a colon as well.
  @Test func aQuestionAsALabelTakesNoColon() {
    #expect("Stadie".labelling("Afprøvet") == "Stadie: Afprøvet")
    #expect("How far have you got?".labelling("Planned") == "How far have you got? Planned")
  }
}
