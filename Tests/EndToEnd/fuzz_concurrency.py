"""Drives Examples/concurrency's awaitables and async iterators with hostile schedules
(docs/design/async.md, docs/design/objects.md#fuzz).

Run by test_fuzz.py in a subprocess per batch: `python fuzz_concurrency.py SEED EXAMPLES`. Each
example is a small program run on a new event loop: calls with hostile arguments, tasks cancelled
before, while and after their Swift work, coroutines closed, thrown into or stepped by hand,
iterators stepped concurrently, closed or dropped mid-stream, garbage collected, a second loop on
another thread doing the same, and loops closed with Swift work still running. Before each
program it writes the case to stderr, so a crash names it. A program may only end, normally or
with a Python exception."""

import asyncio
import gc
import inspect
import os
import random
import sys
import tempfile
import threading

import concurrency
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_values import SHORT

SEED = int(sys.argv[1]) if len(sys.argv) > 1 else 0
EXAMPLES = int(sys.argv[2]) if len(sys.argv) > 2 else 300
sys.setswitchinterval(1e-5)

FUNCTIONS = {name: value for name, value in vars(concurrency).items() if callable(value) and not isinstance(value, type) and not name.startswith("_")}
GREETERS = [concurrency.Greeter(name="a"), concurrency.Greeter(name="ü" * 3)]
for name in ("greet", "letters"):
    FUNCTIONS[f"Greeter.{name}"] = getattr(GREETERS[0], name)
FUNCTIONS["Greeter.make"] = concurrency.Greeter.make
FUNCTIONS["Greeter.crowd"] = concurrency.Greeter.crowd
NAMES = sorted(FUNCTIONS)

# Counts that size a stream's buffer or a loop, and waits: bounded so that a batch ends in
# seconds (an unbounded count is the example's memory, not the bridge's business).
COUNTS = {"sum", "count_to", "count_up", "any_count_up", "sum_of_count_to", "fail_after", "ticks"}
WAITS = {"sleep_for", "stubborn_sleep", "tick", "Greeter.greet", "ticks"}

DIRECTORY = tempfile.mkdtemp(prefix="fuzz-concurrency-")
FILES = []
for index, size in enumerate((0, 10, 70_000, 300_000)):
    path = os.path.join(DIRECTORY, f"f{index}")
    with open(path, "wb") as file:
        file.write(os.urandom(size))
    FILES.append(path)
PATHS = FILES + [DIRECTORY, os.path.join(DIRECTORY, "missing"), "", "a\x00b"]


class HostileIndex:
    def __init__(self, mode):
        self.mode = mode

    def __index__(self):
        gc.collect()
        if self.mode == "raise":
            raise ValueError("hostile index")
        return 2**70 if self.mode == "big" else 1

    def __float__(self):
        if self.mode == "raise":
            raise ValueError("hostile float")
        return float("nan")


def log(text):
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.integers(-3, 30),
    st.floats(), st.floats(0, 0.02), st.text(max_size=5), st.binary(max_size=3),
    st.sampled_from(["raise", "big", "ok"]).map(HostileIndex),
    st.lists(st.sampled_from(PATHS), max_size=6), st.integers(0, 1).map(lambda i: GREETERS[i]))
arguments = st.lists(st.one_of(scalars, st.lists(scalars, max_size=3)), max_size=3)


def typed(name, rng):
    """Arguments of the right types, with edge values: most calls should reach Swift."""
    count = lambda: rng.choice([-1, 0, 1, 2, 7, 100, 3000])
    wait = lambda: rng.choice([-1, 0, 0, 1, 2, 4])
    paths = lambda: [rng.choice(PATHS) for _ in range(rng.randrange(0, 8))]
    table = {
        "sleep_for": lambda: [wait()], "stubborn_sleep": lambda: [wait()], "sum": lambda: [count()],
        "square_root": lambda: [rng.choice([-1.0, 0.0, 4.0, float("nan"), float("inf")])],
        "half": lambda: [rng.choice([-2, 0, 7, 2**41])], "tick": lambda: rng.choice([[], [wait()]]),
        "wait_for_cancellation": lambda: [rng.choice([0.0, 0.001, 0.01, float("nan"), -1.0])],
        "count_to": lambda: [count()], "count_up": lambda: [count()], "any_count_up": lambda: [count()],
        "sum_of_count_to": lambda: [count()], "fail_after": lambda: [count()],
        "ticks": lambda: [rng.randrange(-1, 30), wait()], "words": lambda: [rng.choice(["", "a b", "x " * 50, "é ü"])],
        "scan_files": lambda: rng.choice([[paths()], [paths(), rng.choice([0, 1, 2, 300])]]),
        "scan_as_completed": lambda: rng.choice([[paths()], [paths(), rng.choice([0, 1, 2, 300])]]),
        "Greeter.greet": lambda: rng.choice([[], [wait()]]), "Greeter.make": lambda: [rng.choice(["", "b"])],
        "Greeter.crowd": lambda: [[rng.choice(["x", "y"]) for _ in range(rng.randrange(0, 5))]],
    }
    return table.get(name, lambda: [])()


def bounded(name, args):
    """Clamps counts and waits (ints only: a hostile object stays hostile)."""
    out = []
    for position, value in enumerate(args):
        if type(value) is int and name in COUNTS:
            value = max(-5, min(value, 200 if name == "ticks" and position == 0 else 5_000))
        if type(value) is int and name in WAITS and not (name == "ticks" and position == 0):
            value = max(-5, min(value, 5))
        if type(value) is float and name == "wait_for_cancellation":
            value = value if value != value else max(-1.0, min(value, 0.02))
        out.append(value)
    return out


async def drive(iterator, rng, steps):
    """Steps an async iterator: plain, two __anext__ at once, cancelled, thrown into, closed."""
    for _ in range(steps):
        action = rng.randrange(7)
        if action == 0:
            await iterator.__anext__()
        elif action == 1:
            first = asyncio.ensure_future(iterator.__anext__())
            second = asyncio.ensure_future(iterator.__anext__())
            await asyncio.gather(first, second, return_exceptions=True)
        elif action == 2:
            step = asyncio.ensure_future(iterator.__anext__())
            await asyncio.sleep(0)
            step.cancel()
            await asyncio.gather(step, return_exceptions=True)
        elif action == 3:
            awaitable = iterator.__anext__()
            try:
                awaitable.throw(ValueError("thrown in"))
            finally:
                if hasattr(awaitable, "close"):
                    awaitable.close()
        elif action == 4:
            await iterator.aclose()
        elif action == 5:
            gc.collect()
        else:
            await asyncio.sleep(rng.random() * 0.002)


async def program(rng, calls, loop_ends_early):
    tasks = []
    for name, args, mode in calls:
        target = FUNCTIONS[name]
        args = bounded(name, args) if mode != "typed" else typed(name, rng)
        keyword = mode == "keyword"
        try:
            if keyword and args:
                parameters = [p for p in inspect.signature(target).parameters.values() if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)]
                result = target(*args[1:], **{parameters[-1].name: args[0]}) if parameters else target(*args)
            else:
                result = target(*args)
        except (TypeError, ValueError, OverflowError, RuntimeError, OSError) as error:
            del error
            continue
        STARTED[0] += 1
        if inspect.iscoroutine(result):
            fate = rng.randrange(6)
            if fate == 0:
                result.close()  # never started
            elif fate == 1:
                task = asyncio.ensure_future(result)
                task.cancel()  # cancelled before it starts
                tasks.append(task)
            elif fate == 2:
                try:
                    result.send(None)  # started by hand, then closed or thrown into
                    result.throw(KeyError("thrown")) if rng.random() < 0.5 else result.close()
                except BaseException:
                    pass
            elif fate == 3:
                tasks.append(asyncio.ensure_future(asyncio.wait_for(result, rng.random() * 0.003)))
            else:
                tasks.append(asyncio.ensure_future(result))
        elif hasattr(result, "__anext__"):
            if rng.random() < 0.2:
                del result  # dropped before its first step
                continue
            if rng.random() < 0.2 and len(SHARED) < 20:
                SHARED.append(result)  # the other thread's loops step it too
            tasks.append(asyncio.ensure_future(drive(result, rng, rng.randrange(1, 6))))
        if rng.random() < 0.3:
            await asyncio.sleep(0)
        if tasks and rng.random() < 0.3:
            rng.choice(tasks).cancel()
    if loop_ends_early:
        return  # asyncio.run cancels what is left and closes the loop
    await asyncio.gather(*tasks, return_exceptions=True)


def other_loop(seed, stop):
    """Another thread with its own event loops, doing the same meanwhile."""
    rng = random.Random(seed)
    while not stop.is_set():
        calls = [(rng.choice(NAMES), [], "typed") for _ in range(rng.randrange(1, 5))]
        try:
            if SHARED and rng.random() < 0.3:
                iterator = SHARED.pop(rng.randrange(len(SHARED))) if rng.random() < 0.5 else rng.choice(SHARED)
                asyncio.run(drive(iterator, rng, rng.randrange(1, 4)))
            else:
                asyncio.run(program(rng, calls, rng.random() < 0.3))
        except BaseException:
            pass


cases = 0
STARTED = [0]
SHARED = []  # async iterators both threads step


@settings(max_examples=EXAMPLES, deadline=None, derandomize=False, database=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.sampled_from(NAMES), arguments, st.sampled_from(["typed", "typed", "typed", "hostile", "keyword"])), min_size=1, max_size=6),
       st.booleans(), st.integers(0, 2**32))
def fuzz(calls, loop_ends_early, seed):
    global cases
    cases += 1
    log(f"case {SEED}: {SHORT.repr(calls)} loop_ends_early={loop_ends_early} seed={seed}")
    rng = random.Random(seed)
    try:
        if loop_ends_early and rng.random() < 0.5:
            # Closed without cancelling what is left: Swift completes into a closed loop.
            loop = asyncio.new_event_loop()
            try:
                loop.run_until_complete(program(rng, calls, True))
            finally:
                loop.close()
        else:
            asyncio.run(program(rng, calls, loop_ends_early))
    except (Exception, asyncio.CancelledError, KeyboardInterrupt):
        pass


stop = threading.Event()
thread = threading.Thread(target=other_loop, args=(SEED + 1, stop), daemon=True)
thread.start()
fuzz()
stop.set()
thread.join(timeout=60)
print(f"fuzzed {cases} cases with seed {SEED} over {len(FUNCTIONS)} functions ({STARTED[0]} calls converted their arguments)")
