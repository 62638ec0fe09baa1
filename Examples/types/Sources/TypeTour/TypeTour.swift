// Every row of swiftmod's type table (docs/design/exported.md#type-mapping), nesting, optionals, defaults, keyword and
// positional-only arguments, and every error path. The end-to-end tests import it.

/// Adds two integers.
public func add(_ a: Int, _ b: Int) -> Int { a &+ b }

public func echoInt8(_ value: Int8) -> Int8 { value }
public func echoInt16(_ value: Int16) -> Int16 { value }
public func echoInt32(_ value: Int32) -> Int32 { value }
public func echoInt64(_ value: Int64) -> Int64 { value }
public func echoUInt(_ value: UInt) -> UInt { value }
public func echoUInt8(_ value: UInt8) -> UInt8 { value }
public func echoUInt16(_ value: UInt16) -> UInt16 { value }
public func echoUInt32(_ value: UInt32) -> UInt32 { value }
public func echoUInt64(_ value: UInt64) -> UInt64 { value }
public func echoInt(_ value: Int) -> Int { value }
public func echoDouble(_ value: Double) -> Double { value }
public func echoFloat(_ value: Float) -> Float { value }
public func echoBool(_ value: Bool) -> Bool { value }
public func echoString(_ value: String) -> String { value }
public func echoBytes(_ value: [UInt8]) -> [UInt8] { value }
public func echoOptional(_ value: Int?) -> Int? { value }
public func echoPair(_ value: (Int, String)) -> (Int, String) { value }
public func echoNested(_ value: [String: [Int?]]) -> [String: [Int?]] { value }
public func echoSet(_ value: Set<String>) -> Set<String> { value }
public func echoDeep(_ value: [[[Double]]]) -> [[[Double]]] { value }
public func echoTriples(_ value: [(Bool, Double, String?)]) -> [(Bool, Double, String?)] { value }

/// What Swift sees of `text`: its UTF-8 size, its Character count, and whether it equals, and
/// hashes as, the same text rebuilt by the standard library from its UTF-8 (the glue builds short
/// strings in their small form itself).
public func stringFacts(_ text: String) -> (Int, Int, Bool) {
    let rebuilt = String(decoding: Array(text.utf8), as: UTF8.self)
    let same = text == rebuilt && text.hashValue == rebuilt.hashValue && Set([rebuilt]).contains(text)
        && text.utf8.elementsEqual(rebuilt.utf8) && text.unicodeScalars.elementsEqual(rebuilt.unicodeScalars)
    return (text.utf8.count, text.count, same)
}

/// The size of `text` in UTF-8, in bytes (Python: `len(text.encode())`).
public func length(_ text: String) -> Int { text.utf8.count }

/// The sum of `values`.
public func sum(_ values: [Double]) -> Double { values.reduce(0, +) }

/// Multiplies every value by `factor`.
public func scale(_ values: [Double], by factor: Double) -> [Double] { values.map { $0 * factor } }

/// Returns a greeting.
public func greet(_ name: String) -> String { "Hello, \(name)!" }

/// Counts the words, weighted by `weights`.
public func countWords(_ weights: [String: Int]) -> Int { weights.values.reduce(0, &+) }

/// Returns its bytes reversed.
public func reversedBytes(_ data: [UInt8]) -> [UInt8] { data.reversed() }

/// Formats a record; shows keyword arguments and literal defaults.
public func describe(
    _ name: String, age: Int = 30, ratio: Double = 0.5, tag: String = "none", flag: Bool = false,
    note: String? = nil, items: [Int] = [], meta: [String: Int] = [:]
) -> String {
    "\(name) age=\(age) ratio=\(ratio) tag=\(tag) flag=\(flag) note=\(note ?? "-") items=\(items) meta=\(meta.count)"
}

/// A default value that Python cannot spell: Swift's own applies when omitted.
public func limit(_ value: Int, max: Int = Int.max) -> Int { Swift.min(value, max) }

/// Returns nothing.
public func nothing() {}

/// An error with its own description.
public enum TourError: Error, CustomStringConvertible {
    case negative(Int)
    case empty

    public var description: String {
        switch self {
        case .negative(let value): "negative value: \(value)"
        case .empty: "nothing to do"
        }
    }
}

/// An error without an exported type: becomes RuntimeError.
struct HiddenError: Error, CustomStringConvertible {
    var description: String { "hidden failure" }
}

/// Square root of a non-negative number; throws `TourError` otherwise.
public func checkedRoot(_ value: Int) throws(TourError) -> Double {
    guard value >= 0 else { throw .negative(value) }
    return Double(value).squareRoot()
}

/// Throws an error of a type that is not exported.
public func failHidden() throws -> Int { throw HiddenError() }

/// Throws `TourError.empty` when `values` is empty.
public func first(_ values: [String]) throws -> String {
    guard let value = values.first else { throw TourError.empty }
    return value
}

/// A CPU-bound function: the Collatz steps of every number below `count`, added up (no closed
/// form, so the optimizer cannot skip the work).
public func spin(_ count: Int) -> Int {
    collatzSteps(below: count)
}

func collatzSteps(below count: Int) -> Int {
    var total = 0
    var start = 1
    while start < count {
        var value = start
        while value != 1 {
            value = value & 1 == 0 ? value >> 1 : 3 &* value &+ 1
            total &+= 1
        }
        start += 1
    }
    return total
}

/// A `Sendable` struct: its non-mutating methods follow `release-gil` as functions do (DESIGN
/// §12, §13). Benchmarks/gil.py and Tests/EndToEnd/test_gil.py call `Spinner().spin(n)`.
public struct Spinner: Sendable {
    public init() {}

    /// `spin(count)`, as a method.
    public func spin(_ count: Int) -> Int {
        collatzSteps(below: count)
    }
}

// Unsupported forms: skipped with a warning, never exported.
public func generic<T>(_ value: T) -> T { value }
public func takesClosure(_ body: (Int) -> Int) -> Int { body(1) }
public func mutates(_ value: inout Int) { value += 1 }
public func later(_ data: RawSpan) async -> Int { data.byteCount }
