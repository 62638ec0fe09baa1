/// A 2-D vector of doubles: the type Benchmarks/types_bench.py times against a hand-written C
/// extension type and a nanobind class doing the same work.
public struct Vec2: Equatable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// The Euclidean length.
    public func norm() -> Double {
        (x * x + y * y).squareRoot()
    }

    /// A new vector, each component multiplied by `factor`.
    public func scaled(_ factor: Double) -> Vec2 {
        Vec2(x: x * factor, y: y * factor)
    }
}
