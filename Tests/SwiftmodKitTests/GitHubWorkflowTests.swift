import SwiftmodKit
import SwiftmodModel
import Testing

/// `swiftmod generate-ci github`: what the workflow builds and tests for.
@Suite struct GitHubWorkflowGeneration {
    func pyproject(requires: String = ">=3.10", tool: String = "") throws -> PyProject {
        try PyProject(
            text: "[project]\nname = \"word-tools\"\nversion = \"1\"\nrequires-python = \"\(requires)\"\n[tool.swiftmod]\n\(tool)\n")
    }

    @Test func buildsAndTestsEveryAllowedPythonOnBothArchitectures() throws {
        let text = try GitHubWorkflow(pyproject: pyproject(requires: ">=3.11"), options: .init()).render()
        #expect(text.contains("uv python install 3.11 3.12 3.13 3.14 3.15\n"))
        #expect(
            text.contains(
                #"swiftmod build --out dist -i "$(uv python find 3.11)" -i "$(uv python find 3.12)" -i "$(uv python find 3.13)" -i "$(uv python find 3.14)" -i "$(uv python find 3.15)""#
            ))
        #expect(text.contains(#"python: ["3.11", "3.12", "3.13", "3.14", "3.15"]"#))
        #expect(text.contains("Free-threaded CPythons (3.14t, 3.15t) are not in"))
        #expect(
            text.contains(
                "- arch: x86_64\n            runner: ubuntu-24.04\n          - arch: aarch64\n            runner: ubuntu-24.04-arm"))
        #expect(text.contains(#"--no-deps "word-tools""#))
        #expect(text.contains("id-token: write") && text.contains("pypa/gh-action-pypi-publish@release/v1"))
        #expect(text.contains("if: startsWith(github.ref, 'refs/tags/')"))
    }

    @Test func theTestJobInstallsTheProjectsDependenciesAndTestExtras() throws {
        // The wheel comes from dist/ alone; `pip install "word-tools[test]"` then keeps it and
        // installs `dependencies = ["numpy"]` and the test extra (issue 24).
        let project = try PyProject(
            text: """
                [project]
                name = "word-tools"
                version = "1"
                dependencies = ["numpy"]
                [project.optional-dependencies]
                test = ["hypothesis"]
                docs = ["sphinx"]
                [tool.swiftmod]
                """)
        let text = try GitHubWorkflow(pyproject: project, options: .init()).render()
        #expect(text.contains(#"--no-index --find-links dist --no-deps "word-tools""#))
        #expect(text.contains(#"python -m pip install "word-tools[test]" pytest"#))
        let plain = try GitHubWorkflow(pyproject: pyproject(), options: .init()).render()
        #expect(plain.contains(#"python -m pip install "word-tools" pytest"#))
    }

    @Test func abi3BuildsOneWheelAndTestsItFromItsVersionUp() throws {
        let text = try GitHubWorkflow(pyproject: pyproject(tool: "abi3 = \"3.12\""), options: .init()).render()
        #expect(text.contains(#"swiftmod build --out dist --abi3 3.12 -i "$(uv python find 3.12)""#))
        #expect(text.contains(#"python: ["3.12", "3.13", "3.14", "3.15"]"#))
    }

    @Test func abi3tBuildsOneWheelAgainst315AndTestsIt() throws {
        let text = try GitHubWorkflow(pyproject: pyproject(tool: "abi3t = \"3.15\""), options: .init()).render()
        #expect(text.contains(#"swiftmod build --out dist --abi3t 3.15 -i "$(uv python find 3.15)""#))
        #expect(text.contains(#"python: ["3.15"]"#))
    }

    @Test func refusesWhatCannotBeBuilt() throws {
        #expect(throws: GitHubWorkflow.Invalid.self) {
            try GitHubWorkflow(pyproject: pyproject(), options: .init(platforms: ["riscv64"])).render()
        }
        #expect(throws: GitHubWorkflow.Invalid.self) {
            try GitHubWorkflow(pyproject: pyproject(), options: .init(pythons: [PythonVersion(3, 9)])).render()
        }
        let error = #expect(throws: GitHubWorkflow.Invalid.self) {
            try GitHubWorkflow(pyproject: pyproject(requires: ">=3.16"), options: .init()).render()
        }
        #expect(error?.description.contains("allows none of Python 3.10, 3.11, 3.12, 3.13, 3.14, 3.15") == true)
    }
}
