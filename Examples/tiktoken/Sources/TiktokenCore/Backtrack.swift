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
    // trie: children in an open-addressing table keyed by node << 8 | byte
    let childKeys: UnsafeMutablePointer<UInt64>
    let childValues: UnsafeMutablePointer<Int32>
    let childMask: Int
    let nodeRank: UnsafeMutablePointer<UInt32>
    // by rank
    let length: UnsafeMutablePointer<Int32>
    let nextPrefix: UnsafeMutablePointer<UInt32>
    let splitLeft: UnsafeMutablePointer<UInt32>
    let splitRight: UnsafeMutablePointer<UInt32>
    // merge pair (left << 32 | right) -> rank
    let pairKeys: UnsafeMutablePointer<UInt64>
    let pairValues: UnsafeMutablePointer<UInt32>
    let pairMask: Int

    init(_ table: RankTable) {
        let ranks = table.maxRank + 1
        var totalBytes = 0
        for i in 0..<table.count { totalBytes += table.tokenBytes(i).count }
        var capacity = 16
        while capacity < 2 * (totalBytes + 1) { capacity <<= 1 }
        childMask = capacity - 1
        childKeys = .allocate(capacity: capacity)
        childKeys.initialize(repeating: .max, count: capacity)
        childValues = .allocate(capacity: capacity)
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
        pairKeys = .allocate(capacity: pc)
        pairKeys.initialize(repeating: .max, count: pc)
        pairValues = .allocate(capacity: pc)

        var nodes = 1
        for i in 0..<table.count {
            let bytes = table.tokenBytes(i)
            var node = 0
            for b in bytes {
                if let child = BacktrackTables.child(childKeys, childValues, childMask, node, b) {
                    node = child
                } else {
                    BacktrackTables.insertChild(childKeys, childValues, childMask, node, b, nodes)
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
                node = BacktrackTables.child(childKeys, childValues, childMask, node, b)!
            }
            nextPrefix[Int(table.ranks[i])] = best
        }
        // merge pairs, in rank order
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
                    && BacktrackTables.isValidPair(t1, t2, splitLeft, splitRight, pairKeys, pairValues, pairMask) {
                    BacktrackTables.insertPair(pairKeys, pairValues, pairMask, t1, t2, UInt32(r))
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
        childKeys.deallocate(); childValues.deallocate(); nodeRank.deallocate(); length.deallocate()
        nextPrefix.deallocate(); splitLeft.deallocate(); splitRight.deallocate()
        pairKeys.deallocate(); pairValues.deallocate()
    }

    @inline(__always)
    static func mix(_ key: UInt64) -> Int {
        var h = key &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 31
        return Int(truncatingIfNeeded: h)
    }

    @inline(__always)
    static func child(_ keys: UnsafeMutablePointer<UInt64>, _ values: UnsafeMutablePointer<Int32>, _ mask: Int,
                      _ node: Int, _ byte: UInt8) -> Int? {
        let key = UInt64(node) << 8 | UInt64(byte)
        var i = mix(key) & mask
        while true {
            let k = keys[i]
            if k == key { return Int(values[i]) }
            if k == .max { return nil }
            i = (i + 1) & mask
        }
    }

    static func insertChild(_ keys: UnsafeMutablePointer<UInt64>, _ values: UnsafeMutablePointer<Int32>, _ mask: Int,
                            _ node: Int, _ byte: UInt8, _ child: Int) {
        let key = UInt64(node) << 8 | UInt64(byte)
        var i = mix(key) & mask
        while keys[i] != .max { i = (i + 1) & mask }
        keys[i] = key
        values[i] = Int32(child)
    }

    @inline(__always)
    static func pair(_ keys: UnsafeMutablePointer<UInt64>, _ values: UnsafeMutablePointer<UInt32>, _ mask: Int,
                     _ a: UInt32, _ b: UInt32) -> UInt32 {
        let key = UInt64(a) << 32 | UInt64(b)
        var i = mix(key) & mask
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == .max { return noRank }
            i = (i + 1) & mask
        }
    }

    static func insertPair(_ keys: UnsafeMutablePointer<UInt64>, _ values: UnsafeMutablePointer<UInt32>, _ mask: Int,
                           _ a: UInt32, _ b: UInt32, _ value: UInt32) {
        let key = UInt64(a) << 32 | UInt64(b)
        var i = mix(key) & mask
        while keys[i] != .max && keys[i] != key { i = (i + 1) & mask }
        keys[i] = key
        values[i] = value
    }

    /// Whether BPE keeps tokens t1 t2 side by side (no merge across their boundary happens
    /// before both are complete): replays their merges in reverse, and fails when a merge
    /// across the boundary ranks below the merges still to undo.
    @inline(__always)
    static func isValidPair(_ a: UInt32, _ b: UInt32, _ left: UnsafeMutablePointer<UInt32>,
                            _ right: UnsafeMutablePointer<UInt32>, _ keys: UnsafeMutablePointer<UInt64>,
                            _ values: UnsafeMutablePointer<UInt32>, _ mask: Int) -> Bool {
        var t1 = a
        var t2 = b
        var limit = UInt32.max
        while true {
            let combined = pair(keys, values, mask, t1, t2)
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
        BacktrackTables.isValidPair(a, b, splitLeft, splitRight, pairKeys, pairValues, pairMask)
    }

    /// The longest token at p[i..<n].
    @inline(__always)
    func longestMatch(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> UInt32 {
        var node = 0
        var best = noRank
        var j = i
        while j < n, let next = BacktrackTables.child(childKeys, childValues, childMask, node, p[j]) {
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
