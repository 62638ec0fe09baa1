"""`swiftmod develop` on a freshly scaffolded project, into a fresh virtualenv (docs/design/develop.md).

The tests in this file run in order and share one project and one virtualenv, as a person's
edit loop would.
"""

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

MODULE = "dev_demo"


@pytest.fixture(scope="module")
def project(swiftmod, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("develop") / "dev-demo"
    swiftmod("new", root)
    return root


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("venv") / "env"
    venv.EnvBuilder(with_pip=True).create(path)
    return path


def site_packages(env: Path) -> Path:
    return next((env / "lib").glob("python3.*/site-packages"))


def listing(env: Path) -> set[str]:
    root = site_packages(env)
    return {str(p.relative_to(root)) for p in root.rglob("*") if "__pycache__" not in p.parts or MODULE in str(p)}


def develop(swiftmod, project, env, *args, check=True):
    environ = dict(os.environ, VIRTUAL_ENV=str(env))
    return swiftmod("develop", *args, cwd=project, env=environ, check=check)


def python(env: Path, code: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(env / "bin/python"), "-c", code], capture_output=True, text=True, cwd="/")


def pip(env: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([str(env / "bin/python"), "-m", "pip", "--disable-pip-version-check", *args], capture_output=True, text=True)


def library_source(project: Path) -> Path:
    return project / "Sources/DevDemo/DevDemo.swift"


def test_without_a_virtualenv_it_says_how_to_make_one_and_writes_nothing(swiftmod, project):
    before = sorted(p for p in project.rglob("*"))
    environ = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    result = swiftmod("develop", cwd=project, env=environ, check=False)
    assert result.returncode == 1
    assert "error: no virtualenv to install into" in result.stderr
    assert "python3 -m venv .venv && source .venv/bin/activate" in result.stderr
    assert sorted(p for p in project.rglob("*")) == before


def test_develop_installs_a_module_pip_knows(swiftmod, project, env):
    result = develop(swiftmod, project, env)
    assert "Installed into" in result.stdout
    # One progress line per stage, with its time.
    assert "compiling" in result.stderr and "installing into" in result.stderr
    assert "s)" in result.stderr
    called = python(env, f"import {MODULE}; print({MODULE}.greet('Swift')); print({MODULE}.__file__)")
    assert called.returncode == 0, called.stderr
    assert called.stdout.splitlines()[0] == "Hello, Swift!"
    assert str(site_packages(env)) in called.stdout
    assert "dev-demo" in pip(env, "list").stdout
    shown = pip(env, "show", "dev-demo").stdout
    assert "Version: 0.1.0" in shown
    assert f"Editable project location: {project}" in shown
    assert pip(env, "check").returncode == 0


def test_develop_again_with_nothing_changed_does_no_build(swiftmod, project, env):
    result = develop(swiftmod, project, env, "-v")
    assert "Up to date" in result.stdout
    assert "swift build" not in result.stderr


def test_an_edit_shows_in_a_new_process_and_a_running_one_survives(swiftmod, project, env):
    # A process that has the old extension loaded, waiting while develop replaces it.
    running = subprocess.Popen(
        [str(env / "bin/python"), "-c", f"import sys, {MODULE}; print({MODULE}.greet('a'), flush=True); sys.stdin.readline(); print({MODULE}.greet('b'), {MODULE}.word_count('x y'), flush=True)"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert running.stdout.readline().strip() == "Hello, a!"

    source = library_source(project)
    source.write_text(source.read_text().replace('"Hello, \\(name)!"', '"Howdy, \\(name)!"'))
    develop(swiftmod, project, env)
    assert python(env, f"import {MODULE}; print({MODULE}.greet('Swift'))").stdout.strip() == "Howdy, Swift!"

    out, err = running.communicate("go\n", timeout=60)
    assert running.returncode == 0, err
    assert out.strip() == "Hello, b! 2"


def test_a_new_source_file_and_its_removal_are_seen(swiftmod, project, env):
    # The user's package is a dependency of the generated one, and SwiftPM re-plans only when
    # the root's structure changes: a new file used by an existing one was once "not in scope".
    source = library_source(project)
    good = source.read_text()
    helper = source.parent / "Shout.swift"
    helper.write_text('struct Shout { static func loud(_ text: String) -> String { text.uppercased() } }\n\n'
                      '/// Says it loudly.\npublic func shout(_ text: String) -> String { Shout.loud(text) }\n')
    source.write_text(good.replace('"Howdy, \\(name)!"', 'Shout.loud("Howdy, \\(name)!")'))
    try:
        develop(swiftmod, project, env)
        seen = python(env, f"import {MODULE}; print({MODULE}.greet('Swift'), {MODULE}.shout('hey'))")
        assert seen.stdout.strip() == "HOWDY, SWIFT! HEY", seen.stderr
    finally:
        helper.unlink()
        source.write_text(good)
    develop(swiftmod, project, env)
    gone = python(env, f"import {MODULE}; print({MODULE}.greet('Swift'), hasattr({MODULE}, 'shout'))")
    assert gone.stdout.strip() == "Howdy, Swift! False", gone.stderr


def test_an_edit_of_package_swift_alone_is_seen(swiftmod, project, env):
    # The user's manifest is a dependency's, which SwiftPM does not re-read for planning: a
    # `.define` added to it was ignored until .build/swiftmod was deleted.
    source = library_source(project)
    manifest = project / "Package.swift"
    good_source, good_manifest = source.read_text(), manifest.read_text()
    source.write_text(good_source + '\n#if LOUDER\n/// Only with LOUDER.\npublic func louder() -> Int { 11 }\n#endif\n')
    try:
        develop(swiftmod, project, env)
        assert python(env, f"import {MODULE}; print(hasattr({MODULE}, 'louder'))").stdout.strip() == "False"
        assert '.target(name: "DevDemo")' in good_manifest
        manifest.write_text(good_manifest.replace('.target(name: "DevDemo")', '.target(name: "DevDemo", swiftSettings: [.define("LOUDER")])'))
        develop(swiftmod, project, env)
        seen = python(env, f"import {MODULE}; print({MODULE}.louder())")
        assert seen.stdout.strip() == "11", seen.stderr
    finally:
        source.write_text(good_source)
        manifest.write_text(good_manifest)
    develop(swiftmod, project, env)
    assert python(env, f"import {MODULE}; print(hasattr({MODULE}, 'louder'))").stdout.strip() == "False"


def test_the_first_array_iterator_and_async_results_in_a_built_project_compile(swiftmod, project, env):
    # The results' C header once appeared only with the first such result, and the Clang module
    # the glue imports, cached by the earlier build, did not see it: "cannot find
    # 'swiftmod_array_check' in scope" until .build/swiftmod was deleted. Taking them out again
    # removes the generated files that only such modules have.
    source = library_source(project)
    good = source.read_text()
    source.write_text(good + '\n/// Squares, shared with NumPy.\npublic func squares(_ n: Int) -> ContiguousArray<Double> {'
                      ' ContiguousArray((0..<n).map { Double($0 * $0) }) }\n'
                      '\n/// Counts lazily.\npublic func upTo(_ n: Int) -> some Sequence<Int> { 0..<n }\n'
                      '\n/// Later.\npublic func later(_ n: Int) async -> Int { n + 1 }\n')
    try:
        develop(swiftmod, project, env)
        seen = python(env, f"import asyncio, {MODULE}; m = memoryview({MODULE}.squares(4)); it = {MODULE}.up_to(3);"
                           f" print(m.format, m.tolist(), next(it), list(it), asyncio.run({MODULE}.later(41)))")
        assert seen.stdout.strip() == "d [0.0, 1.0, 4.0, 9.0] 0 [1, 2] 42", seen.stderr
    finally:
        source.write_text(good)
    develop(swiftmod, project, env)
    gone = python(env, f"import {MODULE}; print(hasattr({MODULE}, 'squares'), hasattr({MODULE}, 'later'), {MODULE}.greet('Swift'))")
    assert gone.stdout.strip() == "False False Howdy, Swift!", gone.stderr


def test_a_compile_error_is_shown_with_the_users_path_and_keeps_the_install(swiftmod, project, env):
    source = library_source(project)
    good = source.read_text()
    source.write_text(good.replace('"Howdy, \\(name)!"', "name + 1"))
    try:
        result = develop(swiftmod, project, env, check=False)
        assert result.returncode == 1
        assert f"{source}:" in result.stderr
        assert "error:" in result.stderr
        assert "error: compiling the Swift target DevDemo failed" in result.stderr
        still = python(env, f"import {MODULE}; print({MODULE}.greet('Swift'))")
        assert still.stdout.strip() == "Howdy, Swift!", still.stderr
    finally:
        source.write_text(good)
    develop(swiftmod, project, env)


def test_renaming_the_module_replaces_the_old_install(swiftmod, project, env):
    pyproject = project / "pyproject.toml"
    original = pyproject.read_text()
    pyproject.write_text(original.replace(f'module-name = "{MODULE}"', 'module-name = "dev_demo_renamed"'))
    try:
        result = develop(swiftmod, project, env, "-v")
        # -v shows the commands underneath.
        assert any(line.startswith("+ ") and " build " in line and "--product dev_demo_renamed" in line for line in result.stderr.splitlines())
        assert not (site_packages(env) / MODULE).exists()
        assert python(env, "import dev_demo_renamed; print(dev_demo_renamed.greet('x'))").stdout.strip() == "Howdy, x!"
    finally:
        pyproject.write_text(original)
    develop(swiftmod, project, env)
    assert not (site_packages(env) / "dev_demo_renamed").exists()


def test_pip_uninstall_removes_every_file(swiftmod, project, tmp_path):
    fresh = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(fresh)
    before = listing(fresh)
    develop(swiftmod, project, fresh)
    assert python(fresh, f"import {MODULE}").returncode == 0
    assert listing(fresh) != before
    result = pip(fresh, "uninstall", "-y", "dev-demo")
    assert result.returncode == 0, result.stderr
    assert listing(fresh) == before


def test_missing_python_headers_name_the_interpreter_and_the_package(swiftmod, project, tmp_path):
    # A virtualenv whose Python reports an include directory without Python.h.
    custom = tmp_path / "custom"
    custom.mkdir()
    (custom / "sitecustomize.py").write_text(
        "import sysconfig\n_paths = sysconfig.get_paths\n"
        "sysconfig.get_paths = lambda *a, **k: {**_paths(*a, **k), 'include': '/nonexistent/include'}\n"
    )
    fake = tmp_path / "fakeenv"
    (fake / "bin").mkdir(parents=True)
    python_path = fake / "bin/python"
    python_path.write_text(f'#!/bin/sh\nPYTHONPATH="{custom}" exec "{sys.executable}" "$@"\n')
    python_path.chmod(0o755)
    result = develop(swiftmod, project, fake, check=False)
    assert result.returncode == 1
    assert "has no C headers (no Python.h in /nonexistent/include)" in result.stderr
    assert "libpython3-dev" in result.stderr
    assert result.stderr.count("error:") == 1
