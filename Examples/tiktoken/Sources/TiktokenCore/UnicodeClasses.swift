// The character classes of the split patterns, per scalar, from the generated UnicodeTable.swift
// (Unicode 16.0, tiktoken 0.14's version). One byte per scalar: low 3 bits the category
// (0 other, 1 Lu, 2 Ll, 3 Lt, 4 Lm, 5 Lo, 6 M, 7 N), bit 3 White_Space.

@usableFromInline
final class UnicodeClasses: @unchecked Sendable {
    /// One byte per scalar of the Basic Multilingual Plane (64 KB, built once from the ranges).
    let bmp: UnsafeMutablePointer<UInt8>
    /// The ranges (first scalar << 8 | class), for the other planes.
    let ranges: UnsafeMutablePointer<UInt32>
    let rangeCount: Int

    static let shared = UnicodeClasses()

    private init() {
        let table = unicodeClassRanges
        rangeCount = table.count
        ranges = .allocate(capacity: table.count)
        ranges.initialize(from: table, count: table.count)
        bmp = .allocate(capacity: 0x10000)
        var index = 0
        for scalar in 0..<0x10000 {
            while index + 1 < table.count && Int(table[index + 1] >> 8) <= scalar { index += 1 }
            bmp[scalar] = UInt8(truncatingIfNeeded: table[index])
        }
    }

    /// The class of a scalar outside the BMP (binary search of the ranges).
    @inline(never)
    func supplementary(_ scalar: UInt32) -> UInt8 {
        var low = 0
        var high = rangeCount - 1
        while low < high {
            let mid = (low + high + 1) >> 1
            if ranges[mid] >> 8 <= scalar { low = mid } else { high = mid - 1 }
        }
        return UInt8(truncatingIfNeeded: ranges[low])
    }
}

/// Class predicates (on the class byte).
@inline(__always) func isLetter(_ c: UInt8) -> Bool { let k = c & 7; return k >= 1 && k <= 5 }
@inline(__always) func isNumber(_ c: UInt8) -> Bool { c & 7 == 7 }
@inline(__always) func isSpace(_ c: UInt8) -> Bool { c & 8 != 0 }
/// `[^\s\p{L}\p{N}]`
@inline(__always) func isOther(_ c: UInt8) -> Bool { c & 8 == 0 && (c & 7 == 0 || c & 7 == 6) }
/// `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`
@inline(__always) func isUpperish(_ c: UInt8) -> Bool { let k = c & 7; return k == 1 || (k >= 3 && k <= 6) }
/// `[\p{Ll}\p{Lm}\p{Lo}\p{M}]`
@inline(__always) func isLowerish(_ c: UInt8) -> Bool { let k = c & 7; return k == 2 || (k >= 4 && k <= 6) }
