"""The generated glue refers to every user declaration unambiguously (issue 14's first step):
a target named like a standard type (`Clock`) that also holds a type of its own name, a user
type named `Error` (or `Array`, `Result`), and functions named like the shim's own helpers
(`state`, `token`, `enter`, `exit`, `parse_args`) all compile and behave; so do the user's
types of those names, exported as Python types (docs/design/types.md)."""

import subprocess
import sys
import textwrap

from conftest import swift_project

SOURCE = textwrap.dedent(
    """
    /// Shadows the target's name inside it: `Clock.now()` would mean this type.
    public struct Clock: Equatable {
        public var ticks: Int
        public init(ticks: Int = 0) { self.ticks = ticks }
        public mutating func tick() -> Int { ticks += 1; return ticks }
    }
    public struct Array { public let count: Int }
    public enum Result { case fine, broken }
    public func makeArray(_ count: Int) -> Array { Array(count: count) }
    public func check(_ clock: Clock) -> Result { clock.ticks > 0 ? .fine : .broken }

    /// A user error type named like the standard protocol.
    public enum Error: Swift.Error, CustomStringConvertible {
        case stopped
        public var description: Swift.String { "the clock stopped" }
    }

    public func now() -> Int { 42 }
    public func state() -> String { "state" }
    public func token(_ value: Int) -> Int { value + 1 }
    public func enter() -> Bool { true }
    public func exit(code: Int = 3) -> Int { code }
    public func parseArgs(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }
    public func stop() throws(Error) -> Int { throw .stopped }
    public func halt() throws -> Int { throw Error.stopped }
    """
)


def test_names_that_shadow_standard_and_runtime_names_compile_and_work(swiftmod, tmp_path):
    project = swift_project(tmp_path / "clock", "clock", "Clock", SOURCE)
    out = tmp_path / "out"
    swiftmod("compile", "--out", out, "--interpreter", sys.executable, cwd=project)
    script = textwrap.dedent(
        """
        import clock
        print(clock.now(), clock.state(), clock.token(1), clock.enter(), clock.exit(), clock.exit(code=5), clock.parse_args("a b"))
        c = clock.Clock()
        print(c.tick(), c.tick(), c == clock.Clock(ticks=2), clock.check(c), clock.check(clock.Clock()), clock.make_array(3).count)
        for name in ("stop", "halt"):
            try:
                getattr(clock, name)()
            except clock.Error as error:
                print(name, type(error).__name__, error)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env={"PYTHONPATH": str(out)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "42 state 2 True 3 5 ['a', 'b']",
        "1 2 True Result.FINE Result.BROKEN 3",
        "stop Error the clock stopped",
        "halt Error the clock stopped",
    ]
