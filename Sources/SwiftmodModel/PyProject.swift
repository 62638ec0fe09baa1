import TOMLKit

/// The parts of `pyproject.toml` that swiftmod reads (docs/design/exported.md#names), parsed from text with no
/// file system.
public struct PyProject: Equatable, Sendable {
    /// The distribution, module and Swift target names, validated: `[project].name` and
    /// `[tool.swiftmod]`'s `module-name` and `swift-target`, or the names derived from the distribution.
    public var names: ProjectNames
    /// `[project].version`, as written.
    public var version: String
    /// `[tool.swiftmod].strict`: unsupported public declarations are errors, not warnings.
    public var strict: Bool
    /// `[tool.swiftmod].rebuild-on-import`: `develop` installs an import hook that rebuilds the
    /// extension when the Swift sources changed.
    public var rebuildOnImport: Bool = false
    /// `[tool.swiftmod].release-gil` (docs/design/gil.md#policy).
    public var releaseGIL: ReleaseGIL = .auto
    /// `[tool.swiftmod].abi3` or `.abi3t` (never both): build one wheel for the Stable ABI of this
    /// version and newer (docs/design/interpreters.md#abi3, #abi3t); nil for version-specific wheels.
    public var stableABI: StableABI?
    /// `[project].requires-python`, parsed; nil when the project does not say.
    public var requiresPython: VersionSpecifiers?
    /// The whole `[project]` table (PEP 621), for METADATA.
    public var metadata: ProjectMetadata
    /// `[tool.swiftmod].python-source`: the directory holding the Python package of a mixed
    /// project (docs/design/mixed.md), relative to the project; nil when not set.
    public var pythonSource: String?
    /// `[tool.swiftmod].include`: extra files for wheels and sdists.
    public var include: [FilePattern] = []
    /// `[tool.swiftmod].exclude`: files left out of wheels and sdists.
    public var exclude: [FilePattern] = []
    /// `[tool.swiftmod].data`: the directory whose `scripts/`, `headers/`, `data/`, `purelib/`
    /// and `platlib/` become the wheel's `.data/` directories (PEP 427).
    public var dataDirectory: String?
    /// `[tool.swiftmod.exceptions]`: the built-in exception each public `Error` type's class
    /// subclasses (docs/design/exported.md#exception-bases), by Swift type name.
    public var exceptionBases: [String: String] = [:]
    /// The file's path, for messages.
    public var path: String
    private var lines: TOMLLines

    /// An error about `key` in `[table]`, pointing at its line.
    public func error(_ message: String, table: String, key: String? = nil) -> PyProjectError {
        PyProjectError(path: path, line: lines.line(ofKey: key, inTable: table), message: message)
    }

    /// The keys `[tool.swiftmod]` understands.
    public static let toolKeys: Set<String> = [
        "module-name", "swift-target", "strict", "release-gil", "abi3", "abi3t", "rebuild-on-import", "python-source", "include", "exclude",
        "data",
        "exceptions",
    ]

    /// The built-in exceptions `[tool.swiftmod.exceptions]` may name as a base (docs/design/exported.md#exception-bases):
    /// subclasses of `Exception` whose constructor takes a message (not the Unicode errors,
    /// whose constructors need five arguments, nor warnings).
    public static let exceptionBases: Set<String> = [
        "Exception", "ArithmeticError", "AssertionError", "AttributeError", "BufferError", "EOFError", "ImportError",
        "ModuleNotFoundError", "LookupError", "IndexError", "KeyError", "MemoryError", "NameError", "UnboundLocalError",
        "OSError", "BlockingIOError", "ChildProcessError", "ConnectionError", "BrokenPipeError", "ConnectionAbortedError",
        "ConnectionRefusedError", "ConnectionResetError", "FileExistsError", "FileNotFoundError", "InterruptedError",
        "IsADirectoryError", "NotADirectoryError", "PermissionError", "ProcessLookupError", "TimeoutError", "ReferenceError",
        "RuntimeError", "NotImplementedError", "RecursionError", "StopAsyncIteration", "StopIteration", "SyntaxError",
        "SystemError", "TypeError", "ValueError", "UnicodeError", "ZeroDivisionError", "OverflowError", "FloatingPointError",
    ]

    /// Parses `text`, the contents of the file at `path` (used in messages only).
    public init(text: String, path: String = "pyproject.toml") throws(PyProjectError) {
        let lines = TOMLLines(text: text)
        func fail(_ message: String, table: String? = nil, key: String? = nil) -> PyProjectError {
            PyProjectError(path: path, line: lines.line(ofKey: key, inTable: table), message: message)
        }
        let root: TOMLTable
        do { root = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw PyProjectError(path: path, line: error.source.begin.line, message: "invalid TOML: \(error.description)")
        } catch {
            throw PyProjectError(path: path, line: nil, message: "invalid TOML: \(error)")
        }
        guard let project = root["project"]?.table else {
            throw fail("no [project] table: add one with at least `name` and `version` (PEP 621)")
        }
        guard let name = project["name"]?.string else {
            throw fail("[project] needs `name = \"...\"`, a string", table: "project", key: "name")
        }
        guard let version = project["version"]?.string else {
            throw fail("[project] needs `version = \"...\"`, a string such as \"0.1.0\"", table: "project", key: "version")
        }
        let normalizedVersion: String
        do { normalizedVersion = try PEP440Version(version).normalized } catch {
            throw fail(
                "`version = \"\(version)\"` is not a valid version (PEP 440): \(error.reason); for example \"0.1.0\"", table: "project",
                key: "version")
        }
        let tool = root["tool"]?.table?["swiftmod"]?.table
        for key in tool?.keys ?? [] where !Self.toolKeys.contains(key) {
            throw fail(
                "unknown key `\(key)` in [tool.swiftmod]; known keys: \(Self.toolKeys.sorted().joined(separator: ", "))",
                table: "tool.swiftmod", key: key)
        }
        func string(_ key: String) throws(PyProjectError) -> String? {
            guard let value = tool?[key] else { return nil }
            guard let text = value.string else { throw fail("[tool.swiftmod] `\(key)` must be a string", table: "tool.swiftmod", key: key) }
            return text
        }
        let moduleName = try string("module-name")
        let swiftTarget = try string("swift-target")
        var strict = false
        if let value = tool?["strict"] {
            guard let flag = value.bool else {
                throw fail("[tool.swiftmod] `strict` must be true or false", table: "tool.swiftmod", key: "strict")
            }
            strict = flag
        }
        var rebuildOnImport = false
        if let value = tool?["rebuild-on-import"] {
            guard let flag = value.bool else {
                throw fail("[tool.swiftmod] `rebuild-on-import` must be true or false", table: "tool.swiftmod", key: "rebuild-on-import")
            }
            rebuildOnImport = flag
        }
        var releaseGIL = ReleaseGIL.auto
        if let text = try string("release-gil") {
            guard let value = ReleaseGIL(rawValue: text) else {
                throw fail(
                    "[tool.swiftmod] `release-gil = \"\(text)\"` is not one of \"auto\" (the default), \"always\", \"never\"",
                    table: "tool.swiftmod", key: "release-gil")
            }
            releaseGIL = value
        }
        func stableABIVersion(_ key: String, example: String) throws(PyProjectError) -> PythonVersion? {
            guard let text = try string(key) else { return nil }
            guard let version = PythonVersion(text), text.split(separator: ".").count == 2, version.major == 3 else {
                throw fail(
                    "[tool.swiftmod] `\(key) = \"\(text)\"` is not a Python version: write the oldest CPython the wheel is for, \(example)",
                    table: "tool.swiftmod", key: key)
            }
            return version
        }
        let abi3 = try stableABIVersion("abi3", example: "such as \"3.10\"")
        let abi3t = try stableABIVersion("abi3t", example: "\"3.15\" or newer")
        if let abi3, let abi3t {
            throw fail(
                "[tool.swiftmod] sets both `abi3 = \"\(abi3)\"` and `abi3t = \"\(abi3t)\"`: one build targets one Stable ABI; keep abi3t (its wheel also installs on the default build of CPython \(abi3t)+) or abi3 (older CPythons), and build the other with --abi3 or --abi3t",
                table: "tool.swiftmod", key: "abi3t")
        }
        let stableABI = abi3t.map(StableABI.abi3t) ?? abi3.map(StableABI.abi3)
        func relativePath(_ key: String) throws(PyProjectError) -> String? {
            guard let text = try string(key) else { return nil }
            guard let path = FilePattern.relative(text) else {
                throw fail(
                    "[tool.swiftmod] `\(key) = \"\(text)\"` must be a directory inside the project, written relative to pyproject.toml (such as \"python\"), with no `..`",
                    table: "tool.swiftmod", key: key)
            }
            return path
        }
        var exceptionBases: [String: String] = [:]
        if let value = tool?["exceptions"] {
            guard let table = value.table else {
                throw fail(
                    "[tool.swiftmod] `exceptions` must be a table: [tool.swiftmod.exceptions] with lines such as ParseError = \"ValueError\"",
                    table: "tool.swiftmod", key: "exceptions")
            }
            for key in table.keys.sorted() {
                guard let base = table[key]?.string else {
                    throw fail(
                        "[tool.swiftmod.exceptions] `\(key)` must be the name of a built-in exception, as a string (such as \"ValueError\")",
                        table: "tool.swiftmod.exceptions", key: key)
                }
                guard Self.exceptionBases.contains(base) else {
                    let hint =
                        base.hasPrefix("Unicode")
                        ? " (the Unicode errors need five constructor arguments; use \"UnicodeError\" or \"ValueError\")" : ""
                    throw fail(
                        "[tool.swiftmod.exceptions] `\(key) = \"\(base)\"`: \"\(base)\" is not a built-in exception swiftmod can subclass\(hint); use one of \(Self.exceptionBases.sorted().joined(separator: ", "))",
                        table: "tool.swiftmod.exceptions", key: key)
                }
                exceptionBases[key] = base
            }
        }
        let pythonSource = try relativePath("python-source")
        let dataDirectory = try relativePath("data")
        func patterns(_ key: String) throws(PyProjectError) -> [FilePattern] {
            guard let value = tool?[key] else { return [] }
            guard let array = value.array else {
                throw fail(
                    "[tool.swiftmod] `\(key)` must be a list of globs, such as [\"word_tools/*.json\"]", table: "tool.swiftmod", key: key)
            }
            var result: [FilePattern] = []
            for item in array {
                do throws(FilePattern.ParseError) {
                    if let text = item.string {
                        result.append(try FilePattern(text))
                    } else if let table = item.table {
                        for name in table.keys where name != "path" && name != "format" {
                            throw FilePattern.ParseError("unknown key `\(name)` in an entry (use `path` and `format`)")
                        }
                        guard let path = table["path"]?.string else { throw FilePattern.ParseError("an entry needs `path = \"glob\"`") }
                        var formats: [String] = []
                        if let format = table["format"] {
                            if let one = format.string {
                                formats = [one]
                            } else if let many = format.array {
                                formats = many.compactMap(\.string)
                                if formats.count != many.count {
                                    throw FilePattern.ParseError("`format` must be \"sdist\", \"wheel\" or a list of them")
                                }
                            } else {
                                throw FilePattern.ParseError("`format` must be \"sdist\", \"wheel\" or a list of them")
                            }
                        }
                        result.append(try FilePattern(path, formats: formats))
                    } else {
                        throw FilePattern.ParseError("each entry is a glob string or a table { path = \"glob\", format = \"sdist\" }")
                    }
                } catch {
                    throw fail("[tool.swiftmod] `\(key)`: \(error.message)", table: "tool.swiftmod", key: key)
                }
            }
            return result
        }
        let include = try patterns("include")
        let exclude = try patterns("exclude")
        var requiresPython: VersionSpecifiers?
        if let text = project["requires-python"]?.string {
            do { requiresPython = try VersionSpecifiers(text) } catch {
                throw fail(
                    "`requires-python = \"\(text)\"` is not a valid version specifier (PEP 440): \(error.description); for example \">=3.10\"",
                    table: "project", key: "requires-python")
            }
        }
        if let stableABI, let problem = stableABI.problem(requiresPython: requiresPython) {
            let setting = "[tool.swiftmod] `\(stableABI.name) = \"\(stableABI.version)\"`"
            switch problem {
            case .tooOld:
                let remedy =
                    switch stableABI {
                    case .abi3: "write \"\(stableABI.oldestVersion)\""
                    case .abi3t: "write \"\(stableABI.oldestVersion)\", or use abi3 for older versions"
                    }
                throw fail("\(setting): \(stableABI.floorReason); \(remedy)", table: "tool.swiftmod", key: stableABI.name)
            case .excluded(let requiresPython):
                throw fail(
                    "\(setting) names a Python that `requires-python = \"\(requiresPython)\"` excludes, so the wheel's tag cp\(stableABI.version.tagDigits)-\(stableABI.abiTag) would claim it: raise \(stableABI.name) to the oldest version requires-python allows, or widen requires-python",
                    table: "tool.swiftmod", key: stableABI.name)
            }
        }
        do {
            names = try ProjectNames.derive(from: name, module: moduleName, swiftTarget: swiftTarget)
        } catch {
            let (table, key): (String, String) =
                switch error.kind {
                case .distribution: ("project", "name")
                case .module: ("tool.swiftmod", "module-name")
                case .swiftTarget: ("tool.swiftmod", "swift-target")
                }
            throw fail(error.description, table: table, key: key)
        }
        self.version = version
        self.strict = strict
        self.rebuildOnImport = rebuildOnImport
        self.releaseGIL = releaseGIL
        self.stableABI = stableABI
        self.requiresPython = requiresPython
        self.pythonSource = pythonSource
        self.dataDirectory = dataDirectory
        self.exceptionBases = exceptionBases
        self.include = include
        self.exclude = exclude
        self.path = path
        self.lines = lines
        self.metadata = try ProjectMetadata.parse(project, name: name, version: normalizedVersion) { message, table, key in
            fail(message, table: table, key: key)
        }
    }
}

/// A `pyproject.toml` that swiftmod cannot use: the file, the line where there is one, and
/// what is expected.
public struct PyProjectError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The `pyproject.toml` path the error is about, as given to `PyProject(text:path:)`.
    public var path: String
    /// The 1-based line of the offending key (or of its table header); nil when it cannot be found.
    public var line: Int?
    /// What is wrong and what is expected, naming the key.
    public var message: String

    /// `path:line: message`, or `path: message` without a line.
    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): \(message)"
    }
}

/// Finds the line of a key in a TOML text, for messages (TOMLKit keeps no positions for values).
struct TOMLLines: Equatable, Sendable {
    let lines: [Substring]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The 1-based line of `key = ...` inside `[table]`, or of the `[table]` header, or nil.
    func line(ofKey key: String?, inTable table: String?) -> Int? {
        guard let table else { return nil }
        var current = ""
        var headerLine: Int?
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: " \t")
            if line.hasPrefix("[") {
                current = line.trimmingCharacters(in: "[] \t")
                if current == table { headerLine = index + 1 }
                continue
            }
            if current == table, let key, line.hasPrefix(key) {
                let rest = line.dropFirst(key.count).trimmingCharacters(in: " \t\"")
                if rest.hasPrefix("=") { return index + 1 }
            }
        }
        if let headerLine { return headerLine }
        // A sub-table written inline (`urls = { ... }` inside [project]): point at its key.
        if let dot = table.lastIndex(of: ".") {
            return line(ofKey: String(table[table.index(after: dot)...]), inTable: String(table[..<dot]))
        }
        return nil
    }
}

extension StringProtocol {
    /// The text without the characters of `set` at either end (no Foundation needed); shared
    /// with the other targets of this package.
    package func trimmingCharacters(in set: String) -> String {
        String(drop(while: { set.contains($0) }).reversed().drop(while: { set.contains($0) }).reversed())
    }
}

/// When the generated code releases the GIL around a call into Swift (docs/design/gil.md).
public enum ReleaseGIL: String, Equatable, Sendable, CaseIterable {
    /// Decided per function at run time from sampled call durations: calls of 50 µs or more
    /// run with the GIL released; short calls keep it (a release costs about 30 ns).
    case auto
    /// Released around every call.
    case always
    /// Never released.
    case never
}
