"""Call overhead of a swiftmod function against a hand-written C METH_FASTCALL function.

Builds, in one run and against the same Python headers:
  * a C extension `cbench` with `add(a, b)` written by hand (METH_FASTCALL, PyLong_AsLong);
  * Examples/types with `swiftmod compile --release` (its `add(_ a: Int, _ b: Int) -> Int`);
then times `add(1, 2)` for both in interleaved rounds and prints the medians and the ratio.

Usage: python3 Benchmarks/call_overhead.py [--swiftmod PATH] [--rounds N]
"""

import argparse
import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import timeit
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

C_SOURCE = r"""
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *add(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "add() takes exactly 2 arguments");
        return NULL;
    }
    long a = PyLong_AsLong(args[0]);
    if (a == -1 && PyErr_Occurred()) return NULL;
    long b = PyLong_AsLong(args[1]);
    if (b == -1 && PyErr_Occurred()) return NULL;
    return PyLong_FromLong(a + b);
}

static PyMethodDef methods[] = {
    {"add", (PyCFunction)(void (*)(void))add, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "cbench", NULL, -1, methods};

PyMODINIT_FUNC PyInit_cbench(void) { return PyModule_Create(&module); }
"""


def build_c(directory: Path) -> None:
    source = directory / "cbench.c"
    source.write_text(C_SOURCE)
    target = directory / ("cbench" + sysconfig.get_config_var("EXT_SUFFIX"))
    include = sysconfig.get_paths()["include"]
    subprocess.run(["cc", "-O2", "-shared", "-fPIC", f"-I{include}", str(source), "-o", str(target)], check=True)


def build_swift(swiftmod: str, directory: Path) -> None:
    subprocess.run(
        [swiftmod, "compile", "--release", "--out", str(directory), "--interpreter", sys.executable],
        cwd=REPO / "Examples" / "types",
        check=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--swiftmod", default=str(REPO / ".build" / "debug" / "swiftmod"))
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--number", type=int, default=1_000_000)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as temp:
        directory = Path(temp)
        build_c(directory)
        build_swift(options.swiftmod, directory)
        sys.path.insert(0, str(directory))
        import cbench
        import type_tour

        assert cbench.add(1, 2) == type_tour.add(1, 2) == 3
        timings = {"C (METH_FASTCALL)": [], "swiftmod": []}
        functions = {"C (METH_FASTCALL)": cbench.add, "swiftmod": type_tour.add}
        for _ in range(options.rounds):  # interleaved, so that machine noise hits both alike
            for name, function in functions.items():
                seconds = timeit.timeit("f(1, 2)", globals={"f": function}, number=options.number)
                timings[name].append(seconds / options.number * 1e9)
        c = statistics.median(timings["C (METH_FASTCALL)"])
        print(f"add(1, 2), median of {options.rounds} interleaved rounds of {options.number} calls:")
        for name, values in timings.items():
            median = statistics.median(values)
            print(f"  {name:20s} {median:6.1f} ns/call   ratio to C {median / c:4.2f}")


if __name__ == "__main__":
    main()
