import Foundation

/// The parts of the compiler's symbol graph (`<Module>.symbols.json`) that the scan reads.
struct SymbolGraph: Decodable {
    struct Symbol: Decodable {
        struct Kind: Decodable { var identifier: String }
        struct Identifier: Decodable { var precise: String }
        struct DocComment: Decodable {
            struct Line: Decodable { var text: String }
            var lines: [Line]
        }
        struct Location: Decodable {
            struct Position: Decodable { var line: Int }
            var uri: String
            var position: Position
        }
        struct Generics: Decodable {
            struct Parameter: Decodable { var name: String }
            struct Constraint: Decodable { var lhs: String }
            var parameters: [Parameter]?
            var constraints: [Constraint]?

            /// Whether these are only the implicit generics of `some P` parameters (no named
            /// generic parameter, every constraint on an opaque parameter type).
            var onlyOpaqueParameters: Bool {
                (parameters ?? []).isEmpty && (constraints ?? []).allSatisfy { $0.lhs.hasPrefix("some ") || $0.lhs.hasPrefix("(some ") }
            }
        }

        var kind: Kind
        var identifier: Identifier
        var pathComponents: [String]
        var docComment: DocComment?
        var declarationFragments: [Fragment]?
        var accessLevel: String
        var location: Location?
        var swiftGenerics: Generics?
        var swiftExtension: Generics?
    }

    struct Relationship: Decodable {
        var kind: String
        var source: String
        var target: String
    }

    var symbols: [Symbol]
    var relationships: [Relationship]
}

/// One piece of a declaration as the compiler prints it.
struct Fragment: Decodable, Equatable {
    var kind: String
    var spelling: String
    var preciseIdentifier: String?
}

extension SymbolGraph.Symbol {
    /// The source location, with a 1-based line and a plain path.
    var sourceLocation: SourceLocationValue? {
        guard let location else { return nil }
        let path = URL(string: location.uri)?.path ?? location.uri
        return SourceLocationValue(file: path, line: location.position.line + 1)
    }

    /// The doc comment's lines joined, or nil when there is none.
    var docText: String? {
        guard let lines = docComment?.lines, !lines.isEmpty else { return nil }
        return lines.map(\.text).joined(separator: "\n")
    }
}

/// A file and 1-based line, before it becomes a model `SourceLocation`.
struct SourceLocationValue {
    var file: String
    var line: Int
}
