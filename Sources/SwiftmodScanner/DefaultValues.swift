import Foundation
import SwiftmodModel

/// Decides whether a Swift default value is a literal that Python can show (docs/design/exported.md#names).
enum DefaultValues {
    /// Literal integers, floats, strings, booleans, `nil`, `[]` and `[:]` keep their value in
    /// the Python signature; anything else is an expression, shown as `...`.
    static func classify(_ text: String, type: SwiftType) -> DefaultValue {
        let swift = text
        switch text {
        case "nil": return .literal(python: "None", swift: swift)
        case "true": return .literal(python: "True", swift: swift)
        case "false": return .literal(python: "False", swift: swift)
        case "[]" where isSequence(type):
            // Python has no literal for an empty set, and `inspect` reads no `set()` in a text
            // signature: an empty set shows as `...` (Swift's `[]` still applies).
            let python =
                switch type {
                case .bytes, .optional(.bytes): "b''"
                case .set, .optional(.set): "..."
                default: "[]"
                }
            return .literal(python: python, swift: swift)
        case "[:]": return .literal(python: "{}", swift: swift)
        default: break
        }
        if let python = numberLiteral(text, type: type) { return .literal(python: python, swift: swift) }
        if let python = stringLiteral(text), type == .string || type == .optional(.string) {
            return .literal(python: python, swift: swift)
        }
        return .expression(text)
    }

    private static func isSequence(_ type: SwiftType) -> Bool {
        switch type {
        case .array, .bytes, .set, .optional(.array), .optional(.bytes), .optional(.set): true
        default: false
        }
    }

    /// `1`, `-2`, `1_000`, `0x1F`, `1.5`, `1e3` → Python's spelling.
    private static func numberLiteral(_ text: String, type: SwiftType) -> String? {
        var body = Substring(text)
        var sign = ""
        if body.first == "-" {
            sign = "-"
            body = body.dropFirst()
        }
        let digits = body.replacingOccurrences(of: "_", with: "")
        guard !digits.isEmpty else { return nil }
        if let value = Int(digits) { return sign + String(value) }
        if digits.hasPrefix("0x"), let value = Int(digits.dropFirst(2), radix: 16) { return sign + String(value) }
        if digits.hasPrefix("0b"), let value = Int(digits.dropFirst(2), radix: 2) { return sign + String(value) }
        if digits.hasPrefix("0o"), let value = Int(digits.dropFirst(2), radix: 8) { return sign + String(value) }
        let isFloatType: Bool
        switch type {
        case .double, .float, .optional(.double), .optional(.float): isFloatType = true
        default: isFloatType = false
        }
        if isFloatType, digits.allSatisfy({ $0.isNumber || $0 == "." || $0 == "e" || $0 == "E" || $0 == "+" || $0 == "-" }),
            let value = Double(digits), value.isFinite
        {
            return sign + "\(value)"
        }
        return nil
    }

    /// A plain `"..."` literal without interpolation → a Python string literal.
    private static func stringLiteral(_ text: String) -> String? {
        guard text.count >= 2, text.first == "\"", text.last == "\"" else { return nil }
        let inner = text.dropFirst().dropLast()
        guard !inner.contains("\\("), !inner.contains("\"\"") else { return nil }
        // Simple escapes read the same in Python; anything else is shown as `...`.
        var index = inner.startIndex
        while index < inner.endIndex {
            if inner[index] == "\\" {
                let next = inner.index(after: index)
                guard next < inner.endIndex, "\\\"nt0r".contains(inner[next]) else { return nil }
                index = inner.index(after: next)
            } else {
                index = inner.index(after: index)
            }
        }
        return "'" + inner.replacingOccurrences(of: "'", with: "\\'").replacingOccurrences(of: "\\\"", with: "\"") + "'"
    }
}
