"""Python overrides of open methods, called by Swift (docs/design/types.md#overrides)."""

import gc
import threading

import pytest

from shapes import Strategy, report, run_strategy, score_on_thread


class Doubling(Strategy):
    def __init__(self):
        super().__init__("doubling")
        self.finished_with = None

    def score(self, value):
        return 2.0 * value

    def accepts(self, value):
        return value % 2 == 1

    def finished(self, count):
        self.finished_with = count


def test_swift_calls_the_python_overrides():
    strategy = Doubling()
    assert run_strategy(strategy, [1, 2, 3, 4, 5]) == 18.0
    assert strategy.finished_with == 3
    assert report(Doubling(), [1, 2]) == "#1 #2"  # label is not overridden: Swift's own


def test_the_exported_class_and_a_subclass_without_overrides_keep_swifts_methods():
    assert run_strategy(Strategy("plain"), [1, 2, 3]) == 6.0

    class Named(Strategy):
        pass

    assert run_strategy(Named("named"), [1, 2, 3]) == 6.0
    assert Named("named").score(4) == 4.0


def test_super_from_the_override_reaches_the_swift_implementation():
    class Plus(Strategy):
        def score(self, value):
            return super().score(value) + 0.5

        def label(self, value):
            return "<" + super().label(value) + ">"

    assert run_strategy(Plus("plus"), [1, 2]) == 4.0
    assert report(Plus("plus"), [7]) == "<#7>"
    assert Plus("plus").score(1) == 1.5  # Python calling the override directly


def test_an_override_that_raises_reaches_the_python_caller_of_the_swift_function():
    class Failing(Strategy):
        calls = 0

        def score(self, value):
            Failing.calls += 1
            raise KeyError(value)

    with pytest.raises(KeyError) as caught:
        run_strategy(Failing("failing"), [3, 4])
    assert caught.value.args == (3,)  # the first exception is the one raised
    # The next call starts clean.
    assert run_strategy(Strategy("plain"), [1]) == 1.0

    class BadLabel(Strategy):
        def label(self, value):
            raise ValueError(f"no label for {value}")

    with pytest.raises(ValueError, match="no label for 1"):
        report(BadLabel("bad"), [1, 2])


def test_an_override_returning_the_wrong_type_is_a_type_error():
    class Wrong(Strategy):
        def score(self, value):
            return "high"

    with pytest.raises(TypeError, match=r"override of Strategy\.score\(\): must be real number, not str"):
        run_strategy(Wrong("wrong"), [1])

    class WrongArity(Strategy):
        def score(self):
            return 1.0

    with pytest.raises(TypeError):
        run_strategy(WrongArity("arity"), [1])


def test_an_override_called_from_a_swift_thread_takes_the_gil():
    seen = []

    class Threaded(Strategy):
        def score(self, value):
            seen.append(threading.get_ident())
            return value * 10.0

    results = []
    score_on_thread(Threaded("threaded"), 4, results.append)
    assert results == [40.0]
    assert seen and seen[0] != threading.get_ident()


def test_the_swift_object_outliving_its_python_object_calls_swifts_own_methods():
    class Short(Strategy):
        def score(self, value):
            return -1.0

    # The Swift object lives on in Python only through another wrapper once the subclass
    # object is gone: its back pointer is cleared, so Swift runs its own implementation.
    from shapes import Strategy as Exported

    short = Short("short")
    assert run_strategy(short, [2]) == -1.0
    del short
    gc.collect()
    assert run_strategy(Exported("x"), [2]) == 2.0


def test_overrides_are_looked_up_once_per_python_type():
    class Late(Strategy):
        pass

    late = Late("late")
    Late.score = lambda self, value: 100.0
    # Read at the type's first __init__ and kept in the type: a method added later is not seen.
    assert run_strategy(late, [1]) == 1.0
    assert run_strategy(Late("again"), [1]) == 1.0
    assert Late.__dict__["__swiftmod_overrides__"][0] is Late

    class Later(Late):  # a subclass gets its own table, not its base's
        def accepts(self, value):
            return False

    assert run_strategy(Later("later"), [1, 2]) == 0.0
    assert run_strategy(Later("later"), [1, 2]) == 0.0


def test_an_override_raising_on_a_swift_thread_goes_to_the_unraisable_hook():
    import sys

    class Raising(Strategy):
        def score(self, value):
            raise ArithmeticError("on a Swift thread")

    caught = []
    previous = sys.unraisablehook
    sys.unraisablehook = caught.append
    try:
        results = []
        score_on_thread(Raising("raising"), 5, results.append)
    finally:
        sys.unraisablehook = previous
    assert results == [5.0]  # Swift's own implementation
    assert len(caught) == 1 and isinstance(caught[0].exc_value, ArithmeticError)
    assert run_strategy(Strategy("after"), [1]) == 1.0  # nothing left pending


def test_hostile_overrides_never_crash():
    """Overrides that re-enter Swift on the same object, re-run __init__, raise or lie, many times."""
    import random

    rng = random.Random(7)

    class Chaos(Strategy):
        def score(self, value):
            choice = rng.randrange(5)
            if choice == 0:
                return run_strategy(self, [value])  # recursion through Swift: Swift's own score
            if choice == 1:
                Strategy.__init__(self, "again")
            if choice == 2:
                return [value]
            if choice == 3:
                raise OSError(value)
            return float(value)

    for _ in range(300):
        try:
            run_strategy(Chaos("chaos"), list(range(5)))
        except (OSError, RuntimeError, TypeError):
            pass


SUBINTERPRETER = '''
import os
try:
    import _interpreters as interpreters          # 3.13
except ImportError:
    import _xxsubinterpreters as interpreters     # 3.12
read, write = os.pipe()
interpreter = interpreters.create()               # isolated: its own GIL
code = """
import os
from shapes import Shape, Strategy, run_strategy
class Doubling(Strategy):
    def score(self, value):
        return 100.0
class Lazy(Shape):
    def __init__(self):
        pass
try:
    Lazy().area()
    empty = "no error"
except RuntimeError:
    empty = "RuntimeError"
os.write(WRITE, repr((run_strategy(Doubling("d"), [1, 2]), empty)).encode())
""".replace("WRITE", str(write))
failure = interpreters.run_string(interpreter, code)
interpreters.destroy(interpreter)
print("failure:", failure)
print("result:", os.read(read, 1000).decode())
'''


def test_in_a_sub_interpreter_subclasses_work_and_swift_runs_its_own_methods():
    import importlib.util
    import os
    import subprocess
    import sys

    if importlib.util.find_spec("_interpreters") is None and importlib.util.find_spec("_xxsubinterpreters") is None:
        pytest.skip("no sub-interpreters before 3.12")
    result = subprocess.run([sys.executable, "-c", SUBINTERPRETER], capture_output=True, text=True, env=dict(os.environ), timeout=120)
    assert result.returncode == 0, result.stderr
    assert "failure: None" in result.stdout, result.stdout
    # PyGILState_Ensure knows only the main interpreter: no overrides there, Swift's own score.
    assert "result: (3.0, 'RuntimeError')" in result.stdout, result.stdout


def test_a_class_whose_designated_initializer_is_not_public_is_subclassable_without_overrides():
    from shapes import Sealed, score_sealed

    class Mine(Sealed):
        def score(self, value):
            return -1.0

    mine = Mine()
    assert mine.score(2) == -1.0  # Python's own call
    assert score_sealed(mine, 2) == 3.0  # Swift's: its own implementation (no trampoline possible)
