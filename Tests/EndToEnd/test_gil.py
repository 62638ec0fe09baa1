"""The GIL (docs/design/gil.md#policy): `release-gil = "auto"` (the default) releases it around long calls
after at most two of them, `"always"` around every call, `"never"` never; threads calling
Swift functions concurrently get correct results.

Whether the GIL is released during a call is observed, not timed: with the switch interval
at 1 s, a second Python thread (which sleeps between steps, so it never holds the GIL long)
can only make progress during a Swift call if that call released the GIL."""

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import REPO

PROBE = textwrap.dedent(
    """
    import sys, threading, time
    import type_tour as t

    sys.setswitchinterval(1.0)
    # Size the call to about 40 ms (debug and release builds differ a lot).
    n = 1000
    while True:
        start = time.perf_counter(); t.spin(n); elapsed = time.perf_counter() - start
        if elapsed > 0.02 or n > 10**8: break
        n *= 4
    steps, done = [0], threading.Event()
    def other():
        while not done.is_set():
            steps[0] += 1
            time.sleep(0.0005)
    thread = threading.Thread(target=other)
    thread.start()
    time.sleep(0.05)
    progress = []
    for _ in range(5):
        before = steps[0]
        t.spin(n)
        progress.append(steps[0] - before)
        time.sleep(0.005)
    done.set(); thread.join()
    print(" ".join("released" if p > 2 else "held" if p == 0 else f"unclear({p})" for p in progress))
    """
)

CONCURRENT = textwrap.dedent(
    """
    import threading
    import type_tour as t

    expected_spin = t.spin(3000)
    failures = []
    def worker(index):
        for round_ in range(200):
            checks = [
                (t.spin(3000), expected_spin),
                (t.add(index, round_), index + round_),
                (t.greet(f"w{index}"), f"Hello, w{index}!"),
                (t.scale([1.0, 2.0], by=float(index)), [float(index), 2.0 * index]),
                (t.count_words({"a": index, "b": round_}), index + round_),
                (t.echo_string("é" * index), "é" * index),
            ]
            try:
                t.checked_root(-1)
            except t.TourError as error:
                checks.append((str(error).startswith("negative"), True))
            failures.extend((got, want) for got, want in checks if got != want)
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
    for thread in threads: thread.start()
    for thread in threads: thread.join()
    print("failures:", failures[:3], len(failures))
    """
)


@pytest.fixture(scope="module")
def builds(swiftmod, tmp_path_factory):
    """Examples/types compiled once per release-gil setting: {setting: PYTHONPATH dir}."""
    out = {}
    for setting in ("auto", "always", "never"):
        project = tmp_path_factory.mktemp(f"gil-{setting}") / "types"
        shutil.copytree(REPO / "Examples" / "types", project, ignore=shutil.ignore_patterns(".build"))
        if setting != "auto":
            pyproject = project / "pyproject.toml"
            pyproject.write_text(pyproject.read_text().replace("[tool.swiftmod]\n", f'[tool.swiftmod]\nrelease-gil = "{setting}"\n'))
        target = project / "site"
        swiftmod("compile", "--release", "--out", target, "--interpreter", sys.executable, cwd=project)
        out[setting] = target
    return out


def run(path: Path, code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": str(path), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(
    "setting, expected",
    [
        # The sizing calls are long too: auto has seen enough of them before the probe starts.
        ("auto", "released released released released released"),
        ("always", "released released released released released"),
        ("never", "held held held held held"),
    ],
)
def test_long_calls_release_the_gil_as_configured(builds, setting, expected):
    assert run(builds[setting], PROBE) == expected


def test_auto_holds_the_gil_for_the_first_two_long_calls_then_releases_it(builds):
    # The same probe without the sizing calls: a fixed, long enough size.
    code = PROBE.replace("n = 1000\n", "n = 300000\n").replace("while True:", "while False:")
    assert run(builds["auto"], code) == "held held released released released"


# The history case (issue 30): a function called short many times, then long while another
# thread needs the GIL. CPython's default switch interval (5 ms): the thread that waits that
# long asks for the GIL, and the policy sees the request when the Swift call returns.
HISTORY = textwrap.dedent(
    """
    import threading, time
    import type_tour as t

    call = CALL
    n = 1000
    while True:  # size one call to about 40 ms (debug and release builds differ a lot)
        start = time.perf_counter(); call(n); elapsed = time.perf_counter() - start
        if elapsed > 0.02 or n > 10**8: break
        n *= 4
    for _ in range(200):
        call(2)  # a history of short calls: the policy samples one call in 64 from here on
    steps, done = [0], threading.Event()
    def other():
        while not done.is_set():
            steps[0] += 1
            time.sleep(0.0005)
    thread = threading.Thread(target=other)
    thread.start()
    time.sleep(0.05)
    progress = []
    for _ in range(8):
        before = steps[0]
        call(n)
        progress.append(steps[0] - before)
        time.sleep(0.005)
    done.set(); thread.join()
    print(" ".join("released" if p > 2 else "held" if p <= 2 else "" for p in progress))
    """
)


@pytest.mark.parametrize("call", ["t.spin", "t.Spinner().spin"])
def test_auto_releases_the_gil_from_the_third_long_call_after_a_history_of_short_ones(builds, call):
    # Held, the call lets the other thread take at most a step or two (when it returns, before
    # `steps` is read again); released, some 80 steps. The first two long calls may hold it.
    progress = run(builds["auto"], HISTORY.replace("CALL", call)).split()
    assert progress[2:] == ["released"] * 6, progress


@pytest.mark.parametrize("setting", ["auto", "always", "never"])
def test_threads_calling_swift_concurrently_all_get_correct_results(builds, setting):
    assert run(builds[setting], CONCURRENT) == "failures: [] 0"


def test_a_bad_release_gil_value_is_refused_with_its_line(swiftmod, tmp_path):
    project = tmp_path / "types"
    shutil.copytree(REPO / "Examples" / "types", project, ignore=shutil.ignore_patterns(".build"))
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("[tool.swiftmod]\n", '[tool.swiftmod]\nrelease-gil = "sometimes"\n'))
    line = pyproject.read_text().splitlines().index('release-gil = "sometimes"') + 1
    result = swiftmod("compile", "--interpreter", sys.executable, cwd=project, check=False)
    assert result.returncode == 1
    assert f'{pyproject}:{line}: [tool.swiftmod] `release-gil = "sometimes"` is not one of "auto" (the default), "always", "never"' in result.stderr


# The static check of swiftmod_runtime.c's mirror of CPython's internal layout (where the GIL
# drop request lives on 3.10-3.12; on 3.13+ only the bit is internal), against the internal
# headers of the running Python. Module execution checks the same layout again at run time
# (the interpreter's id, the recursion limit) and falls back to sampling when it does not fit.
LAYOUT_CHECK = r"""
#define Py_BUILD_CORE 1
#include <Python.h>
#include <stddef.h>
#if PY_VERSION_HEX >= 0x030D0000
#include "internal/pycore_ceval.h"
_Static_assert(_PY_GIL_DROP_REQUEST_BIT == 1, "the drop request bit");
#else
#include "internal/pycore_interp.h"
LAYOUT
_Static_assert(offsetof(swiftmod_ceval_head, gil_drop_request) == offsetof(struct _ceval_state, gil_drop_request), "gil_drop_request");
_Static_assert(offsetof(swiftmod_ceval_head, recursion_limit) == offsetof(struct _ceval_state, recursion_limit), "recursion_limit");
#if PY_VERSION_HEX < 0x030C0000
_Static_assert(offsetof(swiftmod_interp_head, id) == offsetof(PyInterpreterState, id), "id");
_Static_assert(offsetof(swiftmod_interp_head, ceval) == offsetof(PyInterpreterState, ceval), "ceval");
#else
_Static_assert(offsetof(PyInterpreterState, builtins) == offsetof(PyInterpreterState, sysdict) + sizeof(PyObject *), "sysdict, builtins");
_Static_assert(offsetof(PyInterpreterState, ceval) == offsetof(PyInterpreterState, builtins) + sizeof(PyObject *), "ceval after builtins");
#endif
#endif
"""


def test_the_gil_drop_request_layout_matches_cpythons_internal_headers(tmp_path):
    import sysconfig
    include = Path(sysconfig.get_paths()["include"])
    compiler = shutil.which("cc")
    if compiler is None or not (include / "internal").is_dir():
        pytest.skip("no C compiler or no internal headers for this Python")
    runtime = (REPO / "Templates" / "glue" / "swiftmod_runtime.c.tmpl").read_text()
    layout = runtime.split("// swiftmod-layout-begin")[1].split("\n", 1)[1].split("// swiftmod-layout-end")[0]
    source = tmp_path / "layout.c"
    source.write_text(LAYOUT_CHECK.replace("LAYOUT", layout))
    result = subprocess.run([compiler, "-fsyntax-only", f"-I{include}", f"-I{include / 'internal'}", str(source)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
