/// A text template from `Templates/`, with `{{name}}` placeholders.
public struct Template: Sendable {
    /// The path below `Templates/` (e.g. `new/Package.swift.tmpl`).
    public let name: String
    /// The template text.
    public let text: String

    /// The embedded template at `name`; a missing name is a bug in swiftmod, not a user error.
    public init(_ name: String) {
        guard let text = EmbeddedTemplates.files[name] else {
            preconditionFailure("internal error: no embedded template '\(name)'")
        }
        self.name = name
        self.text = text
    }

    /// Every embedded template, by its path below `Templates/`.
    public static var all: [String: String] { EmbeddedTemplates.files }

    /// Fills in every `{{key}}`; a placeholder without a value is an error.
    public func render(_ values: [String: String]) throws(TemplateError) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var rest = text[...]
        while let open = rest.firstRange(of: "{{") {
            out += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.firstRange(of: "}}") else {
                throw TemplateError(template: name, message: "'{{' without a closing '}}'")
            }
            let key = String(afterOpen[..<close.lowerBound])
            guard let value = values[key] else {
                throw TemplateError(template: name, message: "no value for placeholder '\(key)'")
            }
            out += value
            rest = afterOpen[close.upperBound...]
        }
        out += rest
        return out
    }
}

/// A template that cannot be rendered: a bug in swiftmod's templates or their caller.
public struct TemplateError: Error, Equatable, CustomStringConvertible {
    /// The template's name.
    public var template: String
    /// What went wrong: an unclosed `{{`, or a placeholder with no value.
    public var message: String
    /// The one-line message: an internal error, with the template and what went wrong.
    public var description: String { "internal error: template \(template): \(message)" }
}
