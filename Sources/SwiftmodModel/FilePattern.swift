/// One `include` or `exclude` glob of `[tool.swiftmod]` (docs/design/mixed.md#extra-files), matched against paths
/// relative to the project root.
///
/// `*` matches within one path component, `?` one character, `[abc]` one of a set, and a `**`
/// component any number of components (`assets/**/*.json`). A pattern that matches a directory
/// matches every file below it (`word_tools/fixtures`).
public struct FilePattern: Equatable, Sendable {
    /// Which archives a pattern applies to.
    public enum Format: String, Equatable, Sendable, CaseIterable {
        case sdist, wheel
    }

    /// Why an entry cannot be used.
    public struct ParseError: Error, Equatable, Sendable {
        /// What is wrong with the entry, naming the glob or format: a sentence for the user.
        public var message: String
        /// An error with the given message.
        public init(_ message: String) { self.message = message }
    }

    /// The glob, as written.
    public var glob: String
    /// The archives it applies to (both unless the entry says `format`).
    public var formats: Set<Format>

    /// A pattern for `formats` (names of `Format`; empty means both).
    public init(_ glob: String, formats: [String] = []) throws(ParseError) {
        guard let relative = Self.relative(glob) else {
            throw ParseError("`\(glob)` must be a path inside the project, relative to pyproject.toml, with no `..`")
        }
        var chosen = Set<Format>()
        for name in formats {
            guard let format = Format(rawValue: name) else {
                throw ParseError("format `\(name)` of `\(glob)` is not \"sdist\" or \"wheel\"")
            }
            chosen.insert(format)
        }
        self.glob = relative
        self.formats = chosen.isEmpty ? Set(Format.allCases) : chosen
    }

    /// Whether this pattern applies to `format` and matches `path` or one of its directories.
    public func matches(_ path: String, for format: Format) -> Bool {
        guard formats.contains(format) else { return false }
        let parts = path.split(separator: "/").map(String.init)
        let pattern = glob.split(separator: "/").map(String.init)
        for length in stride(from: parts.count, through: 1, by: -1) where Self.match(pattern[...], parts[..<length]) {
            return true
        }
        return false
    }

    /// `path` without a leading `./` or trailing `/`, or nil when it is absolute, empty, or
    /// has a `..` component.
    public static func relative(_ path: String) -> String? {
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if path.hasPrefix("/") || parts.contains("..") { return nil }
        parts.removeAll { $0 == "." }
        return parts.isEmpty ? (path == "." || path == "./" ? "" : nil) : parts.joined(separator: "/")
    }

    // MARK: - Matching

    private static func match(_ pattern: ArraySlice<String>, _ parts: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return parts.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            for start in parts.startIndex...parts.endIndex where match(rest, parts[start...]) { return true }
            return false
        }
        guard let part = parts.first, component(Array(first.unicodeScalars)[...], Array(part.unicodeScalars)[...]) else { return false }
        return match(pattern.dropFirst(), parts.dropFirst())
    }

    /// fnmatch of one component.
    private static func component(_ pattern: ArraySlice<Unicode.Scalar>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let head = pattern.first else { return text.isEmpty }
        switch head {
        case "*":
            let rest = pattern.dropFirst()
            for start in text.startIndex...text.endIndex where component(rest, text[start...]) { return true }
            return false
        case "?":
            return !text.isEmpty && component(pattern.dropFirst(), text.dropFirst())
        case "[":
            guard let close = pattern.dropFirst().firstIndex(of: "]"), let char = text.first else {
                return text.first == "[" && component(pattern.dropFirst(), text.dropFirst())
            }
            var set = pattern[pattern.index(after: pattern.startIndex)..<close]
            let negated = set.first == "!"
            if negated { set = set.dropFirst() }
            var found = false
            var index = set.startIndex
            while index < set.endIndex {
                let low = set[index]
                if set.index(after: index) < set.endIndex, set[set.index(after: index)] == "-", set.index(index, offsetBy: 2) < set.endIndex
                {
                    let high = set[set.index(index, offsetBy: 2)]
                    if low.value <= char.value && char.value <= high.value { found = true }
                    index = set.index(index, offsetBy: 3)
                } else {
                    if low == char { found = true }
                    index = set.index(after: index)
                }
            }
            return found != negated && component(pattern[pattern.index(after: close)...], text.dropFirst())
        default:
            return text.first == head && component(pattern.dropFirst(), text.dropFirst())
        }
    }
}
