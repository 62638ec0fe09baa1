/// The rules for project, module and target names: validation, normalization and defaults.
public enum NameRules {
    // MARK: - Distribution names (PEP 508, PEP 503)

    /// Checks that `name` is a valid project name: ASCII letters and digits, with `.`, `_`, `-`
    /// allowed inside but not at either end.
    public static func validateDistribution(_ name: String) throws(NameError) {
        func fail(_ reason: String) -> NameError {
            NameError(
                kind: .distribution, value: name, reason: reason,
                suggestion: suggestDistribution(name))
        }
        guard !name.isEmpty else { throw fail("it is empty") }
        guard name.unicodeScalars.allSatisfy(isDistributionScalar) else {
            throw fail("only ASCII letters, digits, '-', '_' and '.' are allowed")
        }
        guard let first = name.unicodeScalars.first, let last = name.unicodeScalars.last,
            isAlphanumeric(first), isAlphanumeric(last)
        else { throw fail("it must start and end with a letter or digit") }
    }

    /// PEP 503 normalization: lowercase, with each run of `-`, `_`, `.` turned into one `-`.
    public static func normalize(_ name: String) -> String {
        var out = ""
        var pendingSeparator = false
        for scalar in name.unicodeScalars {
            if isSeparator(scalar) {
                pendingSeparator = true
                continue
            }
            if pendingSeparator, !out.isEmpty { out += "-" }
            pendingSeparator = false
            out.unicodeScalars.append(lowercased(scalar))
        }
        return out
    }

    /// A valid project name made from `name`, or nil when nothing usable is left of it.
    public static func suggestDistribution(_ name: String) -> String? {
        var out = ""
        for scalar in name.unicodeScalars {
            if isAlphanumeric(scalar) {
                out.unicodeScalars.append(lowercased(scalar))
            } else if !out.isEmpty, out.last != "-" {
                out += "-"
            }
        }
        while out.last == "-" { out.removeLast() }
        return out.isEmpty ? nil : out
    }

    // MARK: - Python module names

    /// The default module name (docs/design/exported.md#names): the project name with `-` and `.` turned into `_`.
    public static func defaultModuleName(for distribution: String) -> String {
        String(
            distribution.unicodeScalars.map { $0 == "-" || $0 == "." ? "_" : Character($0) })
    }

    /// Checks that `name` is an ASCII Python identifier and not a keyword.
    public static func validateModule(_ name: String) throws(NameError) {
        func fail(_ reason: String) -> NameError {
            NameError(kind: .module, value: name, reason: reason, suggestion: suggestModule(name))
        }
        guard isASCIIIdentifier(name) else {
            throw fail(
                "a module name is letters, digits and '_', not starting with a digit")
        }
        guard !pythonKeywords.contains(name) else { throw fail("it is a Python keyword") }
    }

    /// Checks a module name that may be dotted (`word_tools._native`, docs/design/mixed.md): each
    /// component must be a valid module name.
    public static func validateDottedModule(_ name: String) throws(NameError) {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return try validateModule(name) }
        for part in parts {
            do { try validateModule(part) } catch {
                let suggestion = parts.map { part in (try? validateModule(part)) != nil ? part : suggestModule(part) ?? "" }
                throw NameError(
                    kind: .module, value: name, reason: "'\(part)' in it is not valid: \(error.reason)",
                    suggestion: suggestion.contains("") ? nil : suggestion.joined(separator: "."))
            }
        }
    }

    /// A valid module name made from `name`, or nil when nothing usable is left of it.
    public static func suggestModule(_ name: String) -> String? {
        var out = identifierCharacters(of: name, separator: "_").lowercased()
        guard !out.isEmpty else { return nil }
        if let first = out.unicodeScalars.first, isDigit(first) { out = "py" + out }
        if pythonKeywords.contains(out) { out += "_" }
        return out
    }

    /// Python's hard keywords: a module may not be named after one.
    public static let pythonKeywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
        "try", "while", "with", "yield",
    ]

    // MARK: - Swift target names

    /// The default Swift target (docs/design/exported.md#names): the UpperCamelCase of the project name
    /// (`word-tools` → `WordTools`).
    public static func defaultSwiftTarget(for distribution: String) -> String {
        upperCamelCase(distribution)
    }

    /// Checks that `name` is a usable Swift module name: an ASCII identifier that is neither a
    /// keyword nor the name of a module that every Swift program can see.
    public static func validateSwiftTarget(_ name: String) throws(NameError) {
        func fail(_ reason: String) -> NameError {
            NameError(
                kind: .swiftTarget, value: name, reason: reason,
                suggestion: suggestSwiftTarget(name))
        }
        guard isASCIIIdentifier(name) else {
            throw fail("a Swift target is letters, digits and '_', not starting with a digit")
        }
        guard !swiftKeywords.contains(name) else { throw fail("it is a Swift keyword") }
        guard !reservedSwiftModules.contains(name) else {
            throw fail("it would clash with the system module of that name")
        }
    }

    /// A valid Swift target made from `name`, or nil when nothing usable is left of it.
    public static func suggestSwiftTarget(_ name: String) -> String? {
        var out = upperCamelCase(identifierCharacters(of: name, separator: "-"))
        guard !out.isEmpty else { return nil }
        if let first = out.unicodeScalars.first, isDigit(first) { out = "Swift" + out }
        if swiftKeywords.contains(out) || reservedSwiftModules.contains(out) { out += "Kit" }
        return out
    }

    /// Swift keywords that could be spelled as a target name.
    public static let swiftKeywords: Set<String> = [
        "Any", "Self", "Type", "Protocol", "associatedtype", "class", "deinit", "enum",
        "extension", "fileprivate", "func", "import", "init", "inout", "internal", "let", "open",
        "operator", "private", "precedencegroup", "protocol", "public", "rethrows", "static",
        "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat",
        "return", "throw", "switch", "where", "while", "as", "false", "is", "nil", "self",
        "super", "throws", "true", "try", "_",
    ]

    /// Modules of the toolchain and of swiftmod's generated glue that a target must not shadow.
    public static let reservedSwiftModules: Set<String> = [
        "Swift", "Foundation", "FoundationEssentials", "FoundationInternationalization",
        "Dispatch", "Glibc", "Musl", "Darwin", "XCTest", "Testing", "Observation",
        "Synchronization", "CPython", "PythonShim",
    ]

    // MARK: - Helpers

    /// `word-tools` → `WordTools`: split at `-`, `_`, `.` and capitalize each part's first letter.
    public static func upperCamelCase(_ name: String) -> String {
        name.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    /// Whether `name` is `[A-Za-z_][A-Za-z0-9_]*`.
    public static func isASCIIIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isLetter(first) || first == "_" else {
            return false
        }
        return name.unicodeScalars.allSatisfy { isAlphanumeric($0) || $0 == "_" }
    }

    /// Keeps ASCII letters and digits, and turns each run of anything else into one separator.
    private static func identifierCharacters(of name: String, separator: Character) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            if isAlphanumeric(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty, out.last != separator {
                out.append(separator)
            }
        }
        while out.last == separator { out.removeLast() }
        return out
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
    private static func isLetter(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s)
    }
    private static func isAlphanumeric(_ s: Unicode.Scalar) -> Bool { isDigit(s) || isLetter(s) }
    private static func isSeparator(_ s: Unicode.Scalar) -> Bool { s == "-" || s == "_" || s == "." }
    private static func isDistributionScalar(_ s: Unicode.Scalar) -> Bool {
        isAlphanumeric(s) || isSeparator(s)
    }
    private static func lowercased(_ s: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(s) ? Unicode.Scalar(s.value + 32)! : s
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement` (no Foundation needed); shared
    /// with the other targets of this package.
    package func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }

    /// Every occurrence of `target` replaced by `replacement` (no Foundation needed).
    func replacingAll(_ target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
