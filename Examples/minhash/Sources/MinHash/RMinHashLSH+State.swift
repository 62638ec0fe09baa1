// Pickle support for the index, as Python special methods (DESIGN §13 escape hatch), with
// rensa 0.5.0's state bytes (spec §4.6). Map entries come out in Dictionary order, so the bytes
// are not canonical (rensa's are not either); the restored index behaves identically.

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
        for band in 0..<Int(numBands) {
            let table = band < tables.count ? tables[band] : [:]
            writer.varint(table.count)
            for (hash, keys) in table {
                writer.varint(hash)
                writer.varint(keys.count)
                for key in keys {
                    writer.varint(key)
                }
            }
        }
        writer.varint(keyBands.count)
        for (key, hashes) in keyBands {
            writer.varint(key)
            writer.varint(hashes.count)
            for hash in hashes {
                writer.varint(hash)
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
        tables = restored.tables
        keyBands = restored.keyBands
    }

    private static func decode(_ state: [UInt8], from start: Int) throws(PostcardFailure) -> RMinHashLSH {
        var reader = PostcardReader(state, from: start)
        guard try reader.uint32() == stateVersion else { throw .invalid }
        let threshold = try reader.float64()
        let numPerm = try reader.uint64()
        let numBands = try reader.uint64()
        let bandSize = try reader.uint64()

        let (tableCount, tableReserve) = try reader.count()
        var tables: [[UInt64: [UInt64]]] = []
        tables.reserveCapacity(tableReserve)
        for _ in 0..<tableCount {
            let (entryCount, entryReserve) = try reader.count()
            var table: [UInt64: [UInt64]] = [:]
            table.reserveCapacity(entryReserve)
            for _ in 0..<entryCount {
                let hash = try reader.uint64()
                table[hash] = try readList(&reader)
            }
            tables.append(table)
        }

        let (keyCount, keyReserve) = try reader.count()
        var keyBands: [UInt64: [UInt64]] = [:]
        keyBands.reserveCapacity(keyReserve)
        for _ in 0..<keyCount {
            let key = try reader.uint64()
            keyBands[key] = try readList(&reader)
        }

        // rensa's checks, after the whole state has decoded.
        guard (try? validate(threshold: threshold, numPerm: numPerm, numBands: numBands)) != nil,
            bandSize == numPerm / numBands, UInt64(tables.count) == numBands,
            keyBands.values.allSatisfy({ UInt64($0.count) == numBands })
        else { throw .invalid }
        return RMinHashLSH(
            threshold: threshold, numPerm: numPerm, numBands: numBands, tables: tables, keyBands: keyBands)
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
