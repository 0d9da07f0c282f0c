import Foundation
import Testing

@testable import WorkshopKit

/// The QR codes on the link slips: the smallest version that holds the text at level M,
/// the standard's Reed–Solomon codewords, its fixed patterns and format information, and a
/// known link's code module for module (one that zbarimg read back as the link when it was
/// recorded; CI reads every printed slip's code the same way, Tests/browser/slips_qr.py).
@Suite struct QRCodeTests {
  static let link = "https://kurs.example.org/f/lkcWXK5YnZZpH08ftsB1j0WYp3qkyA43O20zy61XrpI"

  @Test func theSmallestVersionThatHoldsTheTextIsUsed() throws {
    #expect(try #require(QRCode("HELLO")).version == 1)
    #expect(try #require(QRCode(String(repeating: "x", count: 14))).version == 1)
    #expect(try #require(QRCode(String(repeating: "x", count: 15))).version == 2)
    #expect(try #require(QRCode(Self.link)).version == 5)
    #expect(try #require(QRCode(String(repeating: "x", count: QRCode.capacity))).version == 10)
    #expect(QRCode(String(repeating: "x", count: QRCode.capacity + 1)) == nil)
  }

  /// ISO/IEC 18004's worked example: "01234567" at version 1-M, its 16 data codewords and
  /// the 10 error-correction codewords the standard gives for them.
  @Test func reedSolomonGivesTheStandardsCodewords() {
    let data: [UInt8] = [
      0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11,
    ]
    let ec = QRCode.ReedSolomon.remainder(data, QRCode.ReedSolomon.divisor(degree: 10))
    #expect(ec == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
  }

  /// Finders in three corners, timing rows, the dark module, and both copies of the format
  /// information saying level M and the mask the code was drawn with.
  @Test(arguments: ["HELLO", Self.link, String(repeating: "å", count: 80)])
  func theFixedPatternsAndFormatAreInPlace(_ text: String) throws {
    let code = try #require(QRCode(text))
    let (m, n) = (code.modules, code.size)
    #expect(n == 17 + 4 * code.version)
    for (row, column) in [(0, 0), (0, n - 7), (n - 7, 0)] {
      for dy in 0..<7 {
        for dx in 0..<7 {
          let ring = max(abs(dx - 3), abs(dy - 3))
          #expect(m[row + dy][column + dx] == (ring != 2), "finder at \(row),\(column)")
        }
      }
    }
    for index in 8..<(n - 8) {
      #expect(m[6][index] == (index % 2 == 0) && m[index][6] == (index % 2 == 0))
    }
    #expect(m[n - 8][8])
    func bits(_ cells: [(Int, Int)]) -> Int { cells.reduce(0) { $0 << 1 | (m[$1.0][$1.1] ? 1 : 0) } }
    // Bit 14 first: the first copy around the top-left finder, the second split in two.
    let first = bits(
      (9..<15).reversed().map { (8, 14 - $0) } + [(8, 7), (8, 8), (7, 8)] + (0...5).reversed().map { ($0, 8) })
    let second = bits((8..<15).reversed().map { (n - 15 + $0, 8) } + (0..<8).reversed().map { (8, n - 1 - $0) })
    #expect(first == second)
    let format = first ^ 0x5412
    #expect(format >> 13 == 0b00, "level M")
    #expect((format >> 10) & 0b111 == code.mask)
  }

  @Test func aKnownLinksCodeIsTheSameModuleForModule() throws {
    let code = try #require(QRCode(Self.link))
    let recorded = try String(
      contentsOf: Paths.fixtures.appendingPathComponent("qr/link.txt"), encoding: .utf8)
    #expect(code.modules.map { $0.map { $0 ? "1" : "0" }.joined() }.joined(separator: "\n") + "\n" == recorded)
  }
}
