"""Examples/minhash, the showcase (issue 18): its rensa-compatibility suite (which also runs
every check against rensa 0.5.0, so the two cannot drift apart) after `swiftmod develop`, and
after installing the wheel `swiftmod build` makes into a fresh venv."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, copy_example, fresh_venv, pinned, run_example_suite

MINHASH = REPO / "Examples" / "minhash"
PINS = pinned("pytest", "hypothesis", "rensa", "numpy")


def run_suite(python: Path, cwd: Path) -> subprocess.CompletedProcess:
    return run_example_suite(python, MINHASH / "tests", cwd, {"MINHASH_REQUIRE": "rensa,minhash"})


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_example("minhash", tmp_path)


def test_the_suite_passes_after_develop(swiftmod, project, tmp_path):
    python = fresh_venv(tmp_path / "venv", PINS)
    swiftmod("develop", "--release", cwd=project, env=dict(os.environ, VIRTUAL_ENV=str(python.parent.parent)))
    result = run_suite(python, tmp_path)
    assert result.returncode == 0 and " passed" in result.stdout, result.stdout[-4000:] + result.stderr[-2000:]


def test_the_suite_passes_from_the_wheel_in_a_fresh_venv(swiftmod, project, tmp_path):
    out = tmp_path / "dist"
    swiftmod("build", "-i", sys.executable, "--out", out, cwd=project)
    wheel = next(out.glob("swift_minhash-0.1.0-*.whl"))
    assert wheel.stat().st_size <= 3 * 1024 * 1024, f"{wheel.name}: {wheel.stat().st_size} bytes"
    with zipfile.ZipFile(wheel) as archive:
        assert "minhash/__init__.pyi" in archive.namelist()
    python = fresh_venv(tmp_path / "venv", PINS)
    install = subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--disable-pip-version-check", wheel], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    result = run_suite(python, tmp_path)
    assert result.returncode == 0 and " passed" in result.stdout, result.stdout[-4000:] + result.stderr[-2000:]
    stubtest = subprocess.run([sys.executable, "-m", "mypy.stubtest", "minhash"], capture_output=True, text=True,
                              env=dict(os.environ, PYTHONPATH=str(next((tmp_path / "venv" / "lib").glob("python3.*")) / "site-packages")))
    assert stubtest.returncode == 0, stubtest.stdout + stubtest.stderr
