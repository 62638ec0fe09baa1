"""`pip install .` (swiftmod as the PEP 517 backend, with build isolation, offline) against
`swiftmod build` + `pip install <wheel>`, on a freshly scaffolded project each round, so both
start from an empty build directory. Medians of interleaved rounds.

    python3 Benchmarks/install.py [--swiftmod PATH] [--wheelhouse .build/wheelhouse] [--rounds 3]
"""

import argparse
import tempfile
import venv
from pathlib import Path

from common import DEFAULT_SWIFTMOD, REPO, median, run, runs, timed


def measure(swiftmod: Path, wheelhouse: Path, rounds: int) -> dict[str, list[float]]:
    """Seconds per round: {"pip install .": [...], "build + install": [...], "swiftmod build": [...]}."""
    pip_flags = ["--disable-pip-version-check", "--no-index", "--find-links", wheelhouse]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        python = tmp / "env" / "bin" / "python"
        venv.EnvBuilder(with_pip=True).create(tmp / "env")
        backend, direct, direct_build = [], [], []
        for round_ in range(rounds):
            project = tmp / f"pip{round_}" / "bench-tools"
            run([swiftmod, "new", project])
            backend.append(timed([python, "-m", "pip", "install", *pip_flags, "."], cwd=project)[0])
            run([python, "-m", "pip", "uninstall", "-y", "bench-tools"])

            project = tmp / f"direct{round_}" / "bench-tools"
            run([swiftmod, "new", project])
            build = timed([swiftmod, "build", "--interpreter", python], cwd=project)[0]
            wheel = next((project / "dist").glob("*.whl"))
            install = timed([python, "-m", "pip", "install", *pip_flags, wheel])[0]
            direct_build.append(build)
            direct.append(build + install)
            run([python, "-m", "pip", "uninstall", "-y", "bench-tools"])
    return {"pip install .": backend, "build + install": direct, "swiftmod build": direct_build}


def report(results, rounds: int) -> None:
    print(f"install routes on the scaffolded project, {rounds} interleaved rounds, medians")
    labels = {
        "pip install .": "pip install . (isolated build, backend)",
        "build + install": "swiftmod build + pip install <wheel>",
        "swiftmod build": "  of which swiftmod build",
    }
    for key, values in results.items():
        print(f"  {labels[key]:<44} {median(values):7.2f} s   runs: {runs(values)}")
    ratio = median(results["pip install ."]) / median(results["build + install"])
    print(f"  ratio pip install . / (swiftmod build + pip install): {ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--swiftmod", default=DEFAULT_SWIFTMOD, type=Path)
    parser.add_argument("--wheelhouse", default=REPO / ".build" / "wheelhouse", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    report(measure(args.swiftmod.resolve(), args.wheelhouse.resolve(), args.rounds), args.rounds)


if __name__ == "__main__":
    main()
