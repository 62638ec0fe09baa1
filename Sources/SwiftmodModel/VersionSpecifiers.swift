/// A PEP 440 version specifier set such as `>=3.10,<4` or `~=3.11`, as `requires-python` holds,
/// evaluated for interpreter versions (release numbers only, which is all an interpreter has).
public struct VersionSpecifiers: Equatable, Sendable, CustomStringConvertible {
    /// Why a specifier set is not valid.
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        /// What is wrong with the specifier set, quoting the offending clause.
        public var description: String
    }

    /// One clause: an operator and a version (`==` and `!=` may end in `.*`).
    public struct Clause: Equatable, Sendable {
        /// The operator: `~=`, `==`, `!=`, `<=`, `>=`, `<` or `>`.
        public var op: String
        /// The release numbers of the clause's version (`[3, 10]` for `3.10`); pre-, post- and dev-release suffixes are dropped.
        public var release: [Int]
        /// Whether the version ended in `.*` (only with `==` and `!=`): a prefix match.
        public var wildcard: Bool
    }

    /// The comma-separated clauses, in order; all must hold. Empty allows every version.
    public var clauses: [Clause]
    /// The specifier set exactly as written.
    public let description: String

    /// Parses `text`; an empty text allows every version.
    public init(_ text: String) throws(Invalid) {
        description = text
        clauses = []
        for raw in text.split(separator: ",") {
            let clause = raw.trimmingCharacters(in: " \t")
            guard let op = ["~=", "==", "!=", "<=", ">=", "<", ">"].first(where: { clause.hasPrefix($0) }) else {
                throw Invalid(description: "`\(clause)` has no operator (~=, ==, !=, <=, >=, <, >)")
            }
            var version = clause.dropFirst(op.count).trimmingCharacters(in: " \t")
            let wildcard = version.hasSuffix(".*")
            if wildcard {
                guard op == "==" || op == "!=" else { throw Invalid(description: "`\(clause)`: only == and != take a .* suffix") }
                version = String(version.dropLast(2))
            }
            // Pre-, post- and dev-release suffixes do not apply to interpreters: keep the release.
            let releaseText = version.prefix(while: { $0.isNumber || $0 == "." })
            let release = releaseText.split(separator: ".").compactMap { Int($0) }
            guard !release.isEmpty, release.count == releaseText.split(separator: ".", omittingEmptySubsequences: false).count else {
                throw Invalid(description: "`\(clause)` does not name a version")
            }
            if op == "~=", release.count < 2 { throw Invalid(description: "`\(clause)`: ~= needs at least two parts (~=3.10)") }
            clauses.append(Clause(op: op, release: release, wildcard: wildcard))
        }
    }

    /// Whether `version` satisfies every clause.
    public func contains(_ version: PythonVersion) -> Bool {
        let candidate = [version.major, version.minor, version.micro]
        return clauses.allSatisfy { clause in
            let other = clause.release
            switch clause.op {
            case "==": return clause.wildcard ? Self.hasPrefix(candidate, other) : Self.compare(candidate, other) == 0
            case "!=": return clause.wildcard ? !Self.hasPrefix(candidate, other) : Self.compare(candidate, other) != 0
            case ">=": return Self.compare(candidate, other) >= 0
            case "<=": return Self.compare(candidate, other) <= 0
            case ">": return Self.compare(candidate, other) > 0
            case "<": return Self.compare(candidate, other) < 0
            default:  // ~=: at least the version, and the same release up to its last-but-one part
                return Self.compare(candidate, other) >= 0 && Self.hasPrefix(candidate, Array(other.dropLast()))
            }
        }
    }

    /// Compares release numbers, padding the shorter with zeros.
    static func compare(_ a: [Int], _ b: [Int]) -> Int {
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }

    static func hasPrefix(_ version: [Int], _ prefix: [Int]) -> Bool {
        prefix.enumerated().allSatisfy { index, part in (index < version.count ? version[index] : 0) == part }
    }
}
