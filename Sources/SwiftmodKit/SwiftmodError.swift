import SwiftmodModel
import SwiftmodScanner
import SwiftmodTemplates

/// Every failure of swiftmod's commands that a user can act on: what went wrong, where, and
/// what to do next.
public enum SwiftmodError: Error, CustomStringConvertible {
    /// A project, module or target name that cannot be used.
    case invalidName(NameError, hint: String)
    /// `new` was pointed at a directory that already has files in it.
    case directoryNotEmpty(path: String)
    /// `new` was pointed at a file.
    case notADirectory(path: String)
    /// `init` found a file that means a project is already there.
    case projectFileExists(path: String)
    /// A file could not be read or written.
    case fileSystem(path: String, action: String, reason: String)
    /// A program swiftmod needs could not be run.
    case toolMissing(tool: String, reason: String)
    /// The interpreter has no `Python.h`.
    case pythonHeadersMissing(interpreter: String, include: String, version: String)
    /// An interpreter that swiftmod cannot build for (missing, not CPython, too old, excluded).
    case interpreter(String, reason: String)
    /// An abi3 build below 3.11 of a module with buffer parameters (no buffer protocol there).
    case abi3WithoutBuffers(abi3: String, function: String, parameter: String, location: String)
    /// An abi3 build below 3.11 of a module returning `ContiguousArray<T>` (exported as a buffer).
    case abi3WithoutArrays(abi3: String, function: String, type: String, location: String)
    /// An upload that could not be made or was refused.
    case upload(reason: String)
    /// A command-line option with a value that cannot be used.
    case badOption(option: String, reason: String)
    /// `--find-interpreter` found nothing to build for.
    case noInterpreters(searched: [String], skipped: [String])
    /// `pyproject.toml` is missing or wrong.
    case pyproject(PyProjectError)
    /// No `pyproject.toml` where one was expected.
    case noProject(path: String)
    /// `strict = true` and some public declarations cannot be exported.
    case strictFailed(count: Int)
    /// The Swift compiler failed; its output has been shown.
    case compileFailed(stage: String)
    /// The built extension is not what Python needs.
    case badExtension(path: String, reason: String)
    /// `develop` found no virtualenv to install into.
    case noVirtualenv(projectRoot: String)
    /// The wheel cannot be given a platform tag.
    case platformTag(path: String, reason: String)
    /// An environment variable has a value swiftmod cannot use.
    case badEnvironment(variable: String, value: String, expected: String)
    /// No `swift` driver to build with.
    case noSwiftToolchain(requested: String, fromVariable: Bool)
    /// A file cannot go into the sdist.
    case sourceDistribution(path: String, reason: String)
    /// The compiler's symbol graph could not be read: a bug, or a compiler swiftmod does not know.
    case symbolGraph(reason: String)
    /// A bug in swiftmod itself.
    case `internal`(String)

    /// The message printed after `error:`: what failed, naming the path or value, and where there is a remedy,
    /// an indented second line saying what to do next.
    public var description: String {
        switch self {
        case .invalidName(let error, let hint):
            return "\(error)\n  \(hint)"
        case .directoryNotEmpty(let path):
            return "'\(path)' already exists and is not empty\n"
                + "  choose a new path, or run `swiftmod init` inside it to add swiftmod to it"
        case .notADirectory(let path):
            return "'\(path)' exists and is not a directory"
        case .projectFileExists(let path):
            return "\(path) already exists; swiftmod init wrote nothing\n"
                + "  swiftmod init sets up a new project: to keep this one, edit its files by hand"
        case .fileSystem(let path, let action, let reason):
            return "could not \(action) '\(path)': \(reason)"
        case .toolMissing(let tool, let reason):
            return "could not run '\(tool)': \(reason)"
        case .pythonHeadersMissing(let interpreter, let include, let version):
            return "\(interpreter) has no C headers (no Python.h in \(include))\n"
                + "  install them: `apt-get install libpython\(version)-dev` (Debian/Ubuntu: libpython3-dev), "
                + "or `dnf install python3-devel`"
        case .interpreter(let executable, let reason):
            return "cannot build for the Python interpreter \(executable): \(reason)\n"
                + "  `swiftmod list-python` shows the interpreters swiftmod finds; pass one with -i/--interpreter"
        case .abi3WithoutBuffers(let abi3, let function, let parameter, let location):
            return
                "\(location): '\(function)' takes a \(parameter), and the buffer protocol is in the limited API only from Python 3.11, so an abi3 build for \(abi3) cannot borrow buffers\n"
                + "  set [tool.swiftmod] abi3 = \"3.11\" (or pass --abi3 3.11), or build version-specific wheels"
        case .abi3WithoutArrays(let abi3, let function, let type, let location):
            return
                "\(location): '\(function)' returns \(type), which Python sees through the buffer protocol, and the buffer protocol is in the limited API only from Python 3.11, so an abi3 build for \(abi3) cannot export it\n"
                + "  set [tool.swiftmod] abi3 = \"3.11\" (or pass --abi3 3.11), build version-specific wheels, or return [T] (a list)"
        case .upload(let reason):
            return "upload: \(reason)"
        case .badOption(let option, let reason):
            return "\(option): \(reason)"
        case .noInterpreters(let searched, let skipped):
            var text = "found no CPython interpreter to build for (searched \(searched.joined(separator: ", ")))"
            for line in skipped { text += "\n  skipped \(line)" }
            return text + "\n  install CPython 3.10 or newer with its headers, or pass one with -i/--interpreter"
        case .pyproject(let error):
            return error.description
        case .noProject(let path):
            return "no pyproject.toml in \(path)\n  run swiftmod in a project directory, or create one with `swiftmod new`"
        case .strictFailed(let count):
            return "\(count) public declaration\(count == 1 ? "" : "s") cannot be exported and [tool.swiftmod] strict = true"
        case .compileFailed(let stage):
            return "\(stage) failed (the compiler's messages are above)"
        case .badExtension(let path, let reason):
            return "\(path): \(reason)"
        case .noVirtualenv(let root):
            return "no virtualenv to install into: VIRTUAL_ENV is not set and \(root)/.venv does not exist\n"
                + "  create and activate one, then run swiftmod develop again:\n"
                + "    python3 -m venv .venv && source .venv/bin/activate"
        case .platformTag(let path, let reason):
            return "\(path): \(reason)"
        case .badEnvironment(let variable, let value, let expected):
            return "\(variable)=\(value) is not usable: expected \(expected)"
        case .noSwiftToolchain(let requested, let fromVariable):
            if fromVariable {
                return "no Swift toolchain: SWIFTMOD_SWIFT=\(requested) is not an executable file\n"
                    + "  point SWIFTMOD_SWIFT at the `swift` driver of a Swift 6 toolchain (<toolchain>/usr/bin/swift), or unset it to use `swift` from PATH"
            }
            return "no Swift toolchain: swiftmod compiles this package with Swift 6, and `\(requested)` is not on PATH\n"
                + "  install Swift from https://www.swift.org/install/ and put its usr/bin on PATH, "
                + "or set SWIFTMOD_SWIFT=/path/to/usr/bin/swift"
        case .sourceDistribution(let path, let reason):
            return "cannot put \(path) into the sdist: \(reason)"
        case .symbolGraph(let reason):
            return "could not read the compiler's symbol graph: \(reason)\n"
                + "  this is a bug in swiftmod or a Swift compiler it does not support; please report it with the output of `swift --version`"
        case .internal(let message):
            return "internal error: \(message) (this is a bug in swiftmod; please report it)"
        }
    }
}

extension SwiftmodError {
    /// Any error the libraries throw, as one `SwiftmodError`: the command line prints every
    /// failure in one format (`error: <message>`, then what to do), whichever library threw it.
    public init(_ error: any Error) {
        switch error {
        case let error as SwiftmodError:
            self = error
        case let error as PyProjectError:
            self = .pyproject(error)
        case let error as SymbolGraphScanner.InvalidSymbolGraph:
            self = .symbolGraph(reason: error.reason)
        case let error as TemplateError:
            self = .internal("template \(error.template): \(error.message)")
        default:
            self = .internal(String(describing: error))
        }
    }
}
