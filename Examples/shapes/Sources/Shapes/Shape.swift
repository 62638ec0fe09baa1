import Synchronization

/// Something drawn on a `Canvas`. `Circle` and `Rectangle` are the concrete shapes; a plain
/// `Shape` is a named placeholder with no area.
public class Shape: CustomStringConvertible, CustomDebugStringConvertible {
    private static let live = Atomic<Int>(0)

    /// The shape's name; `str()` shows it.
    public var name: String

    /// Creates a placeholder shape with no geometry.
    public init(name: String) {
        self.name = name
        Shape.live.wrappingAdd(1, ordering: .relaxed)
    }

    deinit {
        Shape.live.wrappingSubtract(1, ordering: .relaxed)
    }

    /// The number of shapes (of any subclass) alive in the process; `deinit` brings it down.
    public static func liveCount() -> Int {
        live.load(ordering: .relaxed)
    }

    /// The enclosed area; 0 for a plain shape.
    public func area() -> Double {
        0
    }

    /// The length of the outline; 0 for a plain shape.
    public func perimeter() -> Double {
        0
    }

    /// The name.
    public var description: String {
        name
    }

    /// The kind of shape and its fields: `Shape(name: "blob")`.
    public var debugDescription: String {
        "Shape(name: \(String(reflecting: name)))"
    }
}

/// A circle: a `Shape` with a center and a radius.
public final class Circle: Shape {
    /// The distance from the center to the outline, fixed when the circle is created.
    public let radius: Double
    /// The center.
    public var center: Point

    /// Creates a circle; throws `GeometryError.negativeRadius` when `radius` is negative.
    public init(radius: Double, center: Point = .origin, name: String = "circle") throws(GeometryError) {
        guard radius >= 0 else { throw .negativeRadius(radius) }
        self.radius = radius
        self.center = center
        super.init(name: name)
    }

    /// π r².
    public override func area() -> Double {
        Double.pi * radius * radius
    }

    /// 2 π r.
    public override func perimeter() -> Double {
        2 * Double.pi * radius
    }

    /// The square around the circle.
    public func boundingBox() -> BoundingBox {
        BoundingBox(
            origin: Point(x: center.x - radius, y: center.y - radius),
            size: Size(width: 2 * radius, height: 2 * radius))
    }

    /// `Circle(name: "wheel", radius: 2.0, center: (0.0, 0.0))`.
    public override var debugDescription: String {
        "Circle(name: \(String(reflecting: name)), radius: \(radius), center: \(center))"
    }
}

/// An axis-aligned rectangle: a `Shape` with an origin (its lower-left corner) and a size.
public final class Rectangle: Shape {
    /// The lower-left corner.
    public var origin: Point
    /// The width and height.
    public var size: Size

    /// Creates a rectangle of `size` with its lower-left corner at `origin` (the origin when `nil`).
    public init(size: Size, origin: Point? = nil, name: String = "rectangle") {
        self.size = size
        self.origin = origin ?? .origin
        super.init(name: name)
    }

    /// Creates a `width` × `height` rectangle at the origin.
    public convenience init(width: Double, height: Double) {
        self.init(size: Size(width: width, height: height))
    }

    /// Width times height.
    public override func area() -> Double {
        size.area
    }

    /// Twice the width plus twice the height.
    public override func perimeter() -> Double {
        2 * (size.width + size.height)
    }

    /// The position of `corner`.
    public func corner(_ corner: Corner) -> Point {
        switch corner {
        case .bottomLeft: origin
        case .bottomRight: Point(x: origin.x + size.width, y: origin.y)
        case .topLeft: Point(x: origin.x, y: origin.y + size.height)
        case .topRight: Point(x: origin.x + size.width, y: origin.y + size.height)
        }
    }

    /// The corner closest to `point` (the first in `Corner`'s order on a tie).
    public func nearestCorner(to point: Point) -> Corner {
        let all: [Corner] = [.topLeft, .topRight, .bottomLeft, .bottomRight]
        return all.min { self.corner($0).distance(to: point) < self.corner($1).distance(to: point) }!
    }

    /// `Rectangle(name: "door", origin: (0.0, 0.0), width: 1.0, height: 2.0)`.
    public override var debugDescription: String {
        "Rectangle(name: \(String(reflecting: name)), origin: \(origin), width: \(size.width), height: \(size.height))"
    }
}
