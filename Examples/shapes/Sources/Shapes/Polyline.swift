/// An open path through a list of points: a random-access, mutable collection of `Point`.
public struct Polyline: RandomAccessCollection, MutableCollection, Equatable, Codable, Sendable {
    /// The points, in path order.
    public var points: [Point]

    /// The path through `points`.
    public init(_ points: [Point] = []) {
        self.points = points
    }

    /// The index of the first point (always 0).
    public var startIndex: Int { points.startIndex }

    /// One past the index of the last point (the number of points).
    public var endIndex: Int { points.endIndex }

    /// The point at `position`.
    public subscript(position: Int) -> Point {
        get { points[position] }
        set { points[position] = newValue }
    }

    /// The total length of the path.
    public var length: Double {
        zip(points, points.dropFirst()).reduce(0) { $0 + $1.0.distance(to: $1.1) }
    }

    /// Adds `point` at the end of the path.
    public mutating func append(_ point: Point) {
        points.append(point)
    }

    /// The box around the path, or `nil` for an empty path.
    public func bounds() -> BoundingBox? {
        BoundingBox(around: points)
    }
}
