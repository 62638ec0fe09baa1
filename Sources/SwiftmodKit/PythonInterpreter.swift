import Foundation

/// A Python interpreter and what building for it needs: headers, `EXT_SUFFIX`, version.
public struct PythonInterpreter: Equatable, Sendable {
    /// The interpreter's path.
    public var executable: String
    /// The directory of `Python.h`.
    public var include: String
    /// The extension module suffix (`.cpython-311-x86_64-linux-gnu.so`).
    public var extSuffix: String
    /// `3.11`.
    public var version: String
    /// Where platform-specific packages are installed (`sysconfig` `platlib`).
    public var platlib: String = ""
    /// Where scripts are installed (`sysconfig` `scripts`).
    public var scripts: String = ""

    /// Asks `executable` for its configuration.
    public static func probe(_ executable: String, runner: ProcessRunner) throws -> PythonInterpreter {
        let script = "import sys, sysconfig; p = sysconfig.get_paths(); print(p['include']); print(sysconfig.get_config_var('EXT_SUFFIX')); print('%d.%d' % sys.version_info[:2]); print(sys.executable); print(p['platlib']); print(p['scripts'])"
        let output = try runner.run(executable, ["-c", script])
        let lines = output.stdout.split(separator: "\n").map(String.init)
        guard output.status == 0, lines.count == 6 else {
            throw SwiftmodError.toolMissing(tool: executable, reason: "it did not run as a Python interpreter: \(output.combined.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        var interpreter = PythonInterpreter(executable: lines[3], include: lines[0], extSuffix: lines[1], version: lines[2])
        interpreter.platlib = lines[4]
        interpreter.scripts = lines[5]
        guard FileManager.default.fileExists(atPath: interpreter.include + "/Python.h") else {
            throw SwiftmodError.pythonHeadersMissing(interpreter: interpreter.executable, include: interpreter.include, version: interpreter.version)
        }
        return interpreter
    }
}
