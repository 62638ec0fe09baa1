/// Measurements: a `Sendable` struct whose non-mutating methods may run without the GIL
/// (docs/design/gil.md) while another thread replaces its values (docs/design/objects.md#receiver-copy).
public struct Samples: Equatable, Sendable {
    /// The measured values.
    public var values: [Double]

    public init(_ values: [Double] = []) {
        self.values = values
    }

    /// The mean, computed `rounds` times over (a long call for large samples); 0 when empty.
    public func mean(rounds: Int = 1) -> Double {
        var total = 0.0
        for _ in 0..<max(rounds, 1) {
            total = 0
            for value in values { total += value }
        }
        return values.isEmpty ? 0 : total / Double(values.count)
    }

    /// Appends every value of `more`, read from the Python list as the loop reaches it.
    public mutating func extend(_ more: some Sequence<Double>) {
        for value in more { values.append(value) }
    }

    /// The sum of `weights[i] * values[i]`, the weights read from the Python list in place.
    public func weightedSum(_ weights: some Sequence<Double>) -> Double {
        var total = 0.0
        for (value, weight) in zip(values, weights) { total += value * weight }
        return total
    }

    /// The value at `index`, unchecked: an index out of range is a Swift trap (the release-build
    /// trap report, docs/design/objects.md#trap-report, is tested with it).
    public func value(at index: Int) -> Double {
        values[index]
    }

    /// The values scaled by `factor`, as new samples.
    public static func * (samples: Samples, factor: Double) -> Samples {
        Samples(samples.values.map { $0 * factor })
    }

    /// Scales the values in place.
    public static func *= (samples: inout Samples, factor: Double) {
        samples.values = samples.values.map { $0 * factor }
    }
}

/// A tag that Python cannot change: `Hashable`, so usable as a dict key and in sets.
public struct Tag: Hashable, Sendable, CustomStringConvertible {
    /// The tag's name.
    public let name: String

    public init(_ name: String) {
        self.name = name
    }

    public var description: String { "#\(name)" }
}

/// A stack of numbers with Python's sequence protocol and item assignment (a class: Python
/// objects share one instance).
public final class Stack: RandomAccessCollection {
    private var items: [Double]

    public init(_ items: [Double] = []) {
        self.items = items
    }

    public var startIndex: Int { items.startIndex }
    public var endIndex: Int { items.endIndex }

    /// The item at `position`.
    public subscript(position: Int) -> Double {
        get { items[position] }
        set { items[position] = newValue }
    }

    /// Adds `value` on top.
    public func push(_ value: Double) {
        items.append(value)
    }

    /// Removes and returns the top value, or nil when empty.
    public func pop() -> Double? {
        items.popLast()
    }
}
