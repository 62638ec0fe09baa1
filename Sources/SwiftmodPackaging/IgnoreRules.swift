import Foundation

/// The patterns of `.gitignore` files (gitignore(5)), so that an sdist leaves out what git
/// leaves out, in a checkout or not. Rules from a deeper directory are added after those of
/// its parents; the last rule that matches a path decides.
public struct IgnoreRules: Equatable, Sendable {
    struct Rule: Equatable, Sendable {
        /// The directory of the `.gitignore` the rule came from, relative ("" for the root).
        var base: String
        /// The pattern's `/`-separated parts.
        var parts: [String]
        var negated: Bool
        var directoryOnly: Bool
        /// Matched against the path below `base` rather than against the last name only.
        var anchored: Bool
    }

    private(set) var rules: [Rule] = []

    /// No rules: nothing is ignored until `add(_:in:)`.
    public init() {}

    /// Adds the rules of the `.gitignore` in `directory` (relative to the root, "" for the root).
    public mutating func add(_ text: String, in directory: String) {
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            var line = String(rawLine)
            // Trailing spaces are dropped unless escaped with a backslash.
            while line.hasSuffix(" "), !line.hasSuffix("\\ ") { line.removeLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            var negated = false
            if line.hasPrefix("!") {
                negated = true
                line.removeFirst()
            } else if line.hasPrefix("\\!") || line.hasPrefix("\\#") {
                line.removeFirst()
            }
            var directoryOnly = false
            if line.hasSuffix("/") {
                directoryOnly = true
                line.removeLast()
            }
            // A slash at the start or in the middle anchors the pattern to this directory.
            let anchored = line.contains("/")
            if line.hasPrefix("/") { line.removeFirst() }
            guard !line.isEmpty else { continue }
            let parts = line.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            rules.append(Rule(base: directory, parts: parts, negated: negated, directoryOnly: directoryOnly, anchored: anchored))
        }
    }

    /// Whether `path` (relative to the root, `/`-separated) is ignored. Callers do not descend
    /// into ignored directories, so, as with git, a file cannot be re-included below one.
    public func isIgnored(_ path: String, isDirectory: Bool) -> Bool {
        var ignored = false
        for rule in rules {
            if rule.directoryOnly && !isDirectory { continue }
            let below: Substring
            if rule.base.isEmpty {
                below = Substring(path)
            } else if path.hasPrefix(rule.base + "/") {
                below = path.dropFirst(rule.base.count + 1)
            } else {
                continue
            }
            let names = below.split(separator: "/").map(String.init)
            let matches =
                rule.anchored
                ? Self.match(rule.parts[...], names[...])
                : names.last.map { Self.matchName(rule.parts[0], $0) } ?? false
            if matches { ignored = !rule.negated }
        }
        return ignored
    }

    /// Pattern parts against path names: `**` matches any number of names.
    static func match(_ pattern: ArraySlice<String>, _ names: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return names.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            if rest.isEmpty { return !names.isEmpty }
            var tail = names
            while true {
                if match(rest, tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        }
        guard let name = names.first, matchName(first, name) else { return false }
        return match(pattern.dropFirst(), names.dropFirst())
    }

    /// One name against one glob (`*`, `?`, `[...]`, backslash escapes), as git's wildmatch:
    /// a leading dot needs no special match.
    static func matchName(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern, name, 0) == 0
    }
}
