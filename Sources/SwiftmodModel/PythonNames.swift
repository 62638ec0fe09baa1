/// How Swift names become Python names (docs/design/exported.md#names).
public enum PythonNames {
    /// `wordCount` → `word_count`, `parseURL` → `parse_url`, `utf8String` → `utf8_string`,
    /// with a `_` appended to a Python keyword (`from` → `from_`). A name written with
    /// backticks (`` `class` ``, a Swift keyword) is the name without them (`class_`).
    public static func snakeCase(_ name: String) -> String {
        // `UInt` is one word (`echoUInt8` → `echo_uint8`), not `U` + `Int`.
        let scalars = Array(unescaped(name).replacingAll("UInt", with: "Uint").unicodeScalars)
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

    /// `algorithmVersion` → `ALGORITHM_VERSION`: how Python spells constants and enum members.
    public static func upperSnakeCase(_ name: String) -> String {
        let snake = snakeCase(name)
        return (snake.hasSuffix("_") && NameRules.pythonKeywords.contains(String(snake.dropLast())) ? String(snake.dropLast()) : snake)
            .uppercased()
    }

    /// `circle` → `Circle`: a value enum's case as a Python class name.
    public static func caseClassName(_ name: String) -> String {
        let name = unescaped(name)
        let result = name.prefix(1).uppercased() + name.dropFirst()
        return NameRules.pythonKeywords.contains(result) ? result + "_" : result
    }

    /// `` `class` `` → `class`: a Swift identifier without the backticks that let it be a keyword.
    public static func unescaped(_ name: String) -> String {
        name.count > 2 && name.hasPrefix("`") && name.hasSuffix("`") ? String(name.dropFirst().dropLast()) : name
    }

    /// Whether `name` is a Python special-method name (`__len__`), exported as it is (docs/design/types.md#escape-hatch).
    public static func isSpecialMethodName(_ name: String) -> Bool {
        name.count > 4 && name.hasPrefix("__") && name.hasSuffix("__")
            && name.dropFirst(2).dropLast(2).allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}
