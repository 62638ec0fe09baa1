"""Call cost of swiftmod functions against hand-written C METH_FASTCALL functions.

Builds, in one run and against the same Python headers:
  * a C extension `cbench` written by hand: add, length, greet, sum, scale, count_words,
    reversed_bytes (the same work as the Swift functions, with the usual C-API calls);
  * Examples/types with `swiftmod compile --release` (the Swift versions), once version-specific
    and once with `--abi3 3.10` (the limited API); under CPython 3.15+ also once with
    `--abi3t 3.15` (the Stable ABI of default and free-threaded builds: opaque PyObject,
    docs/design/interpreters.md#abi3t), an extra column;
then times each call for both in interleaved rounds and prints the medians and the ratio.
`length` is the size of the text's UTF-8: both sides do O(1) work, so its rows are the cost of
the str argument alone (C borrows CPython's UTF-8; Swift's String owns a copy).

Usage: python3 Benchmarks/call_overhead.py [--swiftmod PATH] [--rounds N] [--number CALLS]
"""

import sys
import tempfile
from pathlib import Path

from common import REPO, build_c_extension, call_benchmark_main, run, time_interleaved

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

/* The size of the str's UTF-8 in bytes: what a C function taking (const char *, size) gets.
   CPython hands out the UTF-8 without copying (an ASCII str's own data, or its cached UTF-8). */
static PyObject *length(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 1 || !PyUnicode_Check(args[0])) { PyErr_SetString(PyExc_TypeError, "length(str)"); return NULL; }
    Py_ssize_t size;
    const char *utf8 = PyUnicode_AsUTF8AndSize(args[0], &size);
    if (utf8 == NULL) return NULL;
    return PyLong_FromSsize_t(size);
}

static PyObject *greet(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 1 || !PyUnicode_Check(args[0])) { PyErr_SetString(PyExc_TypeError, "greet(str)"); return NULL; }
    return PyUnicode_FromFormat("Hello, %U!", args[0]);
}

static PyObject *sum(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 1 || !PyList_Check(args[0])) { PyErr_SetString(PyExc_TypeError, "sum(list)"); return NULL; }
    double total = 0;
    for (Py_ssize_t i = 0, n = PyList_GET_SIZE(args[0]); i < n; i++) {
        double value = PyFloat_AsDouble(PyList_GET_ITEM(args[0], i));
        if (value == -1.0 && PyErr_Occurred()) return NULL;
        total += value;
    }
    return PyFloat_FromDouble(total);
}

static PyObject *scale(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyList_Check(args[0])) { PyErr_SetString(PyExc_TypeError, "scale(list, float)"); return NULL; }
    double factor = PyFloat_AsDouble(args[1]);
    if (factor == -1.0 && PyErr_Occurred()) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(args[0]);
    PyObject *result = PyList_New(n);
    if (result == NULL) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        double value = PyFloat_AsDouble(PyList_GET_ITEM(args[0], i));
        if (value == -1.0 && PyErr_Occurred()) { Py_DECREF(result); return NULL; }
        PyObject *item = PyFloat_FromDouble(value * factor);
        if (item == NULL) { Py_DECREF(result); return NULL; }
        PyList_SET_ITEM(result, i, item);
    }
    return result;
}

static PyObject *count_words(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 1 || !PyDict_Check(args[0])) { PyErr_SetString(PyExc_TypeError, "count_words(dict)"); return NULL; }
    Py_ssize_t position = 0;
    PyObject *key, *value;
    long total = 0;
    while (PyDict_Next(args[0], &position, &key, &value)) {
        if (!PyUnicode_Check(key)) { PyErr_SetString(PyExc_TypeError, "keys must be str"); return NULL; }
        long count = PyLong_AsLong(value);
        if (count == -1 && PyErr_Occurred()) return NULL;
        total += count;
    }
    return PyLong_FromLong(total);
}

static PyObject *reversed_bytes(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 1 || !PyBytes_Check(args[0])) { PyErr_SetString(PyExc_TypeError, "reversed_bytes(bytes)"); return NULL; }
    Py_ssize_t n = PyBytes_GET_SIZE(args[0]);
    const char *in = PyBytes_AS_STRING(args[0]);
    PyObject *result = PyBytes_FromStringAndSize(NULL, n);
    if (result == NULL) return NULL;
    char *out = PyBytes_AS_STRING(result);
    for (Py_ssize_t i = 0; i < n; i++) out[i] = in[n - 1 - i];
    return result;
}

#define FAST(name) {#name, (PyCFunction)(void (*)(void))name, METH_FASTCALL, NULL}
static PyMethodDef methods[] = {
    FAST(add), FAST(length), FAST(greet), FAST(sum), FAST(scale), FAST(count_words), FAST(reversed_bytes),
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "cbench", NULL, -1, methods};

PyMODINIT_FUNC PyInit_cbench(void) { return PyModule_Create(&module); }
"""


def build_c(directory: Path) -> None:
    """Compiles the C extension as setuptools would: the interpreter's CC, CFLAGS and CCSHARED."""
    build_c_extension(directory, "cbench", C_SOURCE)


def build_swift(swiftmod: Path, directory: Path, abi3: str | None = None, abi3t: str | None = None) -> None:
    flags = (["--abi3", abi3] if abi3 else []) + (["--abi3t", abi3t] if abi3t else [])
    run([swiftmod, "compile", "--release", "--out", directory, "--interpreter", sys.executable, *flags], cwd=REPO / "Examples" / "types")


def load_extension(path: Path):
    """Loads the extension module at `path` under its own name without touching sys.modules, so
    that the version-specific and the abi3 `type_tour` can be timed side by side."""
    import importlib.machinery
    import importlib.util

    loader = importlib.machinery.ExtensionFileLoader("type_tour", str(path))
    spec = importlib.util.spec_from_file_location("type_tour", str(path), loader=loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


# label, function, arguments, relative cost (fewer calls for heavier ones), docs/design/performance.md#calls target
FLOATS = [float(i) for i in range(10**6)]
CASES = [
    ("add(1, 2)", "add", (1, 2), 1, 1.10),
    ("length(12 ASCII chars)", "length", ("a" * 12,), 1, 1.5),
    ("length(1000 ASCII chars)", "length", ("a" * 1000,), 2, 2.0),
    ("length(12 non-ASCII)", "length", ("é" * 12,), 1, 1.5),
    ("length(1000 non-ASCII)", "length", ("é" * 1000,), 2, 2.0),
    ("greet(12 chars)", "greet", ("a" * 12,), 2, None),
    ("sum(10^6 floats)", "sum", (FLOATS,), 20000, 1.10),
    ("scale(1000 floats, 2.0)", "scale", (FLOATS[:1000], 2.0), 200, None),
    ("count_words(100 keys)", "count_words", ({f"w{i}": i for i in range(100)},), 50, None),
    ("reversed_bytes(1000 bytes)", "reversed_bytes", (bytes(range(256)) * 4,), 4, None),
]


#: docs/design/performance.md#abi3-targets: an abi3 build's calls within this factor of the version-specific build's.
ABI3_TARGET = 1.15

#: abi3t needs CPython 3.15 (PEP 803); under an older interpreter the column is left out.
WITH_ABI3T = sys.version_info >= (3, 15)


def measure(swiftmod: Path, rounds: int, number: int) -> list[tuple[str, float, float, float, float | None, float | None]]:
    """(label, C ns, swiftmod ns, swiftmod abi3 ns, target ratio, swiftmod abi3t ns or None)
    per case: medians of interleaved rounds."""
    with tempfile.TemporaryDirectory() as temp:
        directory = Path(temp)
        build_c(directory)
        build_swift(swiftmod, directory / "version")
        build_swift(swiftmod, directory / "abi3", abi3="3.10")
        if WITH_ABI3T:
            build_swift(swiftmod, directory / "abi3t", abi3t="3.15")
        sys.path.insert(0, str(directory))
        try:
            import cbench
        finally:
            sys.path.remove(str(directory))
        type_tour = load_extension(next((directory / "version" / "type_tour").glob("type_tour.cpython-*.so")))
        type_tour_abi3 = load_extension(directory / "abi3" / "type_tour" / "type_tour.abi3.so")
        type_tour_abi3t = load_extension(directory / "abi3t" / "type_tour" / "type_tour.abi3t.so") if WITH_ABI3T else None
        results = []
        for label, name, arguments, cost, target in CASES:
            functions = {"C": getattr(cbench, name), "swiftmod": getattr(type_tour, name), "abi3": getattr(type_tour_abi3, name)}
            if type_tour_abi3t is not None:
                functions["abi3t"] = getattr(type_tour_abi3t, name)
            expected = functions["C"](*arguments)
            assert all(function(*arguments) == expected for function in functions.values()), label
            medians = time_interleaved(functions, arguments, max(3, number // cost), rounds)
            results.append((label, medians["C"], medians["swiftmod"], medians["abi3"], target, medians.get("abi3t")))
        return results


def report(results, rounds: int) -> None:
    print(f"call cost, ns per call: medians of {rounds} interleaved rounds (C: hand-written METH_FASTCALL, same headers;")
    print(f"abi3: the same module built with --abi3 3.10, against the limited API; target ≤ {ABI3_TARGET:.2f}× the version-specific build" +
          ("; abi3t: built with --abi3t 3.15, PyObject opaque)" if WITH_ABI3T else ")"))
    abi3t_header = f" {'abi3t':>10s} {'abi3t/ver':>10s}" if WITH_ABI3T else ""
    print(f"  {'call':28s} {'C':>10s} {'swiftmod':>10s} {'ratio':>7s} {'target':>8s} {'abi3':>10s} {'abi3/ver':>9s}{abi3t_header}")
    for label, c, swift, abi3, target, abi3t in results:
        goal = f"≤ {target:.2f}" if target else ""
        abi3t_columns = f" {abi3t:10.1f} {abi3t / swift:10.2f}" if abi3t is not None else ""
        print(f"  {label:28s} {c:10.1f} {swift:10.1f} {swift / c:7.2f} {goal:>8s} {abi3:10.1f} {abi3 / swift:9.2f}{abi3t_columns}")


def main() -> None:
    call_benchmark_main(__doc__, measure, report)


if __name__ == "__main__":
    main()
