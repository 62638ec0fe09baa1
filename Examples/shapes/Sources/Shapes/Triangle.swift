/// A triangle with the corners `a`, `b` and `c`, which never lie on one line.
public struct Triangle: Equatable, Codable, Sendable {
    /// The first corner.
    public let a: Point
    /// The second corner.
    public let b: Point
    /// The third corner.
    public let c: Point

    /// The triangle with these corners, or `nil` when they lie on one line.
    public init?(_ a: Point, _ b: Point, _ c: Point) {
        guard Triangle.cross(a, b, c) != 0 else { return nil }
        self.a = a
        self.b = b
        self.c = c
    }

    /// The triangle whose sides `ab`, `bc` and `ca` have the lengths in `sides`, with `a` at the
    /// origin, `b` on the positive x axis and `c` above it.
    ///
    /// Throws `GeometryError.negativeLength` for a negative length and `GeometryError.degenerate`
    /// when the three lengths cannot close a triangle.
    public init(sides: (Double, Double, Double)) throws(GeometryError) {
        let (ab, bc, ca) = sides
        for length in [ab, bc, ca] where length < 0 {
            throw .negativeLength(length)
        }
        guard ab < bc + ca, bc < ca + ab, ca < ab + bc else { throw .degenerate }
        let x = (ab * ab + ca * ca - bc * bc) / (2 * ab)
        a = .origin
        b = Point(x: ab, y: 0)
        c = Point(x: x, y: (ca * ca - x * x).squareRoot())
    }

    /// The enclosed area.
    public var area: Double {
        abs(Triangle.cross(a, b, c)) / 2
    }

    /// The sum of the side lengths.
    public var perimeter: Double {
        a.distance(to: b) + b.distance(to: c) + c.distance(to: a)
    }

    /// Twice the signed area of `a`, `b`, `c`: positive when they turn counterclockwise.
    static func cross(_ a: Point, _ b: Point, _ c: Point) -> Double {
        (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
    }
}
