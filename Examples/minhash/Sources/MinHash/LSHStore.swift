// The storage behind `RMinHashLSH`: per band an open-addressing table from band hash to bucket,
// and a table from key to its row of band hashes. Plain Swift with manually managed buffers, so
// that the hot paths do no SipHash, no per-bucket allocation and no copy-on-write checks.

/// One slot of a `HashSlotTable`: a 64-bit hash (a band hash, or a key) and its value.
struct HashSlot {
    var hash: UInt64
    var value: UInt64
}

/// A linear-probing hash table from a 64-bit hash to a 64-bit value, with backward-shift deletion
/// (no tombstones). Each slot has a tag byte: 0 when empty, otherwise `occupied`, a 6-bit
/// fragment of the mixed hash (to skip most slots without reading them) and a free flag bit
/// (`flag`) for the owner's use. The buffers are not freed automatically: the owner calls
/// `deallocate()` exactly once.
struct HashSlotTable {
    static let occupied: UInt8 = 0x80
    /// The owner's bit: for band tables, "the value is an index into `LSHStore.lists`".
    static let flag: UInt8 = 0x40

    private(set) var slots: UnsafeMutablePointer<HashSlot>?
    private(set) var tags: UnsafeMutablePointer<UInt8>?
    /// A power of two, or 0 before the first insertion.
    private(set) var capacity = 0
    /// Occupied slots.
    private(set) var count = 0
    /// `64 - log2(capacity)`: the slot of a hash is the top bits of its mix.
    private var shift: UInt64 = 63

    /// Band hashes are already well mixed and keys usually are small integers: one xor-shift
    /// and a Fibonacci multiply spread both over the top bits.
    @inline(__always)
    static func mix(_ hash: UInt64) -> UInt64 {
        (hash ^ (hash &>> 32)) &* 0x9E37_79B9_7F4A_7C15
    }

    @inline(__always)
    static func tag(ofMixed mixed: UInt64) -> UInt8 {
        occupied | (UInt8(truncatingIfNeeded: mixed &>> 24) & 0x3F)
    }

    @inline(__always)
    func home(ofMixed mixed: UInt64) -> Int {
        Int(truncatingIfNeeded: mixed &>> shift)
    }

    /// The probe for `hash` (the table has slots): the slot holding it (`found`), else the empty
    /// slot where it goes, and the tag it takes there.
    @inline(__always)
    private func probe(_ hash: UInt64) -> (index: Int, found: Bool, tag: UInt8) {
        let slots = slots.unsafelyUnwrapped
        let tags = tags.unsafelyUnwrapped
        let mixed = Self.mix(hash)
        let wanted = Self.tag(ofMixed: mixed)
        let mask = capacity &- 1
        var index = home(ofMixed: mixed)
        while true {
            let tag = tags[index]
            if tag == 0 { return (index, false, wanted) }
            if tag & ~Self.flag == wanted && slots[index].hash == hash { return (index, true, wanted) }
            index = (index &+ 1) & mask
        }
    }

    /// The slot holding `hash`, or -1.
    @inline(__always)
    func find(_ hash: UInt64) -> Int {
        guard count > 0 else { return -1 }
        let (index, found, _) = probe(hash)
        return found ? index : -1
    }

    /// The slot holding `hash`, after adding it (with flag clear and value 0) if it was absent.
    @inline(__always)
    mutating func findOrInsert(_ hash: UInt64) -> (index: Int, inserted: Bool) {
        if count >= capacity &- capacity / 4 { grow() }
        let (index, found, tag) = probe(hash)
        if found { return (index, false) }
        tags.unsafelyUnwrapped[index] = tag
        slots.unsafelyUnwrapped[index] = HashSlot(hash: hash, value: 0)
        count &+= 1
        return (index, true)
    }

    @inline(__always)
    func value(at index: Int) -> UInt64 {
        slots.unsafelyUnwrapped[index].value
    }

    @inline(__always)
    func hash(at index: Int) -> UInt64 {
        slots.unsafelyUnwrapped[index].hash
    }

    @inline(__always)
    func setValue(_ value: UInt64, at index: Int) {
        slots.unsafelyUnwrapped[index].value = value
    }

    @inline(__always)
    func isFlagged(_ index: Int) -> Bool {
        tags.unsafelyUnwrapped[index] & Self.flag != 0
    }

    @inline(__always)
    func setFlag(_ on: Bool, at index: Int) {
        let tags = tags.unsafelyUnwrapped
        tags[index] = on ? tags[index] | Self.flag : tags[index] & ~Self.flag
    }

    @inline(__always)
    func isOccupied(_ index: Int) -> Bool {
        tags.unsafelyUnwrapped[index] != 0
    }

    /// Empties slot `index`, shifting later entries of its probe run back.
    mutating func delete(at index: Int) {
        let slots = slots.unsafelyUnwrapped
        let tags = tags.unsafelyUnwrapped
        let mask = capacity &- 1
        var hole = index
        var next = index
        while true {
            next = (next &+ 1) & mask
            let tag = tags[next]
            if tag == 0 { break }
            let home = home(ofMixed: Self.mix(slots[next].hash))
            // The entry may fill the hole if the hole lies on its probe path, home..<next.
            if (next &- home) & mask >= (next &- hole) & mask {
                tags[hole] = tag
                slots[hole] = slots[next]
                hole = next
            }
        }
        tags[hole] = 0
        count &-= 1
    }

    /// Makes room for `additional` more entries without growing.
    mutating func reserve(additional: Int) {
        let needed = count.addingReportingOverflow(additional)
        guard !needed.overflow, needed.partialValue > capacity &- capacity / 4 else { return }
        var newCapacity = Swift.max(8, capacity)
        while needed.partialValue > newCapacity - newCapacity / 4 {
            guard newCapacity <= Int.max / 4 else { return }
            newCapacity *= 2
        }
        grow(to: newCapacity)
    }

    private mutating func grow() {
        grow(to: Swift.max(8, capacity &* 2))
    }

    private mutating func grow(to newCapacity: Int) {
        let newSlots = UnsafeMutablePointer<HashSlot>.allocate(capacity: newCapacity)
        let newTags = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newTags.initialize(repeating: 0, count: newCapacity)
        let newShift = UInt64(64 - newCapacity.trailingZeroBitCount)
        let mask = newCapacity &- 1
        if let slots, let tags {
            for old in 0..<capacity where tags[old] != 0 {
                let slot = slots[old]
                var index = Int(truncatingIfNeeded: Self.mix(slot.hash) &>> newShift)
                while newTags[index] != 0 { index = (index &+ 1) & mask }
                newTags[index] = tags[old]
                (newSlots + index).initialize(to: slot)
            }
            slots.deallocate()
            tags.deallocate()
        }
        slots = newSlots
        tags = newTags
        capacity = newCapacity
        shift = newShift
    }

    func deallocate() {
        slots?.deallocate()
        tags?.deallocate()
    }
}

/// The contents of an `RMinHashLSH` index.
///
/// - `bands[b]` maps a band hash to its bucket: one key inline (flag clear), or (flag set) an
///   index into `lists`, the bucket's keys in insertion order (any length, even 0 or 1 after
///   a restored state). Empty until the first insert or a restored state.
/// - `keys` maps a key to its row in `rows`: `width` band hashes, for `remove`, re-insertion and
///   the state. Rows and lists of removed entries are reused.
final class LSHStore {
    /// Band hashes per key: `numBands`.
    let width: Int
    var bands: [HashSlotTable] = []
    var keys = HashSlotTable()
    private(set) var rows: UnsafeMutablePointer<UInt64>?
    private var rowCapacity = 0
    private var rowEnd = 0
    private var freeRows: [Int] = []
    var lists: [[UInt64]] = []
    private var freeLists: [Int] = []

    init(width: Int) {
        self.width = width
    }

    deinit {
        for table in bands {
            table.deallocate()
        }
        keys.deallocate()
        rows?.deallocate()
    }

    /// The row of band hashes at `index` (`width` values).
    @inline(__always)
    func row(_ index: Int) -> UnsafeMutablePointer<UInt64> {
        rows.unsafelyUnwrapped + index &* width
    }

    /// Creates the `count` band tables if there are none yet.
    func makeBands(count: Int) {
        if bands.isEmpty {
            bands = Array(repeating: HashSlotTable(), count: count)
        }
    }

    // MARK: Rows and lists

    func allocateRow() -> Int {
        if let row = freeRows.popLast() { return row }
        if rowEnd == rowCapacity {
            growRows(to: Swift.max(16, rowCapacity * 2))
        }
        rowEnd += 1
        return rowEnd - 1
    }

    private func growRows(to newCapacity: Int) {
        let newRows = UnsafeMutablePointer<UInt64>.allocate(capacity: newCapacity * width)
        if let rows {
            newRows.initialize(from: rows, count: rowEnd * width)
            rows.deallocate()
        }
        rows = newRows
        rowCapacity = newCapacity
    }

    /// Makes room for `additional` more keys (each with its own buckets) without growing.
    func reserve(additional: Int) {
        guard additional > 0, !bands.isEmpty else { return }
        keys.reserve(additional: additional)
        bands.withUnsafeMutableBufferPointer { bands in
            for band in bands.indices {
                bands[band].reserve(additional: additional)
            }
        }
        let rowsNeeded = (rowEnd - freeRows.count).addingReportingOverflow(additional)
        if !rowsNeeded.overflow, rowsNeeded.partialValue > rowCapacity,
            !rowsNeeded.partialValue.multipliedReportingOverflow(by: width).overflow
        {
            growRows(to: rowsNeeded.partialValue)
        }
    }

    func freeRow(_ row: Int) {
        freeRows.append(row)
    }

    func makeList(_ first: UInt64, _ second: UInt64) -> Int {
        if let index = freeLists.popLast() {
            lists[index].append(first)
            lists[index].append(second)
            return index
        }
        lists.append([first, second])
        return lists.count - 1
    }

    func makeList(_ keys: [UInt64]) -> Int {
        if let index = freeLists.popLast() {
            lists[index] = keys
            return index
        }
        lists.append(keys)
        return lists.count - 1
    }

    func freeList(_ index: Int) {
        if lists[index].capacity <= 16 {
            lists[index].removeAll(keepingCapacity: true)
        } else {
            lists[index] = []
        }
        freeLists.append(index)
    }

    // MARK: Buckets

    /// Appends `key` to the bucket of `hash` in band table `table`.
    @inline(__always)
    func append(_ key: UInt64, hash: UInt64, to table: inout HashSlotTable) {
        let (index, inserted) = table.findOrInsert(hash)
        if inserted {
            table.setValue(key, at: index)
        } else if !table.isFlagged(index) {
            let list = makeList(table.value(at: index), key)
            table.setValue(UInt64(list), at: index)
            table.setFlag(true, at: index)
        } else {
            lists[Int(truncatingIfNeeded: table.value(at: index))].append(key)
        }
    }

    /// Removes every occurrence of `key` from the bucket of `hash`; a bucket left empty goes.
    @inline(__always)
    func removeAll(_ key: UInt64, hash: UInt64, from table: inout HashSlotTable) {
        let index = table.find(hash)
        guard index >= 0 else { return }
        if !table.isFlagged(index) {
            if table.value(at: index) == key { table.delete(at: index) }
            return
        }
        let list = Int(truncatingIfNeeded: table.value(at: index))
        lists[list].removeAll { $0 == key }
        switch lists[list].count {
        case 0:
            table.delete(at: index)
            freeList(list)
        case 1:
            table.setValue(lists[list][0], at: index)
            table.setFlag(false, at: index)
            freeList(list)
        default:
            break
        }
    }

    /// Makes `keys` the bucket of `hash` in band `band` (restoring a state: the last entry for
    /// a hash wins).
    func setBucket(band: Int, hash: UInt64, keys: [UInt64]) {
        let (index, inserted) = bands[band].findOrInsert(hash)
        if !inserted && bands[band].isFlagged(index) {
            freeList(Int(truncatingIfNeeded: bands[band].value(at: index)))
        }
        if keys.count == 1 {
            bands[band].setValue(keys[0], at: index)
            bands[band].setFlag(false, at: index)
        } else {
            bands[band].setValue(UInt64(makeList(keys)), at: index)
            bands[band].setFlag(true, at: index)
        }
    }

    // MARK: Index operations

    /// Indexes `key` under the band hashes of `digest` (`width` bands of `bandSize` values),
    /// removing its previous entry first.
    func insert(_ key: UInt64, digest: UnsafePointer<UInt32>, bandSize: Int) {
        makeBands(count: width)
        let width = width
        let (slot, inserted) = keys.findOrInsert(key)
        let rowIndex: Int
        if inserted {
            rowIndex = allocateRow()
            keys.setValue(UInt64(rowIndex), at: slot)
        } else {
            rowIndex = Int(truncatingIfNeeded: keys.value(at: slot))
            removeFromBands(key, hashes: row(rowIndex))
        }
        let hashes = row(rowIndex)
        for band in 0..<width {
            hashes[band] = bandHash(digest + band &* bandSize, count: bandSize)
        }
        bands.withUnsafeMutableBufferPointer { bands in
            for band in 0..<width {
                append(key, hash: hashes[band], to: &bands[band])
            }
        }
    }

    /// Removes `key`; `true` if it was present.
    func remove(_ key: UInt64) -> Bool {
        let slot = keys.find(key)
        guard slot >= 0 else { return false }
        let rowIndex = Int(truncatingIfNeeded: keys.value(at: slot))
        keys.delete(at: slot)
        removeFromBands(key, hashes: row(rowIndex))
        freeRow(rowIndex)
        return true
    }

    private func removeFromBands(_ key: UInt64, hashes: UnsafePointer<UInt64>) {
        let count = Swift.min(width, bands.count)
        bands.withUnsafeMutableBufferPointer { bands in
            for band in 0..<count {
                removeAll(key, hash: hashes[band], from: &bands[band])
            }
        }
    }

    /// The candidates of `digest`: each key once, bands in order, insertion order within a band.
    func candidates(of digest: UnsafePointer<UInt32>, bandSize: Int) -> [UInt64] {
        var collector = CandidateCollector()
        bands.withUnsafeBufferPointer { bands in
            for band in 0..<bands.count {
                let table = bands[band]
                let index = table.find(bandHash(digest + band &* bandSize, count: bandSize))
                guard index >= 0 else { continue }
                if !table.isFlagged(index) {
                    collector.add(table.value(at: index))
                } else {
                    for key in lists[Int(truncatingIfNeeded: table.value(at: index))] {
                        collector.add(key)
                    }
                }
            }
        }
        return collector.result
    }

    /// Whether `digest` has more than one candidate.
    func hasSeveralCandidates(_ digest: UnsafePointer<UInt32>, bandSize: Int) -> Bool {
        var first: UInt64?
        return bands.withUnsafeBufferPointer { bands in
            for band in 0..<bands.count {
                let table = bands[band]
                let index = table.find(bandHash(digest + band &* bandSize, count: bandSize))
                guard index >= 0 else { continue }
                if !table.isFlagged(index) {
                    let key = table.value(at: index)
                    if let first, first != key { return true }
                    first = key
                } else {
                    for key in lists[Int(truncatingIfNeeded: table.value(at: index))] {
                        if let first, first != key { return true }
                        first = key
                    }
                }
            }
            return false
        }
    }
}

/// Collects candidate keys without duplicates, in first-seen order: a linear scan while there
/// are few, a set beyond that.
struct CandidateCollector {
    private static let scanLimit = 16
    private(set) var result: [UInt64] = []
    private var seen: Set<UInt64>?

    @inline(__always)
    mutating func add(_ key: UInt64) {
        if result.count <= Self.scanLimit {
            if result.contains(key) { return }
            result.append(key)
            if result.count > Self.scanLimit { seen = Set(result) }
        } else if seen!.insert(key).inserted {
            result.append(key)
        }
    }
}
