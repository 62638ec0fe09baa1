// Pickle support for the index, as Python special methods (the escape hatch of docs/design/types.md#escape-hatch), with
// rensa 0.5.0's state bytes (spec §4.6). Map entries come out in hash-table slot order, so the
// bytes are not canonical (rensa's are not either); the restored index behaves identically.

/// `b"Rensa:RMinHashLSH:2\0"`.
let indexStatePrefix = Array("Rensa:RMinHashLSH:2\0".utf8)

extension RMinHashLSH {
    /// `(threshold, num_perm, num_bands)`: the constructor arguments.
    public func __getnewargs__() -> (Double, UInt64, UInt64) {
        (threshold, numPerm, numBands)
    }

    /// The index as bytes: the prefix `Rensa:RMinHashLSH:2\0`, then the postcard encoding of
    /// the state version, the threshold, `num_perm`, `num_bands`, the band size, every band's
    /// buckets (band hash → keys in insertion order) and every key's band hashes.
    public func __getstate__() -> [UInt8] {
        var writer = PostcardWriter(prefix: indexStatePrefix)
        writer.varint(UInt64(stateVersion))
        writer.float64(threshold)
        writer.varint(numPerm)
        writer.varint(numBands)
        writer.varint(bandSize)
        writer.varint(numBands)
        let store = store
        for band in 0..<Int(numBands) {
            guard band < store.bands.count else {
                writer.varint(0)
                continue
            }
            let table = store.bands[band]
            writer.varint(table.count)
            for index in 0..<table.capacity where table.isOccupied(index) {
                writer.varint(table.hash(at: index))
                if !table.isFlagged(index) {
                    writer.varint(1)
                    writer.varint(table.value(at: index))
                } else {
                    let keys = store.lists[Int(truncatingIfNeeded: table.value(at: index))]
                    writer.varint(keys.count)
                    for key in keys {
                        writer.varint(key)
                    }
                }
            }
        }
        let keys = store.keys
        writer.varint(keys.count)
        for index in 0..<keys.capacity where keys.isOccupied(index) {
            writer.varint(keys.hash(at: index))
            writer.varint(store.width)
            let hashes = store.row(Int(truncatingIfNeeded: keys.value(at: index)))
            for band in 0..<store.width {
                writer.varint(hashes[band])
            }
        }
        return writer.bytes
    }

    /// Replaces the parameters, buckets and keys with those in `state` (from `__getstate__`,
    /// here or in rensa 0.5.0). On any error the index is unchanged.
    ///
    /// - Throws: `unsupportedIndexState` without the `Rensa:RMinHashLSH:2\0` prefix;
    ///   `malformedIndexState` when the content does not decode or describes an invalid index.
    public func __setstate__(state: [UInt8]) throws(MinHashError) {
        guard let start = state.indexAfter(prefix: indexStatePrefix) else {
            throw .unsupportedIndexState
        }
        let restored: RMinHashLSH
        do throws(PostcardFailure) {
            restored = try Self.decode(state, from: start)
        } catch {
            throw .malformedIndexState(reason: error.message)
        }
        threshold = restored.threshold
        numPerm = restored.numPerm
        numBands = restored.numBands
        bandSize = restored.bandSize
        store = restored.store
    }

    private static func decode(_ state: [UInt8], from start: Int) throws(PostcardFailure) -> RMinHashLSH {
        var reader = PostcardReader(state, from: start)
        guard try reader.uint32() == stateVersion else { throw .invalid }
        let threshold = try reader.float64()
        let numPerm = try reader.uint64()
        let numBands = try reader.uint64()
        let bandSize = try reader.uint64()

        // Built as it is read (owned by `store`, so freed if decoding fails); checked at the end.
        let store = LSHStore(width: Int(clamping: numBands))
        let (tableCount, tableReserve) = try reader.count()
        store.bands.reserveCapacity(tableReserve)
        for band in 0..<Int(clamping: tableCount) {
            store.bands.append(HashSlotTable())
            let (entryCount, entryReserve) = try reader.count()
            // Full size at once: entries come in the slot order of a table like this one, which
            // would pile up in a smaller table while it grows.
            store.bands[band].reserve(additional: entryReserve)
            for _ in 0..<entryCount {
                let hash = try reader.uint64()
                store.setBucket(band: band, hash: hash, keys: try readList(&reader))
            }
        }

        // A map: the last entry of a key wins, also for the length check.
        let (keyCount, keyReserve) = try reader.count()
        store.keys.reserve(additional: keyReserve)
        var wrongLength = Set<UInt64>()
        for _ in 0..<keyCount {
            let key = try reader.uint64()
            let hashes = try readList(&reader)
            guard UInt64(hashes.count) == numBands else {
                wrongLength.insert(key)
                continue
            }
            wrongLength.remove(key)
            let (slot, inserted) = store.keys.findOrInsert(key)
            let row: Int
            if inserted {
                row = store.allocateRow()
                store.keys.setValue(UInt64(row), at: slot)
            } else {
                row = Int(truncatingIfNeeded: store.keys.value(at: slot))
            }
            let destination = store.row(row)
            for band in 0..<hashes.count {
                destination[band] = hashes[band]
            }
        }

        // rensa's checks, after the whole state has decoded.
        guard (try? validate(threshold: threshold, numPerm: numPerm, numBands: numBands)) != nil,
            bandSize == numPerm / numBands, UInt64(store.bands.count) == numBands, wrongLength.isEmpty
        else { throw .invalid }
        return RMinHashLSH(threshold: threshold, numPerm: numPerm, numBands: numBands, store: store)
    }

    private static func readList(_ reader: inout PostcardReader) throws(PostcardFailure) -> [UInt64] {
        let (count, reserve) = try reader.count()
        var list: [UInt64] = []
        list.reserveCapacity(reserve)
        for _ in 0..<count {
            list.append(try reader.uint64())
        }
        return list
    }
}
