// Plain Swift: swiftmod exports every public function here to Python as `hello`.

/// Counts the words in `text`: runs of characters separated by whitespace.
///
/// Words shorter than `minLength` characters are not counted.
public func wordCount(_ text: String, minLength: Int = 1) -> Int {
    text.split(whereSeparator: \.isWhitespace).filter { $0.count >= minLength }.count
}

/// Returns a friendly greeting for `name`.
public func greet(_ name: String) -> String {
    "Hello, \(name)!"
}

/// Why a ratio could not be parsed.
public enum RatioError: Error, Equatable, CustomStringConvertible {
    /// The text has no `/` between numerator and denominator.
    case missingSlash(String)
    /// A part of the ratio is not a number.
    case notANumber(String)
    /// The denominator is zero.
    case zeroDenominator

    public var description: String {
        switch self {
        case .missingSlash(let text): "expected 'numerator/denominator', got '\(text)'"
        case .notANumber(let part): "'\(part)' is not a number"
        case .zeroDenominator: "the denominator is zero"
        }
    }
}

/// Parses a ratio such as `"3/4"` and returns its value.
public func parseRatio(_ text: String) throws(RatioError) -> Double {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2 else { throw .missingSlash(text) }
    guard let numerator = Double(parts[0]) else { throw .notANumber(String(parts[0])) }
    guard let denominator = Double(parts[1]) else { throw .notANumber(String(parts[1])) }
    guard denominator != 0 else { throw .zeroDenominator }
    return numerator / denominator
}
