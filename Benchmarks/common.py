"""Helpers shared by the benchmark scripts: running the real binary, medians, the machine."""

import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SWIFTMOD = REPO / ".build" / "debug" / "swiftmod"


def run(args, cwd=None, env=None) -> subprocess.CompletedProcess:
    """Runs a command; exits with its output if it fails."""
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(map(str, args))} failed:\n{result.stdout}{result.stderr}")
    return result


def timed(args, cwd=None, env=None) -> tuple[float, str]:
    """Wall-clock seconds of a successful command, and its stderr."""
    start = time.perf_counter()
    result = run(args, cwd=cwd, env=env)
    return time.perf_counter() - start, result.stderr


def build_c_extension(directory: Path, name: str, source: str) -> None:
    """Compiles a one-file C extension as setuptools would: the interpreter's CC, CFLAGS and CCSHARED."""
    import sysconfig

    path = directory / f"{name}.c"
    path.write_text(source)
    target = directory / (name + sysconfig.get_config_var("EXT_SUFFIX"))
    include = sysconfig.get_paths()["include"]
    flags = [sysconfig.get_config_var(var) or "" for var in ("CFLAGS", "CCSHARED")]
    compiler = (sysconfig.get_config_var("CC") or "cc").split()
    subprocess.run([*compiler, *" ".join(flags).split(), "-shared", f"-I{include}", str(path), "-o", str(target)], check=True)


NANOBIND_CMAKE = """
cmake_minimum_required(VERSION 3.15...3.30)
project({name} LANGUAGES CXX)
find_package(Python 3.8 COMPONENTS Interpreter Development.Module REQUIRED)
find_package(nanobind CONFIG REQUIRED)
nanobind_add_module({name} NB_STATIC {name}.cpp)
"""


def build_nanobind(directory: Path, name: str, source: str) -> tuple[Path | None, str]:
    """Builds the one-file nanobind module `name` with nanobind's CMake config, the `nanobind`,
    `cmake` and `ninja` packages of the running Python: (the directory holding it, or None; and
    what was built in how long, or why not)."""
    try:
        import cmake
        import nanobind
        import ninja
    except ImportError as error:
        return None, (f"not available ({error.name} is not installed for {sys.executable}: "
                      "pip install nanobind cmake ninja, or run with the test venv's Python, `make venv`)")
    source_dir, build = directory / f"{name}-src", directory / f"{name}-build"
    source_dir.mkdir()
    (source_dir / f"{name}.cpp").write_text(source)
    (source_dir / "CMakeLists.txt").write_text(NANOBIND_CMAKE.format(name=name))
    cmake_bin = Path(cmake.CMAKE_BIN_DIR) / "cmake"
    start = time.perf_counter()
    for command in (
        [cmake_bin, "-S", source_dir, "-B", build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
         f"-DCMAKE_MAKE_PROGRAM={Path(ninja.BIN_DIR) / 'ninja'}", f"-DPython_EXECUTABLE={sys.executable}",
         f"-Dnanobind_DIR={nanobind.cmake_dir()}"],
        [cmake_bin, "--build", build],
    ):
        result = subprocess.run([str(part) for part in command], capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"the nanobind build failed: {' '.join(map(str, command))}\n{result.stdout}{result.stderr}")
    seconds = time.perf_counter() - start
    return build, f"nanobind {getattr(nanobind, '__version__', '?')}, NB_STATIC, Release: built in {seconds:.1f} s"


def time_interleaved(functions: dict, arguments: tuple, calls: int, rounds: int) -> dict:
    """Median ns per call of each function, timed in interleaved rounds so that machine noise
    hits all of them alike."""
    import timeit

    timings = {key: [] for key in functions}
    for _ in range(rounds):
        for key, function in functions.items():
            seconds = timeit.timeit("f(*a)", globals={"f": function, "a": arguments}, number=calls)
            timings[key].append(seconds / calls * 1e9)
    return {key: median(values) for key, values in timings.items()}


def median(values) -> float:
    return statistics.median(values)


def runs(values, unit="s", digits=2) -> str:
    return ", ".join(f"{v:.{digits}f}" for v in values) + f" {unit}"


def machine() -> str:
    """One line naming the machine, for the README table."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    swift = os.environ.get("SWIFTMOD_SWIFT", "swift")
    try:
        version = subprocess.run([swift, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
        version = version.split("(")[0].replace("Swift version", "Swift").strip()
    except (OSError, IndexError):
        version = "Swift ?"
    return (
        f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} cores; "
        f"{version}; CPython {platform.python_version()}"
    )


def call_benchmark_main(doc: str, measure, report) -> None:
    """The command line of a call benchmark: `--swiftmod`, `--rounds`, `--number`."""
    import argparse

    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--swiftmod", default=DEFAULT_SWIFTMOD, type=Path)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--number", type=int, default=300_000)
    options = parser.parse_args()
    report(measure(options.swiftmod.resolve(), options.rounds, options.number), options.rounds)
