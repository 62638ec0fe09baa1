import ArgumentParser
import SwiftmodKit

extension Swiftmod {
    /// `swiftmod list-python`: the interpreters swiftmod finds and whether it can build for them.
    struct ListPython: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list-python",
            abstract: "List the Python interpreters swiftmod finds.",
            discussion: """
                Looks where `swiftmod build --find-interpreter` looks: python3 and python3.N on \
                PATH, pyenv's versions directory ($PYENV_ROOT/versions, default \
                ~/.pyenv/versions), /usr/bin and /usr/local/bin. Prints each interpreter's \
                version, ABI tag, EXT_SUFFIX and whether its C headers are present; with -v, \
                candidates that do not run (such as pyenv shims for versions that are not \
                selected) are listed as skipped.
                """
        )

        @OptionGroup var common: BuildOptions

        func run() throws {
            try reportingErrors {
                let finder = InterpreterFinder(runner: common.runner, environment: processEnvironment)
                var rows: [[String]] = [["interpreter", "version", "abi", "EXT_SUFFIX", "headers", "swiftmod"]]
                var skipped: [String] = []
                for found in finder.findAll() {
                    guard let python = found.interpreter else {
                        skipped.append("\(found.candidate): \(found.failure ?? "did not run")")
                        continue
                    }
                    let version = "\(python.fullVersion.major).\(python.fullVersion.minor).\(python.fullVersion.micro)"
                    let usable = python.unsupportedReason(requiresPython: nil) == nil ? "yes" : "no"
                    rows.append([
                        python.executable, version, python.implementation == "cpython" ? python.abiTag : python.implementation,
                        python.extSuffix, python.hasHeaders ? "yes" : "no", usable,
                    ])
                }
                let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
                for row in rows {
                    Console.say(
                        row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(
                            separator: "  "))
                }
                // A pyenv shim of an unselected version exits 127 by design: not news unless asked.
                if common.verbose { for line in skipped { Console.detail("skipped \(line)") } }
            }
        }
    }
}
