/// One token: a `str` or a bytes-like object (swiftmod's union, docs/design/python-shapes.md#unions).
public enum Token: Hashable, Sendable {
    case text(String)
    case raw([UInt8])
}

extension Token: MinHashToken {
    var minHashTokenHash: UInt64 {
        switch self {
        case .text(let text): text.minHashTokenHash
        case .raw(let bytes): bytes.minHashTokenHash
        }
    }
}

/// One document of a bulk constructor, in any of the forms `update` takes: a `str` is the
/// tokens of its characters (Python iterates a `str` by code point, as rensa's `update` does);
/// a bytes-like object is one token; a list, tuple, set or frozenset holds tokens (a union:
/// Python passes the value itself).
public enum Document: Sendable {
    case text(String)
    case raw([UInt8])
    case tokens([Token])
    case tokenSet(Set<Token>)

    /// The document's tokens, as `update(items:)` reads them.
    var tokens: [Token] {
        switch self {
        case .text(let text): text.unicodeScalars.map { .text(String($0)) }
        case .raw(let bytes): [.raw(bytes)]
        case .tokens(let tokens): tokens
        case .tokenSet(let tokens): Array(tokens)
        }
    }
}
