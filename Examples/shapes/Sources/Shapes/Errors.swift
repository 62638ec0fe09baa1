/// Why a geometric value could not be made. Python sees it as `shapes.GeometryError`, a
/// `ValueError` (`[tool.swiftmod.exceptions]` in pyproject.toml).
public enum GeometryError: Error, CustomStringConvertible {
    case negativeRadius(Double)
    case negativeLength(Double)
    case degenerate
    case tooFewVertices(Int)
    case tooManyVertices(Int)

    public var description: String {
        switch self {
        case .negativeRadius(let radius): "negative radius: \(radius)"
        case .negativeLength(let length): "negative length: \(length)"
        case .degenerate: "the sides cannot close a triangle"
        case .tooFewVertices(let count): "a polygon needs at least 3 vertices, got \(count)"
        case .tooManyVertices(let count): "a regular polygon has at most 1,000,000 vertices, got \(count)"
        }
    }
}

/// Why a canvas refused a shape. Python sees it as `shapes.CanvasError`, a plain `Exception`.
public enum CanvasError: Error, CustomStringConvertible {
    case full(capacity: Int)
    case duplicate(name: String)

    public var description: String {
        switch self {
        case .full(let capacity): "the canvas is full (capacity \(capacity))"
        case .duplicate(let name): "'\(name)' is on the canvas already"
        }
    }
}
