"""The generator's golden references are real code: a project whose API is the golden `mixed`
interface is built by swiftmod, the generated files equal the references, and they compile."""

import sys

from conftest import REPO, swift_project

GOLDENS = REPO / "Tests" / "SwiftmodGeneratorTests" / "Golden"
GOLDEN = GOLDENS / "mixed"

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
    glue = project / ".build" / "swiftmod" / "glue-mixed" / "Sources"
    assert (glue / "SwiftmodShim" / "module.c").read_text() == (GOLDEN / "module.c.golden").read_text()
    assert (glue / "SwiftmodGlue" / "Glue.swift").read_text() == (GOLDEN / "Glue.swift.golden").read_text()
    assert (out / "mixed" / "__init__.pyi").read_text() == (GOLDEN / "__init__.pyi.golden").read_text()

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
"""


def test_borrowed_golden_compiles_and_runs(swiftmod, tmp_path):
    project = swift_project(tmp_path / "borrowed", "borrowed", "Borrowed", BORROWED)
    out = tmp_path / "out"
    swiftmod("compile", "--out", out, "--interpreter", sys.executable, cwd=project)
    glue = project / ".build" / "swiftmod" / "glue-borrowed" / "Sources"
    golden = GOLDENS / "borrowed"
    assert (glue / "SwiftmodShim" / "module.c").read_text() == (golden / "module.c.golden").read_text()
    assert (glue / "SwiftmodGlue" / "Glue.swift").read_text() == (golden / "Glue.swift.golden").read_text()
    assert (out / "borrowed" / "__init__.pyi").read_text() == (golden / "__init__.pyi.golden").read_text()

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
    finally:
        sys.path.remove(str(out))

