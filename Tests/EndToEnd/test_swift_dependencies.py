"""Swift package dependencies of the user's project (docs/design/mixed.md#swift-dependencies): a dependency by URL and
version (swift-collections) in `develop` and from the sdist, with the project's
`Package.resolved` pinning the build; a local dependency outside the project refused by `sdist`.

The URL test resolves https://github.com/apple/swift-collections (SwiftPM's cache makes the
second resolution local)."""

import json
import os
import subprocess
import sys
import tarfile
import textwrap
import venv
from pathlib import Path

import pytest

MANIFEST = """\
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "DepsDemo",
    products: [.library(name: "DepsDemo", targets: ["DepsDemo"])],
    dependencies: [%s],
    targets: [.target(name: "DepsDemo", dependencies: [%s])]
)
"""


def write_manifest(root: Path, dependency: str, product: str):
    (root / "Package.swift").write_text(MANIFEST % (dependency, product))
    tests = root / "Tests"
    if tests.exists():
        import shutil

        shutil.rmtree(tests)


@pytest.fixture(scope="module")
def project(swiftmod, tmp_path_factory) -> Path:
    """A scaffolded project whose Swift code uses swift-collections' Deque, resolved once."""
    root = tmp_path_factory.mktemp("deps") / "deps-demo"
    swiftmod("new", root)
    write_manifest(
        root,
        '.package(url: "https://github.com/apple/swift-collections", from: "1.6.0")',
        '.product(name: "DequeModule", package: "swift-collections")',
    )
    (root / "Sources/DepsDemo/DepsDemo.swift").write_text(textwrap.dedent("""\
        import DequeModule

        /// `values` rotated left by `steps`, through a Deque from swift-collections.
        public func rotated(_ values: [Int], by steps: Int) -> [Int] {
            var deque = Deque(values)
            guard !deque.isEmpty else { return [] }
            for _ in 0..<(steps % deque.count) { deque.append(deque.removeFirst()) }
            return Array(deque)
        }
        """))
    resolved = subprocess.run(["swift", "package", "resolve"], cwd=root, capture_output=True, text=True)
    assert resolved.returncode == 0, resolved.stdout + resolved.stderr
    assert (root / "Package.resolved").exists()
    return root


def pinned_revision(path: Path) -> str:
    pins = json.loads(path.read_text())["pins"]
    return next(pin["state"]["revision"] for pin in pins if pin["identity"] == "swift-collections")


def test_develop_builds_against_the_url_dependency_with_the_projects_pins(swiftmod, project, tmp_path):
    env = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(env)
    swiftmod("develop", cwd=project, env=dict(os.environ, VIRTUAL_ENV=str(env)))
    result = subprocess.run([env / "bin/python", "-c", "import deps_demo; print(deps_demo.rotated([1, 2, 3, 4], 1))"], capture_output=True, text=True)
    assert result.stdout.strip() == "[2, 3, 4, 1]", result.stderr
    # The glue package is the root of the build: it was given the project's pins.
    glue = project / ".build/swiftmod/glue-deps_demo/Package.resolved"
    assert pinned_revision(glue) == pinned_revision(project / "Package.resolved")


def test_the_sdist_carries_package_resolved_and_installs(swiftmod, project, tmp_path):
    swiftmod("sdist", "--out", tmp_path, cwd=project)
    (sdist,) = tmp_path.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = [name.split("/", 1)[1] for name in archive.getnames()]
    # The scaffold's .gitignore ignores Package.resolved; the sdist carries it all the same.
    assert "Package.resolved" in names
    wheelhouse = os.environ.get("SWIFTMOD_WHEELHOUSE")
    if not wheelhouse or not list(Path(wheelhouse).glob("swiftmod-*.whl")):
        pytest.fail("SWIFTMOD_WHEELHOUSE names no directory with a swiftmod wheel: run `make wheel` (make test does)")
    env = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(env)
    installed = subprocess.run(
        [env / "bin/python", "-m", "pip", "install", "--disable-pip-version-check", "--no-index", "--find-links", wheelhouse, sdist],
        capture_output=True, text=True)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    result = subprocess.run([env / "bin/python", "-c", "import deps_demo; print(deps_demo.rotated([1, 2, 3], 2))"], capture_output=True, text=True, cwd="/")
    assert result.stdout.strip() == "[3, 1, 2]", result.stderr


# MARK: - local dependencies


@pytest.fixture
def shared_package(tmp_path) -> Path:
    """A local Swift package `Shared` beside where the projects go."""
    shared = tmp_path / "Shared"
    (shared / "Sources/Shared").mkdir(parents=True)
    (shared / "Package.swift").write_text(
        '// swift-tools-version:5.9\nimport PackageDescription\n'
        'let package = Package(name: "Shared", products: [.library(name: "Shared", targets: ["Shared"])], targets: [.target(name: "Shared")])\n')
    (shared / "Sources/Shared/Shared.swift").write_text("public func shared() -> Int { 1 }\n")
    return shared


def test_sdist_refuses_a_path_dependency_outside_the_project(swiftmod, shared_package, tmp_path):
    root = tmp_path / "outside-dep"
    swiftmod("new", root)
    write_manifest(root, '.package(path: "../Shared")', '.product(name: "Shared", package: "Shared")')
    result = swiftmod("sdist", cwd=root, check=False)
    assert result.returncode == 1
    message = result.stderr
    assert f"depends on the local package at {shared_package.resolve()}" in message, message
    assert "vendor the package inside the project" in message and "depend on it by URL" in message
    assert not (root / "dist").exists()


def test_sdist_packs_a_path_dependency_inside_the_project(swiftmod, shared_package, tmp_path):
    root = tmp_path / "inside-dep"
    swiftmod("new", root)
    vendored = root / "Vendor/Shared"
    vendored.parent.mkdir()
    shared_package.rename(vendored)
    write_manifest(root, '.package(path: "Vendor/Shared")', '.product(name: "Shared", package: "Shared")')
    swiftmod("sdist", "--out", tmp_path / "dist", cwd=root)
    (sdist,) = (tmp_path / "dist").glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = [name.split("/", 1)[1] for name in archive.getnames()]
    assert "Vendor/Shared/Sources/Shared/Shared.swift" in names


def test_develop_sees_an_edit_in_a_local_dependency(swiftmod, shared_package, tmp_path):
    root = tmp_path / "local-dep"
    swiftmod("new", root)
    write_manifest(root, '.package(path: "../Shared")', '.product(name: "Shared", package: "Shared")')
    (root / "Sources/LocalDep/LocalDep.swift").write_text("import Shared\n\n/// From the local package.\npublic func fromShared() -> Int { shared() }\n")
    env = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(env)
    environ = dict(os.environ, VIRTUAL_ENV=str(env))
    manifest = (root / "Package.swift").read_text().replace("DepsDemo", "LocalDep")
    (root / "Package.swift").write_text(manifest)
    swiftmod("develop", cwd=root, env=environ)
    call = [env / "bin/python", "-c", "import local_dep; print(local_dep.from_shared())"]
    assert subprocess.run(call, capture_output=True, text=True).stdout.strip() == "1"
    (shared_package / "Sources/Shared/Shared.swift").write_text("public func shared() -> Int { 2 }\n")
    again = swiftmod("develop", cwd=root, env=environ)
    assert not again.stdout.startswith("Up to date"), again.stdout
    assert subprocess.run(call, capture_output=True, text=True).stdout.strip() == "2"
