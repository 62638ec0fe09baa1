import Testing
@testable import TiktokenCore

private func core(_ pattern: String) throws -> CoreBPE {
    let bytes = (0..<256).map { [UInt8($0)] }
    return try CoreBPE(tokenData: bytes.flatMap { $0 }, tokenLengths: bytes.map(\.count),
                       tokenRanks: Array(0..<256), specialTokens: ["<|endoftext|>": 256], pattern: pattern)
}

private func pieces(_ core: CoreBPE, _ text: String) -> [String] {
    var copy = text
    let ends = copy.withUTF8 { _ in core.splitEnds(text.utf8Span) }
    var out: [String] = []
    var start = 0
    let bytes = Array(text.utf8)
    for e in ends {
        out.append(String(decoding: bytes[start..<e], as: UTF8.self))
        start = e
    }
    return out
}

@Test func publicPatternsUseTheHandWrittenSplitters() throws {
    #expect(try core(SplitPattern.r50kPattern).usesHandWrittenSplitter)
    #expect(try core(SplitPattern.cl100kPattern).usesHandWrittenSplitter)
    #expect(try core(SplitPattern.o200kPattern).usesHandWrittenSplitter)
    #expect(try !core(#"\w+|\s+|."#).usesHandWrittenSplitter)
}

@Test func handWrittenSplittersAgreeWithTheRegexPath() throws {
    let samples = [
        "Hello world, it's 2024!  I'LL   see\n\n  you\r\n\tthere ſ 'ſ ABCdef ÀÉÎõ 123456 ﻿x",
        "don't    stop  \n", "  ", "\n", "x  ", "e\u{301}e\u{301}\u{302} ДОМ дом Ǆǅǆ", "a/b//c\n/d",
        "日本語のテキスト123４５６", "   \n\n  x", "CamelCaseWORDSAnd'S MORE'll", "emoji 👍🏽 🇯🇵!",
    ]
    for pattern in [SplitPattern.r50kPattern, SplitPattern.cl100kPattern, SplitPattern.o200kPattern] {
        let fast = try core(pattern)
        let slow = try core("(?:" + pattern + ")")   // not recognized: the Regex path
        #expect(!slow.usesHandWrittenSplitter)
        for text in samples {
            #expect(pieces(fast, text) == pieces(slow, text), "\(pattern) on \(text.debugDescription)")
        }
    }
}

@Test func cl100kContractionsFoldCase() throws {
    let c = try core(SplitPattern.cl100kPattern)
    #expect(pieces(c, "I'LL") == ["I", "'LL"])
    #expect(pieces(c, "x'ſ") == ["x", "'ſ"])
}

@Test func invalidPatternThrows() {
    #expect(throws: InvalidEncoding.self) { try core("(") }
}
