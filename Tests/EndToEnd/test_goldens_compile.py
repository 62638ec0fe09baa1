"""The generator's golden references are real code: a project whose API is the golden `mixed`
interface is built by swiftmod, the generated files equal the references, and they compile."""

import sys

from conftest import REPO

GOLDEN = REPO / "Tests" / "SwiftmodGeneratorTests" / "Golden" / "mixed"

SOURCE = """
public func pairs(of values: [(UInt8, String?)], limit: Int = Int.max, data: [UInt8] = []) throws -> [String: Set<Int64>] {
    var result: [String: Set<Int64>] = [:]
    for (number, name) in values.prefix(limit) { result[name ?? "-", default: []].insert(Int64(number) + Int64(data.count)) }
    return result
}

public func reset() {}
"""


def test_mixed_golden_compiles_and_runs(swiftmod, tmp_path):
    project = tmp_path / "mixed"
    (project / "Sources" / "Mixed").mkdir(parents=True)
    (project / "Sources" / "Mixed" / "Mixed.swift").write_text(SOURCE)
    (project / "Package.swift").write_text(
        "// swift-tools-version:6.0\nimport PackageDescription\n"
        'let package = Package(name: "Mixed", products: [.library(name: "Mixed", targets: ["Mixed"])], '
        'targets: [.target(name: "Mixed")])\n'
    )
    (project / "pyproject.toml").write_text('[project]\nname = "mixed"\nversion = "0.1.0"\n')
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
