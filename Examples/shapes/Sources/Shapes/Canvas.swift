/// A drawing surface that owns its shapes, drawn in the order they were added over a background
/// rectangle.
///
/// A canvas is not `Equatable`: two canvases are equal only when they are the same object.
public final class Canvas {
    /// The rectangle behind everything: the same object for the canvas's whole life.
    public let background: Rectangle
    /// How many shapes (besides the background) the canvas takes.
    public let capacity: Int
    /// The shapes, in drawing order.
    public private(set) var shapes: [Shape] = []

    /// Creates an empty `width` × `height` canvas that takes up to `capacity` shapes.
    public init(width: Double = 100, height: Double = 100, capacity: Int = 16) {
        background = Rectangle(size: Size(width: width, height: height), name: "background")
        self.capacity = capacity
    }

    /// Adds `shape` on top of the others.
    ///
    /// Throws `CanvasError.full` when the canvas holds `capacity` shapes already and
    /// `CanvasError.duplicate` when this very shape is on it already.
    public func add(_ shape: Shape) throws(CanvasError) {
        guard shape !== background, !shapes.contains(where: { $0 === shape }) else {
            throw .duplicate(name: shape.name)
        }
        guard shapes.count < capacity else { throw .full(capacity: capacity) }
        shapes.append(shape)
    }

    /// The topmost shape called `name`, if any.
    public func shape(named name: String) -> Shape? {
        shapes.last { $0.name == name }
    }

    /// Removes the topmost shape called `name` and returns it, if there is one.
    @discardableResult
    public func remove(named name: String) -> Shape? {
        guard let index = shapes.lastIndex(where: { $0.name == name }) else { return nil }
        return shapes.remove(at: index)
    }

    /// The sum of the shapes' areas (not counting the background).
    public func totalArea() -> Double {
        shapes.reduce(0) { $0 + $1.area() }
    }

    /// Python's `len(canvas)`: the number of shapes (a special-method name, exported as is).
    public func __len__() -> Int {
        shapes.count
    }

    /// Python's `iter(canvas)`: the shapes, in drawing order.
    public func __iter__() -> [Shape] {
        shapes
    }
}

/// A tally that several parts of a program (and several Python threads) can share.
public final class Counter {
    /// The current count.
    public var value: Int

    /// Creates a counter that starts at `value`.
    public init(value: Int = 0) {
        self.value = value
    }

    /// Adds `amount` to the count.
    public func increment(by amount: Int = 1) {
        value &+= amount
    }

    /// Sets the count back to zero.
    public func reset() {
        value = 0
    }
}
