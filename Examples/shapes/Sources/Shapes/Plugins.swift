import Foundation

// A plug-in design (docs/design/types.md#overrides): a Swift engine (`runStrategy`) calls the
// open methods of a `Strategy`, which Python code subclasses and overrides.

/// How `runStrategy` scores values: subclass it (in Swift or Python) and override its methods.
open class Strategy {
    /// The strategy's name.
    public let name: String

    /// A strategy called `name`.
    public init(name: String) {
        self.name = name
    }

    /// The score of one value: the value itself.
    open func score(_ value: Int) -> Double {
        Double(value)
    }

    /// Whether a value takes part: all do.
    open func accepts(_ value: Int) -> Bool {
        true
    }

    /// The label of a value in a report: `#3`; may throw.
    open func label(for value: Int) throws -> String {
        "#\(value)"
    }

    /// Told how many values took part once a run ends.
    open func finished(count: Int) {}
}

/// The sum of the scores of the values the strategy accepts: Swift calling the strategy's
/// methods, which are the Python overrides for a Python subclass.
public func runStrategy(_ strategy: Strategy, _ values: [Int]) -> Double {
    var total = 0.0
    var count = 0
    for value in values where strategy.accepts(value) {
        total += strategy.score(value)
        count += 1
    }
    strategy.finished(count: count)
    return total
}

/// The labels of the values, joined by spaces; a label that throws stops the report.
public func report(_ strategy: Strategy, _ values: [Int]) throws -> String {
    try values.map { try strategy.label(for: $0) }.joined(separator: " ")
}

/// The strategy's score of `value`, computed on a new Swift thread; `done` gets it (a
/// `@Sendable` closure: the call waits without the GIL, so the thread can take it).
public func scoreOnThread(_ strategy: Strategy, _ value: Int, done: @Sendable (Double) -> Void) {
    nonisolated(unsafe) let shared = strategy
    nonisolated(unsafe) var result = 0.0
    let finished = DispatchSemaphore(value: 0)
    let thread = Thread {
        result = shared.score(value)
        finished.signal()
    }
    thread.start()
    finished.wait()
    done(result)
}

/// A strategy whose designated initializer is internal (`Sealed()` is a convenience one): the
/// glue's Swift subclass could not inherit it, so Python subclasses work but Swift keeps
/// calling its own `score`.
open class Sealed {
    let base: Double

    init(base: Double) {
        self.base = base
    }

    /// A sealed strategy.
    public convenience init() {
        self.init(base: 1.5)
    }

    /// The score of one value.
    open func score(_ value: Int) -> Double {
        base * Double(value)
    }
}

/// `sealed.score(value)`, called from Swift.
public func scoreSealed(_ sealed: Sealed, _ value: Int) -> Double {
    sealed.score(value)
}
