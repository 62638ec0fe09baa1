import SwiftmodModel
import Testing

/// The mixed layout's names and the `[tool.swiftmod]` keys of docs/design/mixed.md.
@Suite struct MixedLayout {
    @Test func dottedModuleNamesAnExtensionInsideThePackage() {
        let layout = ModuleLayout(module: "word_tools._native", pythonSource: "python")
        #expect(layout.isMixed)
        #expect(layout.extensionName == "_native" && layout.package == "word_tools" && layout.topLevelPackage == "word_tools")
        #expect(layout.packageDirectory == "word_tools" && layout.extensionImportName == "word_tools._native")
        #expect(layout.sourcePackageDirectory == "python/word_tools" && layout.sourceExtensionDirectory == "python/word_tools")
        #expect(layout.stubFileName == "_native.pyi")
        #expect(layout.isExtensionBuild("_native.cpython-311-x86_64-linux-gnu.so") && layout.isExtensionBuild("_native.abi3.so"))
        #expect(!layout.isExtensionBuild("_native.pyi") && !layout.isExtensionBuild("other.cpython-311-x86_64-linux-gnu.so"))
    }

    @Test func deeperAndUndottedModules() {
        let deep = ModuleLayout(module: "a.b._core", pythonSource: "")
        #expect(
            deep.package == "a.b" && deep.packageDirectory == "a/b" && deep.sourcePackageDirectory == "a"
                && deep.sourceExtensionDirectory == "a/b")
        let undotted = ModuleLayout(module: "word_tools", pythonSource: "src")
        #expect(undotted.extensionImportName == "word_tools.word_tools" && undotted.stubFileName == "word_tools.pyi")
        let pure = ModuleLayout(module: "word_tools", pythonSource: nil)
        #expect(!pure.isMixed && pure.stubFileName == "__init__.pyi" && pure.sourcePackageDirectory == nil)
        #expect(pure.inPackage("py.typed") == "word_tools/py.typed")
    }

    @Test func dottedModuleNamesAreValidatedPartByPart() throws {
        try NameRules.validateDottedModule("word_tools._native")
        let error = #expect(throws: NameError.self) { try NameRules.validateDottedModule("word-tools._native") }
        #expect(
            error?.description
                == "'word-tools._native' is not a valid Python module name: 'word-tools' in it is not valid: a module name is letters, digits and '_', not starting with a digit; try 'word_tools._native'"
        )
        #expect(throws: NameError.self) { try NameRules.validateDottedModule("word_tools.") }
        #expect(throws: NameError.self) { try NameRules.validateDottedModule("word_tools.class") }
    }

    @Test func readsTheMixedKeys() throws {
        let project = try PyProject(
            text: """
                [project]
                name = "word-tools"
                version = "0.1.0"

                [tool.swiftmod]
                python-source = "./python/"
                module-name = "word_tools._native"
                data = "word_tools.data"
                include = ["python/word_tools/*.json", { path = "NOTES.txt", format = "sdist" }]
                exclude = [{ path = "python/word_tools/_dev.py", format = ["wheel", "sdist"] }]
                """)
        #expect(project.pythonSource == "python")
        #expect(project.names.module == "word_tools._native")
        #expect(project.dataDirectory == "word_tools.data")
        #expect(project.include.map(\.glob) == ["python/word_tools/*.json", "NOTES.txt"])
        #expect(project.include[1].formats == [.sdist])
        #expect(project.exclude[0].formats == [.sdist, .wheel])
    }

    @Test(arguments: [
        (
            "python-source = \"../elsewhere\"",
            "pyproject.toml:5: [tool.swiftmod] `python-source = \"../elsewhere\"` must be a directory inside the project, written relative to pyproject.toml (such as \"python\"), with no `..`"
        ),
        (
            "data = \"/abs\"",
            "pyproject.toml:5: [tool.swiftmod] `data = \"/abs\"` must be a directory inside the project, written relative to pyproject.toml (such as \"python\"), with no `..`"
        ),
        ("include = \"*.txt\"", "pyproject.toml:5: [tool.swiftmod] `include` must be a list of globs, such as [\"word_tools/*.json\"]"),
        (
            "exclude = [{ path = \"x\", format = \"egg\" }]",
            "pyproject.toml:5: [tool.swiftmod] `exclude`: format `egg` of `x` is not \"sdist\" or \"wheel\""
        ),
        (
            "include = [\"../up\"]",
            "pyproject.toml:5: [tool.swiftmod] `include`: `../up` must be a path inside the project, relative to pyproject.toml, with no `..`"
        ),
        (
            "include = [{ glob = \"x\" }]",
            "pyproject.toml:5: [tool.swiftmod] `include`: unknown key `glob` in an entry (use `path` and `format`)"
        ),
    ])
    func refusesBadValuesWithTheirLine(line: String, message: String) {
        let error = #expect(throws: PyProjectError.self) {
            try PyProject(text: "[project]\nname = \"x\"\nversion = \"1\"\n[tool.swiftmod]\n\(line)\n")
        }
        #expect(error?.description == message)
    }
}

/// `include` / `exclude` globs.
@Suite struct FilePatterns {
    @Test(arguments: [
        ("*.txt", "NOTES.txt", true), ("*.txt", "docs/NOTES.txt", false),
        ("docs/*.md", "docs/a.md", true), ("docs/**/*.md", "docs/a/b/c.md", true), ("docs/**/*.md", "docs/c.md", true),
        ("**/*.json", "a/b.json", true), ("**/*.json", "b.json", true),
        ("python/pkg/fixtures", "python/pkg/fixtures/one/two.bin", true), ("python/pkg/fix", "python/pkg/fixtures/x", false),
        ("data_[0-9].csv", "data_7.csv", true), ("data_[!0-9].csv", "data_7.csv", false), ("?.py", "a.py", true), ("?.py", "ab.py", false),
    ])
    func matches(glob: String, path: String, expected: Bool) throws {
        #expect(try FilePattern(glob).matches(path, for: .wheel) == expected)
    }

    @Test func appliesOnlyToItsFormats() throws {
        let pattern = try FilePattern("NOTES.txt", formats: ["sdist"])
        #expect(pattern.matches("NOTES.txt", for: .sdist) && !pattern.matches("NOTES.txt", for: .wheel))
    }

    @Test func relativePaths() {
        #expect(FilePattern.relative("./python/") == "python")
        #expect(FilePattern.relative(".") == "")
        #expect(FilePattern.relative("a/../b") == nil && FilePattern.relative("/a") == nil && FilePattern.relative("") == nil)
    }
}

/// Local package dependencies read from Package.swift's text (develop's no-op check).
@Suite struct ManifestLocalDependencies {
    @Test func findsPathDependencies() {
        let text = """
            dependencies: [
                .package(path: "../Shared"),
                .package(name: "Vendored", path: "Vendor/Pkg"), .package(path:"/abs/Other"),
                // .package(path: "../Commented"),
                .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
            ],
            """
        #expect(PackageManifest.localDependencyPaths(in: text) == ["../Shared", "Vendor/Pkg", "/abs/Other"])
    }
}
