"""The type table (docs/design/exported.md#type-mapping), argument handling and errors, checked against the built module."""

import array
import inspect

import pytest

import type_tour as t

INTS = {
    "echo_int8": (-(2**7), 2**7 - 1),
    "echo_int16": (-(2**15), 2**15 - 1),
    "echo_int32": (-(2**31), 2**31 - 1),
    "echo_int64": (-(2**63), 2**63 - 1),
    "echo_int": (-(2**63), 2**63 - 1),
    "echo_uint8": (0, 2**8 - 1),
    "echo_uint16": (0, 2**16 - 1),
    "echo_uint32": (0, 2**32 - 1),
    "echo_uint64": (0, 2**64 - 1),
    "echo_uint": (0, 2**64 - 1),
}


@pytest.mark.parametrize("name, bounds", INTS.items())
def test_integer_bounds(name, bounds):
    fn = getattr(t, name)
    low, high = bounds
    assert fn(low) == low and fn(high) == high and fn(0) == 0
    for outside in (low - 1, high + 1, 2**200, -(2**200)):
        with pytest.raises(OverflowError, match="argument 'value'"):
            fn(outside)


@pytest.mark.parametrize("name", INTS)
def test_integers_reject_float_and_str_but_take_bool_and_index(name):
    fn = getattr(t, name)
    with pytest.raises(TypeError, match="argument 'value'"):
        fn(1.0)
    with pytest.raises(TypeError, match="argument 'value'"):
        fn("1")
    with pytest.raises(TypeError):
        fn(None)
    assert fn(True) == 1 and type(fn(True)) is int

    class Index:
        def __index__(self):
            return 7

    assert fn(Index()) == 7


def test_floats():
    assert t.echo_double(1.5) == 1.5
    assert t.echo_double(3) == 3.0 and type(t.echo_double(3)) is float
    assert t.echo_double(float("inf")) == float("inf")

    class F:
        def __float__(self):
            return 2.5

    assert t.echo_double(F()) == 2.5
    with pytest.raises(TypeError, match="argument 'value'"):
        t.echo_double("1.0")
    assert t.echo_float(0.5) == 0.5
    with pytest.raises(OverflowError, match="argument 'value'"):
        t.echo_float(1e300)
    with pytest.raises(OverflowError):
        t.echo_double(2**2000)


def test_bool_is_strict():
    assert t.echo_bool(True) is True and t.echo_bool(False) is False
    for bad in (1, 0, None, "True"):
        with pytest.raises(TypeError, match="argument 'value': expected bool"):
            t.echo_bool(bad)


@pytest.mark.parametrize("text", ["", "plain", "nul\0inside", "é", "😀 non-BMP 𝄞", "x" * 100_000])
def test_strings_round_trip(text):
    assert t.echo_string(text) == text


class _Str(str):
    pass


@pytest.mark.parametrize("length", range(0, 21))
@pytest.mark.parametrize("alphabet", ["abcxyz09 ", "é", "aé€😀", "\0a"])
def test_short_strings_are_whole_swift_strings(length, alphabet):
    # Up to 15 bytes of UTF-8 the glue writes Swift's small-string form itself: every length,
    # ASCII or not, and str subclasses, must be the same String that Swift builds.
    text = "".join(alphabet[(i * 7) % len(alphabet)] for i in range(length))
    for value in (text, _Str(text)):
        assert t.string_facts(value) == (len(text.encode()), len(text), True)
        assert t.echo_string(value) == text
    assert t.echo_set({text, text + "x"}) == {text, text + "x"}
    assert t.echo_nested({text: [length]}) == {text: [length]}


def test_strings_reject_bytes_and_lone_surrogates():
    with pytest.raises(TypeError, match="argument 'value': expected str, got bytes"):
        t.echo_string(b"abc")
    with pytest.raises(UnicodeEncodeError, match="argument 'value'"):
        t.echo_string("a\ud800b")


def test_bytes_like():
    assert t.echo_bytes(b"\x00\xffabc") == b"\x00\xffabc"
    assert t.echo_bytes(bytearray(b"xy")) == b"xy"
    assert t.echo_bytes(memoryview(b"hello")[1:3]) == b"el"
    assert t.echo_bytes(array.array("B", [1, 2])) == b"\x01\x02"
    assert t.echo_bytes(b"") == b""
    assert type(t.echo_bytes(bytearray(b"z"))) is bytes
    with pytest.raises(TypeError, match="argument 'value'"):
        t.echo_bytes("text")
    with pytest.raises(TypeError, match="argument 'value'"):
        t.echo_bytes([1, 2])
    assert t.echo_bytes(memoryview(b"ab").cast("c")) == b"ab"
    # Only C-contiguous unsigned bytes: anything else is the wrong kind of bytes-like object.
    with pytest.raises(TypeError, match=r"argument 'value': expected a bytes-like object of 1-byte items, not 4-byte items \(format 'i'\), got array"):
        t.echo_bytes(array.array("i", [1]))
    with pytest.raises(TypeError, match=r"argument 'value': expected a bytes-like object of unsigned bytes \(format 'B'\), not format 'b', got array"):
        t.echo_bytes(array.array("b", [1, -1]))
    with pytest.raises(TypeError, match=r"argument 'value': expected a bytes-like object that is C-contiguous, got memoryview"):
        t.echo_bytes(memoryview(b"abcdef")[::2])
    assert t.reversed_bytes(b"abc") == b"cba"


def test_lists_tuples_dicts_sets():
    assert t.sum([1.0, 2.5, 3]) == 6.5
    assert t.sum((1.0, 2.0)) == 3.0
    assert t.sum([]) == 0.0
    assert t.scale([1.0, 2.0], 3.0) == [3.0, 6.0]
    assert t.scale([1.0], by=2) == [2.0]
    big = [float(i) for i in range(100_000)]
    assert t.sum(big) == sum(big)
    assert t.echo_nested({"a": [1, None, 3], "b": []}) == {"a": [1, None, 3], "b": []}
    assert t.echo_nested({}) == {}
    assert t.echo_set({"x", "y"}) == {"x", "y"}
    assert t.echo_set(frozenset({"z"})) == {"z"}
    assert type(t.echo_set(frozenset())) is set
    assert t.echo_deep([[[1.0, 2.0], []], []]) == [[[1.0, 2.0], []], []]
    assert t.echo_triples([(True, 1.5, None), (False, 2.0, "s")]) == [(True, 1.5, None), (False, 2.0, "s")]
    assert t.count_words({"a": 1, "b": 2}) == 3


def test_container_errors_name_the_argument_and_item():
    with pytest.raises(TypeError, match="argument 'values': expected list or tuple, got str"):
        t.sum("abc")
    with pytest.raises(TypeError, match="argument 'values': item 1"):
        t.sum([1.0, "x"])
    with pytest.raises(TypeError, match="argument 'value': value: item 1"):
        t.echo_nested({"a": [1, "no"]})
    with pytest.raises(TypeError, match="argument 'value': key"):
        t.echo_nested({1: [1]})
    with pytest.raises(TypeError, match="expected dict"):
        t.echo_nested([("a", [1])])
    with pytest.raises(TypeError, match="expected set or frozenset"):
        t.echo_set(["a"])



def test_direct_conversion_falls_back_where_python_code_or_errors_come_in():
    """Items of exact types are converted straight into Swift storage; the first other item
    switches to the general conversion, with the same results and errors."""

    class Half(float):
        pass

    assert t.sum([1.0, Half(2.0), 3]) == 6.0
    assert t.sum([1.0, 2.0, True]) == 4.0
    assert t.scale((1.0, 2.0), 2) == [2.0, 4.0]
    with pytest.raises(TypeError, match="argument 'values': item 2"):
        t.sum([1.0, 2.0, "x"])
    values = [1.0, None, 3.0]

    class Shrinks:
        def __float__(self):
            values.clear()  # Python code run by the conversion changes the list
            return 2.0

    values[1] = Shrinks()
    assert t.sum(values) == 3.0
    assert t.echo_nested({"a": [1, None, True]}) == {"a": [1, None, 1]}
    with pytest.raises(OverflowError, match="argument 'value': value: item 1"):
        t.echo_nested({"a": [1, 2**70]})
    with pytest.raises(UnicodeEncodeError, match="argument 'value': key"):
        t.echo_nested({"ok": [], "a\ud800": [1]})
    assert t.count_words({"a": 1, "b": True}) == 2
    assert t.echo_deep(([[1.0]], [[2.0, 3]])) == [[[1.0]], [[2.0, 3.0]]]
    assert t.echo_string("é" * 1000) == "é" * 1000
    assert t.length("é") == 2 and t.length("a" * 1000) == 1000 and t.length("😀") == 4


def test_arguments_and_results_hold_no_extra_references():
    import sys

    text, floats, words, data = "é" * 40, [0.5] * 50, {"w": 1}, b"xyz" * 10
    mixed = [1.0, 2, 3.0]
    before = [sys.getrefcount(x) for x in (text, floats, words, data, mixed, floats[0])]
    for _ in range(1000):
        t.length(text), t.sum(floats), t.sum(mixed), t.count_words(words), t.reversed_bytes(data)
        t.scale(floats, 2.0), t.echo_string(text)
        with pytest.raises(TypeError):
            t.sum([1.0, "x"])
    assert [sys.getrefcount(x) for x in (text, floats, words, data, mixed, floats[0])] == before
    result = t.scale(floats, 1.0)
    assert sys.getrefcount(result) == 2
    assert all(sys.getrefcount(result[i]) == 2 for i in range(len(result)))

def test_tuples():
    assert t.echo_pair((1, "a")) == (1, "a")
    with pytest.raises(ValueError, match="argument 'value': expected tuple of length 2, but got tuple of length 3"):
        t.echo_pair((1, "a", 2))
    with pytest.raises(ValueError):
        t.echo_pair(())
    with pytest.raises(TypeError, match="object is not an instance of 'tuple'"):
        t.echo_pair([1, "a"])
    with pytest.raises(TypeError, match="item 0"):
        t.echo_pair(("1", "a"))


def test_optionals_and_none():
    assert t.echo_optional(None) is None
    assert t.echo_optional(5) == 5
    with pytest.raises(TypeError, match="argument 'value'"):
        t.echo_string(None)
    assert t.nothing() is None


def test_defaults_keywords_and_positional_only():
    assert t.describe("a") == "a age=30 ratio=0.5 tag=none flag=false note=- items=[] meta=0"
    assert t.describe("a", 1, 0.25, "t", True, "n", [1], {"k": 1}) == (
        "a age=1 ratio=0.25 tag=t flag=true note=n items=[1] meta=1"
    )
    assert t.describe("a", flag=True, age=2) == "a age=2 ratio=0.5 tag=none flag=true note=- items=[] meta=0"
    assert t.limit(5) == 5
    assert t.limit(5, max=3) == 3
    assert t.limit(5, 3) == 3
    sig = inspect.signature(t.describe)
    assert str(sig) == (
        "(name, /, age=30, ratio=0.5, tag='none', flag=False, note=None, items=[], meta={})"
    )
    assert str(inspect.signature(t.limit)) == "(value, /, max=Ellipsis)"
    assert t.describe.__doc__.startswith("Formats a record")


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: t.add(1), "add() missing required argument 'b' (pos 2)"),
        (lambda: t.add(1, 2, 3), "add() takes exactly 2 positional arguments (3 given)"),
        (lambda: t.add(1, b=2), "add() got some positional-only arguments passed as keyword arguments: 'b'"),
        (lambda: t.describe("a", nope=1), "describe() got an unexpected keyword argument 'nope'"),
        (lambda: t.describe("a", 1, age=2), "argument for describe() given by name ('age') and position (2)"),
        (lambda: t.nothing(1), "nothing() takes no arguments (1 given)"),
    ],
)
def test_argument_errors(call, message):
    with pytest.raises(TypeError) as info:
        call()
    assert str(info.value) == message


def test_errors():
    assert t.checked_root(9) == 3.0
    with pytest.raises(t.TourError, match="negative value: -4"):
        t.checked_root(-4)
    assert issubclass(t.TourError, Exception)
    assert t.TourError.__module__ == "type_tour"
    with pytest.raises(RuntimeError, match="hidden failure"):
        t.fail_hidden()
    with pytest.raises(t.TourError, match="nothing to do"):
        t.first([])
    assert t.first(["x"]) == "x"


def test_unsupported_declarations_are_not_exported():
    for name in ("generic", "takes_closure", "mutates", "later"):
        assert not hasattr(t, name)


def test_every_signature_matches_the_stub():
    import ast
    import pathlib

    stub = ast.parse((pathlib.Path(t.__file__).parent / "__init__.pyi").read_text())
    functions = {node.name: node for node in stub.body if isinstance(node, ast.FunctionDef)}
    assert functions, "the stub declares no functions"
    for name, node in functions.items():
        runtime = inspect.signature(getattr(t, name))
        assert [p.name for p in runtime.parameters.values()] == [
            a.arg for a in node.args.posonlyargs + node.args.args
        ], name
        assert len(node.args.posonlyargs) == sum(
            p.kind is inspect.Parameter.POSITIONAL_ONLY for p in runtime.parameters.values()
        ), name
