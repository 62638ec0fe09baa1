import ArgumentParser
import Foundation
import SwiftmodKit
import SwiftmodModel

extension Swiftmod {
    /// `swiftmod generate-ci`: continuous-integration configuration for the project.
    struct GenerateCI: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate-ci",
            abstract: "Write a CI workflow that builds, tests and publishes the project.",
            subcommands: [GitHub.self]
        )
    }
}

extension Swiftmod.GenerateCI {
    /// `swiftmod generate-ci github`: a GitHub Actions workflow.
    struct GitHub: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "github",
            abstract: "Write a GitHub Actions workflow (to stdout, or -o FILE).",
            discussion: """
                Wheels on Linux x86_64 and aarch64 in the official Swift container, one per \
                Python (or one abi3 wheel when the project or --abi3 says so); the sdist; a test \
                job that installs the built wheel on each Python and runs the project's pytest \
                tests; and, on tags, a release job that publishes to PyPI with trusted publishing \
                (configure the `pypi` environment and a trusted publisher on PyPI).
                """
        )

        @Option(help: "The project directory.")
        var projectDir: String = "."

        @Option(name: .shortAndLong, help: "Write the workflow to this file (such as .github/workflows/CI.yml) instead of stdout.")
        var output: String?

        @Option(
            name: .customLong("python"),
            help: ArgumentHelp(
                "A CPython version to build and test for (repeatable; default every version from 3.10 to 3.15 that requires-python allows).",
                valueName: "VERSION"))
        var pythons: [PythonVersion] = []

        @Option(
            name: .customLong("platform"),
            help: ArgumentHelp("A Linux architecture to build wheels for (repeatable): x86_64, aarch64 (default both).", valueName: "ARCH"))
        var platforms: [String] = []

        @Option(
            help: ArgumentHelp("Build one abi3 wheel for CPython VERSION and newer (default: [tool.swiftmod] abi3).", valueName: "VERSION"))
        var abi3: PythonVersion?

        @Option(help: "The directory of the project's pytest tests.")
        var tests: String = "tests"

        func run() throws {
            try reportingErrors {
                let project = try BuildContext.load(projectDir, environment: processEnvironment, runner: ProcessRunner()).project
                let options = GitHubWorkflow.Options(
                    pythons: pythons, platforms: platforms.isEmpty ? GitHubWorkflow.platforms : platforms, abi3: abi3, tests: tests)
                let text: String
                do { text = try GitHubWorkflow(pyproject: project.pyproject, options: options).render() } catch let error
                    as GitHubWorkflow.Invalid
                {
                    throw SwiftmodError.badOption(option: "generate-ci github", reason: error.description)
                }
                guard let output else {
                    print(text, terminator: "")
                    return
                }
                try GitHubWorkflow.write(text, to: output)
                Console.say("Wrote \(output)")
            }
        }
    }
}
