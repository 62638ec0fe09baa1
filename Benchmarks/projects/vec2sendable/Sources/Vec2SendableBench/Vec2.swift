/// Benchmarks/projects/vec2's Vec2, declared `Sendable`: its non-mutating methods go through the GIL
/// policy (docs/design/gil.md), which must cost next to nothing on a short call (§11).
public struct Vec2: Equatable, Sendable {
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
