import Foundation

/// Finds the `swift` driver that builds run: `$SWIFTMOD_SWIFT`, else `swift` on `PATH`.
/// Checked before the first build, so a machine without Swift gets one clear message
/// (pip and `python -m build` show it as the backend's output).
public enum SwiftToolchain {
    /// The environment variable that names the `swift` driver to use.
    public static let variable = "SWIFTMOD_SWIFT"

    /// The driver to run: `$SWIFTMOD_SWIFT` when it is set to something, else `swift`
    /// (an empty value means the same as an unset one, as for `VIRTUAL_ENV`).
    public static func requested(environment: [String: String]) -> String {
        if let value = environment[variable], !value.isEmpty { return value }
        return "swift"
    }

    /// The path of `requested` (a path, or a name looked up on `PATH`).
    public static func locate(_ requested: String, environment: [String: String]) throws -> String {
        let fromVariable = environment[variable].map { !$0.isEmpty } ?? false
        if requested.contains("/") {
            if FileManager.default.isExecutableFile(atPath: requested) { return requested }
            throw SwiftmodError.noSwiftToolchain(requested: requested, fromVariable: fromVariable)
        }
        for directory in (environment["PATH"] ?? "").split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(requested)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw SwiftmodError.noSwiftToolchain(requested: requested, fromVariable: fromVariable)
    }
}
