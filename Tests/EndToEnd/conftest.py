"""Shared fixtures for the end-to-end tests: they run the real swiftmod binary."""

import os
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _swiftmod_binary() -> Path:
    explicit = os.environ.get("SWIFTMOD_BIN")
    if explicit:
        return Path(explicit).resolve()
    bin_dir = subprocess.run(
        ["swift", "build", "--show-bin-path"], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout.strip()
    return Path(bin_dir) / "swiftmod"


@pytest.fixture(scope="session")
def swiftmod_bin() -> Path:
    path = _swiftmod_binary()
    if not path.exists():
        pytest.fail(f"{path} does not exist: run `swift build` (or `make test`) first")
    return path


class Swiftmod:
    """Runs the swiftmod binary and keeps what it printed."""

    def __init__(self, binary: Path):
        self.binary = binary

    def __call__(self, *args, cwd=None, check=True, env=None) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [str(self.binary), *map(str, args)],
            cwd=cwd,
            capture_output=True,
            text=True,
            env=env,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"swiftmod {' '.join(map(str, args))} exited {result.returncode}\n"
                f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
            )
        return result


@pytest.fixture(scope="session")
def swiftmod(swiftmod_bin) -> Swiftmod:
    return Swiftmod(swiftmod_bin)


def tree(path: Path) -> dict[str, bytes]:
    """Every file below `path` with its contents, by relative path."""
    return {
        str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()
    }


def swift_toolchain() -> Path | None:
    swift = shutil.which("swift")
    return Path(swift).resolve().parents[2] if swift else None


def run_without_toolchain(args: list[str], env: dict | None = None, cwd=None) -> subprocess.CompletedProcess:
    """Runs `args` with the toolchain directory hidden under an empty tmpfs, when possible."""
    toolchain = swift_toolchain()
    marker = "swiftmod-test: toolchain hidden\n"
    if toolchain and os.geteuid() == 0 and shutil.which("unshare"):
        script = f'mount -t tmpfs tmpfs "{toolchain}" && [ -z "$(ls -A "{toolchain}")" ] && printf "{marker}" >&2 && exec "$@"'
        hidden = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", *map(str, args)], capture_output=True, text=True, env=env, cwd=cwd)
        if hidden.stderr.startswith(marker):
            hidden.stderr = hidden.stderr[len(marker):]
            return hidden
    warnings.warn(f"could not hide the Swift toolchain ({toolchain}) from the process: not root or no unshare; it ran with it visible")
    return subprocess.run(list(map(str, args)), capture_output=True, text=True, env=env, cwd=cwd)
