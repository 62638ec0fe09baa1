#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// Byte-pair merge of one piece, with tiktoken's exact rule: repeatedly merge the adjacent pair
// whose concatenated bytes have the lowest rank, the leftmost one on a tie, until no pair is a
// token. Short pieces use tiktoken's own O(n^2) scan over a flat array (fastest for the few
// dozen bytes most pieces have); long pieces a min-heap of (rank, start) over a linked list of
// parts, O(n log n), which gives the same merges in the same order: the heap's order is
// (rank, start), and starts increase from left to right.

extension RankTable {
    /// Pieces of at most this many bytes use the flat scan.
    static let shortPiece = 192
    /// `SWIFT_TIKTOKEN_LONG_MERGE=buckets` in the environment turns the backtracking encoder off
    /// (read once), for comparisons.
    static let useBacktracking: Bool = {
        guard let value = getenv("SWIFT_TIKTOKEN_LONG_MERGE") else { return true }
        return String(cString: value) != "buckets"
    }()
    /// Pieces of at least this many bytes use the backtracking encoder, or the rank buckets.
    static let bucketPiece = 4096

    /// Appends the tokens of `piece` (bytes p[0..<n], n >= 2, not itself a token) to `out`;
    /// returns false if a final part has no rank (a table without some single byte).
    @inline(__always)
    func merge(_ p: UnsafePointer<UInt8>, _ n: Int, into out: inout [UInt32]) -> Bool {
        if n <= RankTable.shortPiece { return mergeShort(p, n, into: &out) }
        if n < RankTable.bucketPiece { return mergeLong(p, n, into: &out) }
        if RankTable.useBacktracking {
            let tables = backtrack.tables(self)
            if tables.proper && tables.encode(p, n, into: &out) { return true }
        }
        return mergeBuckets(p, n, into: &out)
    }

    func mergeShort(_ p: UnsafePointer<UInt8>, _ n: Int, into out: inout [UInt32]) -> Bool {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: n + 1) { starts in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: n + 1) { pr in
                var count = n + 1
                var minRank = noRank
                var minIndex = 0
                for i in 0..<(n - 1) {
                    let r = pairRanks[Int(p[i]) << 8 | Int(p[i + 1])]
                    if r < minRank { minRank = r; minIndex = i }
                    pr[i] = r
                    starts[i] = Int32(i)
                }
                starts[n - 1] = Int32(n - 1); pr[n - 1] = noRank
                starts[n] = Int32(n); pr[n] = noRank
                while minRank != noRank {
                    let i = minIndex
                    if i > 0 {
                        pr[i - 1] = i + 2 < count
                            ? rank(p + Int(starts[i - 1]), Int(starts[i + 2] - starts[i - 1])) : noRank
                    }
                    pr[i] = i + 3 < count ? rank(p + Int(starts[i]), Int(starts[i + 3] - starts[i])) : noRank
                    // remove part i + 1
                    var k = i + 1
                    while k < count - 1 {
                        starts[k] = starts[k + 1]
                        pr[k] = pr[k + 1]
                        k += 1
                    }
                    count -= 1
                    minRank = noRank
                    for j in 0..<(count - 1) where pr[j] < minRank {
                        minRank = pr[j]; minIndex = j
                    }
                }
                var ok = true
                for j in 0..<(count - 1) {
                    let r = rank(p + Int(starts[j]), Int(starts[j + 1] - starts[j]))
                    if r == noRank { ok = false }
                    out.append(r)
                }
                return ok
            }
        }
    }

    func mergeLong(_ p: UnsafePointer<UInt8>, _ n: Int, into out: inout [UInt32]) -> Bool {
        // Parts are identified by their start; next[s] is the start of the following part (n at
        // the end), prev[s] the start of the one before (-1 first). pairRank[s] is the rank of
        // the part at s joined with its successor, noRank if none or not a token. A removed part
        // has next[s] = -1.
        let next = UnsafeMutablePointer<Int32>.allocate(capacity: n + 1)
        let prev = UnsafeMutablePointer<Int32>.allocate(capacity: n + 1)
        let pairRank = UnsafeMutablePointer<UInt32>.allocate(capacity: n + 1)
        var heap = MinHeap(capacity: n)
        defer { next.deallocate(); prev.deallocate(); pairRank.deallocate(); heap.deallocate() }
        for i in 0...n {
            next[i] = Int32(i + 1)
            prev[i] = Int32(i - 1)
            pairRank[i] = noRank
        }
        for i in 0..<(n - 1) {
            let r = pairRanks[Int(p[i]) << 8 | Int(p[i + 1])]
            pairRank[i] = r
            if r != noRank { heap.push(UInt64(r) << 32 | UInt64(i)) }
        }
        @inline(__always) func pairAt(_ s: Int) -> UInt32 {
            let b = Int(next[s])
            if b >= n { return noRank }
            let c = Int(next[b])
            return rank(p + s, c - s)
        }
        while let top = heap.pop() {
            let r = UInt32(truncatingIfNeeded: top >> 32)
            let s = Int(truncatingIfNeeded: top & 0xFFFF_FFFF)
            if next[s] < 0 || pairRank[s] != r { continue }   // stale
            let b = Int(next[s])
            let c = Int(next[b])
            // merge part s with part b
            next[s] = Int32(c)
            if c <= n { prev[c] = Int32(s) }
            next[b] = -1
            pairRank[b] = noRank
            let nr = pairAt(s)
            pairRank[s] = nr
            if nr != noRank { heap.push(UInt64(nr) << 32 | UInt64(s)) }
            let a = Int(prev[s])
            if a >= 0 {
                let ar = pairAt(a)
                pairRank[a] = ar
                if ar != noRank { heap.push(UInt64(ar) << 32 | UInt64(a)) }
            }
        }
        var ok = true
        var s = 0
        while s < n {
            let e = Int(next[s])
            let r = rank(p + s, e - s)
            if r == noRank { ok = false }
            out.append(r)
            s = e
        }
        return ok
    }
}

extension RankTable {
    /// The same merges without a heap, for very long pieces: pairs wait in one bucket per rank,
    /// and the buckets are taken in rank order. A merge of rank r only creates pairs of longer
    /// byte strings, so of other ranks: when bucket r is taken, all its pairs are known, and
    /// merging its valid ones from left to right is what the leftmost-lowest rule does. If a
    /// merge creates a pair of a lower rank (possible only in a table whose ranks are not a
    /// merge order), the rest of bucket r goes back and the lower bucket is taken first.
    func mergeBuckets(_ p: UnsafePointer<UInt8>, _ n: Int, into out: inout [UInt32]) -> Bool {
        let next = UnsafeMutablePointer<Int32>.allocate(capacity: n + 1)
        let prev = UnsafeMutablePointer<Int32>.allocate(capacity: n + 1)
        let pairRank = UnsafeMutablePointer<UInt32>.allocate(capacity: n + 1)
        let buckets = maxRank + 1
        // head[r]: 1 + index of the newest entry of rank r, 0 = empty (calloc: only the pages
        // touched cost anything).
        let head = calloc(buckets, MemoryLayout<Int32>.stride)!.bindMemory(to: Int32.self, capacity: buckets)
        var entryCapacity = 3 * n + 16
        var entryPos = UnsafeMutablePointer<Int32>.allocate(capacity: entryCapacity)
        var entryNext = UnsafeMutablePointer<Int32>.allocate(capacity: entryCapacity)
        var entryCount = 0
        var list = UnsafeMutablePointer<Int32>.allocate(capacity: 64)
        var listCapacity = 64
        defer {
            next.deallocate(); prev.deallocate(); pairRank.deallocate(); free(head)
            entryPos.deallocate(); entryNext.deallocate(); list.deallocate()
        }
        var lowest = Int.max      // lowest rank pushed
        var highest = -1
        @inline(__always) func push(_ r: UInt32, _ s: Int) {
            if entryCount == entryCapacity {
                let newCapacity = entryCapacity * 2
                let a = UnsafeMutablePointer<Int32>.allocate(capacity: newCapacity)
                a.moveInitialize(from: entryPos, count: entryCount); entryPos.deallocate(); entryPos = a
                let b = UnsafeMutablePointer<Int32>.allocate(capacity: newCapacity)
                b.moveInitialize(from: entryNext, count: entryCount); entryNext.deallocate(); entryNext = b
                entryCapacity = newCapacity
            }
            let ri = Int(r)
            entryPos[entryCount] = Int32(s)
            entryNext[entryCount] = head[ri]
            entryCount += 1
            head[ri] = Int32(entryCount)
            if ri < lowest { lowest = ri }
            if ri > highest { highest = ri }
        }
        for i in 0...n {
            next[i] = Int32(i + 1)
            prev[i] = Int32(i - 1)
            pairRank[i] = noRank
        }
        for i in 0..<(n - 1) {
            let r = pairRanks[Int(p[i]) << 8 | Int(p[i + 1])]
            pairRank[i] = r
            if r != noRank { push(r, i) }
        }
        @inline(__always) func pairAt(_ s: Int) -> UInt32 {
            let b = Int(next[s])
            if b >= n { return noRank }
            return rank(p + s, Int(next[b]) - s)
        }
        var r = lowest
        while r <= highest {
            if head[r] == 0 { r += 1; continue }
            // take bucket r: its valid entries, by position
            var count = 0
            var e = Int(head[r])
            head[r] = 0
            while e != 0 {
                let s = Int(entryPos[e - 1])
                if next[s] >= 0 && pairRank[s] == UInt32(r) {
                    if count == listCapacity {
                        let bigger = UnsafeMutablePointer<Int32>.allocate(capacity: listCapacity * 2)
                        bigger.moveInitialize(from: list, count: count); list.deallocate(); list = bigger
                        listCapacity *= 2
                    }
                    list[count] = Int32(s)
                    count += 1
                }
                e = Int(entryNext[e - 1])
            }
            var items = UnsafeMutableBufferPointer(start: list, count: count)
            items.reverse()
            var sorted = true
            var k = 1
            while k < count { if items[k - 1] > items[k] { sorted = false; break }; k += 1 }
            if !sorted { items.sort() }
            lowest = Int.max
            var interruptedAt = -1
            for k in 0..<count {
                let s = Int(items[k])
                if next[s] < 0 || pairRank[s] != UInt32(r) { continue }
                let b = Int(next[s])
                let c = Int(next[b])
                next[s] = Int32(c)
                if c <= n { prev[c] = Int32(s) }
                next[b] = -1
                pairRank[b] = noRank
                let nr = pairAt(s)
                pairRank[s] = nr
                if nr != noRank { push(nr, s) }
                let a = Int(prev[s])
                if a >= 0 {
                    let ar = pairAt(a)
                    pairRank[a] = ar
                    if ar != noRank { push(ar, a) }
                }
                if lowest < r { interruptedAt = k + 1; break }
            }
            if interruptedAt >= 0 {
                // a lower rank appeared: the rest of this bucket waits
                for k in interruptedAt..<count { push(UInt32(r), Int(items[k])) }
                r = lowest
            } else {
                r += 1
            }
        }
        var ok = true
        var s = 0
        while s < n {
            let e = Int(next[s])
            let rk = rank(p + s, e - s)
            if rk == noRank { ok = false }
            out.append(rk)
            s = e
        }
        return ok
    }
}

/// A binary min-heap of UInt64 keys.
struct MinHeap {
    var items: UnsafeMutablePointer<UInt64>
    var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(16, capacity)
        items = .allocate(capacity: self.capacity)
    }

    func deallocate() { items.deallocate() }

    @inline(__always)
    mutating func push(_ key: UInt64) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: items, count: count)
            items.deallocate()
            items = bigger
            capacity *= 2
        }
        var i = count
        count += 1
        while i > 0 {
            let parent = (i - 1) >> 1
            let pk = items[parent]
            if pk <= key { break }
            items[i] = pk
            i = parent
        }
        items[i] = key
    }

    @inline(__always)
    mutating func pop() -> UInt64? {
        guard count > 0 else { return nil }
        let top = items[0]
        count -= 1
        if count > 0 {
            let key = items[count]
            var i = 0
            while true {
                let l = 2 * i + 1
                if l >= count { break }
                var c = l
                if l + 1 < count && items[l + 1] < items[l] { c = l + 1 }
                if items[c] >= key { break }
                items[i] = items[c]
                i = c
            }
            items[i] = key
        }
        return top
    }
}
