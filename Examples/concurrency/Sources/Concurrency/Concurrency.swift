import Synchronization

/// `milliseconds` as the nanoseconds `Task.sleep` takes: a negative count is 0 and the longest
/// sleep is a day, so no count from Python overflows (an overflow would trap and end the process).
func nanoseconds(milliseconds: Int) -> UInt64 {
    UInt64(min(max(milliseconds, 0), 86_400_000)) * 1_000_000
}

/// Sleeps on Swift's concurrency runtime for `milliseconds` (at most a day), then returns them.
public func sleepFor(milliseconds: Int) async throws -> Int {
    try await Task.sleep(nanoseconds: nanoseconds(milliseconds: milliseconds))
    return milliseconds
}

/// Sleeps for `milliseconds` whatever happens: the sleep is a task of its own, which cancelling
/// this one does not reach (a Swift task that outlives its awaiting Python task).
public func stubbornSleep(milliseconds: Int) async -> Int {
    let sleep = Task.detached {
        try? await Task.sleep(nanoseconds: nanoseconds(milliseconds: milliseconds))
    }
    await sleep.value
    return milliseconds
}

/// The sum of 0..<n, computed on a Swift thread.
public func sum(upTo n: Int) async -> Int {
    await Task.yield()
    var total = 0
    for value in 0..<max(n, 0) { total &+= value }
    return total
}

/// Returns immediately: the cost of one await.
public func nothing() async {}

/// Errors of the async functions: `concurrency.WorkError`, with `err.case`.
public enum WorkError: Error, CustomStringConvertible {
    case negative
    case tooLarge

    public var description: String {
        switch self {
        case .negative: "the value is negative"
        case .tooLarge: "the value is too large"
        }
    }
}

/// The square root of a non-negative `value`, after a short sleep.
public func squareRoot(_ value: Double) async throws -> Double {
    try await Task.sleep(nanoseconds: 1_000_000)
    guard value >= 0 else { throw WorkError.negative }
    return value.squareRoot()
}

/// Half of an even `value`; typed throws.
public func half(_ value: Int) async throws(WorkError) -> Int {
    guard value >= 0 else { throw .negative }
    guard value < 1 << 40 else { throw .tooLarge }
    return value / 2
}

/// The delay `tick()` uses when none is given.
public let defaultTickMilliseconds = 2

/// Sleeps `milliseconds` (Swift's own default when omitted: a default expression, not a literal).
public func tick(after milliseconds: Int = defaultTickMilliseconds) async throws -> Int {
    try await Task.sleep(nanoseconds: nanoseconds(milliseconds: milliseconds))
    return milliseconds
}

/// How many times `waitForCancellation` saw `Task.isCancelled`.
let cancellationsSeen = Atomic<Int>(0)

/// Waits up to `seconds`, checking `Task.isCancelled` every millisecond; true when the wait ended
/// because the task was cancelled (counted: `cancellation_count()`).
public func waitForCancellation(seconds: Double) async -> Bool {
    // NaN, a negative or a huge `seconds` would trap in the conversion or the deadline's arithmetic.
    let milliseconds = seconds.isNaN ? 0 : Int(min(max(seconds, 0), 86_400) * 1000)
    let deadline = ContinuousClock.now + .milliseconds(milliseconds)
    while ContinuousClock.now < deadline {
        if Task.isCancelled {
            cancellationsSeen.add(1, ordering: .relaxed)
            return true
        }
        try? await Task.sleep(nanoseconds: 1_000_000)
    }
    return false
}

/// How many cancellations `waitForCancellation` has seen.
public func cancellationCount() -> Int {
    cancellationsSeen.load(ordering: .relaxed)
}

/// Gives up by itself: a Swift `CancellationError` arrives as `asyncio.CancelledError`.
public func giveUp() async throws -> Int {
    throw CancellationError()
}

/// A Sendable value type whose async methods run on their own copy of it.
public struct Greeter: Sendable {
    public let name: String

    public init(name: String) {
        self.name = name
    }

    /// A greeting, after `milliseconds`.
    public func greet(after milliseconds: Int = 0) async throws -> String {
        try await Task.sleep(nanoseconds: nanoseconds(milliseconds: milliseconds))
        return "Hello, \(name)!"
    }

    /// A greeter made on a Swift thread.
    public static func make(_ name: String) async -> Greeter {
        Greeter(name: name)
    }
}

// MARK: - Async sequences: Python async iterators (docs/design/async.md#async-iterators)

/// How many streams of this module have seen their consumer go (`onTermination`).
let terminations = Atomic<Int>(0)

/// How many streams have ended through `onTermination` (finished or cancelled).
public func terminationCount() -> Int {
    terminations.load(ordering: .relaxed)
}

/// How many of them were cancelled (the Python iterator closed, dropped or its `__anext__` cancelled).
let cancelledTerminations = Atomic<Int>(0)

/// How many streams ended cancelled.
public func cancelledStreamCount() -> Int {
    cancelledTerminations.load(ordering: .relaxed)
}

private func countTermination(_ termination: AsyncStream<Int>.Continuation.Termination) {
    terminations.add(1, ordering: .relaxed)
    if case .cancelled = termination { cancelledTerminations.add(1, ordering: .relaxed) }
}

/// 0..<count, all yielded at once into the stream's buffer (`async for` over N elements).
public func countTo(_ count: Int) -> AsyncStream<Int> {
    AsyncStream { continuation in
        continuation.onTermination = countTermination
        for value in 0..<max(count, 0) { continuation.yield(value) }
        continuation.finish()
    }
}

/// 0..<count, one every `milliseconds`, produced by a Swift task of its own; the stream's end
/// (or its consumer going away) cancels that task.
public func ticks(count: Int, milliseconds: Int) -> AsyncStream<Int> {
    AsyncStream { continuation in
        let producer = Task {
            for value in 0..<max(count, 0) {
                try? await Task.sleep(nanoseconds: nanoseconds(milliseconds: milliseconds))
                if Task.isCancelled { break }
                continuation.yield(value)
            }
            continuation.finish()
        }
        continuation.onTermination = { termination in
            producer.cancel()
            countTermination(termination)
        }
    }
}

/// 0..<count from an `AsyncSequence` of its own whose `next()` never suspends: what the bridge
/// costs per element, without an `AsyncStream`'s locks.
public func countUp(_ count: Int) -> some AsyncSequence<Int, Never> {
    Counter(end: max(count, 0))
}

/// `countUp(count)` as an existential: `any AsyncSequence<Int, Never>`.
public func anyCountUp(_ count: Int) -> any AsyncSequence<Int, Never> {
    Counter(end: max(count, 0))
}

struct Counter: AsyncSequence, AsyncIteratorProtocol {
    typealias Failure = Never
    let end: Int
    var next = 0

    mutating func next() async -> Int? {
        guard next < end else { return nil }
        defer { next += 1 }
        return next
    }

    func makeAsyncIterator() -> Counter { self }
}

/// The sum of `countTo(count)`, iterated in Swift: what the stream costs without Python.
public func sumOfCountTo(_ count: Int) async -> Int {
    var total = 0
    for await value in countTo(count) { total &+= value }
    return total
}

/// `count` values, then `WorkError.negative` (`AsyncThrowingStream<Int, any Error>`).
public func failAfter(_ count: Int) -> AsyncThrowingStream<Int, any Error> {
    AsyncThrowingStream { continuation in
        for value in 0..<max(count, 0) { continuation.yield(value) }
        continuation.finish(throwing: WorkError.negative)
    }
}

/// One value, then a `CancellationError` of the sequence's own: `asyncio.CancelledError`.
public func giveUpAfterOne() -> some AsyncSequence<Int, any Error> {
    AsyncThrowingStream<Int, any Error> { continuation in
        continuation.yield(1)
        continuation.finish(throwing: CancellationError())
    }
}

/// The words of `text`, as strings: `some AsyncSequence<String, Never>` (a mapped stream).
public func words(_ text: String) -> some AsyncSequence<String, Never> {
    let words = text.split(separator: " ").map(String.init)
    return AsyncStream<String> { continuation in
        for word in words { continuation.yield(word) }
        continuation.finish()
    }.map { $0.uppercased() }
}

extension Greeter {
    /// Greeters for `names`, one by one (elements of an exported type).
    public static func crowd(_ names: [String]) -> AsyncStream<Greeter> {
        AsyncStream { continuation in
            for name in names { continuation.yield(Greeter(name: name)) }
            continuation.finish()
        }
    }

    /// The letters of the name, as an async iterator of a method.
    public func letters() -> AsyncStream<String> {
        let name = self.name
        return AsyncStream { continuation in
            for letter in name { continuation.yield(String(letter)) }
            continuation.finish()
        }
    }
}

/// Not exported: an async function cannot return an async sequence (a build warning says to
/// drop `async`).
public func streamLater() async -> AsyncStream<Int> {
    AsyncStream { $0.finish() }
}

/// Not exported: an async function cannot borrow Python's memory (a build warning says to take
/// `[UInt8]` instead).
public func checksum(_ data: RawSpan) async -> Int {
    data.byteCount
}
