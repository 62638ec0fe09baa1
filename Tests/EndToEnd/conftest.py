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


# MARK: - Every Python (docs/design/interpreters.md#interpreters)

#: The CPython minor versions the end-to-end tests build and import the examples on.
MINORS = ("3.10", "3.11", "3.12", "3.13", "3.14", "3.15")
#: The versions that come from ../shared/tools/install-pythons.sh (Debian's builds), not pyenv.
DEBIAN_MINORS = ("3.14", "3.15")
INSTALL_PYTHONS = REPO.parent / "shared" / "tools" / "install-pythons.sh"
#: Why install-pythons.sh could not provide DEBIAN_MINORS, when it could not (set by pytest_configure).
_install_failure: list[str] = []


def debian_python_dir() -> Path:
    return Path(os.environ.get("SWIFTMOD_DEBIAN_PYTHONS") or Path.home() / ".cache" / "debian-python") / "bin"


def install_debian_pythons() -> None:
    """Runs install-pythons.sh once per session (a no-op when they are there): CPython 3.14 and
    3.15 with headers and venv, so a fresh machine and CI test the same interpreters."""
    if not INSTALL_PYTHONS.exists():
        _install_failure.append(f"{INSTALL_PYTHONS} is missing")
        return
    result = subprocess.run(["bash", str(INSTALL_PYTHONS), *DEBIAN_MINORS], capture_output=True, text=True,
                            env=dict(os.environ, DEST=str(debian_python_dir().parent)))
    if result.returncode != 0:
        _install_failure.append(f"{INSTALL_PYTHONS} exited {result.returncode}: {(result.stderr or result.stdout).strip()[-500:]}")


def pytest_configure(config):
    install_debian_pythons()
    # On PATH, as a user would have them, so `--find-interpreter` and `list-python` find them
    # (the directory holds python3.14 and python3.15 only: `python3` stays what it was).
    if debian_python_dir().is_dir():
        os.environ["PATH"] = f"{debian_python_dir()}{os.pathsep}{os.environ.get('PATH', '')}"


def pyenv_versions_dir() -> Path:
    root = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    return Path(root) / "versions"


def find_pythons() -> dict[str, Path]:
    """The CPython of each of MINORS: the newest pyenv build ({"3.12": .../versions/3.12.1/bin/python3.12}),
    and Debian's 3.14 and 3.15 from install-pythons.sh."""
    found: dict[str, tuple[tuple[int, ...], Path]] = {}
    for minor in DEBIAN_MINORS:
        executable = debian_python_dir() / f"python{minor}"
        if executable.exists():
            found[minor] = ((0,), executable)
    versions = pyenv_versions_dir()
    for directory in versions.glob("3.*") if versions.is_dir() else []:
        parts = directory.name.split(".")
        if len(parts) != 3 or not all(p.isdigit() for p in parts):
            continue
        minor = ".".join(parts[:2])
        executable = directory / "bin" / f"python{minor}"
        if minor in MINORS and minor not in DEBIAN_MINORS and executable.exists():
            key = tuple(map(int, parts))
            if minor not in found or key > found[minor][0]:
                found[minor] = (key, executable)
    return {minor: found[minor][1] for minor in sorted(found, key=lambda m: int(m.split(".")[1]))}


def pytest_report_header(config):
    pythons = find_pythons()
    missing = [m for m in MINORS if m not in pythons]
    line = "interpreters for the per-version tests: " + (", ".join(f"{m} {p}" for m, p in pythons.items()) or "none")
    return [line] + ([f"not found (those tests are skipped, each saying so): {', '.join(missing)}"] if missing else [])


def python_or_skip(minor: str) -> Path:
    """The pyenv interpreter for `minor`; skips (with a reason) where it is missing, and fails on
    CI, where every version must be there."""
    pythons = find_pythons()
    if minor not in pythons:
        if minor in DEBIAN_MINORS:
            message = f"no CPython {minor} in {debian_python_dir()}" + (f" ({_install_failure[0]})" if _install_failure else "")
        else:
            message = f"no CPython {minor} in {pyenv_versions_dir()}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI machines have pyenv's 3.10-3.13 and install-pythons.sh's 3.14-3.15)")
        pytest.skip(message)
    return pythons[minor]


@pytest.fixture(scope="session")
def python_venv(tmp_path_factory):
    """A virtualenv of each pyenv version with pytest and NumPy, made once per session: venv(minor) -> python."""
    made: dict[str, Path] = {}
    # pytest for the examples' checks; NumPy and typing-extensions for Examples/buffers;
    # hypothesis for the fuzzers (test_interpreters runs them on the oldest and newest). NumPy
    # and hypothesis are not pinned here: their pinned releases no longer support 3.10, pip
    # picks ones that do.
    pins = [line for line in (REPO / "Tests/EndToEnd/requirements.txt").read_text().splitlines()
            if line.split("==")[0] in ("pytest", "typing-extensions")] + ["numpy>=1.26", "hypothesis>=6.100"]

    def venv_for(minor: str) -> Path:
        if minor not in made:
            base = python_or_skip(minor)
            root = tmp_path_factory.mktemp(f"venv-{minor}")
            subprocess.run([str(base), "-m", "venv", str(root)], check=True, capture_output=True)
            python = root / "bin" / "python"
            subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *pins], check=True, capture_output=True)
            made[minor] = python
        return made[minor]

    return venv_for


def swift_project(root: Path, name: str, target: str, source: str) -> Path:
    """A one-target Swift package with a minimal pyproject.toml, for tests of generated code."""
    (root / "Sources" / target).mkdir(parents=True)
    (root / "Sources" / target / f"{target}.swift").write_text(source)
    (root / "Package.swift").write_text(
        "// swift-tools-version:6.0\nimport PackageDescription\n"
        f'let package = Package(name: "{name}", products: [.library(name: "{target}", targets: ["{target}"])], '
        f'targets: [.target(name: "{target}")])\n'
    )
    (root / "pyproject.toml").write_text(f'[project]\nname = "{name}"\nversion = "0.1.0"\n')
    return root


# MARK: - showcase suites (test_minhash.py, test_tiktoken.py)


def pinned(*names: str) -> list[str]:
    """The requirement lines of requirements.txt for these distributions (`rensa==0.5.0`)."""
    return [line for line in (REPO / "Tests/EndToEnd/requirements.txt").read_text().splitlines()
            if line.split("==")[0] in names]


def fresh_venv(path: Path, packages: list[str]) -> Path:
    """A new virtualenv at `path` with `packages` installed from PyPI; its python."""
    import venv

    venv.create(path, with_pip=True)
    python = path / "bin" / "python"
    result = subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *packages],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return python


def run_example_suite(python: Path, tests: Path, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    """An example's own pytest suite under `python`, with `env` added and no PYTHONPATH (the
    module must come from the venv)."""
    environment = dict(os.environ, **env)
    environment.pop("PYTHONPATH", None)
    return subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tests)],
                          capture_output=True, text=True, env=environment, cwd=cwd)


def copy_example(name: str, tmp_path: Path, *ignore: str) -> Path:
    """A copy of Examples/<name> without its build products (and `ignore` patterns)."""
    import shutil

    copy = tmp_path / name
    shutil.copytree(REPO / "Examples" / name, copy, ignore=shutil.ignore_patterns(".build", ".build-*", ".venv", "dist", *ignore))
    return copy
