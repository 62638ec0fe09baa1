"""Drives Examples/pythonic's unions, variadics and callables with hostile Python objects
(docs/design/objects.md#fuzz, docs/design/python-shapes.md).

Run by test_fuzz.py in a subprocess per batch: `python fuzz_pythonic.py SEED EXAMPLES`. Before each
call it writes the case to stderr, so a crash names it. A call may only return or raise.

Callables passed for closure parameters raise, return the wrong type, re-enter the function
that called them, mutate the object whose method called them, drop the last references to
objects, collect garbage or switch threads; a thread clicks buttons and calls back meanwhile."""

import gc
import inspect
import random
import sys
import threading
import time

import pythonic
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from fuzz_values import SHORT, deep_lists_frozen

SEED = int(sys.argv[1]) if len(sys.argv) > 1 else 0
EXAMPLES = int(sys.argv[2]) if len(sys.argv) > 2 else 300
rng = random.Random(SEED)
sys.setswitchinterval(1e-5)


DEEP = deep_lists_frozen()

FUNCTIONS = [v for n, v in vars(pythonic).items() if callable(v) and not isinstance(v, type) and not n.startswith("_")]
COUNTERS = [pythonic.Counter() for _ in range(3)]
BUTTONS = [pythonic.Button("b") for _ in range(2)]
POLYLINES = [pythonic.Polyline((0, 0), (1, 1))]
DEPTH = [0]
# Drawn by index, not with sampled_from: Hypothesis takes the repr of a sampled_from strategy's
# elements when it validates the strategy, and the clicker thread may be inside a Counter's
# advance() then; reading the counter raises RuntimeError by design (docs/design/objects.md).
OBJECTS = COUNTERS + BUTTONS + POLYLINES + [pythonic.Spot(1, 2)]


def log(text):
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def meddle():
    """Python code run inside a callback."""
    action = rng.randrange(6)
    try:
        if action == 0:
            counter = rng.choice(COUNTERS)
            counter.count = rng.randrange(100)
        elif action == 1:
            rng.choice(COUNTERS).advance(by=lambda: 1)
        elif action == 2:
            gc.collect()
        elif action == 3:
            rng.choice(BUTTONS).clear()
        elif action == 4 and DEPTH[0] < 3:
            DEPTH[0] += 1
            try:
                pythonic.apply([1, 2], hostile_callable("ok"))
            finally:
                DEPTH[0] -= 1
        else:
            time.sleep(0.0002)
    except Exception:
        pass


def hostile_callable(mode):
    def callback(*args):
        meddle()
        if mode == "raise":
            raise ValueError("hostile")
        if mode == "wrong":
            return rng.choice(["s", None, 2**80, 1.5, [1], object()])
        if mode == "base":
            raise KeyboardInterrupt if rng.random() < 0.1 else SystemExit(3)
        return args[0] if args and isinstance(args[0], (int, float)) else (len(args[0]) if args and isinstance(args[0], str) else 1)
    return callback


class HostileNumber:
    def __init__(self, mode):
        self.mode = mode

    def __index__(self):
        meddle()
        if self.mode == "raise":
            raise ValueError("hostile index")
        return 2**70 if self.mode == "big" else 3

    def __float__(self):
        meddle()
        if self.mode == "raise":
            raise ValueError("hostile float")
        return 1.5


scalars = st.one_of(
    st.integers(0, len(DEEP) - 1).map(lambda i: DEEP[i]),
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(), st.text(max_size=4),
    st.binary(max_size=4), st.sampled_from(["raise", "big", "ok"]).map(HostileNumber),
    st.sampled_from(["raise", "wrong", "ok", "ok", "base"]).map(hostile_callable),
    st.integers(0, len(OBJECTS) - 1).map(lambda i: OBJECTS[i]))
values = st.recursive(
    scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner), st.dictionaries(st.text(max_size=3), inner, max_size=3)),
    max_leaves=8)

stop = False


def clicker():
    """Another thread: clicks buttons (their handlers take the GIL from this thread) and adds handlers."""
    local = random.Random(SEED + 1)
    while not stop:
        try:
            button = local.choice(BUTTONS)
            if local.random() < 0.3:
                button.on_click(hostile_callable(local.choice(["ok", "raise", "wrong"])))
            elif local.random() < 0.5:
                button.click_in_background(times=2)
            else:
                button.click()
            if button.handler_count > 50:
                button.clear()
        except Exception:
            pass
        time.sleep(0.0001)


calls = 0
LONG_LOOPS = {"count_to", "sum_calls", "Button.click_in_background"}


@settings(max_examples=EXAMPLES, deadline=None, derandomize=False, database=None, suppress_health_check=list(HealthCheck))
@given(st.integers(min_value=0, max_value=1000), st.lists(values, max_size=5), st.booleans(), st.sampled_from(["function", "method"]))
def fuzz(index, args, keyword, kind):
    global calls
    calls += 1
    try:
        if kind == "method":
            receiver = rng.choice(COUNTERS + BUTTONS + POLYLINES)
            names = [n for n in dir(receiver) if not n.startswith("_") and callable(getattr(receiver, n))]
            target = getattr(receiver, names[index % len(names)])
            label = f"{type(receiver).__name__}.{names[index % len(names)]}"
        else:
            target = FUNCTIONS[index % len(FUNCTIONS)]
            label = target.__name__
        if label.endswith("call_from_another_thread") or label.endswith("click_in_background"):
            args = args[:1]
        if label in LONG_LOOPS:  # a count near 2**62 is a loop that ends only with the timeout
            args = [max(-10_000, min(a, 10_000)) if type(a) is int else a for a in args]
        log(f"case {SEED}: {label} args={SHORT.repr(args)} keyword={keyword}")
        if keyword and args:
            try:
                parameters = [p for p in inspect.signature(target).parameters.values() if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)]
            except (TypeError, ValueError):
                parameters = []
            if parameters:
                target(*args[1:], **{parameters[-1].name: args[0]})
                return
        target(*args)
    except (Exception, SystemExit, KeyboardInterrupt, RecursionError):
        pass


thread = threading.Thread(target=clicker, daemon=True)
thread.start()
fuzz()
stop = True
thread.join()
for button in BUTTONS:
    button.clear()
time.sleep(0.05)
print(f"fuzzed {calls} cases with seed {SEED} over {len(FUNCTIONS)} functions")
