/// A version as PEP 440 defines it, parsed far enough to validate and normalize it.
public struct PEP440Version: Equatable, Sendable, CustomStringConvertible {
    /// Why a version string is not valid.
    public struct Invalid: Error, Equatable { public var reason: String }

    /// The normalized spelling (`1.0.0-RC1` → `1.0.0rc1`).
    public let normalized: String

    /// The normalized spelling.
    public var description: String { normalized }

    /// Parses and normalizes `text` (case-insensitive, a leading `v` allowed); throws `Invalid` with the reason
    /// when it is not a PEP 440 version.
    public init(_ text: String) throws(Invalid) {
        var rest = Substring(text.lowercased())
        if rest.hasPrefix("v") { rest = rest.dropFirst() }
        guard !rest.isEmpty else { throw Invalid(reason: "it is empty") }
        var out = ""
        // Epoch and release: N(.N)*
        func digits() -> Substring {
            let run = rest.prefix(while: { $0.isASCII && $0.isNumber })
            rest = rest.dropFirst(run.count)
            return run
        }
        var release = digits()
        if rest.first == "!" {
            guard !release.isEmpty else { throw Invalid(reason: "an epoch must be a number") }
            out += "\(Int(release) ?? 0)!"
            rest = rest.dropFirst()
            release = digits()
        }
        guard !release.isEmpty else { throw Invalid(reason: "it must start with a number") }
        var parts = [String(Int(release) ?? 0)]
        while rest.first == ".", rest.dropFirst().first?.isNumber == true {
            rest = rest.dropFirst()
            parts.append(String(Int(digits()) ?? 0))
        }
        out += parts.joined(separator: ".")
        // Pre-release: a|b|rc (alpha, beta, c, pre, preview), with an optional separator.
        let preSpellings: [(String, String)] = [
            ("alpha", "a"), ("beta", "b"), ("preview", "rc"), ("pre", "rc"), ("rc", "rc"), ("c", "rc"), ("a", "a"), ("b", "b"),
        ]
        func separator() { if let c = rest.first, "-_.".contains(c) { rest = rest.dropFirst() } }
        var probe = rest
        if let c = probe.first, "-_.".contains(c) { probe = probe.dropFirst() }
        if let (spelling, canonical) = preSpellings.first(where: { probe.hasPrefix($0.0) }) {
            rest = probe.dropFirst(spelling.count)
            separator()
            out += canonical + String(Int(digits()) ?? 0)
        }
        // Post-release.
        probe = rest
        if let c = probe.first, "-_.".contains(c) { probe = probe.dropFirst() }
        if let spelling = ["post", "rev", "r"].first(where: { probe.hasPrefix($0) }) {
            rest = probe.dropFirst(spelling.count)
            separator()
            out += ".post" + String(Int(digits()) ?? 0)
        } else if rest.first == "-", rest.dropFirst().first?.isNumber == true {
            rest = rest.dropFirst()
            out += ".post" + String(Int(digits()) ?? 0)
        }
        // Development release.
        probe = rest
        if let c = probe.first, "-_.".contains(c) { probe = probe.dropFirst() }
        if probe.hasPrefix("dev") {
            rest = probe.dropFirst(3)
            out += ".dev" + String(Int(digits()) ?? 0)
        }
        // Local version.
        if rest.first == "+" {
            rest = rest.dropFirst()
            let local = rest.prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
            guard !local.isEmpty, local.count == rest.count else { throw Invalid(reason: "a local version is letters, digits and '.'") }
            out += "+" + local.split(whereSeparator: { "-_.".contains($0) }).joined(separator: ".")
            rest = rest.dropFirst(local.count)
        }
        guard rest.isEmpty else { throw Invalid(reason: "unexpected '\(rest)'") }
        normalized = out
    }
}
