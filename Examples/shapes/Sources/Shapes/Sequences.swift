// Lazy iterators (docs/design/results.md#iterators): Swift sequences and iterators returned to
// Python advance one element per `__next__`; exported Sequence types are iterable and exported
// IteratorProtocol types are their own iterators.

/// The even numbers below `limit`, lazily: nothing is computed until Python asks.
public func evens(below limit: Int) -> some Sequence<Int> {
    stride(from: 0, to: max(limit, 0), by: 2)
}

/// The numbers 0 ..< n, lazily (the benchmark's sequence).
public func naturals(_ n: Int) -> some Sequence<Int> {
    0..<max(n, 0)
}

/// The Collatz sequence from `start` down to 1, through an iterator.
public func collatz(_ start: Int) -> some IteratorProtocol<Int> {
    var current: Int? = start > 0 ? start : nil
    return AnyIterator {
        guard let value = current else { return nil }
        if value == 1 {
            current = nil
        } else if value % 2 == 0 {
            current = value / 2
        } else {
            // Past Int.max the sequence ends rather than trapping.
            let (tripled, overflow) = value.multipliedReportingOverflow(by: 3)
            current = overflow || tripled == Int.max ? nil : tripled + 1
        }
        return value
    }
}

/// Words of `text` split at spaces, as a type-erased sequence of strings.
public func words(_ text: String) -> AnySequence<String> {
    AnySequence(text.split(separator: " ").lazy.map(String.init))
}

/// Points on the diagonal, as an existential sequence of an exported type (lazy: a huge
/// `count` costs nothing until iterated, where an array of it would fail to allocate and trap).
public func diagonal(_ count: Int) -> any Sequence<Point> {
    (0..<max(count, 0)).lazy.map { Point(x: Double($0), y: Double($0)) }
}

/// Powers of two up to 2^62, endless in spirit: an `UnfoldFirstSequence`.
public func powersOfTwo() -> UnfoldFirstSequence<Int> {
    sequence(first: 1) { $0 < (1 << 61) ? $0 * 2 : nil }
}

/// Counts down from a start: a Sequence that is not a Collection (`iter()` gives a new iterator
/// over a copy each time).
public struct Countdown: Sequence {
    /// Where the count starts.
    public var start: Int

    public init(start: Int) { self.start = start }

    public func makeIterator() -> CountdownIterator { CountdownIterator(current: start) }
}

/// The iterator of a Countdown: its own iterator in Python (`next(it)` changes it).
public struct CountdownIterator: IteratorProtocol {
    /// The next value it gives.
    public var current: Int

    public init(current: Int) { self.current = current }

    public mutating func next() -> Int? {
        guard current > 0 else { return nil }
        defer { current -= 1 }
        return current
    }
}

/// The Fibonacci numbers below a limit: a class that is its own iterator.
public final class FibonacciIterator: IteratorProtocol {
    private var a: Int? = 0
    private var b: Int? = 1
    /// The bound, exclusive.
    public let limit: Int

    public init(limit: Int) { self.limit = limit }

    public func next() -> Int? {
        guard let current = a, current < limit else { return nil }
        a = b
        // Past Int.max the sequence ends rather than trapping.
        if let following = b {
            let (sum, overflow) = current.addingReportingOverflow(following)
            b = overflow ? nil : sum
        }
        return current
    }
}

/// Letters of a word with their positions: a Sequence whose makeIterator() is type-erased.
public struct Spelled: Sequence {
    /// The word.
    public let word: String

    public init(_ word: String) { self.word = word }

    public func makeIterator() -> AnyIterator<String> {
        AnyIterator(word.enumerated().map { "\($0.offset):\($0.element)" }.makeIterator())
    }
}
