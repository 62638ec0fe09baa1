import ArgumentParser
import Foundation
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

    /// The command's build context: the project loaded once, the environment, this runner, and
    /// progress to standard error.
    func context() throws -> BuildContext {
        try BuildContext.load(projectDir, environment: processEnvironment, runner: runner, report: { Console.progress($0) })
    }
}

/// The process environment: read here only, and handed to the libraries in a `BuildContext`
/// (or to the commands that have no project, as a value).
var processEnvironment: [String: String] { ProcessInfo.processInfo.environment }
