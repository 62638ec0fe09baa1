/// Drawing colors; the raw value is the CSS hex code.
public enum Color: String, Sendable {
    case black = "#000000"
    case darkRed = "#8b0000"
    case skyBlue = "#87ceeb"
}

/// The corners of an axis-aligned rectangle.
public enum Corner: Sendable {
    case topLeft
    case topRight
    case bottomLeft
    case bottomRight
}

/// The colors for the roles in a drawing ("fill", "stroke", ...).
public struct Palette: Equatable, Sendable {
    /// The color of each role.
    public var colors: [String: Color]

    /// A fill and a stroke color.
    public static let standard = Palette(["fill": .skyBlue, "stroke": .black])

    /// Creates a palette with `colors`.
    public init(_ colors: [String: Color] = [:]) {
        self.colors = colors
    }

    /// The color of `role`, or `nil`; setting `nil` removes the role.
    public subscript(role: String) -> Color? {
        get { colors[role] }
        set { colors[role] = newValue }
    }

    /// The roles that use `color`, sorted.
    public func roles(using color: Color) -> [String] {
        colors.filter { $0.value == color }.map(\.key).sorted()
    }
}
