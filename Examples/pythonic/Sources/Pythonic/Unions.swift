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

/// Doubles a number; `None` stays `None`.
public func doubled(_ number: Number) -> Number {
    switch number {
    case .missing: .missing
    case .integer(let value): .integer(value * 2)
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
