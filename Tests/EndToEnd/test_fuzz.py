"""The fuzz test of docs/design/objects.md#fuzz: every exported callable of Examples/shapes driven with hostile Python
objects and a meddling thread (fuzz_shapes.py), Examples/pythonic's callables, unions and variadics
(fuzz_pythonic.py) and Examples/concurrency's awaitables and async iterators under hostile
schedules (fuzz_concurrency.py), each batch in its own interpreter, several seeds. A batch may end
only normally: a signal death is a crash in the generated glue."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

FUZZER = Path(__file__).with_name("fuzz_shapes.py")


def compiled(swiftmod, tmp_path_factory, example: str) -> Path:
    """Examples/<example> compiled for this interpreter into a directory of its own."""
    out = tmp_path_factory.mktemp(f"fuzz-{example}")
    swiftmod("compile", "--out", out, "--interpreter", sys.executable, cwd=REPO / "Examples" / example)
    return out


@pytest.fixture(scope="module")
def shapes_site(swiftmod, tmp_path_factory) -> Path:
    return compiled(swiftmod, tmp_path_factory, "shapes")


def run_fuzzer(fuzzer: Path, site: Path, seed: int, python: Path | str = sys.executable) -> None:
    """One batch of 300 cases in its own interpreter (`python`, which needs hypothesis): it may
    only end normally."""
    env = dict(os.environ, PYTHONPATH=str(site), PYTHONFAULTHANDLER="1")
    result = subprocess.run([str(python), str(fuzzer), str(seed), "300"], capture_output=True, text=True, env=env, timeout=600)
    last_case = next((line for line in reversed(result.stderr.splitlines()) if line.startswith("case ")), "(before the first case)")
    if result.returncode < 0:
        pytest.fail(f"the fuzzer died of {signal.Signals(-result.returncode).name} at: {last_case}\n{result.stderr[-4000:]}")
    assert result.returncode == 0, result.stdout + result.stderr[-4000:]
    assert result.stdout.startswith("fuzzed 300 cases"), result.stdout


@pytest.mark.parametrize("seed", range(6))
def test_hostile_objects_and_threads_never_crash_the_glue(shapes_site, seed):
    run_fuzzer(FUZZER, shapes_site, seed)


PYTHONIC_FUZZER = Path(__file__).with_name("fuzz_pythonic.py")


@pytest.fixture(scope="module")
def pythonic_site(swiftmod, tmp_path_factory) -> Path:
    return compiled(swiftmod, tmp_path_factory, "pythonic")


@pytest.mark.parametrize("seed", range(3))
def test_hostile_callables_unions_and_star_args_never_crash_the_glue(pythonic_site, seed):
    """Examples/pythonic (docs/design/python-shapes.md): callbacks that raise, lie, re-enter and mutate,
    while another thread clicks buttons whose handlers take the GIL from Swift threads."""
    run_fuzzer(PYTHONIC_FUZZER, pythonic_site, seed)


CONCURRENCY_FUZZER = Path(__file__).with_name("fuzz_concurrency.py")
FUZZERS = {"shapes": FUZZER, "pythonic": PYTHONIC_FUZZER, "concurrency": CONCURRENCY_FUZZER}


@pytest.fixture(scope="module")
def concurrency_site(swiftmod, tmp_path_factory) -> Path:
    return compiled(swiftmod, tmp_path_factory, "concurrency")


@pytest.mark.parametrize("seed", range(3))
def test_hostile_async_schedules_never_crash_the_bridge(concurrency_site, seed):
    """Examples/concurrency (docs/design/async.md): tasks cancelled before, during and after their
    Swift work, coroutines closed or stepped by hand, iterators stepped concurrently, closed or
    dropped, loops closed with Swift work running, and a second loop on another thread."""
    run_fuzzer(CONCURRENCY_FUZZER, concurrency_site, seed)
