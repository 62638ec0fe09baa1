import Foundation
import SwiftmodModel
import SwiftmodPackaging

/// One extension module to build (docs/design/interpreters.md#interpreters): the interpreter whose headers it is compiled
/// against, and for an abi3 build the version of the limited API it uses.
public struct BuildTarget: Sendable {
    /// The interpreter whose headers the module is compiled against (and whose `EXT_SUFFIX` a
    /// version-specific module takes).
    public var interpreter: PythonInterpreter
    /// The Stable ABI the module targets, or nil for a module of `interpreter`'s version only.
    public var stableABI: StableABI?

    /// A target for `interpreter`; version-specific unless `stableABI` is given.
    public init(interpreter: PythonInterpreter, stableABI: StableABI? = nil) {
        self.interpreter = interpreter
        self.stableABI = stableABI
    }

    /// The extension's file name suffix: the interpreter's `EXT_SUFFIX`, `.abi3.so` or `.abi3t.so`.
    public var extensionSuffix: String {
        stableABI?.extensionSuffix ?? interpreter.extSuffix
    }

    /// `cp311-cp311` for a version-specific build, `cp310-abi3` for abi3, `cp315-abi3.abi3t` for
    /// abi3t (compressed ABI tags, PEP 425: the wheel installs where either is supported), on `platform`.
    public func wheelTag(platform: String) -> WheelTag {
        if let stableABI { return WheelTag(python: "cp" + stableABI.version.tagDigits, abi: stableABI.abiTag, platform: platform) }
        return WheelTag(python: interpreter.pythonTag, abi: interpreter.abiTag, platform: platform)
    }

    /// `cp311-cp311` or `cp310-abi3`, for messages.
    public var tagDescription: String {
        let tag = wheelTag(platform: "")
        return "\(tag.python)-\(tag.abi)"
    }

    /// The Stable ABI to build for: `--abi3` or `--abi3t` (not both), else the project's
    /// `[tool.swiftmod] abi3` or `abi3t`; a command-line choice of either kind overrides the
    /// project's. Each is checked against `requires-python` as the pyproject key is.
    public static func stableABI(abi3: PythonVersion?, abi3t: PythonVersion?, project: Project) throws -> StableABI? {
        if let abi3, let abi3t {
            throw SwiftmodError.badOption(
                option: "--abi3 \(abi3) --abi3t \(abi3t)",
                reason:
                    "one build targets one Stable ABI: pass one of them (an abi3t wheel also installs on the default build of CPython \(abi3t) and newer)"
            )
        }
        guard let requested = abi3t.map(StableABI.abi3t) ?? abi3.map(StableABI.abi3) else { return project.pyproject.stableABI }
        let option = "--\(requested.name) \(requested.version)"
        switch requested.problem(requiresPython: project.pyproject.requiresPython) {
        case nil:
            return requested
        case .tooOld?:
            let remedy =
                switch requested {
                case .abi3: "pass --abi3 \(requested.oldestVersion)"
                case .abi3t: "pass --abi3t \(requested.oldestVersion), or --abi3 for older versions"
                }
            throw SwiftmodError.badOption(option: option, reason: "\(requested.floorReason); \(remedy)")
        case .excluded(let requiresPython)?:
            throw SwiftmodError.badOption(
                option: option,
                reason:
                    "requires-python = \"\(requiresPython)\" in \(project.pyproject.path) excludes Python \(requested.version), so the tag cp\(requested.version.tagDigits)-\(requested.abiTag) would claim it: pass the oldest version requires-python allows"
            )
        }
    }

    /// The targets for `-i`/`-f`/abi3/abi3t, every interpreter checked before anything is built.
    public static func resolve(
        interpreters names: [String], find: Bool, stableABI: StableABI?, project: Project, runner: any ProcessRunning,
        environment: [String: String], report: (@Sendable (String) -> Void)? = nil
    ) throws -> [BuildTarget] {
        let requiresPython = project.pyproject.requiresPython
        var interpreters: [PythonInterpreter] = []
        if case .abi3t(let abi3) = stableABI, names.isEmpty, !find {
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
            return [BuildTarget(interpreter: headers, stableABI: stableABI)]
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

        guard let stableABI else { return interpreters.map { BuildTarget(interpreter: $0) } }
        // abi3: one build, against the headers of an interpreter at least as new as the limited
        // API it targets; the oldest such one.
        let (kind, abi3) = (stableABI.name, stableABI.version)
        if !stableABI.isABI3T, let freeThreaded = interpreters.first(where: { $0.abiTag.hasSuffix("t") }) {
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
        return [BuildTarget(interpreter: headers, stableABI: stableABI)]
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
