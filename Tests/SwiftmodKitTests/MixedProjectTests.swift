import Foundation
import SwiftmodModel
import SwiftmodPackaging
import Testing

@testable import SwiftmodGenerator
@testable import SwiftmodKit

/// Writes `files` (relative path → text) below a fresh temporary directory.
private func project(_ files: [String: String]) throws -> URL {
    let root = try makeTemporaryDirectory()
    for (path, text) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    return root
}

private let header = "[project]\nname = \"word-tools\"\nversion = \"0.1.0\"\n[tool.swiftmod]\n"

/// The mixed layout on disk (docs/design/mixed.md): detection, the wheel's files, develop's plan.
@Suite struct MixedProjects {
    @Test func pythonSourceMakesTheProjectMixed() throws {
        let root = try project([
            "pyproject.toml": header + "python-source = \"python\"\nmodule-name = \"word_tools._native\"\n",
            "python/word_tools/__init__.py": "",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let loaded = try Project.load(root.path)
        #expect(loaded.layout == ModuleLayout(module: "word_tools._native", pythonSource: "python"))
    }

    @Test func aPackageBesidePyprojectMakesTheProjectMixed() throws {
        let root = try project(["pyproject.toml": header + "module-name = \"word_tools._native\"\n", "word_tools/__init__.py": ""])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try Project.load(root.path).layout == ModuleLayout(module: "word_tools._native", pythonSource: ""))
    }

    @Test func aPureProjectStaysPure() throws {
        let root = try project(["pyproject.toml": header])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try Project.load(root.path).layout == ModuleLayout(module: "word_tools", pythonSource: nil))
    }

    @Test func aDottedModuleWithoutAPythonPackageSaysWhatToDo() throws {
        let root = try project(["pyproject.toml": header + "module-name = \"word_tools._native\"\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let error = #expect(throws: SwiftmodError.self) { try Project.load(root.path) }
        let text = error?.description ?? ""
        #expect(
            text.contains("pyproject.toml:5: module-name `word_tools._native` puts the extension inside the Python package `word_tools`"))
        #expect(text.contains("set `python-source = \"python\"` with python/word_tools/__init__.py"))
    }

    @Test func aMissingPythonSourcePackageIsNamed() throws {
        let root = try project(["pyproject.toml": header + "python-source = \"src\"\nmodule-name = \"word_tools._native\"\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let error = #expect(throws: SwiftmodError.self) { try Project.load(root.path) }
        #expect(
            error?.description.contains("pyproject.toml:5: `python-source = \"src\"` but there is no src/word_tools/__init__.py") == true)
    }

    @Test func theWheelCarriesThePackageTheExtensionIncludesAndData() throws {
        let root = try project([
            "pyproject.toml": header + """
                python-source = "python"
                module-name = "word_tools._native"
                data = "word_tools.data"
                include = ["extra/*.json"]
                exclude = ["python/word_tools/_dev.py"]
                """,
            "python/word_tools/__init__.py": "from ._native import *\n",
            "python/word_tools/words.txt": "a\n",
            "python/word_tools/_dev.py": "",
            "python/word_tools/_native.cpython-311-x86_64-linux-gnu.so": "old develop build",
            "python/word_tools/_native.pyi": "old stubs",
            "python/word_tools/__pycache__/x.cpython-311.pyc": "",
            "python/word_tools/build/keep.py": "",
            "python/word_tools/debug.log": "ignored by .gitignore",
            ".gitignore": "*.log\n",
            "extra/a.json": "{}",
            "word_tools.data/scripts/hello": "#!python\n",
            "word_tools.data/data/share/x.txt": "x",
            "lib.so": "new build",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let loaded = try Project.load(root.path)
        let product = ExtensionBuilder.Product(
            library: root.path + "/lib.so", extensionFileName: "_native.cpython-311-x86_64-linux-gnu.so",
            interface: ModuleInterface(swiftModule: "WordTools", pythonModule: "_native"),
            pythonFiles: [.init(path: "_native.pyi", contents: "new stubs"), .init(path: "py.typed", contents: "")], diagnostics: [])
        let files = try DistributionAssembler.wheelFiles(product, project: loaded)
        #expect(
            files.map(\.path).sorted() == [
                "extra/a.json",
                "word_tools-0.1.0.data/data/share/x.txt", "word_tools-0.1.0.data/scripts/hello",
                "word_tools/__init__.py", "word_tools/_native.cpython-311-x86_64-linux-gnu.so", "word_tools/_native.pyi",
                "word_tools/build/keep.py", "word_tools/py.typed", "word_tools/words.txt",
            ])
        #expect(files.first { $0.path.hasSuffix(".so") }?.data == Data("new build".utf8))
        #expect(files.first { $0.path.hasSuffix(".pyi") }?.data == Data("new stubs".utf8))
    }

    @Test func aBadDataDirectoryIsRefused() throws {
        let root = try project(["pyproject.toml": header + "data = \"d\"\n", "d/other/x": ""])
        defer { try? FileManager.default.removeItem(at: root) }
        let error = #expect(throws: SwiftmodError.self) { try DistributionAssembler.dataFiles(try Project.load(root.path)) }
        #expect(
            error?.description.contains("pyproject.toml:5: `d/other/x` is not inside one of data/, headers/, platlib/, purelib/, scripts/")
                == true)
    }

    @Test func relativePathsForRecord() {
        #expect(DevelopInstall.relativePath(from: "/v/lib/python3.11/site-packages", to: "/v/bin/x") == "../../../bin/x")
        #expect(DevelopInstall.relativePath(from: "/v/lib/python3.11/site-packages", to: "/v/lib/python3.11/site-packages/a/b") == "a/b")
    }

    @Test func localDependenciesComeFromTheDumpedManifest() {
        let json =
            #"{"dependencies": [{"fileSystem": [{"identity": "shared", "path": "/tmp/Shared"}]}, {"sourceControl": [{"identity": "swift-collections"}]}]}"#
        #expect(SdistBuilder.localDependencies(dumpedManifest: Data(json.utf8)) == ["/tmp/Shared"])
    }

    @Test func theMixedScaffold() throws {
        let names = try ProjectNames.derive(from: "word-tools", module: "word_tools._native")
        let scaffold = try ProjectScaffold(names: names, mixed: true)
        #expect(
            scaffold.files.map(\.path) == [
                "Package.swift", "pyproject.toml", "Sources/WordTools/WordTools.swift", "Tests/WordToolsTests/WordToolsTests.swift",
                "python/word_tools/__init__.py", "python/word_tools/py.typed", "tests/test_word_tools.py", ".gitignore", "README.md",
            ])
        let text = Dictionary(uniqueKeysWithValues: scaffold.files.map { ($0.path, $0.contents) })
        #expect(text["pyproject.toml"]?.contains("python-source = \"python\"") == true)
        #expect(text["pyproject.toml"]?.contains("module-name = \"word_tools._native\"") == true)
        #expect(text["python/word_tools/__init__.py"]?.contains("from ._native import RatioError, greet, parse_ratio, word_count") == true)
        #expect(text[".gitignore"]?.contains("python/word_tools/_native.pyi") == true)
        let pyproject = try PyProject(text: text["pyproject.toml"]!)
        #expect(pyproject.pythonSource == "python")
    }

    @Test func newMixedDefaultsTheModuleToNative() throws {
        let temp = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let outcome = try Scaffolder().createNew(at: temp.appendingPathComponent("word-tools").path, names: .init(mixed: true))
        #expect(outcome.names.module == "word_tools._native")
        let loaded = try Project.load(outcome.root)
        #expect(loaded.layout.sourcePackageDirectory == "python/word_tools")
    }
}

/// The launcher scripts `develop` writes for `[project.scripts]`.
@Suite struct ScriptLaunchers {
    @Test func rendersPipsLauncher() throws {
        let launcher = try #require(ScriptLauncher(name: "word-count", value: "word_tools.cli:App.main [cli]"))
        let text = launcher.render(python: "/v/bin/python")
        #expect(text.hasPrefix("#!/v/bin/python\n"))
        #expect(text.contains("from word_tools.cli import App\n"))
        #expect(text.contains("    sys.exit(App.main())\n"))
    }

    @Test func refusesAValueWithoutAFunction() {
        #expect(ScriptLauncher(name: "x", value: "word_tools") == nil)
        #expect(ScriptLauncher(name: "x", value: ":main") == nil)
    }
}

/// What `develop` writes where, before anything is written.
@Suite struct DevelopPlans {
    @Test func aMixedProjectGetsAPthScriptsDataAndTheExtensionInItsSource() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let files = [
            "pyproject.toml":
                "[project]\nname = \"word-tools\"\nversion = \"0.1.0\"\n[project.scripts]\nwc = \"word_tools.cli:main\"\n[project.gui-scripts]\nwc-gui = \"word_tools.gui:run\"\n[tool.swiftmod]\npython-source = \"python\"\nmodule-name = \"word_tools._native\"\ndata = \"d\"\n",
            "python/word_tools/__init__.py": "", "d/scripts/hello": "#!python\nprint(1)\n", "d/headers/wt.h": "",
            "d/data/share/wt/x.txt": "x", "lib.so": "so",
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let project = try Project.load(root.path)
        let product = ExtensionBuilder.Product(
            library: root.path + "/lib.so", extensionFileName: "_native.cpython-311-x86_64-linux-gnu.so",
            interface: ModuleInterface(swiftModule: "WordTools", pythonModule: "_native"),
            pythonFiles: [.init(path: "_native.pyi", contents: "stubs"), .init(path: "py.typed", contents: "")], diagnostics: [])
        var python = PythonInterpreter(
            executable: "/v/bin/python", include: "/inc", extSuffix: ".cpython-311-x86_64-linux-gnu.so", version: "3.11")
        python.platlib = "/v/lib/python3.11/site-packages"
        python.scripts = "/v/bin"
        python.data = "/v"
        let plan = try DevelopInstall.plan(product, project: project, python: python)
        #expect(
            plan.installed.map(\.path) == [
                "word_tools.pth", "../../../share/wt/x.txt", "../../../include/site/python3.11/word-tools/wt.h", "../../../bin/hello",
                "../../../bin/wc", "../../../bin/wc-gui",
            ])
        #expect(plan.installed[0].data == Data((project.root + "/python\n").utf8))
        let hello = try #require(plan.installed.first { $0.path == "../../../bin/hello" })
        #expect(String(decoding: hello.data, as: UTF8.self) == "#!/v/bin/python\nprint(1)\n" && hello.executable)
        #expect(
            plan.installed.first { $0.path == "../../../bin/wc-gui" }.map { String(decoding: $0.data, as: UTF8.self) }?.contains(
                "from word_tools.gui import run") == true)
        #expect(
            plan.inSource.map(\.path) == ["python/word_tools/_native.cpython-311-x86_64-linux-gnu.so", "python/word_tools/_native.pyi"])
    }
}

/// Answers `swift package dump-package` with a fixed manifest and records what it ran.
private final class DumpPackageDouble: ProcessRunning, @unchecked Sendable {
    let manifest: String
    var commands: [[String]] = []

    init(dependencies: String) {
        manifest = #"{"name": "WordTools", "dependencies": ["# + dependencies + "]}"
    }

    func run(_ executable: String, _ arguments: [String], in directory: String?) throws -> ProcessRunner.Output {
        commands.append([executable] + arguments)
        return ProcessRunner.Output(status: 0, stdout: manifest)
    }
}

/// `swiftmod sdist` and local package dependencies, with SwiftPM answered by a double.
@Suite struct SdistLocalDependencies {
    private func sdist(dependencies: String, manifest: String) throws -> (Result<SdistBuilder.Outcome, any Error>, DumpPackageDouble, URL) {
        let root = try project([
            "pyproject.toml": header, "Package.swift": manifest, "Sources/WordTools/WordTools.swift": "public func f() {}\n",
        ])
        let double = DumpPackageDouble(dependencies: dependencies.replacingOccurrences(of: "ROOT", with: root.path))
        let builder = SdistBuilder(
            context: try BuildContext.load(root.path, environment: [:], runner: double), outDirectory: root.path + "/out")
        return (Result { try builder.run() }, double, root)
    }

    @Test func aPathOutsideTheProjectIsRefusedWithWhatToDo() throws {
        let (result, double, root) = try sdist(
            dependencies: #"{"fileSystem": [{"identity": "shared", "path": "ROOT/../Shared"}]}"#, manifest: #".package(path: "../Shared")"#)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(double.commands == [["swift", "package", "dump-package", "--package-path", root.path]])
        guard case .failure(let error) = result else {
            Issue.record("the sdist was written")
            return
        }
        let shared = root.deletingLastPathComponent().appendingPathComponent("Shared").path
        #expect("\(error)".contains("it depends on the local package at \(shared) (`.package(path:)`), which is outside the project"))
        #expect("\(error)".contains("vendor the package inside the project (and depend on it by that path), or depend on it by URL"))
        #expect(!FileManager.default.fileExists(atPath: root.path + "/out"))
    }

    @Test func aPathInsideTheProjectIsPacked() throws {
        let (result, _, root) = try sdist(
            dependencies: #"{"fileSystem": [{"identity": "shared", "path": "ROOT/Vendor/Shared"}]}"#,
            manifest: #".package(path: "Vendor/Shared")"#)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try result.get().entries.contains("word_tools-0.1.0/Package.swift"))
    }

    @Test func aManifestWithoutPathsIsNotAskedAbout() throws {
        let (result, double, root) = try sdist(dependencies: "", manifest: "// no local dependencies\n")
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try result.get()
        #expect(double.commands.isEmpty)
    }
}

/// The one skip list of project walks.
@Suite struct ProjectWalks {
    @Test func outputDirectoriesAreSkippedOnlyAtTheTop() throws {
        let root = try project([
            "build/swiftmod/x.so": "", "dist/a.whl": "", "Sources/X/build/keep.swift": "", "python/pkg/dist/keep.py": "",
            ".build/debug/o": "", "a/.venv/bin/python": "", "a/__pycache__/m.pyc": "", ".build-wheel/y": "", ".pytest_cache/v": "",
            ".gitignore": "",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(ProjectWalker.files(root.path, recursive: true) == [".gitignore", "Sources/X/build/keep.swift", "python/pkg/dist/keep.py"])
        #expect(
            try ProjectWalker.gitFiles(root.path) == [
                ".gitignore", ".pytest_cache/v", "Sources/X/build/keep.swift", "python/pkg/dist/keep.py",
            ])
        #expect(ProjectWalker.files(root.path + "/python/pkg", recursive: true, outputDirectories: false) == ["dist/keep.py"])
    }
}
