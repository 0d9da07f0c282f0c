import Testing

@testable import WorkshopKit

/// A participant's e-mail is one address, as a mail program takes it; anything else is
/// warned about (`email-address`), since `links` prints it beside each personal link.
@Suite struct EmailAddressTests {
  @Test(arguments: [
    "lone.bisgaard@example.org", "Jakob.Friis+kursus@sub.example.dk", "søren.bæk@bibliotek.dk", "a@b.co",
  ])
  func anAddressIsAccepted(_ text: String) {
    #expect(NodeReader.isEmailAddress(text))
  }

  @Test(arguments: [
    "Jakob Friis <jakob.friis@example.org>", "jakob.friis@example", "jakob.friis@@example.org",
    "jakob.friis(at)example.org", "jakob.friis@example.org,", "@example.org", "jakob@example..org",
    "jakob@exam ple.org", "jakob@example.org.", "jakob.friis", "a@b.c; d@e.f",
  ])
  func anythingElseIsNot(_ text: String) {
    #expect(!NodeReader.isEmailAddress(text))
  }
}
