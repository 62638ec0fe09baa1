"""`make bench`: every benchmark in one run, each section's details, then one summary table
(Markdown, as the README quotes it) with the machine it ran on and the targets of docs/design/performance.md.

    python3 Benchmarks/run_all.py [--swiftmod PATH] [--wheelhouse DIR] [--quick]
"""

import argparse
import datetime
from pathlib import Path

import async_bench
import borrowed
import call_overhead
import develop
import footprint
import gil
import install
import minhash as minhash_bench
import overrides_bench
import python_shapes
import results_bench
import tokenizer as tokenizer_bench
import types_bench
from common import DEFAULT_SWIFTMOD, REPO, machine, median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--swiftmod", default=DEFAULT_SWIFTMOD, type=Path)
    parser.add_argument("--wheelhouse", default=REPO / ".build" / "wheelhouse", type=Path)
    parser.add_argument("--quick", action="store_true", help="fewer rounds (a smoke run, not figures to quote)")
    options = parser.parse_args()
    swiftmod = options.swiftmod.resolve()
    scale = 3 if options.quick else 1
    rows = []  # (measure, C, swiftmod, ratio or figure, target, met)

    def section(title):
        print(f"\n== {title} ==", flush=True)

    section("call overhead against hand-written C")
    rounds = max(3, 15 // scale)
    calls = call_overhead.measure(swiftmod, rounds, 300_000 // scale)
    call_overhead.report(calls, rounds)
    for label, c, swift, _, target, _ in calls:
        ratio = swift / c
        rows.append((label, f"{c:,.1f} ns", f"{swift:,.1f} ns", f"{ratio:.2f}×",
                     f"≤ {target:.2f}×" if target else "", None if target is None else ratio <= target))
    section("borrowed parameters against C reading the same memory")
    borrows = borrowed.measure(swiftmod, rounds, 300_000 // scale)
    borrowed.report(borrows, rounds)
    for label, c, swift, target in borrows:
        ratio = swift / c
        reference = "numpy.sum" if "numpy.sum" in label else "C"
        rows.append((label, f"{c:,.1f} ns" + ("" if reference == "C" else " (numpy.sum)"), f"{swift:,.1f} ns", f"{ratio:.2f}×",
                     f"≤ {target:.2f}×" if target else "", None if target is None else ratio <= target))
    # The abi3 build against the version-specific one (the "C" column holds the latter here).
    for label, _, swift, abi3, _, _ in calls:
        ratio = abi3 / swift
        rows.append((f"abi3: {label}", f"{swift:,.1f} ns (version-specific)", f"{abi3:,.1f} ns", f"{ratio:.2f}×",
                     f"≤ {call_overhead.ABI3_TARGET:.2f}×", ratio <= call_overhead.ABI3_TARGET))
    # abi3t (3.15+ only, docs/design/interpreters.md#abi3t): measured, no target.
    for label, _, swift, _, _, abi3t in calls:
        if abi3t is not None:
            rows.append((f"abi3t: {label}", f"{swift:,.1f} ns (version-specific)", f"{abi3t:,.1f} ns", f"{abi3t / swift:.2f}×", "", None))

    section("results: lazy iterators against a C iterator type, returned arrays against a MutableSpan fill")
    returned = results_bench.measure(swiftmod, max(3, 9 // scale), 300_000 // scale)
    results_bench.report(returned, max(3, 9 // scale))
    for label, reference, ref, swift, target in returned:
        ratio = swift / ref
        rows.append((label, f"{ref / 1000:,.1f} µs ({reference})", f"{swift / 1000:,.1f} µs", f"{ratio:.2f}×",
                     f"≤ {target:.2f}×" if target else "", None if target is None else ratio <= target))

    section("types against a hand-written C extension type and nanobind")
    rounds = max(3, 15 // scale)
    kinds = types_bench.measure(swiftmod, rounds, 1_000_000 // scale)
    types_bench.report(kinds, rounds)
    rows.extend(types_bench.summary_rows(kinds))

    section("Python overrides called from Swift against Python and C calling them")
    overrides = overrides_bench.measure(swiftmod, max(3, 9 // scale), 300_000 // scale)
    overrides_bench.report(overrides, max(3, 9 // scale))
    rows.extend(overrides_bench.summary_rows(overrides))

    section("python-shaped APIs against hand-written C and nanobind")
    shapes = python_shapes.measure(swiftmod, max(3, 15 // scale), 1_000_000 // scale, nanobind=not options.quick)
    python_shapes.report(shapes, max(3, 15 // scale))
    rows.extend(python_shapes.summary_rows(shapes))

    section("async: Swift tasks awaited from asyncio against asyncio itself")
    rounds = max(3, 9 // scale)
    waits = async_bench.measure(swiftmod, rounds, 10_000, 20_000 // scale)
    async_bench.report(waits, rounds)
    rows.extend(async_bench.summary_rows(waits))

    section("the MinHash showcase against rensa, datasketch and pure Python")
    showcase = minhash_bench.measure(swiftmod, max(3, 7 // scale), 10_000 // (5 if options.quick else 1))
    minhash_bench.report(showcase)
    for name, figure, target, met in minhash_bench.summary_rows(showcase):
        rows.append((f"minhash: {name}", "", "", figure, target, met))
    matrix = minhash_bench.measure_matrix(swiftmod, 3 if options.quick else 5, None,
                                          40_000 if options.quick else minhash_bench.MATRIX_TOKENS)
    minhash_bench.report_matrix(matrix)
    rows.extend(("minhash: " + name, "", "", figure, target, met)
                for name, figure, target, met in minhash_bench.matrix_summary_rows(matrix))

    section("the tokenizer showcase against tiktoken and HF tokenizers")
    tokens = tokenizer_bench.measure(swiftmod, options.quick)
    tokenizer_bench.report(tokens)
    rows.extend((f"tokenizer: {name}", "", "", figure, target, met)
                for name, figure, target, met in tokenizer_bench.summary_rows(tokens))

    section("GIL: two threads against one")
    rounds = max(3, 7 // scale)
    threads = gil.measure(swiftmod, rounds)
    gil.report(threads, rounds)
    for setting, callable_, sequential, threaded in threads:
        ratio = sequential / threaded
        target, met = ("≥ 1.7×", ratio >= 1.7) if setting == "auto" else ("", None)
        label = "" if callable_ == "function" else f", {callable_}"
        rows.append((f"2-thread throughput{label}, release-gil={setting}", "", "", f"{ratio:.2f}×", target, met))

    section("swiftmod develop")
    timings = develop.measure(swiftmod, max(3, 5 // scale))
    develop.report(timings)
    for key, values in timings.items():
        name, target = develop.TARGETS[key]
        if key == "hook":
            rows.append((f"develop: {name}", "", f"{median(values) * 1000:.2f} ms", "", f"≤ {target * 1000:.0f} ms", median(values) <= target))
            continue
        rows.append((f"develop: {name}", "", f"{median(values):.2f} s", "", f"≤ {target:.1f} s", median(values) <= target))

    section("wheel size and import time")
    rounds = max(5, 15 // scale)
    size = footprint.measure(swiftmod, rounds)
    footprint.report(size, rounds)
    megabytes = size["wheel bytes"] / 1e6
    rows.append(("wheel of the scaffolded project", "", f"{megabytes:.2f} MB", "", "≤ 2.5 MB", megabytes <= 2.5))
    c_ms, swift_ms = median(size["c import us"]) / 1000, median(size["import us"]) / 1000
    rows.append(("import (-X importtime)", f"{c_ms:.2f} ms", f"{swift_ms:.2f} ms", f"{swift_ms / c_ms:.1f}×", "≤ 2 ms", swift_ms <= 2))

    if options.wheelhouse.is_dir() and any(options.wheelhouse.glob("swiftmod-*.whl")):
        section("pip install . against swiftmod build + pip install")
        rounds = max(1, 3 // scale)
        routes = install.measure(swiftmod, options.wheelhouse.resolve(), rounds)
        install.report(routes, rounds)
        backend, direct = median(routes["pip install ."]), median(routes["build + install"])
        rows.append(("pip install . / (swiftmod build + pip install)", "", f"{backend:.2f} s / {direct:.2f} s",
                     f"{backend / direct:.2f}×", "", None))
    else:
        print(f"\n(no swiftmod wheel in {options.wheelhouse}: `make wheel` first to time `pip install .`)")

    section("summary")
    print(f"{machine()}; {datetime.date.today().isoformat()}{' (--quick)' if options.quick else ''}\n")
    print("| measure | C | swiftmod | ratio | target | met |")
    print("| --- | ---: | ---: | ---: | --- | --- |")
    for name, c, swift, ratio, target, met in rows:
        mark = "" if met is None else ("yes" if met else "**no**")
        print(f"| {name} | {c} | {swift} | {ratio} | {target} | {mark} |")


if __name__ == "__main__":
    main()
