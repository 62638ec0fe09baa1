import Foundation
import SwiftmodModel

/// `swiftmod generate-ci github`: a GitHub Actions workflow that builds the project's wheels on
/// Linux (x86_64 and aarch64) in the official Swift container, one per Python or one abi3 wheel,
/// builds the sdist, installs the built wheel on each Python and runs the project's pytest
/// tests, and publishes everything to PyPI with trusted publishing when a tag is pushed.
///
/// Pure: the text depends only on the project's settings and the options.
public struct GitHubWorkflow: Sendable {
    /// What to build.
    public struct Options: Sendable {
        /// The CPython versions to build and test for; empty means every version from 3.10 to
        /// 3.15 that `requires-python` allows.
        public var pythons: [PythonVersion]
        /// The Linux architectures (`x86_64`, `aarch64`).
        public var platforms: [String]
        /// One abi3 wheel for this version and newer; nil means `[tool.swiftmod] abi3`.
        public var abi3: PythonVersion?
        /// The directory of the project's pytest tests.
        public var tests: String

        /// Options; every supported Python `requires-python` allows, both architectures, tests in `tests/`.
        public init(
            pythons: [PythonVersion] = [], platforms: [String] = GitHubWorkflow.platforms, abi3: PythonVersion? = nil,
            tests: String = "tests"
        ) {
            self.pythons = pythons
            self.platforms = platforms
            self.abi3 = abi3
            self.tests = tests
        }
    }

    /// Why no workflow can be written for these options.
    public struct Invalid: Error, CustomStringConvertible {
        /// What is wrong with the options, and which flag to pass instead.
        public var description: String
    }

    /// The architectures a workflow can build for, and the GitHub-hosted runner of each.
    public static let platforms = ["x86_64", "aarch64"]
    static let runners = ["x86_64": "ubuntu-24.04", "aarch64": "ubuntu-24.04-arm"]
    /// The CPython minor versions swiftmod builds for.
    /// (The default, GIL-enabled builds: a free-threaded 3.14t/3.15t imports these wheels' modules
    /// with the GIL re-enabled, since they declare `Py_mod_gil = Py_MOD_GIL_USED`.)
    public static let supportedPythons = (10...15).map { PythonVersion(3, $0) }
    /// The official Swift image the wheels are built in (multi-architecture).
    public static let swiftImage = "swift:6.3-noble"

    /// The project's settings: names, `requires-python`, `abi3`.
    public let pyproject: PyProject
    /// The Pythons, architectures, abi3 version and test directory asked for.
    public let options: Options

    /// A workflow for `pyproject` with `options`; checked when rendered.
    public init(pyproject: PyProject, options: Options) {
        self.pyproject = pyproject
        self.options = options
    }

    /// The Pythons to build and test for, checked against `requires-python`.
    public func pythons() throws(Invalid) -> [PythonVersion] {
        let requested = options.pythons.isEmpty ? Self.supportedPythons : options.pythons
        for version in requested where version < PythonVersion.oldestSupported {
            throw Invalid(
                description: "Python \(version) is older than the \(PythonVersion.oldestSupported) that swiftmod's generated code needs")
        }
        let allowed = requested.filter { pyproject.requiresPython?.contains($0) ?? true }
        guard !allowed.isEmpty else {
            throw Invalid(
                description:
                    "requires-python = \"\(pyproject.requiresPython?.description ?? "")\" in \(pyproject.path) allows none of Python \(requested.map(\.description).joined(separator: ", ")): pass --python with a version it allows"
            )
        }
        return allowed
    }

    /// The workflow's YAML.
    public func render() throws(Invalid) -> String {
        var pythons = try pythons()
        // `--abi3` overrides the project's abi3 or abi3t (docs/design/interpreters.md#abi3t).
        let stableABI = options.abi3.map(StableABI.abi3) ?? pyproject.stableABI
        let abi3 = stableABI?.version
        if let abi3 {
            // An abi3 wheel installs on its version and newer only.
            pythons = pythons.filter { $0 >= abi3 }
            guard !pythons.isEmpty else {
                throw Invalid(description: "abi3 \(abi3) leaves none of the Pythons to build and test for: pass --python \(abi3) or newer")
            }
        }
        for platform in options.platforms where Self.runners[platform] == nil {
            throw Invalid(
                description: "no GitHub-hosted Linux runner for '\(platform)': choose from \(Self.platforms.joined(separator: ", "))")
        }
        guard !options.platforms.isEmpty else { throw Invalid(description: "no platform to build for: pass --platform x86_64 or aarch64") }
        let distribution = pyproject.metadata.name
        let version = SwiftmodVersion.current
        let requirement = SwiftmodVersion.buildRequirement
        let matrix = options.platforms.map { "          - arch: \($0)\n            runner: \(Self.runners[$0]!)" }.joined(separator: "\n")
        var installPythons = pythons.map(\.description).joined(separator: " ")
        let build: String
        if let stableABI, let abi3 {
            // One wheel for every CPython from `abi3` up, built against the oldest one's headers.
            let headers = pythons[0]
            installPythons = headers.description
            build = "swiftmod build --out dist --\(stableABI.name) \(abi3) -i \"$(uv python find \(headers))\""
        } else {
            build = "swiftmod build --out dist " + pythons.map { "-i \"$(uv python find \($0))\"" }.joined(separator: " ")
        }
        let testPythons = pythons.map { "\"\($0)\"" }.joined(separator: ", ")
        // The project's own wheel comes from dist/ (never from an index); then its
        // `[project] dependencies` and test extras from PyPI: pip keeps the installed wheel,
        // which satisfies the requirement, and installs what it needs.
        let testExtras = pyproject.metadata.optionalDependencies.map(\.0).filter { ["test", "tests", "testing"].contains($0) }
        let withExtras = distribution + (testExtras.isEmpty ? "" : "[" + testExtras.joined(separator: ",") + "]")
        // The tests run on the first platform's runner, with the wheels built for it.
        let testPlatform = options.platforms.contains("x86_64") ? "x86_64" : options.platforms[0]
        return """
            # Generated by `swiftmod generate-ci github` (swiftmod \(version)). Edit it as you like;
            # run the command again to start over. Free-threaded CPythons (3.14t, 3.15t) are not in
            # the matrix: swiftmod's modules declare that they need the GIL, so such an interpreter
            # imports a wheel built for its default build with the GIL re-enabled (and says so).
            name: CI

            on:
              push:
                branches: [main]
                tags: ["v*"]
              pull_request:
              workflow_dispatch:

            permissions:
              contents: read

            jobs:
              wheels:
                name: wheels (linux ${{ matrix.arch }})
                runs-on: ${{ matrix.runner }}
                container: \(Self.swiftImage)
                strategy:
                  fail-fast: false
                  matrix:
                    include:
            \(matrix)
                steps:
                  - uses: actions/checkout@v4
                  - name: Install swiftmod and the Pythons
                    run: |
                      apt-get update
                      apt-get install -y --no-install-recommends python3 python3-venv binutils
                      python3 -m venv /opt/swiftmod
                      /opt/swiftmod/bin/pip install "\(requirement)" uv
                      echo /opt/swiftmod/bin >> "$GITHUB_PATH"
                      /opt/swiftmod/bin/uv python install \(installPythons)
                  - name: Build the wheels
                    run: \(build)
                  - uses: actions/upload-artifact@v4
                    with:
                      name: wheels-linux-${{ matrix.arch }}
                      path: dist/*.whl

              sdist:
                name: sdist
                runs-on: ubuntu-24.04
                container: \(Self.swiftImage)
                steps:
                  - uses: actions/checkout@v4
                  - name: Install swiftmod
                    run: |
                      apt-get update
                      apt-get install -y --no-install-recommends python3 python3-venv
                      python3 -m venv /opt/swiftmod
                      /opt/swiftmod/bin/pip install "\(requirement)"
                  - name: Build the sdist
                    run: /opt/swiftmod/bin/swiftmod sdist --out dist
                  - uses: actions/upload-artifact@v4
                    with:
                      name: sdist
                      path: dist/*.tar.gz

              test:
                name: test (Python ${{ matrix.python }})
                needs: [wheels]
                runs-on: \(Self.runners[testPlatform]!)
                strategy:
                  fail-fast: false
                  matrix:
                    python: [\(testPythons)]
                steps:
                  - uses: actions/checkout@v4
                  - uses: actions/setup-python@v5
                    with:
                      python-version: ${{ matrix.python }}
                  - uses: actions/download-artifact@v4
                    with:
                      name: wheels-linux-\(testPlatform)
                      path: dist
                  - name: Install the wheel built for this Python and run the tests
                    run: |
                      python -m pip install --only-binary :all: --no-index --find-links dist --no-deps "\(distribution)"
                      python -m pip install "\(withExtras)" pytest
                      python -m pytest -q \(options.tests)

              release:
                name: publish to PyPI
                if: startsWith(github.ref, 'refs/tags/')
                needs: [wheels, sdist, test]
                runs-on: ubuntu-24.04
                environment: pypi
                permissions:
                  id-token: write
                steps:
                  - uses: actions/download-artifact@v4
                    with:
                      path: dist
                      merge-multiple: true
                  - uses: pypa/gh-action-pypi-publish@release/v1

            """
    }

    /// Writes a workflow to `path` (a temporary file renamed into place), creating its directory.
    public static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let files = FileWriter()
        try files.createDirectory(url.deletingLastPathComponent().path)
        try files.writeAtomically(Data(text.utf8), to: url.path)
    }
}
