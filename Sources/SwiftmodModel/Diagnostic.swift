/// A warning or error about the user's project, printed as `path:line: severity: message`.
public struct Diagnostic: Equatable, Sendable, CustomStringConvertible {
    /// Whether the build can go on: a warning is printed and the build continues; an error fails the command.
    public enum Severity: String, Sendable { case warning, error }

    /// The source position the diagnostic is about; nil for a project-wide problem (printed without a `path:line:` prefix).
    public var location: SourceLocation?
    /// Whether this is a warning or an error.
    public var severity: Severity
    /// The sentence to print after `severity:`, saying what is wrong and what to do about it.
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
