"""`swiftmod build`: wheels checked by the real clients (pip, auditwheel, check-wheel-contents,
twine, installer, packaging), installed and imported with the Swift toolchain hidden."""

import email
import os
import shutil
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import run_without_toolchain
from packaging.metadata import Metadata

BIN = Path(sys.executable).parent
MODULE = "wheel_demo"

PROJECT_TABLE = '''[project]
name = "Wheel.Demo"
version = "1.2.0rc1"
description = "A Python module written in Swift"
readme = "README.md"
requires-python = ">=3.11"
license = "MIT OR Apache-2.0"
license-files = ["LICENSE*"]
authors = [{ name = "Ada Lovelace", email = "ada@example.org" }, { name = "Grace Hopper" }]
maintainers = [{ email = "team@example.org" }]
keywords = ["swift", "native"]
classifiers = ["Programming Language :: Python :: 3", "Operating System :: POSIX :: Linux"]
dependencies = ["typing-extensions>=4; python_version < '3.12'"]

[project.optional-dependencies]
test = ["pytest>=8"]

[project.urls]
Homepage = "https://example.org/wheel-demo"
Issues = "https://example.org/wheel-demo/issues"

[project.scripts]
wheel-demo = "wheel_demo:greet"
'''


@pytest.fixture(scope="module")
def project(swiftmod, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("build") / "wheel-demo"
    swiftmod("new", root, "--name", "wheel-demo")
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text()
    start, end = text.index("[project]"), text.index("[tool.swiftmod]")
    pyproject.write_text(text[:start] + PROJECT_TABLE + "\n" + text[end:])
    (root / "LICENSE-MIT").write_text("MIT License\n")
    (root / "LICENSE-APACHE").write_text("Apache License 2.0\n")
    return root


@pytest.fixture(scope="module")
def wheel(swiftmod, project) -> Path:
    result = swiftmod("build", "--interpreter", sys.executable, cwd=project, env=dict(os.environ, SOURCE_DATE_EPOCH="1700000000"))
    wheels = list((project / "dist").glob("*.whl"))
    assert len(wheels) == 1, result.stdout
    assert "Swift runtime linked statically" in result.stdout
    return wheels[0]


def test_wheel_name_and_layout(wheel):
    assert wheel.name == "wheel_demo-1.2.0rc1-cp311-cp311-manylinux_2_34_x86_64.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    info = "wheel_demo-1.2.0rc1.dist-info"
    # The extension submodule has its stub too (stubtest checks every module it imports).
    assert names[:5] == [f"{MODULE}/__init__.py", f"{MODULE}/__init__.pyi", f"{MODULE}/py.typed", f"{MODULE}/{MODULE}.cpython-311-x86_64-linux-gnu.so", f"{MODULE}/{MODULE}.pyi"]
    assert all(name.startswith(info + "/") for name in names[5:])
    assert names[-1] == f"{info}/RECORD"
    assert f"{info}/licenses/LICENSE-MIT" in names and f"{info}/licenses/LICENSE-APACHE" in names
    assert f"{info}/entry_points.txt" in names


def test_auditwheel_agrees_with_the_tag(wheel):
    result = subprocess.run([BIN / "auditwheel", "show", wheel], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert 'platform tag: "manylinux_2_34_x86_64"' in " ".join(result.stdout.split())


def test_check_wheel_contents_and_twine_pass(wheel):
    checked = subprocess.run([BIN / "check-wheel-contents", wheel], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert ": OK" in checked.stdout
    twine = subprocess.run([BIN / "twine", "check", "--strict", wheel], capture_output=True, text=True)
    assert twine.returncode == 0, twine.stdout + twine.stderr
    assert "PASSED" in twine.stdout


def test_metadata_round_trips_from_pyproject(wheel, project):
    with zipfile.ZipFile(wheel) as archive:
        raw = archive.read("wheel_demo-1.2.0rc1.dist-info/METADATA").decode()
        wheel_file = archive.read("wheel_demo-1.2.0rc1.dist-info/WHEEL").decode()
        entry_points = archive.read("wheel_demo-1.2.0rc1.dist-info/entry_points.txt").decode()
    meta = Metadata.from_email(raw, validate=True)
    table = tomllib.loads((project / "pyproject.toml").read_text())["project"]
    assert str(meta.metadata_version) == "2.4"
    assert meta.name == table["name"]
    assert str(meta.version) == table["version"]
    assert meta.summary == table["description"]
    assert meta.description == (project / "README.md").read_text()
    assert meta.description_content_type == "text/markdown"
    assert str(meta.requires_python) == table["requires-python"]
    assert meta.license_expression == table["license"]
    assert sorted(meta.license_files) == ["LICENSE-APACHE", "LICENSE-MIT"]
    assert meta.author == "Grace Hopper"
    assert meta.author_email == "Ada Lovelace <ada@example.org>"
    assert meta.maintainer_email == "team@example.org"
    assert meta.keywords == table["keywords"]
    assert meta.classifiers == table["classifiers"]
    assert meta.project_urls == table["urls"]
    assert [str(r) for r in meta.provides_extra] == ["test"]
    requirements = [str(r) for r in meta.requires_dist]
    assert requirements[0] == 'typing-extensions>=4; python_version < "3.12"'
    assert requirements[1] == 'pytest>=8; extra == "test"'
    assert "Root-Is-Purelib: false" in wheel_file
    assert "Tag: cp311-cp311-manylinux_2_34_x86_64" in wheel_file
    assert entry_points == "[console_scripts]\nwheel-demo = wheel_demo:greet\n"


def test_installer_installs_and_verifies_record(wheel, tmp_path):
    # installer checks every RECORD hash and size while it installs.
    result = subprocess.run([sys.executable, "-m", "installer", "--destdir", tmp_path, wheel], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    installed = list(tmp_path.rglob(f"{MODULE}/{MODULE}.cpython-311-x86_64-linux-gnu.so"))
    assert len(installed) == 1
    assert installed[0].stat().st_mode & 0o111


def test_pip_installs_it_and_it_imports_without_a_swift_toolchain(wheel, tmp_path):
    env = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(env)
    pip = subprocess.run([env / "bin/python", "-m", "pip", "install", "--no-deps", "--no-index", wheel], capture_output=True, text=True)
    assert pip.returncode == 0, pip.stderr
    code = f"import {MODULE} as m; print(m.greet('wheel'), m.word_count('a bb ccc', min_length=2)); import sys; print(sys.modules['{MODULE}.{MODULE}'].__file__)"
    result = run_without_toolchain([str(env / "bin/python"), "-c", code])
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Hello, wheel! 2"
    # No Swift library is loaded from anywhere: the runtime is inside the extension.
    ldd = subprocess.run(["ldd", result.stdout.splitlines()[1]], capture_output=True, text=True).stdout
    assert "swift" not in ldd.lower()


def test_two_builds_with_source_date_epoch_are_byte_identical(swiftmod, project, wheel, tmp_path):
    first = wheel.read_bytes()
    swiftmod("build", "--interpreter", sys.executable, "--out", tmp_path, cwd=project, env=dict(os.environ, SOURCE_DATE_EPOCH="1700000000"))
    assert (tmp_path / wheel.name).read_bytes() == first
    with zipfile.ZipFile(wheel) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_compatibility_linux_gives_the_plain_tag(swiftmod, project, tmp_path):
    swiftmod("build", "--interpreter", sys.executable, "--out", tmp_path, "--compatibility", "linux", cwd=project)
    assert [p.name for p in tmp_path.iterdir()] == ["wheel_demo-1.2.0rc1-cp311-cp311-linux_x86_64.whl"]


def test_an_empty_swiftmod_swift_means_swift_on_path(swiftmod, project, wheel, tmp_path):
    # An empty SWIFTMOD_SWIFT is the same as an unset one (it used to run "" and say "compiling … failed").
    result = swiftmod("build", "--interpreter", sys.executable, "--out", tmp_path, cwd=project, env=dict(os.environ, SWIFTMOD_SWIFT=""), check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(list(tmp_path.glob("*.whl"))) == 1


def test_a_failed_compile_leaves_dist_as_it_was(swiftmod, project, wheel):
    before = {p.name: p.read_bytes() for p in (project / "dist").iterdir()}
    source = project / "Sources/WheelDemo/WheelDemo.swift"
    good = source.read_text()
    source.write_text(good + "\npublic func broken() -> Int { \"not an int\" }\n")
    try:
        result = swiftmod("build", "--interpreter", sys.executable, cwd=project, check=False)
    finally:
        source.write_text(good)
    assert result.returncode == 1
    assert f"{source}:" in result.stderr
    assert {p.name: p.read_bytes() for p in (project / "dist").iterdir()} == before


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ('version = "1.2.0rc1"', 'version = "one"', '`version = "one"` is not a valid version (PEP 440)'),
        ('name = "Wheel.Demo"', 'name = "-bad"', "'-bad' is not a valid project name"),
        ("[tool.swiftmod]", "[tool.swiftmod]\nspeed = 11", "unknown key `speed` in [tool.swiftmod]"),
        ('keywords = ["swift", "native"]', 'keywords = ["swift" "native"]', "invalid TOML"),
        ('license = "MIT OR Apache-2.0"', 'license = "MIT License"', '`license = "MIT License"` is not an SPDX license expression'),
        ('readme = "README.md"', 'readme = "README.adoc"', "cannot tell the content type of readme `README.adoc`"),
    ],
    ids=["version", "name", "tool-key", "toml-syntax", "license", "readme"],
)
def test_pyproject_errors_stop_the_build_with_file_and_line(swiftmod, project, tmp_path, old, new, expected):
    copy = tmp_path / "copy"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".build", "dist"))
    pyproject = copy / "pyproject.toml"
    text = pyproject.read_text()
    pyproject.write_text(text.replace(old, new))
    line = text[: text.index(old)].count("\n") + 1 + (1 if new.startswith(old) else 0)
    result = swiftmod("build", "--interpreter", sys.executable, cwd=copy, check=False)
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {pyproject}:{line}: "), result.stderr
    assert expected in result.stderr
    assert not (copy / "dist").exists()


def test_a_pyproject_without_a_project_table_is_refused(swiftmod, project, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".build", "dist"))
    pyproject = copy / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("[project", "[projekt"))
    result = swiftmod("build", "--interpreter", sys.executable, cwd=copy, check=False)
    assert result.returncode == 1
    assert result.stderr == f"error: {pyproject}: no [project] table: add one with at least `name` and `version` (PEP 621)\n"


def test_a_project_that_imports_foundation_builds_a_working_larger_wheel(swiftmod, tmp_path):
    root = tmp_path / "timekit"
    swiftmod("new", root)
    source = root / "Sources/Timekit/Timekit.swift"
    source.write_text(
        "import Foundation\n\n/// Formats a Unix time as ISO 8601.\n"
        "public func isoDate(_ seconds: Double) -> String {\n"
        "    ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: seconds))\n}\n"
    )
    result = swiftmod("build", "--interpreter", sys.executable, cwd=root)
    assert "including Foundation, which makes it larger" in result.stdout
    (wheel,) = (root / "dist").glob("*.whl")
    assert wheel.name.endswith("-cp311-cp311-manylinux_2_35_x86_64.whl")
    shown = subprocess.run([BIN / "auditwheel", "show", wheel], capture_output=True, text=True).stdout
    assert 'platform tag: "manylinux_2_35_x86_64"' in " ".join(shown.split())
    env = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(env)
    subprocess.run([env / "bin/python", "-m", "pip", "install", "--no-index", wheel], check=True, capture_output=True)
    ran = run_without_toolchain([str(env / "bin/python"), "-c", "import timekit; print(timekit.iso_date(86400.0))"])
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == "1970-01-02T00:00:00Z"
