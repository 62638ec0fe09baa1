import Foundation
import SwiftmodModel

/// Finds the Python interpreters on this machine (docs/design/interpreters.md#interpreters): `python3` and `python3.N` in every
/// directory on `PATH`, pyenv's versions directory, and the system's `/usr/bin` and
/// `/usr/local/bin`. pyenv's shims for versions that are not selected exit 127; those, and
/// anything else that does not run, are listed as skipped, never built for.
public struct InterpreterFinder {
    /// One interpreter found, or a candidate that did not run.
    public struct Found: Sendable {
        /// The path it was found at.
        public var candidate: String
        /// The interpreter probed at `candidate`; nil when it did not run (see `failure`).
        public var interpreter: PythonInterpreter?
        /// Why the candidate did not run, when it did not.
        public var failure: String?
    }

    /// Runs each candidate to probe it.
    public let runner: any ProcessRunning
    /// The process environment (`PATH`, `PYENV_ROOT`, `HOME`).
    public let environment: [String: String]

    /// A finder that probes candidates with `runner` and searches the directories `environment` names.
    public init(runner: any ProcessRunning, environment: [String: String]) {
        self.runner = runner
        self.environment = environment
    }

    /// The minor versions looked for as `python3.N`.
    static let minorVersions = Array(6...15)

    /// Where interpreters are looked for, in order.
    public var searchedPlaces: [String] {
        var places = ["PATH"]
        places.append(pyenvVersions)
        places += ["/usr/bin", "/usr/local/bin"]
        return places
    }

    /// `$PYENV_ROOT/versions` (default `~/.pyenv/versions`).
    var pyenvVersions: String {
        let root = environment["PYENV_ROOT"].flatMap { $0.isEmpty ? nil : $0 } ?? ((environment["HOME"] ?? "/root") + "/.pyenv")
        return root + "/versions"
    }

    /// Candidate executables, in search order, one path per file.
    public func candidates() -> [String] {
        let files = FileManager.default
        let names = ["python3"] + Self.minorVersions.map { "python3.\($0)" }
        var paths: [String] = []
        let pathDirectories = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for directory in pathDirectories {
            for name in names where files.isExecutableFile(atPath: directory + "/" + name) { paths.append(directory + "/" + name) }
        }
        let versions =
            (try? files.contentsOfDirectory(atPath: pyenvVersions))?.sorted { a, b in
                (PythonVersion(a) ?? PythonVersion(0, 0), a) < (PythonVersion(b) ?? PythonVersion(0, 0), b)
            } ?? []
        for version in versions {
            let bin = pyenvVersions + "/" + version + "/bin/"
            if let name = (["python3"] + names).first(where: { files.isExecutableFile(atPath: bin + $0) }) { paths.append(bin + name) }
        }
        for directory in ["/usr/bin", "/usr/local/bin"] where !pathDirectories.contains(directory) {
            for name in names where files.isExecutableFile(atPath: directory + "/" + name) { paths.append(directory + "/" + name) }
        }
        // One probe per file: `python3` and `python3.11` are often links to one interpreter.
        var seen = Set<String>()
        return paths.filter { seen.insert(URL(fileURLWithPath: $0).resolvingSymlinksInPath().path).inserted }
    }

    /// Probes every candidate; interpreters reached through several paths are listed once.
    public func findAll() -> [Found] {
        var found: [Found] = []
        var executables = Set<String>()
        for candidate in candidates() {
            do {
                let interpreter = try PythonInterpreter.probe(candidate, runner: runner)
                let real = URL(fileURLWithPath: interpreter.executable).resolvingSymlinksInPath().path
                guard executables.insert(real).inserted else { continue }
                found.append(Found(candidate: candidate, interpreter: interpreter))
            } catch let error as SwiftmodError {
                if case .interpreter(_, let reason) = error { found.append(Found(candidate: candidate, failure: reason)) }
            } catch {
                found.append(Found(candidate: candidate, failure: "\(error)"))
            }
        }
        return found
    }

    /// The interpreters to build for with `--find-interpreter`: one per ABI tag (the first found),
    /// those that `unsupportedReason` accepts, oldest first; and why the others were skipped.
    public func buildable(requiresPython: VersionSpecifiers?) -> (interpreters: [PythonInterpreter], skipped: [String]) {
        var chosen: [String: PythonInterpreter] = [:]
        var skipped: [String] = []
        for found in findAll() {
            guard let interpreter = found.interpreter else { continue }  // a shim or broken link: not an interpreter
            if let reason = interpreter.unsupportedReason(requiresPython: requiresPython) {
                skipped.append("\(interpreter.executable): \(reason)")
                continue
            }
            if chosen[interpreter.abiTag] == nil { chosen[interpreter.abiTag] = interpreter }
        }
        return (chosen.values.sorted { ($0.fullVersion, $0.abiTag) < ($1.fullVersion, $1.abiTag) }, skipped)
    }
}
