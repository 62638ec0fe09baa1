"""`pip install .` (swiftmod as the PEP 517 backend, with build isolation, offline) against
`swiftmod build` + `pip install <wheel>`, on a freshly scaffolded project each round, so both
start from an empty build directory. Medians of interleaved rounds.

    python3 Benchmarks/install.py --swiftmod .build/debug/swiftmod --wheelhouse .build/wheelhouse [--rounds 3]
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path


def timed(args, cwd=None) -> float:
    start = time.perf_counter()
    result = subprocess.run(list(map(str, args)), cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(map(str, args))} failed:\n{result.stdout}{result.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--swiftmod", required=True, type=Path)
    parser.add_argument("--wheelhouse", required=True, type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    swiftmod = args.swiftmod.resolve()
    wheelhouse = args.wheelhouse.resolve()
    pip_flags = ["--disable-pip-version-check", "--no-index", "--find-links", wheelhouse]

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        python = tmp / "env" / "bin" / "python"
        venv.EnvBuilder(with_pip=True).create(tmp / "env")
        backend, direct, direct_build = [], [], []
        for round_ in range(args.rounds):
            project = tmp / f"pip{round_}" / "bench-tools"
            subprocess.run([swiftmod, "new", project], check=True, capture_output=True)
            backend.append(timed([python, "-m", "pip", "install", *pip_flags, "."], cwd=project))
            timed([python, "-m", "pip", "uninstall", "-y", "bench-tools"])

            project = tmp / f"direct{round_}" / "bench-tools"
            subprocess.run([swiftmod, "new", project], check=True, capture_output=True)
            build = timed([swiftmod, "build", "--interpreter", python], cwd=project)
            wheel = next((project / "dist").glob("*.whl"))
            install = timed([python, "-m", "pip", "install", *pip_flags, wheel])
            direct_build.append(build)
            direct.append(build + install)
            timed([python, "-m", "pip", "uninstall", "-y", "bench-tools"])

    def row(name, values):
        print(f"{name:<44} {statistics.median(values):7.2f} s   runs: {', '.join(f'{v:.2f}' for v in values)}")

    print(f"scaffolded project, {args.rounds} interleaved rounds, medians")
    row("pip install . (isolated build, backend)", backend)
    row("swiftmod build + pip install <wheel>", direct)
    row("  of which swiftmod build", direct_build)
    print(f"ratio pip install . / (swiftmod build + pip install): {statistics.median(backend) / statistics.median(direct):.2f}")


if __name__ == "__main__":
    main()
