import ArgumentParser
import SwiftmodKit

/// The flags shared by the commands that build: where the project is, and `-v`.
struct BuildOptions: ParsableArguments {
    @Option(help: "The project directory.")
    var projectDir: String = "."

    @Flag(name: .shortAndLong, help: "Show the commands swiftmod runs.")
    var verbose = false

    /// The process runner, echoing each command with `-v`.
    var runner: ProcessRunner {
        var runner = ProcessRunner()
        if verbose { runner.echo = { @Sendable line in Console.detail("+ " + line) } }
        return runner
    }
}
