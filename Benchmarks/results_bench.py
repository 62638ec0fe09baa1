"""Results (docs/design/results.md) against their references, in one run:
  * a lazy `some Sequence<Int>` of 10^6 elements (Examples/shapes' `naturals`) consumed by
    `sum()`, against a hand-written C iterator type (`tp_iternext` with PyLong_FromSsize_t)
    built by this benchmark against the same headers;
  * `numpy.asarray(halves(10^6))` of a returned `ContiguousArray<Double>` (Examples/buffers),
    against filling `numpy.empty(10^6)` through `inout MutableSpan<Double>` (`fill_halves`, the
    same loop writing into NumPy's memory).
Prints medians of interleaved rounds and the ratios against the targets of
docs/design/performance.md#results-targets.

Usage: python3 Benchmarks/results_bench.py [--swiftmod PATH] [--rounds N]
"""

import sys
import tempfile
from pathlib import Path

from common import REPO, build_c_extension, call_benchmark_main, run, time_interleaved

C_SOURCE = r"""
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject_HEAD
    Py_ssize_t next, end;
} counter;

static PyObject *counter_next(PyObject *self) {
    counter *c = (counter *)self;
    if (c->next >= c->end) return NULL;
    return PyLong_FromSsize_t(c->next++);
}

static void counter_dealloc(PyObject *self) {
    PyTypeObject *type = Py_TYPE(self);
    PyObject_Free(self);
    Py_DECREF(type);
}

static PyType_Slot counter_slots[] = {
    {Py_tp_iter, (void *)PyObject_SelfIter},
    {Py_tp_iternext, (void *)counter_next},
    {Py_tp_dealloc, (void *)counter_dealloc},
    {0, NULL},
};

static PyType_Spec counter_spec = {"cresults.counter", sizeof(counter), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION, counter_slots};
static PyObject *counter_type;

static PyObject *count(PyObject *self, PyObject *arg) {
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n == -1 && PyErr_Occurred()) return NULL;
    counter *c = PyObject_New(counter, (PyTypeObject *)counter_type);
    if (c == NULL) return NULL;
    c->next = 0;
    c->end = n < 0 ? 0 : n;
    return (PyObject *)c;
}

static PyMethodDef methods[] = {
    {"count", count, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "cresults", NULL, -1, methods};

PyMODINIT_FUNC PyInit_cresults(void) {
    counter_type = PyType_FromSpec(&counter_spec);
    if (counter_type == NULL) return NULL;
    return PyModule_Create(&module);
}
"""

N = 10**6


def build(swiftmod: Path, directory: Path) -> dict:
    build_c_extension(directory, "cresults", C_SOURCE)
    for example in ("shapes", "buffers"):
        run([swiftmod, "compile", "--release", "--out", directory, "--interpreter", sys.executable], cwd=REPO / "Examples" / example)
    sys.path.insert(0, str(directory))
    try:
        import buffers
        import cresults
        import shapes
    finally:
        sys.path.remove(str(directory))
    return {"cresults": cresults, "shapes": shapes, "buffers": buffers}


def measure(swiftmod: Path, rounds: int, number: int) -> list[tuple[str, str, float, float, float | None]]:
    """(label, reference name, reference ns, swiftmod ns, target) per case."""
    with tempfile.TemporaryDirectory() as temp:
        modules = build(swiftmod, Path(temp))
        results = []
        count, naturals = modules["cresults"].count, modules["shapes"].naturals
        assert sum(count(N)) == sum(naturals(N))
        calls = max(3, number // 30000)
        medians = time_interleaved({"C": lambda n: sum(count(n)), "swiftmod": lambda n: sum(naturals(n))}, (N,), calls, rounds)
        results.append(("sum(some Sequence<Int>) of 10^6", "C iterator", medians["C"], medians["swiftmod"], 1.3))
        try:
            import numpy
        except ImportError:
            return results
        halves, fill_halves = modules["buffers"].halves, modules["buffers"].fill_halves

        def filled(n):
            out = numpy.empty(n)
            fill_halves(out)
            return out

        def returned(n):
            return numpy.asarray(halves(n))

        assert numpy.array_equal(filled(N), returned(N))
        medians = time_interleaved({"MutableSpan": filled, "swiftmod": returned}, (N,), calls, rounds)
        results.append(("numpy.asarray(ContiguousArray<Double>) 10^6", "MutableSpan fill", medians["MutableSpan"], medians["swiftmod"], 1.2))
        return results


def report(results, rounds: int) -> None:
    print(f"results, µs per call: medians of {rounds} interleaved rounds")
    print(f"  {'call':46s} {'reference':>18s} {'ref µs':>9s} {'swiftmod':>9s} {'ratio':>7s} {'target':>8s}")
    for label, reference, ref, swift, target in results:
        goal = f"≤ {target:.2f}" if target else ""
        print(f"  {label:46s} {reference:>18s} {ref / 1000:9.1f} {swift / 1000:9.1f} {swift / ref:7.2f} {goal:>8s}")


def main() -> None:
    call_benchmark_main(__doc__, measure, report)


if __name__ == "__main__":
    main()
