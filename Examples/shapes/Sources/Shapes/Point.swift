#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A point in the plane, also used as a vector from the origin.
///
/// Points order by `x`, then by `y`.
public struct Point: Hashable, Comparable, Codable, CustomStringConvertible, Sendable {
    /// The horizontal coordinate.
    public var x: Double
    /// The vertical coordinate.
    public var y: Double

    /// The point at (0, 0).
    public static let origin = Point()

    /// The number of coordinates of a point.
    public static let dimensionCount = 2

    /// Creates the point with the Cartesian coordinates `x` and `y`.
    public init(x: Double = 0, y: Double = 0) {
        self.x = x
        self.y = y
    }

    /// Creates the point at distance `radius` from the origin, `angle` radians counterclockwise
    /// from the positive x axis.
    public init(polar radius: Double, angle: Double) {
        self.init(x: radius * cos(angle), y: radius * sin(angle))
    }

    /// The distance from the origin.
    public var length: Double {
        (x * x + y * y).squareRoot()
    }

    /// The quadrant the point lies in, or `nil` for a point on an axis.
    public var quadrant: Quadrant? {
        guard x != 0, y != 0, !x.isNaN, !y.isNaN else { return nil }
        switch (x > 0, y > 0) {
        case (true, true): return .first
        case (false, true): return .second
        case (false, false): return .third
        case (true, false): return .fourth
        }
    }

    /// The distance between this point and `other`.
    public func distance(to other: Point) -> Double {
        (self - other).length
    }

    /// Moves the point by `dx` horizontally and `dy` vertically.
    public mutating func translate(dx: Double, dy: Double) {
        x += dx
        y += dy
    }

    /// This point with both coordinates multiplied by `factor`.
    public func scaled(_ factor: Double) -> Point {
        self * factor
    }

    /// The point halfway between `a` and `b`.
    public static func midpoint(_ a: Point, _ b: Point) -> Point {
        (a + b) / 2
    }

    /// The coordinates in parentheses: `(1.0, 2.0)`.
    public var description: String {
        "(\(x), \(y))"
    }

    /// Orders by `x`, then by `y`.
    public static func < (lhs: Point, rhs: Point) -> Bool {
        (lhs.x, lhs.y) < (rhs.x, rhs.y)
    }

    /// The vector sum.
    public static func + (lhs: Point, rhs: Point) -> Point {
        Point(x: lhs.x + rhs.x, y: lhs.y + rhs.y)
    }

    /// The vector difference.
    public static func - (lhs: Point, rhs: Point) -> Point {
        Point(x: lhs.x - rhs.x, y: lhs.y - rhs.y)
    }

    /// The point mirrored through the origin.
    public static prefix func - (point: Point) -> Point {
        Point(x: -point.x, y: -point.y)
    }

    /// Both coordinates multiplied by `factor`.
    public static func * (point: Point, factor: Double) -> Point {
        Point(x: point.x * factor, y: point.y * factor)
    }

    /// Both coordinates divided by `divisor` (IEEE rules: dividing by zero gives infinities).
    public static func / (point: Point, divisor: Double) -> Point {
        Point(x: point.x / divisor, y: point.y / divisor)
    }

    /// Moves `lhs` by the vector `rhs`, in place.
    public static func += (lhs: inout Point, rhs: Point) {
        lhs.x += rhs.x
        lhs.y += rhs.y
    }

    /// Moves `lhs` by the vector `-rhs`, in place.
    public static func -= (lhs: inout Point, rhs: Point) {
        lhs.x -= rhs.x
        lhs.y -= rhs.y
    }
}

/// The four quadrants of the plane, numbered counterclockwise from the one where both
/// coordinates are positive.
public enum Quadrant: Int, Sendable {
    case first = 1, second, third, fourth
}
