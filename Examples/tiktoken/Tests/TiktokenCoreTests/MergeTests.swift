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
