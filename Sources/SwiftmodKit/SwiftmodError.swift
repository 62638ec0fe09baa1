import SwiftmodModel

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
    /// A bug in swiftmod itself.
    case `internal`(String)

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
        case .internal(let message):
            return "internal error: \(message) (this is a bug in swiftmod; please report it)"
        }
    }
}
