// Hand-written single-pass splitters for tiktoken's three public patterns. Each `nextEnd`
// returns where the piece starting at `i` ends, exactly as the pattern's leftmost-first
// backtracking match (fancy-regex, as in tiktoken) would; the comments give the alternative
// each branch implements. `t.end` is the end of the slice being split, which is what `$` and
// `(?!\S)` see (tiktoken splits the text between special tokens separately).

private let apostrophe: UInt8 = 0x27

@inline(__always) private func lower(_ b: UInt8) -> UInt8 { b | 0x20 }

/// `'(?:[sdmt]|ll|ve|re)`, case-sensitive (r50k).
@inline(__always)
private func contractionExact(_ t: Text, _ i: Int) -> Int? {
    guard t.p[i] == apostrophe, i + 1 < t.end else { return nil }
    let c1 = t.p[i + 1]
    if c1 == 0x73 || c1 == 0x64 || c1 == 0x6D || c1 == 0x74 { return i + 2 }
    guard i + 2 < t.end else { return nil }
    let c2 = t.p[i + 2]
    if (c1 == 0x6C && c2 == 0x6C) || (c1 == 0x76 && c2 == 0x65) || (c1 == 0x72 && c2 == 0x65) { return i + 3 }
    return nil
}

/// `'(?i:[sdmt]|ll|ve|re)` (cl100k) and `(?i:'s|'t|'re|'ve|'m|'ll|'d)` (o200k): the same set.
/// Case-insensitive per Unicode simple case folding: `s` also matches `ſ` (U+017F, UTF-8 C5 BF).
@inline(__always)
private func contractionFolded(_ t: Text, _ i: Int) -> Int? {
    guard i < t.end, t.p[i] == apostrophe, i + 1 < t.end else { return nil }
    let c1 = lower(t.p[i + 1])
    if c1 == 0x73 || c1 == 0x64 || c1 == 0x6D || c1 == 0x74 { return i + 2 }
    guard i + 2 < t.end else { return nil }
    if t.p[i + 1] == 0xC5 && t.p[i + 2] == 0xBF { return i + 3 }
    let c2 = lower(t.p[i + 2])
    if (c1 == 0x6C && c2 == 0x6C) || (c1 == 0x76 && c2 == 0x65) || (c1 == 0x72 && c2 == 0x65) { return i + 3 }
    return nil
}

enum R50kSplitter {
    // '(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s
    @inline(__always)
    static func nextEnd(_ t: Text, _ i: Int) -> Int {
        if let e = contractionExact(t, i) { return e }
        let (c0, l0) = t.cls(i)
        if t.p[i] == 0x20 && i + 1 < t.end {
            let (c1, l1) = t.cls(i + 1)
            if isLetter(c1) { return t.run(from: i + 1 + l1, isLetter) }
            if isNumber(c1) { return t.run(from: i + 1 + l1, isNumber) }
            if isOther(c1) { return t.run(from: i + 1 + l1, isOther) }
        }
        if isLetter(c0) { return t.run(from: i + l0, isLetter) }
        if isNumber(c0) { return t.run(from: i + l0, isNumber) }
        if isOther(c0) { return t.run(from: i + l0, isOther) }
        return whitespace(t, i, l0)
    }

    /// `\s++$|\s+(?!\S)|\s` at a whitespace scalar.
    @inline(__always)
    static func whitespace(_ t: Text, _ i: Int, _ l0: Int) -> Int {
        let k = t.run(from: i + l0, isSpace)
        if k == t.end { return k }
        let last = t.previousStart(k)
        return last > i ? last : i + l0
    }
}

enum Cl100kSplitter {
    // '(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+
    // |\s++$|\s*[\r\n]|\s+(?!\S)|\s
    @inline(__always)
    static func nextEnd(_ t: Text, _ i: Int) -> Int {
        if let e = contractionFolded(t, i) { return e }
        let b = t.p[i]
        let (c0, l0) = t.cls(i)
        if isLetter(c0) { return t.run(from: i + l0, isLetter) }
        if isNumber(c0) {
            var j = i + l0
            for _ in 0..<2 {
                guard j < t.end else { break }
                let (c, l) = t.cls(j)
                guard isNumber(c) else { break }
                j += l
            }
            return j
        }
        // [^\r\n\p{L}\p{N}]?+\p{L}++ with the optional scalar taken
        if b != 0x0D && b != 0x0A && i + l0 < t.end {
            let (c1, l1) = t.cls(i + l0)
            if isLetter(c1) { return t.run(from: i + l0 + l1, isLetter) }
        }
        // ` ?[^\s\p{L}\p{N}]++[\r\n]*+`
        var s = -1
        if isOther(c0) {
            s = i + l0
        } else if b == 0x20 && i + 1 < t.end {
            let (c1, l1) = t.cls(i + 1)
            if isOther(c1) { s = i + 1 + l1 }
        }
        if s >= 0 {
            var j = t.run(from: s, isOther)
            while j < t.end && (t.p[j] == 0x0D || t.p[j] == 0x0A) { j += 1 }
            return j
        }
        // whitespace
        let k = t.run(from: i + l0, isSpace)
        if k == t.end { return k }                                  // \s++$
        if let e = t.lastNewline(from: i, to: k) { return e }       // \s*[\r\n]
        let last = t.previousStart(k)                               // \s+(?!\S)
        return last > i ? last : i + l0                             // \s
    }
}

enum O200kSplitter {
    // [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
    // |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
    // |\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+

    @inline(__always)
    private static func suffix(_ t: Text, _ w: Int) -> Int { contractionFolded(t, w) ?? w }

    /// The first alternative from `s` (after the optional scalar): U* W+ C?. With U* greedy and
    /// backtracking, W+ starts at the scalar after the U-run if that is W, else at the last
    /// W scalar inside the U-run (W+ then ends right after it).
    @inline(__always)
    static func first(_ t: Text, _ s: Int) -> Int? {
        var u = s
        var lastLowerEnd = -1
        while u < t.end {
            let (c, l) = t.cls(u)
            if isUpperish(c) {
                u += l
                if isLowerish(c) { lastLowerEnd = u }
            } else {
                if isLowerish(c) { return suffix(t, t.run(from: u + l, isLowerish)) }
                break
            }
        }
        return lastLowerEnd >= 0 ? suffix(t, lastLowerEnd) : nil
    }

    /// The second alternative from `s`: U+ W* C?.
    @inline(__always)
    static func second(_ t: Text, _ s: Int) -> Int? {
        guard s < t.end else { return nil }
        let (c, l) = t.cls(s)
        guard isUpperish(c) else { return nil }
        let u = t.run(from: s + l, isUpperish)
        return suffix(t, t.run(from: u, isLowerish))
    }

    @inline(__always)
    static func nextEnd(_ t: Text, _ i: Int) -> Int {
        let b = t.p[i]
        let (c0, l0) = t.cls(i)
        let optional = b != 0x0D && b != 0x0A && !isLetter(c0) && !isNumber(c0)
        if isLetter(c0) || optional || isUpperish(c0) {
            if optional, let e = first(t, i + l0) { return e }
            if let e = first(t, i) { return e }
            if optional, let e = second(t, i + l0) { return e }
            if let e = second(t, i) { return e }
        }
        if isNumber(c0) {
            var j = i + l0
            for _ in 0..<2 {
                guard j < t.end else { break }
                let (c, l) = t.cls(j)
                guard isNumber(c) else { break }
                j += l
            }
            return j
        }
        // ` ?[^\s\p{L}\p{N}]+[\r\n/]*`
        var s = -1
        if isOther(c0) {
            s = i + l0
        } else if b == 0x20 && i + 1 < t.end {
            let (c1, l1) = t.cls(i + 1)
            if isOther(c1) { s = i + 1 + l1 }
        }
        if s >= 0 {
            var j = t.run(from: s, isOther)
            while j < t.end && (t.p[j] == 0x0D || t.p[j] == 0x0A || t.p[j] == 0x2F) { j += 1 }
            return j
        }
        let k = t.run(from: i + l0, isSpace)
        if let e = t.lastNewline(from: i, to: k) { return e }       // \s*[\r\n]+
        if k == t.end { return k }                                  // \s+(?!\S) at the end
        let last = t.previousStart(k)
        return last > i ? last : k                                  // \s+(?!\S), else \s+
    }
}
