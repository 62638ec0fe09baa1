/// Every error `RMinHash` and `RMinHashLSH` throw.
///
/// `description` is rensa 0.5.0's message, word for word, so that the Python exception (a
/// `ValueError` in rensa; map it with `[tool.swiftmod.exceptions] MinHashError = "ValueError"`)
/// reads the same.
public enum MinHashError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `num_perm` is 0.
    case numPermZero
    /// `num_perm` is above 4294967295 (rensa aborts the process there; see the README).
    case numPermTooLarge(numPerm: UInt64)
    /// `jaccard` of sketches with different `num_perm`.
    case numPermMismatch(left: UInt64, right: UInt64)
    /// `jaccard` of sketches with different seeds.
    case seedMismatch(left: UInt64, right: UInt64)
    /// The LSH threshold is NaN, infinite, or outside 0.0...1.0.
    case invalidThreshold
    /// The LSH has 0 bands.
    case numBandsZero
    /// The LSH has more bands than permutations.
    case tooManyBands(numBands: UInt64, numPerm: UInt64)
    /// The LSH's bands do not divide its permutations evenly.
    case bandsDoNotDivide(numPerm: UInt64, numBands: UInt64)
    /// A sketch's digest length is not the LSH's `num_perm`.
    case permutationCountMismatch(length: Int, expected: UInt64)
    /// `insert_many` ran past key 2**64 - 1.
    case keyOverflow
    /// `__setstate__` bytes that do not start with `Rensa:RMinHash:2\0`.
    case unsupportedSketchState
    /// `__setstate__` bytes with the right prefix but bad content; `reason` is postcard's text.
    case malformedSketchState(reason: String)
    /// `__setstate__` bytes that do not start with `Rensa:RMinHashLSH:2\0`.
    case unsupportedIndexState
    /// `__setstate__` bytes with the right prefix but bad content; `reason` is postcard's text.
    case malformedIndexState(reason: String)

    public var description: String {
        switch self {
        case .numPermZero:
            "num_perm must be greater than 0"
        case .numPermTooLarge(let numPerm):
            "num_perm must be at most \(UInt32.max), got \(numPerm)"
        case .numPermMismatch(let left, let right):
            "num_perm mismatch: left is \(left), right is \(right)"
        case .seedMismatch(let left, let right):
            "seed mismatch: left is \(left), right is \(right)"
        case .invalidThreshold:
            "threshold must be a finite value between 0.0 and 1.0"
        case .numBandsZero:
            "num_bands must be greater than 0"
        case .tooManyBands(let numBands, let numPerm):
            "num_bands (\(numBands)) must be less than or equal to num_perm (\(numPerm))"
        case .bandsDoNotDivide(let numPerm, let numBands):
            "num_perm (\(numPerm)) must be divisible by num_bands (\(numBands))"
        case .permutationCountMismatch(let length, let expected):
            "MinHash has \(length) permutations but LSH expects \(expected)"
        case .keyOverflow:
            "start_key + offset exceeds the maximum key"
        case .unsupportedSketchState:
            "unsupported RMinHash state version; rebuild the sketch from its tokens"
        case .malformedSketchState(let reason):
            "failed to deserialize RMinHash state: \(reason)"
        case .unsupportedIndexState:
            "unsupported RMinHashLSH state version; rebuild the index from its tokens"
        case .malformedIndexState(let reason):
            "failed to deserialize RMinHashLSH state: \(reason)"
        }
    }
}
