#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A closed polygon with at least three vertices: a read-only, random-access collection of its
/// vertices.
///
/// `point in polygon` in Python asks whether the point lies inside the polygon (see
/// `__contains__(_:)`), not whether it is one of the vertices.
public struct Polygon: RandomAccessCollection, Equatable, Codable, Sendable {
    /// The order in which a polygon's vertices go around it.
    public enum Winding: Sendable {
        case clockwise
        case counterClockwise
    }

    /// The vertices, in order around the polygon.
    public let vertices: [Point]

    /// The polygon through `vertices`; throws `GeometryError.tooFewVertices` for fewer than three.
    public init(_ vertices: [Point]) throws(GeometryError) {
        guard vertices.count >= 3 else { throw .tooFewVertices(vertices.count) }
        self.vertices = vertices
    }

    private init(unchecked vertices: [Point]) {
        self.vertices = vertices
    }

    /// The regular polygon with `sides` vertices on the circle of `radius` around `center`, the
    /// first one at angle 0, counterclockwise.
    public static func regular(sides: Int, radius: Double = 1, center: Point = .origin) throws(GeometryError) -> Polygon {
        guard sides >= 3 else { throw .tooFewVertices(sides) }
        // Without a bound, a huge `sides` is an allocation failure: a trap, not an exception.
        guard sides <= 1_000_000 else { throw .tooManyVertices(sides) }
        guard radius >= 0 else { throw .negativeRadius(radius) }
        let step = 2 * Double.pi / Double(sides)
        return Polygon(unchecked: (0..<sides).map { center + Point(polar: radius, angle: Double($0) * step) })
    }

    /// The index of the first vertex (always 0).
    public var startIndex: Int { vertices.startIndex }

    /// One past the index of the last vertex (the number of vertices).
    public var endIndex: Int { vertices.endIndex }

    /// The vertex at `position`.
    public subscript(position: Int) -> Point {
        vertices[position]
    }

    /// The enclosed area (for a simple polygon).
    public func area() -> Double {
        abs(signedDoubleArea) / 2
    }

    /// The length of the outline.
    public func perimeter() -> Double {
        edges().reduce(0) { $0 + $1.0.distance(to: $1.1) }
    }

    /// Whether the vertices go clockwise or counterclockwise.
    public var winding: Winding {
        signedDoubleArea < 0 ? .clockwise : .counterClockwise
    }

    /// The edges as pairs of points, the last one back to the first vertex.
    public func edges() -> [(Point, Point)] {
        vertices.indices.map { (vertices[$0], vertices[($0 + 1) % vertices.count]) }
    }

    /// The box around the polygon.
    public func bounds() -> BoundingBox {
        BoundingBox(around: vertices)!
    }

    /// The polygon with `transform` applied to every vertex. (A closure parameter: not exported
    /// to Python, and swiftmod says so.)
    public func transformed(by transform: (Point) -> Point) -> Polygon {
        Polygon(unchecked: vertices.map(transform))
    }

    /// Python's `point in polygon`: whether `point` lies inside the polygon or on its outline.
    ///
    /// A public method named like a Python special method is exported under exactly that name and
    /// wins over the `__contains__` that the `Collection` conformance would give (vertex membership).
    public func __contains__(_ point: Point) -> Bool {
        var inside = false
        for (start, end) in edges() {
            if Triangle.cross(start, end, point) == 0,
                Swift.min(start.x, end.x) <= point.x, point.x <= Swift.max(start.x, end.x),
                Swift.min(start.y, end.y) <= point.y, point.y <= Swift.max(start.y, end.y)
            {
                return true
            }
            if (start.y > point.y) != (end.y > point.y),
                point.x < start.x + (point.y - start.y) * (end.x - start.x) / (end.y - start.y)
            {
                inside.toggle()
            }
        }
        return inside
    }

    /// Twice the signed area: positive when the vertices go counterclockwise.
    private var signedDoubleArea: Double {
        edges().reduce(0) { $0 + ($1.0.x * $1.1.y - $1.1.x * $1.0.y) }
    }
}
