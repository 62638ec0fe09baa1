"""Swift structs, classes and enums as Python types (docs/design/types.md, docs/design/exported.md#exception-bases), beyond Examples/shapes'
own checks: memory over 10^6 calls, fuzzing from hypothesis, pickles that cross processes and
a fresh venv, and the build-time errors of [tool.swiftmod.exceptions]."""

import os
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest
from conftest import REPO, swift_project

SHAPES = REPO / "Examples" / "shapes"


@pytest.fixture(scope="module")
def shapes_site(swiftmod, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("shapes-site")
    swiftmod("compile", "--release", "--out", out, "--interpreter", sys.executable, cwd=SHAPES)
    return out


def run(site: Path, script: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(site)), timeout=timeout)


def test_rss_stays_flat_over_a_million_creations_calls_and_sets(shapes_site):
    result = run(shapes_site, """
        import resource
        from shapes import Point, Counter, Polyline, Figure
        def rss():
            with open("/proc/self/statm") as f:
                return int(f.read().split()[1]) * resource.getpagesize()
        def work(n):
            counter = Counter()
            for i in range(n):
                p = Point(x=1.0, y=2.0)          # creation
                p.translate(dx=1.0, dy=1.0)      # mutating method
                p.x = 3.0                        # property set
                q = p.scaled(2.0)                # a method returning a new object
                counter.increment()              # a class method call
                c = Counter(value=i)             # a class instance created and freed
                f = Figure.Circle(radius=1.0)    # an enum case object
                line = Polyline([p, q])          # a struct holding an array of structs
                line[0] = q
        work(20_000)
        before = rss()
        work(1_000_000)
        print(rss() - before)
        """)
    assert result.returncode == 0, result.stderr
    growth = int(result.stdout.strip())
    assert growth < 4 * 1024 * 1024, f"RSS grew by {growth} bytes over 10^6 iterations"


FUZZ = """
    import math, sys
    from hypothesis import given, settings, strategies as st, HealthCheck
    import shapes
    from shapes import Point, Size, Polyline, Counter, Circle, Rectangle, Palette, Color, Figure, Triangle, Polygon

    anything = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text() | st.binary()
        | st.sampled_from([Point(), Color.DARK_RED, Figure.Circle(radius=1.0), Counter(), object()]),
        lambda children: st.lists(children, max_size=4) | st.tuples(children, children)
        | st.dictionaries(st.text(max_size=3), children, max_size=3),
        max_leaves=8,
    )
    calls = [
        lambda a, b: Point(a, b), lambda a, b: Point(x=a, y=b), lambda a, b: Point(polar=a, angle=b),
        lambda a, b: Size(width=a, height=b), lambda a, b: Polyline(a), lambda a, b: Counter(value=a),
        lambda a, b: Circle(radius=a, name=b), lambda a, b: Rectangle(width=a, height=b), lambda a, b: Palette(a),
        lambda a, b: Triangle(a, b, a), lambda a, b: Polygon(a), lambda a, b: Figure.Circle(radius=a),
        lambda a, b: Figure.Rect(width=a, height=b), lambda a, b: Figure.Dot(a),
        lambda a, b: Point().distance(to=a), lambda a, b: Point().translate(dx=a, dy=b), lambda a, b: Point().scaled(a),
        lambda a, b: Point.midpoint(a, b), lambda a, b: Counter().increment(by=a),
        lambda a, b: setattr(Point(), "x", a), lambda a, b: setattr(Counter(), "value", a),
        lambda a, b: setattr(Circle(radius=1.0), "center", a), lambda a, b: setattr(Polyline([]), "points", a),
        lambda a, b: Polyline([Point()]).__setitem__(a, b), lambda a, b: Polyline([Point()])[a],
        lambda a, b: Palette().__setitem__(a, b), lambda a, b: Palette()[a],
        lambda a, b: Point() + a, lambda a, b: a * Point(), lambda a, b: Point() < a, lambda a, b: Point() == a,
        lambda a, b: shapes.area(of=a), lambda a, b: shapes.combined_area(a), lambda a, b: shapes.tally(a),
    ]

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.integers(0, len(calls) - 1), anything, anything)
    def fuzz(index, a, b):
        try:
            calls[index](a, b)
        except Exception:
            pass  # a Python exception is a fine answer to bad input; a crash is not

    fuzz()
    print("survived")
"""


def test_fuzzing_constructors_methods_and_setters_gives_results_or_python_exceptions(shapes_site):
    result = run(shapes_site, FUZZ)
    assert result.returncode == 0 and "survived" in result.stdout, result.stdout[-2000:] + result.stderr[-4000:]


def test_a_pickle_made_in_one_process_loads_in_a_fresh_venv_from_the_wheel(swiftmod, tmp_path):
    out = tmp_path / "dist"
    swiftmod("build", "-i", sys.executable, "--out", out, cwd=SHAPES)
    wheel = next(out.glob("shapes-*.whl"))
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    install = subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--disable-pip-version-check", wheel], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    pickled = tmp_path / "figures.pickle"
    write = subprocess.run([python, "-c", textwrap.dedent(f"""
        import pickle
        from shapes import Point, Figure, Polyline, Triangle
        values = [Point(x=1.5, y=-2.0), Figure.Rect(width=2.0, height=3.0), Polyline([Point(1, 2), Point(3, 4)]), Triangle(sides=(3.0, 4.0, 5.0))]
        open({str(pickled)!r}, "wb").write(pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL))
        """)], capture_output=True, text=True, cwd=tmp_path)
    assert write.returncode == 0, write.stderr
    read = subprocess.run([python, "-c", textwrap.dedent(f"""
        import pickle
        values = pickle.loads(open({str(pickled)!r}, "rb").read())
        print([repr(v) for v in values])
        from shapes import Point, Figure, Polyline, Triangle
        assert values == [Point(x=1.5, y=-2.0), Figure.Rect(width=2.0, height=3.0), Polyline([Point(1, 2), Point(3, 4)]), Triangle(sides=(3.0, 4.0, 5.0))]
        """)], capture_output=True, text=True, cwd=tmp_path)
    assert read.returncode == 0, read.stderr
    assert "Point(x=1.5, y=-2.0)" in read.stdout and "Figure.Rect(width=2.0, height=3.0)" in read.stdout


ERRORS = textwrap.dedent(
    """
    public enum ParseError: Error { case empty, badToken(String) }
    public struct Token { public let text: String }
    public func parse(_ text: String) throws(ParseError) -> Int { if text.isEmpty { throw .empty }; return text.count }
    """
)


@pytest.mark.parametrize("table, message", [
    ('ParseError = "ValueErorr"', '[tool.swiftmod.exceptions] `ParseError = "ValueErorr"`: "ValueErorr" is not a built-in exception swiftmod can subclass'),
    ('ParseError = "UnicodeDecodeError"', 'the Unicode errors need five constructor arguments'),
    ('ParseError = 3', '[tool.swiftmod.exceptions] `ParseError` must be the name of a built-in exception, as a string'),
    ('Token = "ValueError"', '[tool.swiftmod.exceptions] names `Token`, which is not a public Error type of Parser (the module\'s error types are ParseError)'),
])
def test_a_wrong_exceptions_table_is_one_clear_error_with_its_line(swiftmod, tmp_path, table, message):
    project = swift_project(tmp_path / "parser", "parser", "Parser", ERRORS)
    with open(project / "pyproject.toml", "a") as pyproject:
        pyproject.write(f"\n[tool.swiftmod.exceptions]\n{table}\n")
    line = (project / "pyproject.toml").read_text().splitlines().index(table) + 1
    result = swiftmod("compile", "--out", tmp_path / "out", "--interpreter", sys.executable, cwd=project, check=False)
    assert result.returncode != 0
    assert f"pyproject.toml:{line}: " in result.stderr and message in result.stderr, result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.so"))


def test_members_that_cannot_be_exported_are_warned_about_and_their_type_stays(swiftmod, tmp_path):
    source = textwrap.dedent(
        """
        public struct Box {
            public var size: Int
            nonisolated(unsafe) public static var shared = 0
            public init(size: Int) { self.size = size }
            public func map(_ transform: (Int) -> Int) -> Box { Box(size: transform(size)) }
            public func generic<T>(_ value: T) -> Int { size }
        }
        public struct Holder<T> { public var value: T }
        """
    )
    project = swift_project(tmp_path / "boxes", "boxes", "Boxes", source)
    result = swiftmod("compile", "--out", tmp_path / "out", "--interpreter", sys.executable, cwd=project)
    lines = source.splitlines()
    def line_of(text):
        return next(i for i, line in enumerate(lines, 1) if text in line)
    assert f"Boxes.swift:{line_of('static var shared')}: warning: 'Box.shared' is not exported: static variables are not exported" in result.stderr, result.stderr
    assert f"Boxes.swift:{line_of('func map')}: warning: 'Box.map(_:)' is not exported: parameter 'transform': a closure that returns a value must be 'throws'" in result.stderr
    assert f"Boxes.swift:{line_of('func generic')}: warning: 'Box.generic(_:)' is not exported: generic functions are not supported" in result.stderr
    assert f"Boxes.swift:{line_of('struct Holder')}: warning: 'Holder' is not exported: generic types are not supported" in result.stderr
    check = run(tmp_path / "out", "import boxes; b = boxes.Box(size=2); b.size = 5; print(b.size, hasattr(b, 'map'), hasattr(boxes, 'Holder'))")
    assert check.returncode == 0 and check.stdout.split() == ["5", "False", "False"], check.stderr


def test_methods_of_one_name_are_overloads_tried_in_declaration_order(swiftmod, tmp_path):
    source = textwrap.dedent(
        """
        public final class Bag {
            public private(set) var items: [String] = []
            public init() {}
            public func add(items: [String]) { self.items += items }
            public func add(items: String) { self.items += items.map(String.init) }
            public func add(items: [UInt8]) { self.items.append("bytes:\\(items.count)") }
            public static func of(_ count: Int) -> Bag { let bag = Bag(); bag.add(items: Array(repeating: "x", count: count)); return bag }
            public static func of(_ text: String) -> Bag { let bag = Bag(); bag.add(items: text); return bag }
        }
        """
    )
    project = swift_project(tmp_path / "bags", "bags", "Bags", source)
    swiftmod("compile", "--out", tmp_path / "out", "--interpreter", sys.executable, cwd=project)
    result = run(tmp_path / "out", """
        import bags
        bag = bags.Bag()
        bag.add(["a", "b"]); bag.add("cd"); bag.add(b"xyz"); bag.add(items=bytearray(b"q"))
        print(bag.items, bags.Bag.of(2).items, bags.Bag.of("hi").items)
        try:
            bag.add(3)
        except TypeError as error:
            print(str(error).replace(chr(10), "|"))
        # An overload that took the argument's type but not its value reports that value's error,
        # even in the first argument: the others only said the type did not fit.
        for call in (lambda: bags.Bag.of(2**70), lambda: bag.add("a\\ud800")):
            try:
                call()
            except (OverflowError, UnicodeEncodeError) as error:
                print(type(error).__name__, "argument 'count'" in str(error), "argument 'items'" in str(error))
        """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "['a', 'b', 'c', 'd', 'bytes:3', 'bytes:1'] ['x', 'x'] ['h', 'i']",
        "no overload of add() accepts these arguments; the signatures are:|  add(items: list[str])|  add(items: str)|  add(items: bytes)",
        "OverflowError True False",
        "UnicodeEncodeError False True",
    ]
    stubtest = run(tmp_path / "out", "import sys; from mypy import stubtest; sys.argv = ['stubtest', 'bags']; sys.exit(stubtest.main())")
    assert stubtest.returncode == 0, stubtest.stdout + stubtest.stderr
