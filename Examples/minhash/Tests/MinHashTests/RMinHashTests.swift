import Testing
import MinHash

// Spec §2: RMinHash.

@Test func constructionRejectsZeroPermutations() {
    #expect(throws: MinHashError.numPermZero) { try RMinHash(numPerm: 0, seed: 1) }
    #expect(MinHashError.numPermZero.description == "num_perm must be greater than 0")
    #expect(throws: MinHashError.numPermTooLarge(numPerm: 1 << 32)) { try RMinHash(numPerm: 1 << 32, seed: 1) }
}

@Test(arguments: [UInt64(0), 1, 42, .max])
func everySeedIsValid(seed: UInt64) throws {
    let sketch = try RMinHash(numPerm: 16, seed: seed)
    #expect(sketch.__getnewargs__() == (16, seed))
}

@Test(arguments: [UInt64(1), 3, 128, 1000])
func newSketchDigestIsAllOnes(numPerm: UInt64) throws {
    let sketch = try RMinHash(numPerm: numPerm, seed: 7)
    #expect(sketch.digest() == [UInt32](repeating: 0xFFFF_FFFF, count: Int(numPerm)))
}

@Test func algorithmVersionIsTwo() {
    #expect(RMinHash.algorithmVersion == 2)
}

@Test func updateDependsOnlyOnTheSet() throws {
    let tokens = (0..<300).map { "token-\($0)" }
    let reference = try RMinHash(numPerm: 128, seed: 5)
    reference.update(items: tokens)

    let reversed = try RMinHash(numPerm: 128, seed: 5)
    reversed.update(items: tokens.reversed())
    #expect(reversed.digest() == reference.digest())

    let repeated = try RMinHash(numPerm: 128, seed: 5)
    repeated.update(items: tokens + tokens.shuffled() + tokens.prefix(10))
    #expect(repeated.digest() == reference.digest())

    let split = try RMinHash(numPerm: 128, seed: 5)
    for chunk in stride(from: 0, to: tokens.count, by: 7) {
        split.update(items: Array(tokens[chunk..<min(chunk + 7, tokens.count)].shuffled()))
    }
    #expect(split.digest() == reference.digest())

    let emptyCall = try RMinHash(numPerm: 128, seed: 5)
    emptyCall.update(items: [] as [String])
    emptyCall.update(items: tokens)
    emptyCall.update(items: [] as [[UInt8]])
    #expect(emptyCall.digest() == reference.digest())
}

@Test func orderIndependenceHoldsPastOneBatch() throws {
    // More than 4096 tokens: the kernel sees several batches.
    let tokens = (0..<10_000).map { "w\($0 % 6000)" }
    let forward = try RMinHash(numPerm: 64, seed: 3)
    forward.update(items: tokens)
    let backward = try RMinHash(numPerm: 64, seed: 3)
    backward.update(items: tokens.reversed())
    let distinct = try RMinHash(numPerm: 64, seed: 3)
    distinct.update(items: (0..<6000).map { "w\($0)" })
    #expect(forward.digest() == backward.digest())
    #expect(forward.digest() == distinct.digest())
}

@Test func updateWithNothingLeavesTheSketchEmpty() throws {
    let sketch = try RMinHash(numPerm: 8, seed: 1)
    sketch.update(items: [] as [String])
    sketch.update(items: "")
    #expect(sketch.digest() == [UInt32](repeating: .max, count: 8))
}

@Test func stringTokenEqualsItsUTF8Bytes() throws {
    let words = ["hello", "caf\u{E9}", "", "\u{1F600} emoji", String(repeating: "long token ", count: 9)]
    let text = try RMinHash(numPerm: 64, seed: 11)
    text.update(items: words)
    let bytes = try RMinHash(numPerm: 64, seed: 11)
    bytes.update(items: words.map { Array($0.utf8) })
    #expect(text.digest() == bytes.digest())
    // Mixed across calls: still one set.
    let mixed = try RMinHash(numPerm: 64, seed: 11)
    mixed.update(items: Array(words.prefix(2)))
    mixed.update(items: words.dropFirst(2).map { Array($0.utf8) })
    #expect(mixed.digest() == text.digest())
}

@Test func topLevelStringIsOneTokenPerCharacter() throws {
    let characters = try RMinHash(numPerm: 32, seed: 2)
    characters.update(items: "abc")
    let list = try RMinHash(numPerm: 32, seed: 2)
    list.update(items: ["a", "b", "c"])
    #expect(characters.digest() == list.digest())

    // Python iterates code points, so a decomposed "é" is two tokens.
    let decomposed = try RMinHash(numPerm: 32, seed: 2)
    decomposed.update(items: "e\u{301}\u{1F600}")
    let scalars = try RMinHash(numPerm: 32, seed: 2)
    scalars.update(items: ["e", "\u{301}", "\u{1F600}"])
    #expect(decomposed.digest() == scalars.digest())

    // A long text spans several kernel batches; still one token per distinct scalar.
    let text = String((0..<20_000).map { Character(Unicode.Scalar(0x4E00 + $0 % 3000)!) })
    let long = try RMinHash(numPerm: 64, seed: 2)
    long.update(items: text)
    let distinct = try RMinHash(numPerm: 64, seed: 2)
    distinct.update(items: (0..<3000).map { String(Unicode.Scalar(0x4E00 + $0)!) })
    #expect(long.digest() == distinct.digest())
}

@Test func topLevelBytesAreOneToken() throws {
    let whole = try RMinHash(numPerm: 32, seed: 2)
    whole.update(items: Array("abc".utf8))
    let single = try RMinHash(numPerm: 32, seed: 2)
    single.update(items: ["abc"])
    let split = try RMinHash(numPerm: 32, seed: 2)
    split.update(items: ["a", "b", "c"])
    #expect(whole.digest() == single.digest())
    #expect(whole.digest() != split.digest())
}

@Test func digestIsACopy() throws {
    let sketch = try RMinHash(numPerm: 4, seed: 42)
    sketch.update(items: ["hello", "world"])
    var digest = sketch.digest()
    digest[0] = 0
    #expect(sketch.digest()[0] == 3_838_716_880)
}

@Test func jaccardCountsEqualPositions() throws {
    let left = try RMinHash(numPerm: 128, seed: 9)
    let right = try RMinHash(numPerm: 128, seed: 9)
    #expect(try left.jaccard(other: right) == 1.0)  // two empty sketches
    left.update(items: ["x"])
    #expect(try left.jaccard(other: right) == 0.0)  // empty vs non-empty
    #expect(try left.jaccard(other: left) == 1.0)

    let shared = (0..<150).map { "s\($0)" }
    left.update(items: shared + (0..<50).map { "l\($0)" })
    right.update(items: shared + ["x"] + (0..<50).map { "r\($0)" })
    let equal = zip(left.digest(), right.digest()).filter { $0 == $1 }.count
    let similarity = try left.jaccard(other: right)
    #expect(similarity == Double(equal) / 128)
    #expect(similarity > 0.45 && similarity < 0.9)  // true Jaccard: 151 / 251 ≈ 0.6
    #expect(try right.jaccard(other: left) == similarity)
}

@Test func jaccardChecksNumPermThenSeed() throws {
    let base = try RMinHash(numPerm: 8, seed: 1)
    let otherPermAndSeed = try RMinHash(numPerm: 16, seed: 2)
    let otherSeed = try RMinHash(numPerm: 8, seed: 2)
    #expect(throws: MinHashError.numPermMismatch(left: 8, right: 16)) { try base.jaccard(other: otherPermAndSeed) }
    #expect(throws: MinHashError.seedMismatch(left: 1, right: 2)) { try base.jaccard(other: otherSeed) }
    #expect(MinHashError.numPermMismatch(left: 8, right: 16).description == "num_perm mismatch: left is 8, right is 16")
    #expect(MinHashError.seedMismatch(left: 1, right: 2).description == "seed mismatch: left is 1, right is 2")
}

@Test func bulkConstructorsEqualOneByOne() throws {
    let documents = [["a", "b"], [], (0..<500).map { "t\($0)" }, ["a", "b", "a"]]
    let sketches = try RMinHash.fromTokenSets(tokenSets: documents, numPerm: 32, seed: 4)
    let digests = try RMinHash.digestsFromTokenSets(tokenSets: documents, numPerm: 32, seed: 4)
    #expect(sketches.count == 4)
    for (index, document) in documents.enumerated() {
        let single = try RMinHash(numPerm: 32, seed: 4)
        single.update(items: document)
        #expect(sketches[index].digest() == single.digest())
        #expect(digests[index] == single.digest())
        #expect(sketches[index].__getnewargs__() == (32, 4))
    }
    #expect(digests[0] == digests[3])
    #expect(sketches[0] !== sketches[3])

    // The sketches stay updatable.
    sketches[1].update(items: ["a", "b"])
    #expect(sketches[1].digest() == sketches[0].digest())
    #expect(sketches[0].digest() == digests[0])

    let byteSketches = try RMinHash.fromTokenSets(
        tokenSets: documents.map { $0.map { Array($0.utf8) } }, numPerm: 32, seed: 4)
    #expect(byteSketches.map { $0.digest() } == digests)
}

@Test func bulkConstructorsHandleEmptyInputAndBadNumPerm() throws {
    #expect(try RMinHash.fromTokenSets(tokenSets: [[String]](), numPerm: 8, seed: 1).isEmpty)
    #expect(try RMinHash.digestsFromTokenSets(tokenSets: [[[UInt8]]](), numPerm: 8, seed: 1).isEmpty)
    #expect(throws: MinHashError.numPermZero) {
        try RMinHash.fromTokenSets(tokenSets: [["a"]], numPerm: 0, seed: 1)
    }
    #expect(throws: MinHashError.numPermZero) {
        try RMinHash.digestsFromTokenSets(tokenSets: [[String]](), numPerm: 0, seed: 1)
    }
}

@Test func sketchesAreIndependentObjects() throws {
    let first = try RMinHash(numPerm: 8, seed: 1)
    let second = try RMinHash(numPerm: 8, seed: 1)
    first.update(items: ["a"])
    #expect(second.digest() == [UInt32](repeating: .max, count: 8))
    #expect(first !== second)
}

@Test func rawBufferTokensAreTheirBytes() throws {
    let words = ["", "a", "héllo", "a-token-longer-than-sixteen-bytes"]
    let fromStrings = try RMinHash(numPerm: 64, seed: 9)
    fromStrings.update(items: words)
    let bytes = words.map { Array($0.utf8) }
    let fromBuffers = try RMinHash(numPerm: 64, seed: 9)
    bytes.withUnsafeBufferPointers { fromBuffers.update(items: $0) }
    #expect(fromBuffers.digest() == fromStrings.digest())
    let documents = try bytes.withUnsafeBufferPointers { buffers in
        try RMinHash.digestsFromTokenSets(tokenSets: [buffers, Array(buffers.prefix(2))], numPerm: 64, seed: 9)
    }
    #expect(documents == (try RMinHash.digestsFromTokenSets(tokenSets: [words, Array(words.prefix(2))], numPerm: 64, seed: 9)))
}

extension Array where Element == [UInt8] {
    /// Runs `body` with a raw buffer over each array's bytes.
    func withUnsafeBufferPointers<Result>(_ body: ([UnsafeRawBufferPointer]) throws -> Result) rethrows -> Result {
        var buffers: [UnsafeRawBufferPointer] = []
        func nest(_ index: Int) throws -> Result {
            if index == count { return try body(buffers) }
            return try self[index].withUnsafeBytes { raw in
                buffers.append(raw)
                return try nest(index + 1)
            }
        }
        return try nest(0)
    }
}

/// The buffer overloads (the Python path) run on every core in chunks (`Parallel.perDocument`):
/// enough documents for many chunks, of uneven sizes (empty ones, ones longer than a chunk), give
/// the serial String path's results in order.
@Test func parallelBulkMethodsEqualTheSerialPath() throws {
    var documents: [[String]] = []
    for index in 0..<3_000 {
        let length = index % 97 == 0 ? 0 : (index % 500 == 1 ? 9_000 : index % 300)
        documents.append((0..<length).map { "w\((index &* 7919 &+ $0 &* 31) % 20_000)-\($0 % 3)" })
    }
    let bytes = documents.map { $0.map { Array($0.utf8) } }
    let expected = try RMinHash.digestsFromTokenSets(tokenSets: documents, numPerm: 128, seed: 42)
    let expectedHashes = RMinHash.hashTokenSets(tokenSets: documents)
    let storage = bytes.map { $0.map { token -> UnsafeMutableRawBufferPointer in
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: token.count, alignment: 1)
        buffer.copyBytes(from: token)
        return buffer
    } }
    defer { storage.forEach { $0.forEach { $0.deallocate() } } }
    let buffers = storage.map { $0.map { UnsafeRawBufferPointer($0) } }
    #expect(try RMinHash.digestsFromTokenSets(tokenSets: buffers, numPerm: 128, seed: 42) == expected)
    #expect(try RMinHash.fromTokenSets(tokenSets: buffers, numPerm: 128, seed: 42).map { $0.digest() } == expected)
    #expect(RMinHash.hashTokenSets(tokenSets: buffers) == expectedHashes)
    #expect(try RMinHash.digestsFromTokenSets(tokenSets: buffers.prefix(1), numPerm: 128, seed: 42) == [expected[0]])
    #expect(try RMinHash.digestsFromTokenSets(tokenSets: [[UnsafeRawBufferPointer]](), numPerm: 8, seed: 1).isEmpty)
}
