import Synchronization

/// Applies `transform` to each value: a throwing closure, so a Python exception comes back out
/// of `apply` as itself.
public func apply(_ values: [Int], _ transform: (Int) throws -> Int) rethrows -> [Int] {
    try values.map(transform)
}

/// Calls `f` `count` times with 0, 1, 2, ... and sums the results (the callback benchmark).
public func sumCalls(_ f: (Int) throws -> Int, count: Int) throws -> Int {
    var total = 0
    for index in 0..<max(count, 0) { total &+= try f(index) }
    return total
}

/// The values `keep` says to keep.
public func filtered(_ values: [String], keep: (String) throws -> Bool) rethrows -> [String] {
    try values.filter(keep)
}

/// Sorts words by a key function, as Python's `sorted(words, key=...)`.
public func sortedBy(_ words: [String], key: (String) throws -> Double) throws -> [String] {
    let keyed = try words.map { (try key($0), $0) }
    return keyed.sorted { $0.0 < $1.0 }.map(\.1)
}

/// Counts to `total`, reporting progress: a non-throwing `Void` callback whose exceptions are
/// raised when `countTo` returns (later reports are skipped).
public func countTo(_ total: Int, progress: (Int, Int) -> Void) -> Int {
    for step in 1...max(total, 1) { progress(step, total) }
    return total
}

/// An optional callback: `None` (the default) reports nothing.
public func process(_ items: [String], onItem: ((String) -> Void)? = nil) -> Int {
    for item in items { onItem?(item) }
    return items.count
}

/// A callback that Swift errors can pass through: the user's Swift code catches the Python
/// exception as an error and describes it.
public func describeFailure(_ f: () throws -> Void) -> String {
    do {
        try f()
        return "ok"
    } catch {
        return "caught: \(error)"
    }
}

/// Runs the callback on `threads` threads at once (each call takes the GIL): a `@Sendable`
/// closure may be called from any thread, so `parallelMap` releases the GIL while it runs.
public func parallelMap(_ values: [Int], threads: Int, _ f: @escaping @Sendable (Int) throws -> Int) throws -> [Int] {
    final class Results: @unchecked Sendable {
        var values: [Int?]
        var error: (any Error)?
        init(count: Int) { values = Array(repeating: nil, count: count) }
    }
    let results = Results(count: values.count)
    let workers = min(max(threads, 1), max(values.count, 1), 64)
    let chunk = max(1, (values.count + workers - 1) / workers)
    let starts = Array(stride(from: 0, to: values.count, by: chunk))
    DispatchLike.concurrentPerform(iterations: starts.count) { index in
        let start = starts[index]
        for position in start..<min(start + chunk, values.count) {
            do { results.values[position] = try f(values[position]) } catch { results.error = error }
        }
    }
    if let error = results.error { throw error }
    return results.values.map { $0! }
}

/// A non-Sendable closure called from another thread: swiftmod refuses the call with a
/// RuntimeError rather than wait forever for the GIL its caller holds.
public func callFromAnotherThread(_ f: () -> Void) {
    withoutActuallyEscaping(f) { f in
        nonisolated(unsafe) let f = f
        DispatchLike.concurrentPerform(iterations: 1) { _ in f() }
    }
}

/// A stored callback: kept after the call and called later (by `click`), from any thread.
public final class Button: Sendable {
    public let label: String
    private let handlers = Mutex<[@Sendable (String) -> Void]>([])

    public init(label: String) { self.label = label }

    /// Keeps `handler` for later clicks.
    public func onClick(_ handler: @escaping @Sendable (String) -> Void) { handlers.withLock { $0.append(handler) } }

    /// Calls every handler; exceptions go to `sys.unraisablehook`.
    public func click() {
        for handler in handlers.withLock({ $0 }) { handler(label) }
    }

    /// Clicks `times` times on a new thread and returns at once: the handlers run on that
    /// thread, each taking the GIL, while Python goes on (`threading.Event().wait()` lets them in).
    public func clickInBackground(times: Int) {
        DispatchLike.detach { for _ in 0..<max(times, 0) { self.click() } }
    }

    /// How many handlers are kept.
    public var handlerCount: Int { handlers.withLock { $0.count } }

    /// Forgets every handler (their Python callables are released, each taking the GIL).
    public func clear() { handlers.withLock { $0.removeAll() } }
}

/// A value whose method takes a callback that may change the value (the borrow rules apply).
public struct Counter: Sendable {
    public var count: Int = 0
    public init() {}

    /// Calls `body` with the count; `body` cannot change this counter meanwhile.
    public func inspect(_ body: (Int) throws -> Void) rethrows { try body(count) }

    /// Adds what `step` returns.
    public mutating func advance(by step: () throws -> Int) throws {
        count = try Overflow.check(count.addingReportingOverflow(try step()))
    }
}

/// A closure as a result: a Python callable that adds `amount`.
public func makeAdder(_ amount: Int) -> (Int) throws -> Int {
    { try Overflow.check($0.addingReportingOverflow(amount)) }
}

/// A throwing closure as a result: its Swift error is raised as the module's exception class.
public func makeDivider(_ divisor: Int) -> (Int) throws -> Int {
    { value in
        guard divisor != 0 else { throw JoinError.empty }
        return try Overflow.check(value.dividedReportingOverflow(by: divisor))
    }
}

/// A closure with no arguments and no result, that counts its calls in a class the test can read.
public final class Tally: @unchecked Sendable {
    public private(set) var count = 0
    public init() {}

    /// A callable that adds one to this tally each time Python calls it.
    public func incrementer() -> () -> Void {
        { self.count += 1 }
    }
}
