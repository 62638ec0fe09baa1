// The sketch kernel of spec §4.4 (R-MinHash, ALGORITHM_VERSION 2), in its own module so that it
// is compiled twice: inlined into MinHash for the portable baseline (SSE2), and here for
// `haswell` (AVX2: the fallback's 64-bit multiplies run four lanes at a time instead of two) when
// Package.swift builds this module with `-target-cpu haswell` (x86-64 hosts). MinHash calls
// `sketchKernelWide` only after checking that the CPU has those features (`WideKernel`), as rensa
// picks its kernel at run time.
//
// Each token hash proposes one candidate in each of three bucket rounds, and a per-slot fallback
// covers the slots that no round reached. A slot keeps the minimum candidate, so updates are
// incremental and exact. A candidate's top two bits are its round (3 = fallback), so every bucket
// candidate is below every fallback candidate: with at least 2·num_perm tokens in a batch the
// kernel skips later rounds once a round leaves no slot above its range (with fewer, all three
// rounds run in one pass), and it computes the fallback only for the slots still at or above
// 3·2**30.
//
// The bucket rounds mix each token hash with SplitMix64 and scatter the candidate into its slot.
// Without vector 64-bit multiplies (`splitMixing` false) mixing and scattering share one scalar
// loop, which keeps the multipliers busy; with them, they split into a branch-free mixing loop
// over contiguous `UInt64`s, which the compiler vectorizes, and a scalar scatter loop: about twice
// as fast there, 10–15% slower on baseline x86-64. The fallback loops vectorize in both builds.

/// `3·2**30`: the floor of fallback candidates; a slot at or above it has no bucket value yet.
public let fallbackFloor: UInt32 = 3 &<< 30

/// Tokens mixed per inner chunk: three rounds of mixes of one chunk stay in L1.
public let mixChunk = 256

/// SplitMix64, `S(x)` (spec §4.1).
@inlinable @inline(__always)
func kernelSplitMix64(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z &>> 31)
}

/// The kernel compiled in this module (for `haswell` when Package.swift says so). Call it only
/// when the CPU has what this module was compiled for. Not inlinable, so that it stays this
/// module's code.
@inline(never)
public func sketchKernelWide(
    hashes: UnsafeMutablePointer<UInt64>, hashCount: Int, into values: UnsafeMutablePointer<UInt32>,
    mixes: UnsafeMutablePointer<UInt64>, slotCount: Int, rejectionThreshold threshold: UInt32,
    roundSeeds: (UInt64, UInt64, UInt64), fallbackSeed: UInt64,
    multipliers: UnsafePointer<UInt64>, increments: UnsafePointer<UInt64>
) {
    // AVX2 has no 64-bit vector multiply either, but four lanes of the emulation (vpmuludq)
    // pay: the separate mixing loop measured as fast or faster than the fused scalar one here
    // (noisy, shared machine), and the fallback loops get four lanes instead of two.
    sketchKernel(
        hashes: hashes, hashCount: hashCount, into: values, mixes: mixes, slotCount: slotCount,
        rejectionThreshold: threshold, roundSeeds: roundSeeds, fallbackSeed: fallbackSeed,
        multipliers: multipliers, increments: increments, splitMixing: true)
}

/// Lowers each of the `slotCount` slots at `values` to the minimum of itself and every candidate
/// that the `hashCount` token hashes at `hashes` propose, for the permutation pairs
/// (`multipliers`, `increments`) and the constants derived from them. `mixes` is scratch space
/// for `3 * mixChunk` values. Overwrites the hashes (with their fallback mixes) when a fallback
/// is needed. `splitMixing`: mix in a separate loop (for vector 64-bit multiplies).
///
/// No closures in here, and every helper inlined: a closure or a helper left out of line would be
/// this module's code, compiled for the wide CPU, and the portable inlined copy would call it.
@inlinable @inline(__always)
public func sketchKernel(
    hashes: UnsafeMutablePointer<UInt64>, hashCount: Int, into values: UnsafeMutablePointer<UInt32>,
    mixes: UnsafeMutablePointer<UInt64>, slotCount: Int, rejectionThreshold threshold: UInt32,
    roundSeeds: (UInt64, UInt64, UInt64), fallbackSeed: UInt64,
    multipliers: UnsafePointer<UInt64>, increments: UnsafePointer<UInt64>, splitMixing: Bool
) {
    guard hashCount > 0 else { return }
    let slots = UInt64(truncatingIfNeeded: slotCount)
    let (seed0, seed1, seed2) = roundSeeds

    if hashCount < 2 &* slotCount {
        // Too few tokens for one round to fill every slot: all three rounds in one pass.
        if splitMixing {
            let mixes0 = mixes
            let mixes1 = mixes + mixChunk
            let mixes2 = mixes + 2 &* mixChunk
            var start = 0
            while start < hashCount {
                let length = Swift.min(mixChunk, hashCount &- start)
                let chunk = hashes + start
                for index in 0..<length {
                    let hash = chunk[index]
                    mixes0[index] = kernelSplitMix64(hash ^ seed0)
                    mixes1[index] = kernelSplitMix64(hash ^ seed1)
                    mixes2[index] = kernelSplitMix64(hash ^ seed2)
                }
                for index in 0..<length {
                    lower(values, mix: mixes0[index], round: 0, slots: slots, threshold: threshold)
                    lower(values, mix: mixes1[index], round: 1, slots: slots, threshold: threshold)
                    lower(values, mix: mixes2[index], round: 2, slots: slots, threshold: threshold)
                }
                start &+= length
            }
        } else {
            for index in 0..<hashCount {
                let hash = hashes[index]
                lower(values, mix: kernelSplitMix64(hash ^ seed0), round: 0, slots: slots, threshold: threshold)
                lower(values, mix: kernelSplitMix64(hash ^ seed1), round: 1, slots: slots, threshold: threshold)
                lower(values, mix: kernelSplitMix64(hash ^ seed2), round: 2, slots: slots, threshold: threshold)
            }
        }
    } else {
        for round: UInt32 in 0..<3 {
            let seed = round == 0 ? seed0 : (round == 1 ? seed1 : seed2)
            if splitMixing {
                var start = 0
                while start < hashCount {
                    let length = Swift.min(mixChunk, hashCount &- start)
                    let chunk = hashes + start
                    for index in 0..<length {
                        mixes[index] = kernelSplitMix64(chunk[index] ^ seed)
                    }
                    for index in 0..<length {
                        lower(values, mix: mixes[index], round: round, slots: slots, threshold: threshold)
                    }
                    start &+= length
                }
            } else {
                for index in 0..<hashCount {
                    let mix = kernelSplitMix64(hashes[index] ^ seed)
                    lower(values, mix: mix, round: round, slots: slots, threshold: threshold)
                }
            }
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

    for index in 0..<hashCount {
        hashes[index] = kernelSplitMix64(hashes[index] ^ fallbackSeed)
    }
    let a = multipliers
    let b = increments
    if missing &* 4 >= slotCount {
        // Many empty slots (short documents): every slot per token, branch-free;
        // a slot with a bucket value is below every fallback candidate anyway.
        // (Gathering the empty slots' pairs first measured slower.)
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

/// Lowers the slot that a round's mix selects to that mix's candidate.
@inlinable @inline(__always)
func lower(
    _ values: UnsafeMutablePointer<UInt32>, mix: UInt64, round: UInt32, slots: UInt64, threshold: UInt32
) {
    let slot = bucketSlot(of: mix, slots: slots, threshold: threshold)
    let candidate = (round &<< 30) | UInt32(truncatingIfNeeded: mix &>> 34)
    values[slot] = Swift.min(values[slot], candidate)
}

/// The slot of a round's mix: Lemire's reduction of its low 32 bits, rejecting the incomplete
/// interval (`threshold` is `2**32 mod slots`: 0, so never, for powers of two).
@inlinable @inline(__always)
func bucketSlot(of mix: UInt64, slots: UInt64, threshold: UInt32) -> Int {
    var product = (mix & 0xFFFF_FFFF) &* slots
    if UInt32(truncatingIfNeeded: product) < threshold {
        product = rejectedProduct(mix, slots: slots, threshold: threshold)
    }
    return Int(truncatingIfNeeded: product &>> 32)
}

/// Lemire's reduction after a rejection: remix until the low product clears the threshold.
/// Inlined (a rare path, but a call would run this module's build, which needs the wide CPU).
@inlinable @inline(__always)
func rejectedProduct(_ mix: UInt64, slots: UInt64, threshold: UInt32) -> UInt64 {
    var candidate = mix
    while true {
        candidate = kernelSplitMix64(candidate)
        let product = (candidate & 0xFFFF_FFFF) &* slots
        if UInt32(truncatingIfNeeded: product) >= threshold {
            return product
        }
    }
}

@inlinable @inline(__always)
func maximum(_ values: UnsafeMutablePointer<UInt32>, _ count: Int) -> UInt32 {
    var result: UInt32 = 0
    for index in 0..<count {
        result = Swift.max(result, values[index])
    }
    return result
}
