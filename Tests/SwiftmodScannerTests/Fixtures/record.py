#!/usr/bin/env python3
"""Re-records the scanner's symbol-graph fixtures (`make fixtures`): each `<Module>.symbols.json`
here is what the compiler writes for `<Module>.swift.txt` beside it.

    python3 Tests/SwiftmodScannerTests/Fixtures/record.py [--swiftc PATH] [--check] [NAME ...]

Each source is compiled alone with `swiftc -emit-module -emit-symbol-graph` at the access level
the tests need (the build itself emits at `private` with synthesized members skipped: see
`ExtensionBuilder.commonFlags`). The temporary directory in the source locations is replaced by
`/project/Sources/<Module>/<Module>.swift`, so a fixture does not depend on where it was made;
the rest is the compiler's output as written. `--check` writes nothing and exits 1 when a
fixture differs from what the compiler writes now (other compiler versions write other
fixtures: these come from Swift 6.3.1).
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Module name → (minimum access level, skip synthesized members). The levels are what the tests
# read: TypeTour and the borrowing fixtures only public API; Geometry internal (the implicit
# memberwise initializers); NewUser private (a private initializer stops inheritance).
FIXTURES = {
    "TypeTour": ("public", False),
    "Borrowing": ("public", False),
    "NestedBorrowing": ("public", False),
    "Geometry": ("internal", True),
    "NewUser": ("private", True),
    "Results": ("private", True),
    "PythonShapes": ("public", False),
    "Async": ("public", False),
}


def record(name: str, swiftc: str) -> bytes:
    level, skip_synthesized = FIXTURES[name]
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary)
        source = directory / f"{name}.swift"
        shutil.copyfile(HERE / f"{name}.swift.txt", source)
        command = [swiftc, "-emit-module", "-emit-module-path", str(directory / f"{name}.swiftmodule"),
                   "-module-name", name, "-parse-as-library",
                   "-emit-symbol-graph", "-emit-symbol-graph-dir", str(directory / "graph"),
                   "-symbol-graph-minimum-access-level", level]
        if skip_synthesized:
            command.append("-symbol-graph-skip-synthesized-members")
        (directory / "graph").mkdir()
        subprocess.run(command + [str(source)], check=True, cwd=directory)
        text = (directory / "graph" / f"{name}.symbols.json").read_bytes()
        located = f"file://{source}".encode()
        return text.replace(located, f"file:///project/Sources/{name}/{name}.swift".encode())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--swiftc", default="swiftc")
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 on a difference")
    parser.add_argument("names", nargs="*", choices=[[], *FIXTURES], default=[], metavar="NAME")
    arguments = parser.parse_args()
    stale = []
    for name in arguments.names or FIXTURES:
        text = record(name, arguments.swiftc)
        target = HERE / f"{name}.symbols.json"
        if target.exists() and target.read_bytes() == text:
            print(f"{target.name}: unchanged")
        elif arguments.check:
            stale.append(target.name)
            print(f"{target.name}: differs from what {arguments.swiftc} writes now")
        else:
            target.write_bytes(text)
            print(f"{target.name}: written")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
