/// The convex hull of `points`: the corners of the smallest convex polygon around them,
/// counterclockwise from the smallest point (by `x`, then `y`), without collinear points.
public func convexHull(_ points: [Point]) -> [Point] {
    let sorted = Set(points).sorted()
    guard sorted.count > 2 else { return sorted }
    func chain(_ points: [Point]) -> [Point] {
        var hull: [Point] = []
        for point in points {
            while hull.count >= 2, Triangle.cross(hull[hull.count - 2], hull[hull.count - 1], point) <= 0 {
                hull.removeLast()
            }
            hull.append(point)
        }
        return hull
    }
    let lower = chain(sorted)
    let upper = chain(sorted.reversed())
    return Array(lower.dropLast() + upper.dropLast())
}

/// The average of `points`, or `nil` when there are none.
public func centroid(_ points: [Point]) -> Point? {
    guard !points.isEmpty else { return nil }
    return points.reduce(Point.origin, +) / Double(points.count)
}

/// The two points of `points` closest to each other, the smaller first, or `nil` for fewer
/// than two points.
public func closestPair(_ points: [Point]) -> (Point, Point)? {
    var best: (Point, Point, Double)?
    for i in points.indices {
        for j in points.indices where j > i {
            let distance = points[i].distance(to: points[j])
            if best.map({ distance < $0.2 }) ?? true {
                best = (Swift.min(points[i], points[j]), Swift.max(points[i], points[j]), distance)
            }
        }
    }
    return best.map { ($0.0, $0.1) }
}

/// The distinct points of `points`. Not exported: `Point` is `Hashable`, but Python can change
/// a `Point` (`p.x = 1`), so it is unhashable there and cannot be a set element (docs/design/objects.md#hashing).
public func uniquePoints(_ points: [Point]) -> Set<Point> {
    Set(points)
}

/// The distinct cells of `cells`.
public func uniqueCells(_ cells: [Cell]) -> Set<Cell> {
    Set(cells)
}

/// How many times each cell occurs in `cells`.
public func tally(_ cells: [Cell]) -> [Cell: Int] {
    cells.reduce(into: [:]) { $0[$1, default: 0] += 1 }
}

/// The box around the centers of `cells`, or `nil` when the set is empty.
public func boundingBox(of cells: Set<Cell>) -> BoundingBox? {
    BoundingBox(around: cells.map { Point(x: Double($0.column), y: Double($0.row)) })
}

/// The shape's name and its class as Swift sees it: `wheel (Circle)`.
public func describe(_ shape: Shape) -> String {
    "\(shape.name) (\(type(of: shape)))"
}

/// The sum of the areas of `shapes`, each by its own `area()`.
public func totalArea(_ shapes: [Shape]) -> Double {
    shapes.reduce(0) { $0 + $1.area() }
}

/// The shape with the largest area (the first on a tie), or `nil` for an empty list.
public func largest(_ shapes: [Shape]) -> Shape? {
    shapes.max { $0.area() < $1.area() }
}

/// Whether the circles `a` and `b` overlap (touching counts).
public func overlaps(_ a: Circle, _ b: Circle) -> Bool {
    a.center.distance(to: b.center) <= a.radius + b.radius
}
