import ArgumentParser
import Foundation
import SwiftmodKit

/// Everything swiftmod prints goes through here: results to stdout, diagnostics to stderr.
enum Console {
    /// A line of normal output.
    static func say(_ line: String) {
        print(line)
    }

    /// A diagnostic line on standard error.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    /// A progress or diagnostic line on standard error.
    static func progress(_ line: String) {
        FileHandle.standardError.write(Data("\(line)\n".utf8))
    }

    /// A detail shown with `-v`.
    static func detail(_ line: String) {
        FileHandle.standardError.write(Data("\(line)\n".utf8))
    }

    /// What `new` / `init` did, and what to do next.
    static func reportScaffold(_ outcome: Scaffolder.Outcome, command: String) {
        let names = outcome.names
        let importName = String(names.module.split(separator: ".").first ?? Substring(names.module))
        say(
            "Created project '\(names.distribution)' in \(outcome.root) "
                + "(Python module '\(names.module)', Swift target '\(names.swiftTarget)')")
        for path in outcome.kept { say("  kept existing \(path)") }
        say("")
        say("Next:")
        if command == "new" { say("  cd \(outcome.root)") }
        say("  swift test                                  # the Swift tests")
        say("  python3 -m venv .venv                       # once: a virtualenv to install into")
        say("  swiftmod develop                            # build, install into .venv or $VIRTUAL_ENV")
        say("  .venv/bin/python -c 'import \(importName); print(\(importName).greet(\"world\"))'")
        say("  swiftmod build                              # a wheel in dist/")
    }
}

/// Runs `body`, printing any error (whichever library threw it, `SwiftmodError.init(_:)`) as one
/// `error:` message and exiting with status 1; ArgumentParser's own exits pass through.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch let exit as CleanExit {
        throw exit
    } catch let error as ValidationError {
        throw error
    } catch {
        Console.error(SwiftmodError(error).description)
        throw ExitCode.failure
    }
}
