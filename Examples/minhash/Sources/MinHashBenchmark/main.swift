// Times the pure-Swift sketching paths: 10,000 documents of 200 tokens at num_perm = 128.
// `swift run -c release minhash-benchmark [documents] [tokens] [num_perm] [runs]`
// Python-side conversion is not included; see the README for the comparison with rensa.

import MinHash

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let documentCount = arguments.count > 0 ? arguments[0] : 10_000
let tokensPerDocument = arguments.count > 1 ? arguments[1] : 200
let numPerm = UInt64(arguments.count > 2 ? arguments[2] : 128)
let runs = arguments.count > 3 ? arguments[3] : 7

// Word-like tokens of 2 to 12 bytes from a 50,000-word vocabulary (deterministic LCG).
struct Generator {
    var state: UInt64 = 7
    mutating func next() -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(truncatingIfNeeded: state >> 33)
    }
}
var generator = Generator()
var vocabulary: [String] = []
for index in 0..<50_000 {
    vocabulary.append("w\(index)" + String(repeating: "x", count: generator.next() % 9))
}
var documents: [[String]] = []
for _ in 0..<documentCount {
    var document: [String] = []
    for _ in 0..<tokensPerDocument {
        document.append(vocabulary[generator.next() % vocabulary.count])
    }
    documents.append(document)
}
let byteDocuments = documents.map { $0.map { Array($0.utf8) } }

func measure(_ name: String, _ body: () throws -> Int) rethrows {
    var samples: [Duration] = []
    var check = 0
    for _ in 0..<runs {
        let start = ContinuousClock.now
        check &+= try body()
        samples.append(ContinuousClock.now - start)
    }
    samples.sort()
    func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) * 1e-15
    }
    let median = milliseconds(samples[samples.count / 2])
    let perDocument = median * 1e3 / Double(documentCount)
    print(
        "\(name): median \(rounded(median)) ms (min \(rounded(milliseconds(samples[0]))) ms),"
            + " \(rounded(perDocument)) µs/document  [check \(check % 1000)]")
}

func rounded(_ value: Double) -> String {
    let scaled = (value * 100).rounded() / 100
    return "\(scaled)"
}

print(
    "\(documentCount) documents × \(tokensPerDocument) tokens, num_perm \(numPerm), median of \(runs) runs")
try measure("RMinHash + update(items: [String]) per document") {
    var total = 0
    for document in documents {
        let sketch = try RMinHash(numPerm: numPerm, seed: 42)
        sketch.update(items: document)
        total &+= Int(sketch.digest()[0])
    }
    return total
}
try measure("RMinHash.fromTokenSets([[String]])") {
    try RMinHash.fromTokenSets(tokenSets: documents, numPerm: numPerm, seed: 42).count
}
try measure("RMinHash.digestsFromTokenSets([[String]])") {
    try RMinHash.digestsFromTokenSets(tokenSets: documents, numPerm: numPerm, seed: 42).count
}
try measure("RMinHash.digestsFromTokenSets([[[UInt8]]])") {
    try RMinHash.digestsFromTokenSets(tokenSets: byteDocuments, numPerm: numPerm, seed: 42).count
}
measure("RMinHash.hashTokenSets([[String]]) (hashes only, into new arrays)") {
    RMinHash.hashTokenSets(tokenSets: documents).count
}
