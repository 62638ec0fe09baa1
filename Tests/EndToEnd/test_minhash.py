"""Examples/minhash, the showcase (issue 18): its rensa-compatibility suite (which also runs
every check against rensa 0.5.0, so the two cannot drift apart) after `swiftmod develop`, and
after installing the wheel `swiftmod build` makes into a fresh venv."""

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

MINHASH = REPO / "Examples" / "minhash"
PINS = [line for line in (REPO / "Tests/EndToEnd/requirements.txt").read_text().splitlines()
        if line.split("==")[0] in ("pytest", "hypothesis", "rensa", "numpy")]


def fresh_venv(path: Path) -> Path:
    venv.create(path, with_pip=True)
    python = path / "bin" / "python"
    result = subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *PINS], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return python


def run_suite(python: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, MINHASH_REQUIRE="rensa,minhash")
    env.pop("PYTHONPATH", None)
    return subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(MINHASH / "tests")],
                          capture_output=True, text=True, env=env, cwd=cwd)


@pytest.fixture
def project(tmp_path) -> Path:
    copy = tmp_path / "minhash"
    shutil.copytree(MINHASH, copy, ignore=shutil.ignore_patterns(".build", ".build-*", ".venv", "dist"))
    return copy


def test_the_suite_passes_after_develop(swiftmod, project, tmp_path):
    python = fresh_venv(tmp_path / "venv")
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
    python = fresh_venv(tmp_path / "venv")
    install = subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--disable-pip-version-check", wheel], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    result = run_suite(python, tmp_path)
    assert result.returncode == 0 and " passed" in result.stdout, result.stdout[-4000:] + result.stderr[-2000:]
    stubtest = subprocess.run([sys.executable, "-m", "mypy.stubtest", "minhash"], capture_output=True, text=True,
                              env=dict(os.environ, PYTHONPATH=str(next((tmp_path / "venv" / "lib").glob("python3.*")) / "site-packages")))
    assert stubtest.returncode == 0, stubtest.stdout + stubtest.stderr
