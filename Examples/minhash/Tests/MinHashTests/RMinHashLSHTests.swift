import Testing
import MinHash

// Spec §3: RMinHashLSH. The expected query results were checked against rensa 0.5.0.

/// A sketch with exactly `values` as its digest, through the public state API.
func sketch(_ values: [UInt32], seed: UInt64 = 1) throws -> RMinHash {
    var state = Array("Rensa:RMinHash:2\0".utf8)
    func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            state.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        state.append(UInt8(rest))
    }
    varint(0x524D_4802)
    varint(UInt64(values.count))
    varint(seed)
    varint(UInt64(values.count))
    values.forEach { varint(UInt64($0)) }
    let result = try RMinHash(numPerm: 1, seed: 0)
    try result.__setstate__(state: state)
    return result
}

@Test func parametersAreCheckedInOrder() {
    #expect(throws: MinHashError.invalidThreshold) { try RMinHashLSH(threshold: .nan, numPerm: 0, numBands: 0) }
    #expect(throws: MinHashError.invalidThreshold) { try RMinHashLSH(threshold: .infinity, numPerm: 8, numBands: 2) }
    #expect(throws: MinHashError.invalidThreshold) { try RMinHashLSH(threshold: -.infinity, numPerm: 8, numBands: 2) }
    #expect(throws: MinHashError.invalidThreshold) { try RMinHashLSH(threshold: 1.0000001, numPerm: 8, numBands: 2) }
    #expect(throws: MinHashError.invalidThreshold) { try RMinHashLSH(threshold: -0.1, numPerm: 8, numBands: 2) }
    #expect(throws: MinHashError.numPermZero) { try RMinHashLSH(threshold: 0.5, numPerm: 0, numBands: 0) }
    #expect(throws: MinHashError.numBandsZero) { try RMinHashLSH(threshold: 0.5, numPerm: 8, numBands: 0) }
    #expect(throws: MinHashError.tooManyBands(numBands: 9, numPerm: 8)) {
        try RMinHashLSH(threshold: 0.5, numPerm: 8, numBands: 9)
    }
    #expect(throws: MinHashError.bandsDoNotDivide(numPerm: 8, numBands: 3)) {
        try RMinHashLSH(threshold: 0.5, numPerm: 8, numBands: 3)
    }
    #expect(throws: Never.self) { try RMinHashLSH(threshold: 0.0, numPerm: 8, numBands: 8) }
    #expect(throws: Never.self) { try RMinHashLSH(threshold: 1.0, numPerm: 8, numBands: 1) }
    #expect(throws: MinHashError.numPermTooLarge(numPerm: 1 << 32)) {
        try RMinHashLSH(threshold: 0.5, numPerm: 1 << 32, numBands: 1 << 31)
    }
    #expect(throws: MinHashError.bandsDoNotDivide(numPerm: .max, numBands: 2)) {
        try RMinHashLSH(threshold: 0.5, numPerm: .max, numBands: 2)
    }
}

@Test func parameterErrorMessagesAreRensas() {
    #expect(MinHashError.invalidThreshold.description == "threshold must be a finite value between 0.0 and 1.0")
    #expect(MinHashError.numBandsZero.description == "num_bands must be greater than 0")
    #expect(
        MinHashError.tooManyBands(numBands: 9, numPerm: 8).description
            == "num_bands (9) must be less than or equal to num_perm (8)")
    #expect(
        MinHashError.bandsDoNotDivide(numPerm: 8, numBands: 3).description
            == "num_perm (8) must be divisible by num_bands (3)")
    #expect(
        MinHashError.permutationCountMismatch(length: 4, expected: 8).description
            == "MinHash has 4 permutations but LSH expects 8")
    #expect(MinHashError.keyOverflow.description == "start_key + offset exceeds the maximum key")
}

@Test func gettersReturnTheParameters() throws {
    let index = try RMinHashLSH(threshold: 0.7, numPerm: 128, numBands: 16)
    #expect(index.getNumPerm() == 128)
    #expect(index.getNumBands() == 16)
    #expect(index.__getnewargs__() == (0.7, 128, 16))
}

@Test func insertQueryRemoveFollowBandsAndInsertionOrder() throws {
    let a = try sketch([1, 1, 2, 2, 3, 3, 4, 4])
    let b = try sketch([1, 1, 9, 9, 9, 9, 9, 9])  // band 0 as a
    let c = try sketch([7, 7, 2, 2, 8, 8, 8, 8])  // band 1 as a
    let d = try sketch([0, 0, 0, 0, 0, 0, 4, 4])  // band 3 as a
    let e = try sketch([5, 5, 5, 5, 5, 5, 5, 5])
    let index = try RMinHashLSH(threshold: 0.5, numPerm: 8, numBands: 4)
    #expect(try index.query(minhash: a) == [])
    #expect(index.remove(key: 1) == false)

    try index.insert(key: 10, minhash: a)
    try index.insert(key: 20, minhash: b)
    try index.insert(key: 30, minhash: c)
    try index.insert(key: 40, minhash: d)
    #expect(try index.query(minhash: a) == [10, 20, 30, 40])
    #expect(try index.query(minhash: b) == [10, 20])
    #expect(try index.query(minhash: c) == [30, 10])
    #expect(try index.query(minhash: e) == [])

    // Re-inserting a key moves it to the end of its bucket lists.
    try index.insert(key: 10, minhash: a)
    #expect(try index.query(minhash: a) == [20, 10, 30, 40])

    #expect(index.remove(key: 30))
    #expect(try index.query(minhash: a) == [20, 10, 40])
    #expect(index.remove(key: 30) == false)

    #expect(try index.queryAll(minhashes: [a, c, e]) == [[20, 10, 40], [10], []])
    #expect(try index.queryDuplicateFlags(minhashes: [a, c, e, b]) == [true, false, false, true])
    #expect(try index.queryAll(minhashes: []) == [])
}

/// `queryAll` runs small batches on the calling thread and large ones on every core: both give
/// `query`'s candidates, in order.
@Test(arguments: [3, 2_047, 2_048, 5_000])
func queryAllMatchesQueryAtEverySize(count: Int) throws {
    let index = try RMinHashLSH(threshold: 0.5, numPerm: 8, numBands: 4)
    let stored = try (0..<40).map { i in try sketch((0..<8).map { UInt32(($0 * 7 + i) % 11) }) }
    try index.insertMany(minhashes: stored, startKey: 100)
    // Every other query is a stored sketch (candidates), the rest mostly new ones.
    let queries = try (0..<count).map { i in
        i.isMultiple(of: 2) ? stored[i % stored.count] : try sketch((0..<8).map { UInt32(($0 * 3 + i) % 13) })
    }
    let expected = try queries.map { try index.query(minhash: $0) }
    #expect(expected.contains { $0.count > 1 })
    #expect(try index.queryAll(minhashes: queries) == expected)
}

@Test func reinsertingWithANewSketchDropsTheOldBands() throws {
    let index = try RMinHashLSH(threshold: 0.5, numPerm: 4, numBands: 2)
    let old = try sketch([1, 1, 2, 2])
    let new = try sketch([3, 3, 4, 4])
    try index.insert(key: 1, minhash: old)
    try index.insert(key: 1, minhash: new)
    #expect(try index.query(minhash: old) == [])
    #expect(try index.query(minhash: new) == [1])
}

@Test func emptySketchesAreCandidatesOfEachOther() throws {
    let index = try RMinHashLSH(threshold: 0.9, numPerm: 16, numBands: 4)
    try index.insertMany(minhashes: [try RMinHash(numPerm: 16, seed: 1), try RMinHash(numPerm: 16, seed: 2)])
    #expect(try index.query(minhash: try RMinHash(numPerm: 16, seed: 3)) == [0, 1])
}

@Test func lengthIsCheckedButNotTheSeed() throws {
    let index = try RMinHashLSH(threshold: 0.5, numPerm: 8, numBands: 4)
    let short = try sketch([1, 1, 1, 1])
    #expect(throws: MinHashError.permutationCountMismatch(length: 4, expected: 8)) {
        try index.insert(key: 1, minhash: short)
    }
    #expect(throws: MinHashError.permutationCountMismatch(length: 4, expected: 8)) {
        try index.query(minhash: short)
    }
    #expect(throws: MinHashError.permutationCountMismatch(length: 4, expected: 8)) {
        try index.queryAll(minhashes: [try sketch([1, 1, 1, 1, 1, 1, 1, 1]), short])
    }
    #expect(throws: MinHashError.permutationCountMismatch(length: 4, expected: 8)) {
        try index.queryDuplicateFlags(minhashes: [short])
    }
    try index.insert(key: 5, minhash: try sketch([1, 1, 1, 1, 1, 1, 1, 1], seed: 1))
    #expect(try index.query(minhash: try sketch([1, 1, 1, 1, 1, 1, 1, 1], seed: 99)) == [5])
}

@Test func insertManyUsesSequentialKeysAndIsNotAtomic() throws {
    let a = try sketch([1, 1, 2, 2, 3, 3, 4, 4])
    let b = try sketch([1, 1, 9, 9, 9, 9, 9, 9])
    let c = try sketch([7, 7, 2, 2, 8, 8, 8, 8])
    let index = try RMinHashLSH(threshold: 0.5, numPerm: 8, numBands: 4)
    try index.insertMany(minhashes: [a, b, c], startKey: 100)
    #expect(try index.query(minhash: a) == [100, 101, 102])
    try index.insertMany(minhashes: [c])  // start_key defaults to 0
    #expect(try index.query(minhash: c) == [102, 0, 100])

    let overflowing = try RMinHashLSH(threshold: 0.5, numPerm: 8, numBands: 4)
    #expect(throws: MinHashError.keyOverflow) {
        try overflowing.insertMany(minhashes: [a, b, c], startKey: .max - 1)
    }
    #expect(try overflowing.query(minhash: a) == [.max - 1, .max])
}

@Test func insertPairsIsInOrderAndNotAtomic() throws {
    let a = try sketch([1, 1, 2, 2, 3, 3, 4, 4])
    let b = try sketch([1, 1, 9, 9, 9, 9, 9, 9])
    let index = try RMinHashLSH(threshold: 0.5, numPerm: 8, numBands: 4)
    try index.insertPairs(entries: [(7, b), (3, a)] as [(UInt64, RMinHash)])
    #expect(try index.query(minhash: a) == [7, 3])
    #expect(throws: MinHashError.permutationCountMismatch(length: 4, expected: 8)) {
        try index.insertPairs(entries: [(1, a), (2, try sketch([1, 1, 1, 1])), (3, b)] as [(UInt64, RMinHash)])
    }
    // (1, a) stayed; (3, b) never replaced (3, a).
    #expect(try index.query(minhash: a) == [7, 3, 1])
    #expect(try index.query(minhash: b) == [7, 3, 1])
}

@Test func isSimilarComparesJaccardWithTheThreshold() throws {
    let a = try sketch([1, 1, 2, 2, 3, 3, 4, 4])
    let b = try sketch([1, 1, 9, 9, 9, 9, 9, 9])  // jaccard 0.25
    #expect(try RMinHashLSH(threshold: 0.5, numPerm: 8, numBands: 4).isSimilar(minhash1: a, minhash2: b) == false)
    #expect(try RMinHashLSH(threshold: 0.25, numPerm: 8, numBands: 4).isSimilar(minhash1: a, minhash2: b))
    // Ignores the index's num_perm, raises jaccard's errors.
    #expect(try RMinHashLSH(threshold: 0.25, numPerm: 16, numBands: 4).isSimilar(minhash1: a, minhash2: b))
    let index = try RMinHashLSH(threshold: 0.5, numPerm: 8, numBands: 4)
    #expect(throws: MinHashError.numPermMismatch(left: 8, right: 4)) {
        try index.isSimilar(minhash1: a, minhash2: try sketch([1, 1, 1, 1]))
    }
    #expect(throws: MinHashError.seedMismatch(left: 1, right: 2)) {
        try index.isSimilar(minhash1: a, minhash2: try sketch([1, 1, 9, 9, 9, 9, 9, 9], seed: 2))
    }
}

@Test func nearDuplicatesFromTokensAreFound() throws {
    let base = (0..<200).map { "word\($0)" }
    let documents = [
        base, base.dropLast(4) + ["x1", "x2", "x3", "x4"], (0..<200).map { "other\($0)" },
    ]
    let sketches = try RMinHash.fromTokenSets(tokenSets: documents.map { Array($0) }, numPerm: 128, seed: 42)
    let index = try RMinHashLSH(threshold: 0.8, numPerm: 128, numBands: 32)
    try index.insertMany(minhashes: sketches)
    #expect(try index.query(minhash: sketches[0]) == [0, 1])
    #expect(try index.query(minhash: sketches[2]) == [2])
    #expect(try index.queryDuplicateFlags(minhashes: sketches) == [true, true, false])
    #expect(try index.isSimilar(minhash1: sketches[0], minhash2: sketches[1]))
}
