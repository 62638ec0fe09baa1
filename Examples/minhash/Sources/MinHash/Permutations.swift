import Synchronization

/// The permutation pairs `(a_i, b_i)` of one `(num_perm, seed)` (spec §4.3), in two contiguous
/// arrays, plus the constants the sketch kernel derives from them. Immutable and shared: every
/// sketch with the same parameters points at one table.
final class Permutations: Sendable {
    let count: Int
    let seed: UInt64
    /// `a_i`, always odd.
    let multipliers: [UInt64]
    /// `b_i`.
    let increments: [UInt64]
    /// The seeds of bucket rounds 0, 1, 2: `b_0 ⊕ 0x6A09E667F3BCC909 ⊕ r·0x3C6EF372FE94F82B`.
    let roundSeeds: (UInt64, UInt64, UInt64)
    /// The fallback seed, `a_0 ⊕ 0xBB67AE8584CAA73B`.
    let fallbackSeed: UInt64
    /// `2**32 mod count`: Lemire reduction rejects low products below it (0 for powers of two).
    let rejectionThreshold: UInt32

    /// `count` must be in 1...UInt32.max.
    init(count: Int, seed: UInt64) {
        precondition(count > 0 && count <= Int(UInt32.max))
        self.count = count
        self.seed = seed
        var generator = Xoshiro256PlusPlus(seed: seed)
        var multipliers = [UInt64](repeating: 0, count: count)
        var increments = [UInt64](repeating: 0, count: count)
        for index in 0..<count {
            multipliers[index] = generator.next() | 1
            increments[index] = generator.next()
        }
        self.multipliers = multipliers
        self.increments = increments
        let bucketSeed = increments[0] ^ 0x6A09_E667_F3BC_C909
        let roundDomain: UInt64 = 0x3C6E_F372_FE94_F82B
        roundSeeds = (bucketSeed, bucketSeed ^ roundDomain, bucketSeed ^ (2 &* roundDomain))
        fallbackSeed = multipliers[0] ^ 0xBB67_AE85_84CA_A73B
        let count32 = UInt32(count)
        rejectionThreshold = (0 &- count32) % count32
    }

    private struct Key: Hashable {
        let count: Int
        let seed: UInt64
    }

    /// At most this many tables are cached; the cache is emptied when it is full (as rensa does).
    private static let cacheLimit = 16
    private static let cache = Mutex<[Key: Permutations]>([:])

    /// The table for `(count, seed)`, computed once and then shared.
    static func shared(count: Int, seed: UInt64) -> Permutations {
        let key = Key(count: count, seed: seed)
        if let table = cache.withLock({ $0[key] }) {
            return table
        }
        let table = Permutations(count: count, seed: seed)
        cache.withLock { tables in
            if tables.count >= cacheLimit {
                tables.removeAll(keepingCapacity: true)
            }
            tables[key] = table
        }
        return table
    }
}
