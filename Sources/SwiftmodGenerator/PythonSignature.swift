import Foundation
import SwiftmodModel

/// A function's Python-facing signature: names, defaults, positional-only marker.
struct PythonSignature {
    /// One parameter as Python sees it.
    struct Entry {
        var parameter: Parameter
        /// The default as Python shows it (`1`, `None`, `...`), or nil when required.
        var pythonDefault: String?
    }

    var entries: [Entry]
    /// How many leading parameters are positional-only.
    var positionalOnlyCount: Int
    /// How many leading parameters are required.
    var requiredCount: Int

    init(_ function: Function) {
        // Python needs defaults to be trailing: a default followed by a required parameter
        // is not shown (the argument is then required in Python).
        var entries: [Entry] = []
        var trailingDefaults = true
        for parameter in function.parameters.reversed() {
            var pythonDefault: String?
            if trailingDefaults, let value = parameter.defaultValue {
                switch value {
                case .literal(let python, _): pythonDefault = python
                case .expression: pythonDefault = "..."
                }
            } else {
                trailingDefaults = false
            }
            entries.insert(Entry(parameter: parameter, pythonDefault: pythonDefault), at: 0)
        }
        self.entries = entries
        // Positional-only parameters must come first in Python; a `_` parameter after a
        // labelled one is treated as positional-or-keyword under its internal name.
        positionalOnlyCount = function.parameters.prefix { $0.isPositionalOnly }.count
        requiredCount = entries.prefix { $0.pythonDefault == nil }.count
    }

    /// The signature line that CPython reads into `__text_signature__`:
    /// `word_count($module, text, /, min_length=1)`.
    func textSignature(name: String) -> String {
        var parts = ["$module"]
        for (index, entry) in entries.enumerated() {
            parts.append(entry.parameter.pythonName + (entry.pythonDefault.map { "=\($0)" } ?? ""))
            if index + 1 == positionalOnlyCount { parts.append("/") }
        }
        return "\(name)(\(parts.joined(separator: ", ")))"
    }

    /// The stub's parameter list: `text: str, /, min_length: int = 1`.
    func stubParameters() -> String {
        var parts: [String] = []
        for (index, entry) in entries.enumerated() {
            let type = entry.parameter.type.pythonSpelling
            parts.append("\(entry.parameter.pythonName): \(type)" + (entry.pythonDefault.map { " = \($0)" } ?? ""))
            if index + 1 == positionalOnlyCount { parts.append("/") }
        }
        return parts.joined(separator: ", ")
    }
}
