/// A Python language version such as `3.12` (major and minor; `3.12.1` keeps its micro).
public struct PythonVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// The major version: 3 for every interpreter swiftmod supports.
    public var major: Int
    /// The minor version: 12 in `3.12`.
    public var minor: Int
    /// The micro (patch) version, 0 when not given; ignored by `description` and tags, but not by `<`.
    public var micro: Int

    /// The version `major.minor.micro`; the numbers are not checked.
    public init(_ major: Int, _ minor: Int, _ micro: Int = 0) {
        self.major = major
        self.minor = minor
        self.micro = micro
    }

    /// Parses `3`, `3.12` or `3.12.1`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(part) else { return nil }
            numbers.append(number)
        }
        self.init(numbers[0], numbers.count > 1 ? numbers[1] : 0, numbers.count > 2 ? numbers[2] : 0)
    }

    /// The oldest CPython the generated glue supports: 3.10 (`Py_NewRef`, `METH_FASTCALL` in the
    /// limited API, `PyModule_AddObjectRef`).
    public static let oldestSupported = PythonVersion(3, 10)

    /// The first CPython with abi3t, the Stable ABI of both the default and the free-threaded
    /// build (PEP 803, docs/design/interpreters.md#abi3t).
    public static let oldestABI3T = PythonVersion(3, 15)

    /// `3.12`.
    public var description: String { "\(major).\(minor)" }

    /// `312`, as in the tag `cp312`.
    public var tagDigits: String { "\(major)\(minor)" }

    /// `Py_LIMITED_API` for this version: `0x030A0000` for 3.10.
    public var limitedAPIHex: String {
        let hex = String(major << 24 | minor << 16, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 8 - hex.count)) + hex
    }

    /// The version without its micro part.
    public var minorVersion: PythonVersion { PythonVersion(major, minor) }

    /// Orders by major, then minor, then micro.
    public static func < (lhs: PythonVersion, rhs: PythonVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.micro) < (rhs.major, rhs.minor, rhs.micro)
    }
}
