import MinHashKernel

/// A MinHash sketch of a set of tokens, for estimating Jaccard similarity: rensa's `RMinHash`
/// (ALGORITHM_VERSION 2, bit-compatible digests and pickle state).
///
/// Only the set of tokens matters: order, repetitions and how the tokens are split across
/// `update` calls do not change the digest. A `String` token and its UTF-8 bytes are the same
/// token. Sketches compare by identity (the class is not `Equatable`); compare `digest()`s to
/// compare contents. `num_perm` and `seed` are not properties (rensa has none): read them with
/// `__getnewargs__()`.
public final class RMinHash {
    /// Identifies the signature algorithm; digests made by different versions must not be
    /// compared. Python: `RMinHash.ALGORITHM_VERSION`.
    public static let algorithmVersion = 2

    /// The shared permutation table of this sketch's `(num_perm, seed)`.
    var permutations: Permutations
    /// The digest: `num_perm` slot minima, `0xFFFFFFFF` while empty.
    var values: [UInt32]

    var numPerm: Int { permutations.count }
    var seed: UInt64 { permutations.seed }

    /// A new, empty sketch with `numPerm` slots; its digest is `numPerm` copies of `0xFFFFFFFF`.
    /// Every seed is valid.
    ///
    /// - Throws: `MinHashError.numPermZero` when `numPerm` is 0, `numPermTooLarge` above
    ///   4294967295 (not in rensa, which aborts).
    public init(numPerm: UInt64, seed: UInt64) throws(MinHashError) {
        let count = try validatedSlotCount(numPerm)
        permutations = .shared(count: count, seed: seed)
        values = [UInt32](repeating: .max, count: count)
    }

    init(permutations: Permutations, values: [UInt32]) {
        self.permutations = permutations
        self.values = values
    }

    /// Adds `items` as **one** token, as rensa does with a top-level `bytes`-like object. Declared
    /// first: from Python, overloads are tried in declaration order, and a buffer (a NumPy array
    /// of bytes) is also iterable, so a sequence overload would take it as one token per byte.
    public func update(items: [UInt8]) {
        absorb(CollectionOfOne(items))
    }

    /// Adds one token per buffer of bytes. From Python: any iterable of `str` and `bytes` items,
    /// mixed, each read in place (a str's UTF-8, a bytes object's data) with no copy; a str token
    /// and its UTF-8 bytes are the same token. Declared before the `String` overload so that
    /// Python calls take it.
    public func update(items: some Sequence<UnsafeRawBufferPointer>) {
        absorb(items)
    }

    /// Adds one token per string, hashed as its UTF-8 (any sequence: from Python a list or
    /// tuple read in place, or any other iterable).
    public func update(items: some Sequence<String>) {
        absorb(items)
    }

    /// Adds one token per byte array.
    public func update(items: some Sequence<[UInt8]>) {
        absorb(items)
    }

    /// Adds each Unicode scalar of `items` as one token, as Python does when it iterates a
    /// top-level `str`: `update(items: "abc")` equals `update(items: ["a", "b", "c"])`.
    public func update(items: String) {
        absorb(items.unicodeScalars, expectedTokens: items.utf8.count)
    }


    /// The digest: a fresh array of `num_perm` values.
    public func digest() -> [UInt32] {
        values
    }

    /// The share of equal digest positions, in 0.0...1.0. Two empty sketches give 1.0.
    ///
    /// - Throws: `numPermMismatch` when the sketches differ in `num_perm`, else `seedMismatch`
    ///   when they differ in seed.
    public func jaccard(other: RMinHash) throws(MinHashError) -> Double {
        try checkCompatible(with: other)
        let count = numPerm
        var equal = 0
        values.withUnsafeBufferPointer { left in
            other.values.withUnsafeBufferPointer { right in
                let left = left.baseAddress!
                let right = right.baseAddress!
                for index in 0..<count {
                    equal &+= left[index] == right[index] ? 1 : 0
                }
            }
        }
        return Double(equal) / Double(count)
    }

    func checkCompatible(with other: RMinHash) throws(MinHashError) {
        if numPerm != other.numPerm {
            throw .numPermMismatch(left: UInt64(numPerm), right: UInt64(other.numPerm))
        }
        if seed != other.seed {
            throw .seedMismatch(left: seed, right: other.seed)
        }
    }

    /// The one path every token takes into the digest.
    private func absorb<Tokens: Sequence>(_ tokens: Tokens, expectedTokens: Int? = nil)
    where Tokens.Element: MinHashToken {
        let permutations = self.permutations
        let expected = expectedTokens ?? tokens.underestimatedCount
        TokenAbsorber.with(permutations, expectedTokens: expected) { absorber in
            values.withUnsafeMutableBufferPointer { values in
                absorber.absorb(tokens, into: values.baseAddress!)
            }
        }
    }
}

// MARK: - Bulk constructors

extension RMinHash {
    /// One sketch per document, each as if made with `RMinHash(numPerm:seed:)` and
    /// `update(items: document)`; the sketches can be updated later. Empty input gives `[]`.
    /// From Python: documents of `str` and `bytes` items, mixed, each read in place.
    ///
    /// - Throws: `MinHashError.numPermZero` when `numPerm` is 0.
    public static func fromTokenSets(
        tokenSets: some Sequence<some Collection<UnsafeRawBufferPointer>>, numPerm: UInt64, seed: UInt64
    ) throws(MinHashError) -> [RMinHash] {
        let (permutations, digests) = try parallelDigests(tokenSets, numPerm: numPerm, seed: seed)
        return digests.map { RMinHash(permutations: permutations, values: $0) }
    }

    /// One sketch per document of any form `update` takes (`Document`: a `str`'s characters, a
    /// bytes-like object as one token, a list, tuple, set or frozenset of tokens): the overload Python
    /// falls back to when the documents are not all lists or tuples (which the first reads in
    /// place, with no copy).
    public static func fromTokenSets(
        tokenSets: some Sequence<Document>, numPerm: UInt64, seed: UInt64
    ) throws(MinHashError) -> [RMinHash] {
        let (permutations, digests) = try parallelDigests(tokenSets.lazy.map(\.tokens), numPerm: numPerm, seed: seed)
        return digests.map { RMinHash(permutations: permutations, values: $0) }
    }

    /// One sketch per document of any iterable of tokens (a generator as a document).
    public static func fromTokenSets(
        tokenSets: some Sequence<some Sequence<UnsafeRawBufferPointer>>, numPerm: UInt64, seed: UInt64
    ) throws(MinHashError) -> [RMinHash] {
        let (permutations, digests) = try parallelDigests(tokenSets, numPerm: numPerm, seed: seed)
        return digests.map { RMinHash(permutations: permutations, values: $0) }
    }

    /// One sketch per document of string tokens.
    public static func fromTokenSets(
        tokenSets: some Sequence<some Sequence<String>>, numPerm: UInt64, seed: UInt64
    ) throws(MinHashError) -> [RMinHash] {
        try sketches(tokenSets, numPerm: numPerm, seed: seed)
    }

    /// One sketch per document of byte-array tokens.
    public static func fromTokenSets(
        tokenSets: some Sequence<some Sequence<[UInt8]>>, numPerm: UInt64, seed: UInt64
    ) throws(MinHashError) -> [RMinHash] {
        try sketches(tokenSets, numPerm: numPerm, seed: seed)
    }

    /// The digests of `fromTokenSets(tokenSets:numPerm:seed:)`, without the sketch objects.
    public static func digestsFromTokenSets(
        tokenSets: some Sequence<some Collection<UnsafeRawBufferPointer>>, numPerm: UInt64, seed: UInt64
    ) throws(MinHashError) -> [[UInt32]] {
        try parallelDigests(tokenSets, numPerm: numPerm, seed: seed).digests
    }

    /// The digests of documents of any form `update` takes (`Document`).
    public static func digestsFromTokenSets(
        tokenSets: some Sequence<Document>, numPerm: UInt64, seed: UInt64
    ) throws(MinHashError) -> [[UInt32]] {
        try parallelDigests(tokenSets.lazy.map(\.tokens), numPerm: numPerm, seed: seed).digests
    }

    /// The digests of documents that are any iterables of tokens.
    public static func digestsFromTokenSets(
        tokenSets: some Sequence<some Sequence<UnsafeRawBufferPointer>>, numPerm: UInt64, seed: UInt64
    ) throws(MinHashError) -> [[UInt32]] {
        try parallelDigests(tokenSets, numPerm: numPerm, seed: seed).digests
    }

    /// The digests of documents of string tokens.
    public static func digestsFromTokenSets(
        tokenSets: some Sequence<some Sequence<String>>, numPerm: UInt64, seed: UInt64
    ) throws(MinHashError) -> [[UInt32]] {
        try digests(tokenSets, numPerm: numPerm, seed: seed).digests
    }

    /// The digests of documents of byte-array tokens.
    public static func digestsFromTokenSets(
        tokenSets: some Sequence<some Sequence<[UInt8]>>, numPerm: UInt64, seed: UInt64
    ) throws(MinHashError) -> [[UInt32]] {
        try digests(tokenSets, numPerm: numPerm, seed: seed).digests
    }

    /// Each document's token hashes `H` (spec §4.2), in token order. From Python: documents of
    /// `str` and `bytes` items, mixed, each read in place.
    public static func hashTokenSets(tokenSets: some Sequence<some Sequence<UnsafeRawBufferPointer>>) -> [[UInt64]] {
        // One loop appending to a reserved array (`map` over the borrowed documents measured
        // 8–17 × slower here); hashing is too cheap to hand to other threads.
        var result: [[UInt64]] = []
        result.reserveCapacity(tokenSets.underestimatedCount)
        for document in tokenSets {
            var hashes: [UInt64] = []
            hashes.reserveCapacity(document.underestimatedCount)
            for token in document {
                hashes.append(tokenHash(token))
            }
            result.append(hashes)
        }
        return result
    }

    /// Each document's token hashes, for string tokens.
    public static func hashTokenSets(tokenSets: [[String]]) -> [[UInt64]] {
        tokenSets.map { document in document.map(\.minHashTokenHash) }
    }

    /// Each document's token hashes, for byte-array tokens.
    public static func hashTokenSets(tokenSets: [[[UInt8]]]) -> [[UInt64]] {
        tokenSets.map { document in document.map(\.minHashTokenHash) }
    }

    private static func sketches<Documents: Sequence>(
        _ documents: Documents, numPerm: UInt64, seed: UInt64
    ) throws(MinHashError) -> [RMinHash]
    where Documents.Element: Sequence, Documents.Element.Element: MinHashToken {
        let (permutations, digests) = try digests(documents, numPerm: numPerm, seed: seed)
        return digests.map { RMinHash(permutations: permutations, values: $0) }
    }

    /// `digests` for documents of byte buffers, on every core (`Parallel.perDocument`): the
    /// calling thread reads and hashes the tokens, every thread runs the sketch kernel.
    private static func parallelDigests<Documents: Sequence>(
        _ documents: Documents, numPerm: UInt64, seed: UInt64
    ) throws(MinHashError) -> (permutations: Permutations, digests: [[UInt32]])
    where Documents.Element: Sequence, Documents.Element.Element: MinHashToken {
        let count = try validatedSlotCount(numPerm)
        let permutations = Permutations.shared(count: count, seed: seed)
        // From 2·num_perm tokens the kernel usually stops after one bucket round, and hashing
        // dominates: such documents stay on the calling thread.
        let digests = Parallel.perDocument(
            documents, inlineFrom: 2 &* count,
            inline: { document in
                TokenAbsorber.with(permutations, expectedTokens: document.underestimatedCount) { absorber in
                    [UInt32](unsafeUninitializedCapacity: count) { values, initialized in
                        values.initialize(repeating: .max)
                        absorber.absorb(document, into: values.baseAddress!)
                        initialized = count
                    }
                }
            }
        ) { hashes in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 3 &* mixChunk) { mixes in
                [UInt32](unsafeUninitializedCapacity: count) { values, initialized in
                    values.initialize(repeating: .max)
                    if let base = hashes.baseAddress {
                        permutations.absorb(
                            hashes: base, hashCount: hashes.count, into: values.baseAddress!, mixes: mixes.baseAddress!)
                    }
                    initialized = count
                }
            }
        }
        return (permutations, digests)
    }

    private static func digests<Documents: Sequence>(
        _ documents: Documents, numPerm: UInt64, seed: UInt64
    ) throws(MinHashError) -> (permutations: Permutations, digests: [[UInt32]])
    where Documents.Element: Sequence, Documents.Element.Element: MinHashToken {
        let count = try validatedSlotCount(numPerm)
        let permutations = Permutations.shared(count: count, seed: seed)
        var digests: [[UInt32]] = []
        digests.reserveCapacity(documents.underestimatedCount)
        TokenAbsorber.with(permutations, expectedTokens: maxHashBatch) { absorber in
            for document in documents {
                digests.append(
                    [UInt32](unsafeUninitializedCapacity: count) { values, initialized in
                        values.initialize(repeating: .max)
                        absorber.absorb(document, into: values.baseAddress!)
                        initialized = count
                    })
            }
        }
        return (permutations, digests)
    }
}

/// `numPerm` as a slot count, or the constructor's error.
func validatedSlotCount(_ numPerm: UInt64) throws(MinHashError) -> Int {
    guard numPerm > 0 else { throw .numPermZero }
    guard numPerm <= UInt64(UInt32.max) else { throw .numPermTooLarge(numPerm: numPerm) }
    return Int(numPerm)
}
