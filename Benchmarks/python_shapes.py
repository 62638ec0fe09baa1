"""Python-shaped APIs (docs/design/python-shapes.md) against hand-written C and nanobind: the §18 rows
of docs/design/performance.md, built and timed side by side in one run.

  * callbacks: `sum_calls(f, n)` calls a trivial Python function n times from Swift; C does the
    same with PyObject_Vectorcall; nanobind with `std::function<long(long)>` (if it builds);
  * a union parameter (`Document = str | list[str]`) against the payload's own parameter (`str`),
    both in the swiftmod module: the union may cost ≤ 5 ns more;
  * `*args`: `total(*values)` against a C METH_FASTCALL function summing its arguments.

    python3 Benchmarks/python_shapes.py [--swiftmod PATH] [--quick]
"""

import sys
import tempfile
from pathlib import Path

from common import DEFAULT_SWIFTMOD, REPO, build_c_extension, build_nanobind, time_interleaved
from types_bench import build_swiftmod, load

PROJECT = REPO / "Benchmarks" / "projects" / "pyshapes"
CALLBACK_TARGET = 1.2
UNION_EXTRA_NS = 5.0

C_SOURCE = r"""
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *sum_calls(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2) { PyErr_SetString(PyExc_TypeError, "sum_calls(f, count)"); return NULL; }
    PyObject *f = args[0];
    Py_ssize_t count = PyLong_AsSsize_t(args[1]);
    if (count == -1 && PyErr_Occurred()) return NULL;
    Py_ssize_t total = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *argument = PyLong_FromSsize_t(i);
        if (argument == NULL) return NULL;
        PyObject *result = PyObject_Vectorcall(f, &argument, 1, NULL);
        Py_DECREF(argument);
        if (result == NULL) return NULL;
        Py_ssize_t value = PyLong_AsSsize_t(result);
        Py_DECREF(result);
        if (value == -1 && PyErr_Occurred()) return NULL;
        total += value;
    }
    return PyLong_FromSsize_t(total);
}

static PyObject *total(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    Py_ssize_t sum = 0;
    for (Py_ssize_t i = 0; i < nargs; i++) {
        Py_ssize_t value = PyLong_AsSsize_t(args[i]);
        if (value == -1 && PyErr_Occurred()) return NULL;
        sum += value;
    }
    return PyLong_FromSsize_t(sum);
}

static PyMethodDef methods[] = {
    {"sum_calls", (PyCFunction)(void (*)(void))sum_calls, METH_FASTCALL, NULL},
    {"total", (PyCFunction)(void (*)(void))total, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "cshapes", NULL, -1, methods};
PyMODINIT_FUNC PyInit_cshapes(void) { return PyModule_Create(&module); }
"""

NANOBIND_SOURCE = r"""
#include <functional>
#include <nanobind/nanobind.h>
#include <nanobind/stl/function.h>

namespace nb = nanobind;

NB_MODULE(nbshapes, m) {
    m.def("sum_calls", [](const std::function<long(long)> &f, long count) {
        long total = 0;
        for (long i = 0; i < count; i++) total += f(i);
        return total;
    });
}
"""


def identity(x):
    return x


def measure(swiftmod: Path, rounds: int, calls: int, nanobind: bool = True) -> dict:
    """{"rows": [(label, C ns, swiftmod ns, nanobind ns or None, kind, target)], "notes": {...}}:
    kind "ratio" (target is a ratio to C) or "extra" (target is ns more than the payload's own)."""
    with tempfile.TemporaryDirectory() as temp:
        directory = Path(temp)
        build_c_extension(directory, "cshapes", C_SOURCE)
        c = load("cshapes", directory)
        notes = {}
        swift_dir, notes["swiftmod"] = build_swiftmod(swiftmod, directory, PROJECT)
        sw = load("swshapes", swift_dir)
        nb = None
        if nanobind:
            nb_dir, notes["nanobind"] = build_nanobind(directory, "nbshapes", NANOBIND_SOURCE)
            nb = load("nbshapes", nb_dir) if nb_dir else None
        else:
            notes["nanobind"] = "skipped (--quick: its one-off CMake build is left to the full run)"

        n = 1000
        expected = n * (n - 1) // 2
        for module in (c, sw, nb):
            if module is not None:
                assert module.sum_calls(identity, n) == expected, module
        assert sw.document_length("héllo") == sw.text_length("héllo") == 6 and sw.document_length(["a", "b"]) == 2
        assert c.total(1, 2, 3) == sw.total(1, 2, 3) == 6

        rows = []
        functions = {"C": c.sum_calls, "swiftmod": sw.sum_calls}
        if nb is not None:
            functions["nanobind"] = nb.sum_calls
        medians = time_interleaved(functions, (identity, n), max(1, calls // n), rounds)
        per_call = {key: value / n for key, value in medians.items()}
        rows.append(("callback: Swift calls a Python function (per call)", per_call["C"], per_call["swiftmod"], per_call.get("nanobind"), "ratio", CALLBACK_TARGET))
        text = "twelve chars"
        medians = time_interleaved({"payload": sw.text_length, "union": sw.document_length}, (text,), calls, rounds)
        rows.append(("union parameter (str or list[str]) vs its payload (str)", medians["payload"], medians["union"], None, "extra", UNION_EXTRA_NS))
        values = (1, 2, 3, 4, 5)
        medians = time_interleaved({"C": c.total, "swiftmod": sw.total}, values, calls, rounds)
        rows.append(("*args: total(1, 2, 3, 4, 5)", medians["C"], medians["swiftmod"], None, "ratio", None))
        return {"rows": rows, "notes": notes}


def met(c: float, swift: float, kind: str, target) -> bool | None:
    if target is None:
        return None
    return swift / c <= target if kind == "ratio" else swift - c <= target


def report(results: dict, rounds: int) -> None:
    print(f"python-shaped APIs, ns: medians of {rounds} interleaved rounds")
    for key, note in results["notes"].items():
        print(f"  {key}: {note}")
    print(f"  {'measure':58s} {'reference':>10s} {'swiftmod':>10s} {'nanobind':>10s} {'result':>10s} {'target':>10s} {'met':>4s}")
    for label, c, swift, nb, kind, target in results["rows"]:
        result = f"{swift / c:.2f}×" if kind == "ratio" else f"+{swift - c:.1f} ns"
        goal = "" if target is None else (f"≤ {target:.2f}×" if kind == "ratio" else f"≤ +{target:.0f} ns")
        ok = met(c, swift, kind, target)
        nb_text = f"{nb:10.1f}" if nb is not None else f"{'n/a':>10s}"
        print(f"  {label:58s} {c:10.1f} {swift:10.1f} {nb_text} {result:>10s} {goal:>10s} {'' if ok is None else ('yes' if ok else 'NO'):>4s}")


def summary_rows(results: dict) -> list[tuple]:
    """run_all.py's rows: (measure, reference, swiftmod, result, target, met)."""
    rows = []
    for label, c, swift, nb, kind, target in results["rows"]:
        reference = f"{c:,.1f} ns" + (" (payload)" if kind == "extra" else "")
        result = f"{swift / c:.2f}×" if kind == "ratio" else f"+{swift - c:.1f} ns"
        goal = "" if target is None else (f"≤ {target:.2f}×" if kind == "ratio" else f"≤ +{target:.0f} ns")
        rows.append((label, reference, f"{swift:,.1f} ns", result, goal, met(c, swift, kind, target)))
        if nb is not None:
            rows.append((f"{label}, nanobind std::function for reference", f"{c:,.1f} ns", f"{nb:,.1f} ns (nanobind)", f"{nb / c:.2f}×", "", None))
    return rows


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--swiftmod", default=DEFAULT_SWIFTMOD, type=Path)
    parser.add_argument("--quick", action="store_true", help="fewer rounds, no nanobind (a smoke run, not figures to quote)")
    options = parser.parse_args()
    rounds = 5 if options.quick else 15
    calls = 200_000 if options.quick else 1_000_000
    results = measure(options.swiftmod.resolve(), rounds, calls, nanobind=not options.quick)
    report(results, rounds)


if __name__ == "__main__":
    main()
