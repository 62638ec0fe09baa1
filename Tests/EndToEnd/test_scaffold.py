"""`swiftmod new` / `init` / `--help`, run as a user would."""

import subprocess
import tomllib

import pytest
from conftest import REPO, tree


def test_version(swiftmod):
    result = swiftmod("--version")
    assert result.stdout.strip() == "0.1.0"


@pytest.mark.parametrize("command", [[], ["new"], ["init"]])
def test_help(swiftmod, command):
    result = swiftmod(*command, "--help")
    assert "USAGE: swiftmod" in result.stdout
    if command:
        assert "--name" in result.stdout and "--module-name" in result.stdout


def test_new_project_builds_and_passes_its_swift_tests(swiftmod, tmp_path):
    result = swiftmod("new", tmp_path / "word-tools")
    assert "Python module 'word_tools', Swift target 'WordTools'" in result.stdout
    project = tmp_path / "word-tools"
    assert sorted(tree(project)) == [
        ".gitignore",
        "Package.swift",
        "README.md",
        "Sources/WordTools/WordTools.swift",
        "Tests/WordToolsTests/WordToolsTests.swift",
        "pyproject.toml",
        "tests/test_word_tools.py",
    ]
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    assert pyproject["project"]["name"] == "word-tools"
    assert pyproject["project"]["version"] == "0.1.0"
    assert pyproject["tool"]["swiftmod"] == {"module-name": "word_tools", "swift-target": "WordTools"}
    assert pyproject["build-system"]["build-backend"] == "swiftmod"

    build = subprocess.run(["swift", "build"], cwd=project, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout + build.stderr
    test = subprocess.run(["swift", "test"], cwd=project, capture_output=True, text=True)
    assert test.returncode == 0, test.stdout + test.stderr
    assert "Test run with 4 tests" in test.stdout and "passed" in test.stdout


def test_new_with_explicit_names(swiftmod, tmp_path):
    swiftmod("new", tmp_path / "dir", "--name", "Fancy.Name", "--module-name", "fancy", "--swift-target", "FancyKit")
    pyproject = tomllib.loads((tmp_path / "dir" / "pyproject.toml").read_text())
    assert pyproject["project"]["name"] == "Fancy.Name"
    assert pyproject["tool"]["swiftmod"] == {"module-name": "fancy", "swift-target": "FancyKit"}
    assert (tmp_path / "dir" / "Sources" / "FancyKit" / "FancyKit.swift").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["new", "{tmp}/class"], "'class' is not a valid Python module name: it is a Python keyword; try 'class_'"),
        (["new", "{tmp}/p", "--name", "bad name!"], "'bad name!' is not a valid project name"),
        (["new", "{tmp}/foundation"], "'Foundation' is not a valid Swift target name"),
        (["new", "{tmp}/p", "--module-name", "1x"], "try 'py1x'"),
    ],
)
def test_bad_names_are_refused_and_nothing_is_written(swiftmod, tmp_path, args, message):
    result = swiftmod(*[a.format(tmp=tmp_path) for a in args], check=False)
    assert result.returncode == 1
    assert message in result.stderr
    assert result.stderr.startswith("error: ")
    assert list(tmp_path.iterdir()) == []


def test_new_refuses_a_non_empty_directory(swiftmod, tmp_path):
    (tmp_path / "mine.txt").write_text("mine")
    result = swiftmod("new", tmp_path, "--name", "ok", check=False)
    assert result.returncode == 1
    assert "already exists and is not empty" in result.stderr
    assert tree(tmp_path) == {"mine.txt": b"mine"}


@pytest.mark.parametrize("existing", ["pyproject.toml", "Package.swift"])
def test_init_refuses_an_existing_project_file(swiftmod, tmp_path, existing):
    (tmp_path / existing).write_text("# mine\n")
    (tmp_path / "README.md").write_text("readme\n")
    before = tree(tmp_path)
    result = swiftmod("init", "--name", "demo", cwd=tmp_path, check=False)
    assert result.returncode == 1
    assert f"{existing} already exists" in result.stderr
    assert tree(tmp_path) == before


def test_init_in_the_current_directory_keeps_existing_files(swiftmod, tmp_path):
    project = tmp_path / "my-lib"
    project.mkdir()
    (project / "README.md").write_text("my readme\n")
    result = swiftmod("init", cwd=project)
    assert "kept existing README.md" in result.stdout
    assert (project / "README.md").read_text() == "my readme\n"
    assert (project / "Sources" / "MyLib" / "MyLib.swift").exists()
    assert (project / "tests" / "test_my_lib.py").exists()
    assert not [p for p in project.iterdir() if p.name.startswith(".swiftmod-")]


def test_examples_hello_is_what_new_writes(swiftmod, tmp_path):
    """Examples/hello is the committed scaffold: it must not drift from the templates."""
    swiftmod("new", tmp_path / "hello")
    committed = {k: v for k, v in tree(REPO / "Examples" / "hello").items() if not k.startswith((".build", "build/"))}
    assert tree(tmp_path / "hello") == committed


def test_new_mixed_project_develops_and_passes_its_python_tests(swiftmod, tmp_path):
    """`new --mixed`: the Python package wraps the Swift core; after develop (which builds the
    core into python/word_tools/), the scaffold's own pytest tests pass from the source tree."""
    import os
    import sys
    import venv

    result = swiftmod("new", "--mixed", tmp_path / "word-tools")
    assert "Python module 'word_tools._native', Swift target 'WordTools'" in result.stdout
    project = tmp_path / "word-tools"
    assert sorted(tree(project)) == [
        ".gitignore",
        "Package.swift",
        "README.md",
        "Sources/WordTools/WordTools.swift",
        "Tests/WordToolsTests/WordToolsTests.swift",
        "pyproject.toml",
        "python/word_tools/__init__.py",
        "python/word_tools/py.typed",
        "tests/test_word_tools.py",
    ]
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    assert pyproject["tool"]["swiftmod"] == {"python-source": "python", "module-name": "word_tools._native", "swift-target": "WordTools"}
    env = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(env)
    swiftmod("develop", cwd=project, env=dict(os.environ, VIRTUAL_ENV=str(env)))
    ignored = subprocess.run(["git", "init", "-q"], cwd=project), subprocess.run(["git", "status", "--porcelain", "--ignored"], cwd=project, capture_output=True, text=True)
    assert "!! python/word_tools/_native.cpython-" in ignored[1].stdout and "!! python/word_tools/_native.pyi" in ignored[1].stdout
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=project, capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(project / "python")))
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "3 passed" in tests.stdout
