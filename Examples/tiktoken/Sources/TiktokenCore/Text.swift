// A view of valid UTF-8 (a slice of a Python str's UTF-8) with the scalar decoding and class
// lookups the splitters use.

@usableFromInline
struct Text {
    let p: UnsafePointer<UInt8>
    /// The end of the slice being split (a special token or the end of the text).
    let end: Int
    let bmp: UnsafeMutablePointer<UInt8>
    let classes: UnicodeClasses

    init(_ p: UnsafePointer<UInt8>, end: Int) {
        self.p = p
        self.end = end
        self.classes = UnicodeClasses.shared
        self.bmp = classes.bmp
    }

    /// The class of the scalar at `i` and its length in bytes.
    @inline(__always)
    func cls(_ i: Int) -> (UInt8, Int) {
        let b0 = p[i]
        if b0 < 0x80 { return (bmp[Int(b0)], 1) }
        if b0 < 0xE0 {
            let v = (UInt32(b0 & 0x1F) << 6) | UInt32(p[i + 1] & 0x3F)
            return (bmp[Int(v)], 2)
        }
        if b0 < 0xF0 {
            let v = (UInt32(b0 & 0x0F) << 12) | (UInt32(p[i + 1] & 0x3F) << 6) | UInt32(p[i + 2] & 0x3F)
            return (bmp[Int(v)], 3)
        }
        let v = (UInt32(b0 & 0x07) << 18) | (UInt32(p[i + 1] & 0x3F) << 12) | (UInt32(p[i + 2] & 0x3F) << 6)
            | UInt32(p[i + 3] & 0x3F)
        return (classes.supplementary(v), 4)
    }

    /// The start of the scalar before byte `i`.
    @inline(__always)
    func previousStart(_ i: Int) -> Int {
        var j = i - 1
        while p[j] & 0xC0 == 0x80 { j -= 1 }
        return j
    }

    /// The end of the run of scalars from `i` whose class satisfies `test`.
    @inline(__always)
    func run(from i: Int, _ test: (UInt8) -> Bool) -> Int {
        var j = i
        while j < end {
            let (c, l) = cls(j)
            if !test(c) { break }
            j &+= l
        }
        return j
    }

    /// The end of the last `\r` or `\n` in `[i, k)` plus one, or nil.
    @inline(__always)
    func lastNewline(from i: Int, to k: Int) -> Int? {
        var j = k - 1
        while j >= i {
            let b = p[j]
            if b == 0x0A || b == 0x0D { return j + 1 }
            j -= 1
        }
        return nil
    }
}
