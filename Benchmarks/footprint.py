"""The scaffolded project's wheel and import time (docs/design/performance.md#footprint: wheel ≤ 2.5 MB, import ≤ 2 ms).

Scaffolds a project with `swiftmod new`, builds its wheel with `swiftmod build` and unpacks it;
builds the hand-written C extension of Benchmarks/call_overhead.py the way setuptools would; then
runs `python -X importtime -c "import <module>"` for both in interleaved rounds and reports the
medians of the extension module's own import time. It also times loading libstdc++.so.6 alone
in a fresh interpreter, because the static Swift runtime needs it and Python does not load it.

    python3 Benchmarks/footprint.py [--swiftmod PATH] [--rounds 15]
"""

import argparse
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from call_overhead import build_c
from common import DEFAULT_SWIFTMOD, median, run

# Time to dlopen a library in a fresh interpreter, in microseconds.
DLOPEN = """
import ctypes, os, time
start = time.perf_counter(); ctypes.CDLL({path!r}, os.RTLD_NOW); print((time.perf_counter() - start) * 1e6)
"""


def import_time(module: str, path: Path) -> int:
    """Microseconds `-X importtime` reports for `module` itself (the extension, not its package)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        cwd=path, capture_output=True, text=True, check=True,
    )
    match = re.search(rf"^import time:\s+(\d+) \|\s+\d+ \|\s*{re.escape(module)}$", result.stderr, re.M)
    assert match, result.stderr
    return int(match.group(1))


def measure(swiftmod: Path, rounds: int) -> dict:
    with tempfile.TemporaryDirectory() as temp:
        temp = Path(temp)
        project = temp / "footprint"
        run([swiftmod, "new", project])
        run([swiftmod, "build", "--interpreter", sys.executable], cwd=project)
        wheel = next((project / "dist").glob("*.whl"))
        site = temp / "site"
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(site)
            extension = next(i for i in archive.infolist() if i.filename.endswith(".so"))
        library = site / extension.filename
        sections = run(["size", "-A", library]).stdout
        c_dir = temp / "c"
        c_dir.mkdir()
        build_c(c_dir)
        swift_us, c_us, stdcxx_us = [], [], []
        for _ in range(rounds):  # interleaved
            swift_us.append(import_time("footprint.footprint", site))
            c_us.append(import_time("cbench", c_dir))
            code = DLOPEN.format(path="libstdc++.so.6")
            stdcxx_us.append(float(run([sys.executable, "-c", code]).stdout))
        return {
            "wheel": wheel.name,
            "wheel bytes": wheel.stat().st_size,
            "so bytes": extension.file_size,
            "sections": {
                name: int(size)
                for name, size, *_ in (line.split() for line in sections.splitlines()[2:] if line.startswith("."))
            },
            "import us": swift_us,
            "c import us": c_us,
            "libstdc++ us": stdcxx_us,
            "needs libstdc++": "libstdc++" in run(["readelf", "-d", library]).stdout,
        }


def report(results, rounds: int) -> None:
    mb = 1e6
    print(f"footprint of the scaffolded project ({results['wheel']}):")
    print(f"  wheel {results['wheel bytes'] / mb:.2f} MB (target ≤ 2.5 MB); extension {results['so bytes'] / mb:.2f} MB unpacked")
    biggest = sorted(results["sections"].items(), key=lambda item: -item[1])[:4]
    print("  largest sections: " + ", ".join(f"{name} {size / mb:.2f} MB" for name, size in biggest))
    print(f"  import, medians of {rounds} interleaved rounds of `python -X importtime`:")
    print(f"    swiftmod module {median(results['import us']) / 1000:.2f} ms (target ≤ 2 ms), "
          f"hand-written C {median(results['c import us']) / 1000:.2f} ms")
    if results["needs libstdc++"]:
        print(f"    of which loading libstdc++.so.6 into Python (alone, fresh interpreter): "
              f"{median(results['libstdc++ us']) / 1000:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--swiftmod", default=DEFAULT_SWIFTMOD, type=Path)
    parser.add_argument("--rounds", type=int, default=15)
    options = parser.parse_args()
    report(measure(options.swiftmod.resolve(), options.rounds), options.rounds)


if __name__ == "__main__":
    main()
