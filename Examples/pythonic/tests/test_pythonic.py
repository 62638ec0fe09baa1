"""Python-shaped APIs from plain Swift (docs/design/python-shapes.md): unions, callables, variadics.
Each test is one row of the design record, checked as a Python user sees it."""

import gc
import inspect
import sys
import threading
import traceback
import types

import pytest

import pythonic as p

# MARK: unions


def test_a_union_parameter_takes_each_payload_as_itself():
    assert p.token_count("a b c") == 3
    assert p.token_count(b"a b") == 2
    assert p.token_count(bytearray(b"x y z w")) == 4
    assert p.token_count(["x", "y"]) == 2
    assert p.token_count(("x",)) == 1
    assert [p.kind("t"), p.kind(b"t"), p.kind(["t"])] == ["text", "raw", "tokens"]


def test_a_union_result_is_the_payload_and_none_is_a_case():
    assert p.doubled(None) is None
    assert p.doubled(3) == 6 and type(p.doubled(3)) is int
    assert p.doubled(2.5) == 5.0 and type(p.doubled(2.5)) is float
    # The exact pass: bool is not int's case by type, but converts in the converting pass.
    assert p.doubled(True) == 2


def test_no_case_fits_is_one_type_error_naming_every_form():
    with pytest.raises(TypeError, match=r"^argument 'document': expected str, bytes or list\[str\], got int$"):
        p.token_count(3)
    with pytest.raises(TypeError, match=r"argument 'number': expected int, float or None, got str"):
        p.doubled("x")


def test_a_case_whose_type_fits_reports_its_own_error():
    with pytest.raises(TypeError, match=r"argument 'document': item 0: expected str, got int"):
        p.token_count([1])
    with pytest.raises(OverflowError):
        p.doubled(10**30)


def test_arithmetic_past_int_is_overflow_error_not_a_trap():
    """Swift's `+` and `*` trap on overflow, ending the process; the example's library uses the
    checked forms and an error mapped to OverflowError, so hostile numbers (what the fuzzer found)
    are exceptions, and negative counts do nothing."""
    with pytest.raises(OverflowError, match="does not fit in a 64-bit integer"):
        p.doubled(2**62)
    assert p.doubled(2**61) == 2**62
    with pytest.raises(OverflowError):
        p.Polyline.count(2**62, 2**62)
    with pytest.raises(OverflowError):
        p.make_adder(2**63 - 1)(1)
    with pytest.raises(OverflowError):
        p.make_divider(-1)(-(2**63))
    counter = p.Counter()
    with pytest.raises(OverflowError):
        for _ in range(2):
            counter.advance(lambda: 2**62 + 2**61)
    assert p.sum_calls(lambda i: i, count=-5) == 0
    p.Button("b").click_in_background(times=-3)
    assert p.parallel_map([1, 2, 3], 2**63 - 1, abs) == [1, 2, 3]


def test_unions_nest_in_lists_dicts_and_optionals():
    assert p.token_counts(["a b", b"x", ["q", "r", "s"]]) == [2, 1, 3]
    assert p.describe({"a": 1, "b": None, "c": 2.5}) == ["a=int:1", "b=none", "c=real:2.5"]
    assert p.maybe_count(None) == -1 and p.maybe_count("a b") == 2
    with pytest.raises(TypeError, match=r"item 1"):
        p.token_counts(["a", 2])


def test_an_indirect_union_round_trips_any_json_value():
    value = {"a": [1, 2.5, None, True, "s", {"b": []}], "n": -3}
    assert p.round_trip(value) == value
    assert type(p.round_trip(1)) is int and type(p.round_trip(1.0)) is float and p.round_trip(True) is True
    assert p.node_count([1, [2, 3], {"a": None}]) == 7
    with pytest.raises(TypeError, match=r"expected bool, int, float, str, list\[JSON\], dict\[str, JSON\] or None, got object"):
        p.round_trip(object())
    deep = []
    for _ in range(100):
        deep = [deep]
    assert p.node_count(deep) == 101


def test_a_value_nested_past_the_recursion_limit_raises_recursion_error():
    """Each level of a recursive union passes CPython's recursion guard, in both directions: a
    million nested lists raise RecursionError (json.dumps does the same), never overflow the C
    stack; shallower values still convert, and the module stays usable."""
    deep = None
    for _ in range(1_000_000):
        deep = [deep]
    with pytest.raises(RecursionError, match="while converting a nested value"):
        p.node_count(deep)
    with pytest.raises(RecursionError):
        p.round_trip({"a": deep})
    # A Swift value 10,000 levels deep: past the limit of 3.10 and 3.11 (1,000 frames); 3.12 and
    # 3.13 count C levels, and 3.14 measures the stack itself, so those may convert it.
    try:
        value = p.nested(10_000)
    except RecursionError:
        pass
    else:
        assert sys.version_info >= (3, 12)
        depth = 0
        while value is not None:
            value, depth = value[0], depth + 1
        assert depth == 10_000
    if sys.version_info < (3, 12):
        with pytest.raises(RecursionError):
            p.nested(10_000)
    shallow = p.nested(50)
    assert p.node_count(shallow) == 51 and p.round_trip(shallow) == shallow
    # On threads, a small stack included: the glue checks the stack itself, not only CPython's
    # count of levels.
    threaded = []
    for size in (0, 256 * 1024):
        previous = threading.stack_size(size)
        try:
            worker = threading.Thread(target=lambda: threaded.append(type(pytest.raises(RecursionError, p.node_count, deep).value)))
            worker.start()
            worker.join()
        finally:
            threading.stack_size(previous)
    assert threaded == [RecursionError, RecursionError]


def test_exported_types_are_union_members():
    assert p.locate(p.Spot(1, 2)) == "(1.0, 2.0)"
    assert p.locate("home") == "home"


def test_the_module_has_each_union_as_a_types_union_type():
    assert p.Document == str | bytes | list[str]
    assert p.Number == int | float | None
    assert isinstance(p.Number, types.UnionType)
    assert isinstance(3, p.Number) and isinstance(None, p.Number) and not isinstance("x", p.Number)
    assert p.Place == p.Spot | str
    assert p.JSON == bool | int | float | str | list["JSON"] | dict[str, "JSON"] | None


def test_an_enum_whose_cases_overlap_stays_a_class():
    assert p.Measure.Meters(3)._0 == 3
    assert isinstance(p.Measure.Feet(1), p.Measure)


# MARK: variadics


def test_a_variadic_is_star_args_and_later_parameters_are_keyword_only():
    assert p.mean(1, 2, 3) == 2.0 and p.mean() == 0.0
    assert p.mean(1, 3, weights=[1, 3]) == 2.5
    assert p.mean(*range(5)) == 2.0
    assert p.joined("a", "b", separator="-") == "a-b"
    assert p.tag("x", "a", "b", upper=True) == ["XA", "XB"] and p.tag("x") == []
    assert str(inspect.signature(p.mean)) == "(*values, weights=None)"
    assert str(inspect.signature(p.tag)) == "(prefix, /, *names, upper=False)"


def test_variadic_errors_are_cpythons():
    with pytest.raises(TypeError, match=r"joined\(\) missing required keyword-only argument 'separator'"):
        p.joined("a", "b")
    with pytest.raises(TypeError, match=r"mean\(\) got an unexpected keyword argument 'values'"):
        p.mean(values=3)
    with pytest.raises(TypeError, match=r"argument 'values': item 1"):
        p.mean(1, "x")
    with pytest.raises(p.JoinError):
        p.joined(separator="x")


def test_variadic_initializers_methods_and_static_methods():
    line = p.Polyline((0, 0), (3, 4), closed=True)
    assert line.length == 10.0
    assert line.shifted(1, 10) == [1.0, 4.0, 1.0, 10.0, 13.0, 10.0]
    assert p.Polyline.count(1, 2, 3) == 6
    assert p.Polyline().length == 0.0
    with pytest.raises(ValueError, match=r"argument 'points': item 0"):
        p.Polyline((1, 2, 3))


def test_star_args_leak_nothing():
    value = 12345.5
    before = sys.getrefcount(value)
    for _ in range(1000):
        p.mean(value, value)
    assert sys.getrefcount(value) == before


# MARK: callables


def test_a_callable_is_called_from_swift_with_converted_arguments_and_result():
    assert p.apply([1, 2, 3], lambda x: x * 10) == [10, 20, 30]
    assert p.sum_calls(lambda i: i, count=1000) == 499500
    assert p.filtered(["a", "bb", "ccc"], keep=lambda s: len(s) > 1) == ["bb", "ccc"]
    assert p.sorted_by(["bb", "a", "ccc"], key=len) == ["a", "bb", "ccc"]


def test_the_original_exception_comes_back_out_with_its_traceback():
    def boom(x):
        if x == 2:
            raise ValueError(f"bad {x}")
        return x

    with pytest.raises(ValueError, match="bad 2") as caught:
        p.apply([1, 2, 3], boom)
    assert traceback.extract_tb(caught.value.__traceback__)[-1].name == "boom"
    marker = KeyError("mine")

    def raise_marker(x):
        raise marker

    with pytest.raises(KeyError) as caught:
        p.apply([1], raise_marker)
    assert caught.value is marker


def test_swift_code_can_catch_a_python_exception_as_an_error():
    assert p.describe_failure(lambda: 1 / 0) == "caught: ZeroDivisionError('division by zero')"
    assert p.describe_failure(lambda: None) == "ok"


def test_a_wrong_result_or_a_non_callable_is_a_type_error():
    with pytest.raises(TypeError, match=r"argument 'transform'"):
        p.apply([1], lambda x: "s")
    with pytest.raises(TypeError, match=r"^argument 'transform': expected a callable, got int$"):
        p.apply([1], 3)
    with pytest.raises(TypeError, match=r"argument 'on_item': expected a callable or None, got str"):
        p.process(["a"], on_item="x")


def test_a_failing_void_callback_raises_after_the_call_and_later_calls_are_skipped():
    seen = []
    assert p.count_to(3, lambda i, n: seen.append((i, n))) == 3
    assert seen == [(1, 3), (2, 3), (3, 3)]
    calls = []

    def fail(i, n):
        calls.append(i)
        raise KeyError(i)

    with pytest.raises(KeyError):
        p.count_to(5, fail)
    assert calls == [1]


def test_an_optional_callback_may_be_none():
    got = []
    assert p.process(["x", "y"]) == 2
    assert p.process(["x"], on_item=got.append) == 1 and got == ["x"]
    assert p.process(["z"], None) == 1


def test_sendable_callbacks_run_on_swift_threads_each_taking_the_gil():
    threads = set()

    def square(x):
        threads.add(threading.get_ident())
        return x * x

    assert p.parallel_map(list(range(40)), 4, square) == [x * x for x in range(40)]
    assert threading.get_ident() not in threads
    with pytest.raises(ZeroDivisionError):
        p.parallel_map([1, 2, 3], 2, lambda x: 1 / 0)


def test_a_non_sendable_callback_from_another_thread_is_refused_not_a_deadlock():
    with pytest.raises(RuntimeError, match=r"not @Sendable was called from another thread"):
        p.call_from_another_thread(lambda: None)


def test_a_stored_callback_is_kept_called_later_from_any_thread_and_released():
    button = p.Button("ok")
    got = []
    done = threading.Event()

    def handler(label):
        got.append((label, threading.current_thread() is threading.main_thread()))
        if len(got) == 3:
            done.set()

    before = sys.getrefcount(handler)
    button.on_click(handler)
    assert sys.getrefcount(handler) == before + 1
    button.click()
    button.click_in_background(times=2)
    assert done.wait(10)
    assert got[0] == ("ok", True) and got[1:] == [("ok", False), ("ok", False)]
    button.clear()
    # The background thread drops its copies of the handlers when its last click returns,
    # taking the GIL for it: wait (releasing the GIL) until it has.
    for _ in range(1000):
        if sys.getrefcount(handler) == before:
            break
        threading.Event().wait(0.01)
    assert sys.getrefcount(handler) == before


def test_a_stored_callback_that_raises_goes_to_the_unraisable_hook(monkeypatch):
    errors = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: errors.append(type(u.exc_value)))
    button = p.Button("x")
    fired = threading.Event()
    button.on_click(lambda label: 1 / 0)
    button.on_click(lambda label: fired.set())
    button.click()
    button.click_in_background(times=1)
    assert fired.wait(10)
    for _ in range(100):
        if len(errors) == 2:
            break
        threading.Event().wait(0.01)
    assert errors == [ZeroDivisionError, ZeroDivisionError]


def test_a_callback_cannot_change_the_object_whose_method_called_it():
    counter = p.Counter()
    seen = []
    counter.inspect(seen.append)
    assert seen == [0]

    def mutate(n):
        counter.count = 5

    with pytest.raises(RuntimeError, match=r"cannot set Counter.count while Counter.inspect\(\) is reading the object"):
        counter.inspect(mutate)
    counter.advance(by=lambda: 3)
    assert counter.count == 3
    with pytest.raises(RuntimeError, match=r"cannot read Counter.count while Counter.advance\(\) is changing the object"):
        counter.advance(by=lambda: counter.count)
    assert counter.count == 3


def test_callbacks_leak_nothing():
    def identity(x):
        return x

    big = 10**20 // 10**10
    before = sys.getrefcount(identity)
    for _ in range(200):
        p.apply([big] * 5, identity)
        with pytest.raises(ValueError):
            p.apply([1], lambda x: (_ for _ in ()).throw(ValueError("x")))
    gc.collect()
    assert sys.getrefcount(identity) == before


def test_a_closure_result_is_a_python_callable():
    add = p.make_adder(10)
    assert add(5) == 15 and callable(add)
    assert repr(add) == "<Swift closure (Int) throws -> Int>"
    assert add.__text_signature__ == "(a0, /)"
    assert str(inspect.signature(add)) == "(a0, /)"
    # The closures' type is a module attribute: Python code that replaces it gets an error, not
    # an object laid out as another type.
    native = sys.modules[p.make_adder.__module__]  # the extension module under the package
    saved = native._SwiftClosure
    try:
        native._SwiftClosure = int
        with pytest.raises(RuntimeError, match="_SwiftClosure attribute was replaced"):
            p.make_adder(1)
        del native._SwiftClosure
        with pytest.raises(AttributeError):
            p.make_adder(1)
    finally:
        native._SwiftClosure = saved
    assert p.make_adder(2)(3) == 5
    with pytest.raises(TypeError, match=r"argument 1: 'str' object cannot be interpreted as an integer"):
        add("x")
    with pytest.raises(TypeError, match=r"takes 1 positional argument \(2 given\)"):
        add(1, 2)
    with pytest.raises(TypeError, match=r"positional arguments only"):
        add(a0=1)
    assert p.make_divider(2)(9) == 4
    with pytest.raises(p.JoinError):
        p.make_divider(0)(3)


def test_a_closure_result_keeps_what_it_captured_alive_and_then_releases_it():
    tally = p.Tally()
    before = sys.getrefcount(tally)
    increment = tally.incrementer()
    assert increment() is None and increment() is None
    assert tally.count == 2
    del increment
    gc.collect()
    assert sys.getrefcount(tally) == before
