import ArgumentParser
import Foundation
import SwiftmodKit

extension Swiftmod {
    /// `swiftmod develop`: build the extension and install it into the virtualenv.
    struct Develop: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the extension and install it into the active virtualenv.",
            discussion: """
                Installs into $VIRTUAL_ENV, or else into .venv in the project directory, using \
                that environment's Python for headers and the extension suffix. pip sees the \
                install (`pip show`, `pip uninstall`). Re-running replaces it; when nothing changed \
                it does nothing.
                """
        )

        @OptionGroup var common: BuildOptions

        @Flag(help: "Build with optimizations (debug by default).")
        var release = false

        @Flag(
            help:
                "Install an import hook: importing the module rebuilds it first when the Swift sources, Package.swift or pyproject.toml changed (also `rebuild-on-import = true` in [tool.swiftmod])."
        )
        var rebuildOnImport = false

        func run() throws {
            try reportingErrors {
                let start = Date()
                var developer = Developer(context: try common.context(), release: release)
                developer.rebuildOnImport = rebuildOnImport
                let outcome = try developer.run()
                let elapsed = String(format: "%.2fs", Date().timeIntervalSince(start))
                if outcome.upToDate {
                    Console.say("Up to date in \(outcome.environment) (\(elapsed))")
                } else {
                    Console.say("Installed into \(outcome.environment) (\(outcome.exports); \(elapsed))")
                }
            }
        }
    }
}
