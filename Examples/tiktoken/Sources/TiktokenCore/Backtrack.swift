// A linear-time encoder for very long pieces: the backtracking BPE of GitHub's `bpe` crate
// (https://github.com/github/rust-gems, crates/bpe), written from its description. It walks
// the piece left to right taking the longest token that starts at the position, and keeps it
// only if BPE would keep it next to the previous token (`isValidPair`, which replays the two
// tokens' merges in reverse); otherwise it tries the next shorter prefix token, and backtracks
// when none fits. Its tables (a trie of the tokens, each token's longest proper prefix token,
// each token's merge pair) are built on the first long piece, once per Encoding.
//
// It gives BPE's result when every multi-byte token is the merge of two lower-ranked tokens
// (a table trained by BPE, as tiktoken's and the yardstick's are); `proper` is false otherwise,
// and such tables keep the rank-bucket merge. The tests compare both paths and tiktoken.

import Synchronization

final class BacktrackTables: @unchecked Sendable {
    let proper: Bool
    // trie: children in an open-addressing table, one word per slot: ((node << 8 | byte) + 1) << 32
    // | child, 0 = empty (one cache miss per probe)
    let childSlots: UnsafeMutablePointer<UInt64>
    let childMask: Int
    let nodeRank: UnsafeMutablePointer<UInt32>
    /// The trie's nodes at depth 2 by their two bytes (-1: none), which saves the first two
    /// hash probes of every longest match.
    let depth2: UnsafeMutablePointer<Int32>
    // by rank
    let length: UnsafeMutablePointer<Int32>
    let nextPrefix: UnsafeMutablePointer<UInt32>
    let splitLeft: UnsafeMutablePointer<UInt32>
    let splitRight: UnsafeMutablePointer<UInt32>
    // merge pair (left << 32 | right) -> rank, key and value side by side
    let pairSlots: UnsafeMutablePointer<PairSlot>
    let pairMask: Int

    init(_ table: RankTable) {
        let ranks = table.maxRank + 1
        var totalBytes = 0
        for i in 0..<table.count { totalBytes += table.tokenBytes(i).count }
        var capacity = 16
        while capacity < 2 * (totalBytes + 1) { capacity <<= 1 }
        childMask = capacity - 1
        childSlots = .allocate(capacity: capacity)
        childSlots.initialize(repeating: 0, count: capacity)
        nodeRank = .allocate(capacity: totalBytes + 1)
        nodeRank.initialize(repeating: noRank, count: totalBytes + 1)
        length = .allocate(capacity: ranks)
        length.initialize(repeating: 0, count: ranks)
        nextPrefix = .allocate(capacity: ranks)
        nextPrefix.initialize(repeating: noRank, count: ranks)
        splitLeft = .allocate(capacity: ranks)
        splitRight = .allocate(capacity: ranks)
        for r in 0..<ranks { splitLeft[r] = UInt32(r); splitRight[r] = UInt32(r) }
        var pc = 16
        while pc < 2 * (table.count + 1) { pc <<= 1 }
        pairMask = pc - 1
        pairSlots = .allocate(capacity: pc)
        pairSlots.initialize(repeating: PairSlot(key: .max, value: 0), count: pc)

        var nodes = 1
        for i in 0..<table.count {
            let bytes = table.tokenBytes(i)
            var node = 0
            for b in bytes {
                if let child = BacktrackTables.child(childSlots, childMask, node, b) {
                    node = child
                } else {
                    BacktrackTables.insertChild(childSlots, childMask, node, b, nodes)
                    node = nodes
                    nodes += 1
                }
            }
            nodeRank[node] = table.ranks[i]
            length[Int(table.ranks[i])] = Int32(bytes.count)
        }
        // longest proper prefix token of each token
        for i in 0..<table.count {
            let bytes = table.tokenBytes(i)
            var node = 0
            var best = noRank
            for (k, b) in bytes.enumerated() {
                if k > 0 && nodeRank[node] != noRank { best = nodeRank[node] }
                node = BacktrackTables.child(childSlots, childMask, node, b)!
            }
            nextPrefix[Int(table.ranks[i])] = best
        }
        // merge pairs, in rank order
        depth2 = .allocate(capacity: 65536)
        depth2.initialize(repeating: -1, count: 65536)
        for b0 in 0..<256 {
            guard let n1 = BacktrackTables.child(childSlots, childMask, 0, UInt8(b0)) else { continue }
            for b1 in 0..<256 {
                if let n2 = BacktrackTables.child(childSlots, childMask, n1, UInt8(b1)) {
                    depth2[b0 << 8 | b1] = Int32(n2)
                }
            }
        }
        var proper = true
        for r in 0..<ranks {
            let index = table.byRank[r]
            if index == UInt32.max { continue }
            let bytes = table.tokenBytes(Int(index))
            if bytes.count == 1 { continue }
            var t1 = nextPrefix[r]
            var found = false
            while t1 != noRank {
                let l1 = Int(length[Int(t1)])
                let t2 = table.rank(bytes.baseAddress! + l1, bytes.count - l1)
                if t2 != noRank && Int(t1) < r && Int(t2) < r
                    && BacktrackTables.isValidPair(t1, t2, splitLeft, splitRight, pairSlots, pairMask) {
                    BacktrackTables.insertPair(pairSlots, pairMask, t1, t2, UInt32(r))
                    splitLeft[r] = t1
                    splitRight[r] = t2
                    found = true
                    break
                }
                t1 = nextPrefix[Int(t1)]
            }
            if !found { proper = false }
        }
        for b in 0..<256 where table.byteRanks[b] == noRank { proper = false }
        self.proper = proper
    }

    deinit {
        childSlots.deallocate(); nodeRank.deallocate(); length.deallocate()
        depth2.deallocate()
        nextPrefix.deallocate(); splitLeft.deallocate(); splitRight.deallocate()
        pairSlots.deallocate()
    }

    @inline(__always)
    static func mix(_ key: UInt64) -> Int {
        var h = key &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 31
        return Int(truncatingIfNeeded: h)
    }

    @inline(__always)
    static func child(_ slots: UnsafeMutablePointer<UInt64>, _ mask: Int, _ node: Int, _ byte: UInt8) -> Int? {
        let key = UInt64(node) << 8 | UInt64(byte)
        let tag = (key &+ 1) << 32
        var i = mix(key) & mask
        while true {
            let s = slots[i]
            if s & 0xFFFF_FFFF_0000_0000 == tag { return Int(truncatingIfNeeded: s & 0xFFFF_FFFF) }
            if s == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    static func insertChild(_ slots: UnsafeMutablePointer<UInt64>, _ mask: Int, _ node: Int, _ byte: UInt8, _ child: Int) {
        let key = UInt64(node) << 8 | UInt64(byte)
        var i = mix(key) & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = (key &+ 1) << 32 | UInt64(child)
    }

    @inline(__always)
    static func pair(_ slots: UnsafeMutablePointer<PairSlot>, _ mask: Int, _ a: UInt32, _ b: UInt32) -> UInt32 {
        let key = UInt64(a) << 32 | UInt64(b)
        var i = mix(key) & mask
        while true {
            let s = slots[i]
            if s.key == key { return s.value }
            if s.key == .max { return noRank }
            i = (i + 1) & mask
        }
    }

    static func insertPair(_ slots: UnsafeMutablePointer<PairSlot>, _ mask: Int, _ a: UInt32, _ b: UInt32, _ value: UInt32) {
        let key = UInt64(a) << 32 | UInt64(b)
        var i = mix(key) & mask
        while slots[i].key != .max && slots[i].key != key { i = (i + 1) & mask }
        slots[i] = PairSlot(key: key, value: value)
    }

    /// Whether BPE keeps tokens t1 t2 side by side (no merge across their boundary happens
    /// before both are complete): replays their merges in reverse, and fails when a merge
    /// across the boundary ranks below the merges still to undo.
    @inline(__always)
    static func isValidPair(_ a: UInt32, _ b: UInt32, _ left: UnsafeMutablePointer<UInt32>,
                            _ right: UnsafeMutablePointer<UInt32>, _ slots: UnsafeMutablePointer<PairSlot>,
                            _ mask: Int) -> Bool {
        var t1 = a
        var t2 = b
        var limit = UInt32.max
        while true {
            let combined = pair(slots, mask, t1, t2)
            if combined != noRank && combined < limit { return false }
            if t1 > t2 {
                limit = t1
                t1 = right[Int(t1)]
                if t1 == limit {
                    limit = t2 &+ 1
                    t2 = left[Int(t2)]
                    if t2 &+ 1 == limit { return true }
                }
            } else {
                limit = t2 &+ 1
                t2 = left[Int(t2)]
                if t2 &+ 1 == limit {
                    limit = t1
                    t1 = right[Int(t1)]
                    if t1 == limit { return true }
                }
            }
        }
    }

    @inline(__always)
    func isValidPair(_ a: UInt32, _ b: UInt32) -> Bool {
        BacktrackTables.isValidPair(a, b, splitLeft, splitRight, pairSlots, pairMask)
    }

    @inline(__always)
    func singleByteRank(_ b: UInt8) -> UInt32 {
        guard let node = BacktrackTables.child(childSlots, childMask, 0, b) else { return noRank }
        return nodeRank[node]
    }

    /// The longest token at p[i..<n].
    @inline(__always)
    func longestMatch(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> UInt32 {
        var node = 0
        var best = noRank
        var j = i
        if i + 1 < n {
            let two = Int(depth2[Int(p[i]) << 8 | Int(p[i + 1])])
            if two >= 0 {
                node = two
                j = i + 2
                best = nodeRank[node]
                if best == noRank { best = singleByteRank(p[i]) }
            }
        }
        while j < n, let next = BacktrackTables.child(childSlots, childMask, node, p[j]) {
            node = next
            j += 1
            let r = nodeRank[node]
            if r != noRank { best = r }
        }
        return best
    }

    /// Appends the BPE tokens of p[0..<n]; false if it could not (then nothing was appended).
    func encode(_ p: UnsafePointer<UInt8>, _ n: Int, into out: inout [UInt32]) -> Bool {
        let words = (n + 1 + 63) / 64
        let reachable = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
        reachable.initialize(repeating: .max, count: words)
        defer { reachable.deallocate() }
        var tokens: [UInt32] = []
        tokens.reserveCapacity(n / 2 + 16)
        var pos = 0
        var next = longestMatch(p, 0, n)
        while next != noRank {
            var token = next
            let last = tokens.last
            while true {
                let end = pos + Int(length[Int(token)])
                if reachable[end >> 6] & (1 << UInt64(end & 63)) != 0 && (last == nil || isValidPair(last!, token)) {
                    tokens.append(token)
                    pos = end
                    next = pos < n ? longestMatch(p, pos, n) : noRank
                    break
                }
                let shorter = nextPrefix[Int(token)]
                if shorter != noRank {
                    token = shorter
                    continue
                }
                guard let last else { return false }
                reachable[pos >> 6] &= ~(1 << UInt64(pos & 63))
                tokens.removeLast()
                pos -= Int(length[Int(last)])
                next = last
                break
            }
        }
        guard pos == n else { return false }
        out.append(contentsOf: tokens)
        return true
    }
}

struct PairSlot {
    var key: UInt64
    var value: UInt32
}

/// The tables, built once per RankTable on first use.
final class BacktrackCache: Sendable {
    private let state = Mutex<BacktrackTables?>(nil)

    func tables(_ table: RankTable) -> BacktrackTables {
        state.withLock { state in
            if let built = state { return built }
            let built = BacktrackTables(table)
            state = built
            return built
        }
    }
}
