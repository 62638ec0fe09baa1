/// The launcher script an installer writes into `bin/` for a `[project.scripts]` or
/// `[project.gui-scripts]` entry (`word-count = "word_tools.cli:main"`): the same text pip
/// writes, so a script made by `develop` behaves as one made by installing the wheel.
public struct ScriptLauncher: Equatable, Sendable {
    /// The script's name (`word-count`).
    public var name: String
    /// The module to import (`word_tools.cli`).
    public var module: String
    /// The object to call, possibly dotted (`main`, `App.run`).
    public var attribute: String

    /// Parses an entry point value `module:attribute`, ignoring extras (`[cli]`); nil when it
    /// does not name an object to call.
    public init?(name: String, value: String) {
        var text = Substring(value)
        if let bracket = text.firstIndex(of: "[") { text = text[..<bracket] }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { $0.filter { $0 != " " } }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.name = name
        module = parts[0]
        attribute = parts[1]
    }

    /// The script, run by `python` (an absolute path).
    public func render(python: String) -> String {
        let top = String(attribute.prefix(while: { $0 != "." }))
        return """
            #!\(python)
            # -*- coding: utf-8 -*-
            import re
            import sys
            from \(module) import \(top)
            if __name__ == "__main__":
                sys.argv[0] = re.sub(r"(-script\\.pyw|\\.exe)?$", "", sys.argv[0])
                sys.exit(\(attribute)())

            """
    }
}
