import ArgumentParser
import Foundation
import SwiftmodKit
import SwiftmodModel
import SwiftmodPackaging

extension PlatformTag.Compatibility: ExpressibleByArgument {}

extension PythonVersion: ExpressibleByArgument {
    /// A command-line `3.10`: exactly major and minor; nil (a usage error) for anything else.
    public init?(argument: String) {
        guard argument.split(separator: ".").count == 2 else { return nil }
        self.init(argument)
    }
}

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

        @Option(
            name: [.customShort("i"), .long],
            help:
                "A Python interpreter to build for: a path, or a name on PATH such as python3.12 (repeatable; default python3). One wheel per interpreter."
        )
        var interpreter: [String] = []

        @Flag(
            name: [.customShort("f"), .long],
            help:
                "Build for every CPython found on PATH and in the usual install locations that requires-python allows (see `swiftmod list-python`)."
        )
        var findInterpreter = false

        @Option(
            help: ArgumentHelp(
                "Build one abi3 wheel for CPython VERSION and newer, against the limited API (overrides [tool.swiftmod] abi3).",
                valueName: "VERSION"))
        var abi3: PythonVersion?

        @Option(
            help: ArgumentHelp(
                "Build one abi3t wheel for CPython VERSION (3.15+) and newer, default and free-threaded builds (overrides [tool.swiftmod] abi3t).",
                valueName: "VERSION"))
        var abi3t: PythonVersion?

        @Flag(help: "Build without optimizations and keep symbols.")
        var debug = false

        @Option(help: "The platform tag policy: manylinux (the most compatible one the extension meets) or linux (plain linux_x86_64).")
        var compatibility: PlatformTag.Compatibility = .manylinux

        @Flag(help: "Also build a source distribution (as `swiftmod sdist` does), first.")
        var sdist = false

        @Flag(
            help:
                "A wheel for an editable install (PEP 660, as `pip install -e .` asks for): the develop build, which only works on this machine."
        )
        var editable = false

        func validate() throws {
            if editable && (debug || sdist) {
                throw ValidationError("--editable builds the develop (debug) extension on its own; leave out --debug and --sdist")
            }
            if editable && (findInterpreter || interpreter.count > 1) {
                throw ValidationError("--editable builds for one interpreter; pass at most one -i")
            }
        }

        func run() throws {
            try reportingErrors {
                let context = try common.context()
                if sdist {
                    Console.reportSdist(try SdistBuilder(context: context, outDirectory: out).run())
                }
                let builder = WheelBuilder(
                    context: context,
                    request: .init(
                        outDirectory: out, interpreters: interpreter, findInterpreters: findInterpreter, abi3: abi3, abi3t: abi3t,
                        debug: debug, compatibility: compatibility, editable: editable))
                let megabytes = { (bytes: Int) in String(format: "%.2f MB", Double(bytes) / 1_000_000) }
                for outcome in try builder.run() {
                    Console.say("Built \(outcome.path)")
                    if editable {
                        Console.say(
                            "  \(megabytes(outcome.size)), for an editable install on this machine (linked to this toolchain's Swift runtime)"
                        )
                        continue
                    }
                    var detail =
                        "  \(megabytes(outcome.size)) (extension \(megabytes(outcome.extensionSize)) uncompressed, Swift runtime linked statically"
                    if outcome.usesFoundation { detail += ", including Foundation, which makes it larger" }
                    detail +=
                        "), for "
                        + (outcome.stableABI.map { "CPython \($0.version) and newer (\($0.name))" }
                            ?? outcome.interpreter.executable)
                    Console.say(detail)
                    if !outcome.highestVersions.isEmpty {
                        Console.say("  platform tag \(outcome.tag.platform): requires \(outcome.highestVersions.joined(separator: ", "))")
                    }
                }
            }
        }
    }
}
