"""`develop --rebuild-on-import` (issue 19): importing the module rebuilds it first when the
Swift sources changed; compile errors are the compiler's own and the import raises ImportError
while the previous install stays; nothing changed costs a few stat calls; pip uninstall removes
the hook."""

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import REPO


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("rebuild") / "hello"
    shutil.copytree(REPO / "Examples" / "hello", root, ignore=shutil.ignore_patterns(".build", "dist", ".venv"))
    venv.EnvBuilder(with_pip=True).create(root / ".venv")
    return root


def python(project: Path, code: str, *, without_hook=False) -> subprocess.CompletedProcess:
    if without_hook:
        code = "import sys; sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != 'RebuildFinder']\n" + code
    return subprocess.run([str(project / ".venv" / "bin" / "python"), "-c", code], capture_output=True, text=True, cwd="/")


def edit(project: Path, old: str, new: str) -> None:
    source = project / "Sources" / "Hello" / "Hello.swift"
    source.write_text(source.read_text().replace(old, new))


def test_an_import_rebuilds_after_an_edit_and_not_otherwise(swiftmod, project):
    swiftmod("develop", "--rebuild-on-import", cwd=project)
    first = python(project, "import hello; print(hello.greet('x'))")
    assert first.returncode == 0 and first.stdout == "Hello, x!\n", first.stderr
    assert "compiling" not in first.stderr  # nothing changed: no build

    edit(project, '"Hello, ', '"Bonjour, ')
    rebuilt = python(project, "import hello; print(hello.greet('x'))")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert rebuilt.stdout == "Bonjour, x!\n"  # develop's progress went to stderr, not stdout
    assert "compiling" in rebuilt.stderr

    again = python(project, "import hello; print(hello.greet('y'))")
    assert again.stdout == "Bonjour, y!\n" and "compiling" not in again.stderr


def test_a_new_source_file_rebuilds_too(project):
    extra = project / "Sources" / "Hello" / "Extra.swift"
    extra.write_text("/// Added after develop.\npublic func extra() -> Int { 7 }\n")
    try:
        result = python(project, "import hello; print(hello.extra())")
        assert result.returncode == 0 and result.stdout == "7\n", result.stderr
    finally:
        extra.unlink()


def test_a_compile_error_raises_import_error_and_the_previous_install_still_works(project):
    edit(project, '"Bonjour, ', '"Bonjour, \\(undefinedName)')
    broken = python(project, "import hello")
    assert broken.returncode != 0
    assert "cannot find 'undefinedName' in scope" in broken.stderr  # the compiler's own message
    assert "ImportError: rebuilding hello failed" in broken.stderr
    previous = python(project, "import hello; print(hello.greet('x'))", without_hook=True)
    assert previous.stdout == "Bonjour, x!\n", previous.stderr
    edit(project, "\\(undefinedName)", "")
    fixed = python(project, "import hello; print(hello.greet('z'))")
    assert fixed.returncode == 0 and fixed.stdout == "Bonjour, z!\n", fixed.stderr


def test_pyproject_turns_it_on_and_pip_uninstall_removes_the_hook(swiftmod, project):
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("[tool.swiftmod]\n", "[tool.swiftmod]\nrebuild-on-import = true\n"))
    swiftmod("develop", cwd=project)
    site = Path(python(project, "import sysconfig; print(sysconfig.get_paths()['platlib'])").stdout.strip())
    assert sorted(p.name for p in site.glob("_swiftmod_rebuild_*")) == ["_swiftmod_rebuild_hello.pth", "_swiftmod_rebuild_hello.py"]
    result = subprocess.run([str(project / ".venv" / "bin" / "python"), "-m", "pip", "uninstall", "-y", "hello"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert not list(site.glob("_swiftmod_rebuild_*")) and not (site / "hello").exists()
    assert python(project, "import hello").returncode != 0
