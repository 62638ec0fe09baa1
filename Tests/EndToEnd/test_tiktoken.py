"""Examples/tiktoken, the tokenizer showcase (issue 29), against tiktoken 0.14.0 installed from
PyPI on the yardstick's rank tables (../shared/tokenizer beside the repository): the example's
whole suite (corpora generated at test time) after `swiftmod develop` and from the wheel in a
fresh venv on this interpreter, and a compact identity check (`tests/check_identity.py`) from
the wheel on every CPython the end-to-end tests use, against tiktoken's results written on this
interpreter (tiktoken has no wheels for some of them). One `swiftmod build` makes the wheels for
all versions: the Swift core is compiled once, the glue per version."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import MINORS, REPO, copy_example, find_pythons, fresh_venv, pinned, run_example_suite

TIKTOKEN = REPO / "Examples" / "tiktoken"
YARDSTICK = REPO.parent / "shared" / "tokenizer"
PINS = pinned("pytest", "hypothesis", "numpy", "tiktoken", "regex")
CHECK = TIKTOKEN / "tests" / "check_identity.py"
HERE = f"{sys.version_info[0]}.{sys.version_info[1]}"

pytestmark = pytest.mark.skipif(not (YARDSTICK / "data" / "ranks-50k.tiktoken").is_file(),
                                reason=f"no tokenizer yardstick at {YARDSTICK}")


def suite_env() -> dict:
    return {"SWIFT_TIKTOKEN_REQUIRE": "1", "SWIFT_TIKTOKEN_YARDSTICK": str(YARDSTICK)}


def run_suite(python: Path, cwd: Path) -> subprocess.CompletedProcess:
    return run_example_suite(python, TIKTOKEN / "tests", cwd, suite_env())


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_example("tiktoken", tmp_path, "_core*")


@pytest.fixture(scope="module")
def wheels(swiftmod, tmp_path_factory) -> dict[str, Path]:
    """{minor: wheel} for every CPython found and this interpreter, from one `swiftmod build`."""
    project = copy_example("tiktoken", tmp_path_factory.mktemp("tiktoken-project"), "_core*")
    out = tmp_path_factory.mktemp("tiktoken-wheels")
    interpreters = dict(find_pythons())
    interpreters.setdefault(HERE, Path(sys.executable))
    swiftmod("build", *[a for python in interpreters.values() for a in ("-i", python)], "--out", out, cwd=project)
    return {f"3.{wheel.name.split('-')[2][3:]}": wheel for wheel in out.glob("swift_tiktoken-0.1.0-*.whl")}


@pytest.fixture(scope="module")
def reference(wheels, tmp_path_factory) -> tuple[Path, Path]:
    """(python, expected.json): a fresh venv with tiktoken and this interpreter's wheel, and
    tiktoken's results for check_identity.py, written by that venv."""
    root = tmp_path_factory.mktemp("tiktoken-venv")
    python = fresh_venv(root / "venv", PINS)
    install = subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--disable-pip-version-check", wheels[HERE]],
                             capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    expected = root / "expected.json"
    written = subprocess.run([python, CHECK, "--write", expected], capture_output=True, text=True,
                             env=dict(os.environ, **suite_env()), cwd=root)
    assert written.returncode == 0, written.stdout + written.stderr
    return python, expected


def test_the_suite_passes_after_develop(swiftmod, project, tmp_path):
    python = fresh_venv(tmp_path / "venv", PINS)
    swiftmod("develop", "--release", cwd=project, env=dict(os.environ, VIRTUAL_ENV=str(python.parent.parent)))
    result = run_suite(python, tmp_path)
    assert result.returncode == 0 and " passed" in result.stdout, result.stdout[-4000:] + result.stderr[-2000:]


def test_the_suite_passes_from_the_wheel_in_a_fresh_venv(wheels, reference, tmp_path):
    wheel = wheels[HERE]
    assert wheel.stat().st_size <= 3 * 1024 * 1024, f"{wheel.name}: {wheel.stat().st_size} bytes"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "swift_tiktoken/core.py" in names and any(n.startswith("swift_tiktoken/_core.") and n.endswith(".so") for n in names)
    python, _ = reference
    result = run_suite(python, tmp_path)
    assert result.returncode == 0 and " passed" in result.stdout, result.stdout[-4000:] + result.stderr[-2000:]


@pytest.mark.parametrize("minor", MINORS)
def test_the_wheel_gives_tiktokens_results_on_every_version(wheels, reference, python_venv, tmp_path, minor):
    python = python_venv(minor)   # pytest and NumPy; skips a version that is not installed (fails on CI)
    wheel = wheels.get(minor)
    assert wheel is not None, f"no swift-tiktoken wheel for {minor}: {sorted(wheels)}"
    site = tmp_path / "site"
    install = subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--disable-pip-version-check",
                              "--target", site, wheel], capture_output=True, text=True)
    assert install.returncode == 0, install.stdout + install.stderr
    env = dict(os.environ, PYTHONPATH=str(site), **suite_env())
    result = subprocess.run([python, CHECK, reference[1]], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 0 and f"Python {minor}." in result.stdout and "identical to tiktoken" in result.stdout, \
        result.stdout + result.stderr


@pytest.mark.parametrize("target", ["3.10", "3.12"])
def test_the_python_layer_type_checks_against_the_generated_stubs(wheels, tmp_path, target):
    """The package as installed (the Python layer beside the generated `_core.pyi`) passes
    `mypy --strict`, for a Python before PEP 688 (no `__buffer__` in the stub) and after."""
    with zipfile.ZipFile(wheels[HERE]) as archive:
        archive.extractall(tmp_path / "site")
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-version", target,
                             "-p", "swift_tiktoken"], capture_output=True, text=True, cwd=tmp_path,
                            env=dict(os.environ, MYPYPATH=str(tmp_path / "site")))
    assert result.returncode == 0, result.stdout + result.stderr

