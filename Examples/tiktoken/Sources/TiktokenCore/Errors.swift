/// A rank table, special-token table or `pat_str` that cannot make an Encoding (Python: ValueError).
public struct InvalidEncoding: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// A token id or byte string that is not in the vocabulary (Python: KeyError).
public struct TokenNotFound: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// Text that holds a disallowed special token; the description is the token itself, which the
/// Python layer turns into tiktoken's ValueError message.
public struct DisallowedSpecialToken: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}
