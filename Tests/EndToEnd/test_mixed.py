"""Mixed Swift and Python projects (docs/design/mixed.md): `Examples/mixed` (a Swift core, a Python
wrapper, package data, a console script and a `.data` directory) checked by its own
`tests/check_installed.py` after `swiftmod develop`, after installing the wheel of `swiftmod
build`, and after `pip install` of its sdist; live Python edits; `pip uninstall` leaving nothing.

The tests run in file order and share one copy of the example and one build of it."""

import os
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

BIN = Path(sys.executable).parent
EXAMPLE = REPO / "Examples" / "mixed"
EXT_SUFFIX = ".cpython-311-x86_64-linux-gnu.so"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the example: develop writes into its source package."""
    root = tmp_path_factory.mktemp("mixed") / "mixed"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".build", "dist", ".venv", "*.so", "_native.pyi", "__pycache__"))
    return root


def make_venv(path: Path) -> Path:
    venv.EnvBuilder(with_pip=True).create(path)
    return path


def run(python: Path, *args, cwd="/") -> subprocess.CompletedProcess:
    return subprocess.run([str(python), *map(str, args)], capture_output=True, text=True, cwd=cwd)


def check(env: Path, project: Path):
    """Runs the example's own check with the environment's Python, from outside the project."""
    result = run(env / "bin/python", project / "tests/check_installed.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "mixed-demo: all checks passed" in result.stdout


def environment_listing(env: Path) -> set[str]:
    """Every file of the environment (bytecode caches aside)."""
    return {str(p.relative_to(env)) for p in env.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def developed(swiftmod, project, tmp_path_factory):
    """The example developed into a fresh virtualenv: (env, the environment's files before)."""
    env = make_venv(tmp_path_factory.mktemp("mixed-venv") / "env")
    before = environment_listing(env)
    result = swiftmod("develop", cwd=project, env=dict(os.environ, VIRTUAL_ENV=str(env)))
    assert "Installed into" in result.stdout
    return env, before


def site_packages(env: Path) -> Path:
    return next((env / "lib").glob("python3.*/site-packages"))


# MARK: - develop


def test_develop_passes_the_examples_check(developed, project):
    check(developed[0], project)


def test_develop_links_the_source_package_and_builds_the_extension_into_it(developed, project):
    env, before = developed
    site = site_packages(env)
    assert (site / "mixed_demo.pth").read_text() == f"{project / 'python'}\n"
    assert not (site / "mixed_demo").exists()
    package = project / "python/mixed_demo"
    assert (package / f"_native{EXT_SUFFIX}").is_file()
    assert "def top_words(text: str, /, count: int = 3" in (package / "_native.pyi").read_text()
    imported = run(env / "bin/python", "-c", "import mixed_demo, mixed_demo._native as n; print(mixed_demo.__file__); print(n.__file__)")
    assert imported.stdout.split() == [str(package / "__init__.py"), str(package / f"_native{EXT_SUFFIX}")]
    shown = run(env / "bin/python", "-m", "pip", "show", "-f", "mixed-demo")
    assert "Version: 0.1.0" in shown.stdout and "Editable project location" in shown.stdout
    # RECORD lists what pip must remove: the .pth, both scripts, the data file, the metadata.
    added = environment_listing(env) - before
    assert {"bin/mixed-demo-top", "bin/mixed-demo-hello", "share/mixed-demo/greeting.txt"} <= added
    assert all(path.startswith(("bin/", "share/", str(site.relative_to(env)))) for path in added), added


def test_python_edits_are_live_without_develop(swiftmod, developed, project):
    env, _ = developed
    init = project / "python/mixed_demo/__init__.py"
    original = init.read_text()
    init.write_text(original + "\nLIVE_EDIT = 'seen'\n")
    try:
        result = run(env / "bin/python", "-c", "import mixed_demo; print(mixed_demo.LIVE_EDIT)")
        assert result.stdout.strip() == "seen", result.stderr
        # A Python edit is no reason to rebuild the Swift core.
        again = swiftmod("develop", cwd=project, env=dict(os.environ, VIRTUAL_ENV=str(env)))
        assert again.stdout.startswith("Up to date"), again.stdout
    finally:
        init.write_text(original)


def test_a_swift_edit_is_rebuilt_into_the_source_package(swiftmod, developed, project):
    env, _ = developed
    source = project / "Sources/MixedCore/MixedCore.swift"
    original = source.read_text()
    source.write_text(original + "\n/// Added by the test.\npublic func answer() -> Int { 42 }\n")
    try:
        swiftmod("develop", cwd=project, env=dict(os.environ, VIRTUAL_ENV=str(env)))
        result = run(env / "bin/python", "-c", "import mixed_demo._native as n; print(n.answer())")
        assert result.stdout.strip() == "42", result.stderr
        assert "def answer() -> int" in (project / "python/mixed_demo/_native.pyi").read_text()
    finally:
        source.write_text(original)
    swiftmod("develop", cwd=project, env=dict(os.environ, VIRTUAL_ENV=str(env)))


def test_pip_uninstall_leaves_nothing_behind(developed, project):
    env, before = developed
    result = run(env / "bin/python", "-m", "pip", "uninstall", "-y", "mixed-demo")
    assert result.returncode == 0, result.stderr
    assert environment_listing(env) == before
    gone = run(env / "bin/python", "-c", "import mixed_demo")
    assert "No module named 'mixed_demo'" in gone.stderr
    # As with maturin, the extension built into the source tree stays there.
    assert (project / f"python/mixed_demo/_native{EXT_SUFFIX}").is_file()


def test_compile_lays_out_the_users_package_with_the_extension(swiftmod, project, tmp_path):
    swiftmod("compile", "--out", tmp_path, "--interpreter", sys.executable, cwd=project)
    package = tmp_path / "mixed_demo"
    assert sorted(p.name for p in package.iterdir()) == sorted(
        ["__init__.py", "cli.py", "stopwords.txt", "py.typed", f"_native{EXT_SUFFIX}", "_native.pyi"])
    result = subprocess.run(
        [sys.executable, "-c", "import mixed_demo; print(mixed_demo.top_words('swift swift core'))"],
        capture_output=True, text=True, cwd="/", env=dict(os.environ, PYTHONPATH=str(tmp_path)))
    assert result.stdout.strip() == "['swift', 'core']", result.stderr


# MARK: - wheel and sdist


@pytest.fixture(scope="module")
def dists(swiftmod, project, tmp_path_factory) -> tuple[Path, Path]:
    """`swiftmod build --sdist` of the example (after develop, whose .so is in the source)."""
    out = tmp_path_factory.mktemp("mixed-dist")
    swiftmod("build", "--sdist", "--out", out, "--interpreter", sys.executable, cwd=project)
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return wheel, sdist


def test_the_wheel_holds_the_package_with_the_extension_and_the_data(dists):
    wheel, _ = dists
    names = sorted(zipfile.ZipFile(wheel).namelist())
    assert names == sorted([
        "mixed_demo/__init__.py", "mixed_demo/cli.py", "mixed_demo/stopwords.txt", "mixed_demo/py.typed",
        f"mixed_demo/_native{EXT_SUFFIX}", "mixed_demo/_native.pyi",
        "mixed_demo-0.1.0.data/scripts/mixed-demo-hello", "mixed_demo-0.1.0.data/data/share/mixed-demo/greeting.txt",
        "mixed_demo-0.1.0.dist-info/METADATA", "mixed_demo-0.1.0.dist-info/WHEEL",
        "mixed_demo-0.1.0.dist-info/entry_points.txt", "mixed_demo-0.1.0.dist-info/RECORD",
    ])


def test_the_sdist_holds_the_sources_but_no_build(dists):
    _, sdist = dists
    with tarfile.open(sdist) as archive:
        names = sorted(name.split("/", 1)[1] for name in archive.getnames())
    assert "python/mixed_demo/__init__.py" in names and "mixed_demo.data/scripts/mixed-demo-hello" in names
    assert "Package.swift" in names and "Sources/MixedCore/MixedCore.swift" in names
    assert not [name for name in names if name.endswith(".so") or name.endswith("_native.pyi")], names
    assert "python/mixed_demo/_scratch.py" not in names  # `exclude`


def test_check_wheel_contents_and_twine_are_clean(dists):
    wheel, sdist = dists
    contents = subprocess.run([BIN / "check-wheel-contents", wheel], capture_output=True, text=True)
    assert contents.returncode == 0, contents.stdout + contents.stderr
    twine = subprocess.run([BIN / "twine", "check", "--strict", wheel, sdist], capture_output=True, text=True)
    assert twine.returncode == 0, twine.stdout + twine.stderr
    assert twine.stdout.count("PASSED") == 2


def test_the_installed_wheel_passes_the_examples_check(dists, project, tmp_path):
    wheel, _ = dists
    env = make_venv(tmp_path / "env")
    installed = run(env / "bin/python", "-m", "pip", "install", "--disable-pip-version-check", "--no-index", wheel)
    assert installed.returncode == 0, installed.stderr
    check(env, project)


@pytest.fixture(scope="session")
def wheelhouse() -> Path:
    """The directory holding the swiftmod wheel (`make wheel`), for installs through the backend."""
    explicit = os.environ.get("SWIFTMOD_WHEELHOUSE")
    if not explicit or not list(Path(explicit).glob("swiftmod-*.whl")):
        pytest.fail("SWIFTMOD_WHEELHOUSE names no directory with a swiftmod wheel: run `make wheel` (make test does)")
    return Path(explicit).resolve()


def test_pip_install_of_the_sdist_passes_the_examples_check(dists, project, wheelhouse, tmp_path):
    _, sdist = dists
    env = make_venv(tmp_path / "env")
    installed = run(env / "bin/python", "-m", "pip", "install", "--disable-pip-version-check", "--no-index", "--find-links", wheelhouse, sdist)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    check(env, project)


def test_pip_install_editable_links_the_source_package(project, wheelhouse, tmp_path):
    env = make_venv(tmp_path / "env")
    installed = run(env / "bin/python", "-m", "pip", "install", "--disable-pip-version-check", "--no-index", "--find-links", wheelhouse, "-e", project)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert (site_packages(env) / "mixed_demo.pth").read_text() == f"{project / 'python'}\n"
    check(env, project)
    removed = run(env / "bin/python", "-m", "pip", "uninstall", "-y", "mixed-demo")
    assert removed.returncode == 0 and not (env / "bin/mixed-demo-top").exists()
