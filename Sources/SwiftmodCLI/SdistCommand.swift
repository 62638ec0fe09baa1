import ArgumentParser
import Foundation
import SwiftmodKit

extension Swiftmod {
    /// `swiftmod sdist`: a source distribution in dist/.
    struct Sdist: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build a source distribution (<name>-<version>.tar.gz).",
            discussion: """
                Packs PKG-INFO, pyproject.toml and the Swift package: every file that git would \
                keep (.gitignore rules are honoured, in a checkout or not), never .build/, dist/, \
                .venv/ or VCS data. Installing it (`pip install <sdist>`) builds the wheel with \
                swiftmod as the build backend. Reproducible with SOURCE_DATE_EPOCH.
                """
        )

        @OptionGroup var common: BuildOptions

        @Option(name: .shortAndLong, help: "The directory to write the sdist into (default: <project>/dist).")
        var out: String?

        func run() throws {
            try reportingErrors {
                Console.reportSdist(try SdistBuilder(context: try common.context(), outDirectory: out).run())
            }
        }
    }
}

extension Console {
    /// What `sdist` wrote.
    static func reportSdist(_ outcome: SdistBuilder.Outcome) {
        say("Built \(outcome.path)")
        say(String(format: "  %.1f kB, %d files", Double(outcome.size) / 1000, outcome.entries.count))
    }
}
