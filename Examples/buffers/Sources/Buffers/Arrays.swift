// Arrays returned without a copy (docs/design/results.md#arrays): a ContiguousArray<T> result is an
// object that owns the Swift array and shares its memory through the buffer protocol.

/// `n` doubles 0, 0.5, 1, 1.5, ...: NumPy's `asarray` of the result shares its memory.
public func halves(_ n: Int) -> ContiguousArray<Double> {
    let count = max(n, 0)
    return ContiguousArray(unsafeUninitializedCapacity: count) { buffer, initialized in
        for i in 0..<count { buffer.initializeElement(at: i, to: Double(i) * 0.5) }
        initialized = count
    }
}

/// Fills a writable float64 buffer with 0, 0.5, 1, ... in place (the benchmark's reference).
public func fillHalves(_ out: inout MutableSpan<Double>) {
    for i in 0..<out.count { out[i] = Double(i) * 0.5 }
}

/// The squares of `values` as 32-bit floats.
public func squares(_ values: [Float]) -> ContiguousArray<Float> {
    ContiguousArray(values.map { $0 * $0 })
}

/// Bytes 0, 1, ..., n - 1 (wrapping at 256).
public func byteRamp(_ n: Int) -> ContiguousArray<UInt8> {
    ContiguousArray((0..<max(n, 0)).map { UInt8(truncatingIfNeeded: $0) })
}

/// The integers from `start` below `end`, as Int64 items.
public func integers(from start: Int, to end: Int) -> ContiguousArray<Int> {
    ContiguousArray(start..<max(start, end))
}

/// Signed 16-bit and unsigned 64-bit items at their extremes.
public func extremes() -> (ContiguousArray<Int16>, ContiguousArray<UInt64>) {
    ([Int16.min, -1, 0, Int16.max], [0, 1, UInt64.max])
}

/// An array the module also keeps: Python's writes into the returned one must not reach the kept one.
nonisolated(unsafe) private var kept = ContiguousArray<Double>([1, 2, 3])

/// The kept array (shared with the module, so the result is a copy Python may write into).
public func keptArray() -> ContiguousArray<Double> { kept }

/// The sum of the kept array, to show Python's writes did not change it.
public func keptSum() -> Double { kept.reduce(0, +) }

/// The sum of an array passed back in (an array object of this module, or a list).
public func arraySum(_ values: ContiguousArray<Double>) -> Double { values.reduce(0, +) }

/// No array at all when `n` is negative.
public func maybeHalves(_ n: Int) -> ContiguousArray<Double>? { n < 0 ? nil : halves(n) }
