"""The generator's golden references are real code: a project whose API is the golden `mixed`
interface is built by swiftmod, the generated files equal the references, and they compile."""

import sys
from pathlib import Path

from conftest import REPO, swift_project

GOLDENS = REPO / "Tests" / "SwiftmodGeneratorTests" / "Golden"


def assert_generated_equals_golden(project: Path, out: Path, module: str, golden: str) -> None:
    """The shim, the glue and the stub swiftmod generated for `project` equal the references."""
    glue = project / ".build" / "swiftmod" / f"glue-{module}" / "Sources"
    references = GOLDENS / golden
    assert (glue / "SwiftmodShim" / "module.c").read_text() == (references / "module.c.golden").read_text()
    assert (glue / "SwiftmodGlue" / "Glue.swift").read_text() == (references / "Glue.swift.golden").read_text()
    assert (out / module / "__init__.pyi").read_text() == (references / "__init__.pyi.golden").read_text()

SOURCE = """
public func pairs(of values: [(UInt8, String?)], limit: Int = Int.max, data: [UInt8] = []) throws -> [String: Set<Int64>] {
    var result: [String: Set<Int64>] = [:]
    for (number, name) in values.prefix(limit) { result[name ?? "-", default: []].insert(Int64(number) + Int64(data.count)) }
    return result
}

public func reset() {}
"""


def test_mixed_golden_compiles_and_runs(swiftmod, tmp_path):
    project = swift_project(tmp_path / "mixed", "mixed", "Mixed", SOURCE)
    out = tmp_path / "out"
    swiftmod("compile", "--out", out, "--interpreter", sys.executable, cwd=project)
    assert_generated_equals_golden(project, out, "mixed", "mixed")

    sys.path.insert(0, str(out))
    try:
        import mixed

        assert mixed.pairs([(1, "a"), (2, None)], data=b"xy") == {"a": {3}, "-": {4}}
        assert mixed.pairs([(1, "a"), (2, "a")], 1) == {"a": {1}}
        assert mixed.reset() is None
    finally:
        sys.path.remove(str(out))


BORROWED = """
public func length(_ text: UTF8Span) -> Int { text.count }
public func checksum(_ data: RawSpan) -> UInt64 { UInt64(data.byteCount) }
public struct ZeroFactor: Error {}
public func scale(_ values: inout MutableSpan<Double>, by factor: Double) throws {
    guard factor != 0 else { throw ZeroFactor() }
    for index in values.indices { values[index] *= factor }
}
public func total(_ values: Span<Int64>) -> Int64 { var sum: Int64 = 0; for i in values.indices { sum += values[i] }; return sum }
public func sum(_ values: some Collection<Double>) -> Double { values.reduce(0, +) }
public func rowSums(_ rows: some Sequence<some Collection<Double>>) -> [Double] { rows.map { $0.reduce(0, +) } }
public func itemSizes(_ items: some Sequence<UnsafeRawBufferPointer>) -> [Int] { items.map(\\.count) }
public func evens(_ n: Int) -> some Sequence<Int> { stride(from: 0, to: n, by: 2) }
public func halves(_ n: Int) -> ContiguousArray<Double> { ContiguousArray((0..<n).map { Double($0) / 2 }) }
"""


def test_borrowed_golden_compiles_and_runs(swiftmod, tmp_path):
    project = swift_project(tmp_path / "borrowed", "borrowed", "Borrowed", BORROWED)
    out = tmp_path / "out"
    swiftmod("compile", "--out", out, "--interpreter", sys.executable, cwd=project)
    assert_generated_equals_golden(project, out, "borrowed", "borrowed")

    import array
    sys.path.insert(0, str(out))
    try:
        import borrowed

        assert borrowed.length("héllo") == 6
        assert borrowed.checksum(b"abcd") == 4
        values = array.array("d", [1.0, 2.0])
        borrowed.scale(values, by=3.0)
        assert values.tolist() == [3.0, 6.0]
        assert borrowed.total(array.array("q", [1, 2, 3])) == 6
        assert borrowed.sum([0.5, 1.5]) == 2.0
        assert borrowed.row_sums([[0.5, 1.5], (), (1.0,)]) == [2.0, 0.0, 1.0]
        assert borrowed.row_sums(iter([[2.0]])) == [2.0]
        assert borrowed.item_sizes(["é", b"ab", bytearray(b"c")]) == [2, 2, 1]
        assert list(borrowed.evens(5)) == [0, 2, 4]
        assert memoryview(borrowed.halves(3)).tolist() == [0.0, 0.5, 1.0]
    finally:
        sys.path.remove(str(out))



TYPES = """
/// A point in the plane.
public struct Point: Hashable, Comparable, Codable, CustomStringConvertible, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double = 0, y: Double = 0) { self.x = x; self.y = y }
    public init?(polar radius: Double) { guard radius >= 0 else { return nil }; x = radius; y = 0 }
    public static let origin = Point()
    public var length: Double { (x * x + y * y).squareRoot() }
    public func distance(to other: Point) -> Double { (self + -other).length }
    public mutating func translate(by offset: Double) { x += offset; y += offset }
    public static func + (lhs: Point, rhs: Point) -> Point { Point(x: lhs.x + rhs.x, y: lhs.y + rhs.y) }
    public static prefix func - (point: Point) -> Point { Point(x: -point.x, y: -point.y) }
    public var description: String { "(\\(x), \\(y))" }
    public static func < (lhs: Point, rhs: Point) -> Bool { (lhs.x, lhs.y) < (rhs.x, rhs.y) }
}

public class Shape {
    public var name: String
    public init(name: String) { self.name = name }
    public func area() -> Double { 0 }
    public class func unit() -> Shape { Circle(radius: 1) }
}
public final class Circle: Shape {
    public let radius: Double
    public init(radius: Double) { self.radius = radius; super.init(name: "circle") }
}

public enum Color: String { case darkRed = "dr", blue }
public enum Direction { case north, south }

public enum Figure: Equatable {
    case circle(radius: Double)
    case dot(Point)
    public func area() -> Double { if case .circle(let r) = self { 3 * r * r } else { 0 } }
}

public enum GeometryError: Error { case negative, degenerate }

public func paint(_ shapes: [Shape], with color: Color?) -> [String: Color] {
    Dictionary(uniqueKeysWithValues: shapes.map { ($0.name, color ?? .blue) })
}

public func grow(_ figure: Figure) throws(GeometryError) -> Figure {
    guard case .circle(let r) = figure else { throw .degenerate }
    guard r >= 0 else { throw .negative }
    return .circle(radius: r * 2)
}
"""


def test_types_golden_compiles_and_runs(swiftmod, tmp_path):
    project = swift_project(tmp_path / "geometry", "geometry", "Geometry", TYPES)
    with open(project / "pyproject.toml", "a") as pyproject:
        pyproject.write('\n[tool.swiftmod.exceptions]\nGeometryError = "ValueError"\n')
    out = tmp_path / "out"
    swiftmod("compile", "--out", out, "--interpreter", sys.executable, cwd=project)
    assert_generated_equals_golden(project, out, "geometry", "types")

    import pickle
    sys.path.insert(0, str(out))
    try:
        import geometry as g

        p = g.Point(x=3.0, y=4.0)
        assert (p.length, str(p), p.distance(to=g.Point()), g.Point.ORIGIN == g.Point()) == (5.0, "(3.0, 4.0)", 5.0, True)
        p.translate(by=1.0)
        assert p == g.Point(4.0, 5.0) and -p == g.Point(-4.0, -5.0) and p + p == g.Point(8.0, 10.0) and g.Point() < p
        assert pickle.loads(pickle.dumps(p)) == p
        try:
            g.Point(polar=-1.0)
            raise AssertionError("init? returning nil must raise")
        except ValueError:
            pass
        unit = g.Shape.unit()
        assert type(unit) is g.Circle and unit.radius == 1.0 and unit.name == "circle" and isinstance(unit, g.Shape)
        assert g.paint([unit, g.Shape(name="s")], with_=g.Color.DARK_RED) == {"circle": g.Color.DARK_RED, "s": g.Color.DARK_RED}
        assert g.Color.DARK_RED.value == "dr" and g.Direction.NORTH.value == "north"
        assert g.grow(g.Figure.Circle(radius=1.0)) == g.Figure.Circle(radius=2.0)
        try:
            g.grow(g.Figure.Dot(p))
            raise AssertionError("grow of a dot must raise")
        except g.GeometryError as error:
            assert isinstance(error, ValueError) and error.case == "degenerate"
    finally:
        sys.path.remove(str(out))
