import ArgumentParser
import SwiftmodKit

extension Swiftmod {
    /// `swiftmod init [PATH]`: a project's files added to an existing directory.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set up a swiftmod project in an existing directory.",
            discussion: """
                Refuses, writing nothing, where pyproject.toml or Package.swift already exists. \
                Existing files such as README.md or .gitignore are kept as they are.
                """
        )

        @Argument(help: "The directory to set up.")
        var path: String = "."

        @OptionGroup var names: NameOptions

        func run() throws {
            try reportingErrors {
                let outcome = try Scaffolder().initialize(at: path, names: names.choices)
                Console.reportScaffold(outcome, command: "init")
            }
        }
    }
}
