// The sketch of spec §4.4 (R-MinHash, ALGORITHM_VERSION 2): each token hash proposes one
// candidate in each of three bucket rounds, and a per-slot fallback covers the slots that no
// round reached. A slot keeps the minimum candidate, so updates are incremental and exact.
//
// A candidate's top two bits are its round (3 = fallback), so every bucket candidate is below
// every fallback candidate: with at least 2·num_perm tokens in a batch the kernel skips later
// rounds once a round leaves no slot above its range (with fewer, all three rounds run in one
// pass), and it computes the fallback only for the slots still at or above 3·2**30.
//
// The bucket rounds mix each token hash with SplitMix64 and scatter the candidate into its slot.
// Built for baseline x86-64 (no vector 64-bit multiply), mixing and scattering share one scalar
// loop, which keeps the multipliers busy. Built with `MINHASH_TARGET_CPU` (Package.swift, which
// defines MINHASH_WIDE_VECTORS), they split into a branch-free mixing loop over contiguous
// `UInt64`s, which the compiler vectorizes (AVX-512 `vpmullq`), and a scalar scatter loop: about
// twice as fast there, 10–15% slower on baseline. The fallback loops vectorize in both builds.

/// `3·2**30`: the floor of fallback candidates; a slot at or above it has no bucket value yet.
let fallbackFloor: UInt32 = 3 &<< 30

/// The largest token batch handed to the kernel at once (rensa's batch size).
let maxHashBatch = 4096

/// Tokens mixed per inner chunk: three rounds of mixes of one chunk stay in L1.
let mixChunk = 256

extension Permutations {
    /// Lowers each of the `count` slots at `values` to the minimum of itself and every candidate
    /// that the `hashCount` token hashes at `hashes` propose. `mixes` is scratch space for
    /// `3 * mixChunk` values. Overwrites the hashes (with their fallback mixes) when a fallback
    /// is needed.
    func absorb(
        hashes: UnsafeMutablePointer<UInt64>, hashCount: Int, into values: UnsafeMutablePointer<UInt32>,
        mixes: UnsafeMutablePointer<UInt64>
    ) {
        guard hashCount > 0 else { return }
        let slotCount = count
        let slots = UInt64(truncatingIfNeeded: slotCount)
        let threshold = rejectionThreshold
        let (seed0, seed1, seed2) = roundSeeds

        if hashCount < 2 &* slotCount {
            // Too few tokens for one round to fill every slot: all three rounds in one pass.
            #if MINHASH_WIDE_VECTORS
            let mixes0 = mixes
            let mixes1 = mixes + mixChunk
            let mixes2 = mixes + 2 &* mixChunk
            var start = 0
            while start < hashCount {
                let length = Swift.min(mixChunk, hashCount &- start)
                let chunk = hashes + start
                for index in 0..<length {
                    let hash = chunk[index]
                    mixes0[index] = splitMix64(hash ^ seed0)
                    mixes1[index] = splitMix64(hash ^ seed1)
                    mixes2[index] = splitMix64(hash ^ seed2)
                }
                for index in 0..<length {
                    lower(values, mix: mixes0[index], round: 0, slots: slots, threshold: threshold)
                    lower(values, mix: mixes1[index], round: 1, slots: slots, threshold: threshold)
                    lower(values, mix: mixes2[index], round: 2, slots: slots, threshold: threshold)
                }
                start &+= length
            }
            #else
            for index in 0..<hashCount {
                let hash = hashes[index]
                lower(values, mix: splitMix64(hash ^ seed0), round: 0, slots: slots, threshold: threshold)
                lower(values, mix: splitMix64(hash ^ seed1), round: 1, slots: slots, threshold: threshold)
                lower(values, mix: splitMix64(hash ^ seed2), round: 2, slots: slots, threshold: threshold)
            }
            #endif
        } else {
            for round: UInt32 in 0..<3 {
                let seed = round == 0 ? seed0 : (round == 1 ? seed1 : seed2)
                #if MINHASH_WIDE_VECTORS
                var start = 0
                while start < hashCount {
                    let length = Swift.min(mixChunk, hashCount &- start)
                    let chunk = hashes + start
                    for index in 0..<length {
                        mixes[index] = splitMix64(chunk[index] ^ seed)
                    }
                    for index in 0..<length {
                        lower(values, mix: mixes[index], round: round, slots: slots, threshold: threshold)
                    }
                    start &+= length
                }
                #else
                for index in 0..<hashCount {
                    let mix = splitMix64(hashes[index] ^ seed)
                    lower(values, mix: mix, round: round, slots: slots, threshold: threshold)
                }
                #endif
                // Later rounds only propose values at or above the next round's floor.
                if maximum(values, slotCount) < (round &+ 1) &<< 30 {
                    return
                }
            }
        }

        var missing = 0
        for slot in 0..<slotCount where values[slot] >= fallbackFloor {
            missing &+= 1
        }
        guard missing > 0 else { return }

        let fallbackSeed = self.fallbackSeed
        for index in 0..<hashCount {
            hashes[index] = splitMix64(hashes[index] ^ fallbackSeed)
        }
        multipliers.withUnsafeBufferPointer { multipliers in
            increments.withUnsafeBufferPointer { increments in
                let a = multipliers.baseAddress!
                let b = increments.baseAddress!
                if missing &* 4 >= slotCount {
                    // Many empty slots (short documents): every slot per token, branch-free;
                    // a slot with a bucket value is below every fallback candidate anyway.
                    for index in 0..<hashCount {
                        let mix = hashes[index]
                        for slot in 0..<slotCount {
                            let candidate =
                                fallbackFloor | UInt32(truncatingIfNeeded: (a[slot] &* mix &+ b[slot]) &>> 34)
                            values[slot] = Swift.min(values[slot], candidate)
                        }
                    }
                } else {
                    // A few empty slots: one pass over the tokens per empty slot.
                    for slot in 0..<slotCount where values[slot] >= fallbackFloor {
                        let multiplier = a[slot]
                        let increment = b[slot]
                        var best = UInt64.max
                        for index in 0..<hashCount {
                            best = Swift.min(best, multiplier &* hashes[index] &+ increment)
                        }
                        let candidate = fallbackFloor | UInt32(truncatingIfNeeded: best &>> 34)
                        values[slot] = Swift.min(values[slot], candidate)
                    }
                }
            }
        }
    }
}

/// Lowers the slot that a round's mix selects to that mix's candidate.
@inline(__always)
private func lower(
    _ values: UnsafeMutablePointer<UInt32>, mix: UInt64, round: UInt32, slots: UInt64, threshold: UInt32
) {
    let slot = bucketSlot(of: mix, slots: slots, threshold: threshold)
    let candidate = (round &<< 30) | UInt32(truncatingIfNeeded: mix &>> 34)
    values[slot] = Swift.min(values[slot], candidate)
}

/// The slot of a round's mix: Lemire's reduction of its low 32 bits, rejecting the incomplete
/// interval (`threshold` is `2**32 mod slots`: 0, so never, for powers of two).
@inline(__always)
func bucketSlot(of mix: UInt64, slots: UInt64, threshold: UInt32) -> Int {
    var product = (mix & 0xFFFF_FFFF) &* slots
    if UInt32(truncatingIfNeeded: product) < threshold {
        product = rejectedProduct(mix, slots: slots, threshold: threshold)
    }
    return Int(truncatingIfNeeded: product &>> 32)
}

/// Lemire's reduction after a rejection: remix until the low product clears the threshold.
@inline(never)
private func rejectedProduct(_ mix: UInt64, slots: UInt64, threshold: UInt32) -> UInt64 {
    var candidate = mix
    while true {
        candidate = splitMix64(candidate)
        let product = (candidate & 0xFFFF_FFFF) &* slots
        if UInt32(truncatingIfNeeded: product) >= threshold {
            return product
        }
    }
}

@inline(__always)
private func maximum(_ values: UnsafeMutablePointer<UInt32>, _ count: Int) -> UInt32 {
    var result: UInt32 = 0
    for index in 0..<count {
        result = Swift.max(result, values[index])
    }
    return result
}

/// Hashes tokens in batches of up to `maxHashBatch` and feeds them to the kernel. The one place
/// where tokens are read; every public entry point ends here, specialized per token type.
struct TokenAbsorber {
    let permutations: Permutations
    /// Borrowed scratch space: one batch of token hashes, then the kernel's mixes.
    private let hashes: UnsafeMutablePointer<UInt64>
    private let capacity: Int
    private let mixes: UnsafeMutablePointer<UInt64>

    /// Runs `body` with an absorber whose scratch buffer (room for `expectedTokens` hashes, at
    /// most one batch, plus the kernel's mixes) lives on the stack when it fits there.
    static func with<Result>(
        _ permutations: Permutations, expectedTokens: Int, _ body: (TokenAbsorber) -> Result
    ) -> Result {
        let capacity = Swift.min(Swift.max(expectedTokens, 16), maxHashBatch)
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: capacity &+ 3 &* mixChunk) { scratch in
            let base = scratch.baseAddress!
            return body(
                TokenAbsorber(permutations: permutations, hashes: base, capacity: capacity, mixes: base + capacity))
        }
    }

    /// Adds `tokens` to the `permutations.count` slots at `values`.
    @inline(__always)
    func absorb<Tokens: Sequence>(_ tokens: Tokens, into values: UnsafeMutablePointer<UInt32>)
    where Tokens.Element: MinHashToken {
        var filled = 0
        for token in tokens {
            hashes[filled] = token.minHashTokenHash
            filled &+= 1
            if filled == capacity {
                permutations.absorb(hashes: hashes, hashCount: filled, into: values, mixes: mixes)
                filled = 0
            }
        }
        if filled > 0 {
            permutations.absorb(hashes: hashes, hashCount: filled, into: values, mixes: mixes)
        }
    }
}
