import Foundation
import SwiftmodKit
import SwiftmodModel
import Testing

/// A fresh temporary directory, removed by the caller.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("swiftmod-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Every file below `url`, relative, sorted.
func listing(_ url: URL) -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: url.path)
    return ((enumerator?.allObjects as? [String]) ?? []).sorted()
}

@Suite struct ScaffoldPlan {
    @Test func listsEveryProjectFile() throws {
        let scaffold = try ProjectScaffold(names: try ProjectNames.derive(from: "word-tools"))
        #expect(
            scaffold.files.map(\.path) == [
                "Package.swift", "pyproject.toml", "Sources/WordTools/WordTools.swift",
                "Tests/WordToolsTests/WordToolsTests.swift", "tests/test_word_tools.py",
                ".gitignore", "README.md",
            ])
        let manifest = scaffold.files[0].contents
        #expect(manifest.contains(".target(name: \"WordTools\")"))
        #expect(!manifest.lowercased().contains("swiftmod") && !manifest.contains("Python"))
        let pyproject = scaffold.files[1].contents
        #expect(pyproject.contains("build-backend = \"swiftmod\""))
        #expect(pyproject.contains("version = \"0.1.0\""))
        #expect(scaffold.files[4].contents.contains("import word_tools"))
    }
}

@Suite struct ScaffolderOnDisk {
    @Test func newCreatesTheProject() throws {
        let temp = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        let outcome = try Scaffolder().createNew(
            at: temp.appendingPathComponent("word-tools").path, names: .init())
        #expect(outcome.names.module == "word_tools")
        #expect(listing(temp).contains("word-tools/Sources/WordTools/WordTools.swift"))
        #expect(listing(temp).allSatisfy { !$0.contains(".swiftmod-") })
    }

    @Test func newRefusesANonEmptyDirectory() throws {
        let temp = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try Data("x".utf8).write(to: temp.appendingPathComponent("keep.txt"))
        #expect(throws: SwiftmodError.self) {
            try Scaffolder().createNew(at: temp.path, names: .init(distribution: "ok"))
        }
        #expect(listing(temp) == ["keep.txt"])
    }

    @Test func newRefusesABadNameAndWritesNothing() throws {
        let temp = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        #expect {
            try Scaffolder().createNew(at: temp.appendingPathComponent("class").path, names: .init())
        } throws: { error in
            "\(error)".contains("'class' is not a valid Python module name")
                && "\(error)".contains("class_") && "\(error)".contains("--module-name")
        }
        #expect(listing(temp).isEmpty)
    }

    @Test func initRefusesAnExistingProjectFile() throws {
        for identity in ["pyproject.toml", "Package.swift"] {
            let temp = try makeTemporaryDirectory()
            defer { try? FileManager.default.removeItem(at: temp) }
            try Data("original".utf8).write(to: temp.appendingPathComponent(identity))
            #expect {
                try Scaffolder().initialize(at: temp.path, names: .init(distribution: "demo"))
            } throws: { error in
                "\(error)".contains(identity)
            }
            #expect(listing(temp) == [identity])
        }
    }

    @Test func initKeepsExistingFiles() throws {
        let temp = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temp) }
        try Data("# mine\n".utf8).write(to: temp.appendingPathComponent("README.md"))
        let outcome = try Scaffolder().initialize(at: temp.path, names: .init(distribution: "demo"))
        #expect(outcome.kept == ["README.md"])
        #expect(try String(contentsOf: temp.appendingPathComponent("README.md"), encoding: .utf8) == "# mine\n")
        #expect(listing(temp).contains("pyproject.toml"))
        #expect(listing(temp).allSatisfy { !$0.contains(".swiftmod-") })
    }
}
