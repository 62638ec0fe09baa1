// The one token path: `TokenAbsorber` hashes tokens in batches and hands each batch to the
// sketch kernel (module MinHashKernel, spec §4.4), choosing its AVX2 build when the CPU has it.

import MinHashKernel

/// The largest token batch handed to the kernel at once (rensa's batch size).
let maxHashBatch = 4096

extension Permutations {
    /// Lowers each of the `count` slots at `values` to the minimum of itself and every candidate
    /// that the `hashCount` token hashes at `hashes` propose (`sketchKernel`, module
    /// MinHashKernel). `mixes` is scratch space for `3 * mixChunk` values. Overwrites the hashes.
    /// Runs the AVX2 build of the kernel when the CPU has it (`WideKernel.isAvailable`).
    @inline(__always)
    func absorb(
        hashes: UnsafeMutablePointer<UInt64>, hashCount: Int, into values: UnsafeMutablePointer<UInt32>,
        mixes: UnsafeMutablePointer<UInt64>
    ) {
        guard hashCount > 0 else { return }
        multipliers.withUnsafeBufferPointer { multipliers in
            increments.withUnsafeBufferPointer { increments in
                if WideKernel.isAvailable {
                    sketchKernelWide(
                        hashes: hashes, hashCount: hashCount, into: values, mixes: mixes, slotCount: count,
                        rejectionThreshold: rejectionThreshold, roundSeeds: roundSeeds, fallbackSeed: fallbackSeed,
                        multipliers: multipliers.baseAddress!, increments: increments.baseAddress!)
                } else {
                    #if MINHASH_WIDE_VECTORS
                    let splitMixing = true
                    #else
                    let splitMixing = false
                    #endif
                    sketchKernel(
                        hashes: hashes, hashCount: hashCount, into: values, mixes: mixes, slotCount: count,
                        rejectionThreshold: rejectionThreshold, roundSeeds: roundSeeds, fallbackSeed: fallbackSeed,
                        multipliers: multipliers.baseAddress!, increments: increments.baseAddress!,
                        splitMixing: splitMixing)
                }
            }
        }
    }
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
