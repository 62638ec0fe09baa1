/// A class Python subclasses: `score` is what Swift calls.
open class Scorer {
    /// A scorer.
    public init() {}

    /// The score of a value: the value itself.
    open func score(_ value: Int) -> Int {
        value
    }
}

/// Calls `scorer.score` `count` times from Swift (the Python override for a Python subclass)
/// and returns the sum: the cost of one call through an override, without the call into Swift.
public func scoreMany(_ scorer: Scorer, _ count: Int) -> Int {
    var total = 0
    for value in 0..<count { total &+= scorer.score(value) }
    return total
}
