"""Each project in Examples/ is built by the real swiftmod binary and checked from Python."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import REPO

EXAMPLES = {"hello": "hello", "types": "type_tour", "buffers": "buffers", "shapes": "shapes", "pythonic": "pythonic", "concurrency": "concurrency"}


@pytest.fixture(scope="session")
def built(swiftmod, tmp_path_factory):
    """Builds every example once: {example: directory to put on PYTHONPATH}."""
    out = {}
    for example in EXAMPLES:
        target = tmp_path_factory.mktemp(f"site-{example}")
        swiftmod("compile", "--out", target, "--interpreter", sys.executable, cwd=REPO / "Examples" / example)
        out[example] = target
    return out


def run_python(path: Path, *args, **kwargs) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(path))
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, **kwargs)


@pytest.mark.parametrize("example", EXAMPLES)
def test_example_python_checks_pass(built, example):
    result = run_python(built[example], "-m", "pytest", "-q", "-p", "no:cacheprovider", str(REPO / "Examples" / example / "tests"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" in result.stdout


@pytest.mark.parametrize("example", EXAMPLES)
def test_layout_and_stubtest(built, example):
    module = EXAMPLES[example]
    package = built[example] / module
    names = sorted(p.name for p in package.iterdir())
    assert names == sorted(["__init__.py", "__init__.pyi", "py.typed", f"{module}{sysconfig_suffix()}", f"{module}.pyi"])
    # No flags: the extension submodule (`shapes.shapes`) has its stubs too.
    result = run_python(built[example], "-m", "mypy.stubtest", module)
    assert result.returncode == 0, result.stdout + result.stderr


def test_shapes_stubs_type_check_iteration_and_the_new_members(built, tmp_path):
    # mypy reads the stubs: a Collection iterates (`for p in line`), a hand-written __iter__ is
    # an Iterator, keyword names have their trailing underscore, an enum's members are typed.
    script = tmp_path / "use_shapes.py"
    script.write_text(textwrap.dedent("""
        from shapes import Canvas, Dog, Heading, Keywords, Point, Polyline, Shape, Strategy, run_strategy

        line = Polyline([Point(0, 0)])
        xs: list[float] = [p.x for p in line]
        found: bool = Point(0, 0) in line
        areas: list[float] = [s.area() for s in Canvas()]
        name: str = Keywords(from_=1).class_()
        total: int = Keywords(1).shifted(from_=1, lambda_=2)
        dog: Dog = Dog(name="Rex")
        vertical: bool = Heading.NORTH.is_vertical
        heading: Heading = Heading.NORTH.turned(clockwise=False)
        parsed: Heading | None = Heading.parse("n")


        class Blob(Shape):  # docs/design/types.md#subclasses: the stub's __init__ takes the initializer's arguments
            def __init__(self, name: str, extra: int) -> None:
                super().__init__(name)
                self.extra = extra


        class Doubling(Strategy):  # docs/design/types.md#overrides
            def score(self, value: int, /) -> float:
                return 2.0 * super().score(value)


        blob_area: float = Blob("b", 1).area()
        doubled: float = run_strategy(Doubling("d"), [1, 2])
        """))
    env = dict(os.environ, MYPYPATH=str(built["shapes"]))
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def sysconfig_suffix() -> str:
    import sysconfig

    return sysconfig.get_config_var("EXT_SUFFIX")


def test_warnings_name_file_and_line(swiftmod, tmp_path):
    result = swiftmod("compile", "--out", tmp_path, "--interpreter", sys.executable, cwd=REPO / "Examples" / "types")
    source = (REPO / "Examples" / "types" / "Sources" / "TypeTour" / "TypeTour.swift").read_text().splitlines()
    line = next(i for i, text in enumerate(source, 1) if text.startswith("public func generic<T>"))
    assert f"TypeTour.swift:{line}: warning: 'generic(_:)' is not exported: generic functions are not supported" in result.stderr
    assert "'mutates(_:)' is not exported: parameter 'value' is inout" in result.stderr
    # An async function cannot borrow Python's memory (docs/design/async.md#scope): the warning says what to take.
    assert "'later(_:)' is not exported: parameter 'data': an async function cannot borrow Python's memory (RawSpan)" in result.stderr
    assert "take an owned copy instead (String, [UInt8], [T])" in result.stderr


def test_no_reference_leaks(built):
    script = textwrap.dedent(
        """
        import resource, type_tour as t
        def rss():
            with open("/proc/self/statm") as f:
                return int(f.read().split()[1]) * resource.getpagesize()
        words = ["alpha", "beta", "γάμμα", "😀"]
        values = [1.0, 2.0, 3.0]
        def work(n):
            for i in range(n):
                t.greet(words[i & 3]); t.scale(values, 2.0); t.echo_nested({"k": [1, None]})
                t.echo_pair((i, "x")); t.echo_bytes(b"abc")
                try: t.echo_int8(1000)
                except OverflowError: pass
        work(10_000)
        before = rss()
        work(1_000_000)
        print(rss() - before)
        """
    )
    result = run_python(built["types"], "-c", script)
    assert result.returncode == 0, result.stderr
    growth = int(result.stdout.strip())
    assert growth < 4 * 1024 * 1024, f"RSS grew by {growth} bytes over 10^6 calls"


def test_random_python_values_only_raise_python_exceptions(built):
    """Hypothesis throws arbitrary Python values at every function; the process must survive."""
    script = textwrap.dedent(
        """
        import inspect, type_tour as t
        from hypothesis import given, settings, strategies as st, HealthCheck
        scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(),
                            st.binary(), st.characters(codec=None))
        values = st.recursive(scalars, lambda inner: st.one_of(
            st.lists(inner), st.tuples(inner, inner), st.tuples(inner, inner, inner),
            st.dictionaries(st.one_of(st.text(), st.integers()), inner), st.frozensets(st.text()),
            st.sets(st.integers())), max_leaves=8)
        names = sorted(n for n in dir(t) if callable(getattr(t, n)) and not n[0].isupper()
                       and n not in ("spin",))
        calls = 0
        @settings(max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
        @given(st.sampled_from(names), st.lists(values, max_size=4))
        def check(name, args):
            global calls
            calls += 1
            try:
                getattr(t, name)(*args)
            except (TypeError, ValueError, OverflowError, UnicodeEncodeError, BufferError,
                    RuntimeError, t.TourError):
                pass
        check()
        print("calls", calls)
        """
    )
    result = run_python(built["types"], "-c", script, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "calls" in result.stdout
