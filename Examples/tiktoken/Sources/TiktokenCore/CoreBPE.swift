// The tokenizer core: split, merge, special tokens, batches and decoding. The Python class
// `swift_tiktoken.Encoding` normalizes arguments and calls these methods; everything that runs
// per byte or per token is here.

/// Which special tokens an encode call recognizes.
enum SpecialFilter {
    case none
    case all
    case some([Bool])   // by special index

    @inline(__always)
    func allows(_ index: Int) -> Bool {
        switch self {
        case .none: return false
        case .all: return true
        case .some(let mask): return mask[index]
        }
    }
}

/// The vocabulary and split pattern of one Encoding; immutable, shared by every thread.
public final class CoreBPE: Sendable {
    let table: RankTable
    let pattern: SplitPattern
    let specialBytes: [[UInt8]]
    let specialStrings: [String]
    let specialIDs: [UInt32]
    let specialIndex: [String: Int]
    /// Special indices by first byte, longest first.
    let specialsByFirstByte: [[Int]]
    let specialDecoder: [UInt32: Int]

    /// - tokenData: the mergeable tokens' bytes back to back; tokenLengths / tokenRanks: each
    ///   token's length and rank, in the same order.
    public init(tokenData: [UInt8], tokenLengths: [Int], tokenRanks: [Int], specialTokens: [String: Int],
                pattern: String) throws {
        do {
            table = try tokenData.withUnsafeBufferPointer { blob in
                try tokenLengths.withUnsafeBufferPointer { lengths in
                    try tokenRanks.withUnsafeBufferPointer { ranks in
                        try RankTable(blob: blob, lengths: lengths, values: ranks)
                    }
                }
            }
        } catch let error as RankTableError {
            throw InvalidEncoding(description: error.description)
        }
        self.pattern = try SplitPattern(pattern)
        var strings: [String] = []
        var ids: [UInt32] = []
        for (text, id) in specialTokens.sorted(by: { $0.key < $1.key }) {
            guard id >= 0 && id <= Int(UInt32.max) else {
                throw InvalidEncoding(description: "special token \(text) has id \(id), outside 0 ..< 2**32")
            }
            guard !text.isEmpty else { throw InvalidEncoding(description: "empty special token") }
            strings.append(text)
            ids.append(UInt32(id))
        }
        specialStrings = strings
        specialIDs = ids
        specialBytes = strings.map { Array($0.utf8) }
        var index: [String: Int] = [:]
        var decoder: [UInt32: Int] = [:]
        var byFirst = [[Int]](repeating: [], count: 256)
        for (i, s) in strings.enumerated() {
            index[s] = i
            decoder[ids[i]] = i
            byFirst[Int(specialBytes[i][0])].append(i)
        }
        let bytes = specialBytes
        for b in 0..<256 { byFirst[b].sort { bytes[$0].count > bytes[$1].count } }
        specialIndex = index
        specialDecoder = decoder
        specialsByFirstByte = byFirst
    }

    /// True when `pat_str` is one of tiktoken's public patterns (a hand-written splitter).
    public var usesHandWrittenSplitter: Bool { pattern.isHandWritten }

    // MARK: encoding

    /// tiktoken's `encode_ordinary`.
    public func encodeOrdinary(_ text: UTF8Span) throws -> [UInt32] {
        try withBytes(text) { p, n in try encodeChecked(p, n, .none).tokens }
    }

    /// tiktoken's `encode`, after the Python layer's argument normalization: `allowAll` or
    /// `allowed` name the special tokens to encode as such; `disallowAll` (every special token
    /// not allowed) or `disallowed` (any strings) the ones whose presence raises.
    public func encode(_ text: UTF8Span, allowed: [String], allowAll: Bool, disallowed: [String],
                       disallowAll: Bool) throws -> [UInt32] {
        let filter = self.filter(allowed: allowed, allowAll: allowAll)
        return try withBytes(text) { p, n in
            try checkDisallowed(p, n, filter: filter, disallowed: disallowed, disallowAll: disallowAll)
            return try encodeChecked(p, n, filter).tokens
        }
    }

    /// `encode`'s tokens as a `ContiguousArray`, which Python receives without a copy as an
    /// object with the buffer protocol (docs/design/results.md#arrays), for `numpy.frombuffer`.
    public func encodeToArray(_ text: UTF8Span, allowed: [String], allowAll: Bool, disallowed: [String],
                              disallowAll: Bool) throws -> ContiguousArray<UInt32> {
        // An Array and a ContiguousArray share their storage type: this takes the buffer over.
        ContiguousArray(try encode(text, allowed: allowed, allowAll: allowAll, disallowed: disallowed,
                                   disallowAll: disallowAll))
    }

    /// `encode` plus how many of the tokens came from the last piece (0 after a special token):
    /// the start of tiktoken's `encode_with_unstable`.
    public func encodeWithLastPieceLength(_ text: UTF8Span, allowed: [String], allowAll: Bool) throws
        -> ([UInt32], Int) {
        let filter = self.filter(allowed: allowed, allowAll: allowAll)
        return try withBytes(text) { p, n in try encodeChecked(p, n, filter) }
    }

    /// `encode_batch` / `encode_ordinary_batch` on `numThreads` threads (the documents are
    /// independent; results in input order). A disallowed special token raises for the first
    /// document (in input order) that holds one.
    public func encodeBatch(_ texts: [String], allowed: [String], allowAll: Bool, disallowed: [String],
                            disallowAll: Bool, ordinary: Bool, numThreads: Int) throws -> [[UInt32]] {
        let filter = ordinary ? SpecialFilter.none : self.filter(allowed: allowed, allowAll: allowAll)
        let check = !ordinary && (disallowAll || !disallowed.isEmpty)
        var results = [[UInt32]](repeating: [], count: texts.count)
        var failures = [Error?](repeating: nil, count: texts.count)
        results.withUnsafeMutableBufferPointer { results in
            failures.withUnsafeMutableBufferPointer { failures in
                parallelFor(texts.count, threads: numThreads) { i in
                    var text = texts[i]
                    do {
                        results[i] = try text.withUTF8 { buffer in
                            let p = buffer.baseAddress ?? UnsafePointer(emptyByte)
                            if check {
                                try checkDisallowed(p, buffer.count, filter: filter, disallowed: disallowed,
                                                    disallowAll: disallowAll)
                            }
                            return try encodeChecked(p, buffer.count, filter).tokens
                        }
                    } catch {
                        failures[i] = error
                    }
                }
            }
        }
        if let first = failures.first(where: { $0 != nil }), let error = first { throw error }
        return results
    }

    /// tiktoken's `encode_single_token` on bytes: the token whose bytes (mergeable or special)
    /// these are.
    public func encodeSingleToken(_ bytes: [UInt8]) throws -> UInt32 {
        if !bytes.isEmpty {
            let r = bytes.withUnsafeBufferPointer { table.rank($0.baseAddress!, $0.count) }
            if r != noRank { return r }
        }
        if let text = String(validating: bytes, as: UTF8.self), let i = specialIndex[text] {
            return specialIDs[i]
        }
        throw TokenNotFound(description: "no token for these bytes")
    }

    /// tiktoken's `_encode_single_piece`: the token if the bytes are one, else their BPE.
    public func encodeSinglePiece(_ bytes: [UInt8]) throws -> [UInt32] {
        guard !bytes.isEmpty else { return [] }
        return try bytes.withUnsafeBufferPointer { b in
            let r = table.rank(b.baseAddress!, b.count)
            if r != noRank { return [r] }
            return try bytePairEncode(b.baseAddress!, b.count)
        }
    }

    /// tiktoken's `byte_pair_encode`: the merge alone (no whole-piece lookup first).
    public func bytePairEncode(_ bytes: [UInt8]) throws -> [UInt32] {
        guard !bytes.isEmpty else { return [] }
        return try bytes.withUnsafeBufferPointer { try bytePairEncode($0.baseAddress!, $0.count) }
    }

    // MARK: decoding

    /// tiktoken's `decode_bytes`: mergeable ranks first, then special tokens. Two passes over
    /// the tokens' spans (one load each): the total length and the check of every id, then the
    /// copy, 16 bytes at a time for the short tokens most are (the arena and the result have
    /// 16 bytes of slack), rather than a `memcpy` call per token.
    public func decodeBytes(_ tokens: [UInt32]) throws -> [UInt8] {
        let table = self.table
        let spans = table.spans
        let maxRank = UInt32(table.maxRank)
        var total = 0
        var specials = false
        for token in tokens {
            let span = token <= maxRank ? spans[Int(token)] : 0
            if span != 0 {
                total &+= Int(span & 0xFF_FFFF)
            } else if let i = specialDecoder[token] {
                total &+= specialBytes[i].count
                specials = true
            } else {
                throw TokenNotFound(description: "Invalid token for decoding: \(token)")
            }
        }
        if total == 0 { return [] }
        let arena = UnsafeRawPointer(table.arena)
        return [UInt8](unsafeUninitializedCapacity: total + RankTable.arenaPadding) { buffer, count in
            var at = UnsafeMutableRawPointer(buffer.baseAddress!)
            for token in tokens {
                let span = token <= maxRank ? spans[Int(token)] : 0
                if span != 0 {
                    let length = Int(span & 0xFF_FFFF)
                    let from = arena + Int(span >> 24)
                    if length <= 16 {
                        at.storeBytes(of: from.loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
                    } else {
                        at.copyMemory(from: from, byteCount: length)
                    }
                    at += length
                } else if specials, let i = specialDecoder[token] {
                    specialBytes[i].withUnsafeBytes { at.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
                    at += specialBytes[i].count
                }
            }
            count = total
        }
    }

    /// tiktoken's `decode_single_token_bytes`.
    public func decodeSingleTokenBytes(_ token: UInt32) throws -> [UInt8] {
        if let b = table.bytes(ofRank: Int(token)) { return Array(b) }
        if let i = specialDecoder[token] { return specialBytes[i] }
        throw TokenNotFound(description: "\(token)")
    }

    /// tiktoken's `decode_tokens_bytes`.
    public func decodeTokensBytes(_ tokens: [UInt32]) throws -> [[UInt8]] {
        try tokens.map { try decodeSingleTokenBytes($0) }
    }

    /// `decode_bytes` of each list.
    public func decodeBytesBatch(_ batch: [[UInt32]]) throws -> [[UInt8]] {
        try batch.map { try decodeBytes($0) }
    }

    /// tiktoken's `token_byte_values`: every mergeable token's bytes, sorted.
    public func tokenByteValues() -> [[UInt8]] {
        var all: [[UInt8]] = []
        all.reserveCapacity(table.count)
        for i in 0..<table.count { all.append(Array(table.tokenBytes(i))) }
        all.sort { $0.lexicographicallyPrecedes($1) }
        return all
    }

    /// The pieces the split pattern cuts `text` into (their UTF-8 end offsets), for tests.
    public func splitEnds(_ text: UTF8Span) -> [Int] {
        withBytes(text) { p, n in
            var ends: [Int] = []
            pattern.forEachPiece(p, 0, n) { _, b in ends.append(b) }
            return ends
        }
    }

    // MARK: internals

    func filter(allowed: [String], allowAll: Bool) -> SpecialFilter {
        if allowAll { return specialStrings.isEmpty ? .none : .all }
        var mask = [Bool](repeating: false, count: specialStrings.count)
        var any = false
        for s in allowed {
            if let i = specialIndex[s] { mask[i] = true; any = true }
        }
        return any ? .some(mask) : .none
    }

    @inline(__always)
    func withBytes<R>(_ text: UTF8Span, _ body: (UnsafePointer<UInt8>, Int) throws -> R) rethrows -> R {
        try text.span.withUnsafeBufferPointer { buffer in
            try body(buffer.baseAddress ?? UnsafePointer(emptyByte), buffer.count)
        }
    }

    /// The longest special token at p[i...] (index), if any.
    @inline(__always)
    func special(at p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, where accept: (Int) -> Bool) -> Int? {
        for s in specialsByFirstByte[Int(p[i])] {
            let bytes = specialBytes[s]
            if bytes.count <= n - i && accept(s)
                && bytes.withUnsafeBufferPointer({ memoryEqual($0.baseAddress!, p + i, $0.count) }) {
                return s
            }
        }
        return nil
    }

    func checkDisallowed(_ p: UnsafePointer<UInt8>, _ n: Int, filter: SpecialFilter, disallowed: [String],
                         disallowAll: Bool) throws {
        if disallowAll {
            if case .all = filter { return }
            if specialStrings.isEmpty { return }
            for i in 0..<n where !specialsByFirstByte[Int(p[i])].isEmpty {
                if let s = special(at: p, i, n, where: { !filter.allows($0) }) {
                    throw DisallowedSpecialToken(description: specialStrings[s])
                }
            }
            return
        }
        // Any strings: the leftmost occurrence of any of them (the longest at that position).
        var best: (Int, Int, String)? = nil
        for token in disallowed where !token.isEmpty {
            let needle = Array(token.utf8)
            var i = 0
            let limit = n - needle.count
            while i <= limit, best == nil || i <= best!.0 {
                if p[i] == needle[0] && needle.withUnsafeBufferPointer({ memoryEqual($0.baseAddress!, p + i, $0.count) }) {
                    if best == nil || i < best!.0 || (i == best!.0 && needle.count > best!.1) {
                        best = (i, needle.count, token)
                    }
                    break
                }
                i += 1
            }
        }
        if let best { throw DisallowedSpecialToken(description: best.2) }
    }

    /// Encodes p[0..<n]: the text between allowed special tokens is split and merged; returns the
    /// tokens and how many came from the last piece (0 if the text ends with a special token).
    func encodeChecked(_ p: UnsafePointer<UInt8>, _ n: Int, _ filter: SpecialFilter) throws -> (tokens: [UInt32], last: Int) {
        var out: [UInt32] = []
        out.reserveCapacity(n / 3 + 4)
        var ok = true
        var last = 0
        var start = 0
        while true {
            // The next allowed special token (tiktoken: a special-token match that is not allowed
            // is skipped, and the search goes on from the byte after its start).
            var specialStart = n
            var specialIdx = -1
            if case .none = filter {} else {
                var i = start
                while i < n {
                    if !specialsByFirstByte[Int(p[i])].isEmpty, let s = special(at: p, i, n, where: { _ in true }) {
                        if filter.allows(s) { specialStart = i; specialIdx = s; break }
                    }
                    i += 1
                }
            }
            let table = self.table
            pattern.forEachPiece(p, start, specialStart) { a, b in
                let len = b - a
                let r = table.rank(p + a, len)
                if r != noRank {
                    out.append(r)
                    last = 1
                } else {
                    let before = out.count
                    if !table.merge(p + a, len, into: &out) { ok = false }
                    last = out.count - before
                }
            }
            if specialIdx < 0 { break }
            out.append(specialIDs[specialIdx])
            last = 0
            start = specialStart + specialBytes[specialIdx].count
        }
        if !ok { throw InvalidEncoding(description: "the text needs a byte that has no token in mergeable_ranks") }
        return (out, last)
    }

    func bytePairEncode(_ p: UnsafePointer<UInt8>, _ n: Int) throws -> [UInt32] {
        var out: [UInt32] = []
        if n == 1 {
            let r = table.rank(p, 1)
            guard r != noRank else { throw InvalidEncoding(description: "byte \(p[0]) has no token in mergeable_ranks") }
            return [r]
        }
        if !table.merge(p, n, into: &out) {
            throw InvalidEncoding(description: "the bytes need a byte that has no token in mergeable_ranks")
        }
        return out
    }
}

/// A valid address for empty inputs.
nonisolated(unsafe) let emptyByte = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
