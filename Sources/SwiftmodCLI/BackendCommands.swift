import ArgumentParser
import Foundation
import SwiftmodKit

extension Swiftmod {
    /// `swiftmod write-dist-info`: the backend's `prepare_metadata_for_build_wheel`.
    struct WriteDistInfo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "write-dist-info",
            abstract: "Write the wheel's .dist-info metadata without building (for the PEP 517 backend).",
            shouldDisplay: false
        )

        @Option(help: "The project directory.")
        var projectDir: String = "."

        @Option(help: "The directory to write <name>-<version>.dist-info into.")
        var out: String

        func run() throws {
            try reportingErrors {
                // The backend reads the name from the last line.
                let context = try BuildContext.load(projectDir, environment: processEnvironment, runner: ProcessRunner())
                Console.say(try DistInfoWriter(context: context, outDirectory: out).run())
            }
        }
    }

    /// `swiftmod package-self`: swiftmod's own wheel (`make wheel`).
    struct PackageSelf: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "package-self",
            abstract: "Build the `swiftmod` wheel: this binary plus the PEP 517/660 build backend.",
            shouldDisplay: false
        )

        @Option(help: "The swiftmod executable to ship (a release build linked with --static-swift-stdlib).")
        var binary: String

        @Option(name: .shortAndLong, help: "The directory to write the wheel into.")
        var out: String = "dist"

        func run() throws {
            try reportingErrors {
                let path = try SelfPackager(binary: binary, outDirectory: out, runner: ProcessRunner(), environment: processEnvironment)
                    .run()
                Console.say("Built \(path)")
            }
        }
    }
}
