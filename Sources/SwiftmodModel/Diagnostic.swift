/// A warning or error about the user's project, printed as `path:line: severity: message`.
public struct Diagnostic: Equatable, Sendable, CustomStringConvertible {
    /// `error` under `[tool.swiftmod] strict` (the build fails once all are printed); `warning` otherwise (the declaration
    /// is left out and the build goes on).
    public enum Severity: String, Sendable { case warning, error }

    /// The source position the diagnostic is about; nil when unknown (the message is then printed without a `path:line:` prefix).
    public var location: SourceLocation?
    /// Whether this is a warning or an error.
    public var severity: Severity
    /// The text after `severity:`: what is wrong and why (`'f(_:)' is not exported: ...`).
    public var message: String

    /// A diagnostic at `location` (nil for none).
    public init(location: SourceLocation?, severity: Severity, message: String) {
        self.location = location
        self.severity = severity
        self.message = message
    }

    /// `path:line: severity: message`, or `severity: message` without a location.
    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return "\(prefix)\(severity.rawValue): \(message)"
    }
}
