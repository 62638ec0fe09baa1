/// A warning or error about the user's project, printed as `path:line: severity: message`.
public struct Diagnostic: Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case warning, error }

    public var location: SourceLocation?
    public var severity: Severity
    public var message: String

    public init(location: SourceLocation?, severity: Severity, message: String) {
        self.location = location
        self.severity = severity
        self.message = message
    }

    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return "\(prefix)\(severity.rawValue): \(message)"
    }
}
