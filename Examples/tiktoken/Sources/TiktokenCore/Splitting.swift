// Which splitter an Encoding uses: one of the hand-written ones when `pat_str` is exactly one of
// tiktoken's public patterns, else the standard library's Regex (a general path, slower).

enum SplitPattern {
    case r50k, cl100k, o200k
    case regex(RegexBox)

    static let r50kPattern = #"'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s"#
    /// The pattern of tiktoken releases before 0.8 (same splits as r50kPattern).
    static let r50kPatternOld = #"'(?:[sdmt]|ll|ve|re)| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"#
    static let cl100kPattern = #"'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s"#
    static let o200kPattern = [
        #"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?"#,
        #"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?"#,
        #"\p{N}{1,3}"#,
        #" ?[^\s\p{L}\p{N}]+[\r\n/]*"#,
        #"\s*[\r\n]+"#,
        #"\s+(?!\S)"#,
        #"\s+"#,
    ].joined(separator: "|")

    init(_ pattern: String) throws {
        switch pattern {
        case SplitPattern.r50kPattern, SplitPattern.r50kPatternOld: self = .r50k
        case SplitPattern.cl100kPattern: self = .cl100k
        case SplitPattern.o200kPattern: self = .o200k
        default:
            do {
                self = .regex(RegexBox(try Regex(pattern).matchingSemantics(.unicodeScalar)))
            } catch {
                throw InvalidEncoding(description: "invalid pat_str: \(error)")
            }
        }
    }

    var isHandWritten: Bool {
        if case .regex = self { return false }
        return true
    }

    /// Calls `body(start, end)` for each piece of p[start..<end] in order.
    @inline(__always)
    func forEachPiece(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ body: (Int, Int) -> Void) {
        let t = Text(p, end: end)
        var i = start
        switch self {
        case .r50k:
            while i < end { let e = R50kSplitter.nextEnd(t, i); body(i, e); i = e }
        case .cl100k:
            while i < end { let e = Cl100kSplitter.nextEnd(t, i); body(i, e); i = e }
        case .o200k:
            while i < end { let e = O200kSplitter.nextEnd(t, i); body(i, e); i = e }
        case .regex(let box):
            guard start < end else { return }
            let text = String(decoding: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self)
            let utf8 = text.utf8
            for match in text.matches(of: box.regex) {
                let a = utf8.distance(from: utf8.startIndex, to: match.range.lowerBound)
                let b = utf8.distance(from: utf8.startIndex, to: match.range.upperBound)
                if b > a { body(start + a, start + b) }
            }
        }
    }
}

/// Regex values are immutable and used read-only from several threads.
final class RegexBox: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>
    init(_ regex: Regex<AnyRegexOutput>) { self.regex = regex }
}
