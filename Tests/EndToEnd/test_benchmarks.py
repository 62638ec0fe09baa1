"""`make bench` must keep working from a fresh clone: a quick run of the whole suite (few
rounds; the figures are not checked, only that every section ran and the summary has every
row). The call benchmark itself asserts that C and Swift return the same values."""

import os
import subprocess
import sys

from conftest import REPO


def test_the_benchmark_suite_runs_and_prints_the_summary(swiftmod_bin, tmp_path):
    wheelhouse = os.environ.get("SWIFTMOD_WHEELHOUSE", str(REPO / ".build" / "wheelhouse"))
    result = subprocess.run(
        [sys.executable, REPO / "Benchmarks" / "run_all.py", "--quick", "--swiftmod", swiftmod_bin,
         "--wheelhouse", wheelhouse],
        capture_output=True, text=True, timeout=2400,  # the develop section builds Examples/shapes, the tokenizer section Examples/tiktoken
    )
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stdout.split("== summary ==", 1)[1]
    for row in ("| add(1, 2) |", "| length(1000 non-ASCII) |", "| sum(10^6 floats) |",
                "| count_words(100 keys) |", "| abi3: add(1, 2) |", "| abi3: sum(10^6 floats) |",
                "| types: property get |", "| types, Sendable: method call |", "| types, Sendable: method returning a new object |", "| types: property set |", "| types: method call |",
                "| types: method returning a new object |", "| types: == |", "| types: construction |", "| types: keyword construction |",
                "| callback: Swift calls a Python function (per call) |", "| union parameter (str or list[str]) vs its payload (str) |", "| *args: total(1, 2, 3, 4, 5) |",
                "| UTF8Span(1000 chars) |", "| Span<Double> sum(10^6, array.array) |", "| some Collection<Double> sum(10^6 list) |",
                "| async: gather of 10,000 sleeps of 10 ms (wall time) |", "| async: one await of a trivial async function |", "| async: async for over 100,000 AsyncStream elements (per element) |", "| async: async for over 100,000 elements of a lock-free AsyncSequence |",
                "| sum(some Sequence<Int>) of 10^6 |", "| numpy.asarray(ContiguousArray<Double>) 10^6 |",
                "| 2-thread throughput, release-gil=auto |", "| 2-thread throughput, Sendable method, release-gil=auto |",
                "| minhash: build, per-object loop: minhash / rensa |", "| minhash: LSH insert+query: minhash / datasketch |",
                "| develop: one-line edit |", "| develop: new public function, shapes |", "| develop: rebuild-on-import hook, no-change import |", "| wheel of the scaffolded project |",
                "| import (-X importtime) |", "| pip install . / (swiftmod build + pip install) |"):
        assert row in summary, summary
    assert "cores; Swift " in summary
