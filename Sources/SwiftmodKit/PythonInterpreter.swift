import Foundation
import SwiftmodModel

/// A Python interpreter and what building for it needs: headers, `EXT_SUFFIX`, version, ABI tag.
public struct PythonInterpreter: Equatable, Sendable {
    /// The interpreter's path (`sys.executable`).
    public var executable: String
    /// The directory of `Python.h`.
    public var include: String
    /// The extension module suffix (`.cpython-311-x86_64-linux-gnu.so`).
    public var extSuffix: String
    /// `3.11.7`.
    public var fullVersion: PythonVersion
    /// `3.11`.
    public var version: String { fullVersion.minorVersion.description }
    /// `sys.implementation.name`: `cpython`, `pypy`, ...
    public var implementation: String = "cpython"
    /// The wheel's ABI tag for a version-specific build: `cp311`, `cp313t` (from `SOABI`, so ABI
    /// flags such as free-threading's `t` are kept).
    public var abiTag: String = ""
    /// Whether `Python.h` is in `include`.
    public var hasHeaders: Bool = true
    /// Where platform-specific packages are installed (`sysconfig` `platlib`).
    public var platlib: String = ""
    /// Where scripts are installed (`sysconfig` `scripts`).
    public var scripts: String = ""
    /// The installation prefix that a wheel's `.data/data/` goes to (`sysconfig` `data`).
    public var data: String = ""

    /// An interpreter described by hand (tests); `probe` asks a real one.
    public init(executable: String, include: String, extSuffix: String, version: String) {
        self.executable = executable
        self.include = include
        self.extSuffix = extSuffix
        self.fullVersion = PythonVersion(version) ?? PythonVersion(0, 0)
    }

    /// The wheel's Python tag: `cp311`.
    public var pythonTag: String { "cp" + fullVersion.tagDigits }

    /// Asks `executable` for its configuration; fails when it does not run as Python 3.
    /// Missing headers are recorded (`hasHeaders`), not an error: `requireBuildable()` decides.
    public static func probe(_ executable: String, runner: any ProcessRunning) throws -> PythonInterpreter {
        let script = """
            import sys, sysconfig
            p = sysconfig.get_paths()
            v = sys.version_info
            soabi = sysconfig.get_config_var('SOABI') or ''
            abi = soabi.split('-')[1] if soabi.startswith('cpython-') else '%d%d%s' % (v[0], v[1], getattr(sys, 'abiflags', ''))
            for line in (p['include'], sysconfig.get_config_var('EXT_SUFFIX') or '', '%d.%d.%d' % v[:3], sys.executable,
                         p['platlib'], p['scripts'], sys.implementation.name, abi, p['data']):
                print(line)
            """
        let output: ProcessRunner.Output
        do { output = try runner.run(executable, ["-c", script]) } catch {
            throw SwiftmodError.interpreter(executable, reason: "it does not exist or cannot be run")
        }
        let lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard output.status == 0, lines.count >= 9, PythonVersion(lines[2]) != nil else {
            let detail = output.combined.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last.map(String.init) ?? ""
            if output.status == 127 {
                throw SwiftmodError.interpreter(
                    executable, reason: "it exited 127: not installed, or a pyenv shim for a version that is not selected")
            }
            throw SwiftmodError.interpreter(
                executable, reason: "it did not run as a Python 3 interpreter" + (detail.isEmpty ? "" : ": \(detail)"))
        }
        var interpreter = PythonInterpreter(executable: lines[3], include: lines[0], extSuffix: lines[1], version: lines[2])
        interpreter.platlib = lines[4]
        interpreter.scripts = lines[5]
        interpreter.implementation = lines[6]
        interpreter.abiTag = "cp" + lines[7]
        interpreter.data = lines[8]
        interpreter.hasHeaders = FileManager.default.fileExists(atPath: interpreter.include + "/Python.h")
        return interpreter
    }

    /// Why swiftmod cannot build for this interpreter, or nil: it must be CPython 3.10 or newer,
    /// allowed by `requires-python`, with its C headers.
    public func unsupportedReason(requiresPython: VersionSpecifiers?) -> String? {
        if implementation != "cpython" { return "it is \(implementation), not CPython; swiftmod builds CPython extensions" }
        if fullVersion < PythonVersion.oldestSupported {
            return "it is Python \(version), older than the \(PythonVersion.oldestSupported) that swiftmod's generated code needs"
        }
        if let requiresPython, !requiresPython.contains(fullVersion) {
            return
                "it is Python \(fullVersion.major).\(fullVersion.minor).\(fullVersion.micro), which the project's requires-python = \"\(requiresPython)\" excludes"
        }
        if !hasHeaders { return "it has no C headers (no Python.h in \(include))" }
        return nil
    }

    /// Throws the one clear error for an interpreter swiftmod cannot build for.
    public func requireBuildable(requiresPython: VersionSpecifiers?) throws {
        if implementation == "cpython", fullVersion >= PythonVersion.oldestSupported, requiresPython?.contains(fullVersion) ?? true,
            !hasHeaders
        {
            throw SwiftmodError.pythonHeadersMissing(interpreter: executable, include: include, version: version)
        }
        if let reason = unsupportedReason(requiresPython: requiresPython) {
            throw SwiftmodError.interpreter(executable, reason: reason)
        }
    }
}
