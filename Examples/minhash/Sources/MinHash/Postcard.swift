// The subset of the postcard wire format (Rust crate `postcard` 1.x) that rensa's pickle state
// uses (spec §4.6): unsigned LEB128 varints, little-endian f64, length-prefixed sequences and
// maps. Decoding errors carry postcard's own messages, which rensa puts in its ValueError.

struct PostcardWriter {
    var bytes: [UInt8]

    init(prefix: some Sequence<UInt8>) {
        bytes = Array(prefix)
    }

    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest &>>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: rest))
    }

    mutating func varint(_ value: Int) {
        varint(UInt64(value))
    }

    mutating func float64(_ value: Double) {
        var bits = value.bitPattern
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bits &>>= 8
        }
    }
}

/// Why decoding failed; `message` is postcard's `Display` text for the same error.
enum PostcardFailure: Error {
    case unexpectedEnd
    case badVarint
    /// Any error raised by the decoded type itself (serde's custom error).
    case invalid

    var message: String {
        switch self {
        case .unexpectedEnd: "Hit the end of buffer, expected more data"
        case .badVarint: "Found a varint that didn't terminate. Is the usize too big for this platform?"
        case .invalid: "Serde Deserialization Error"
        }
    }
}

struct PostcardReader {
    private let bytes: [UInt8]
    private var offset: Int

    /// Reads `bytes` from `offset` on; trailing bytes are never looked at.
    init(_ bytes: [UInt8], from offset: Int) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Bytes not read yet: a bound for reserving capacity from untrusted counts.
    var remaining: Int { bytes.count - offset }

    mutating func byte() throws(PostcardFailure) -> UInt8 {
        guard offset < bytes.count else { throw .unexpectedEnd }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// A varint of at most `maxBytes` bytes whose last byte is at most `maxLastByte`.
    private mutating func varint(maxBytes: Int, maxLastByte: UInt8) throws(PostcardFailure) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<maxBytes {
            let next = try byte()
            value |= UInt64(next & 0x7F) &<< UInt64(7 * index)
            if next & 0x80 == 0 {
                if index == maxBytes - 1 && next > maxLastByte {
                    throw .badVarint
                }
                return value
            }
        }
        throw .badVarint
    }

    mutating func uint32() throws(PostcardFailure) -> UInt32 {
        UInt32(truncatingIfNeeded: try varint(maxBytes: 5, maxLastByte: 0x0F))
    }

    /// A `u64`, and also a `usize` (rensa's 64-bit platforms).
    mutating func uint64() throws(PostcardFailure) -> UInt64 {
        try varint(maxBytes: 10, maxLastByte: 0x01)
    }

    mutating func float64() throws(PostcardFailure) -> Double {
        var bits: UInt64 = 0
        guard remaining >= 8 else { throw .unexpectedEnd }
        for index in 0..<8 {
            bits |= UInt64(try byte()) &<< UInt64(8 * index)
        }
        return Double(bitPattern: bits)
    }

    /// A sequence count, and room to reserve for it (never more than the bytes left).
    mutating func count() throws(PostcardFailure) -> (count: UInt64, reserve: Int) {
        let count = try uint64()
        return (count, Int(Swift.min(count, UInt64(remaining))))
    }
}

/// The version word after both state prefixes (`0x524D4802`, "RMH" and 2).
let stateVersion: UInt32 = 0x524D_4802

extension Array where Element == UInt8 {
    /// The index just past `prefix`, if the array starts with it.
    func indexAfter(prefix: [UInt8]) -> Int? {
        guard count >= prefix.count, self[..<prefix.count].elementsEqual(prefix) else { return nil }
        return prefix.count
    }
}
