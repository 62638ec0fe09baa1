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
//
// Its cost is cache misses (a few table lookups per token, on data that does not fit in L2), so
// the tables are laid out for them: the trie numbered breadth first, a node's children side by
// side and searched eight labels per word; the merge pairs packed one word per slot at a load
// of 3/4, behind a 20-bit-per-pair filter that answers most "not a merge" lookups from cache;
// what the encoder reads of a token in one 16-byte record. On the yardstick's 1 MB random word
// this took the encoder from about 125 ms to about 60 ms (CPU time, loaded machine).

import Synchronization

final class BacktrackTables: @unchecked Sendable {
    let proper: Bool
    /// The trie of the tokens, numbered breadth first with each node's children in byte order,
    /// so that the children of node s are the nodes first[s] ..< first[s + 1] (`nodes[s].first`)
    /// and sit side by side in memory: the paths a text walks stay in cache.
    let nodes: UnsafeMutablePointer<TrieNode>
    /// The byte leading to each node (and 7 bytes of padding).
    let label: UnsafeMutablePointer<UInt8>
    /// The trie's nodes at depth 2 by their two bytes (-1: none).
    let depth2: UnsafeMutablePointer<Int32>
    /// Each byte's rank (noRank: none).
    let byteRank: UnsafeMutablePointer<UInt32>
    /// By rank: what the encoder reads of a token, side by side.
    let info: UnsafeMutablePointer<TokenInfo>
    /// The merge pairs: (left, right) -> the merged token's rank.
    let pairs: PairLookup

    init(_ table: RankTable) {
        let ranks = table.maxRank + 1
        var totalBytes = 0
        for i in 0..<table.count { totalBytes += table.tokenBytes(i).count }
        info = .allocate(capacity: ranks + 1)
        for r in 0...ranks {
            info[r] = TokenInfo(left: UInt32(r), right: UInt32(r), nextPrefix: noRank, length: 0)
        }
        var proper = true
        // 1. The trie from the tokens in byte order (a token comes right before its extensions):
        // each token adds nodes below its common prefix with the one before it, so a node's
        // children are made in byte order and a token's prefix tokens are on the current path.
        // No hashing: a hashed trie's random accesses took two thirds of this for 200k ranks.
        let sorted = BacktrackTables.sortedTokens(table)
        var parent = [Int32](repeating: -1, count: totalBytes + 1)
        var byte = [UInt8](repeating: 0, count: totalBytes + 1)
        var oldRank = [UInt32](repeating: noRank, count: totalBytes + 1)
        var firstChild = [Int32](repeating: -1, count: totalBytes + 1)
        var lastChild = [Int32](repeating: -1, count: totalBytes + 1)
        var nextSibling = [Int32](repeating: -1, count: totalBytes + 1)
        var maxLength = 0
        for i in 0..<table.count { maxLength = max(maxLength, table.tokenBytes(i).count) }
        // the current path: its node at each depth, and the deepest token on it at or above each depth
        var path = [Int32](repeating: 0, count: maxLength + 1)
        var pathBest = [UInt32](repeating: noRank, count: maxLength + 1)
        var count = 1
        var previous = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        for index in sorted {
            let i = Int(index)
            let bytes = table.tokenBytes(i)
            var common = 0
            let limit = min(previous.count, bytes.count)
            while common < limit && previous[common] == bytes[common] { common += 1 }
            var node = Int(path[common])
            for k in common..<bytes.count {
                let child = count
                count += 1
                parent[child] = Int32(node)
                byte[child] = bytes[k]
                if lastChild[node] < 0 { firstChild[node] = Int32(child) } else { nextSibling[Int(lastChild[node])] = Int32(child) }
                lastChild[node] = Int32(child)
                path[k + 1] = Int32(child)
                pathBest[k + 1] = pathBest[k]
                node = child
            }
            let r = table.ranks[i]
            oldRank[node] = r
            info[Int(r)].length = UInt32(bytes.count)
            info[Int(r)].nextPrefix = pathBest[bytes.count - 1]
            pathBest[bytes.count] = r
            previous = bytes
        }
        // 2. Breadth-first numbering, each node's children side by side in byte order.
        var newID = [Int32](repeating: 0, count: count)
        var order = [Int32](repeating: 0, count: count)   // new -> old
        var next = 1
        var head = 0
        while head < next {
            var c = firstChild[Int(order[head])]
            while c >= 0 {
                newID[Int(c)] = Int32(next)
                order[next] = c
                next += 1
                c = nextSibling[Int(c)]
            }
            head += 1
        }
        nodes = .allocate(capacity: count + 1)
        label = .allocate(capacity: count + 8)   // padded for the word loads
        label.initialize(repeating: 0, count: count + 8)
        var childCount = [Int32](repeating: 0, count: count)
        for node in 1..<count { childCount[Int(newID[Int(parent[node])])] += 1 }
        var first: UInt32 = 1
        for s in 0..<count {
            let old = Int(order[s])
            nodes[s] = TrieNode(first: first, rank: oldRank[old])
            if s > 0 { label[s] = byte[old] }
            first += UInt32(childCount[s])
        }
        nodes[count] = TrieNode(first: first, rank: noRank)
        depth2 = .allocate(capacity: 65536)
        depth2.initialize(repeating: -1, count: 65536)
        byteRank = .allocate(capacity: 256)
        for b in 0..<256 { byteRank[b] = table.byteRanks[b] }
        for c1 in Int(nodes[0].first)..<Int(nodes[1].first) {
            for c2 in Int(nodes[c1].first)..<Int(nodes[c1 + 1].first) {
                depth2[Int(label[c1]) << 8 | Int(label[c2])] = Int32(c2)
            }
        }
        // 3. Merge pairs, in rank order: each token's split is the first (longest left part)
        // that BPE would itself make.
        let packs = table.maxRank < BacktrackTables.packedLimit
        if !packs { proper = false }
        let lookup = PairLookup(capacity: packs ? table.count : 0)
        pairs = lookup
        for r in 0..<ranks where packs {
            let index = table.byRank[r]
            if index == UInt32.max { continue }
            let bytes = table.tokenBytes(Int(index))
            if bytes.count == 1 { continue }
            var t1 = info[r].nextPrefix
            var found = false
            while t1 != noRank {
                let l1 = Int(info[Int(t1)].length)
                let t2 = table.rank(bytes.baseAddress! + l1, bytes.count - l1)
                if t2 != noRank && Int(t1) < r && Int(t2) < r
                    && BacktrackTables.isValidPair(t1, t2, info, lookup) {
                    lookup.insert(t1, t2, UInt32(r))
                    info[r].left = t1
                    info[r].right = t2
                    found = true
                    break
                }
                t1 = info[Int(t1)].nextPrefix
            }
            if !found { proper = false }
        }
        for b in 0..<256 where table.byteRanks[b] == noRank { proper = false }
        self.proper = proper
    }

    deinit {
        nodes.deallocate(); label.deallocate(); depth2.deallocate(); byteRank.deallocate()
        info.deallocate(); pairs.deallocate()
    }

    /// Ranks are packed in 21 bits in the pair table; tables with larger ranks use the
    /// bucket merge (every public table has fewer than 2**21 tokens).
    static let packedLimit = (1 << 21) - 1

    @inline(__always)
    static func mix(_ key: UInt64) -> Int {
        var h = key &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 31
        return Int(truncatingIfNeeded: h)
    }

    /// The table's token indices in byte order (shorter first on a common prefix): sorted by
    /// their first eight bytes as one integer, then ties by the whole tokens.
    static func sortedTokens(_ table: RankTable) -> [UInt32] {
        var keys = [(UInt64, UInt32)]()
        keys.reserveCapacity(table.count)
        for i in 0..<table.count {
            let bytes = table.tokenBytes(i)
            var key: UInt64 = 0
            for k in 0..<8 { key = key << 8 | UInt64(k < bytes.count ? bytes[k] : 0) }
            keys.append((key, UInt32(i)))
        }
        keys.sort { x, y in
            if x.0 != y.0 { return x.0 < y.0 }
            return table.tokenBytes(Int(x.1)).lexicographicallyPrecedes(table.tokenBytes(Int(y.1)))
        }
        return keys.map { $0.1 }
    }

    /// Whether BPE keeps tokens t1 t2 side by side (no merge across their boundary happens
    /// before both are complete): replays their merges in reverse, and fails when a merge
    /// across the boundary ranks below the merges still to undo.
    @inline(__always)
    static func isValidPair(_ a: UInt32, _ b: UInt32, _ info: UnsafeMutablePointer<TokenInfo>,
                            _ pairs: PairLookup) -> Bool {
        var t1 = a
        var t2 = b
        var limit = UInt32.max
        while true {
            let combined = pairs.pair(t1, t2)
            if combined != noRank && combined < limit { return false }
            // unwind the higher-ranked side (t1 on a tie goes second: t2 + 1), or the other one
            // when that side is a single byte; written as selects, not branches, since which
            // side goes next is a coin flip on a random text
            let r1 = info[Int(t1)].right
            let l2 = info[Int(t2)].left
            let can1 = r1 != t1
            let can2 = l2 != t2
            if !can1 && !can2 { return true }
            let first = can1 && (!can2 || t1 > t2)
            limit = first ? t1 : t2 &+ 1
            t1 = first ? r1 : t1
            t2 = first ? t2 : l2
        }
    }

    @inline(__always)
    func isValidPair(_ a: UInt32, _ b: UInt32) -> Bool {
        BacktrackTables.isValidPair(a, b, info, pairs)
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
                best = nodes[node].rank
                if best == noRank { best = byteRank[Int(p[i])] }
            }
        }
        while j < n {
            // node's children: labels first ..< end, eight compared per word (SWAR: the lowest
            // zero byte of label ^ b is exact)
            var c = Int(nodes[node].first)
            let end = Int(nodes[node + 1].first)
            let pattern = UInt64(p[j]) &* 0x0101_0101_0101_0101
            var found = -1
            while c < end {
                let x = UnsafeRawPointer(label + c).loadUnaligned(as: UInt64.self) ^ pattern
                let zero = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
                if zero != 0 {
                    let k = c + zero.trailingZeroBitCount >> 3
                    if k < end { found = k }
                    break
                }
                c += 8
            }
            if found < 0 { break }
            node = found
            j += 1
            let r = nodes[found].rank
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
                let t = info[Int(token)]
                let end = pos + Int(t.length)
                if reachable[end >> 6] & (1 << UInt64(end & 63)) != 0 && (last == nil || isValidPair(last!, token)) {
                    tokens.append(token)
                    pos = end
                    next = pos < n ? longestMatch(p, pos, n) : noRank
                    break
                }
                let shorter = t.nextPrefix
                if shorter != noRank {
                    token = shorter
                    continue
                }
                guard let last else { return false }
                reachable[pos >> 6] &= ~(1 << UInt64(pos & 63))
                tokens.removeLast()
                pos -= Int(info[Int(last)].length)
                next = last
                break
            }
        }
        guard pos == n else { return false }
        out.append(contentsOf: tokens)
        return true
    }
}

/// A trie node: where its children start (they end where the next node's start) and the rank
/// of the token it spells (noRank if none).
struct TrieNode {
    var first: UInt32
    var rank: UInt32
}

/// What the backtracking encoder reads of one token.
struct TokenInfo {
    /// The merge pair (both the token itself for a single byte or a token that is no merge).
    var left: UInt32
    var right: UInt32
    /// The longest token that is a proper prefix of this one, or noRank.
    var nextPrefix: UInt32
    var length: UInt32
}

/// The merge pairs by hash: left << 42 | right << 21 | rank per slot (`.max` = empty), behind a
/// bit filter small enough to stay in cache (most pairs the encoder asks about are not merges).
struct PairLookup {
    let slots: UnsafeMutablePointer<UInt64>
    let mask: Int
    let filter: UnsafeMutablePointer<UInt64>
    let filterMask: Int
    /// Pairs of ranks below 256 (the single bytes, in BPE-trained tables) directly: every
    /// `isValidPair` walk ends on the two bytes at the boundary, and a random text's bytes are
    /// a few dozen, so these stay in L1 where a hashed lookup would miss.
    let small: UnsafeMutablePointer<UInt32>

    init(capacity: Int) {
        var c = 16
        while c < capacity + capacity / 4 + 1 { c <<= 1 }
        mask = c - 1
        slots = .allocate(capacity: c)
        slots.initialize(repeating: .max, count: c)
        // 20 to 40 bits per pair (a power of two): one bit tested per lookup, 1 in 20 to 40
        // false positives (10 bits per pair was 10 % slower on the 1 MB word: more slot misses)
        var bits = 1 << 12
        while bits < 20 * capacity { bits <<= 1 }
        filterMask = bits - 1
        filter = .allocate(capacity: bits / 64)
        filter.initialize(repeating: 0, count: bits / 64)
        small = .allocate(capacity: 65536)
        small.initialize(repeating: noRank, count: 65536)
    }

    func deallocate() { slots.deallocate(); filter.deallocate(); small.deallocate() }

    @inline(__always)
    func pair(_ a: UInt32, _ b: UInt32) -> UInt32 {
        if a | b < 256 { return small[Int(a) << 8 | Int(b)] }
        let key = UInt64(a) << 42 | UInt64(b) << 21
        let h = BacktrackTables.mix(key)
        let bit = (h >> 40) & filterMask
        if filter[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return noRank }
        var i = h & mask
        while true {
            let s = slots[i]
            if s & ~0x1F_FFFF == key { return UInt32(truncatingIfNeeded: s & 0x1F_FFFF) }
            if s == .max { return noRank }
            i = (i + 1) & mask
        }
    }

    func insert(_ a: UInt32, _ b: UInt32, _ value: UInt32) {
        if a | b < 256 { small[Int(a) << 8 | Int(b)] = value }
        let key = UInt64(a) << 42 | UInt64(b) << 21
        let h = BacktrackTables.mix(key)
        let bit = (h >> 40) & filterMask
        filter[bit >> 6] |= 1 << UInt64(bit & 63)
        var i = h & mask
        while slots[i] != .max && slots[i] & ~0x1F_FFFF != key { i = (i + 1) & mask }
        slots[i] = key | UInt64(value)
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
