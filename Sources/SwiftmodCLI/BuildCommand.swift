import ArgumentParser
import Foundation
import SwiftmodKit
import SwiftmodPackaging

extension PlatformTag.Compatibility: ExpressibleByArgument {}

extension Swiftmod {
    /// `swiftmod build`: a self-contained wheel in dist/.
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build a wheel that installs without a Swift toolchain.",
            discussion: """
                A release build with the Swift runtime linked statically and the extension \
                stripped. The platform tag is the most compatible manylinux policy the extension \
                meets (read from its ELF headers, against auditwheel's policies). The wheel is \
                written to a temporary file and renamed into place.
                """
        )

        @OptionGroup var common: BuildOptions

        @Option(name: .shortAndLong, help: "The directory to write the wheel into (default: <project>/dist).")
        var out: String?

        @Option(help: "The Python interpreter to build for.")
        var interpreter: String = "python3"

        @Flag(help: "Build without optimizations and keep symbols.")
        var debug = false

        @Option(help: "The platform tag policy: manylinux (the most compatible one the extension meets) or linux (plain linux_x86_64).")
        var compatibility: PlatformTag.Compatibility = .manylinux

        func run() throws {
            try reportingErrors {
                let runner = common.runner
                var builder = WheelBuilder(
                    request: .init(projectDirectory: common.projectDir, outDirectory: out, interpreter: interpreter, debug: debug, compatibility: compatibility),
                    runner: runner)
                builder.report = { Console.progress($0) }
                let outcome = try builder.run()
                let megabytes = { (bytes: Int) in String(format: "%.2f MB", Double(bytes) / 1_000_000) }
                Console.say("Built \(outcome.path)")
                var detail = "  \(megabytes(outcome.size)) (extension \(megabytes(outcome.extensionSize)) uncompressed, Swift runtime linked statically"
                if outcome.usesFoundation { detail += ", including Foundation, which makes it larger" }
                detail += ")"
                Console.say(detail)
                if !outcome.highestVersions.isEmpty {
                    Console.say("  platform tag \(outcome.tag.platform): requires \(outcome.highestVersions.joined(separator: ", "))")
                }
            }
        }
    }
}
