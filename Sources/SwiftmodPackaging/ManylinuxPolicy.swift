/// One manylinux policy (PEP 600), as auditwheel defines it: the libraries a wheel may link
/// against and the symbol versions it may require from them.
public struct ManylinuxPolicy: Equatable, Sendable {
    /// `manylinux_2_34`.
    public var name: String
    /// Legacy names (`manylinux2014`).
    public var aliases: [String]
    /// Higher is more compatible (older glibc).
    public var priority: Int
    /// Allowed versions per family (`GLIBC` → `2.2.5`, ...).
    public var symbolVersions: [String: Set<String>]
    /// Libraries a wheel may list in `NEEDED`.
    public var libraryWhitelist: Set<String>
    /// Symbols that must not be imported from a library even when it is whitelisted.
    public var blacklist: [String: Set<String>]

    /// A policy as auditwheel's `manylinux-policy.json` describes it.
    public init(
        name: String, aliases: [String], priority: Int, symbolVersions: [String: Set<String>],
        libraryWhitelist: Set<String>, blacklist: [String: Set<String>]
    ) {
        self.name = name
        self.aliases = aliases
        self.priority = priority
        self.symbolVersions = symbolVersions
        self.libraryWhitelist = libraryWhitelist
        self.blacklist = blacklist
    }

    /// Why `binary` does not meet this policy, or nil when it does.
    public func violation(by binary: BinaryRequirements) -> String? {
        for library in binary.needed.sorted() where !libraryWhitelist.contains(library) {
            return "it links \(library), which \(name) does not allow"
        }
        for (library, versions) in binary.versionRequirements.sorted(by: { $0.key < $1.key }) {
            for version in versions.sorted() {
                let family = String(version.prefix(while: { $0 != "_" }))
                guard let allowed = symbolVersions[family] else { continue }
                let number = String(version.dropFirst(family.count + 1))
                if !allowed.contains(number) { return "it requires \(version) from \(library), newer than \(name) allows" }
            }
        }
        for (library, symbols) in blacklist.sorted(by: { $0.key < $1.key }) where binary.needed.contains(library) {
            if let symbol = binary.importedSymbols.intersection(symbols).sorted().first {
                return "it uses \(symbol) from \(library), which \(name) forbids"
            }
        }
        return nil
    }
}

/// What a shared object asks of the system it is loaded on, read from its ELF headers.
public struct BinaryRequirements: Equatable, Sendable {
    /// The `DT_NEEDED` libraries (`libc.so.6`), without the dynamic loader.
    public var needed: [String]
    /// `NEEDED` and the symbol versions per library; the dynamic loader (`ld-linux`) is left
    /// out, as auditwheel does.
    public var versionRequirements: [String: Set<String>]
    /// The names of the undefined dynamic symbols, checked against a policy's blacklist.
    public var importedSymbols: Set<String>
    /// The architecture as platform tags spell it (`x86_64`, `aarch64`), from ELF's `e_machine`;
    /// nil for a machine swiftmod does not know.
    public var architecture: String?

    /// What is wrong when the binary links libpython (docs/design/building.md#extension-checks), or nil.
    public var libpythonProblem: String? {
        needed.first { $0.hasPrefix("libpython") }.map {
            "the extension links \($0); an extension must leave Python's symbols to the interpreter that loads it"
        }
    }

    /// Requirements as given, with the dynamic loader (`ld-linux*`, `ld64.so.*`) filtered out.
    public init(
        needed: [String], versionRequirements: [String: Set<String>], importedSymbols: Set<String> = [], architecture: String? = "x86_64"
    ) {
        // The dynamic loader is always there; auditwheel leaves it out too.
        func isLoader(_ library: String) -> Bool { library.contains("ld-linux") || library == "ld64.so.1" || library == "ld64.so.2" }
        self.needed = needed.filter { !isLoader($0) }
        self.versionRequirements = versionRequirements.filter { !isLoader($0.key) }
        self.importedSymbols = importedSymbols
        self.architecture = architecture
    }

    /// The requirements read from a parsed shared object.
    public init(elf: ELFFile) {
        self.init(
            needed: elf.needed, versionRequirements: elf.versionRequirements, importedSymbols: elf.importedSymbols,
            architecture: elf.architecture)
    }

    /// The highest version required in each family (`GLIBC_2.34`), for messages.
    public var highestVersions: [String] {
        var best: [String: (parts: [Int], text: String)] = [:]
        for version in versionRequirements.values.flatMap({ $0 }) {
            let family = String(version.prefix(while: { $0 != "_" }))
            let parts = version.dropFirst(family.count + 1).split(separator: ".").compactMap { Int($0) }
            guard !parts.isEmpty else { continue }
            if best[family].map({ $0.parts.lexicographicallyPrecedes(parts) }) ?? true { best[family] = (parts, version) }
        }
        return best.values.map(\.text).sorted()
    }
}

/// The platform tag a wheel gets (docs/design/building.md#platform-tag).
public enum PlatformTag {
    /// How to choose the tag.
    public enum Compatibility: String, Sendable, CaseIterable {
        /// The most compatible manylinux policy that the binary meets.
        case manylinux
        /// The plain `linux_x86_64` tag (not installable from PyPI).
        case linux
    }

    /// The plain `linux_<arch>` tag: for a build that only works on this kind of system (the
    /// editable and `develop` builds, `--compatibility linux`).
    public static func linux(architecture: String?) -> String { "linux_" + (architecture ?? "unknown") }

    /// Why no tag could be given.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        /// Why the binary cannot be tagged (it links libpython, its architecture is unknown, no policy allows it) and what to do.
        public var description: String
    }

    /// The tag, or tags joined with `.` when the policy has legacy aliases
    /// (`manylinux_2_17_x86_64.manylinux2014_x86_64`), and the policy chosen.
    public static func choose(
        for binary: BinaryRequirements, compatibility: Compatibility = .manylinux
    ) throws(Failure) -> (tag: String, policy: ManylinuxPolicy?) {
        if let problem = binary.libpythonProblem { throw Failure(description: problem) }
        guard let architecture = binary.architecture else {
            throw Failure(
                description:
                    "the extension is built for a machine swiftmod does not know how to tag (ELF e_machine); build on x86_64 or aarch64")
        }
        if compatibility == .linux { return (linux(architecture: architecture), nil) }
        guard let policies = ManylinuxPolicy.byArchitecture[architecture] else {
            throw Failure(
                description:
                    "swiftmod carries auditwheel's manylinux policies for \(ManylinuxPolicy.byArchitecture.keys.sorted().joined(separator: ", ")) only, and this extension is \(architecture): build with --compatibility linux for a linux_\(architecture) wheel that only this kind of system can use"
            )
        }
        let ordered = policies.sorted { $0.priority > $1.priority }
        for policy in ordered where policy.violation(by: binary) == nil {
            let tags = ([policy.name] + policy.aliases).map { "\($0)_\(architecture)" }
            return (tags.joined(separator: "."), policy)
        }
        guard let newest = ordered.last else { throw Failure(description: "no manylinux policies are known") }
        let reason = newest.violation(by: binary) ?? "it meets no policy"
        throw Failure(
            description:
                "the extension fits no manylinux policy: \(reason). Link that library statically, or build with --compatibility linux for a wheel that only this kind of system can use"
        )
    }
}

extension ManylinuxPolicy {
    /// The policy tables swiftmod carries, by architecture (auditwheel's, generated into
    /// `ManylinuxPolicy+Table.swift`). A wheel for another machine can only be tagged
    /// `linux_<arch>` (and says so).
    public static let byArchitecture: [String: [ManylinuxPolicy]] = ["x86_64": x86_64, "aarch64": aarch64]
}
