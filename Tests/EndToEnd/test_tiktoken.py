"""Examples/tiktoken, the tokenizer showcase (issue 29): its suite, which compares every result
with tiktoken 0.14.0 installed from PyPI on the yardstick's rank tables and on corpora generated
at test time (../shared/tokenizer beside the repository), after `swiftmod develop` and after
installing the wheel `swiftmod build` makes into a fresh venv."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, copy_example, fresh_venv, pinned, run_example_suite

TIKTOKEN = REPO / "Examples" / "tiktoken"
YARDSTICK = REPO.parent / "shared" / "tokenizer"
PINS = pinned("pytest", "hypothesis", "numpy", "tiktoken", "regex")

pytestmark = pytest.mark.skipif(not (YARDSTICK / "data" / "ranks-50k.tiktoken").is_file(),
                                reason=f"no tokenizer yardstick at {YARDSTICK}")


def run_suite(python: Path, cwd: Path) -> subprocess.CompletedProcess:
    return run_example_suite(python, TIKTOKEN / "tests", cwd, {"SWIFT_TIKTOKEN_REQUIRE": "1", "SWIFT_TIKTOKEN_YARDSTICK": str(YARDSTICK)})


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_example("tiktoken", tmp_path, "_core*")


def test_the_suite_passes_after_develop(swiftmod, project, tmp_path):
    python = fresh_venv(tmp_path / "venv", PINS)
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
    python = fresh_venv(tmp_path / "venv", PINS)
    install = subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--disable-pip-version-check", wheel],
                             capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    result = run_suite(python, tmp_path)
    assert result.returncode == 0 and " passed" in result.stdout, result.stdout[-4000:] + result.stderr[-2000:]
