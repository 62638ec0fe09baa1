/// A width and a height. Negative values are clamped to zero.
public struct Size: Equatable, Sendable {
    /// The horizontal extent, fixed when the size is created.
    public let width: Double
    /// The vertical extent; only `stretch(by:)` changes it.
    public private(set) var height: Double

    /// Creates a size; a negative `width` or `height` becomes zero.
    public init(width: Double, height: Double) {
        self.width = Swift.max(0, width)
        self.height = Swift.max(0, height)
    }

    /// `width * height`.
    public var area: Double {
        width * height
    }

    /// Multiplies the height by `factor` (a negative factor gives a height of zero).
    public mutating func stretch(by factor: Double) {
        height = Swift.max(0, height * factor)
    }

    /// Python's truth value: a size is true when it encloses some area.
    public func __bool__() -> Bool {
        width > 0 && height > 0
    }
}

/// The smallest axis-aligned rectangle around some points.
///
/// Boxes come from `Polygon.bounds()`, `Polyline.bounds()`, `Circle.boundingBox()` and
/// `boundingBox(of:)`; the type has no public initializer.
public struct BoundingBox: Equatable, Sendable {
    /// The corner with the smallest coordinates.
    public let origin: Point
    /// The extent from `origin`.
    public let size: Size

    init(origin: Point, size: Size) {
        self.origin = origin
        self.size = size
    }

    /// The box around `points`, or `nil` when there are none.
    init?(around points: some Sequence<Point>) {
        var iterator = points.makeIterator()
        guard let first = iterator.next() else { return nil }
        var low = first
        var high = first
        while let point = iterator.next() {
            low = Point(x: Swift.min(low.x, point.x), y: Swift.min(low.y, point.y))
            high = Point(x: Swift.max(high.x, point.x), y: Swift.max(high.y, point.y))
        }
        self.init(origin: low, size: Size(width: high.x - low.x, height: high.y - low.y))
    }

    /// The point in the middle of the box.
    public var center: Point {
        Point(x: origin.x + size.width / 2, y: origin.y + size.height / 2)
    }

    /// Whether `point` lies inside the box or on its edge.
    public func contains(_ point: Point) -> Bool {
        point.x >= origin.x && point.x <= origin.x + size.width
            && point.y >= origin.y && point.y <= origin.y + size.height
    }

    /// The smallest box around both this box and `other`.
    public func union(_ other: BoundingBox) -> BoundingBox {
        let corners = [
            origin, Point(x: origin.x + size.width, y: origin.y + size.height),
            other.origin, Point(x: other.origin.x + other.size.width, y: other.origin.y + other.size.height),
        ]
        return BoundingBox(around: corners)!
    }
}

/// A cell of a grid: a value Python cannot change, so it is hashable there (a set element, a
/// dictionary key), as a frozen dataclass is.
public struct Cell: Hashable, Comparable, Sendable {
    public let row: Int
    public let column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    public static func < (lhs: Cell, rhs: Cell) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }
}
