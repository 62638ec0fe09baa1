import ArgumentParser
import Foundation
import SwiftmodKit
import SwiftmodModel

extension Swiftmod {
    /// `swiftmod compile`: generate the bindings and build the Python package into a directory.
    struct Compile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate the bindings and build the extension into a directory.",
            discussion: """
                Scans the public API of the Swift target, generates the CPython glue, compiles \
                it with `swift build`, and writes the Python package <module>/ (the extension, \
                __init__.py, __init__.pyi, py.typed) into --out; in a mixed project, your package \
                from python-source with the extension and its stubs in it. Nothing is installed: \
                put --out on PYTHONPATH to import it.
                """
        )

        @Option(name: .shortAndLong, help: "The directory to write the Python package into.")
        var out: String = "build/swiftmod"

        @OptionGroup var common: BuildOptions

        @Flag(help: "Build with optimizations.")
        var release = false

        @Option(
            name: [.customShort("i"), .long], help: "The Python interpreter to build for: a path, or a name on PATH such as python3.12.")
        var interpreter: String = "python3"

        @Option(
            help: ArgumentHelp(
                "Build against the limited API of CPython VERSION (abi3; overrides [tool.swiftmod] abi3).", valueName: "VERSION"))
        var abi3: PythonVersion?

        @Option(
            help: ArgumentHelp(
                "Build for the Stable ABI of CPython VERSION (3.15+), default and free-threaded builds (abi3t; overrides [tool.swiftmod] abi3t).",
                valueName: "VERSION"))
        var abi3t: PythonVersion?

        func run() throws {
            try reportingErrors {
                let request = Compiler.Request(outDirectory: out, interpreter: interpreter, release: release, abi3: abi3, abi3t: abi3t)
                let outcome = try Compiler(context: try common.context(), request: request).run()
                Console.say(
                    "Built \(outcome.packageDirectory)/\(outcome.product.extensionFileName) (\(outcome.product.interface.exportSummary))")
            }
        }
    }
}
