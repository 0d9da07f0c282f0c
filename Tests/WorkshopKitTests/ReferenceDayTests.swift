import Foundation
import Testing

@testable import WorkshopKit

/// The reference day: seed 002, 18 April 2013, as `programs/civilsamfundet/2013-04-18.yaml`.
@Suite struct ReferenceDayTests {
  private static let file = Paths.programs.appendingPathComponent("civilsamfundet/2013-04-18.yaml")

  private func schedule() throws -> (ProgramCheck, Schedule) {
    let result = check(Self.file, exercises: Paths.exercises)
    return (result, try #require(result.schedule, "\(result.diagnostics)"))
  }

  @Test func checksWithoutFindings() throws {
    let (result, _) = try schedule()
    #expect(result.diagnostics.map(\.description) == [])
  }

  @Test func theSeedsRows() throws {
    let (_, schedule) = try schedule()
    #expect(
      schedule.items.map(\.span.description) == [
        "08.45-09.00", "09.00-10.00", "10.00-10.15", "10.15-11.30", "11.30-12.15", "12.15-13.15", "13.15-13.30",
        "13.30-14.30", "14.30-15.00",
      ])
    #expect(schedule.items.map { $0.span.formatted(.da) }.first == "08.45–09.00")
    #expect(schedule.program.date.value.iso == "2013-04-18")
    #expect(schedule.program.date.value.isoWeekday == 4)
    #expect(schedule.program.nextMeeting?.value.iso == "2013-06-03")
    #expect(schedule.program.meeting == 2)
    #expect(schedule.program.title == "Civilsamfundet – Metoder til samarbejder og brugerinvolvering")
    #expect(schedule.program.course == "Fagligt udviklingsforløb")
    #expect(schedule.span?.description == "08.45-15.00")
  }

  @Test func theFourPresenters() throws {
    let (_, schedule) = try schedule()
    let talks = schedule.parts.filter { $0.activity.presenter != nil }
    #expect(
      talks.map { $0.activity.presenter! } == [
        "Katrine Winther Adelsparre", "Amalie Ørum", "Mette Keinicke", "Stig Grøntved",
      ])
    #expect(talks.map(\.span.description) == ["09.15-10.00", "10.15-10.55", "12.15-12.50", "13.30-13.55"])
  }

  /// Every part: `start-end kind title`.
  @Test func everyPartOnTheClock() throws {
    let (_, schedule) = try schedule()
    let parts = schedule.parts.map { "\($0.span) \($0.activity.kind.rawValue) \($0.activity.title)" }
    #expect(
      parts == [
        "08.45-09.00 arrival Kaffe og morgenbrød",
        "09.00-09.15 recap Opsamling fra sidst",
        "09.15-10.00 talk Inddragelse og medborgerskab",
        "10.00-10.15 break Pause",
        "10.15-10.55 talk Samarbejder på tværs af faglige grænser ud fra ungevejlednings-case",
        "10.55-11.30 exercise Gruppeøvelse",
        "11.30-12.15 meal Frokost",
        "12.15-12.50 talk Brugerinvolvering med udgangspunkt i unge på biblioteket",
        "12.50-13.15 exercise Makkerpar – refleksion",
        "13.15-13.30 break Pause",
        "13.30-13.55 talk Partnerskaber",
        "13.55-14.05 exercise Fif til det første møde",
        "14.05-14.30 exercise Gruppeøvelse",
        "14.30-14.40 recap Opsamling",
        "14.40-15.00 exercise Næste skridt – i makkerpar",
      ])
  }

  /// Every exercise step: `start-end`, per exercise in agenda order; a section heading takes
  /// no time.
  @Test func everyStepOnTheClock() throws {
    let (_, schedule) = try schedule()
    let steps = schedule.parts.filter { $0.exercise != nil }.map { part in
      "\(part.exercise!.id): " + part.steps.map(\.span.description).joined(separator: " ")
    }
    #expect(
      steps == [
        "roller-og-kompetencer: 10.55-11.00 11.00-11.10 11.10-11.18 11.18-11.30",
        "refleksion-i-makkerpar: 12.50-12.53 12.53-12.58 12.58-13.05 13.05-13.15",
        "fif-til-det-foerste-moede: 13.55-13.58 13.58-14.01 14.01-14.05",
        "partnerskaber-guldet-i-nabolaget: 14.05-14.05 14.05-14.13 14.13-14.20 14.20-14.20 14.20-14.27 14.27-14.30",
        "naeste-skridt-i-makkerpar: 14.40-14.44 14.44-14.48 14.48-14.52 14.52-14.56 14.56-15.00",
      ])
  }

  @Test func theFirstGroupQuestionHasFiveMinutes() throws {
    let (_, schedule) = try schedule()
    let part = try #require(schedule.parts.first { $0.exercise?.id == "roller-og-kompetencer" })
    let first = try #require(part.steps.first)
    #expect(first.step.kind == .ask)
    #expect(first.questionNumber == 1)
    #expect(first.step.minutes?.value == 5)
    #expect(first.span.minutes == 5)
    #expect(first.span.description == "10.55-11.00")
  }

  @Test func theFollowUpHasFiveQuestionsAndTheFourDimensionsAreThere() throws {
    let (_, schedule) = try schedule()
    let followUp = try #require(schedule.program.exercises.first { $0.followUp })
    #expect(followUp.id == "naeste-skridt-i-makkerpar")
    #expect(followUp.questions.count == 5)
    let reflection = try #require(schedule.program.exercises.first { $0.id == "refleksion-i-makkerpar" })
    #expect(reflection.reference.map(\.term) == ["Dialog", "Kreativitet", "Fællesskab", "Indflydelse"])
  }
}

/// Every sample program checks without errors.
@Suite struct SampleProgramTests {
  @Test func allSamplesCheckWithoutErrors() throws {
    let files = try ProgramDiscovery.programFiles(in: [Paths.programs.path])
    #expect(files.count >= 4)
    let checker = Checker(exerciseDirectory: Paths.exercises.path)
    for file in files {
      let result = checker.check(programAt: file)
      #expect(!result.hasErrors, "\(file): \(result.diagnostics.map(\.description))")
      #expect(result.schedule != nil, "\(file)")
    }
  }
}
