import Testing
import Shapes

// The library on its own, without Python: `swift test` in Examples/shapes. Serialized, because
// `Shape.liveCount()` counts the shapes of the whole process.

@Suite(.serialized) struct ShapesTests {
    @Test func pointArithmeticAndOrder() {
        var p = Point(x: 1, y: 2)
        let q = Point(x: 3, y: 5)
        #expect(p + q == Point(x: 4, y: 7))
        #expect(q - p == Point(x: 2, y: 3))
        #expect(-p == Point(x: -1, y: -2))
        #expect(p * 2 == Point(x: 2, y: 4))
        #expect(q / 2 == Point(x: 1.5, y: 2.5))
        #expect(Point(x: 0, y: 0).distance(to: Point(x: 3, y: 4)) == 5)
        #expect(Point.midpoint(Point(x: 0, y: 0), Point(x: 2, y: 4)) == Point(x: 1, y: 2))
        #expect([Point(x: 2, y: 0), Point(x: 1, y: 5), Point(x: 1, y: 2)].sorted()
            == [Point(x: 1, y: 2), Point(x: 1, y: 5), Point(x: 2, y: 0)])
        p += q
        #expect(p == Point(x: 4, y: 7))
        p -= q
        p.translate(dx: 1, dy: -1)
        #expect(p == Point(x: 2, y: 1))
        #expect(p.description == "(2.0, 1.0)")
        #expect(Point(x: 0.0, y: 0).hashValue == Point(x: -0.0, y: 0).hashValue)
        #expect(Point(polar: 2, angle: 0) == Point(x: 2, y: 0))
        #expect(Point.origin == Point() && Point.dimensionCount == 2)
    }

    @Test func quadrants() {
        #expect(Point(x: 1, y: 1).quadrant == .first)
        #expect(Point(x: -1, y: 1).quadrant == .second)
        #expect(Point(x: -1, y: -1).quadrant == .third)
        #expect(Point(x: 1, y: -1).quadrant == .fourth)
        #expect(Point(x: 0, y: 1).quadrant == nil)
        #expect(Quadrant.fourth.rawValue == 4)
    }

    @Test func sizeClampsAndStretches() {
        var size = Size(width: 2, height: -3)
        #expect(size.height == 0 && !size.__bool__())
        size = Size(width: 2, height: 3)
        size.stretch(by: 2)
        #expect(size == Size(width: 2, height: 6) && size.area == 12 && size.__bool__())
    }

    @Test func trianglesFromCornersAndSides() throws {
        #expect(Triangle(Point(x: 0, y: 0), Point(x: 1, y: 1), Point(x: 2, y: 2)) == nil)
        let corners = try #require(Triangle(Point(x: 0, y: 0), Point(x: 3, y: 0), Point(x: 3, y: 4)))
        #expect(try Triangle(sides: (3, 4, 5)) == corners)
        #expect(corners.area == 6 && corners.perimeter == 12)
        #expect(throws: GeometryError.self) { try Triangle(sides: (1, 2, 3)) }
        do {
            _ = try Triangle(sides: (-1, 2, 2))
            Issue.record("expected a throw")
        } catch {
            #expect(error.description == "negative length: -1.0")
        }
    }

    @Test func polylineIsAMutableRandomAccessCollection() {
        var line = Polyline([Point(x: 0, y: 0), Point(x: 3, y: 4)])
        line.append(Point(x: 3, y: 0))
        #expect(line.count == 3 && line.length == 9)
        line[2] = Point(x: 6, y: 8)
        #expect(Array(line) == [Point(x: 0, y: 0), Point(x: 3, y: 4), Point(x: 6, y: 8)])
        #expect(line.contains(Point(x: 3, y: 4)))
        #expect(line.bounds()?.size == Size(width: 6, height: 8))
        #expect(Polyline().bounds() == nil)
    }

    @Test func polygonInsideTestAndMeasures() throws {
        let square = try Polygon([Point(x: 0, y: 0), Point(x: 2, y: 0), Point(x: 2, y: 2), Point(x: 0, y: 2)])
        #expect(square.count == 4 && square.area() == 4 && square.perimeter() == 8)
        #expect(square.winding == .counterClockwise)
        #expect(try Polygon(square.reversed()).winding == .clockwise)
        #expect(square.__contains__(Point(x: 1, y: 1)))
        #expect(square.__contains__(Point(x: 2, y: 1)))
        #expect(square.__contains__(Point(x: 0, y: 0)))
        #expect(!square.__contains__(Point(x: 3, y: 1)))
        #expect(!square.__contains__(Point(x: 1, y: -0.5)))
        #expect(square.edges().count == 4)
        #expect(square.bounds().center == Point(x: 1, y: 1))
        #expect(square.transformed { $0 * 2 }.area() == 16)
        #expect(throws: GeometryError.self) { try Polygon([Point(), Point(x: 1)]) }
        let hexagon = try Polygon.regular(sides: 6, radius: 2)
        #expect(hexagon.count == 6 && abs(hexagon.perimeter() - 12) < 1e-12)
    }

    @Test func classesDispatchAndCountLiveInstances() throws {
        let before = Shape.liveCount()
        do {
            let circle = try Circle(radius: 1, name: "wheel")
            let rectangle = Rectangle(width: 2, height: 3)
            #expect(Shape.liveCount() == before + 2)
            #expect(totalArea([circle, rectangle]) == Double.pi + 6)
            #expect(largest([circle, rectangle]) === rectangle)
            #expect(describe(circle) == "wheel (Circle)")
            #expect(circle.debugDescription == #"Circle(name: "wheel", radius: 1.0, center: (0.0, 0.0))"#)
            #expect(rectangle.corner(.topRight) == Point(x: 2, y: 3))
            #expect(rectangle.nearestCorner(to: Point(x: -1, y: -1)) == .bottomLeft)
            #expect(throws: GeometryError.self) { try Circle(radius: -1) }
            #expect(Shape.liveCount() == before + 2)
        }
        #expect(Shape.liveCount() == before)
    }

    @Test func canvasOwnsItsShapes() throws {
        let before = Shape.liveCount()
        do {
            let canvas = Canvas(capacity: 1)
            try canvas.add(Circle(radius: 1))
            #expect(canvas.__len__() == 1 && canvas.shape(named: "circle") != nil)
            #expect(throws: CanvasError.self) { try canvas.add(canvas.background) }
            #expect(throws: CanvasError.self) { try canvas.add(Shape(name: "extra")) }
            #expect(Shape.liveCount() == before + 2)
            #expect(canvas.remove(named: "circle") != nil && canvas.__len__() == 0)
        }
        #expect(Shape.liveCount() == before)
    }

    @Test func figures() {
        #expect(area(of: .rect(width: 2, height: 3)) == 6)
        #expect(figure(of: Rectangle(width: 2, height: 3)) == .rect(width: 2, height: 3))
        #expect(figure(of: Shape(name: "x")) == .empty)
        #expect(scaled(.dot(Point(x: 1, y: 2)), by: 2) == .dot(Point(x: 2, y: 4)))
        #expect(combinedArea([.rect(width: 1, height: 1), .empty]) == 1)
    }

    @Test func algorithms() {
        let points = [Point(x: 0, y: 0), Point(x: 2, y: 0), Point(x: 1, y: 1), Point(x: 2, y: 2), Point(x: 0, y: 2), Point(x: 2, y: 0)]
        #expect(convexHull(points) == [Point(x: 0, y: 0), Point(x: 2, y: 0), Point(x: 2, y: 2), Point(x: 0, y: 2)])
        #expect(convexHull([Point(x: 0, y: 0), Point(x: 1, y: 1), Point(x: 2, y: 2)]) == [Point(x: 0, y: 0), Point(x: 2, y: 2)])
        #expect(centroid([]) == nil && centroid([Point(x: 0, y: 0), Point(x: 2, y: 2)]) == Point(x: 1, y: 1))
        let pair = closestPair([Point(x: 9, y: 9), Point(x: 5, y: 1), Point(x: 0, y: 0), Point(x: 5, y: 0)])
        #expect(pair?.0 == Point(x: 5, y: 0) && pair?.1 == Point(x: 5, y: 1))
        #expect(closestPair([Point()]) == nil)
        #expect(uniquePoints(points).count == 5 && tally(points)[Point(x: 2, y: 0)] == 2)
        #expect(boundingBox(of: [Point(x: 1, y: 1), Point(x: 3, y: 4)])?.size == Size(width: 2, height: 3))
        #expect(boundingBox(of: []) == nil)
        let a = try! Circle(radius: 1), b = try! Circle(radius: 1, center: Point(x: 2, y: 0))
        #expect(overlaps(a, b) && !overlaps(a, try! Circle(radius: 0.5, center: Point(x: 3, y: 0))))
    }

    @Test func paletteSubscript() {
        var palette = Palette()
        #expect(palette["fill"] == nil)
        palette["fill"] = .darkRed
        palette["stroke"] = .darkRed
        #expect(palette.roles(using: .darkRed) == ["fill", "stroke"])
        palette["fill"] = nil
        #expect(palette.colors == ["stroke": .darkRed])
        #expect(Palette.standard["fill"] == .skyBlue)
    }

    @Test func counter() {
        let counter = Counter()
        counter.increment()
        counter.increment(by: 4)
        #expect(counter.value == 5)
        counter.reset()
        #expect(counter.value == 0)
    }
}
