/// A figure described by its measurements alone, with no position or name: what a sketch needs
/// to know about a shape.
public enum Figure: Hashable, Codable, Sendable {
    /// A circle of `radius`.
    case circle(radius: Double)
    /// A `width` × `height` rectangle.
    case rect(width: Double, height: Double)
    /// A single point.
    case dot(Point)
    /// The straight line between two points.
    case segment(Point, Point)
    /// Nothing at all.
    case empty
}

/// The area of `figure` (0 for dots, segments and `empty`).
public func area(of figure: Figure) -> Double {
    switch figure {
    case .circle(let radius): Double.pi * radius * radius
    case .rect(let width, let height): width * height
    case .dot, .segment, .empty: 0
    }
}

/// The figure of a shape: `.circle` for a `Circle`, `.rect` for a `Rectangle`, `.empty` otherwise.
public func figure(of shape: Shape) -> Figure {
    switch shape {
    case let circle as Circle: .circle(radius: circle.radius)
    case let rectangle as Rectangle: .rect(width: rectangle.size.width, height: rectangle.size.height)
    default: .empty
    }
}

/// `figure` scaled by `factor` about the origin.
public func scaled(_ figure: Figure, by factor: Double) -> Figure {
    switch figure {
    case .circle(let radius): .circle(radius: radius * factor)
    case .rect(let width, let height): .rect(width: width * factor, height: height * factor)
    case .dot(let point): .dot(point * factor)
    case .segment(let start, let end): .segment(start * factor, end * factor)
    case .empty: .empty
    }
}

/// The sum of the areas of `figures`.
public func combinedArea(_ figures: [Figure]) -> Double {
    figures.reduce(0) { $0 + area(of: $1) }
}
