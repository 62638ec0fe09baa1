"""Python overrides called from Swift (docs/design/types.md#overrides) against a direct Python method call.

Builds Benchmarks/projects/overrides (`open class Scorer` with `open func score(_:) -> Int`, and
`scoreMany(scorer, n)`, a Swift loop calling `scorer.score` n times) with `swiftmod compile
--release`, subclasses `Scorer` in Python with an override of `score`, and times per call:
  * Python calling the override directly (`s.score(3)`, a bound-method call of a Python method);
  * C calling it (`map` over a range, consumed by a zero-length deque): what entering the
    interpreter from native code costs, the floor for any trampoline;
  * Swift calling the override (`score_many(s, n) / n`: one trampoline call each, the GIL held);
  * Swift calling its own implementation through a Python subclass without the override, and
    through the exported class itself (what the trampoline costs when nothing is overridden).
  * nanobind's trampoline, the anchor: the same class in C++ (`virtual long score(long)`, a
    `NB_TRAMPOLINE` subclass with `NB_OVERRIDE`, NB_STATIC, Release), subclassed in Python with
    the same override and called from a C++ loop; it also looks the override up and converts the
    argument and result on every call. Built by this script with nanobind's CMake config (skipped,
    with the reason, when nanobind, cmake or ninja is missing).
The ratio of Swift's figure to the direct call, to C's and to nanobind's are printed.

Usage: python3 Benchmarks/overrides_bench.py [--swiftmod PATH] [--rounds N] [--number N]
"""

import subprocess
import sys
import tempfile
import timeit
from collections import deque
from pathlib import Path

from common import REPO, build_nanobind, call_benchmark_main, median

PROJECT = REPO / "Benchmarks" / "projects" / "overrides"
LOOP = 1000  # Swift-side calls per score_many call


NANOBIND_SOURCE = r"""
#include <nanobind/nanobind.h>
#include <nanobind/trampoline.h>

namespace nb = nanobind;

struct Scorer {
    virtual ~Scorer() = default;
    virtual long score(long value) { return value; }
};

struct PyScorer : Scorer {
    NB_TRAMPOLINE(Scorer, 1);
    long score(long value) override { NB_OVERRIDE(score, value); }
};

long score_many(Scorer &scorer, long n) {
    long total = 0;
    for (long i = 0; i < n; i++) total += scorer.score(i);
    return total;
}

NB_MODULE(nboverrides, m) {
    nb::class_<Scorer, PyScorer>(m, "Scorer").def(nb::init<>()).def("score", &Scorer::score);
    m.def("score_many", &score_many);
}
"""


def build(swiftmod: Path, out: Path) -> None:
    subprocess.run([str(swiftmod), "compile", "--release", "--out", str(out), "--interpreter", sys.executable],
                   cwd=PROJECT, check=True, capture_output=True)


def measure(swiftmod: Path, rounds: int, number: int) -> dict:
    """Median ns per call of each path."""
    with tempfile.TemporaryDirectory() as tmp:
        build(swiftmod, Path(tmp))
        sys.path.insert(0, tmp)
        try:
            import swoverrides
        finally:
            sys.path.remove(tmp)

        class Override(swoverrides.Scorer):
            def score(self, value):
                return value + 1

        class Inherit(swoverrides.Scorer):
            pass

        override, inherit, exported = Override(), Inherit(), swoverrides.Scorer()
        assert swoverrides.score_many(override, 10) == sum(range(10)) + 10
        assert swoverrides.score_many(inherit, 10) == sum(range(10))
        many = swoverrides.score_many
        nb_dir, nb_note = build_nanobind(Path(tmp), "nboverrides", NANOBIND_SOURCE)
        print(f"nanobind: {nb_note}")
        statements = {
            "Python calls the override": (lambda: timeit.timeit("s(3)", globals={"s": override.score}, number=number), number),
            "C calls the override (map)": (lambda: timeit.timeit("deque(map(s, r), 0)", globals={"deque": deque, "s": override.score, "r": range(LOOP)}, number=number // LOOP), number // LOOP * LOOP),
            "Swift calls the override": (lambda: timeit.timeit("m(s, n)", globals={"m": many, "s": override, "n": LOOP}, number=number // LOOP), number // LOOP * LOOP),
            "Swift, subclass without override": (lambda: timeit.timeit("m(s, n)", globals={"m": many, "s": inherit, "n": LOOP}, number=number // LOOP), number // LOOP * LOOP),
            "Swift, the exported class": (lambda: timeit.timeit("m(s, n)", globals={"m": many, "s": exported, "n": LOOP}, number=number // LOOP), number // LOOP * LOOP),
        }
        if nb_dir is not None:
            sys.path.insert(0, str(nb_dir))
            try:
                import nboverrides
            finally:
                sys.path.remove(str(nb_dir))

            class NanobindOverride(nboverrides.Scorer):
                def score(self, value):
                    return value + 1

            nb_override = NanobindOverride()
            assert nboverrides.score_many(nb_override, 10) == sum(range(10)) + 10
            statements["nanobind calls the override"] = (
                lambda: timeit.timeit("m(s, n)", globals={"m": nboverrides.score_many, "s": nb_override, "n": LOOP}, number=number // LOOP),
                number // LOOP * LOOP)
        timings = {label: [] for label in statements}
        for _ in range(rounds):
            for label, (run, calls) in statements.items():
                timings[label].append(run() / calls * 1e9)
        return {label: median(values) for label, values in timings.items()}


def report(timings: dict, rounds: int) -> None:
    print(f"ns per call, median of {rounds} interleaved rounds:")
    for label, value in timings.items():
        print(f"  {label:<36} {value:8.1f} ns")
    direct = timings["Python calls the override"]
    print(f"  Swift → override / Python → override: {timings['Swift calls the override'] / direct:.2f}×")
    print(f"  Swift → override / C (map) → override: {timings['Swift calls the override'] / timings['C calls the override (map)']:.2f}×")
    if "nanobind calls the override" in timings:
        print(f"  Swift → override / nanobind's trampoline → override: "
              f"{timings['Swift calls the override'] / timings['nanobind calls the override']:.2f}×")


def summary_rows(timings: dict) -> list:
    direct, through = timings["Python calls the override"], timings["Swift calls the override"]
    native = timings["C calls the override (map)"]
    return [("override called from Swift vs a Python method call", f"{direct:,.1f} ns (Python call)", f"{through:,.1f} ns",
             f"{through / direct:.2f}×", "", None),
            ("override called from Swift vs from C (map)", f"{native:,.1f} ns (C call)", f"{through:,.1f} ns",
             f"{through / native:.2f}×", "", None)] + (
        [("override called from Swift vs nanobind's trampoline", f"{timings['nanobind calls the override']:,.1f} ns (nanobind)",
          f"{through:,.1f} ns", f"{through / timings['nanobind calls the override']:.2f}×", "", None)]
        if "nanobind calls the override" in timings else [])


if __name__ == "__main__":
    call_benchmark_main(__doc__, measure, report)
