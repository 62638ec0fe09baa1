// The mergeable tokens: bytes -> rank in an open-addressing hash table over one byte arena,
// plus direct tables for one- and two-byte tokens (every first merge looks up a pair), and
// rank -> bytes for decoding.

let noRank: UInt32 = .max

@inline(__always)
func loadWord(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
    // Little-endian load of up to 8 bytes.
    if count >= 8 { return UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) }
    var w: UInt64 = 0
    var k = 0
    while k < count { w |= UInt64(p[k]) << (8 &* UInt64(k)); k &+= 1 }
    return w
}

@inline(__always)
func hashBytes(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    var h: UInt64 = UInt64(n) &* 0x9E37_79B9_7F4A_7C15
    var i = 0
    while i + 8 <= n {
        h = (h ^ loadWord(p + i, 8)) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 29
        i &+= 8
    }
    if i < n {
        h = (h ^ loadWord(p + i, n - i)) &* 0x94D0_49BB_1331_11EB
    }
    h ^= h >> 32
    h = h &* 0xD6E8_FEB8_6659_FD93
    h ^= h >> 32
    return h
}

struct RankTableError: Error, CustomStringConvertible {
    let description: String
}

final class RankTable: @unchecked Sendable {
    let count: Int
    let arena: UnsafeMutablePointer<UInt8>
    /// Token index -> start in the arena (count + 1 entries).
    let offsets: UnsafeMutablePointer<Int>
    let ranks: UnsafeMutablePointer<UInt32>
    /// hash high 32 bits << 32 | (token index + 1); 0 = empty.
    let slots: UnsafeMutablePointer<UInt64>
    let mask: Int
    let byteRanks: UnsafeMutablePointer<UInt32>
    let pairRanks: UnsafeMutablePointer<UInt32>
    /// rank -> token index (noRank-sized gaps as UInt32.max), for ranks 0...maxRank.
    let byRank: UnsafeMutablePointer<UInt32>
    /// rank -> the token's start in the arena << 24 | its length (0: no token), for ranks
    /// 0...maxRank: the decoder's one load per token.
    let spans: UnsafeMutablePointer<UInt64>
    let maxRank: Int
    /// The backtracking encoder's tables, for very long pieces (built on first use).
    let backtrack = BacktrackCache()

    /// `blob` holds the tokens back to back, `lengths[i]` the length of token i, `values[i]` its rank.
    init(blob: UnsafeBufferPointer<UInt8>, lengths: UnsafeBufferPointer<Int>, values: UnsafeBufferPointer<Int>) throws {
        guard lengths.count == values.count else { throw RankTableError(description: "lengths and ranks differ in count") }
        var top = -1
        var total = 0
        for i in 0..<lengths.count {
            let n = lengths[i]
            let r = values[i]
            if n <= 0 { throw RankTableError(description: "mergeable_ranks has an empty token") }
            if n >= 1 << 24 { throw RankTableError(description: "mergeable_ranks has a token of 16 MB or more") }
            if r < 0 || r >= RankTable.rankLimit {
                throw RankTableError(description: "rank \(r) is out of range (ranks must be 0 ..< \(RankTable.rankLimit))")
            }
            if r > top { top = r }
            total += n
        }
        if total != blob.count { throw RankTableError(description: "token lengths do not add up to the data") }
        var seen = [Bool](repeating: false, count: top + 1)
        for r in values {
            if seen[r] { throw RankTableError(description: "duplicate rank \(r) in mergeable_ranks: ranks must be unique") }
            seen[r] = true
        }
        count = lengths.count
        maxRank = top
        // 16 bytes of padding: the decoder copies short tokens 16 bytes at a time
        arena = .allocate(capacity: blob.count + RankTable.arenaPadding)
        arena.initialize(repeating: 0, count: blob.count + RankTable.arenaPadding)
        if let base = blob.baseAddress { arena.update(from: base, count: blob.count) }
        offsets = .allocate(capacity: count + 1)
        ranks = .allocate(capacity: max(1, count))
        var capacity = 16
        while capacity < count * 2 { capacity <<= 1 }
        mask = capacity - 1
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        byteRanks = .allocate(capacity: 256)
        byteRanks.initialize(repeating: noRank, count: 256)
        pairRanks = .allocate(capacity: 65536)
        pairRanks.initialize(repeating: noRank, count: 65536)
        byRank = .allocate(capacity: top + 1)
        byRank.initialize(repeating: UInt32.max, count: top + 1)
        spans = .allocate(capacity: top + 1)
        spans.initialize(repeating: 0, count: top + 1)
        var offset = 0
        for i in 0..<count {
            offsets[i] = offset
            ranks[i] = UInt32(values[i])
            offset += lengths[i]
        }
        offsets[count] = offset
        for i in 0..<count {
            let r = Int(ranks[i])
            byRank[r] = UInt32(i)
            let start = arena + offsets[i]
            let n = offsets[i + 1] - offsets[i]
            spans[r] = UInt64(offsets[i]) << 24 | UInt64(n)
            if n == 1 { byteRanks[Int(start[0])] = ranks[i] }
            if n == 2 { pairRanks[Int(start[0]) << 8 | Int(start[1])] = ranks[i] }
            let h = hashBytes(start, n)
            var idx = Int(truncatingIfNeeded: h) & mask
            while slots[idx] != 0 { idx = (idx + 1) & mask }
            slots[idx] = (h >> 32) << 32 | UInt64(i + 1)
        }
    }

    /// Ranks are stored as UInt32 (noRank = UInt32.max is "none"); the rank -> bytes table is
    /// dense, so ranks stay below 2**26.
    static let rankLimit = 1 << 26
    /// Bytes after the arena's last token that may be read (and are zero).
    static let arenaPadding = 16

    deinit {
        arena.deallocate(); offsets.deallocate(); ranks.deallocate(); slots.deallocate()
        byteRanks.deallocate(); pairRanks.deallocate(); byRank.deallocate(); spans.deallocate()
    }

    @inline(__always)
    func rank(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32 {
        if n == 2 { return pairRanks[Int(p[0]) << 8 | Int(p[1])] }
        if n == 1 { return byteRanks[Int(p[0])] }
        let h = hashBytes(p, n)
        let tag = h >> 32
        var idx = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[idx]
            if s == 0 { return noRank }
            if s >> 32 == tag {
                let token = Int(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1
                let start = offsets[token]
                if offsets[token + 1] - start == n && memoryEqual(arena + start, p, n) { return ranks[token] }
            }
            idx = (idx + 1) & mask
        }
    }

    /// The bytes of a mergeable rank, or nil.
    @inline(__always)
    func bytes(ofRank r: Int) -> UnsafeBufferPointer<UInt8>? {
        guard r >= 0 && r <= maxRank else { return nil }
        let token = byRank[r]
        if token == UInt32.max { return nil }
        let start = offsets[Int(token)]
        return UnsafeBufferPointer(start: arena + start, count: offsets[Int(token) + 1] - start)
    }

    func tokenBytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: arena + offsets[i], count: offsets[i + 1] - offsets[i])
    }
}

@inline(__always)
func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    var i = 0
    while i + 8 <= n {
        if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) {
            return false
        }
        i &+= 8
    }
    while i < n {
        if a[i] != b[i] { return false }
        i &+= 1
    }
    return true
}
