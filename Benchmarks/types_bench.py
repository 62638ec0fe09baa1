"""Types (docs/design/types.md) against a hand-written C extension type and nanobind: the types row of docs/design/performance.md#types-targets.

Builds, in one run and against the same Python headers:
  * a C extension `cvec` with a static `Vec2` type, as a careful C author writes it: x and y
    doubles in the object, `tp_getset` properties x and y, `norm()` (METH_NOARGS), `scaled(f)`
    (METH_FASTCALL, a new Vec2), `tp_richcompare` for ==, and construction through a
    `tp_vectorcall` constructor (a classic tp_new/tp_init too; `Vec2Classic`, the same type
    without tp_vectorcall, times that path for reference);
  * the same type with nanobind (`nb::class_<Vec2>`, NB_STATIC, Release), through its CMake
    config, with the `nanobind`, `cmake` and `ninja` packages of the running Python (the test
    venv has them: Tests/EndToEnd/requirements.txt); skipped with a printed line without them;
  * Benchmarks/projects/vec2, a plain Swift `struct Vec2: Equatable`, with `swiftmod compile
    --release` (module `swvec`); its row reads "not available" when that swiftmod does not
    export structs yet;
  * Benchmarks/projects/vec2sendable, the same struct declared `Sendable` (module
    `swvecsendable`): its non-mutating methods follow the GIL policy (docs/design/gil.md), which must
    cost next to nothing on a short call (the "Sendable" column, same targets);
checks that the three give the same values, then times each operation as the Python statement
itself (`v.x`, `v.x = 1.5`, `v.norm()`, `v.scaled(2.0)`, `v == w`, `Vec2(1.0, 2.0)`, the names
local) in interleaved rounds, and prints medians in ns per operation and the ratios to C beside
the targets (≤ 1.15 × C; construction ≤ 1.3 × the C vectorcall constructor).

Each statement runs `number` times inside one timeit batch, and common.time_interleaved times
the batches: timing `f(*a)` per operation would add a call dispatch of some 20-30 ns to a
10-20 ns operation and squeeze the ratios toward 1.

Usage: python3 Benchmarks/types_bench.py [--swiftmod PATH] [--rounds N] [--number N] [--quick]
"""

import math
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path

from common import DEFAULT_SWIFTMOD, REPO, build_c_extension, time_interleaved
from common import build_nanobind as common_build_nanobind

PROJECT = REPO / "Benchmarks" / "projects" / "vec2"
SENDABLE_PROJECT = REPO / "Benchmarks" / "projects" / "vec2sendable"

# label, statement (v and w are Vec2(1.0, 2.0), Vec2 the type; all local names), target × C
OPERATIONS = [
    ("property get", "v.x", 1.15),
    ("property set", "v.x = 1.5", 1.15),
    ("method call", "v.norm()", 1.15),
    ("method returning a new object", "v.scaled(2.0)", 1.15),
    ("==", "v == w", 1.15),
    ("construction", "Vec2(1.0, 2.0)", 1.3),
    ("keyword construction", "Vec2(x=1.0, y=2.0)", 1.3),
]
# The nanobind binding declares no argument names: it cannot be called with keywords.
KEYWORD_ROWS = {"keyword construction"}

C_SOURCE = r"""
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

typedef struct {
    PyObject_HEAD
    double x, y;
} Vec2Object;

static PyTypeObject Vec2Type;

static inline int as_double(PyObject *object, double *out) {
    if (PyFloat_CheckExact(object)) {
        *out = PyFloat_AS_DOUBLE(object);
        return 0;
    }
    double value = PyFloat_AsDouble(object);
    if (value == -1.0 && PyErr_Occurred()) return -1;
    *out = value;
    return 0;
}

static inline PyObject *vec2_make(PyTypeObject *type, double x, double y) {
    Vec2Object *self = PyObject_New(Vec2Object, type);
    if (self == NULL) return NULL;
    self->x = x;
    self->y = y;
    return (PyObject *)self;
}

static void vec2_dealloc(PyObject *self) { Py_TYPE(self)->tp_free(self); }

/* Vec2(x, y) through tp_vectorcall: positional or keyword x and y. */
static PyObject *vec2_vectorcall(PyObject *type, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    PyObject *values[2] = {NULL, NULL};
    if (nargs > 2) goto wrong;
    for (Py_ssize_t i = 0; i < nargs; i++) values[i] = args[i];
    if (kwnames != NULL) {
        for (Py_ssize_t j = 0, n = PyTuple_GET_SIZE(kwnames); j < n; j++) {
            PyObject *name = PyTuple_GET_ITEM(kwnames, j);
            int index = PyUnicode_CompareWithASCIIString(name, "x") == 0 ? 0
                      : PyUnicode_CompareWithASCIIString(name, "y") == 0 ? 1 : -1;
            if (index < 0 || values[index] != NULL) goto wrong;
            values[index] = args[nargs + j];
        }
    }
    if (values[0] == NULL || values[1] == NULL) goto wrong;
    double x, y;
    if (as_double(values[0], &x) < 0 || as_double(values[1], &y) < 0) return NULL;
    return vec2_make((PyTypeObject *)type, x, y);
wrong:
    PyErr_SetString(PyExc_TypeError, "Vec2(x: float, y: float)");
    return NULL;
}

/* The classic path: tp_new (PyType_GenericNew) then tp_init. */
static int vec2_init(PyObject *self, PyObject *args, PyObject *kwds) {
    static char *keywords[] = {"x", "y", NULL};
    double x, y;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "dd:Vec2", keywords, &x, &y)) return -1;
    ((Vec2Object *)self)->x = x;
    ((Vec2Object *)self)->y = y;
    return 0;
}

static PyObject *get_x(PyObject *self, void *closure) { return PyFloat_FromDouble(((Vec2Object *)self)->x); }
static PyObject *get_y(PyObject *self, void *closure) { return PyFloat_FromDouble(((Vec2Object *)self)->y); }

static int set_x(PyObject *self, PyObject *value, void *closure) {
    if (value == NULL) { PyErr_SetString(PyExc_AttributeError, "cannot delete x"); return -1; }
    return as_double(value, &((Vec2Object *)self)->x);
}

static int set_y(PyObject *self, PyObject *value, void *closure) {
    if (value == NULL) { PyErr_SetString(PyExc_AttributeError, "cannot delete y"); return -1; }
    return as_double(value, &((Vec2Object *)self)->y);
}

static PyObject *norm(PyObject *self, PyObject *unused) {
    Vec2Object *v = (Vec2Object *)self;
    return PyFloat_FromDouble(sqrt(v->x * v->x + v->y * v->y));
}

static PyObject *scaled(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 1) { PyErr_SetString(PyExc_TypeError, "scaled(factor: float)"); return NULL; }
    double factor;
    if (as_double(args[0], &factor) < 0) return NULL;
    Vec2Object *v = (Vec2Object *)self;
    return vec2_make(Py_TYPE(self), v->x * factor, v->y * factor);
}

static PyObject *vec2_richcompare(PyObject *a, PyObject *b, int op) {
    if ((op != Py_EQ && op != Py_NE) || Py_TYPE(a) != Py_TYPE(b)) Py_RETURN_NOTIMPLEMENTED;
    Vec2Object *u = (Vec2Object *)a, *v = (Vec2Object *)b;
    int equal = u->x == v->x && u->y == v->y;
    if (equal == (op == Py_EQ)) Py_RETURN_TRUE;
    Py_RETURN_FALSE;
}

static PyGetSetDef getset[] = {
    {"x", get_x, set_x, NULL, NULL},
    {"y", get_y, set_y, NULL, NULL},
    {NULL},
};

static PyMethodDef methods[] = {
    {"norm", norm, METH_NOARGS, NULL},
    {"scaled", (PyCFunction)(void (*)(void))scaled, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL},
};

#define VEC2_TYPE(NAME, VECTORCALL) {                       \
    PyVarObject_HEAD_INIT(NULL, 0)                          \
    .tp_name = NAME,                                        \
    .tp_basicsize = sizeof(Vec2Object),                     \
    .tp_dealloc = vec2_dealloc,                             \
    .tp_flags = Py_TPFLAGS_DEFAULT,                         \
    .tp_richcompare = vec2_richcompare,                     \
    .tp_methods = methods,                                  \
    .tp_getset = getset,                                    \
    .tp_init = vec2_init,                                   \
    .tp_new = PyType_GenericNew,                            \
    .tp_vectorcall = VECTORCALL,                            \
}

static PyTypeObject Vec2Type = VEC2_TYPE("cvec.Vec2", vec2_vectorcall);
static PyTypeObject Vec2ClassicType = VEC2_TYPE("cvec.Vec2Classic", NULL);

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "cvec", NULL, -1, NULL};

PyMODINIT_FUNC PyInit_cvec(void) {
    if (PyType_Ready(&Vec2Type) < 0 || PyType_Ready(&Vec2ClassicType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    if (PyModule_AddObjectRef(m, "Vec2", (PyObject *)&Vec2Type) < 0
        || PyModule_AddObjectRef(m, "Vec2Classic", (PyObject *)&Vec2ClassicType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
"""

NANOBIND_SOURCE = r"""
#include <cmath>
#include <nanobind/nanobind.h>
#include <nanobind/operators.h>

namespace nb = nanobind;

struct Vec2 {
    double x, y;
    Vec2(double x, double y) : x(x), y(y) {}
    double norm() const { return std::sqrt(x * x + y * y); }
    Vec2 scaled(double factor) const { return Vec2(x * factor, y * factor); }
    bool operator==(const Vec2 &other) const { return x == other.x && y == other.y; }
};

NB_MODULE(nbvec, m) {
    nb::class_<Vec2>(m, "Vec2")
        .def(nb::init<double, double>())
        .def_rw("x", &Vec2::x)
        .def_rw("y", &Vec2::y)
        .def("norm", &Vec2::norm)
        .def("scaled", &Vec2::scaled)
        .def(nb::self == nb::self);
}
"""

def build_nanobind(directory: Path) -> tuple[Path | None, str]:
    """nbvec with nanobind's CMake config (common.build_nanobind)."""
    return common_build_nanobind(directory, "nbvec", NANOBIND_SOURCE)


def build_swiftmod(swiftmod: Path, directory: Path, project: Path = PROJECT) -> tuple[Path | None, str]:
    """`swiftmod compile --release` of Benchmarks/projects/vec2 (or `project`) into directory."""
    out = directory / project.name
    command = [swiftmod, "compile", "--release", "--out", out, "--interpreter", sys.executable]
    start = time.perf_counter()
    result = subprocess.run([str(part) for part in command], cwd=project, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"swiftmod compile --release of {project} failed:\n{result.stdout}{result.stderr}")
    warnings = [line for line in result.stderr.splitlines() if "warning:" in line]
    return out, f"swiftmod compile --release in {seconds:.1f} s" + "".join(f"\n    {line}" for line in warnings)


def load(name: str, directory: Path):
    sys.path.insert(0, str(directory))
    try:
        return __import__(name)
    finally:
        sys.path.remove(str(directory))


def check(implementations: dict) -> None:
    """The same values from every implementation, for every timed statement and then some."""
    def observe(Vec2):
        v = Vec2(1.0, 2.0)
        seen = [(v.x, v.y), v == Vec2(1.0, 2.0), v == Vec2(1.0, 3.0), v != Vec2(1.0, 3.0), v == 1.0]
        s = v.scaled(2.0)
        assert type(s) is Vec2 and s is not v
        seen += [(s.x, s.y), (v.x, v.y), v.norm(), Vec2(3.0, 4.0).norm(), Vec2(0.1, 0.7).norm(), Vec2(3, 4).scaled(-0.5).x]
        v.x = 1.5
        seen += [(v.x, v.y), (s.x, s.y)]
        v.y = 7
        seen += [(v.x, v.y), type(v.y)]
        for label, statement, _ in OPERATIONS:
            if label in KEYWORD_ROWS:
                continue  # checked below, where every implementation takes keywords
            namespace = {"v": Vec2(1.0, 2.0), "w": Vec2(1.0, 2.0), "Vec2": Vec2}
            exec(f"result = {statement}" if "=" not in statement.replace("==", "") else statement, namespace)
            result = namespace.get("result", namespace["v"])
            seen.append((result.x, result.y) if type(result) is Vec2 else result)
        return seen

    observations = {key: observe(Vec2) for key, Vec2 in implementations.items()}
    reference = observations["C"]
    assert reference[5] == (2.0, 4.0) and reference[8] == 5.0 and reference[1] and not reference[2], reference
    assert reference[9] == math.sqrt(0.1 * 0.1 + 0.7 * 0.7), reference
    for key, seen in observations.items():
        assert seen == reference, f"{key} differs from C:\n  C: {reference}\n  {key}: {seen}"
    for key in ("C", "swiftmod", "Sendable"):  # labels as keywords (the nanobind binding declares no names)
        if key in implementations:
            Vec2 = implementations[key]
            assert Vec2(y=2.0, x=1.0) == Vec2(1.0, 2.0) == Vec2(1.0, y=2.0), key


def time_statement(statement: str, implementations: dict, number: int, rounds: int) -> dict:
    """Median ns per execution of statement for each implementation: batches of `number`
    executions, interleaved across implementations by common.time_interleaved."""
    setup = "v = V(1.0, 2.0); w = V(1.0, 2.0); Vec2 = V"
    batches = {key: timeit.Timer(statement, setup, globals={"V": Vec2}).timeit for key, Vec2 in implementations.items()}
    return {key: ns / number for key, ns in time_interleaved(batches, (number,), 1, rounds).items()}


def measure(swiftmod: Path, rounds: int, number: int, nanobind: bool = True) -> dict:
    """{"rows": [(label, statement, C ns, swiftmod ns or None, nanobind ns or None, target,
    Sendable ns or None)],
    "classic": C ns of construction through tp_new/tp_init, "notes": {implementation: line},
    "swift": whether swvec.Vec2 was measured, "nanobind": whether nbvec was}."""
    with tempfile.TemporaryDirectory() as temp:
        directory = Path(temp)
        build_c_extension(directory, "cvec", C_SOURCE)
        cvec = load("cvec", directory)
        implementations = {"C": cvec.Vec2}
        notes = {}

        swift_dir, notes["swiftmod"] = build_swiftmod(swiftmod, directory)
        swvec = load("swvec", swift_dir) if swift_dir else None
        if swvec is not None and hasattr(swvec, "Vec2"):
            implementations["swiftmod"] = swvec.Vec2
        else:
            sys.exit(f"swvec has no Vec2: swiftmod skipped the struct ({notes['swiftmod']})")
        sendable_dir, notes["Sendable"] = build_swiftmod(swiftmod, directory, SENDABLE_PROJECT)
        implementations["Sendable"] = load("swvecsendable", sendable_dir).Vec2

        if nanobind:
            nb_dir, notes["nanobind"] = build_nanobind(directory)
            if nb_dir:
                implementations["nanobind"] = load("nbvec", nb_dir).Vec2
        else:
            notes["nanobind"] = "skipped (--quick: its one-off CMake build is left to the full run)"

        check(implementations)
        rows = []
        for label, statement, target in OPERATIONS:
            timed = {k: v for k, v in implementations.items() if not (label in KEYWORD_ROWS and k == "nanobind")}
            medians = time_statement(statement, timed, number, rounds)
            rows.append((label, statement, medians["C"], medians.get("swiftmod"), medians.get("nanobind"), target, medians.get("Sendable")))
        classic = time_statement("Vec2(1.0, 2.0)", {"C vectorcall": cvec.Vec2, "C classic": cvec.Vec2Classic}, number, rounds)
        return {"rows": rows, "classic": classic["C classic"], "notes": notes,
                "swift": "swiftmod" in implementations, "nanobind": "nanobind" in implementations}


def report(results: dict, rounds: int) -> None:
    print(f"types, ns per operation: medians of {rounds} interleaved rounds (C: a static PyTypeObject)")
    for key, note in results["notes"].items():
        print(f"  {key}: {note}")

    def ns(value):
        return f"{value:10.1f}" if value is not None else f"{'n/a':>10s}"

    def ratio(value, c):
        return f"{value / c:8.2f}" if value is not None else f"{'n/a':>8s}"

    print(f"  {'operation':44s} {'C':>10s} {'swiftmod':>10s} {'Sendable':>10s} {'nanobind':>10s} {'swift/C':>8s} "
          f"{'Send/C':>8s} {'nb/C':>8s} {'target':>8s} {'met':>4s}")
    for label, statement, c, swift, nb, target, sendable in results["rows"]:
        met = "" if swift is None else ("yes" if max(swift, sendable or 0) / c <= target else "NO")
        print(f"  {label + ' `' + statement + '`':44s} {ns(c)} {ns(swift)} {ns(sendable)} {ns(nb)} {ratio(swift, c)} "
              f"{ratio(sendable, c)} {ratio(nb, c)} {'≤ ' + format(target, '.2f'):>8s} {met:>4s}")
    construction = next(row[2] for row in results["rows"] if row[0] == "construction")
    print(f"  C construction through classic tp_new/tp_init: {results['classic']:.1f} ns "
          f"({results['classic'] / construction:.2f} × the vectorcall constructor)")


def summary_rows(results: dict) -> list[tuple]:
    """run_all.py's rows: (measure, C, swiftmod, ratio, target, met), then nanobind's for reference."""
    rows = []
    for label, _, c, swift, _, target, _ in results["rows"]:
        rows.append((f"types: {label}", f"{c:,.1f} ns", f"{swift:,.1f} ns", f"{swift / c:.2f}×", f"≤ {target:.2f}×", swift / c <= target))
    for label, _, c, _, _, target, sendable in results["rows"]:
        if sendable is not None:
            rows.append((f"types, Sendable: {label}", f"{c:,.1f} ns", f"{sendable:,.1f} ns", f"{sendable / c:.2f}×", f"≤ {target:.2f}×", sendable / c <= target))
    for label, _, c, _, nb, _, _ in results["rows"]:
        if nb is not None:
            rows.append((f"types: {label}, nanobind for reference", f"{c:,.1f} ns", f"{nb:,.1f} ns (nanobind)", f"{nb / c:.2f}×", "", None))
    if not results["nanobind"]:
        rows.append(("types: nanobind for reference", "", results["notes"]["nanobind"], "", "", None))
    return rows


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--swiftmod", default=DEFAULT_SWIFTMOD, type=Path)
    parser.add_argument("--rounds", type=int, default=None, help="interleaved rounds (15; 5 with --quick)")
    parser.add_argument("--number", type=int, default=None, help="operations per batch (1,000,000; 200,000 with --quick)")
    parser.add_argument("--quick", action="store_true", help="fewer rounds (a smoke run, not figures to quote)")
    options = parser.parse_args()
    rounds = options.rounds or (5 if options.quick else 15)
    number = options.number or (200_000 if options.quick else 1_000_000)
    results = measure(options.swiftmod.resolve(), rounds, number)
    report(results, rounds)


if __name__ == "__main__":
    main()
