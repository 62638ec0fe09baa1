import MixedCore
import Testing

@Test func splitsWords() {
    #expect(words("The cat, the HAT!") == ["the", "cat", "the", "hat"])
}

@Test func countsAndRanks() throws {
    #expect(wordFrequencies("a b a", ignoring: ["b"]) == ["a": 2])
    #expect(try topWords("b a b c a b", count: 2) == ["b", "a"])
}

@Test func refusesATextWithoutWords() {
    #expect(throws: SummaryError.self) { try topWords("...") }
}
