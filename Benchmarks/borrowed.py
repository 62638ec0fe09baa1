"""Borrowed parameters (docs/design/borrowed.md) against hand-written C reading the same memory.

Builds, in one run and against the same Python headers:
  * a C extension `cborrow`: `utf8_length` (PyUnicode_AsUTF8AndSize, no copy), `total` (the
    buffer's doubles through PyObject_GetBuffer) and `sum_list` (a list of floats with a
    PyFloat_CheckExact fast path, as a careful C author writes it);
  * Examples/buffers with `swiftmod compile --release`: `utf8_length(UTF8Span)`,
    `total(Span<Double>)` and `sum_all(some Collection<Double>)`;
  * Examples/types' `sum([Double])` (the owned parameter) for the list row;
then times each pair in interleaved rounds and prints medians and ratios (and numpy.sum beside
`total` of a NumPy array).

Usage: python3 Benchmarks/borrowed.py [--swiftmod PATH] [--rounds N]
"""

import array
import sys
import tempfile
from pathlib import Path

from common import REPO, build_c_extension, call_benchmark_main, run, time_interleaved

C_SOURCE = r"""
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *utf8_length(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 1 || !PyUnicode_Check(args[0])) { PyErr_SetString(PyExc_TypeError, "utf8_length(str)"); return NULL; }
    Py_ssize_t size;
    const char *utf8 = PyUnicode_AsUTF8AndSize(args[0], &size);
    if (utf8 == NULL) return NULL;
    return PyLong_FromSsize_t(size);
}

static PyObject *total(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 1) { PyErr_SetString(PyExc_TypeError, "total(buffer)"); return NULL; }
    Py_buffer view;
    if (PyObject_GetBuffer(args[0], &view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) return NULL;
    if (view.format == NULL || view.format[0] != 'd' || view.format[1] != '\0') {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_TypeError, "expected doubles");
        return NULL;
    }
    const double *values = (const double *)view.buf;
    Py_ssize_t n = view.len / (Py_ssize_t)sizeof(double);
    double sum = 0;
    for (Py_ssize_t i = 0; i < n; i++) sum += values[i];
    PyBuffer_Release(&view);
    return PyFloat_FromDouble(sum);
}

static PyObject *sum_list(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 1 || !PyList_Check(args[0])) { PyErr_SetString(PyExc_TypeError, "sum_list(list)"); return NULL; }
    PyObject *list = args[0];
    double sum = 0;
    for (Py_ssize_t i = 0, n = PyList_GET_SIZE(list); i < n; i++) {
        PyObject *item = PyList_GET_ITEM(list, i);
        double value;
        if (PyFloat_CheckExact(item)) {
            value = PyFloat_AS_DOUBLE(item);
        } else {
            value = PyFloat_AsDouble(item);
            if (value == -1.0 && PyErr_Occurred()) return NULL;
        }
        sum += value;
    }
    return PyFloat_FromDouble(sum);
}

static PyMethodDef methods[] = {
    {"utf8_length", (PyCFunction)(void (*)(void))utf8_length, METH_FASTCALL, NULL},
    {"total", (PyCFunction)(void (*)(void))total, METH_FASTCALL, NULL},
    {"sum_list", (PyCFunction)(void (*)(void))sum_list, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "cborrow", NULL, -1, methods};

PyMODINIT_FUNC PyInit_cborrow(void) { return PyModule_Create(&module); }
"""

FLOATS = [float(i) for i in range(10**6)]
DOUBLES = array.array("d", FLOATS)

# label, C function, swiftmod function (module, name), arguments, relative cost, target
CASES = [
    ("UTF8Span(12 chars)", "utf8_length", ("buffers", "utf8_length"), ("a" * 12,), 1, None),
    ("UTF8Span(1000 chars)", "utf8_length", ("buffers", "utf8_length"), ("a" * 1000,), 1, 1.2),
    ("UTF8Span(1000 non-ASCII)", "utf8_length", ("buffers", "utf8_length"), ("é" * 1000,), 1, 1.2),
    ("Span<Double> sum(10^6, array.array)", "total", ("buffers", "total"), (DOUBLES,), 20000, 1.05),
    ("some Collection<Double> sum(10^6 list)", "sum_list", ("buffers", "sum_all"), (FLOATS,), 20000, 1.10),
    ("[Double] sum(10^6 list), for reference", "sum_list", ("type_tour", "sum"), (FLOATS,), 20000, None),
]


def build(swiftmod: Path, directory: Path) -> dict:
    build_c_extension(directory, "cborrow", C_SOURCE)
    for example in ("buffers", "types"):
        run([swiftmod, "compile", "--release", "--out", directory, "--interpreter", sys.executable], cwd=REPO / "Examples" / example)
    sys.path.insert(0, str(directory))
    try:
        import buffers
        import cborrow
        import type_tour
    finally:
        sys.path.remove(str(directory))
    return {"cborrow": cborrow, "buffers": buffers, "type_tour": type_tour}


def measure(swiftmod: Path, rounds: int, number: int) -> list[tuple[str, float, float, float | None]]:
    """(label, C ns, swiftmod ns, target) per case; then numpy.sum beside total(ndarray)."""
    with tempfile.TemporaryDirectory() as temp:
        modules = build(swiftmod, Path(temp))
        results = []
        for label, c_name, (module, name), arguments, cost, target in CASES:
            c_function, swift_function = getattr(modules["cborrow"], c_name), getattr(modules[module], name)
            assert c_function(*arguments) == swift_function(*arguments), label
            medians = time_interleaved({"C": c_function, "swiftmod": swift_function}, arguments, max(3, number // cost), rounds)
            results.append((label, medians["C"], medians["swiftmod"], target))
        try:
            import numpy
        except ImportError:
            return results
        values = numpy.arange(10**6, dtype=numpy.float64)
        total = modules["buffers"].total
        assert total(values) == float(numpy.sum(values))
        medians = time_interleaved({"numpy.sum": numpy.sum, "swiftmod": total}, (values,), max(3, number // 20000), rounds)
        results.append(("Span<Double> sum(10^6, NumPy) vs numpy.sum", medians["numpy.sum"], medians["swiftmod"], None))
        return results


def report(results, rounds: int) -> None:
    print(f"borrowed parameters, ns per call: medians of {rounds} interleaved rounds (C reads the same memory)")
    print(f"  {'call':44s} {'C':>12s} {'swiftmod':>12s} {'ratio':>7s} {'target':>8s}")
    for label, c, swift, target in results:
        goal = f"≤ {target:.2f}" if target else ""
        print(f"  {label:44s} {c:12.1f} {swift:12.1f} {swift / c:7.2f} {goal:>8s}")


def main() -> None:
    call_benchmark_main(__doc__, measure, report)


if __name__ == "__main__":
    main()
