/// How Swift names become Python names (DESIGN §2).
public enum PythonNames {
    /// `wordCount` → `word_count`, `parseURL` → `parse_url`, `utf8String` → `utf8_string`,
    /// with a `_` appended to a Python keyword (`from` → `from_`).
    public static func snakeCase(_ name: String) -> String {
        // `UInt` is one word (`echoUInt8` → `echo_uint8`), not `U` + `Int`.
        let scalars = Array(name.replacingAll("UInt", with: "Uint").unicodeScalars)
        var out = ""
        for (index, scalar) in scalars.enumerated() {
            let isUpper = ("A"..."Z").contains(scalar)
            if isUpper, index > 0 {
                let previous = scalars[index - 1]
                let previousIsLowerOrDigit =
                    ("a"..."z").contains(previous) || ("0"..."9").contains(previous)
                let nextIsLower = index + 1 < scalars.count && ("a"..."z").contains(scalars[index + 1])
                let previousIsUpper = ("A"..."Z").contains(previous)
                if previousIsLowerOrDigit || (previousIsUpper && nextIsLower) { out += "_" }
            }
            out.unicodeScalars.append(isUpper ? Unicode.Scalar(scalar.value + 32)! : scalar)
        }
        return NameRules.pythonKeywords.contains(out) ? out + "_" : out
    }
}
