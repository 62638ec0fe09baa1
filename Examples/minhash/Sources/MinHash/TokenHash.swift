// Token hashing, `H(t)` of spec §4.2: rensa's 64-bit-platform hash of a token's bytes.
// Tokens are read in place (a String's own UTF-8, an array's own storage); nothing is allocated
// per token.

@inline(__always)
private func loadLE64(_ base: UnsafeRawPointer, _ offset: Int) -> UInt64 {
    UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
}

@inline(__always)
private func loadLE32(_ base: UnsafeRawPointer, _ offset: Int) -> UInt64 {
    UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
}

/// `H(t)`: the 64-bit hash of one token's bytes.
@inline(__always)
func tokenHash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    let count = bytes.count
    var s0: UInt64 = 0x243F_6A88_85A3_08D3
    var s1: UInt64 = 0x1319_8A2E_0370_7344
    if let base = bytes.baseAddress, count > 0 {
        if count <= 16 {
            if count >= 8 {
                s0 ^= loadLE64(base, 0)
                s1 ^= loadLE64(base, count &- 8)
            } else if count >= 4 {
                s0 ^= loadLE32(base, 0)
                s1 ^= loadLE32(base, count &- 4)
            } else {
                let first = UInt64(base.load(as: UInt8.self))
                let middle = UInt64(base.load(fromByteOffset: count &>> 1, as: UInt8.self))
                let last = UInt64(base.load(fromByteOffset: count &- 1, as: UInt8.self))
                s0 ^= first
                s1 ^= (last &<< 8) | middle
            }
        } else {
            var offset = 0
            while offset < count &- 16 {
                let x = loadLE64(base, offset)
                let y = loadLE64(base, offset &+ 8)
                let mixed = multiplyMix(s0 ^ x, 0xA409_3822_299F_31D0 ^ y)
                s0 = s1
                s1 = mixed
                offset &+= 16
            }
            s0 ^= loadLE64(base, count &- 16)
            s1 ^= loadLE64(base, count &- 8)
        }
    }
    let compressed = multiplyMix(s0, s1) ^ UInt64(truncatingIfNeeded: count)
    return (compressed &* 0xF135_7AEA_2E62_A9C5).rotatedLeft(26)
}

/// A value whose bytes form one MinHash token. `String` hashes its UTF-8, so a string token
/// and its UTF-8 bytes are the same token.
protocol MinHashToken {
    /// `H` of the token's bytes.
    var minHashTokenHash: UInt64 { get }
}

extension StringProtocol {
    /// `H` of the text's UTF-8, read in place.
    @inline(__always)
    var utf8TokenHash: UInt64 {
        if let hash = utf8.withContiguousStorageIfAvailable({ tokenHash(UnsafeRawBufferPointer($0)) }) {
            return hash
        }
        // Only strings bridged from Objective-C lack contiguous UTF-8; never on Linux.
        var copy = String(self)
        return copy.withUTF8 { tokenHash(UnsafeRawBufferPointer($0)) }
    }
}

extension String: MinHashToken {
    @inline(__always)
    var minHashTokenHash: UInt64 { utf8TokenHash }
}

extension Substring: MinHashToken {
    @inline(__always)
    var minHashTokenHash: UInt64 { utf8TokenHash }
}

extension UnsafeRawBufferPointer: MinHashToken {
    @inline(__always)
    var minHashTokenHash: UInt64 { tokenHash(self) }
}

extension Array: MinHashToken where Element == UInt8 {
    @inline(__always)
    var minHashTokenHash: UInt64 {
        withUnsafeBytes { tokenHash($0) }
    }
}

extension ArraySlice: MinHashToken where Element == UInt8 {
    @inline(__always)
    var minHashTokenHash: UInt64 {
        withUnsafeBytes { tokenHash($0) }
    }
}

extension Unicode.Scalar: MinHashToken {
    /// The scalar's UTF-8 (one to four bytes), hashed from a stack word: a one-character `str`
    /// token, as Python yields when it iterates a `str`.
    @inline(__always)
    var minHashTokenHash: UInt64 {
        var word: UInt32 = 0
        var length = 0
        UTF8.encode(self) { unit in
            word |= UInt32(unit) &<< UInt32(truncatingIfNeeded: length &* 8)
            length &+= 1
        }
        word = UInt32(littleEndian: word)
        return withUnsafeBytes(of: &word) { tokenHash(UnsafeRawBufferPointer(rebasing: $0[..<length])) }
    }
}
