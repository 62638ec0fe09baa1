import Foundation
import SwiftmodModel
import SwiftmodPackaging

/// One extension module to build (docs/design/interpreters.md#interpreters): the interpreter whose headers it is compiled
/// against, and for an abi3 build the version of the limited API it uses.
public struct BuildTarget: Sendable {
    /// The interpreter whose headers the extension is compiled against (and whose tags a version-specific build carries).
    public var interpreter: PythonInterpreter
    /// For an abi3 build, the oldest CPython whose limited API it uses (`Py_LIMITED_API`); nil for a version-specific build.
    public var abi3: PythonVersion?
    /// With `abi3` (3.15+): the build targets abi3t, the Stable ABI of both the default and the
    /// free-threaded build (PEP 803, docs/design/interpreters.md#abi3t): `PyObject` is opaque.
    public var abi3t: Bool

    /// A target; `abi3t` is ignored unless `abi3` is set.
    public init(interpreter: PythonInterpreter, abi3: PythonVersion?, abi3t: Bool = false) {
        self.interpreter = interpreter
        self.abi3 = abi3
        self.abi3t = abi3t && abi3 != nil
    }

    /// The extension's file name suffix: the interpreter's `EXT_SUFFIX`, `.abi3.so` or `.abi3t.so`.
    public var extensionSuffix: String {
        abi3 == nil ? interpreter.extSuffix : abi3t ? ".abi3t.so" : ".abi3.so"
    }

    /// `cp311-cp311` for a version-specific build, `cp310-abi3` for abi3, `cp315-abi3.abi3t` for
    /// abi3t (compressed ABI tags, PEP 425: the wheel installs where either is supported), on `platform`.
    public func wheelTag(platform: String) -> WheelTag {
        if let abi3 { return WheelTag(python: "cp" + abi3.tagDigits, abi: abi3t ? "abi3.abi3t" : "abi3", platform: platform) }
        return WheelTag(python: interpreter.pythonTag, abi: interpreter.abiTag, platform: platform)
    }

    /// `cp311-cp311` or `cp310-abi3`, for messages.
    public var tagDescription: String {
        let tag = wheelTag(platform: "")
        return "\(tag.python)-\(tag.abi)"
    }

    /// The abi3 version to build for: the one asked for on the command line, else
    /// `[tool.swiftmod] abi3`; checked against `requires-python` like the pyproject key.
    public static func abi3(_ requested: PythonVersion?, project: Project) throws -> PythonVersion? {
        guard let requested else { return project.pyproject.abi3 }
        switch requested.abi3Problem(requiresPython: project.pyproject.requiresPython) {
        case nil:
            return requested
        case .olderThanGlue?, .olderThanABI3T?:
            throw SwiftmodError.badOption(
                option: "--abi3 \(requested)",
                reason:
                    "swiftmod's glue needs the limited API of \(PythonVersion.oldestSupported) or newer; pass --abi3 \(PythonVersion.oldestSupported)"
            )
        case .excluded(let requiresPython)?:
            throw SwiftmodError.badOption(
                option: "--abi3 \(requested)",
                reason:
                    "requires-python = \"\(requiresPython)\" in \(project.pyproject.path) excludes Python \(requested), so the tag cp\(requested.tagDigits)-abi3 would claim it: pass the oldest version requires-python allows"
            )
        }
    }

    /// The Stable ABI to build for: `--abi3` or `--abi3t` (not both), else `[tool.swiftmod] abi3`
    /// or `abi3t`; a command-line choice of either kind overrides the project's.
    public static func stableABI(abi3: PythonVersion?, abi3t: PythonVersion?, project: Project) throws -> (
        abi3: PythonVersion?, abi3t: Bool
    ) {
        if let abi3, let abi3t {
            throw SwiftmodError.badOption(
                option: "--abi3 \(abi3) --abi3t \(abi3t)",
                reason:
                    "one build targets one Stable ABI: pass one of them (an abi3t wheel also installs on the default build of CPython \(abi3t) and newer)"
            )
        }
        if let abi3t {
            switch abi3t.abi3tProblem(requiresPython: project.pyproject.requiresPython) {
            case nil:
                return (abi3t, true)
            case .olderThanGlue?, .olderThanABI3T?:
                throw SwiftmodError.badOption(
                    option: "--abi3t \(abi3t)",
                    reason:
                        "the Stable ABI for free-threaded builds (abi3t) begins with CPython \(PythonVersion.oldestABI3T); pass --abi3t \(PythonVersion.oldestABI3T), or --abi3 for older versions"
                )
            case .excluded(let requiresPython)?:
                throw SwiftmodError.badOption(
                    option: "--abi3t \(abi3t)",
                    reason:
                        "requires-python = \"\(requiresPython)\" in \(project.pyproject.path) excludes Python \(abi3t), so the tag cp\(abi3t.tagDigits)-abi3.abi3t would claim it: pass the oldest version requires-python allows"
                )
            }
        }
        if abi3 == nil, let projectABI3T = project.pyproject.abi3t { return (projectABI3T, true) }
        return (try Self.abi3(abi3, project: project), false)
    }

    /// The targets for `-i`/`-f`/abi3/abi3t, every interpreter checked before anything is built.
    public static func resolve(
        interpreters names: [String], find: Bool, abi3: PythonVersion?, abi3t: Bool = false, project: Project, runner: any ProcessRunning,
        environment: [String: String], report: (@Sendable (String) -> Void)? = nil
    ) throws -> [BuildTarget] {
        let requiresPython = project.pyproject.requiresPython
        var interpreters: [PythonInterpreter] = []
        if abi3t, let abi3, names.isEmpty, !find {
            // abi3t without -i: the first interpreter found that has the headers (docs/design/interpreters.md#abi3t).
            let finder = InterpreterFinder(runner: runner, environment: environment)
            let (found, _) = finder.buildable(requiresPython: requiresPython)
            guard let headers = found.sorted(by: { $0.fullVersion < $1.fullVersion }).first(where: { $0.fullVersion.minorVersion >= abi3 })
            else {
                let seen = found.map { "\($0.executable) (\($0.version))" }.joined(separator: ", ")
                throw SwiftmodError.badOption(
                    option: "abi3t \(abi3)",
                    reason:
                        "an abi3t build compiles against the headers of CPython \(abi3) or newer, and none was found in \(finder.searchedPlaces.joined(separator: ", "))"
                        + (seen.isEmpty ? "" : " (only \(seen))") + ": install one, or pass it with -i")
            }
            report?(
                "abi3t: one wheel for CPython \(abi3) and newer (default and free-threaded builds), compiled against \(headers.executable) (\(headers.version))"
            )
            return [BuildTarget(interpreter: headers, abi3: abi3, abi3t: true)]
        }
        if find {
            let finder = InterpreterFinder(runner: runner, environment: environment)
            let (found, skipped) = finder.buildable(requiresPython: requiresPython)
            for line in skipped { report?("skipping \(line)") }
            guard !found.isEmpty else { throw SwiftmodError.noInterpreters(searched: finder.searchedPlaces, skipped: skipped) }
            interpreters += found
        }
        for name in names.isEmpty && !find ? ["python3"] : names {
            let interpreter = try locate(name, runner: runner, environment: environment, report: report)
            try interpreter.requireBuildable(requiresPython: requiresPython)
            interpreters.append(interpreter)
        }
        // One build per ABI: the same interpreter named twice, or through two paths, builds once.
        var seen = Set<String>()
        interpreters = interpreters.filter { seen.insert($0.abiTag).inserted }

        guard let abi3 else { return interpreters.map { BuildTarget(interpreter: $0, abi3: nil) } }
        // abi3: one build, against the headers of an interpreter at least as new as the limited
        // API it targets; the oldest such one.
        let kind = abi3t ? "abi3t" : "abi3"
        if !abi3t, let freeThreaded = interpreters.first(where: { $0.abiTag.hasSuffix("t") }) {
            // A free-threaded build's headers turn the limited API into abi3t (3.15) or refuse it
            // (3.13, 3.14): an abi3 module cannot come from them (docs/design/interpreters.md#abi3t).
            throw SwiftmodError.interpreter(
                freeThreaded.executable,
                reason:
                    "it is a free-threaded build (\(freeThreaded.abiTag)), whose headers cannot build an abi3 module: pass a default build with -i, or build with --abi3t \(PythonVersion.oldestABI3T) for the Stable ABI of both builds"
            )
        }
        guard
            let headers = interpreters.sorted(by: { $0.fullVersion < $1.fullVersion }).first(where: { $0.fullVersion.minorVersion >= abi3 })
        else {
            let given = interpreters.map { "\($0.executable) (\($0.version))" }.joined(separator: ", ")
            throw SwiftmodError.interpreter(
                given, reason: "an \(kind) build for \(abi3) compiles against the headers of CPython \(abi3) or newer; pass one with -i")
        }
        if interpreters.count > 1 {
            report?("\(kind): one wheel for CPython \(abi3) and newer, compiled against \(headers.executable) (\(headers.version))")
        }
        return [BuildTarget(interpreter: headers, abi3: abi3, abi3t: abi3t)]
    }

    /// Probes `name` (a path, or a name on `PATH`). A `python3.N` that does not run (pyenv puts
    /// shims on `PATH` that exit 127 unless that version is selected) is looked for in pyenv's
    /// versions directory too.
    public static func locate(
        _ name: String, runner: any ProcessRunning, environment: [String: String], report: (@Sendable (String) -> Void)? = nil
    ) throws -> PythonInterpreter {
        do {
            return try PythonInterpreter.probe(name, runner: runner)
        } catch let failure {
            guard !name.contains("/"), name.hasPrefix("python3."), let wanted = PythonVersion(String(name.dropFirst("python".count))) else {
                throw failure
            }
            let finder = InterpreterFinder(runner: runner, environment: environment)
            let versions = (try? FileManager.default.contentsOfDirectory(atPath: finder.pyenvVersions)) ?? []
            let matching = versions.compactMap { directory -> (PythonVersion, String)? in
                guard let version = PythonVersion(directory), version.minorVersion == wanted.minorVersion else { return nil }
                let path = finder.pyenvVersions + "/" + directory + "/bin/" + name
                return FileManager.default.isExecutableFile(atPath: path) ? (version, path) : nil
            }.sorted { $0.0 > $1.0 }
            guard let (_, path) = matching.first else { throw failure }
            report?("\(name) on PATH does not run; using \(path)")
            return try PythonInterpreter.probe(path, runner: runner)
        }
    }
}
