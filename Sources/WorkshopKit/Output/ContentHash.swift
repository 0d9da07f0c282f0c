/// SHA-256 of the inputs of a build, written here so the core library needs no crypto
/// package: the manifest of an incremental build compares these to decide what to skip,
/// and a wrong skip costs far more than hashing a few megabytes.
public struct ContentHash {
  private var state: [UInt32] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
  ]
  private var pending: [UInt8] = []
  private var length: UInt64 = 0

  public init() {}

  public mutating func update(_ bytes: some Collection<UInt8>) {
    length &+= UInt64(bytes.count)
    pending.append(contentsOf: bytes)
    guard pending.count >= 64 else { return }
    let whole = pending.count - pending.count % 64
    pending.withUnsafeBufferPointer { buffer in
      var offset = 0
      while offset < whole {
        compress(buffer, at: offset)
        offset += 64
      }
    }
    pending.removeFirst(whole)
  }

  /// A string, then a separator no UTF-8 text contains, so `"ab" + "c"` differs from `"a" + "bc"`.
  public mutating func update(field text: String) {
    update(text.utf8)
    update(CollectionOfOne(0xFF))
  }

  /// The digest as 64 lowercase hex digits.
  public func finalize() -> String {
    var copy = self
    let bits = length &* 8
    copy.pending.append(0x80)
    while copy.pending.count % 64 != 56 { copy.pending.append(0) }
    for shift in stride(from: 56, through: 0, by: -8) { copy.pending.append(UInt8(truncatingIfNeeded: bits >> shift)) }
    copy.pending.withUnsafeBufferPointer { buffer in
      var offset = 0
      while offset < buffer.count {
        copy.compress(buffer, at: offset)
        offset += 64
      }
    }
    let digits = Array("0123456789abcdef".utf8)
    var hex: [UInt8] = []
    hex.reserveCapacity(64)
    for word in copy.state {
      for shift in stride(from: 28, through: 0, by: -4) { hex.append(digits[Int((word >> UInt32(shift)) & 0xF)]) }
    }
    return String(decoding: hex, as: UTF8.self)
  }

  public static func of(_ bytes: some Collection<UInt8>) -> String {
    var hash = ContentHash()
    hash.update(bytes)
    return hash.finalize()
  }

  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]

  /// One 64-byte block into the state. The message schedule lives on the stack and the
  /// rounds read it and the constants through pointers: no array is made per block.
  private mutating func compress(_ block: UnsafeBufferPointer<UInt8>, at offset: Int) {
    precondition(offset >= 0 && offset + 64 <= block.count)
    let bytes = block.baseAddress! + offset
    let (a0, b0, c0, d0, e0, f0, g0, h0) = (
      state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7]
    )
    let sums: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
        let words = UnsafeRawPointer(bytes)
        for i in 0..<16 { w[i] = UInt32(bigEndian: words.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)) }
        for i in 16..<64 {
          let s0 = w[i - 15].rotatedRight(7) ^ w[i - 15].rotatedRight(18) ^ (w[i - 15] >> 3)
          let s1 = w[i - 2].rotatedRight(17) ^ w[i - 2].rotatedRight(19) ^ (w[i - 2] >> 10)
          w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
        }
        return Self.k.withUnsafeBufferPointer { k in
          var (a, b, c, d, e, f, g, h) = (a0, b0, c0, d0, e0, f0, g0, h0)
          // Eight rounds at a time, the letters' roles turning instead of the values moving.
          var i = 0
          while i < 64 {
            Self.round(a, b, c, &d, e, f, g, &h, k[i] &+ w[i])
            Self.round(h, a, b, &c, d, e, f, &g, k[i + 1] &+ w[i + 1])
            Self.round(g, h, a, &b, c, d, e, &f, k[i + 2] &+ w[i + 2])
            Self.round(f, g, h, &a, b, c, d, &e, k[i + 3] &+ w[i + 3])
            Self.round(e, f, g, &h, a, b, c, &d, k[i + 4] &+ w[i + 4])
            Self.round(d, e, f, &g, h, a, b, &c, k[i + 5] &+ w[i + 5])
            Self.round(c, d, e, &f, g, h, a, &b, k[i + 6] &+ w[i + 6])
            Self.round(b, c, d, &e, f, g, h, &a, k[i + 7] &+ w[i + 7])
            i += 8
          }
          return (a, b, c, d, e, f, g, h)
        }
      }
    state[0] = a0 &+ sums.0
    state[1] = b0 &+ sums.1
    state[2] = c0 &+ sums.2
    state[3] = d0 &+ sums.3
    state[4] = e0 &+ sums.4
    state[5] = f0 &+ sums.5
    state[6] = g0 &+ sums.6
    state[7] = h0 &+ sums.7
  }
}

extension ContentHash {
  /// One round of FIPS 180-4's compression: `d` and `h` take the new values, the other six
  /// are read only; `kw` is the round's constant plus its schedule word.
  @inline(__always)
  fileprivate static func round(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32,
    _ h: inout UInt32, _ kw: UInt32
  ) {
    let t1 = h &+ (e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)) &+ (g ^ (e & (f ^ g))) &+ kw
    let t2 = (a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)) &+ ((a & b) | (c & (a | b)))
    d = d &+ t1
    h = t1 &+ t2
  }
}

extension UInt32 {
  fileprivate func rotatedRight(_ count: UInt32) -> UInt32 { (self >> count) | (self << (32 - count)) }
}
