"""Every Python (docs/design/interpreters.md): wheels for each CPython (pyenv's 3.10-3.13, Debian's
3.14 and 3.15 from install-pythons.sh), one abi3 wheel and one abi3t wheel (3.15),
each installed by that interpreter's pip and checked by the example's own tests under it;
sub-interpreters; `list-python`; and one clear error for each interpreter swiftmod cannot use.

The builds are shared: each example is built once for all four versions (the user's Swift is
compiled once; only the glue is rebuilt per version), once as abi3 and once as abi3t."""

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from conftest import MINORS, REPO, find_pythons, python_or_skip, swift_project

BIN = Path(sys.executable).parent
EXAMPLES = {"hello": "hello", "types": "type_tour", "buffers": "buffers", "shapes": "shapes", "minhash": "minhash", "pythonic": "pythonic", "concurrency": "concurrency"}


def install(python: Path, wheel: Path, target: Path) -> Path:
    """Installs `wheel` with `python`'s own pip into `target` (so each test has its own copy);
    pip refuses a wheel whose tags that interpreter does not support."""
    result = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "--target", str(target), str(wheel)],
        capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return target


def run_checks(python: Path, site: Path, example: str) -> subprocess.CompletedProcess:
    # Examples/minhash's suite skips a module it cannot import unless told to require it.
    env = dict(os.environ, PYTHONPATH=str(site), MINHASH_REQUIRE="minhash")
    return subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(REPO / "Examples" / example / "tests")],
        capture_output=True, text=True, env=env, cwd=site)


@pytest.fixture(scope="session")
def version_wheels(swiftmod, tmp_path_factory):
    """{example: {minor: wheel}}: hello built with --find-interpreter, the others (and the mixed
    project, whose check is a script) with one -i per version."""
    pythons = find_pythons()
    wheels: dict[str, dict[str, Path]] = {}
    for example in [*EXAMPLES, "mixed"]:
        out = tmp_path_factory.mktemp(f"wheels-{example}")
        if example == "hello":
            result = swiftmod("build", "--find-interpreter", "--out", out, cwd=REPO / "Examples" / example)
        else:
            result = swiftmod("build", *[a for p in pythons.values() for a in ("-i", p)], "--out", out, cwd=REPO / "Examples" / example)
        by_minor = {}
        for wheel in out.glob("*.whl"):
            tag = wheel.name.split("-")[2]
            by_minor[f"3.{tag[3:]}"] = wheel
        wheels[example] = by_minor
        wheels[example + ":log"] = result.stdout + result.stderr  # type: ignore[assignment]
    return wheels


def build_abi3(swiftmod, out: Path, example: str) -> Path:
    """The example's one `--abi3 3.10` wheel, built against 3.12."""
    swiftmod("build", "--abi3", "3.10", "-i", python_or_skip("3.12"), "--out", out, cwd=REPO / "Examples" / example)
    wheels = list(out.glob("*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="session")
def abi3_shapes_wheel(swiftmod, tmp_path_factory) -> Path:
    """Examples/shapes against the 3.10 limited API: types from specs, no object internals."""
    return build_abi3(swiftmod, tmp_path_factory.mktemp("abi3-shapes"), "shapes")


@pytest.fixture(scope="session")
def abi3_wheel(swiftmod, tmp_path_factory) -> Path:
    return build_abi3(swiftmod, tmp_path_factory.mktemp("abi3"), "types")


# MARK: - one wheel per interpreter


def test_find_interpreter_builds_one_wheel_per_found_version_with_its_own_tag_and_suffix(version_wheels):
    pythons = find_pythons()
    hello = version_wheels["hello"]
    # Every version found (3.10-3.15 here: 3.14 and 3.15 on PATH) has its wheel; 3.6-3.9 are skipped, saying why.
    assert set(pythons) <= set(hello), (sorted(hello), version_wheels["hello:log"])
    for minor, wheel in hello.items():
        digits = minor.replace(".", "")
        assert re.fullmatch(rf"hello-0\.1\.0-cp{digits}-cp{digits}-manylinux_2_\d+_x86_64\.whl", wheel.name), wheel.name
        with zipfile.ZipFile(wheel) as archive:
            assert f"hello/hello.cpython-{digits}-x86_64-linux-gnu.so" in archive.namelist()
    log = version_wheels["hello:log"]
    if (Path(find_pythons()["3.10"]).parents[2] / "3.9.18").exists():
        assert "3.9.18/bin/python3" in log and "older than the 3.10" in log, log


@pytest.mark.parametrize("minor", MINORS)
@pytest.mark.parametrize("example", EXAMPLES)
def test_the_examples_pass_their_checks_on_every_version(version_wheels, python_venv, tmp_path, example, minor):
    python = python_venv(minor)
    wheel = version_wheels[example].get(minor)
    assert wheel is not None, f"no {example} wheel for {minor}: {sorted(version_wheels[example])}"
    site = install(python, wheel, tmp_path / "site")
    result = run_checks(python, site, example)
    assert result.returncode == 0 and " passed" in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize("minor", MINORS)
def test_the_mixed_example_passes_its_check_on_every_version(version_wheels, python_venv, minor):
    """The mixed project's wheel installed by that version's pip (scripts and data included) and
    its check_installed.py run by that interpreter."""
    python = python_venv(minor)
    wheel = version_wheels["mixed"].get(minor)
    assert wheel is not None, f"no mixed wheel for {minor}: {sorted(version_wheels['mixed'])}"
    installed = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "--force-reinstall", str(wheel)], capture_output=True, text=True)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    try:
        check = subprocess.run([str(python), str(REPO / "Examples" / "mixed" / "tests" / "check_installed.py")], capture_output=True, text=True, cwd="/")
        assert check.returncode == 0 and "all checks passed" in check.stdout, check.stdout + check.stderr
    finally:
        subprocess.run([str(python), "-m", "pip", "uninstall", "--quiet", "-y", "mixed-demo"], capture_output=True)


def test_a_wheel_for_one_version_is_refused_by_another(version_wheels, python_venv, tmp_path):
    result = subprocess.run(
        [str(python_venv("3.12")), "-m", "pip", "install", "--no-deps", "--target", str(tmp_path), str(version_wheels["hello"]["3.10"])],
        capture_output=True, text=True)
    assert result.returncode != 0 and "is not a supported wheel on this platform" in result.stderr, result.stderr


# MARK: - abi3


def test_the_abi3_wheel_is_named_and_audited(abi3_wheel):
    assert re.fullmatch(r"type_tour-0\.1\.0-cp310-abi3-manylinux_2_\d+_x86_64\.whl", abi3_wheel.name), abi3_wheel.name
    with zipfile.ZipFile(abi3_wheel) as archive:
        assert "type_tour/type_tour.abi3.so" in archive.namelist()
        wheel_file = archive.read("type_tour-0.1.0.dist-info/WHEEL").decode()
    platform = abi3_wheel.name.removesuffix(".whl").split("-")[-1]
    assert f"Tag: cp310-abi3-{platform}" in wheel_file
    audit = subprocess.run([BIN / "abi3audit", "--strict", "--verbose", abi3_wheel], capture_output=True, text=True)
    assert audit.returncode == 0, audit.stdout + audit.stderr
    assert "0 ABI version mismatches and 0 ABI violations found" in " ".join((audit.stdout + audit.stderr).split())
    contents = subprocess.run([BIN / "check-wheel-contents", abi3_wheel], capture_output=True, text=True)
    assert contents.returncode == 0, contents.stdout + contents.stderr
    show = subprocess.run([BIN / "auditwheel", "show", abi3_wheel], capture_output=True, text=True)
    assert show.returncode == 0, show.stderr
    assert f'"{platform}"' in show.stdout.replace("\n", " "), show.stdout


@pytest.mark.parametrize("minor", ["3.10", "3.12", "3.13", "3.14", "3.15"])
def test_one_abi3_wheel_installs_and_passes_the_checks_on_every_version(abi3_wheel, python_venv, tmp_path, minor):
    python = python_venv(minor)
    site = install(python, abi3_wheel, tmp_path / "site")
    result = run_checks(python, site, "types")
    assert result.returncode == 0 and " passed" in result.stdout, result.stdout + result.stderr


def test_types_in_the_limited_api_pass_abi3audit(abi3_shapes_wheel):
    assert re.fullmatch(r"shapes-0\.1\.0-cp310-abi3-manylinux_2_\d+_x86_64\.whl", abi3_shapes_wheel.name), abi3_shapes_wheel.name
    audit = subprocess.run([BIN / "abi3audit", "--strict", "--verbose", abi3_shapes_wheel], capture_output=True, text=True)
    assert audit.returncode == 0, audit.stdout + audit.stderr
    assert "0 ABI version mismatches and 0 ABI violations found" in " ".join((audit.stdout + audit.stderr).split())


@pytest.fixture(scope="session")
def abi3_pythonic_wheel(swiftmod, tmp_path_factory) -> Path:
    """Examples/pythonic against the 3.10 limited API: callables without vectorcall (a tuple
    per call) and exceptions through PyErr_Fetch."""
    return build_abi3(swiftmod, tmp_path_factory.mktemp("abi3-pythonic"), "pythonic")


@pytest.mark.parametrize("minor", ["3.10", "3.13", "3.15"])
def test_one_abi3_wheel_of_python_shaped_apis_passes_its_checks(abi3_pythonic_wheel, python_venv, tmp_path, minor):
    python = python_venv(minor)
    site = install(python, abi3_pythonic_wheel, tmp_path / "site")
    result = run_checks(python, site, "pythonic")
    assert result.returncode == 0 and " passed" in result.stdout, result.stdout + result.stderr


def test_python_shaped_apis_in_the_limited_api_pass_abi3audit(abi3_pythonic_wheel):
    audit = subprocess.run([BIN / "abi3audit", "--strict", "--verbose", abi3_pythonic_wheel], capture_output=True, text=True)
    assert audit.returncode == 0, audit.stdout + audit.stderr


@pytest.mark.parametrize("minor", ["3.10", "3.13", "3.14", "3.15"])
def test_one_abi3_wheel_of_types_passes_the_shapes_checks_on_every_version(abi3_shapes_wheel, python_venv, tmp_path, minor):
    python = python_venv(minor)
    site = install(python, abi3_shapes_wheel, tmp_path / "site")
    result = run_checks(python, site, "shapes")
    assert result.returncode == 0 and " passed" in result.stdout, result.stdout + result.stderr


# MARK: - abi3t (docs/design/interpreters.md#abi3t): the Stable ABI of default and free-threaded 3.15+

#: The examples whose abi3 wheels are checked above, and hello and buffers: each gets one
#: `--abi3t 3.15` wheel (its Swift target is the one version_wheels compiled; only the glue is new).
ABI3T_EXAMPLES = ["hello", "types", "shapes", "pythonic", "buffers"]


@pytest.fixture(scope="session")
def abi3t_wheels(swiftmod, tmp_path_factory) -> dict[str, Path]:
    """{example: its one abi3t wheel}, each built with `--abi3t 3.15` and no -i: swiftmod picks
    the first 3.15+ interpreter with headers it finds (Debian's, on PATH here)."""
    python_or_skip("3.15")
    wheels = {}
    for example in ABI3T_EXAMPLES:
        out = tmp_path_factory.mktemp(f"abi3t-{example}")
        result = swiftmod("build", "--abi3t", "3.15", "--out", out, cwd=REPO / "Examples" / example)
        assert "abi3t: one wheel for CPython 3.15 and newer" in result.stderr + result.stdout
        (wheel,) = out.glob("*.whl")
        wheels[example] = wheel
    return wheels


@pytest.mark.parametrize("example", ABI3T_EXAMPLES)
def test_the_abi3t_wheel_is_named_tagged_and_uses_only_the_315_stable_abi(abi3t_wheels, example):
    wheel, module = abi3t_wheels[example], EXAMPLES[example]
    assert re.fullmatch(rf"{module}-0\.1\.0-cp315-abi3\.abi3t-manylinux_2_\d+_x86_64\.whl", wheel.name), wheel.name
    platform = wheel.name.removesuffix(".whl").split("-")[-1]
    with zipfile.ZipFile(wheel) as archive:
        assert f"{module}/{module}.abi3t.so" in archive.namelist()
        tags = archive.read(f"{module}-0.1.0.dist-info/WHEEL").decode()
    # The compressed tag expands to both (PEP 425): pip on a default 3.15 takes the abi3 one.
    assert f"Tag: cp315-abi3-{platform}" in tags and f"Tag: cp315-abi3t-{platform}" in tags, tags
    # abi3audit 0.0.26 checks every imported symbol against the 3.15 Stable ABI; it does not know
    # PEP 793's entry point yet and lists PyModExport_<module> (instead of PyInit_) as its only finding.
    audit = subprocess.run([BIN / "abi3audit", "--report", wheel], capture_output=True, text=True)
    (result,) = [so["result"] for spec in json.loads(audit.stdout)["specs"].values() for so in spec["wheel"]]
    assert result["baseline"] == "3.15" and result["computed"] == "3.15" and result["is_abi3_baseline_compatible"], result
    assert result["non_abi3_symbols"] == [f"PyModExport_{module}"], result


@pytest.mark.parametrize("example", ABI3T_EXAMPLES)
def test_the_abi3t_wheel_installs_and_passes_the_checks_on_the_default_315(abi3t_wheels, python_venv, tmp_path, example):
    python = python_venv("3.15")
    site = install(python, abi3t_wheels[example], tmp_path / "site")
    module = EXAMPLES[example]
    assert (site / module / f"{module}.abi3t.so").exists()
    result = run_checks(python, site, example)
    assert result.returncode == 0 and " passed" in result.stdout, result.stdout + result.stderr
    # It is that file CPython loaded (an .abi3t.so is one of 3.15's extension suffixes).
    loaded = subprocess.run([str(python), "-c", f"import {module}, sys; m = sys.modules['{module}.{module}']; print(m.__file__)"],
                            capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(site)))
    assert loaded.returncode == 0 and loaded.stdout.strip().endswith(f"{module}.abi3t.so"), loaded.stdout + loaded.stderr


def test_the_abi3t_module_works_in_a_sub_interpreter_and_3_14_refuses_the_wheel(abi3t_wheels, python_venv, tmp_path):
    python = python_venv("3.15")
    site = install(python, abi3t_wheels["shapes"], tmp_path / "site")
    call, expected = "(Point(1.0, 2.0).scaled(2.0) + Point.ORIGIN, Color.DARK_RED.name)", "(Point(x=2.0, y=4.0), 'DARK_RED')"
    script = SUBINTERPRETER.format(module="shapes", call=call)
    result = subprocess.run([str(python), "-c", script], capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(site)))
    assert result.returncode == 0, result.stderr
    assert "failure: None" in result.stdout and f"result: {expected}" in result.stdout and f"main: {expected}" in result.stdout, result.stdout
    refused = subprocess.run(
        [str(python_venv("3.14")), "-m", "pip", "install", "--no-deps", "--target", str(tmp_path / "old"), str(abi3t_wheels["hello"])],
        capture_output=True, text=True)
    assert refused.returncode != 0 and "is not a supported wheel on this platform" in refused.stderr, refused.stderr


def test_abi3_against_a_free_threaded_interpreter_is_one_clear_error(swiftmod, hello_copy, tmp_path):
    """No free-threaded CPython can be had here: a probe answer like 3.15t's stands in for one."""
    include = Path(subprocess.run([python_or_skip("3.15"), "-c", "import sysconfig; print(sysconfig.get_path('include'))"],
                                  capture_output=True, text=True, check=True).stdout.strip())
    fake = fake_python(tmp_path / "python3.15t", include=str(include), version="3.15.2", abi="315t")
    result = swiftmod("build", "--abi3", "3.10", "-i", fake, cwd=hello_copy, check=False)
    assert result.returncode != 0 and result.stderr.count("error:") == 1, result.stderr
    assert "it is a free-threaded build (cp315t), whose headers cannot build an abi3 module" in result.stderr, result.stderr
    assert not (hello_copy / "dist").exists()


def test_abi3t_below_3_15_or_against_an_older_python_or_beside_abi3_is_one_clear_error(swiftmod, hello_copy):
    result = swiftmod("build", "--abi3t", "3.14", cwd=hello_copy, check=False)
    assert result.returncode != 0 and result.stderr.count("error:") == 1, result.stderr
    assert "--abi3t 3.14: the Stable ABI for free-threaded builds (abi3t) begins with CPython 3.15" in result.stderr, result.stderr
    result = swiftmod("build", "--abi3t", "3.15", "-i", python_or_skip("3.13"), cwd=hello_copy, check=False)
    assert result.returncode != 0 and "an abi3t build for 3.15 compiles against the headers of CPython 3.15 or newer" in result.stderr, result.stderr
    # No -i and no 3.15 where swiftmod looks (Debian's directory off PATH): it says where it looked.
    result = swiftmod("build", "--abi3t", "3.15", cwd=hello_copy, check=False, env=dict(os.environ, PATH="/usr/bin:/bin"))
    assert result.returncode != 0 and result.stderr.count("error:") == 1, result.stderr
    assert "abi3t 3.15: an abi3t build compiles against the headers of CPython 3.15 or newer, and none was found in" in result.stderr, result.stderr
    result = swiftmod("build", "--abi3", "3.10", "--abi3t", "3.15", cwd=hello_copy, check=False)
    assert result.returncode != 0 and "one build targets one Stable ABI" in result.stderr, result.stderr
    pyproject = hello_copy / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + 'abi3 = "3.10"\nabi3t = "3.15"\n')
    result = swiftmod("build", cwd=hello_copy, check=False)
    assert result.returncode != 0 and "sets both `abi3 = \"3.10\"` and `abi3t = \"3.15\"`" in result.stderr, result.stderr
    assert not (hello_copy / "dist").exists()


# MARK: - sub-interpreters (PEP 489 module state, PEP 684 per-interpreter GIL)

SUBINTERPRETER = textwrap.dedent(
    """
    import os, sys
    try:
        import _interpreters as interpreters          # 3.13
    except ImportError:
        import _xxsubinterpreters as interpreters     # 3.12
    read, write = os.pipe()
    interpreter = interpreters.create()               # isolated: its own GIL
    code = f'''
    import os
    from {module} import *
    os.write({{write}}, repr({call}).encode())
    '''
    failure = interpreters.run_string(interpreter, code.replace("\\n    ", "\\n"))
    interpreters.destroy(interpreter)
    print("failure:", failure)
    print("result:", os.read(read, 1000).decode())
    from {module} import *
    print("main:", repr({call}))
    """
)


@pytest.mark.parametrize("minor", ["3.10", "3.15"])
@pytest.mark.parametrize("example", ["shapes", "pythonic", "concurrency"])
def test_the_fuzzers_find_no_crash_on_the_oldest_and_newest_versions(version_wheels, python_venv, tmp_path, example, minor):
    """test_fuzz.py's fuzzers (hostile objects, re-entrant callbacks, a meddling thread, hostile
    async schedules) on the version wheels of the interpreters whose C API paths differ most from
    the default one: 3.10 (PyErr_Fetch, no PyObject_Vectorcall in some paths) and 3.15
    (PyErr_GetRaisedException, the newest object layouts). One seed each; test_fuzz runs more on
    the default interpreter."""
    from test_fuzz import FUZZERS, run_fuzzer
    python = python_venv(minor)
    site = install(python, version_wheels[example][minor], tmp_path / "site")
    run_fuzzer(FUZZERS[example], site, 7, python)


@pytest.mark.parametrize("minor", ["3.12", "3.13", "3.14", "3.15"])
@pytest.mark.parametrize(("build", "module", "call", "expected"), [
    ("version", "hello", 'greet("sub")', "'Hello, sub!'"),
    ("abi3", "type_tour", "scale([1.0, 2.5], 2.0)", "[2.0, 5.0]"),
    # Types live in each module's state: the sub-interpreter's Point is its own type object.
    ("version", "shapes", "Point(1.0, 2.0).scaled(2.0) + Point.ORIGIN", "Point(x=2.0, y=4.0)"),
    ("abi3-shapes", "shapes", "(Figure.Circle(radius=1.0), Color.DARK_RED.name)", "(Figure.Circle(radius=1.0), 'DARK_RED')"),
    # A callback on the call's own thread works in a sub-interpreter; a union is its payload.
    ("version", "pythonic", "(apply([1, 2], lambda x: x + 1), token_count(['a', 'b']), mean(1, 2, 6))", "([2, 3], 2, 3.0)"),
])
def test_the_module_imports_and_works_in_an_isolated_sub_interpreter(version_wheels, abi3_wheel, abi3_shapes_wheel, python_venv, tmp_path, minor, build, module, call, expected):
    python = python_venv(minor)
    wheel = {"version": version_wheels.get(module if module in ("shapes", "pythonic") else "hello", {}).get(minor), "abi3": abi3_wheel, "abi3-shapes": abi3_shapes_wheel}[build]
    site = install(python, wheel, tmp_path / "site")
    script = SUBINTERPRETER.format(module=module, call=call)
    result = subprocess.run([str(python), "-c", script], capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(site)))
    assert result.returncode == 0, result.stderr
    assert "failure: None" in result.stdout and f"result: {expected}" in result.stdout and f"main: {expected}" in result.stdout, result.stdout


ASYNC_SUBINTERPRETER = textwrap.dedent(
    """
    import asyncio, os
    try:
        import _interpreters as interpreters          # 3.13
    except ImportError:
        import _xxsubinterpreters as interpreters     # 3.12
    read, write = os.pipe()
    interpreter = interpreters.create()
    code = (
        "import os\\n"
        "from concurrency import sleep_for\\n"
        "try:\\n"
        "    sleep_for(milliseconds=1)\\n"
        "except RuntimeError as error:\\n"
        f"    os.write({write}, str(error).encode())\\n"
    )
    failure = interpreters.run_string(interpreter, code)
    interpreters.destroy(interpreter)
    print("failure:", failure)
    print("result:", os.read(read, 1000).decode())
    from concurrency import sleep_for
    print("main:", asyncio.run(sleep_for(milliseconds=3)))
    """
)


@pytest.mark.parametrize("minor", ["3.12", "3.13", "3.14", "3.15"])
def test_an_async_call_in_a_sub_interpreter_is_a_runtime_error_and_the_main_one_still_awaits(version_wheels, python_venv, tmp_path, minor):
    """docs/design/async.md#awaitable: completions take the main interpreter's GIL, so a
    sub-interpreter's call is refused at once (no crash, no hang); the main interpreter's works."""
    python = python_venv(minor)
    site = install(python, version_wheels["concurrency"][minor], tmp_path / "site")
    result = subprocess.run([str(python), "-c", ASYNC_SUBINTERPRETER], capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(site)), timeout=120)
    assert result.returncode == 0, result.stderr
    assert "failure: None" in result.stdout, result.stdout
    assert "result: sleep_for(): async functions can be awaited only in the main interpreter" in result.stdout, result.stdout
    assert "main: 3" in result.stdout, result.stdout


# MARK: - develop and list-python


def test_develop_uses_the_virtualenvs_own_python(swiftmod, python_venv, tmp_path):
    python = python_venv("3.12")
    project = tmp_path / "hello"
    shutil.copytree(REPO / "Examples" / "hello", project, ignore=shutil.ignore_patterns(".build", "dist", ".venv"))
    env = dict(os.environ, VIRTUAL_ENV=str(python.parent.parent))
    swiftmod("develop", cwd=project, env=env)
    result = subprocess.run([str(python), "-c", "import hello, sys; print(sys.version_info[:2], hello.hello.__file__, hello.greet('venv'))"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "(3, 12)" in result.stdout and ".cpython-312-x86_64-linux-gnu.so" in result.stdout and "Hello, venv!" in result.stdout
    so = list(python.parent.parent.glob("lib/python3.12/site-packages/hello/hello.cpython-312-x86_64-linux-gnu.so"))
    assert so, "the extension is named for the venv's interpreter"


def test_develop_builds_abi3t_when_the_project_says_so_and_refuses_an_older_venv(swiftmod, python_venv, tmp_path):
    """docs/design/interpreters.md#abi3t: develop builds what the wheel ships."""
    venv = tmp_path / "venv315"
    subprocess.run([python_or_skip("3.15"), "-m", "venv", "--without-pip", str(venv)], check=True, capture_output=True)
    project = tmp_path / "hello"
    shutil.copytree(REPO / "Examples" / "hello", project, ignore=shutil.ignore_patterns(".build", "dist", ".venv"))
    (project / "pyproject.toml").write_text((project / "pyproject.toml").read_text() + 'abi3t = "3.15"\n')
    swiftmod("develop", cwd=project, env=dict(os.environ, VIRTUAL_ENV=str(venv)))
    result = subprocess.run([str(venv / "bin" / "python"), "-c", "import hello, sys; print(sys.modules['hello.hello'].__file__, hello.greet('t'))"],
                            capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.split()[0].endswith("hello/hello.abi3t.so") and "Hello, t!" in result.stdout, result.stdout + result.stderr
    older = swiftmod("develop", cwd=project, env=dict(os.environ, VIRTUAL_ENV=str(python_venv("3.13").parent.parent)), check=False)
    assert older.returncode != 0 and "the project's abi3t = \"3.15\" wheel needs CPython 3.15 or newer" in older.stderr, older.stderr


def test_list_python_shows_each_version_with_its_abi_suffix_and_headers(swiftmod):
    listing = swiftmod("list-python").stdout
    for minor, python in find_pythons().items():
        digits = minor.replace(".", "")
        # pyenv's are listed as .../3.12.1/bin/python3; Debian's 3.14 and 3.15 share one directory.
        row = next((line for line in listing.splitlines() if line.startswith(str(python.parent)) and f" {minor}." in line), None)
        assert row is not None, listing
        assert re.search(rf"\s{re.escape(minor)}\.\d+\s+cp{digits}\s+\.cpython-{digits}-x86_64-linux-gnu\.so\s+yes\s+yes", row), row


def test_list_python_names_the_candidates_that_do_not_run_only_with_verbose(swiftmod, tmp_path):
    # A pyenv shim of a version that is not selected exits 127: listing it on every run is noise.
    shims = tmp_path / "shims"
    shims.mkdir()
    shim = shims / "python3.9"
    shim.write_text("#!/bin/sh\necho 'pyenv: python3.9: command not found' >&2\nexit 127\n")
    shim.chmod(0o755)
    env = dict(os.environ, PATH=f"{shims}:{os.environ['PATH']}")
    quiet = swiftmod("list-python", env=env)
    assert str(shim) not in quiet.stdout + quiet.stderr and "skipped" not in quiet.stderr, quiet.stderr
    verbose = swiftmod("list-python", "-v", env=env)
    assert f"skipped {shim}" in verbose.stderr, verbose.stderr


# MARK: - bad input: one clear error, nothing in dist/


def fake_python(path: Path, *, implementation="cpython", include="/nonexistent/include", version="3.12.1", abi="312") -> Path:
    """A script that answers swiftmod's probe like an interpreter would."""
    lines = [include, f".cpython-{abi}-x86_64-linux-gnu.so", version, str(path), "/tmp/platlib", "/tmp/scripts", implementation, abi]
    path.write_text("#!/bin/sh\ncat <<'EOF'\n" + "\n".join(lines) + "\nEOF\n")
    path.chmod(0o755)
    return path


@pytest.fixture
def hello_copy(tmp_path) -> Path:
    project = tmp_path / "hello"
    shutil.copytree(REPO / "Examples" / "hello", project, ignore=shutil.ignore_patterns(".build", "dist", ".venv"))
    return project


@pytest.mark.parametrize(("interpreter", "expected"), [
    ("/nonexistent/bin/python3", "cannot build for the Python interpreter /nonexistent/bin/python3: it does not exist or cannot be run"),
    ("FAKE:pypy", "it is pypy, not CPython; swiftmod builds CPython extensions"),
    ("FAKE:headers", "has no C headers (no Python.h in /nonexistent/include)"),
    ("OLD", "older than the 3.10 that swiftmod's generated code needs"),
])
def test_an_unusable_interpreter_is_one_clear_error_and_nothing_is_written(swiftmod, hello_copy, tmp_path, interpreter, expected):
    if interpreter.startswith("FAKE:"):
        kind = interpreter.split(":")[1]
        interpreter = fake_python(tmp_path / "python3", implementation="pypy" if kind == "pypy" else "cpython")
    elif interpreter == "OLD":
        old = sorted(p for p in Path(python_or_skip("3.12")).parents[2].glob("3.[6-9].*/bin/python3"))
        if not old:
            pytest.skip("no CPython older than 3.10 in pyenv's versions")
        interpreter = old[-1]
    # A good interpreter first: nothing is built for it either, because every one is checked first.
    result = swiftmod("build", "-i", python_or_skip("3.12"), "-i", interpreter, cwd=hello_copy, check=False)
    assert result.returncode != 0
    assert expected in result.stderr, result.stderr
    assert result.stderr.count("error:") == 1, result.stderr
    assert not (hello_copy / "dist").exists()


def test_an_interpreter_that_requires_python_excludes_is_refused(swiftmod, hello_copy):
    pyproject = hello_copy / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('requires-python = ">=3.10"', 'requires-python = ">=3.12"'))
    result = swiftmod("build", "-i", python_or_skip("3.11"), cwd=hello_copy, check=False)
    assert result.returncode != 0
    assert "which the project's requires-python = \">=3.12\" excludes" in result.stderr, result.stderr
    assert not (hello_copy / "dist").exists()
    result = swiftmod("build", "--abi3", "3.11", cwd=hello_copy, check=False)
    assert result.returncode != 0 and "--abi3 3.11: requires-python = \">=3.12\"" in result.stderr, result.stderr


def test_abi3_below_3_11_refuses_buffer_parameters_naming_the_function(swiftmod, tmp_path):
    project = tmp_path / "buffers"
    shutil.copytree(REPO / "Examples" / "buffers", project, ignore=shutil.ignore_patterns(".build", "dist", ".venv"))
    result = swiftmod("build", "--abi3", "3.10", cwd=project, check=False)
    assert result.returncode != 0
    # The first buffer parameter in source order names its file, line and function
    # (Arrays.swift's `fillHalves(inout MutableSpan<Double>)` comes before Buffers.swift's `checksum`).
    assert re.search(r"Sources/Buffers/\w+\.swift:\d+: '\w+' takes a (inout MutableSpan<Double>|RawSpan), and the buffer protocol is in the limited API only from Python 3\.11",
                     result.stderr), result.stderr
    assert not (project / "dist").exists()


def test_abi3_below_3_11_refuses_array_results_naming_the_function(swiftmod, tmp_path):
    """docs/design/results.md#abi3-arrays: a ContiguousArray<T> result needs the buffer protocol."""
    project = swift_project(tmp_path / "arr", "arr", "Arr", "public func ramp(_ n: Int) -> ContiguousArray<Double> { ContiguousArray((0..<n).map(Double.init)) }\n")
    result = swiftmod("build", "--abi3", "3.10", cwd=project, check=False)
    assert result.returncode != 0
    assert "Arr.swift:1: 'ramp' returns ContiguousArray<Double>, which Python sees through the buffer protocol" in result.stderr, result.stderr
    assert "abi3 = \"3.11\"" in result.stderr


def test_an_abi3_older_than_the_glue_supports_is_refused(swiftmod, hello_copy):
    result = swiftmod("build", "--abi3", "3.9", cwd=hello_copy, check=False)
    assert result.returncode != 0 and "needs the limited API of 3.10 or newer" in result.stderr, result.stderr
    result = swiftmod("build", "--abi3", "three", cwd=hello_copy, check=False)
    assert result.returncode != 0 and "--abi3" in result.stderr, result.stderr


def test_a_pyenv_shim_that_does_not_run_is_looked_up_in_pyenvs_versions(swiftmod, tmp_path):
    python_or_skip("3.12")
    shims = tmp_path / "shims"
    shims.mkdir()
    shim = shims / "python3.12"
    shim.write_text("#!/bin/sh\necho 'pyenv: python3.12: command not found' >&2\nexit 127\n")
    shim.chmod(0o755)
    env = dict(os.environ, PATH=f"{shims}:{os.environ['PATH']}")
    result = swiftmod("compile", "-i", "python3.12", "--out", tmp_path / "out", cwd=REPO / "Examples" / "hello", env=env)
    assert "python3.12 on PATH does not run; using " in result.stderr, result.stderr
    assert list((tmp_path / "out" / "hello").glob("hello.cpython-312-x86_64-linux-gnu.so"))
