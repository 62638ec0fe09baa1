/// A locality-sensitive-hashing index over `RMinHash` digests: rensa's `RMinHashLSH`.
///
/// The digest is cut into `numBands` bands of `numPerm / numBands` consecutive values; two
/// sketches are candidates when all values of some band are equal. The threshold plays no part
/// in candidate selection; only `isSimilar` uses it. The index checks a sketch's digest length
/// against `numPerm` and never its seed. Indexes compare by identity.
public final class RMinHashLSH {
    var threshold: Double
    var numPerm: UInt64
    var numBands: UInt64
    /// `numPerm / numBands`.
    var bandSize: UInt64
    /// The buckets (per band: band hash → keys, in insertion order) and every key's band
    /// hashes. The band tables are created by the first insert (or a restored state), so that
    /// huge parameters cost nothing until a sketch can match them.
    var store: LSHStore

    /// An empty index. The arguments are checked in this order: threshold finite and in
    /// 0.0...1.0, `numPerm > 0`, `numBands > 0`, `numBands <= numPerm`, `numBands` dividing
    /// `numPerm`, and (not in rensa) `numPerm <= 4294967295`, the largest sketch.
    public init(threshold: Double, numPerm: UInt64, numBands: UInt64) throws(MinHashError) {
        try Self.validate(threshold: threshold, numPerm: numPerm, numBands: numBands)
        self.threshold = threshold
        self.numPerm = numPerm
        self.numBands = numBands
        bandSize = numPerm / numBands
        store = LSHStore(width: Int(numBands))
    }

    init(threshold: Double, numPerm: UInt64, numBands: UInt64, store: LSHStore) {
        self.threshold = threshold
        self.numPerm = numPerm
        self.numBands = numBands
        bandSize = numPerm / numBands
        self.store = store
    }

    static func validate(threshold: Double, numPerm: UInt64, numBands: UInt64) throws(MinHashError) {
        guard threshold.isFinite, threshold >= 0, threshold <= 1 else { throw .invalidThreshold }
        guard numPerm > 0 else { throw .numPermZero }
        guard numBands > 0 else { throw .numBandsZero }
        guard numBands <= numPerm else { throw .tooManyBands(numBands: numBands, numPerm: numPerm) }
        guard numPerm % numBands == 0 else { throw .bandsDoNotDivide(numPerm: numPerm, numBands: numBands) }
        // Not in rensa: no sketch has more slots, and rensa aborts on such band counts.
        guard numPerm <= UInt64(UInt32.max) else { throw .numPermTooLarge(numPerm: numPerm) }
    }

    /// Indexes `minhash` under `key`. An existing `key` is removed first, so it moves to the end
    /// of its bucket lists.
    ///
    /// - Throws: `permutationCountMismatch` when the digest length is not `numPerm`.
    public func insert(key: UInt64, minhash: RMinHash) throws(MinHashError) {
        try insert(key, digest: minhash.values)
    }

    /// Inserts each `(key, minhash)` pair in order. Not atomic: the pairs before a failing one
    /// stay inserted.
    public func insertPairs(entries: some Sequence<(UInt64, RMinHash)>) throws(MinHashError) {
        let expected = entries.underestimatedCount
        for (offset, (key, minhash)) in entries.enumerated() {
            try insert(key, digest: minhash.values)
            if offset == 0 { store.reserve(additional: expected - 1) }
        }
    }

    /// Inserts the sketches under keys `startKey`, `startKey + 1`, … Not atomic.
    ///
    /// - Throws: `keyOverflow` when a key would pass 2**64 - 1 (only once it is reached), and
    ///   `permutationCountMismatch`.
    public func insertMany(minhashes: some Sequence<RMinHash>, startKey: UInt64 = 0) throws(MinHashError) {
        let expected = minhashes.underestimatedCount
        for (offset, minhash) in minhashes.enumerated() {
            let (key, overflow) = startKey.addingReportingOverflow(UInt64(offset))
            if overflow { throw .keyOverflow }
            try insert(key, digest: minhash.values)
            // Once a sketch fits (the tables exist), room for the rest at once rather than by
            // repeated growth.
            if offset == 0 { store.reserve(additional: expected - 1) }
        }
    }

    /// Removes `key` from every band; `true` if it was present.
    @discardableResult
    public func remove(key: UInt64) -> Bool {
        store.remove(key)
    }

    /// The candidate keys of `minhash`, each once: bands in order, and within a band, insertion
    /// order. An inserted key is a candidate of its own sketch.
    ///
    /// - Throws: `permutationCountMismatch`.
    public func query(minhash: RMinHash) throws(MinHashError) -> [UInt64] {
        try checkLength(minhash.values.count)
        return candidates(of: minhash.values)
    }

    /// `query` of each sketch.
    public func queryAll(minhashes: some Sequence<RMinHash>) throws(MinHashError) -> [[UInt64]] {
        // The calling thread reads the sketches (from Python, only it may) and checks them in
        // order; the lookups, which only read the index, run on every core in chunks.
        var digests: [[UInt32]] = []
        digests.reserveCapacity(minhashes.underestimatedCount)
        for minhash in minhashes {
            try checkLength(minhash.values.count)
            digests.append(minhash.values)
        }
        guard !store.bands.isEmpty else { return digests.map { _ in [] } }
        let bandSize = Int(bandSize)
        let store = self.store
        func lookUp(_ digest: [UInt32]) -> [UInt64] {
            digest.withUnsafeBufferPointer { store.candidates(of: $0.baseAddress!, bandSize: bandSize) }
        }
        // A few chunks of work: starting a thread and waiting for it costs more than it saves.
        if digests.count < Self.parallelQueries { return digests.map(lookUp) }
        var next = 0
        let chunks = Parallel.pipeline(
            produce: { () -> QueryChunk? in
                guard next < digests.count else { return nil }
                let end = Swift.min(digests.count, next &+ Self.queryChunk)
                defer { next = end }
                return QueryChunk(digests[next..<end])
            },
            consume: { chunk in
                var found: [[UInt64]] = []
                found.reserveCapacity(chunk.digests.count)
                for digest in chunk.digests { found.append(lookUp(digest)) }
                chunk.found = found
            })
        var result: [[UInt64]] = []
        result.reserveCapacity(digests.count)
        for chunk in chunks {
            result.append(contentsOf: chunk.found)
        }
        return result
    }

    /// Queries per chunk of `queryAll`'s work (a few hundred microseconds).
    static let queryChunk = 512

    /// The fewest queries `queryAll` spreads over threads: below it (four chunks), a worker
    /// thread's start and join cost about what it would take off the calling thread.
    static let parallelQueries = 4 * queryChunk

    /// For each sketch, whether its query has more than one candidate.
    public func queryDuplicateFlags(minhashes: some Sequence<RMinHash>) throws(MinHashError) -> [Bool] {
        var result: [Bool] = []
        result.reserveCapacity(minhashes.underestimatedCount)
        for minhash in minhashes {
            try checkLength(minhash.values.count)
            result.append(hasSeveralCandidates(minhash.values))
        }
        return result
    }

    /// `minhash1.jaccard(other: minhash2) >= threshold`; ignores the index and its `numPerm`.
    ///
    /// - Throws: `jaccard`'s errors.
    public func isSimilar(minhash1: RMinHash, minhash2: RMinHash) throws(MinHashError) -> Bool {
        try minhash1.jaccard(other: minhash2) >= threshold
    }

    /// The number of permutations the index expects.
    public func getNumPerm() -> UInt64 {
        numPerm
    }

    /// The number of bands.
    public func getNumBands() -> UInt64 {
        numBands
    }

    // MARK: - Internals

    func checkLength(_ length: Int) throws(MinHashError) {
        guard UInt64(length) == numPerm else {
            throw .permutationCountMismatch(length: length, expected: numPerm)
        }
    }

    private func insert(_ key: UInt64, digest: [UInt32]) throws(MinHashError) {
        try checkLength(digest.count)
        let bandSize = Int(bandSize)
        digest.withUnsafeBufferPointer { digest in
            store.insert(key, digest: digest.baseAddress!, bandSize: bandSize)
        }
    }

    private func candidates(of digest: [UInt32]) -> [UInt64] {
        guard !store.bands.isEmpty else { return [] }
        let bandSize = Int(bandSize)
        return digest.withUnsafeBufferPointer { digest in
            store.candidates(of: digest.baseAddress!, bandSize: bandSize)
        }
    }

    private func hasSeveralCandidates(_ digest: [UInt32]) -> Bool {
        guard !store.bands.isEmpty else { return false }
        let bandSize = Int(bandSize)
        return digest.withUnsafeBufferPointer { digest in
            store.hasSeveralCandidates(digest.baseAddress!, bandSize: bandSize)
        }
    }
}

/// The band hash of spec §4.5 (rustc-hash FxHasher style, as rensa computes it).
@inline(__always)
func bandHash(_ values: UnsafePointer<UInt32>, count: Int) -> UInt64 {
    let k: UInt64 = 0xF135_7AEA_2E62_A9C5
    var hash: UInt64 = 0
    var index = 0
    while index &+ 4 <= count {
        let low = UInt64(values[index]) | (UInt64(values[index &+ 1]) &<< 32)
        let high = UInt64(values[index &+ 2]) | (UInt64(values[index &+ 3]) &<< 32)
        hash = (hash &+ low) &* k
        hash = (hash &+ high) &* k
        index &+= 4
    }
    while index < count {
        hash = (hash &+ UInt64(values[index])) &* k
        index &+= 1
    }
    return hash.rotatedLeft(26)
}

/// A run of `queryAll`'s digests and, once a thread has looked them up, their candidates.
private final class QueryChunk: @unchecked Sendable {
    let digests: ArraySlice<[UInt32]>
    var found: [[UInt64]] = []
    init(_ digests: ArraySlice<[UInt32]>) { self.digests = digests }
}
