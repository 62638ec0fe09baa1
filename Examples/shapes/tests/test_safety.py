"""Objects that nothing can crash (docs/design/objects.md#fuzz): re-entrant Python code, threads, value semantics,
and the report of a Swift trap. Each case that could crash runs in a subprocess."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest
import shapes
from shapes import Cell, Point, Samples, Stack, Tag


def run(script: str, timeout: int = 120) -> subprocess.CompletedProcess:
    """Runs `script` in a fresh interpreter that imports this build of shapes."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True, timeout=timeout,
        env=dict(os.environ, PYTHONFAULTHANDLER=""))


def assert_survived(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"


def test_a_method_running_without_the_gil_reads_its_own_copy_while_another_thread_sets_the_property():
    # The reproducer of the SIGSEGV: `mean` (Sendable, long) may run without the GIL while
    # another thread replaces the array it reads.
    result = run(
        """
        import threading, time, shapes
        s = shapes.Samples([1.0] * 1000)
        stop = False
        means = set()
        def reader():
            while not stop:
                means.add(s.mean(rounds=5))
        def writer():
            i = 0
            while not stop:
                s.values = [2.0] * (10**6 if i % 2 else 1)
                i += 1
        threads = [threading.Thread(target=reader), threading.Thread(target=writer)]
        for t in threads: t.start()
        time.sleep(3)
        stop = True
        for t in threads: t.join()
        assert means <= {1.0, 2.0}, means
        print("ok", len(means))
        """)
    assert_survived(result)
    assert result.stdout.startswith("ok")


def test_item_assignment_converts_the_value_before_checking_the_index():
    # The reproducer of the SIGILL: `__float__` shrinks the stack after the index was fine.
    stack = Stack([1.0, 2.0, 3.0])

    class Shrinks:
        def __float__(self):
            stack.pop()
            stack.pop()
            return 9.0

    with pytest.raises(IndexError, match="Stack assignment index out of range"):
        stack[2] = Shrinks()
    assert list(stack) == [1.0]
    stack[-1] = 5.0
    assert list(stack) == [5.0]


def test_an_index_too_large_is_what_cpython_says():
    stack = Stack([1.0])
    for index in (2**63, -(2**63) - 1, 2**100):
        with pytest.raises(IndexError, match="cannot fit 'int' into an index-sized integer"):
            stack[index]
        with pytest.raises(IndexError, match="cannot fit 'int' into an index-sized integer"):
            stack[index] = 1.0
    assert [1, 2][0] == 1 and pytest.raises(IndexError, lambda: [1][2**63]).match("cannot fit")

    class BadIndex:
        def __index__(self):
            raise ValueError("no index today")

    with pytest.raises(ValueError, match="no index today"):  # __index__'s own error, as for a list
        stack[BadIndex()]
    with pytest.raises(TypeError, match="expected an index of type int, got str"):
        stack["0"]


def test_a_finalizer_that_changes_an_object_being_read_gets_runtime_error():
    # A getter converts `values` to a list (an allocation: the cyclic GC may run a finalizer);
    # the finalizer's assignment conflicts with the getter's shared borrow.
    result = run(
        """
        import gc, sys, shapes
        caught = []
        sys.unraisablehook = lambda u: caught.append(u.exc_value)
        s = shapes.Samples([1.0] * 10)
        class Bomb:
            def __del__(self):
                s.values = [0.0]
        for attempt in range(50):
            gc.disable(); gc.collect()
            b = Bomb(); b.cycle = b; del b
            gc.set_threshold(1)
            gc.enable()
            v = s.values
            gc.disable()
            gc.collect()
            if caught:
                break
            s.values = [1.0] * 10
        gc.enable()
        if not caught:
            print("not triggered")  # this interpreter's GC ran elsewhere: nothing to check
        else:
            assert v == [1.0] * 10, v  # the getter's result is the value it started reading
            assert isinstance(caught[0], RuntimeError), caught
            print(caught[0])
        """)
    assert_survived(result)
    if "not triggered" not in result.stdout:
        assert "cannot set Samples.values while the getter of Samples.values is reading the object" in result.stdout


def test_a_struct_python_can_change_is_unhashable_and_an_immutable_hashable_one_is_hashable():
    assert Samples.__hash__ is None and Point.__hash__ is None
    with pytest.raises(TypeError, match="unhashable type"):
        hash(Samples([1.0]))
    assert hash(Tag("a")) == hash(Tag("a")) and {Tag("a"): 1}[Tag("a")] == 1
    assert len({Tag("a"), Tag("a"), Tag("b")}) == 2
    assert len({Cell(row=1, column=1), Cell(row=1, column=1)}) == 1


def test_in_place_operators_on_a_struct_rebind_and_leave_aliases_alone():
    a = Samples([1.0, 2.0])
    b = a
    a *= 3.0  # Swift's `*=`, applied to a copy: `a = a * 3`
    assert a.values == [3.0, 6.0] and b.values == [1.0, 2.0] and a is not b
    p = q = Point(1, 2)
    p += Point(1, 1)
    assert p == Point(2, 3) and q == Point(1, 2)


def test_mutating_and_reading_methods_still_work_on_the_object():
    s = Samples([1.0, 2.0])
    s.extend([3.0, 4.0])
    s.extend(x for x in (5.0,))
    assert s.values == [1.0, 2.0, 3.0, 4.0, 5.0] and s.mean() == 3.0
    assert s.weighted_sum([1.0, 0.0, 1.0]) == 4.0
    stack = Stack()
    stack.push(1.0)
    assert stack.pop() == 1.0 and stack.pop() is None


def test_a_swift_trap_reports_the_module_the_function_and_the_python_traceback():
    result = run(
        """
        import shapes
        def caller():
            return shapes.Samples([1.0, 2.0]).value(at=5)
        caller()
        """)
    assert result.returncode in (-signal.SIGILL, -signal.SIGTRAP), (result.returncode, result.stderr)
    if "Fatal error" in result.stderr:
        # A debug build (`swiftmod develop`): Swift's own message.
        assert "Index out of range" in result.stderr
    else:
        first = next(line for line in result.stderr.splitlines() if line.startswith("swiftmod:"))
        assert first.startswith("swiftmod: shapes: Swift trap (SIG"), first
        assert "shapes.Samples.value" in first, first
        assert "Python traceback of the calling thread (most recent call first):" in result.stderr
        assert 'line 4 in caller' in result.stderr and 'line 5 in <module>' in result.stderr
