"""Examples/tiktoken, the tokenizer showcase (issue 29): its suite, which compares every result
with tiktoken 0.14.0 installed from PyPI on the yardstick's rank tables and on corpora generated
at test time (../shared/tokenizer beside the repository), after `swiftmod develop` and after
installing the wheel `swiftmod build` makes into a fresh venv."""

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

TIKTOKEN = REPO / "Examples" / "tiktoken"
YARDSTICK = REPO.parent / "shared" / "tokenizer"
PINS = [line for line in (REPO / "Tests/EndToEnd/requirements.txt").read_text().splitlines()
        if line.split("==")[0] in ("pytest", "hypothesis", "numpy", "tiktoken", "regex")]

pytestmark = pytest.mark.skipif(not (YARDSTICK / "data" / "ranks-50k.tiktoken").is_file(),
                                reason=f"no tokenizer yardstick at {YARDSTICK}")


def fresh_venv(path: Path) -> Path:
    venv.create(path, with_pip=True)
    python = path / "bin" / "python"
    result = subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *PINS],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return python


def run_suite(python: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, SWIFT_TIKTOKEN_REQUIRE="1", SWIFT_TIKTOKEN_YARDSTICK=str(YARDSTICK))
    env.pop("PYTHONPATH", None)
    return subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(TIKTOKEN / "tests")],
                          capture_output=True, text=True, env=env, cwd=cwd)


@pytest.fixture
def project(tmp_path) -> Path:
    copy = tmp_path / "tiktoken"
    shutil.copytree(TIKTOKEN, copy, ignore=shutil.ignore_patterns(".build", ".build-*", ".venv", "dist", "_core*"))
    return copy


def test_the_suite_passes_after_develop(swiftmod, project, tmp_path):
    python = fresh_venv(tmp_path / "venv")
    swiftmod("develop", "--release", cwd=project, env=dict(os.environ, VIRTUAL_ENV=str(python.parent.parent)))
    result = run_suite(python, tmp_path)
    assert result.returncode == 0 and " passed" in result.stdout, result.stdout[-4000:] + result.stderr[-2000:]


def test_the_suite_passes_from_the_wheel_in_a_fresh_venv(swiftmod, project, tmp_path):
    out = tmp_path / "dist"
    swiftmod("build", "-i", sys.executable, "--out", out, cwd=project)
    wheel = next(out.glob("swift_tiktoken-0.1.0-*.whl"))
    assert wheel.stat().st_size <= 3 * 1024 * 1024, f"{wheel.name}: {wheel.stat().st_size} bytes"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "swift_tiktoken/core.py" in names and any(n.startswith("swift_tiktoken/_core.") and n.endswith(".so") for n in names)
    python = fresh_venv(tmp_path / "venv")
    install = subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--disable-pip-version-check", wheel],
                             capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    result = run_suite(python, tmp_path)
    assert result.returncode == 0 and " passed" in result.stdout, result.stdout[-4000:] + result.stderr[-2000:]
