"""Drives every exported callable of Examples/shapes with hostile Python objects (docs/design/objects.md#fuzz).

Run by test_fuzz.py in a subprocess per batch: `python fuzz_shapes.py SEED EXAMPLES`. Before each
call it writes the case to stderr, so a crash names it. The only acceptable outcomes of a call are
a result or a Python exception; a signal death (SIGSEGV, SIGILL, SIGABRT) fails the test.

Hostile objects convert (`__index__`, `__float__`, `__len__`, `__iter__`, `__eq__`, `__hash__`,
`__bool__`) while running Python code that mutates, empties or replaces the objects under use,
raises, returns the wrong type, collects garbage or sleeps; a thread sets properties and calls
mutating methods on the same objects throughout."""

import gc
import inspect
import itertools
import random
import sys
import threading
import time

import shapes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from fuzz_values import SHORT, deep_lists_frozen

SEED = int(sys.argv[1]) if len(sys.argv) > 1 else 0
EXAMPLES = int(sys.argv[2]) if len(sys.argv) > 2 else 300
rng = random.Random(SEED)
sys.setswitchinterval(1e-5)  # as many thread switches as the interpreter allows


DEEP = deep_lists_frozen()

# MARK: - what shapes exports

TYPES = [v for v in vars(shapes).values() if isinstance(v, type) and v.__module__ == "shapes" and not issubclass(v, BaseException)]
FUNCTIONS = [v for n, v in vars(shapes).items() if callable(v) and not isinstance(v, type) and not n.startswith("_")]


def members(cls):
    """(methods, properties) of an exported class, its nested case classes included."""
    methods, properties = [], []
    for name, value in vars(cls).items():
        if isinstance(value, property) or type(value).__name__ == "getset_descriptor":
            if not name.startswith("__"):
                properties.append(name)
        elif callable(value) and (not name.startswith("__") or name in OPERATORS):
            methods.append(name)
    return methods, properties


OPERATORS = {"__getitem__", "__setitem__", "__len__", "__add__", "__sub__", "__mul__", "__truediv__", "__neg__",
             "__iadd__", "__isub__", "__imul__", "__eq__", "__lt__", "__hash__", "__repr__", "__str__", "__iter__",
             "__contains__", "__reduce__"}

# A pool of live objects of every type, made with a few argument patterns.
POOL: list = []
ATTEMPTS = [(), (1.0,), (1.0, 2.0), ([1.0, 2.0, 3.0],), ("x",), (3,)]
for cls in TYPES:
    for args in ATTEMPTS:
        try:
            POOL.append(cls(*args))
        except Exception:
            pass
for name in ("Circle", "Rect", "Dot", "Empty"):
    case = getattr(getattr(shapes, "Figure", None), name, None)
    for args in ATTEMPTS:
        try:
            POOL.append(case(*args))
        except Exception:
            pass
POOL += [shapes.Point(1, 2), shapes.Samples([1.0] * 100), shapes.Stack([1.0, 2.0, 3.0]), shapes.Polyline([shapes.Point(), shapes.Point(1, 1)])]


# Python subclasses of the non-final classes (docs/design/types.md#subclasses, #overrides): objects
# whose overrides meddle, raise, lie about their result type or call back into Swift, and
# objects whose __init__ never called super().__init__ (every use: RuntimeError).
def hostile_override(name):
    def override(self, *args):
        mutate_something()
        choice = rng.randrange(6)
        if choice == 0:
            raise ValueError(f"hostile override of {name}")
        if choice == 1:
            return "wrong"
        if choice == 2:
            return None
        if choice == 3:
            return shapes.run_strategy(self, [1, 2])  # re-enters Swift on the same object
        if choice == 4:
            type(self).__init__(self, "again")  # a second __init__: RuntimeError
        return getattr(super(HostileStrategy, self), name)(*args)
    return override


class HostileStrategy(shapes.Strategy):
    score = hostile_override("score")
    accepts = hostile_override("accepts")
    label = hostile_override("label")
    finished = hostile_override("finished")


class EmptyShape(shapes.Shape):
    def __init__(self, *args):
        pass


class EmptyAnimal(shapes.Animal):
    def __init__(self, *args):
        pass


class PlainShape(shapes.Shape):
    pass


POOL += [HostileStrategy("hostile"), HostileStrategy("other"), EmptyShape(), EmptyAnimal(), PlainShape("plain"),
         shapes.Strategy("plain"), EmptyShape.__new__(EmptyShape)]
SEED_POOL = list(POOL)


def refill():
    if len(POOL) < 8:
        POOL.extend(SEED_POOL)


CURRENT = []  # the receiver of the call in progress: hostile conversions aim at it first


def mutate_something():
    """Python code run in the middle of a conversion: changes, empties or replaces objects."""
    refill()
    target = CURRENT[-1] if CURRENT and rng.random() < 0.7 else rng.choice(POOL)
    action = rng.randrange(7)
    try:
        if action == 0:
            _, properties = members(type(target))
            if properties:
                name = rng.choice(properties)
                setattr(target, name, getattr(target, name))
        elif action == 1:
            for name in ("pop", "translate", "stretch", "append", "extend", "push"):
                method = getattr(target, name, None)
                if method is not None:
                    try:
                        method()
                    except TypeError:
                        method(*[1.0] * len(inspect.signature(method).parameters))
        elif action == 2:
            if hasattr(target, "values"):
                target.values = [] if rng.random() < 0.5 else [2.0] * rng.randrange(1, 5000)
        elif action == 3:
            POOL.clear()  # drops references to the objects under use
            gc.collect()
        elif action == 4:
            POOL[rng.randrange(len(POOL))] = rng.choice(SEED_POOL)
        elif action == 5:
            if isinstance(target, shapes.Stack):
                while target.pop() is not None:
                    pass
        else:
            time.sleep(0.0005)  # a long conversion: other threads run
    except Exception:
        pass


class Hostile:
    """Every conversion hook runs `mutate_something`, then answers, raises or lies."""

    def __init__(self, mode):
        self.mode = mode

    def _answer(self, good):
        mutate_something()
        if self.mode == "raise":
            raise ValueError("hostile")
        if self.mode == "wrong":
            return "not a number"
        return good

    def __index__(self):
        return self._answer(rng.choice([0, 1, -1, 2**62]))

    def __int__(self):
        return self._answer(1)

    def __float__(self):
        return self._answer(1.5)

    def __len__(self):
        return self._answer(2)

    def __iter__(self):
        mutate_something()
        if self.mode == "raise":
            raise RuntimeError("hostile iter")
        return iter([Hostile("ok"), 1.0, Hostile(self.mode)])

    def __getitem__(self, index):
        mutate_something()
        if index > 2:
            raise IndexError(index)
        return Hostile("ok")

    def __eq__(self, other):
        return self._answer(False)

    def __hash__(self):
        mutate_something()
        return 7

    def __bool__(self):
        return self._answer(True)

    def __str__(self):
        return self._answer("hostile")

    __repr__ = __str__


def pool_object():
    refill()
    return rng.choice(POOL)


scalars = st.one_of(
    st.integers(0, len(DEEP) - 1).map(lambda i: DEEP[i]), st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.integers(min_value=-3, max_value=3),
    st.floats(), st.text(max_size=5),
    st.binary(max_size=5), st.sampled_from(["raise", "wrong", "ok"]).map(Hostile), st.just(0).map(lambda _: pool_object()))
values = st.recursive(
    scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner), st.dictionaries(st.text(max_size=3), inner, max_size=3)),
    max_leaves=6)


def log(text):
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


# Samples.value(at:) traps on an index out of range on purpose (the trap report's test); and a
# count or number of rounds near 2**62 is a loop of that many steps, which ends only with the
# fuzzer's timeout, so those take bounded ints.
DELIBERATE_TRAPS = {"Samples.value"}
LONG_LOOPS = {"Samples.mean"}


def bounded(value):
    return max(-10_000, min(value, 10_000)) if type(value) is int else value


def call_any(kind, index, args, keyword):
    """One call of the case kind on the pool, with hostile arguments."""
    if kind == "function":
        function = FUNCTIONS[index % len(FUNCTIONS)]
        target, label = function, function.__name__
    elif kind == "constructor":
        target = TYPES[index % len(TYPES)]
        label = target.__qualname__
    else:
        receiver = pool_object()
        if kind == "item":  # mostly the types with item assignment
            assignable = [o for o in POOL if hasattr(type(o), "__setitem__")]
            if assignable and rng.random() < 0.8:
                receiver = rng.choice(assignable)
        CURRENT.append(receiver)
        methods, properties = members(type(receiver))
        if kind == "method" and methods:
            name = methods[index % len(methods)]
            target, label = getattr(receiver, name), f"{type(receiver).__qualname__}.{name}"
        elif kind == "setter" and properties:
            name = properties[index % len(properties)]
            log(f"case {SEED}: setattr {type(receiver).__qualname__}.{name} = {SHORT.repr(args[:1])}")
            setattr(receiver, name, args[0] if args else None)
            return
        elif kind == "item":
            log(f"case {SEED}: item {type(receiver).__qualname__}[{SHORT.repr(args[:2])}]")
            if len(args) >= 2:
                receiver[args[0]] = args[1]
            else:
                receiver[args[0] if args else 0]
            return
        else:
            log(f"case {SEED}: operator on {type(receiver).__qualname__} {SHORT.repr(args[:1])}")
            other = args[0] if args else receiver
            for operation in (lambda: receiver + other, lambda: receiver - other, lambda: receiver * other,
                              lambda: -receiver, lambda: receiver == other, lambda: receiver < other, lambda: hash(receiver),
                              lambda: repr(receiver), lambda: str(receiver), lambda: other in receiver,
                              lambda: list(itertools.islice(receiver, 3)),
                              lambda: len(receiver)):
                try:
                    operation()
                except Exception:
                    pass
            copy = receiver
            try:
                copy += other
            except Exception:
                pass
            return
    if label in DELIBERATE_TRAPS:
        return
    if label in LONG_LOOPS:
        args = [bounded(a) for a in args]
    log(f"case {SEED}: call {label} args={SHORT.repr(args)} keyword={keyword}")
    if keyword:
        try:
            parameters = [p for p in inspect.signature(target).parameters.values() if p.kind != p.POSITIONAL_ONLY]
        except (TypeError, ValueError):
            parameters = []
        if parameters:
            consume(target(*args[1:], **{parameters[0].name: args[0] if args else None}))
            return
    consume(target(*args))


ITERATORS: list = []  # lazy results (docs/design/results.md#iterators), advanced later by the meddler too


def consume(result):
    """Advances a lazy result a few steps with Python code running between them, then keeps it
    for the meddler thread, which advances it concurrently with later calls."""
    if not hasattr(result, "__next__"):
        return
    for _ in range(rng.randrange(6)):
        mutate_something()
        if next(result, None) is None:
            break
    ITERATORS.append(result)
    del ITERATORS[:-16]


stop = False


def meddler():
    """Another thread: sets properties and calls mutating methods on the pool while calls run."""
    local = random.Random(SEED + 1)
    while not stop:
        try:
            target = local.choice(POOL) if POOL else None
            if target is None:
                time.sleep(0.0001)
                continue
            if ITERATORS and local.random() < 0.2:
                next(local.choice(ITERATORS), None)  # another thread advances a lazy result
            elif hasattr(target, "values"):
                target.values = [3.0] * local.randrange(0, 20000)
            elif isinstance(target, shapes.Stack):
                target.push(1.0) if local.random() < 0.6 else target.pop()
            else:
                _, properties = members(type(target))
                if properties:
                    name = local.choice(properties)
                    setattr(target, name, getattr(target, name))
        except Exception:
            pass


calls = 0


@settings(max_examples=EXAMPLES, deadline=None, derandomize=False, database=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(["function", "constructor", "method", "method", "setter", "item", "operator"]),
       st.integers(min_value=0, max_value=1000), st.lists(values, max_size=4), st.booleans())
def fuzz(kind, index, args, keyword):
    global calls
    calls += 1
    try:
        call_any(kind, index, args, keyword)
    except (Exception, RecursionError):
        pass  # any Python exception is an acceptable answer; only a crash is not
    finally:
        CURRENT.clear()


thread = threading.Thread(target=meddler, daemon=True)
thread.start()
# Long methods running (possibly without the GIL) while the meddler changes their objects:
# short calls first, then long ones (the GIL policy's history, docs/design/gil.md#policy).
samples = shapes.Samples([1.0] * 100000)
POOL.append(samples)
for _ in range(200):
    shapes.Samples([1.0]).mean()
deadline = time.monotonic() + 1.5
while time.monotonic() < deadline:
    samples.mean(rounds=20)
fuzz()
stop = True
thread.join()
print(f"fuzzed {calls} cases with seed {SEED}; pool of {len(SEED_POOL)} objects over {len(TYPES)} types and {len(FUNCTIONS)} functions")
