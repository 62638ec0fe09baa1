"""Two Python threads calling a CPU-bound Swift function (`spin`, which takes one Int) against
one thread making both calls in turn, for each `release-gil` setting (docs/design/gil.md#policy: with
"auto", the default, the threaded run must have at least 1.7 times the throughput on 2 cores); and
the same for a `Sendable` struct's method (`Spinner().spin`), whose methods follow the same policy.

Builds Examples/types (release) once per setting with `swiftmod compile`, then times
interleaved rounds and prints medians. Before its rounds, each callable is called short 200
times (a history of short calls, after which "auto" samples one call in 64: issue 30), so the
rounds show how soon the policy notices long calls, not only what it does once it has.

    python3 Benchmarks/gil.py [--swiftmod PATH] [--rounds 7]
"""

import argparse
import shutil
import sys
import tempfile
import textwrap
from pathlib import Path

from common import DEFAULT_SWIFTMOD, REPO, run

PROBE = textwrap.dedent(
    """
    import statistics, sys, threading, time
    import type_tour as t

    n = 1000
    while True:  # size one call to 50-100 ms
        start = time.perf_counter(); t.spin(n); elapsed = time.perf_counter() - start
        if elapsed > 0.05: break
        n *= 2
    results = []
    for call in (t.spin, t.Spinner().spin):
        for _ in range(200):
            call(2)  # the short warm-up calls
        sequential, threaded = [], []
        for _ in range(ROUNDS):
            start = time.perf_counter(); call(n); call(n); sequential.append(time.perf_counter() - start)
            threads = [threading.Thread(target=call, args=(n,)) for _ in range(2)]
            start = time.perf_counter()
            for thread in threads: thread.start()
            for thread in threads: thread.join()
            threaded.append(time.perf_counter() - start)
        results += [statistics.median(sequential), statistics.median(threaded)]
    print(*results)
    """
)

# The callables PROBE times, in its order.
CALLABLES = ("function", "Sendable method")


def measure(swiftmod: Path, rounds: int) -> list[tuple[str, str, float, float]]:
    """(setting, callable, 1 thread 2 calls, 2 threads 1 call each) in seconds, medians."""
    results = []
    with tempfile.TemporaryDirectory() as temp:
        for setting in ("auto", "always", "never"):
            project = Path(temp) / setting
            shutil.copytree(REPO / "Examples" / "types", project, ignore=shutil.ignore_patterns(".build"))
            pyproject = project / "pyproject.toml"
            pyproject.write_text(pyproject.read_text().replace("[tool.swiftmod]\n", f'[tool.swiftmod]\nrelease-gil = "{setting}"\n'))
            run([swiftmod, "compile", "--release", "--out", project / "site", "--interpreter", sys.executable], cwd=project)
            output = run([sys.executable, "-c", PROBE.replace("ROUNDS", str(rounds))], env={"PYTHONPATH": str(project / "site")}).stdout
            figures = list(map(float, output.split()))
            for index, callable_ in enumerate(CALLABLES):
                results.append((setting, callable_, figures[2 * index], figures[2 * index + 1]))
    return results


def report(results, rounds: int) -> None:
    print(f"release-gil: spin(n) sized to ~0.05 s per call, after 200 short calls; medians of {rounds} rounds")
    print(f"  {'release-gil':<12} {'callable':<16} {'1 thread, 2 calls':>18} {'2 threads, 1 call each':>24} {'throughput':>11}")
    for setting, callable_, sequential, threaded in results:
        print(f"  {setting:<12} {callable_:<16} {sequential:>16.3f} s {threaded:>22.3f} s {sequential / threaded:>10.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--swiftmod", default=DEFAULT_SWIFTMOD, type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    options = parser.parse_args()
    report(measure(options.swiftmod.resolve(), options.rounds), options.rounds)


if __name__ == "__main__":
    main()
