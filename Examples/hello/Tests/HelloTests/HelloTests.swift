import Testing
import Hello

@Test func countsWords() {
    #expect(wordCount("the quick brown fox") == 4)
    #expect(wordCount("  spaced   out  ") == 2)
    #expect(wordCount("a bb ccc", minLength: 2) == 2)
    #expect(wordCount("") == 0)
}

@Test func greets() {
    #expect(greet("Swift") == "Hello, Swift!")
}

@Test func parsesRatios() throws {
    #expect(try parseRatio("3/4") == 0.75)
    #expect(try parseRatio("-1/8") == -0.125)
}

@Test func rejectsBadRatios() {
    #expect(throws: RatioError.missingSlash("3")) { try parseRatio("3") }
    #expect(throws: RatioError.notANumber("x")) { try parseRatio("x/2") }
    #expect(throws: RatioError.zeroDenominator) { try parseRatio("1/0") }
}
