import Testing
@testable import TiktokenCore

/// A table of the 256 bytes plus the given merged tokens, ranked in order after them.
private func core(_ merges: [String], pattern: String = SplitPattern.cl100kPattern) throws -> CoreBPE {
    var tokens = (0..<256).map { [UInt8($0)] }
    tokens += merges.map { Array($0.utf8) }
    return try CoreBPE(tokenData: tokens.flatMap { $0 }, tokenLengths: tokens.map(\.count),
                       tokenRanks: Array(0..<tokens.count), specialTokens: ["<|endoftext|>": 100_000],
                       pattern: pattern)
}

@Test func shortAndLongMergesAgree() throws {
    let c = try core(["ab", "abab", "ba", "aba", "bb", "abb", "bab"])
    var generator = SystemRandomNumberGenerator()
    for length in [2, 3, 10, 100, 191, 192, 193, 500, 2000, 4095, 4096, 20000] {
        let bytes = (0..<length).map { _ in UInt8.random(in: 0x61...0x62, using: &generator) }
        var short: [UInt32] = [], long: [UInt32] = []
        try bytes.withUnsafeBufferPointer { b in
            #expect(c.table.mergeShort(b.baseAddress!, length, into: &short))
            #expect(c.table.mergeLong(b.baseAddress!, length, into: &long))
            var buckets: [UInt32] = []
            #expect(c.table.mergeBuckets(b.baseAddress!, length, into: &buckets))
            #expect(buckets == long, "length \(length)")
        }
        #expect(short == long, "length \(length)")
        #expect(try c.decodeBytes(short) == bytes)
    }
}

@Test func leftmostPairWinsATie() throws {
    let c = try core(["aa"])
    #expect(try c.bytePairEncode(Array("aaa".utf8)) == [256, 97])
}

@Test func specialTokens() throws {
    let c = try core(["ab"])
    let text = "ab<|endoftext|>ab"
    #expect(try c.encode(text.utf8Span, allowed: [], allowAll: true, disallowed: [], disallowAll: false)
            == [256, 100_000, 256])
    #expect(throws: DisallowedSpecialToken.self) {
        try c.encode(text.utf8Span, allowed: [], allowAll: false, disallowed: [], disallowAll: true)
    }
    #expect(try c.encodeOrdinary(text.utf8Span).count > 3)
}

@Test func duplicateRanksAreRejected() {
    #expect(throws: InvalidEncoding.self) {
        try CoreBPE(tokenData: [97, 98], tokenLengths: [1, 1], tokenRanks: [0, 0], specialTokens: [:], pattern: "a")
    }
}

@Test func decodeUnknownTokenThrows() throws {
    let c = try core([])
    #expect(throws: TokenNotFound.self) { try c.decodeBytes([5000]) }
    #expect(try c.decodeBytes([100_000]) == Array("<|endoftext|>".utf8))
}

/// A table trained by BPE on `text` (the 256 bytes, then `merges` most frequent pairs).
private func trained(_ text: [UInt8], merges: Int) throws -> CoreBPE {
    var tokens: [[UInt8]] = (0..<256).map { [UInt8($0)] }
    var parts: [[UInt8]] = text.map { [$0] }
    for _ in 0..<merges {
        var counts: [[UInt8]: Int] = [:]
        for i in 0..<(parts.count - 1) { counts[parts[i] + parts[i + 1], default: 0] += 1 }
        guard let best = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key.lexicographicallyPrecedes($1.key)) }),
              best.value > 1 else { break }
        tokens.append(best.key)
        var merged: [[UInt8]] = []
        var i = 0
        while i < parts.count {
            if i + 1 < parts.count && parts[i] + parts[i + 1] == best.key {
                merged.append(best.key); i += 2
            } else {
                merged.append(parts[i]); i += 1
            }
        }
        parts = merged
    }
    return try CoreBPE(tokenData: tokens.flatMap { $0 }, tokenLengths: tokens.map(\.count),
                       tokenRanks: Array(0..<tokens.count), specialTokens: [:], pattern: SplitPattern.cl100kPattern)
}

@Test func backtrackingAgreesWithTheBucketMerge() throws {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("abcab".utf8)
    let training = (0..<6000).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
    let c = try trained(training, merges: 200)
    let tables = c.table.backtrack.tables(c.table)
    #expect(tables.proper)
    for length in [1, 2, 3, 50, 500, 5000, 40000] {
        let bytes = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        var fast: [UInt32] = [], slow: [UInt32] = []
        try bytes.withUnsafeBufferPointer { b in
            #expect(tables.encode(b.baseAddress!, length, into: &fast))
            if length >= 2 { #expect(c.table.mergeBuckets(b.baseAddress!, length, into: &slow)) } else { slow = fast }
        }
        #expect(fast == slow, "length \(length)")
        #expect(try c.decodeBytes(fast) == bytes)
    }
}

@Test func tablesThatAreNotAMergeOrderKeepTheBucketMerge() throws {
    let c = try core(["ab", "abab", "ba"])
    #expect(c.table.backtrack.tables(c.table).proper)
    var tokens = (0..<256).map { [UInt8($0)] }
    tokens.append(Array("xyz".utf8))   // not a merge of two tokens
    let odd = try CoreBPE(tokenData: tokens.flatMap { $0 }, tokenLengths: tokens.map(\.count),
                          tokenRanks: Array(0..<tokens.count), specialTokens: [:], pattern: SplitPattern.cl100kPattern)
    #expect(!odd.table.backtrack.tables(odd.table).proper)
}

@Test func decodeCopiesTokensOfEveryLengthAndSpecialTokens() throws {
    // tokens of 2 ... 40 bytes (the decoder copies up to 16 bytes per store, longer ones whole)
    let merges = (2...40).map { String(repeating: "x", count: $0 - 1) + "y" }
    let c = try core(merges)
    var tokens: [UInt32] = []
    var want: [UInt8] = []
    for (k, m) in merges.enumerated().reversed() {
        tokens.append(UInt32(256 + k)); want += Array(m.utf8)
        tokens.append(100_000); want += Array("<|endoftext|>".utf8)
        tokens.append(UInt32(0x7A)); want.append(0x7A)
    }
    #expect(try c.decodeBytes(tokens) == want)
    #expect(try c.decodeBytes([UInt32(256 + 38)]) == Array(merges[38].utf8))
    #expect(try c.decodeBytes([]) == [])
    #expect(throws: TokenNotFound.self) { try c.decodeBytes([0x7A, UInt32.max]) }
}
