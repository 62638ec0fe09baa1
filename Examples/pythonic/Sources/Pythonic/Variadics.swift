/// The mean of any number of values, optionally weighted.
public func mean(_ values: Double..., weights: [Double]? = nil) -> Double {
    guard !values.isEmpty else { return 0 }
    let weights = weights ?? Array(repeating: 1, count: values.count)
    let total = zip(values, weights).map { $0 * $1 }.reduce(0, +)
    return total / weights.prefix(values.count).reduce(0, +)
}

/// An error for `joined` with nothing to join.
public enum JoinError: Error {
    case empty
}

/// The parts joined with a separator, which must be passed by keyword.
public func joined(_ parts: String..., separator: String) throws(JoinError) -> String {
    guard !parts.isEmpty else { throw .empty }
    return parts.joined(separator: separator)
}

/// A labelled variadic after a positional parameter: `tag(prefix, *names, upper=False)`.
public func tag(_ prefix: String, names: String..., upper: Bool = false) -> [String] {
    names.map { upper ? (prefix + $0).uppercased() : prefix + $0 }
}

/// A polyline: points given as any number of (x, y) tuples, or none.
public struct Polyline: Sendable {
    public private(set) var points: [Spot]

    public init(_ points: (Double, Double)..., closed: Bool = false) {
        self.points = points.map { Spot(x: $0.0, y: $0.1) }
        if closed, let first = self.points.first { self.points.append(first) }
    }

    /// The polyline's length.
    public var length: Double {
        zip(points, points.dropFirst()).map { a, b in ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot() }.reduce(0, +)
    }

    /// These points' offsets from each of the given points' x.
    public func shifted(_ dx: Double...) -> [Double] {
        dx.flatMap { d in points.map { $0.x + d } }
    }

    /// How many points, plus extra counts: a static variadic.
    public static func count(_ numbers: Int...) throws(Overflow) -> Int {
        var total = 0
        for number in numbers { total = try Overflow.check(total.addingReportingOverflow(number)) }
        return total
    }
}
