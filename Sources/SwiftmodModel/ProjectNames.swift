/// The three names of a swiftmod project (docs/design/exported.md#names): the distribution, the Python module and
/// the Swift library target.
public struct ProjectNames: Equatable, Sendable {
    /// The distribution name as written in `[project].name` (e.g. `word-tools`).
    public var distribution: String
    /// The importable Python module (e.g. `word_tools`; `word_tools._native` in a mixed project).
    public var module: String
    /// The Swift library target that holds the user's code (e.g. `WordTools`).
    public var swiftTarget: String

    /// The three names as given, not validated (`derive` validates).
    public init(distribution: String, module: String, swiftTarget: String) {
        self.distribution = distribution
        self.module = module
        self.swiftTarget = swiftTarget
    }

    /// Derives and validates all three names from a distribution name; an explicit module name
    /// or Swift target replaces the derived one.
    public static func derive(
        from distribution: String, module: String? = nil, swiftTarget: String? = nil
    ) throws(NameError) -> ProjectNames {
        try NameRules.validateDistribution(distribution)
        let module = module ?? NameRules.defaultModuleName(for: distribution)
        try NameRules.validateDottedModule(module)
        let target = swiftTarget ?? NameRules.defaultSwiftTarget(for: distribution)
        try NameRules.validateSwiftTarget(target)
        return ProjectNames(distribution: distribution, module: module, swiftTarget: target)
    }

    /// The distribution name normalized as PEP 503 says (`Word_Tools` → `word-tools`).
    public var normalizedDistribution: String { NameRules.normalize(distribution) }

    /// The distribution name as it appears in wheel and sdist file names (`word_tools`).
    public var wheelDistribution: String { normalizedDistribution.replacingAll("-", with: "_") }
}

/// A name that cannot be used, with the reason and a valid alternative to offer.
public struct NameError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Which of the three names is at fault.
    public enum Kind: String, Sendable {
        case distribution = "project name"
        case module = "Python module name"
        case swiftTarget = "Swift target name"
    }

    /// Which name is at fault; its raw value names it in messages.
    public var kind: Kind
    /// The offending value, exactly as given.
    public var value: String
    /// Why it is not valid.
    public var reason: String
    /// A valid name close to the given one, if one could be made.
    public var suggestion: String?

    /// `'value' is not a valid <kind>: <reason>`, followed by `; try '<suggestion>'` when there is one.
    public var description: String {
        var text = "'\(value)' is not a valid \(kind.rawValue): \(reason)"
        if let suggestion { text += "; try '\(suggestion)'" }
        return text
    }
}
