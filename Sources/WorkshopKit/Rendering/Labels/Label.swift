/// Every fixed text in the kit, in every language. A test checks that each label has a
/// translation for each `Language`.
public enum Label: String, CaseIterable, Sendable {
  case programForTheDay, meetingNumber, time, content, page
  case toMeeting, worksheet, minutesShort, yourNotes, reference, seeYou, nextMeeting, nextSteps
  case groupsOf, inPairs, individually, inPlenary
  case talkBy, recapFromLastTime, noAnswersYet, commitment, status, stage, who
  case runSheet, warnings, noWarnings, overview, duration, leads, presenters, materials, minutesLeft, minutesLeftAtStep
  case invitation, setup, steps, notes, kind, purpose, canRun
  case followUp, followUpDue, followUpClosed, scanTheLink, participant, pair, name, tracker, statusAtNextMeeting,
    blankForm
  case notStarted, inProgress, done, noFollowUp
  case handout, facilitatorSheet, followUpTracker, calendar, index, meetingsInSeries
  case arrival, talk, exercise, plenary, recap, breakKind, meal
  case save, saved, partnerAnswered, answeredBy, attendanceSaved, paperAnswerSaved, draftRestored, formClosed
  case partnerAnsweredClosed, answerChangedMeanwhile, savedAnswer, savedByOn, draftOffered, putDraftBack, forgetDraft,
    notSavedClosed
  case editUntil, notFound, notFoundDetail, paperAnswer, inPaperFile, paperFileNote, answered, notAnswered
  case exportCSV, typeInPaper, facilitatorSignIn, yourLink, yourEvaluationLink, linkSlips
  case dayNumber, stepAlone, stepInPairs, stepInGroupsOf, stepAllTogether, round, optional, tips, variations
  case beforeTheDay, meetingWordNumber, toMeetingWord
  case slides, continued, backAt, roundOf, thanks
  case groups, groupNumber, absent
  case warningsInEnglish, ledBy, facilitatorOnly, handIn, handInPair, answerTooLong, unknownChoice, goBackToCorrect,
    backToTracker,
    recapFrom,
    notAnsweredYet
  case reportDid, reportHappened, reportTakeAway, yourPlan, whatHappened, plan
  case followUpForm, trackerFilledIn, worksheetNumber, seeRecap
  case attendance, number, organisation, signature, sentApologies, walkIn
  case evaluation, noEvaluation, evaluationIntro, evaluationAnonymous
  case courseReport, meetingsFromTo, oneMeetingOn, oneMeetingFromTo, holdsNames, theMeetings, meeting, presentOf
  case plusWalkIns, commitmentsOverTime
  case noAnswer, evaluations, responses, question, distribution, average, ratingCount, attendancePerPerson
  case nobodyDroppedOut, droppedOut, lastSeenAt, namesPeople
  case evaluationClosed, evaluationReceived, evaluationAnonymousOnline, evaluationIntroOnline, whoWasThere
  case attendanceProposed, attendanceFromPaper, walkInsOnePerLine, walkInsTooLong
  case evaluateTheMeeting, turnout
  case nameCards, nameCardsHowTo, noRoster, cardOf, cutOutCards, cardsHowTo, copies, noCards
  case participantCount, pairCount, groupCount, perParticipant, perPair, perGroup, onCardSheet, timesUsed
  case today, now, next, nowAndNext, notToday, minutesBehind, replan, invalidDelay, notDuringTheDay, endsOnTime,
    runsOver
  case unreadableRehearsalTime, unreadableRehearsalDay, unreadableRehearsalOneDay
  case followingReplan, followingFailed, backToPrintedPlan, followThisPlan, unreadableFollowing
  case slidesCountdownKeys, endsWithinTheDay
  case planStandsAt, rehearsal, underWay, droppedStep, rehearse, rehearseDay, show, atClock
  case notBuiltHasErrors, hasErrorsLastGood, whatToFix, programsNotBuilt, tooFarBehind, fixedGroups,
    fixedPairsAndOnTheDay, by, pairsHeading, groupsOfHeading, seeYouTomorrowAt, seeYouOnAt,
    roundsOfMinutes, programForTheDays, materialsForTheDays

  /// The label's text for a count of 1, where it differs from the plural.
  func singular(_ language: Language) -> String? { Self.singulars[self]?[language] }

  static let singulars: [Label: [Language: String]] = [
    .minutesLeft: [.da: "%@ — %d minut tilbage", .en: "%@ — %d minute left"],
    .minutesLeftAtStep: [.da: "%d minut tilbage", .en: "%d minute left"],
    .responses: [.da: "%d besvarelse", .en: "%d response"],
    .ratingCount: [.en: "%@: %d answer"],
    .participantCount: [.da: "%d deltager", .en: "%d participant"],
    .pairCount: [.en: "%d pair"],
    .groupCount: [.da: "%d gruppe", .en: "%d group"],
    .copies: [.en: "%d copy"],
    .runsOver: [.da: "Dagen slutter %@, %d minut for sent.", .en: "The day ends at %@, %d minute late."],
    .endsWithinTheDay: [
      .da: "Dagen slutter %@, %d minut senere end planlagt, men inden dagens slutning kl. %@.",
      .en: "The day ends at %@, %d minute later than planned, still within the day, which ends at %@.",
    ],
    .planStandsAt: [.da: "%d minut bagud: planen står ved %@.", .en: "%d minute behind: the plan stands at %@."],
  ]

  public func text(_ language: Language) -> String {
    Self.texts[position * Language.allCases.count + language.position]
  }

  /// The case's place in `allCases`. A Swift enum without payloads is stored as its case's
  /// declaration index (the smallest integer that holds them all; a test checks it), so
  /// this is a load, where looking up `table` would hash and compare the raw-value string
  /// for every label of every document.
  var position: Int {
    MemoryLayout<Label>.size == 1 ? Int(unsafeBitCast(self, to: UInt8.self)) : Label.allCases.firstIndex(of: self)!
  }

  /// `table` flattened in case order, each label's languages in `Language` order; a missing
  /// translation reads as the label's name.
  static let texts: [String] = Label.allCases.flatMap { label in
    Language.allCases.map { table[label]?[$0] ?? label.rawValue }
  }

  /// The translations; a missing entry is a test failure, not a crash.
  static let table: [Label: [Language: String]] = [
    .programForTheDay: [.da: "Program for dagen", .en: "Programme for the day"],
    .meetingNumber: [.da: "%d. møde", .en: "Meeting %d"],
    .time: [.da: "Tid", .en: "Time"],
    .content: [.da: "Indhold", .en: "Content"],
    .page: [.da: "Side", .en: "Page"],
    .toMeeting: [.da: "Til %d. møde", .en: "For meeting %d"],
    .worksheet: [.da: "Arbejdsark", .en: "Worksheet"],
    .minutesShort: [.da: "(%d min.)", .en: "(%d min)"],
    .yourNotes: [.da: "Noter", .en: "Notes"],
    .reference: [.da: "Til inspiration", .en: "For reference"],
    .seeYou: [.da: "Vi ses %@!", .en: "See you on %@!"],
    .nextMeeting: [.da: "Næste møde", .en: "Next meeting"],
    .nextSteps: [.da: "Næste skridt", .en: "Next steps"],
    .groupsOf: [.da: "I grupper på %@", .en: "In groups of %@"],
    .inPairs: [.da: "I makkerpar", .en: "In pairs"],
    .individually: [.da: "Hver for sig", .en: "Individually"],
    .inPlenary: [.da: "I plenum", .en: "In plenary"],
    .talkBy: [.da: "oplæg ved", .en: "talk by"],
    .recapFromLastTime: [.da: "Opsamling fra sidst", .en: "Recap from last time"],
    .noAnswersYet: [.da: "Ingen svar endnu", .en: "No answers yet"],
    .commitment: [.da: "Forpligtelse", .en: "Commitment"],
    .status: [.da: "Status", .en: "Status"],
    .stage: [.da: "Stadie", .en: "Stage"],
    .who: [.da: "Hvem", .en: "Who"],
    .runSheet: [.da: "Drejebog for facilitator", .en: "Facilitator run sheet"],
    .warnings: [.da: "Advarsler fra tjekket", .en: "Warnings from the check"],
    .noWarnings: [.da: "Tjekket fandt ingen advarsler.", .en: "The check found no warnings."],
    // Above the check's own words in a kit in another language than English.
    .warningsInEnglish: [
      .da: "Som workshopkit check skriver dem, på engelsk, med fil og linje, hvor de rettes.",
      .en: "As workshopkit check writes them, with the file and line where they are fixed.",
    ],
    .overview: [.da: "Overblik", .en: "Overview"],
    .duration: [.da: "Varighed", .en: "Duration"],
    .leads: [.da: "Leder", .en: "Led by"],
    .presenters: [.da: "Oplægsholdere", .en: "Presenters"],
    .materials: [.da: "Materialer til dagen", .en: "Materials for the day"],
    .minutesLeft: [.da: "%@ — %d minutter tilbage", .en: "%@ — %d minutes left"],
    .minutesLeftAtStep: [.da: "%d minutter tilbage", .en: "%d minutes left"],
    .invitation: [.da: "Sig", .en: "Say"],
    .setup: [.da: "Opstilling", .en: "Setup"],
    .steps: [.da: "Trin", .en: "Steps"],
    .notes: [.da: "Noter", .en: "Notes"],
    .kind: [.da: "Type", .en: "Kind"],
    .purpose: [.da: "Formål", .en: "Purpose"],
    .canRun: [.da: "kan vare %@ min", .en: "can run %@ min"],
    .followUp: [.da: "Opfølgning", .en: "Follow-up"],
    .followUpDue: [.da: "Udfyldes inden næste møde %@", .en: "Fill in before the next meeting on %@"],
    .scanTheLink: [.da: "QR-kode med linket", .en: "QR code of the link"],
    .followUpClosed: [
      .da: "Lukket for svar siden næste møde %@; linket viser svarene",
      .en: "Closed for answers since the next meeting on %@; the link shows the answers",
    ],
    .participant: [.da: "Deltager", .en: "Participant"],
    .pair: [.da: "Makkerpar %@", .en: "Pair %@"],
    .name: [.da: "Navn", .en: "Name"],
    .tracker: [.da: "Oversigt til facilitator", .en: "Tracker for the facilitator"],
    .statusAtNextMeeting: [.da: "Status ved næste møde", .en: "Status at the next meeting"],
    .blankForm: [.da: "Skema", .en: "Form"],
    .notStarted: [.da: "Ikke startet", .en: "Not started"],
    .inProgress: [.da: "I gang", .en: "In progress"],
    .done: [.da: "Færdig", .en: "Done"],
    .noFollowUp: [
      .da: "Mødet har ingen opfølgningsøvelse.", .en: "This meeting has no follow-up exercise.",
    ],
    .handout: [.da: "Deltagermateriale", .en: "Participant handout"],
    .facilitatorSheet: [.da: "Drejebog", .en: "Run sheet"],
    .attendance: [.da: "Fremmødeliste", .en: "Attendance sheet"],
    .nameCards: [.da: "Bordkort", .en: "Name cards"],
    .evaluation: [.da: "Evaluering", .en: "Evaluation"],
    .courseReport: [.da: "Forløbsrapport", .en: "Course report"],
    .namesPeople: [.da: "med navne", .en: "names people"],
    .evaluationClosed: [
      .da: "Evalueringen er ikke åben nu: den kan besvares fra mødets dag til næste møde.",
      .en: "The evaluation is not open now: it can be answered from the day of the meeting until the next one.",
    ],
    .evaluationReceived: [
      .da: "Tak! Din evaluering er modtaget. Den er anonym, så den kan ikke vises eller ændres her.",
      .en: "Thank you! Your evaluation has been received. It is anonymous, so it cannot be shown or changed here.",
    ],
    .evaluationAnonymousOnline: [
      .da: "Evalueringen er anonym: svarene gemmes uden dit navn, og den kan kun sendes én gang.",
      .en: "The evaluation is anonymous: the answers are stored without your name, and it can be sent once.",
    ],
    .evaluationIntroOnline: [
      .da: "Sæt ét kryds pr. spørgsmål. Du kan rette dine svar, så længe evalueringen er åben.",
      .en: "Tick one box per question. You can change your answers while the evaluation is open.",
    ],
    .whoWasThere: [.da: "Hvem var med?", .en: "Who was there?"],
    .attendanceFromPaper: [
      .da: "Intet er gemt her endnu: afkrydset er dem, der står som mødt i %@ (fremmødelisten skrevet ind). "
        + "Ret det, der mangler, og gem.",
      .en: "Nothing is saved here yet: ticked is whoever %@ (the sign-in sheet typed in) has as present. "
        + "Correct what is missing, and save.",
    ],
    .walkInsTooLong: [
      .da: "Linjer over %@ tegn er ikke et navn og blev ikke gemt: %d.",
      .en: "Lines over %@ characters are no name and were not kept: %d.",
    ],
    .walkInsOnePerLine: [
      .da: "Kom uden at være tilmeldt (et navn pr. linje)", .en: "Came without being registered (a name a line)",
    ],
    .attendanceProposed: [
      .da: "Intet er gemt endnu: alle på deltagerlisten er krydset af, undtagen dem der har meldt afbud. "
        + "Fjern krydset ved dem, der ikke kom, og gem.",
      .en: "Nothing is saved yet: everyone on the roster is ticked but those who sent apologies. "
        + "Untick whoever did not come, and save.",
    ],
    .turnout: [.da: "Fremmøde", .en: "Attendance"],
    .evaluateTheMeeting: [.da: "Evaluér mødet", .en: "Evaluate the meeting"],
    .meetingsFromTo: [.da: "%@ møder fra %@ til %@", .en: "%@ meetings from %@ to %@"],
    .oneMeetingOn: [.da: "1 møde, %@", .en: "1 meeting, on %@"],
    .oneMeetingFromTo: [.da: "1 møde, fra %@ til %@", .en: "1 meeting, from %@ to %@"],
    .holdsNames: [
      .da: "Rapporten nævner deltagerne ved navn. Del den kun med dem, der skal bruge den.",
      .en: "This report names the participants. Share it only with those who need it.",
    ],
    .theMeetings: [.da: "Møderne", .en: "The meetings"],
    .meeting: [.da: "Møde", .en: "Meeting"],
    .presentOf: [.da: "%@ af %@", .en: "%@ of %@"],
    .plusWalkIns: [.da: "(+%d ikke tilmeldt)", .en: "(+%d not registered)"],
    .commitmentsOverTime: [.da: "Forpligtelser fra møde til møde", .en: "Commitments from meeting to meeting"],
    .noAnswer: [.da: "ikke besvaret", .en: "no answer"],
    .evaluations: [.da: "Evalueringer", .en: "Evaluations"],
    .responses: [.da: "%d besvarelser", .en: "%d responses"],
    .question: [.da: "Spørgsmål", .en: "Question"],
    .distribution: [.da: "Svar 1–5", .en: "Answers 1–5"],
    .average: [.da: "Gns.", .en: "Mean"],
    .ratingCount: [.da: "%@: %d svar", .en: "%@: %d answers"],
    .attendancePerPerson: [.da: "Fremmøde pr. deltager", .en: "Attendance per participant"],
    .nobodyDroppedOut: [.da: "Ingen er faldet fra undervejs.", .en: "Nobody dropped out along the way."],
    .droppedOut: [.da: "Faldet fra", .en: "Dropped out"],
    .lastSeenAt: [.da: "%@ – sidst med ved %@", .en: "%@ – last at %@"],
    .noEvaluation: [
      .da: "Mødet har ingen evaluering (evaluation: i series.yaml eller programmet).",
      .en: "The meeting has no evaluation (evaluation: in series.yaml or the program).",
    ],
    .evaluationIntro: [
      .da: "Sæt ét kryds pr. spørgsmål og skriv gerne uddybende. Aflever skemaet, før du går.",
      .en: "Tick one box per question and add what you like in words. Hand in the form before you leave.",
    ],
    .evaluationAnonymous: [
      .da: "Skemaet er anonymt: skriv ikke dit navn. Sæt ét kryds pr. spørgsmål og aflever skemaet, før du går.",
      .en: "The form is anonymous: do not write your name. Tick one box per question and hand it in before you leave.",
    ],
    .nameCardsHowTo: [
      .da:
        "To bordkort pr. A4-ark: klip langs den hele linje, fold langs den stiplede, så navnet kan læses fra begge sider.",
      .en:
        "Two name cards a sheet of A4: cut along the solid line, fold along the dashed one, so the name reads from both sides.",
    ],
    .noRoster: [
      .da: "Serien har ingen deltagerliste (participants i series.yaml).",
      .en: "The series has no roster (participants in series.yaml).",
    ],
    .number: [.da: "Nr.", .en: "No."],
    .organisation: [.da: "Organisation", .en: "Organisation"],
    .signature: [.da: "Underskrift", .en: "Signature"],
    .sentApologies: [.da: "meldt afbud", .en: "sent apologies"],
    .walkIn: [.da: "Ikke tilmeldt", .en: "Not registered"],
    .worksheetNumber: [.da: "ark %d", .en: "worksheet %d"],
    .seeRecap: [.da: "Svarene: se %@ bagest i drejebogen", .en: "The answers: see %@ at the end of this run sheet"],
    .followUpForm: [.da: "Opfølgningsskema", .en: "Follow-up form"],
    .followUpTracker: [.da: "Opfølgningsoversigt", .en: "Follow-up tracker"],
    .trackerFilledIn: [
      .da: "Udfyldt med de svar, der er kendt ved udskrivningen (opfølgningsfilen og databasen).",
      .en: "Filled in with the answers known when printed (the follow-up file and the database).",
    ],
    .calendar: [.da: "Kalender (.ics)", .en: "Calendar (.ics)"],
    .index: [.da: "Workshopmateriale", .en: "Workshop kits"],
    .meetingsInSeries: [.da: "Møder", .en: "Meetings"],
    .arrival: [.da: "Ankomst", .en: "Arrival"],
    .talk: [.da: "Oplæg", .en: "Talk"],
    .exercise: [.da: "Øvelse", .en: "Exercise"],
    .plenary: [.da: "Plenum", .en: "Plenary"],
    .recap: [.da: "Opsamling", .en: "Recap"],
    .breakKind: [.da: "Pause", .en: "Break"],
    .meal: [.da: "Måltid", .en: "Meal"],
    .save: [.da: "Gem", .en: "Save"],
    .saved: [.da: "Dine svar er gemt.", .en: "Your answers are saved."],
    .partnerAnswered: [
      .da: "%@ har allerede udfyldt jeres fælles skema; svarene står herunder. Ret dem, hvis I vil, og gem.",
      .en: "%@ has already filled in the form you share; the answers are below. Change them if you like, and save.",
    ],
    .answeredBy: [.da: "Besvaret af %@ (fælles skema)", .en: "Answered by %@ (shared form)"],
    .attendanceSaved: [.da: "Fremmødet er gemt.", .en: "The attendance is saved."],
    .paperAnswerSaved: [.da: "Svaret fra papir er gemt.", .en: "The paper answer is saved."],
    .draftRestored: [
      .da: "Det, du skrev her uden at gemme, er sat ind igen. Tryk på Gem for at gemme det.",
      .en: "What you typed here without saving is back. Press Save to keep it.",
    ],
    .partnerAnsweredClosed: [
      .da: "%@ har udfyldt jeres fælles skema; svarene står herunder.",
      .en: "%@ has filled in the form you share; the answers are below.",
    ],
    .answerChangedMeanwhile: [
      .da: "Svaret er gemt et andet sted, efter du åbnede siden (i en anden fane, på en anden enhed eller af den, "
        + "du deler skemaet med). Det, du skrev her, er ikke gemt: det står i felterne herunder, og det gemte svar "
        + "står over dem. Ret til, og gem igen, så er det dit, der gælder.",
      .en: "The answer was saved elsewhere after you opened this page (in another tab, on another device or by the "
        + "person you share the form with). What you typed here is not saved: it is in the fields below, and the "
        + "saved answer is above them. Edit it and save again to keep yours.",
    ],
    .savedAnswer: [.da: "Det gemte svar", .en: "The saved answer"],
    .savedByOn: [.da: "Gemt af %@, %@.", .en: "Saved by %@ on %@."],
    .draftOffered: [
      .da: "Du skrev noget her uden at gemme det, før svaret blev gemt et andet sted. Det står ikke i felterne: "
        + "sæt det ind, hvis det er dit, der skal gælde.",
      .en: "You typed something here without saving it before the answer was saved elsewhere. It is not in the "
        + "fields: put it back if yours should count.",
    ],
    .putDraftBack: [.da: "Sæt det ind", .en: "Put it back"],
    .forgetDraft: [.da: "Glem det", .en: "Forget it"],
    .notSavedClosed: [
      .da: "Det, du skrev, er ikke gemt. Det står herunder, så du kan kopiere det og sende det til facilitatoren.",
      .en: "What you typed is not saved. It is below, so you can copy it and send it to the facilitator.",
    ],
    .formClosed: [
      .da: "Næste møde er begyndt, så skemaet kan ikke længere ændres.",
      .en: "The next meeting has started, so the form can no longer be changed.",
    ],
    .editUntil: [.da: "Du kan rette dine svar indtil %@.", .en: "You can edit your answers until %@."],
    .notFound: [.da: "Siden findes ikke", .en: "Page not found"],
    .notFoundDetail: [
      .da: "Linket er forkert eller ikke længere gyldigt. Spørg facilitatoren om et nyt.",
      .en: "The link is wrong or no longer valid. Ask the facilitator for a new one.",
    ],
    .paperAnswer: [.da: "papir", .en: "paper"],
    .inPaperFile: [.da: "på papir, i %@", .en: "on paper, in %@"],
    .paperFileNote: [
      .da: "Svar, der er skrevet ind fra papir i %@, står allerede i opsamlingen; skriv dem ikke ind her igen.",
      .en: "Answers typed in from paper in %@ are already in the recap; do not type them in here again.",
    ],
    .answered: [.da: "Svaret", .en: "Answered"],
    .notAnswered: [.da: "Ikke svaret", .en: "Not answered"],
    .exportCSV: [.da: "Hent som CSV", .en: "Download as CSV"],
    .typeInPaper: [.da: "Indtast svar fra papir", .en: "Type in answers from paper"],
    .facilitatorSignIn: [.da: "Log ind som facilitator", .en: "Facilitator sign-in"],
    .yourEvaluationLink: [
      .da: "Dit personlige link til evalueringen af mødet – del det ikke med andre:",
      .en: "Your personal link to the evaluation of the meeting – do not share it:",
    ],
    .yourLink: [
      .da: "Dit personlige link til opfølgningsskemaet – del det ikke med andre:",
      .en: "Your personal link to the follow-up form – do not share it:",
    ],
    .linkSlips: [.da: "Personlige links", .en: "Personal links"],
    .dayNumber: [.da: "Dag %d", .en: "Day %d"],
    .stepAlone: [.da: "alene", .en: "alone"],
    .stepInPairs: [.da: "i makkerpar", .en: "in pairs"],
    .stepInGroupsOf: [.da: "i grupper på %@", .en: "in groups of %@"],
    .stepAllTogether: [.da: "alle sammen", .en: "all together"],
    .round: [.da: "Runde %d", .en: "Round %d"],
    .optional: [.da: "valgfrit", .en: "optional"],
    .tips: [.da: "Tips til facilitator", .en: "Tips for the facilitator"],
    .variations: [.da: "Variationer", .en: "Variations"],
    .beforeTheDay: [.da: "Før dagen", .en: "Before the day"],
    // A series' own word for its meetings (`meeting-word: workshop`): "2. workshop", "Workshop 2".
    .meetingWordNumber: [.da: "%d. %@", .en: "%@ %d"],
    .toMeetingWord: [.da: "Til %d. %@", .en: "For %@ %d"],
    // The projector deck (slides.xhtml).
    .slides: [.da: "Slides til projektor", .en: "Slides for the projector"],
    .continued: [.da: "fortsat", .en: "continued"],
    .backAt: [.da: "Vi fortsætter kl. %@", .en: "We continue at %@"],
    .roundOf: [.da: "Runde %d af %@", .en: "Round %d of %@"],
    .thanks: [.da: "Tak for i dag!", .en: "Thank you for today!"],
    // Group assignment.
    .groups: [.da: "Grupper", .en: "Groups"],
    .groupNumber: [.da: "Gruppe %d", .en: "Group %d"],
    .absent: [.da: "Fraværende", .en: "Absent"],
    .ledBy: [.da: "Leder: %@", .en: "Led by %@"],
    .facilitatorOnly: [.da: "kun til facilitator", .en: "facilitator only"],
    .recapFrom: [.da: "Opsamling fra %@", .en: "Recap from %@"],
    .notAnsweredYet: [.da: "Ikke besvaret: %@", .en: "Not answered: %@"],
    .reportDid: [.da: "Hvad gjorde I?", .en: "What did you do?"],
    .reportHappened: [.da: "Hvad skete der?", .en: "What happened?"],
    .reportTakeAway: [.da: "Hvad tager I med?", .en: "What do you take with you?"],
    .yourPlan: [.da: "Jeres plan fra dagen", .en: "Your plan from the day"],
    .whatHappened: [.da: "Hvad der skete", .en: "What happened"],
    .plan: [.da: "Planen", .en: "The plan"],
    .participantCount: [.da: "%d deltagere", .en: "%d participants"],
    .pairCount: [.da: "%d par", .en: "%d pairs"],
    .groupCount: [.da: "%d grupper", .en: "%d groups"],
    .perParticipant: [.da: "%d pr. deltager", .en: "%d per participant"],
    .perPair: [.da: "%d pr. par", .en: "%d per pair"],
    .perGroup: [.da: "%d pr. gruppe", .en: "%d per group"],
    .timesUsed: [.da: "%d gange", .en: "%d times"],
    // The sheet by the name the index and its own heading give it, not its file's.
    .onCardSheet: [
      .da: "klippes ud af arket \"%@\"", .en: "cut out from the sheet \"%@\"",
    ],
    .cardOf: [.da: "Kort: %@", .en: "Card: %@"],
    .cutOutCards: [.da: "Kort til øvelserne", .en: "Cards for the exercises"],
    .cardsHowTo: [
      .da: "Klip langs den stiplede linje. Antallet følger dagens par og grupper.",
      .en: "Cut along the dashed line. How many follows the day's pairs and groups.",
    ],
    .copies: [.da: "%d stk.", .en: "%d copies"],
    .noCards: [.da: "Dagens øvelser har ingen kort.", .en: "The day's exercises have no cards."],
    .answerTooLong: [
      .da: "Svaret på »%@« er for langt: højst %d tegn. Forkort det, og gem igen; intet er gemt endnu.",
      .en: "The answer to “%@” is too long: %d characters at most. Shorten it and save again; nothing is saved yet.",
    ],
    .unknownChoice: [
      .da:
        "»%@« er ikke et af formularens valg (er formularen ændret, efter du åbnede den?). Vælg igen, og gem; intet er gemt endnu.",
      .en:
        "“%@” is not one of the form's choices (has it changed since the page was opened?). Choose again and save; nothing is saved yet.",
    ],
    .goBackToCorrect: [
      .da: "Gå tilbage i browseren for at rette det, du skrev; det står der stadig.",
      .en: "Go back in the browser to correct what you typed; it is still there.",
    ],
    .backToTracker: [.da: "Til oversigten", .en: "To the tracker"],
    .handIn: [
      .da:
        "Aflever skemaet til facilitatoren ved næste møde, eller udfyld det via dit personlige link, hvis du har fået et.",
      .en: "Bring the form to the next meeting, or fill it in through your personal link if you were given one.",
    ],
    // The same to a pair, whom the form calls "I" / "you" together: each has a link.
    .handInPair: [
      .da:
        "Aflever skemaet til facilitatoren ved næste møde, eller udfyld det via et af jeres personlige links, hvis I "
        + "har fået dem.",
      .en:
        "Bring the form to the next meeting, or fill it in through one of your personal links if you were given them.",
    ],
    // The facilitator's "today" view on the follow-up server.
    .today: [.da: "I dag", .en: "Today"],
    .now: [.da: "Nu", .en: "Now"],
    .next: [.da: "Derefter", .en: "Next"],
    .nowAndNext: [.da: "Nu og derefter", .en: "Now and next"],
    .planStandsAt: [
      .da: "%d minutter bagud: planen står ved %@.", .en: "%d minutes behind: the plan stands at %@.",
    ],
    .rehearsal: [.da: "Prøve: som klokken %@ på dag %d.", .en: "Rehearsal: as at %@ on day %d."],
    .rehearse: [.da: "Prøv dagen klokken", .en: "Rehearse the day at"],
    .rehearseDay: [.da: "på dag", .en: "on day"],
    .show: [.da: "Vis", .en: "Show"],
    .atClock: [.da: "kl. %@", .en: "at %@"],
    .underWay: [.da: "i gang, fortsætter", .en: "under way, runs on"],
    .droppedStep: [.da: "udgår (valgfrit): %@", .en: "dropped (optional): %@"],
    .notToday: [.da: "Mødet er ikke i dag, men %@.", .en: "The meeting is not today but on %@."],
    .minutesBehind: [.da: "Minutter bagud", .en: "Minutes behind"],
    .replan: [.da: "Planlæg resten af dagen", .en: "Replan the rest of the day"],
    .invalidDelay: [.da: "Skriv et helt antal minutter fra 0 til 600.", .en: "Enter whole minutes from 0 to 600."],
    .unreadableRehearsalTime: [
      .da: "»%@« er ikke et tidspunkt som 10.30; siden viser klokken nu.",
      .en: "“%@” is not a time like 10:30; the page shows the clock now.",
    ],
    .unreadableRehearsalDay: [
      .da: "Mødet har ingen dag »%@«, kun dag 1 til %d; siden viser klokken nu.",
      .en: "The meeting has no day “%@”, only days 1 to %d; the page shows the clock now.",
    ],
    .followingReplan: [
      .da: "Følger omplanlægningen kl. %@, %d minutter bagud.", .en: "Following the replan of %@, %d minutes behind.",
    ],
    .followingFailed: [
      .da: "Omplanlægningen kl. %@ kan ikke følges herfra: den er efter klokken nu. Siden viser den trykte plan.",
      .en: "The replan of %@ cannot be followed from here: it is after the time now. The page shows the printed plan.",
    ],
    .backToPrintedPlan: [.da: "Tilbage til den trykte plan", .en: "Back to the printed plan"],
    .followThisPlan: [
      .da: "Følg denne plan fra nu (en senere forsinkelse regnes fra den)",
      .en: "Follow this plan from now (a later delay counts from it)",
    ],
    .unreadableFollowing: [
      .da: "»%@« er ikke omplanlægninger som 11.40+25; siden viser den trykte plan.",
      .en: "“%@” is not replans like 11.40+25; the page shows the printed plan.",
    ],
    .unreadableRehearsalOneDay: [
      .da: "Mødet har ingen dag »%@«, kun én dag; siden viser klokken nu.",
      .en: "The meeting has no day “%@”, only one day; the page shows the clock now.",
    ],
    .notDuringTheDay: [.da: "Klokken er uden for dagens program.", .en: "The time is outside the day's programme."],
    .slidesCountdownKeys: [
      .da: "På slides trækker - et minut fra den nedtælling, der vises, og + lægger et til.",
      .en: "On the slides, - takes a minute off the countdown shown, and + gives one back.",
    ],
    .endsOnTime: [.da: "Dagen slutter %@ som planlagt.", .en: "The day ends at %@ as planned."],
    .runsOver: [.da: "Dagen slutter %@, %d minutter for sent.", .en: "The day ends at %@, %d minutes late."],
    .endsWithinTheDay: [
      .da: "Dagen slutter %@, %d minutter senere end planlagt, men inden dagens slutning kl. %@.",
      .en: "The day ends at %@, %d minutes later than planned, still within the day, which ends at %@.",
    ],
    .notBuiltHasErrors: [.da: "Ikke bygget: programmet har fejl.", .en: "Not built: the program has errors."],
    .hasErrorsLastGood: [
      .da: "Programmet har fejl nu. Dokumenterne herunder er fra sidste gang, det blev bygget uden fejl.",
      .en: "The program has errors now. The documents below are from its last build without errors.",
    ],
    .whatToFix: [.da: "Hvad der skal rettes:", .en: "What to fix:"],
    .fixedGroups: [.da: "faste", .en: "fixed"],
    .fixedPairsAndOnTheDay: [
      .da: "%@ faste efter deltagerlisten, %d sat sammen på dagen", .en: "%@ fixed by the roster, %d made on the day",
    ],
    .by: [.da: "ved", .en: "by"],
    .pairsHeading: [.da: "Makkerpar", .en: "Pairs"],
    // A no-break space keeps the time with its word when the heading wraps.
    .seeYouTomorrowAt: [.da: "Vi ses i morgen kl.\u{A0}%@!", .en: "See you tomorrow at\u{A0}%@!"],
    .seeYouOnAt: [.da: "Vi ses %@ kl.\u{A0}%@!", .en: "See you on %@ at\u{A0}%@!"],
    .groupsOfHeading: [.da: "Grupper på %@", .en: "Groups of %@"],
    .roundsOfMinutes: [.da: "(%@ × %d min.)", .en: "(%@ × %d min)"],
    .programForTheDays: [.da: "Program for dagene", .en: "Programme for the days"],
    .materialsForTheDays: [.da: "Materialer til dagene", .en: "Materials for the days"],
    .tooFarBehind: [
      .da: "Klokken %@ kan dagen højst være %d minutter bagud: så langt er den nået.",
      .en: "At %@ the day can be at most %d minutes behind: that is how far it has run.",
    ],
    .programsNotBuilt: [.da: "Programmer, der ikke kunne læses", .en: "Programs that could not be read"],
  ]
}

extension String {
  /// "Stadie: Afprøvet", or with no colon after a label that ends in its own mark: "How far
  /// have you got? Planned".
  func labelling(_ value: String) -> String {
    guard let last = last, "?!:.".contains(last) else { return self + ": " + value }
    return self + " " + value
  }
}

extension Label {
  /// Labels whose "møde" / "meeting" the series' own word replaces
  /// (`Program.meetingLabel`): each has the word alone, in the singular, with no article
  /// or ending of its own.
  static let namesAMeeting: Set<Label> = [
    .statusAtNextMeeting, .followUpDue, .followUpClosed, .handIn, .handInPair, .meeting, .commitmentsOverTime,
    .nextMeeting,
    .formClosed, .meetingsFromTo, .oneMeetingOn, .oneMeetingFromTo, .theMeetings, .noFollowUp,
  ]
}

extension Language {
  /// `language(.save)`: the label in this language.
  public func callAsFunction(_ label: Label) -> String { label.text(self) }

  /// "A", "A og B", "A, B og C" / "A, B and C"; with `or`, "A, B eller C" / "A, B or C".
  public func list(_ items: [String]) -> String { list(items, or: false) }

  public func list(_ items: [String], or: Bool) -> String {
    guard let last = items.last, items.count > 1 else { return items.joined() }
    let word = or ? (self == .da ? " eller " : " or ") : (self == .da ? " og " : " and ")
    return items.dropLast().joined(separator: ", ") + word + last
  }

  /// A label with `%d` (a number) or `%@` (a text) filled in; for the number 1, the label's
  /// singular where it has one ("1 besvarelse", not "1 besvarelser").
  public func callAsFunction(_ label: Label, _ argument: CustomStringConvertible) -> String {
    let template = (argument as? Int == 1 ? label.singular(self) : nil) ?? label.text(self)
    if template.utf8Range(of: "%d") != nil { return template.replacingFirst("%d", with: argument.description) }
    return template.replacingFirst("%@", with: argument.description)
  }

  public func callAsFunction(_ label: Label, _ first: String, _ second: String) -> String {
    label.text(self).replacingFirst("%@", with: first).replacingFirst("%@", with: second)
  }

  public func callAsFunction(_ label: Label, _ first: String, _ second: Int) -> String {
    let template = (second == 1 ? label.singular(self) : nil) ?? label.text(self)
    return template.replacingFirst("%@", with: first).replacingFirst("%d", with: String(second))
  }

  public func callAsFunction(_ label: Label, _ first: String, _ second: Int, _ third: String) -> String {
    self(label, first, second).replacingFirst("%@", with: third)
  }
}

extension ActivityKind {
  var label: Label {
    switch self {
    case .arrival: .arrival
    case .talk: .talk
    case .exercise: .exercise
    case .plenary: .plenary
    case .recap: .recap
    case .break: .breakKind
    case .meal: .meal
    }
  }
}

extension String {
  /// The first occurrence of `target`, byte for byte, replaced (the labels' `%d` and `%@`).
  func replacingFirst(_ target: String, with replacement: String) -> String {
    guard let range = utf8Range(of: target) else { return self }
    return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
  }

  /// Where `target` first occurs, byte for byte: on UTF-8 rather than through Foundation,
  /// which bridges to NSString on Linux and costs more than rendering the text.
  func utf8Range(of target: String) -> Range<String.Index>? {
    var text = self
    var needle = target
    let offset: Int? = text.withUTF8 { bytes in
      needle.withUTF8 { wanted in
        guard let first = wanted.first, wanted.count <= bytes.count else { return nil }
        let last = bytes.count - wanted.count
        var index = 0
        while index <= last, let found = bytes[index...last].firstIndex(of: first) {
          if bytes[found..<found + wanted.count].elementsEqual(wanted) { return found }
          index = found + 1
        }
        return nil
      }
    }
    guard let offset else { return nil }
    let start = utf8.index(startIndex, offsetBy: offset)
    return start..<utf8.index(start, offsetBy: target.utf8.count)
  }
}

extension String {
  /// "Ark 2" from "ark 2": the first letter upper-cased, the rest as it is.
  public var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

extension String {
  /// "opsamling fra 2. møde" from "Opsamling fra 2. møde".
  var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}

extension String {
  /// Whether the text starts with `prefix`, letter case aside: what
  /// `lowercased().hasPrefix(prefix.lowercased())` says, decided on the bytes when they
  /// settle it (the same bytes, or plain ASCII letters up to where the prefix ends).
  func hasPrefixIgnoringCase(_ prefix: String) -> Bool {
    var text = self
    var prefix = prefix
    let decided: Bool? = text.withUTF8 { text in
      prefix.withUTF8 { prefix in
        guard prefix.count <= text.count else { return nil }
        // After the prefix, a combining mark (never ASCII) would join its last letter, and
        // a line feed a carriage return.
        let endsApart =
          prefix.last != 0x0D && (prefix.count == text.count || text[prefix.count] < 0x80)
        if endsApart, prefix.indices.allSatisfy({ text[$0] == prefix[$0] }) { return true }
        for index in prefix.indices {
          let (a, b) = (text[index], prefix[index])
          // Outside ASCII a letter's lower case may be longer or ASCII itself (K, the
          // kelvin sign); a carriage return joins a line feed into one character.
          guard a < 0x80, b < 0x80, b != 0x0D else { return nil }
          if Self.asciiLowercase(a) != Self.asciiLowercase(b) { return false }
        }
        return endsApart ? true : nil
      }
    }
    return decided ?? lowercased().hasPrefix(prefix.lowercased())
  }

  private static func asciiLowercase(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
  }
}
