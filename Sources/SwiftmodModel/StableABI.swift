/// The Stable ABI a build targets: one extension module, and one wheel, for a CPython version and
/// every newer one (docs/design/interpreters.md#abi3, #abi3t). A build without one is
/// version-specific. One value, so that every decision that depends on it is one exhaustive switch.
public enum StableABI: Hashable, Sendable, CustomStringConvertible {
    /// abi3: the limited API of this version; the module loads in the default (GIL) build of it
    /// and of every newer CPython.
    case abi3(PythonVersion)
    /// abi3t (PEP 803, 3.15 and newer): the Stable ABI of both the default and the free-threaded
    /// build, in which `PyObject` is opaque.
    case abi3t(PythonVersion)

    /// The oldest CPython the module loads in (`major.minor`).
    public var version: PythonVersion {
        switch self {
        case .abi3(let version), .abi3t(let version): version
        }
    }

    /// `abi3` or `abi3t`: the `[tool.swiftmod]` key, the command-line option without its dashes,
    /// and the word messages use.
    public var name: String {
        switch self {
        case .abi3: "abi3"
        case .abi3t: "abi3t"
        }
    }

    /// Whether this is abi3t, whose glue may not look inside a `PyObject` (opaque objects, the
    /// PEP 793 module export).
    public var isABI3T: Bool {
        switch self {
        case .abi3: false
        case .abi3t: true
        }
    }

    /// The extension module's file name suffix: `.abi3.so` or `.abi3t.so`.
    public var extensionSuffix: String {
        switch self {
        case .abi3: ".abi3.so"
        case .abi3t: ".abi3t.so"
        }
    }

    /// The wheel's ABI tag: `abi3`, or the compressed `abi3.abi3t` (PEP 425), under which the wheel
    /// installs wherever either tag is supported.
    public var abiTag: String {
        switch self {
        case .abi3: "abi3"
        case .abi3t: "abi3.abi3t"
        }
    }

    /// The oldest version this kind of build can target: 3.10 for abi3 (the limited API the glue
    /// needs), 3.15 for abi3t (the first CPython that has it).
    public var oldestVersion: PythonVersion {
        switch self {
        case .abi3: PythonVersion.oldestSupported
        case .abi3t: PythonVersion.oldestABI3T
        }
    }

    /// Why `oldestVersion` is the floor, for messages about a version below it.
    public var floorReason: String {
        switch self {
        case .abi3: "swiftmod's glue needs the limited API of \(PythonVersion.oldestSupported) or newer"
        case .abi3t: "the Stable ABI for free-threaded builds (abi3t) begins with CPython \(PythonVersion.oldestABI3T)"
        }
    }

    /// `abi3 3.10`, `abi3t 3.15`.
    public var description: String { "\(name) \(version)" }

    /// Why this target cannot be built for a project with `requiresPython`, or nil.
    public enum Problem: Equatable, Sendable {
        /// The version is below `oldestVersion` (or is not a CPython 3 version).
        case tooOld
        /// `requires-python` excludes the version, so the wheel's tag would claim an interpreter the
        /// project does not support.
        case excluded(VersionSpecifiers)
    }

    /// The problem with this target for a project with `requiresPython`; nil when it can be built.
    public func problem(requiresPython: VersionSpecifiers?) -> Problem? {
        if version.major != 3 || version < oldestVersion { return .tooOld }
        if let requiresPython, !requiresPython.contains(version) { return .excluded(requiresPython) }
        return nil
    }
}
