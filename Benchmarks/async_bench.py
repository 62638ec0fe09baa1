"""async functions (docs/design/async.md) against asyncio itself: the rows of
docs/design/performance.md#async-targets, built and timed side by side in one run.

  * 10,000 concurrent awaits (`asyncio.gather`) of a Swift function that sleeps 10 ms
    (`Task.sleep`), against the same with `asyncio.sleep(0.01)`: total wall time, target
    ≤ 2 × asyncio's and well under a second;
  * one `await` of a trivial Swift async function against awaiting a trivial Python coroutine,
    in a loop of awaits inside one coroutine: ns per await, reported as a ratio;
  * `async for` over 100,000 elements of a Swift `AsyncStream<Int>` (an async iterator,
    docs/design/async.md#async-iterators) against a Python async generator yielding the same:
    ns per element, reported as a ratio, with what the stream costs iterated in Swift alone;
    and over a sequence of the example's own whose `next()` never suspends (`count_up`): what
    the bridge itself costs per element.

    python3 Benchmarks/async_bench.py [--swiftmod PATH] [--quick]
"""

import asyncio
import sys
import tempfile
import time
from pathlib import Path

from common import DEFAULT_SWIFTMOD, REPO, median
from types_bench import build_swiftmod, load

PROJECT = REPO / "Examples" / "concurrency"
GATHER_TARGET = 2.0
GATHER_CEILING_S = 1.0
STREAM_COUNT = 100_000


async def python_nothing():
    return None


def gather_seconds(make, count: int) -> float:
    async def main():
        start = time.perf_counter()
        results = await asyncio.gather(*(make() for _ in range(count)))
        seconds = time.perf_counter() - start
        assert len(results) == count
        return seconds

    return asyncio.run(main())


def await_ns(make, count: int) -> float:
    async def main():
        start = time.perf_counter()
        for _ in range(count):
            await make()
        return (time.perf_counter() - start) / count * 1e9

    return asyncio.run(main())


async def python_count_to(n: int):
    for value in range(n):
        yield value


def async_for_ns(make, count: int) -> float:
    async def main():
        start = time.perf_counter()
        total = 0
        async for value in make(count):
            total += value
        seconds = time.perf_counter() - start
        assert total == count * (count - 1) // 2
        return seconds / count * 1e9

    return asyncio.run(main())


def swift_only_ns(sw, count: int) -> float:
    async def main():
        start = time.perf_counter()
        assert await sw.sum_of_count_to(count) == count * (count - 1) // 2
        return (time.perf_counter() - start) / count * 1e9

    return asyncio.run(main())


def measure(swiftmod: Path, rounds: int, count: int, awaits: int) -> dict:
    """{"rows": [(label, asyncio value, swiftmod value, unit, target ratio or None)], "notes": {...}}."""
    with tempfile.TemporaryDirectory() as temp:
        directory = Path(temp)
        notes = {}
        swift_dir, notes["swiftmod"] = build_swiftmod(swiftmod, directory, PROJECT)
        sw = load("concurrency", swift_dir)

        swift_sleep = lambda: sw.sleep_for(milliseconds=10)  # noqa: E731
        python_sleep = lambda: asyncio.sleep(0.01, 10)  # noqa: E731
        gathers = {"asyncio": [], "swiftmod": []}
        for _ in range(rounds):
            gathers["asyncio"].append(gather_seconds(python_sleep, count))
            gathers["swiftmod"].append(gather_seconds(swift_sleep, count))
        singles = {"asyncio": [], "swiftmod": []}
        for _ in range(rounds):
            singles["asyncio"].append(await_ns(python_nothing, awaits))
            singles["swiftmod"].append(await_ns(sw.nothing, awaits))
        streams = {"asyncio": [], "swiftmod": [], "swift": [], "counter": []}
        for _ in range(rounds):
            streams["asyncio"].append(async_for_ns(python_count_to, STREAM_COUNT))
            streams["swiftmod"].append(async_for_ns(sw.count_to, STREAM_COUNT))
            streams["counter"].append(async_for_ns(sw.count_up, STREAM_COUNT))
            streams["swift"].append(swift_only_ns(sw, STREAM_COUNT))
        rows = [
            (f"gather of {count:,} sleeps of 10 ms (wall time)", median(gathers["asyncio"]), median(gathers["swiftmod"]), "s", GATHER_TARGET),
            ("one await of a trivial async function", median(singles["asyncio"]), median(singles["swiftmod"]), "ns", None),
            (f"async for over {STREAM_COUNT:,} AsyncStream elements (per element)", median(streams["asyncio"]), median(streams["swiftmod"]), "ns", None),
            (f"async for over {STREAM_COUNT:,} elements of a lock-free AsyncSequence", median(streams["asyncio"]), median(streams["counter"]), "ns", None),
        ]
        notes["stream"] = (
            f"the same AsyncStream iterated in Swift alone (for await, in an async function): {median(streams['swift']):,.0f} ns per element; "
            f"swiftmod runs, ns: {', '.join(f'{v:,.0f}' for v in streams['swiftmod'])}"
        )
        notes["runs"] = f"gather, s: asyncio {', '.join(f'{v:.3f}' for v in gathers['asyncio'])}; swiftmod {', '.join(f'{v:.3f}' for v in gathers['swiftmod'])}"
        return {"rows": rows, "notes": notes}


def met(reference: float, swift: float, unit: str, target) -> bool | None:
    if target is None:
        return None
    return swift / reference <= target and (unit != "s" or swift < GATHER_CEILING_S)


def fmt(value: float, unit: str) -> str:
    return f"{value:.3f} s" if unit == "s" else f"{value:,.0f} ns"


def report(results: dict, rounds: int) -> None:
    print(f"async: medians of {rounds} rounds (asyncio and swiftmod alternating)")
    for key, note in results["notes"].items():
        print(f"  {key}: {note}")
    print(f"  {'measure':44s} {'asyncio':>12s} {'swiftmod':>12s} {'ratio':>8s} {'target':>18s} {'met':>4s}")
    for label, reference, swift, unit, target in results["rows"]:
        ok = met(reference, swift, unit, target)
        goal = "" if target is None else f"≤ {target:.1f}× and < {GATHER_CEILING_S:.0f} s"
        print(f"  {label:44s} {fmt(reference, unit):>12s} {fmt(swift, unit):>12s} {swift / reference:7.2f}× {goal:>18s} {'' if ok is None else ('yes' if ok else 'NO'):>4s}")


def summary_rows(results: dict) -> list[tuple]:
    """run_all.py's rows: (measure, reference, swiftmod, result, target, met)."""
    rows = []
    for label, reference, swift, unit, target in results["rows"]:
        goal = "" if target is None else f"≤ {target:.1f}× and < {GATHER_CEILING_S:.0f} s"
        rows.append((f"async: {label}", f"{fmt(reference, unit)} (asyncio)", fmt(swift, unit), f"{swift / reference:.2f}×", goal, met(reference, swift, unit, target)))
    return rows


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--swiftmod", default=DEFAULT_SWIFTMOD, type=Path)
    parser.add_argument("--quick", action="store_true", help="fewer rounds (a smoke run, not figures to quote)")
    options = parser.parse_args()
    rounds = 3 if options.quick else 9
    results = measure(options.swiftmod.resolve(), rounds, 10_000, 2_000 if options.quick else 20_000)
    report(results, rounds)


if __name__ == "__main__":
    sys.exit(main())
