import ArgumentParser
import SwiftmodKit

extension Swiftmod {
    /// `swiftmod new PATH`: a new project in a new directory.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a new swiftmod project in a new directory.",
            discussion: """
                Writes Package.swift, a sample Swift library with tests, pyproject.toml, Python \
                tests, .gitignore and README.md. PATH must not exist, or be an empty directory.
                """
        )

        @Argument(help: "The directory to create.")
        var path: String

        @OptionGroup var names: NameOptions

        func run() throws {
            try reportingErrors {
                let outcome = try Scaffolder().createNew(at: path, names: names.choices)
                Console.reportScaffold(outcome, command: "new")
            }
        }
    }
}
