// Pickle support, in the shape of Python's special methods so that swiftmod exports them under
// these exact names (docs/design/types.md#escape-hatch): `pickle.dumps(sketch)` stores `RMinHash(*__getnewargs__())`
// plus `__getstate__()`, and `pickle.loads` calls `__setstate__` with it. The state bytes are
// rensa 0.5.0's (spec §4.6), so pickles move between rensa and this module both ways.

/// `b"Rensa:RMinHash:2\0"`.
let sketchStatePrefix = Array("Rensa:RMinHash:2\0".utf8)

extension RMinHash {
    /// `(num_perm, seed)`: the constructor arguments that rebuild an empty sketch like this one.
    public func __getnewargs__() -> (UInt64, UInt64) {
        (UInt64(numPerm), seed)
    }

    /// The sketch as bytes: the prefix `Rensa:RMinHash:2\0`, then the postcard encoding of the
    /// state version, `num_perm`, the seed and the digest.
    public func __getstate__() -> [UInt8] {
        var writer = PostcardWriter(prefix: sketchStatePrefix)
        writer.bytes.reserveCapacity(sketchStatePrefix.count + 24 + values.count * 5)
        writer.varint(UInt64(stateVersion))
        writer.varint(numPerm)
        writer.varint(seed)
        writer.varint(values.count)
        for value in values {
            writer.varint(UInt64(value))
        }
        return writer.bytes
    }

    /// Replaces `num_perm`, the seed and the digest with those in `state` (from
    /// `__getstate__`, here or in rensa 0.5.0). Bytes after a valid state are ignored. On any
    /// error the sketch is unchanged.
    ///
    /// - Throws: `unsupportedSketchState` without the `Rensa:RMinHash:2\0` prefix (rensa 0.4
    ///   pickles); `malformedSketchState` when the content after it does not decode.
    public func __setstate__(state: [UInt8]) throws(MinHashError) {
        guard let start = state.indexAfter(prefix: sketchStatePrefix) else {
            throw .unsupportedSketchState
        }
        do throws(PostcardFailure) {
            var reader = PostcardReader(state, from: start)
            guard try reader.uint32() == stateVersion else { throw PostcardFailure.invalid }
            let numPerm = try reader.uint64()
            let seed = try reader.uint64()
            let (length, reserve) = try reader.count()
            var values: [UInt32] = []
            values.reserveCapacity(reserve)
            var remaining = length
            while remaining > 0 {
                values.append(try reader.uint32())
                remaining -= 1
            }
            guard numPerm > 0, numPerm == UInt64(values.count), numPerm <= UInt64(UInt32.max) else {
                throw PostcardFailure.invalid
            }
            self.permutations = .shared(count: Int(numPerm), seed: seed)
            self.values = values
        } catch {
            throw .malformedSketchState(reason: error.message)
        }
    }
}

extension RMinHash {
    /// Pickling with every protocol (0 and 1 included): Python's `__reduce__` is
    /// `(RMinHash, (num_perm, seed), state)`; swiftmod supplies the class.
    public func __reduce__() -> ((UInt64, UInt64), [UInt8]) {
        (__getnewargs__(), __getstate__())
    }
}
