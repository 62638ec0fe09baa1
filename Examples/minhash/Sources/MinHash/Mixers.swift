// The integer mixers of rensa's ALGORITHM_VERSION 2 (spec §4.1). All arithmetic wraps mod 2**64.

/// The golden-ratio increment φ of SplitMix64.
let goldenGamma: UInt64 = 0x9E37_79B9_7F4A_7C15

/// SplitMix64, `S(x)`: add φ, then the two multiply-xorshift rounds.
@inline(__always)
func splitMix64(_ value: UInt64) -> UInt64 {
    var z = value &+ goldenGamma
    z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z &>> 31)
}

/// `M(x, y)`: the 128-bit product's low half XOR its high half.
@inline(__always)
func multiplyMix(_ x: UInt64, _ y: UInt64) -> UInt64 {
    let (high, low) = x.multipliedFullWidth(by: y)
    return low ^ high
}

extension UInt64 {
    /// Rotates left by `count` bits (`count` in 1...63).
    @inline(__always)
    func rotatedLeft(_ count: UInt64) -> UInt64 {
        (self &<< count) | (self &>> (64 &- count))
    }
}

/// xoshiro256++ seeded the way Rust's `rand_xoshiro` `seed_from_u64` does (spec §4.3): word k is
/// `S(seed + k·φ)`.
struct Xoshiro256PlusPlus {
    private var w0, w1, w2, w3: UInt64

    init(seed: UInt64) {
        w0 = splitMix64(seed)
        w1 = splitMix64(seed &+ goldenGamma)
        w2 = splitMix64(seed &+ 2 &* goldenGamma)
        w3 = splitMix64(seed &+ 3 &* goldenGamma)
    }

    mutating func next() -> UInt64 {
        let result = (w0 &+ w3).rotatedLeft(23) &+ w0
        let shifted = w1 &<< 17
        w2 ^= w0
        w3 ^= w1
        w1 ^= w2
        w0 ^= w3
        w2 ^= shifted
        w3 = w3.rotatedLeft(45)
        return result
    }
}
