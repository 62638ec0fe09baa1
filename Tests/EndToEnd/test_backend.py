"""swiftmod as a build backend (PEP 517/660) and sdists: the `swiftmod` wheel (built by
`make wheel`) installed by pip into isolated build environments, offline (`--no-index
--find-links`): `pip install .`, `pip install <sdist>`, `pip install -e .`, `python -m build`."""

import os
import re
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import MINORS, python_or_skip, run_without_toolchain

BIN = Path(sys.executable).parent
MODULE = "word_tools"
EPOCH = "1700000000"


@pytest.fixture(scope="session")
def wheelhouse() -> Path:
    """The directory holding the swiftmod wheel (`make wheel` writes it; `make e2e` passes it)."""
    explicit = os.environ.get("SWIFTMOD_WHEELHOUSE")
    if not explicit:
        pytest.fail("SWIFTMOD_WHEELHOUSE is not set: run the tests with `make test`, which builds the swiftmod wheel first (`make wheel`)")
    path = Path(explicit).resolve()
    if not list(path.glob("swiftmod-*.whl")):
        pytest.fail(f"no swiftmod wheel in {path}: run `make wheel`")
    return path


@pytest.fixture(scope="session")
def swiftmod_wheel(wheelhouse) -> Path:
    wheels = sorted(wheelhouse.glob("swiftmod-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def project(swiftmod, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("backend") / "word-tools"
    swiftmod("new", root)
    return root


def copy_project(project: Path, destination: Path) -> Path:
    shutil.copytree(project, destination, ignore=shutil.ignore_patterns(".build", "dist", ".venv"))
    return destination


def make_venv(path: Path) -> Path:
    venv.EnvBuilder(with_pip=True).create(path)
    return path / "bin" / "python"


def pip_install(python: Path, *args, wheelhouse: Path, cwd=None, env=None) -> subprocess.CompletedProcess:
    command = [python, "-m", "pip", "install", "--disable-pip-version-check", "--no-index", "--find-links", wheelhouse, *args]
    result = subprocess.run(list(map(str, command)), capture_output=True, text=True, cwd=cwd, env=env)
    return result


def call(python: Path, code: str) -> str:
    result = subprocess.run([python, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


# MARK: - the swiftmod wheel


def test_the_swiftmod_wheel_is_tagged_from_the_binary_and_passes_the_clients(swiftmod_wheel):
    assert re.fullmatch(r"swiftmod-0\.1\.0-py3-none-manylinux_2_\d+_x86_64\.whl", swiftmod_wheel.name), swiftmod_wheel.name
    tag = swiftmod_wheel.name.split("-")[-1].removesuffix(".whl")
    show = subprocess.run([BIN / "auditwheel", "show", swiftmod_wheel], capture_output=True, text=True)
    assert show.returncode == 0, show.stderr
    assert f'"{tag}"' in show.stdout.replace("\n", " "), show.stdout
    for command in ([BIN / "check-wheel-contents", swiftmod_wheel], [BIN / "twine", "check", "--strict", swiftmod_wheel]):
        result = subprocess.run(command, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(swiftmod_wheel) as archive:
        names = archive.namelist()
        script = archive.getinfo("swiftmod-0.1.0.data/scripts/swiftmod")
    assert (script.external_attr >> 16) & 0o111, "the binary must be executable"
    assert "swiftmod/__init__.py" in names and names[-1] == "swiftmod-0.1.0.dist-info/RECORD"


def test_installing_the_swiftmod_wheel_puts_the_binary_on_path_and_it_runs_without_a_toolchain(swiftmod_wheel, tmp_path):
    python = make_venv(tmp_path / "env")
    result = subprocess.run([python, "-m", "pip", "install", "--no-index", swiftmod_wheel], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    binary = tmp_path / "env" / "bin" / "swiftmod"
    # The Swift runtime is linked into the binary, so it starts without a toolchain.
    hidden = run_without_toolchain([binary, "--version"])
    assert hidden.returncode == 0, hidden.stderr
    assert hidden.stdout.strip() == "0.1.0"
    assert call(python, "import swiftmod; print(swiftmod.find_swiftmod_bin(), swiftmod.__version__)") == f"{binary} 0.1.0"
    assert call(python, "import subprocess, sys; sys.exit(subprocess.call([sys.executable, '-m', 'swiftmod', '--version']))") == "0.1.0"


# MARK: - pip install . / <sdist> / -e .


def test_pip_install_dot_in_a_fresh_venv_with_build_isolation(project, wheelhouse, tmp_path):
    root = copy_project(project, tmp_path / "word-tools")
    python = make_venv(tmp_path / "env")
    result = pip_install(python, ".", wheelhouse=wheelhouse, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert call(python, f"import {MODULE} as m; print(m.greet('pip'), m.word_count('a bb ccc', min_length=2))") == "Hello, pip! 2"
    show = subprocess.run([python, "-m", "pip", "show", "word-tools"], capture_output=True, text=True).stdout
    assert "Version: 0.1.0" in show
    # The installed wheel is the self-contained one: no Swift library is needed at run time.
    hidden = run_without_toolchain([python, "-c", f"import {MODULE}; print({MODULE}.greet('x'))"])
    assert hidden.returncode == 0, hidden.stderr


def test_pip_install_of_the_sdist_builds_and_imports(swiftmod, project, wheelhouse, tmp_path):
    swiftmod("sdist", "--out", tmp_path / "sdist", cwd=project)
    sdist = tmp_path / "sdist" / "word_tools-0.1.0.tar.gz"
    python = make_venv(tmp_path / "env")
    # --config-settings build-args reach `swiftmod build`.
    result = pip_install(python, sdist, "--config-settings", "build-args=--compatibility linux", wheelhouse=wheelhouse)
    assert result.returncode == 0, result.stdout + result.stderr
    assert call(python, f"import {MODULE}; print({MODULE}.greet('sdist'))") == "Hello, sdist!"
    site = Path(call(python, "import sysconfig; print(sysconfig.get_path('platlib'))"))
    assert "Tag: cp311-cp311-linux_x86_64\n" in (site / "word_tools-0.1.0.dist-info" / "WHEEL").read_text()


def test_editable_install_then_a_rebuild_after_an_edit_is_picked_up(swiftmod, project, wheelhouse, tmp_path):
    root = copy_project(project, tmp_path / "word-tools")
    python = make_venv(tmp_path / "env")
    result = pip_install(python, "-e", ".", wheelhouse=wheelhouse, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert call(python, f"import {MODULE}; print({MODULE}.greet('e'))") == "Hello, e!"
    show = subprocess.run([python, "-m", "pip", "show", "word-tools"], capture_output=True, text=True).stdout
    assert f"Editable project location: {root}" in show

    source = root / "Sources" / "WordTools" / "WordTools.swift"
    source.write_text(source.read_text().replace('"Hello, ', '"Hi, '))
    result = pip_install(python, "-e", ".", wheelhouse=wheelhouse, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert call(python, f"import {MODULE}; print({MODULE}.greet('e'))") == "Hi, e!"

    # `swiftmod develop` takes over the same install, as after `develop` itself.
    source.write_text(source.read_text().replace('"Hi, ', '"Hey, '))
    swiftmod("develop", cwd=root, env=dict(os.environ, VIRTUAL_ENV=str(tmp_path / "env")))
    assert call(python, f"import {MODULE}; print({MODULE}.greet('e'))") == "Hey, e!"
    listing = subprocess.run([python, "-m", "pip", "list"], capture_output=True, text=True).stdout
    assert len(re.findall(r"^word-tools ", listing, re.M)) == 1, listing

    result = subprocess.run([python, "-m", "pip", "uninstall", "-y", "word-tools"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    site = Path(call(python, "import sysconfig; print(sysconfig.get_path('platlib'))"))
    assert not list(site.glob(f"{MODULE}*")) and not list(site.glob("word_tools*"))


def test_without_a_swift_toolchain_the_backend_says_so_and_how_to_fix_it(project, wheelhouse, tmp_path):
    root = copy_project(project, tmp_path / "word-tools")
    python = make_venv(tmp_path / "env")
    toolchain_bin = str(Path(shutil.which("swift")).resolve().parent)
    path = ":".join(p for p in os.environ["PATH"].split(":") if Path(p).resolve() != Path(toolchain_bin))
    env = {k: v for k, v in os.environ.items() if k != "SWIFTMOD_SWIFT"} | {"PATH": path}
    result = run_without_toolchain([python, "-m", "pip", "install", "--disable-pip-version-check", "--no-index", "--find-links", wheelhouse, "."], env=env, cwd=root)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "error: no Swift toolchain" in output, output
    assert "SWIFTMOD_SWIFT" in output
    assert "Traceback" not in output, output

    # A SWIFTMOD_SWIFT that points nowhere is named as such.
    env = dict(os.environ, SWIFTMOD_SWIFT="/nowhere/usr/bin/swift")
    result = pip_install(python, ".", wheelhouse=wheelhouse, cwd=root, env=env)
    assert result.returncode != 0
    assert "SWIFTMOD_SWIFT=/nowhere/usr/bin/swift is not an executable file" in result.stdout + result.stderr


# MARK: - python -m build and the sdist's contents


def test_python_m_build_makes_an_sdist_and_from_it_the_same_wheel_as_swiftmod_build(swiftmod, project, wheelhouse, tmp_path):
    root = copy_project(project, tmp_path / "word-tools")
    env = dict(os.environ, PIP_NO_INDEX="1", PIP_FIND_LINKS=str(wheelhouse), SOURCE_DATE_EPOCH=EPOCH)
    result = subprocess.run([sys.executable, "-m", "build", "--outdir", tmp_path / "out", root], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    built = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert built == ["word_tools-0.1.0-cp311-cp311-manylinux_2_34_x86_64.whl", "word_tools-0.1.0.tar.gz"]

    swiftmod("build", "--interpreter", sys.executable, "--out", tmp_path / "direct", cwd=root, env=env)
    from_sdist = zipfile.ZipFile(tmp_path / "out" / built[0])
    direct = zipfile.ZipFile(tmp_path / "direct" / built[0])
    assert from_sdist.namelist() == direct.namelist()
    for name in direct.namelist():
        assert from_sdist.read(name) == direct.read(name), f"{name} differs between the wheel built from the sdist and swiftmod build"
    # And with the same SOURCE_DATE_EPOCH the archives are the same bytes.
    assert (tmp_path / "out" / built[0]).read_bytes() == (tmp_path / "direct" / built[0]).read_bytes()


def test_tar_lists_exactly_the_project_files_and_never_build_output(swiftmod, project, tmp_path):
    root = copy_project(project, tmp_path / "word-tools")
    # Things that must stay out: build output, virtualenvs, dist/, ignored files, VCS data.
    for junk in [".build/debug/x.o", ".build-wheel/y", ".venv/bin/python", "dist/old.whl", ".git/HEAD", "word_tools.so", "tests/__pycache__/t.pyc"]:
        (root / junk).parent.mkdir(parents=True, exist_ok=True)
        (root / junk).write_text("junk")
    swiftmod("build", "--sdist", "--interpreter", sys.executable, cwd=root)
    listing = subprocess.run(["tar", "-tzf", root / "dist" / "word_tools-0.1.0.tar.gz"], capture_output=True, text=True, check=True).stdout.split()
    base = "word_tools-0.1.0/"
    assert listing == [base + p for p in [
        "PKG-INFO",
        ".gitignore",
        "Package.swift",
        "README.md",
        "Sources/WordTools/WordTools.swift",
        "Tests/WordToolsTests/WordToolsTests.swift",
        "pyproject.toml",
        "tests/test_word_tools.py",
    ]]
    assert list((root / "dist").glob("*.whl")), "build --sdist builds the wheel as well"


def test_the_sdist_is_reproducible_and_its_metadata_matches_the_project(swiftmod, project, tmp_path):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    first = copy_project(project, tmp_path / "a" / "word-tools")
    second = copy_project(project, tmp_path / "b" / "word-tools")
    for root in (first, second):
        swiftmod("sdist", cwd=root, env=env)
    name = "dist/word_tools-0.1.0.tar.gz"
    assert (first / name).read_bytes() == (second / name).read_bytes()
    with tarfile.open(first / name) as archive:
        members = archive.getmembers()
        assert {(m.uid, m.gid, m.mtime) for m in members} == {(0, 0, int(EPOCH))}
        assert all(m.isfile() and m.mode == 0o644 for m in members)
        pkg_info = archive.extractfile("word_tools-0.1.0/PKG-INFO").read().decode()
        archive.extractall(tmp_path / "unpacked", filter="data")
    assert "Metadata-Version: 2.4\nName: word-tools\nVersion: 0.1.0\n" in pkg_info
    assert "License-Expression: MIT" in pkg_info
    # A wheel's METADATA and the sdist's PKG-INFO are the same document.
    metadata = tmp_path / "meta"
    hook = subprocess.run([swiftmod.binary, "write-dist-info", "--out", metadata], cwd=first, capture_output=True, text=True)
    assert hook.returncode == 0, hook.stderr
    assert hook.stdout.strip() == "word_tools-0.1.0.dist-info"
    assert (metadata / "word_tools-0.1.0.dist-info" / "METADATA").read_text() == pkg_info


def test_the_sdist_keeps_what_git_keeps(swiftmod, project, tmp_path):
    root = copy_project(project, tmp_path / "word-tools")
    (root / ".gitignore").write_text((root / ".gitignore").read_text() + "\n# comment\n*.log\n!keep.log\n/notes/\ndocs/**/draft*\n")
    files = {
        "a.log": "", "keep.log": "", "notes/n.txt": "", "sub/notes/kept.txt": "", "docs/x/y/draft1.md": "",
        "docs/final.md": "", "Sources/WordTools/Data/.gitignore": "*.bin\n!important.bin\n",
        "Sources/WordTools/Data/big.bin": "", "Sources/WordTools/Data/important.bin": "",
        "Sources/WordTools/Data/table.txt": "", "a" * 60 + "/" + "b" * 60 + "/long-path-needs-pax.txt": "",
    }
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    subprocess.run(["git", "init", "-q", root], check=True)
    expected = sorted(subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=root, capture_output=True, text=True, check=True).stdout.split())
    assert "keep.log" in expected and "a.log" not in expected  # the rules above are in force
    swiftmod("sdist", cwd=root)
    with tarfile.open(root / "dist" / "word_tools-0.1.0.tar.gz") as archive:
        names = [m.name.removeprefix("word_tools-0.1.0/") for m in archive.getmembers()]
    assert names[0] == "PKG-INFO"
    assert sorted(names[1:]) == expected


def test_a_symlink_out_of_the_project_is_refused_with_its_path(swiftmod, project, tmp_path):
    root = copy_project(project, tmp_path / "word-tools")
    (tmp_path / "secret.txt").write_text("outside")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    result = swiftmod("sdist", cwd=root, check=False)
    assert result.returncode == 1
    assert f"cannot put {root}/link.txt into the sdist: it is a symbolic link to {tmp_path}/secret.txt, outside the project" in result.stderr
    assert not (root / "dist").exists() or not list((root / "dist").iterdir())


def test_generated_projects_require_this_swiftmod_as_their_backend(project):
    text = (project / "pyproject.toml").read_text()
    assert 'requires = ["swiftmod>=0.1.0,<0.2"]' in text
    assert 'build-backend = "swiftmod"' in text


# MARK: - every Python (docs/design/interpreters.md#interpreters)


@pytest.fixture(scope="module")
def shared_project(project, tmp_path_factory) -> Path:
    """One copy for the per-version installs: pip builds in the tree, so they share the user's
    compiled Swift and rebuild only the glue for each interpreter."""
    return copy_project(project, tmp_path_factory.mktemp("every-python") / "word-tools")


@pytest.mark.parametrize("minor", MINORS)
def test_pip_install_dot_works_with_each_interpreters_own_pip_offline(shared_project, wheelhouse, tmp_path, minor):
    base = python_or_skip(minor)
    subprocess.run([str(base), "-m", "venv", str(tmp_path / "env")], check=True, capture_output=True)
    python = tmp_path / "env" / "bin" / "python"
    result = pip_install(python, ".", wheelhouse=wheelhouse, cwd=shared_project)
    assert result.returncode == 0, result.stdout + result.stderr
    digits = minor.replace(".", "")
    code = f"import sys, {MODULE} as m; print(sys.version_info[:2], m.{MODULE}.__file__.endswith('.cpython-{digits}-x86_64-linux-gnu.so'), m.greet('pip'))"
    assert call(python, code) == f"({minor.replace('.', ', ')}) True Hello, pip!"


def test_the_backend_builds_an_abi3_wheel_when_the_project_asks(project, wheelhouse, tmp_path):
    root = copy_project(project, tmp_path / "word-tools")
    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("[tool.swiftmod]\n", '[tool.swiftmod]\nabi3 = "3.10"\n'))
    python = python_or_skip("3.13")
    subprocess.run([str(python), "-m", "venv", str(tmp_path / "env")], check=True, capture_output=True)
    env_python = tmp_path / "env" / "bin" / "python"
    result = subprocess.run(
        [str(env_python), "-m", "pip", "wheel", "--disable-pip-version-check", "--no-index", "--find-links", str(wheelhouse), "--no-deps", "-w", str(tmp_path / "wheels"), "."],
        capture_output=True, text=True, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    wheels = [p.name for p in (tmp_path / "wheels").glob("*.whl")]
    assert len(wheels) == 1 and re.fullmatch(r"word_tools-0\.1\.0-cp310-abi3-manylinux_2_\d+_x86_64\.whl", wheels[0]), wheels
