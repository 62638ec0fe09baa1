// The Swift core of the mixed example: exported as `mixed_demo._native`, wrapped by the
// Python package in python/mixed_demo/.

/// Splits `text` into lowercase words: runs of letters and digits.
public func words(_ text: String) -> [String] {
    text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
}

/// How often each word occurs in `text`, ignoring the words in `ignoring`.
public func wordFrequencies(_ text: String, ignoring: Set<String> = []) -> [String: Int] {
    var counts: [String: Int] = [:]
    for word in words(text) where !ignoring.contains(word) {
        counts[word, default: 0] += 1
    }
    return counts
}

/// Why a text cannot be summarized.
public enum SummaryError: Error, CustomStringConvertible {
    /// The text has no words that count.
    case noWords

    public var description: String { "the text has no words to count" }
}

/// The `count` most frequent words of `text` (ties in alphabetical order), ignoring `ignoring`.
public func topWords(_ text: String, count: Int = 3, ignoring: Set<String> = []) throws(SummaryError) -> [String] {
    let counts = wordFrequencies(text, ignoring: ignoring)
    guard !counts.isEmpty else { throw .noWords }
    let sorted = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    return sorted.prefix(max(0, count)).map(\.key)
}
