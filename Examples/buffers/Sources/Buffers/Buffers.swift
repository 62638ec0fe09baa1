/// Borrowed parameters: every function here reads (or writes) Python's memory in place for the
/// duration of the call. The compiler proves that none of them can keep the view.

/// The size of `text` in UTF-8, read from CPython's own UTF-8 with no copy.
public func utf8Length(_ text: UTF8Span) -> Int {
    text.count
}

/// The number of Unicode scalars in `text`.
public func scalarCount(_ text: UTF8Span) -> Int {
    var count = 0
    var iterator = text.makeUnicodeScalarIterator()
    while iterator.next() != nil { count += 1 }
    return count
}

/// Whether `text` contains the byte 0 (a NUL character).
public func containsNUL(_ text: UTF8Span) -> Bool {
    let bytes = text.span
    for index in bytes.indices where bytes[index] == 0 { return true }
    return false
}

/// FNV-1a over the bytes of any C-contiguous buffer.
public func checksum(_ data: RawSpan) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for offset in 0..<data.byteCount {
        hash = (hash ^ UInt64(data.unsafeLoad(fromByteOffset: offset, as: UInt8.self))) &* 0x0000_0100_0000_01B3
    }
    return hash
}

/// The number of bytes equal to `byte`.
public func countByte(_ data: Span<UInt8>, _ byte: UInt8) -> Int {
    var count = 0
    for index in data.indices where data[index] == byte { count += 1 }
    return count
}

/// The sum of a buffer of doubles (`array.array('d')`, a NumPy float64 array, ...).
public func total(_ values: Span<Double>) -> Double {
    var sum = 0.0
    for index in values.indices { sum += values[index] }
    return sum
}

/// The sum of a buffer of 32-bit floats.
public func totalFloat(_ values: Span<Float>) -> Double {
    var sum = 0.0
    for index in values.indices { sum += Double(values[index]) }
    return sum
}

/// The largest value in a buffer of 64-bit integers (`array.array('q')`, NumPy int64).
public func maxInt64(_ values: Span<Int64>) -> Int64? {
    guard !values.isEmpty else { return nil }
    var best = values[0]
    for index in values.indices where values[index] > best { best = values[index] }
    return best
}

/// The sum of a buffer of unsigned 16-bit integers.
public func totalUInt16(_ values: Span<UInt16>) -> Int {
    var sum = 0
    for index in values.indices { sum += Int(values[index]) }
    return sum
}

/// Why `normalize(_:)` refused a buffer.
public enum NormalizeError: Error, CustomStringConvertible {
    case empty
    case zeroSum

    public var description: String {
        switch self {
        case .empty: "the buffer is empty"
        case .zeroSum: "the values sum to zero"
        }
    }
}

/// Divides every value by their sum, in place; throws for an empty buffer or a zero sum.
public func normalize(_ values: inout MutableSpan<Double>) throws(NormalizeError) {
    guard !values.isEmpty else { throw .empty }
    var sum = 0.0
    for index in values.indices { sum += values[index] }
    guard sum != 0 else { throw .zeroSum }
    for index in values.indices { values[index] /= sum }
}

/// Sets every byte to `value`, in place.
public func fillBytes(_ data: inout MutableSpan<UInt8>, with value: UInt8) {
    for index in data.indices { data[index] = value }
}

/// Adds `amount` to every item of a buffer of 32-bit integers, in place.
public func addInPlace(_ values: inout MutableSpan<Int32>, _ amount: Int32) {
    for index in values.indices { values[index] &+= amount }
}

/// The sum of a list or tuple of floats, read in place.
public func sumAll(_ values: some Collection<Double>) -> Double {
    var sum = 0.0
    for value in values { sum += value }
    return sum
}

/// The total length of a list or tuple of strings, and its first element.
public func describeWords(_ words: some Sequence<String>) -> String {
    var count = 0
    var first: String?
    for word in words {
        if first == nil { first = word }
        count += word.count
    }
    return "\(first ?? "-"):\(count)"
}

/// The number of items of a list or tuple of integers above `limit`.
public func countAbove(_ values: some Collection<Int>, limit: Int) -> Int {
    values.filter { $0 > limit }.count
}

/// The sum of each row of a list (or tuple) of lists of floats, every row read in place.
public func rowSums(_ rows: some Collection<some Collection<Double>>) -> [Double] {
    rows.map { row in row.reduce(0, +) }
}

/// The number of characters in each document of words: any iterable of iterables of strings.
public func documentLengths(_ documents: some Sequence<some Sequence<String>>) -> [Int] {
    documents.map { document in document.reduce(0) { $0 + $1.count } }
}

/// FNV-1a of each item's bytes, read in place: a str item's UTF-8 or a bytes item's data.
public func itemHashes(_ items: some Sequence<UnsafeRawBufferPointer>) -> [UInt64] {
    items.map { bytes in
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }
}

/// The number of bytes in each document of str or bytes items, every item read in place.
public func documentSizes(_ documents: some Sequence<some Collection<UnsafeRawBufferPointer>>) -> [Int] {
    documents.map { document in document.reduce(0) { $0 + $1.count } }
}
