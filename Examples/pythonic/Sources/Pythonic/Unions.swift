/// A document: one token, raw bytes, or a list of tokens (a union: Python passes the payload).
public enum Document: Hashable, Sendable {
    case text(String)
    case raw([UInt8])
    case tokens([String])
}

/// How many tokens a document has: a text is split on spaces.
public func tokenCount(_ document: Document) -> Int {
    switch document {
    case .text(let text): text.split(separator: " ").count
    case .raw(let bytes): bytes.split(separator: 32).count
    case .tokens(let tokens): tokens.count
    }
}

/// The documents' token counts, for a list of documents of any kind.
public func tokenCounts(_ documents: [Document]) -> [Int] {
    documents.map(tokenCount)
}

/// Which case a document arrived as.
public func kind(_ document: Document) -> String {
    switch document {
    case .text: "text"
    case .raw: "raw"
    case .tokens: "tokens"
    }
}

/// A number or nothing: the `None` case and an integer and a float.
public enum Number: Equatable, Sendable {
    case missing
    case integer(Int)
    case real(Double)
}

/// Doubles a number; `None` stays `None`; an `int` whose double is past `Int` raises
/// `OverflowError`.
public func doubled(_ number: Number) throws(Overflow) -> Number {
    switch number {
    case .missing: .missing
    case .integer(let value): .integer(try Overflow.check(value.multipliedReportingOverflow(by: 2)))
    case .real(let value): .real(value * 2)
    }
}

/// Any JSON value, recursively.
public indirect enum JSON: Equatable, Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])
}

/// A JSON value back unchanged (a round trip through Swift).
public func roundTrip(_ value: JSON) -> JSON { value }

/// `depth` arrays, each holding the next, around `null`: a value nested deeper than Python's
/// recursion limit comes back as RecursionError, as `json.dumps` does, not a stack overflow.
/// At most 10,000 levels: Swift frees an indirect enum recursively, and a value some 50,000
/// levels deep overflows the stack when it is freed.
public func nested(_ depth: Int) -> JSON {
    var value = JSON.null
    for _ in 0..<min(max(depth, 0), 10_000) { value = .array([value]) }
    return value
}

/// How many values a JSON value holds, itself included.
public func nodeCount(_ value: JSON) -> Int {
    switch value {
    case .null, .bool, .integer, .number, .string: 1
    case .array(let items): 1 + items.map(nodeCount).reduce(0, +)
    case .object(let members): 1 + members.values.map(nodeCount).reduce(0, +)
    }
}

/// Labels by document, as a dictionary whose values are unions.
public func describe(_ labels: [String: Number]) -> [String] {
    labels.keys.sorted().map { key in
        switch labels[key]! {
        case .missing: "\(key)=none"
        case .integer(let value): "\(key)=int:\(value)"
        case .real(let value): "\(key)=real:\(value)"
        }
    }
}

/// An optional union: `None` is the optional's, since `Document` has no `None` case.
public func maybeCount(_ document: Document?) -> Int {
    document.map(tokenCount) ?? -1
}

/// A point on a map (an exported struct).
public struct Spot: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A spot or a place name: a union with an exported type among its payloads.
public enum Place: Sendable {
    case spot(Spot)
    case name(String)
}

/// Where a place is, as text.
public func locate(_ place: Place) -> String {
    switch place {
    case .spot(let spot): "(\(spot.x), \(spot.y))"
    case .name(let name): name
    }
}

/// Not a union: both cases take an `int` (the build warns and exports a class).
public enum Measure: Sendable {
    case meters(Int)
    case feet(Int)
}

/// An integer result past `Int`'s range: Python's `OverflowError` (`[tool.swiftmod.exceptions]`
/// in pyproject.toml). Swift's `+` and `*` trap on overflow, which would end the process; the
/// checked forms let a Python caller see an exception instead.
public struct Overflow: Error, CustomStringConvertible {
    public var description: String { "the result does not fit in a 64-bit integer" }

    /// The value, or `Overflow` when the operation overflowed.
    static func check(_ result: (partialValue: Int, overflow: Bool)) throws(Overflow) -> Int {
        if result.overflow { throw Overflow() }
        return result.partialValue
    }
}
