import Testing
import MinHash

// Spec §2/§3 pickling and §4.6 state bytes. The byte strings are rensa 0.5.0's own
// `__getstate__()` output.

/// rensa's `RMinHash(4, 42)` after `update(["hello", "world"])`.
let rensaSketchState: [UInt8] = [
    82, 101, 110, 115, 97, 58, 82, 77, 105, 110, 72, 97, 115, 104, 58, 50, 0, 130, 144, 181, 146, 5, 4, 42, 4,
    208, 215, 184, 166, 14, 169, 188, 196, 246, 5, 172, 220, 173, 54, 203, 219, 205, 221, 6,
]

/// rensa's `RMinHashLSH(0.5, 4, 2)` after `insert(7, that sketch)`; one entry per map, so the
/// bytes are canonical.
let rensaIndexState: [UInt8] = [
    82, 101, 110, 115, 97, 58, 82, 77, 105, 110, 72, 97, 115, 104, 76, 83, 72, 58, 50, 0, 130, 144, 181, 146, 5, 0,
    0, 0, 0, 0, 0, 224, 63, 4, 2, 2, 2, 1, 128, 173, 202, 165, 247, 162, 218, 194, 99, 1, 7, 1, 247, 198, 180, 252,
    160, 226, 145, 226, 204, 1, 1, 7, 1, 7, 2, 128, 173, 202, 165, 247, 162, 218, 194, 99, 247, 198, 180, 252, 160,
    226, 145, 226, 204, 1,
]

let helloWorldDigest: [UInt32] = [3_838_716_880, 1_590_763_049, 113_995_308, 1_806_921_163]

@Test func sketchStateIsRensasBytes() throws {
    let sketch = try RMinHash(numPerm: 4, seed: 42)
    sketch.update(items: ["hello", "world"])
    #expect(sketch.__getstate__() == rensaSketchState)
    #expect(sketch.__getnewargs__() == (4, 42))
}

@Test func sketchStateRoundTripsAndReplacesParameters() throws {
    let original = try RMinHash(numPerm: 128, seed: 7)
    original.update(items: (0..<100).map { "t\($0)" })
    let copy = try RMinHash(numPerm: 3, seed: 1)  // other parameters: replaced
    try copy.__setstate__(state: original.__getstate__())
    #expect(copy.digest() == original.digest())
    #expect(copy.__getnewargs__() == (128, 7))
    #expect(try copy.jaccard(other: original) == 1.0)
    // The copy is independent and keeps sketching with the restored parameters.
    original.update(items: ["more"])
    #expect(copy.digest() != original.digest())
    copy.update(items: ["more"])
    #expect(copy.digest() == original.digest())

    let fromRensa = try RMinHash(numPerm: 1, seed: 0)
    try fromRensa.__setstate__(state: rensaSketchState + Array("trailing".utf8))
    #expect(fromRensa.digest() == helloWorldDigest)
    #expect(fromRensa.__getnewargs__() == (4, 42))
}

@Test func badSketchStatesAreRejectedAndLeaveTheSketchUnchanged() throws {
    let prefix = Array("Rensa:RMinHash:2\0".utf8)
    let end = "Hit the end of buffer, expected more data"
    let serde = "Serde Deserialization Error"
    let varint = "Found a varint that didn't terminate. Is the usize too big for this platform?"
    let cases: [([UInt8], MinHashError)] = [
        (Array("xx".utf8), .unsupportedSketchState),
        (Array("Rensa:RMinHash:1\0".utf8), .unsupportedSketchState),
        (Array(prefix.dropLast()), .unsupportedSketchState),
        (prefix, .malformedSketchState(reason: end)),
        (Array(rensaSketchState.dropLast()), .malformedSketchState(reason: end)),
        (prefix + [0x02], .malformedSketchState(reason: serde)),  // wrong version
        (prefix + [0x82, 0x90, 0xB5, 0x92, 0x05, 0, 42, 0], .malformedSketchState(reason: serde)),  // num_perm 0
        (prefix + [0x82, 0x90, 0xB5, 0x92, 0x05, 3, 42, 4, 1, 2, 3, 4], .malformedSketchState(reason: serde)),
        (prefix + [UInt8](repeating: 0xFF, count: 20), .malformedSketchState(reason: varint)),
        (prefix + [0x82, 0x90, 0xB5, 0x92, 0x15], .malformedSketchState(reason: varint)),  // u32 overflow
    ]
    for (state, error) in cases {
        let sketch = try RMinHash(numPerm: 4, seed: 42)
        sketch.update(items: ["hello", "world"])
        #expect(throws: error) { try sketch.__setstate__(state: state) }
        #expect(sketch.digest() == helloWorldDigest)
        #expect(sketch.__getnewargs__() == (4, 42))
    }
    #expect(
        MinHashError.unsupportedSketchState.description
            == "unsupported RMinHash state version; rebuild the sketch from its tokens")
    #expect(
        MinHashError.malformedSketchState(reason: end).description
            == "failed to deserialize RMinHash state: Hit the end of buffer, expected more data")
}

@Test func indexStateMatchesRensaAndRestoresBehaviour() throws {
    let sketch = try RMinHash(numPerm: 4, seed: 42)
    sketch.update(items: ["hello", "world"])
    let index = try RMinHashLSH(threshold: 0.5, numPerm: 4, numBands: 2)
    try index.insert(key: 7, minhash: sketch)
    #expect(index.__getstate__() == rensaIndexState)
    #expect(index.__getnewargs__() == (0.5, 4, 2))

    let fromRensa = try RMinHashLSH(threshold: 0.9, numPerm: 128, numBands: 1)
    try fromRensa.__setstate__(state: rensaIndexState + [1, 2, 3])
    #expect(fromRensa.__getnewargs__() == (0.5, 4, 2))
    #expect(try fromRensa.query(minhash: sketch) == [7])
    #expect(fromRensa.remove(key: 7))
    #expect(try fromRensa.query(minhash: sketch) == [])
}

@Test func indexStateRoundTripsQueriesRemovalsAndReinsertion() throws {
    let documents = (0..<60).map { document in (0..<40).map { "d\(document % 20)-\($0)" } }
    let sketches = try RMinHash.fromTokenSets(tokenSets: documents, numPerm: 64, seed: 3)
    let index = try RMinHashLSH(threshold: 0.3, numPerm: 64, numBands: 16)
    try index.insertMany(minhashes: sketches, startKey: 1000)
    #expect(index.remove(key: 1010))
    let copy = try RMinHashLSH(threshold: 1.0, numPerm: 8, numBands: 8)
    try copy.__setstate__(state: index.__getstate__())
    #expect(copy.__getnewargs__() == index.__getnewargs__())
    #expect(try copy.queryAll(minhashes: sketches) == index.queryAll(minhashes: sketches))
    #expect(copy.remove(key: 1005) == index.remove(key: 1005))
    try copy.insert(key: 1000, minhash: sketches[0])
    try index.insert(key: 1000, minhash: sketches[0])
    #expect(try copy.queryAll(minhashes: sketches) == index.queryAll(minhashes: sketches))
    #expect(try copy.queryDuplicateFlags(minhashes: sketches) == index.queryDuplicateFlags(minhashes: sketches))
    // Independent objects.
    try copy.insert(key: 1, minhash: sketches[1])
    #expect(try copy.query(minhash: sketches[1]) != index.query(minhash: sketches[1]))

    // An index that never saw a sketch: rensa's bytes for RMinHashLSH(0.25, 16, 4).
    let empty = try RMinHashLSH(threshold: 0.25, numPerm: 16, numBands: 4)
    let emptyState: [UInt8] = [130, 144, 181, 146, 5, 0, 0, 0, 0, 0, 0, 208, 63, 16, 4, 4, 4, 0, 0, 0, 0, 0]
    #expect(empty.__getstate__() == Array("Rensa:RMinHashLSH:2\0".utf8) + emptyState)
    let emptyCopy = try RMinHashLSH(threshold: 0.1, numPerm: 8, numBands: 2)
    try emptyCopy.__setstate__(state: empty.__getstate__())
    #expect(emptyCopy.__getnewargs__() == (0.25, 16, 4))
    #expect(try emptyCopy.query(minhash: try RMinHash(numPerm: 16, seed: 1)) == [])
}

@Test func badIndexStatesAreRejectedAndLeaveTheIndexUnchanged() throws {
    let prefix = Array("Rensa:RMinHashLSH:2\0".utf8)
    let header = Array(rensaIndexState[prefix.count..<(prefix.count + 5)])  // the version varint
    let end = "Hit the end of buffer, expected more data"
    let serde = "Serde Deserialization Error"
    func parameters(_ threshold: Double, _ numPerm: UInt8, _ numBands: UInt8, _ bandSize: UInt8, tables: UInt8)
        -> [UInt8]
    {
        var bits = threshold.bitPattern
        var bytes = prefix + header
        for _ in 0..<8 {
            bytes.append(UInt8(bits & 0xFF))
            bits >>= 8
        }
        return bytes + [numPerm, numBands, bandSize, tables] + [UInt8](repeating: 0, count: Int(tables)) + [0]
    }
    let cases: [([UInt8], MinHashError)] = [
        (rensaSketchState, .unsupportedIndexState),
        (Array("Rensa:RMinHashLSH:1\0".utf8), .unsupportedIndexState),
        (prefix, .malformedIndexState(reason: end)),
        (Array(rensaIndexState.dropLast()), .malformedIndexState(reason: end)),
        (prefix + header + [0, 0, 0], .malformedIndexState(reason: end)),  // short f64
        (prefix + [3], .malformedIndexState(reason: serde)),
        (parameters(0.5, 4, 2, 2, tables: 2), .malformedIndexState(reason: "")),  // valid: checked below
        (parameters(.nan, 4, 2, 2, tables: 2), .malformedIndexState(reason: serde)),
        (parameters(1.5, 4, 2, 2, tables: 2), .malformedIndexState(reason: serde)),
        (parameters(0.5, 0, 2, 2, tables: 2), .malformedIndexState(reason: serde)),
        (parameters(0.5, 4, 3, 1, tables: 3), .malformedIndexState(reason: serde)),
        (parameters(0.5, 4, 2, 3, tables: 2), .malformedIndexState(reason: serde)),  // band size
        (parameters(0.5, 4, 2, 2, tables: 1), .malformedIndexState(reason: serde)),  // table count
    ]
    for (state, error) in cases {
        let sketch = try RMinHash(numPerm: 4, seed: 42)
        sketch.update(items: ["hello", "world"])
        let index = try RMinHashLSH(threshold: 0.5, numPerm: 4, numBands: 2)
        try index.insert(key: 7, minhash: sketch)
        if error == .malformedIndexState(reason: "") {
            try index.__setstate__(state: state)
            #expect(try index.query(minhash: sketch) == [])
            continue
        }
        #expect(throws: error) { try index.__setstate__(state: state) }
        #expect(try index.query(minhash: sketch) == [7])
        #expect(index.__getnewargs__() == (0.5, 4, 2))
    }
    // A key whose band-hash list has the wrong length.
    var wrongKey = parameters(0.5, 4, 2, 2, tables: 2)
    wrongKey.removeLast()
    wrongKey += [1, 9, 1, 5]
    #expect(throws: MinHashError.malformedIndexState(reason: serde)) {
        try RMinHashLSH(threshold: 0.5, numPerm: 4, numBands: 2).__setstate__(state: wrongKey)
    }
    #expect(
        MinHashError.unsupportedIndexState.description
            == "unsupported RMinHashLSH state version; rebuild the index from its tokens")
    #expect(
        MinHashError.malformedIndexState(reason: serde).description
            == "failed to deserialize RMinHashLSH state: Serde Deserialization Error")
}
