import Foundation

/// A minimal reader for 64-bit little-endian ELF shared objects: what the extension checks and
/// the platform tag need (dynamic symbols, `NEEDED`, RUNPATH, versioned requirements).
public struct ELFFile: Sendable {
    /// Why a file could not be read as ELF.
    public struct Invalid: Error, CustomStringConvertible {
        /// What is wrong (`not an ELF file`, `truncated ELF file`, ...).
        public var description: String
    }

    /// Names of the defined, global dynamic symbols.
    public var exportedSymbols: Set<String> = []
    /// Names of the dynamic symbols the object imports (undefined).
    public var importedSymbols: Set<String> = []
    /// `DT_NEEDED` entries.
    public var needed: [String] = []
    /// `DT_RUNPATH` and `DT_RPATH` entries.
    public var runpaths: [String] = []
    /// Symbol versions required from each library (`libc.so.6` → `GLIBC_2.34`), from
    /// `.gnu.version_r`.
    public var versionRequirements: [String: Set<String>] = [:]
    /// `e_machine` (62 is x86-64).
    public var machine: Int = 0

    /// The architecture as wheel platform tags spell it, or nil for a machine swiftmod does not
    /// know (the reader only reads 64-bit little-endian files).
    public var architecture: String? {
        switch machine {
        case 62: "x86_64"
        case 183: "aarch64"
        case 21: "ppc64le"
        case 243: "riscv64"
        default: nil
        }
    }

    /// Reads the headers, dynamic symbols, dynamic section and version requirements of a 64-bit little-endian ELF file.
    /// Throws `Invalid` for anything else, or when an offset points outside `bytes`.
    public init(bytes: [UInt8]) throws(Invalid) {
        func u16(_ o: Int) throws(Invalid) -> Int {
            guard o >= 0, o + 2 <= bytes.count else { throw Invalid(description: "truncated ELF file") }
            return Int(bytes[o]) | Int(bytes[o + 1]) << 8
        }
        func u32(_ o: Int) throws(Invalid) -> Int {
            let lo = try u16(o)
            let hi = try u16(o + 2)
            return lo | hi << 16
        }
        func u64(_ o: Int) throws(Invalid) -> Int {
            let lo = try u32(o)
            let hi = try u32(o + 4)
            return lo | hi << 32
        }
        func string(_ o: Int) -> String {
            guard o >= 0, o < bytes.count else { return "" }
            let end = bytes[o...].firstIndex(of: 0) ?? bytes.count
            return String(decoding: bytes[o..<end], as: UTF8.self)
        }
        guard bytes.count > 64, bytes[0..<4] == [0x7F, 0x45, 0x4C, 0x46] else { throw Invalid(description: "not an ELF file") }
        guard bytes[4] == 2, bytes[5] == 1 else { throw Invalid(description: "not a 64-bit little-endian ELF file") }
        machine = try u16(0x12)
        let sectionOffset = try u64(0x28)
        let sectionSize = try u16(0x3A)
        let sectionCount = try u16(0x3C)
        struct Section {
            var type: Int
            var offset: Int
            var size: Int
            var link: Int
            var entrySize: Int
        }
        var sections: [Section] = []
        for index in 0..<sectionCount {
            let base = sectionOffset + index * sectionSize
            sections.append(
                Section(
                    type: try u32(base + 4), offset: try u64(base + 0x18), size: try u64(base + 0x20), link: try u32(base + 0x28),
                    entrySize: try u64(base + 0x38)))
        }
        let dynamicSymbols = 11
        let dynamicSection = 6
        let versionNeeds = 0x6fff_fffe  // SHT_DYNSYM, SHT_DYNAMIC, SHT_GNU_VERNEED
        for section in sections where section.type == dynamicSymbols && section.entrySize > 0 && section.link < sections.count {
            let strings = sections[section.link].offset
            for index in 1..<max(1, section.size / section.entrySize) {
                let entry = section.offset + index * section.entrySize
                let info = Int(bytes[entry + 4])
                let sectionIndex = try u16(entry + 6)
                let binding = info >> 4
                let name = string(strings + (try u32(entry)))
                if sectionIndex != 0, binding == 1 || binding == 2 { exportedSymbols.insert(name) }
                if sectionIndex == 0, !name.isEmpty { importedSymbols.insert(name) }
            }
        }
        for section in sections where section.type == dynamicSection && section.link < sections.count {
            let strings = sections[section.link].offset
            var entry = section.offset
            while entry + 16 <= section.offset + section.size {
                let tag = try u64(entry)
                if tag == 0 { break }
                if tag == 1 { needed.append(string(strings + (try u64(entry + 8)))) }
                if tag == 15 || tag == 29 { runpaths.append(string(strings + (try u64(entry + 8)))) }
                entry += 16
            }
        }
        for section in sections where section.type == versionNeeds && section.link < sections.count {
            let strings = sections[section.link].offset
            var need = section.offset
            var remaining = 1000
            while remaining > 0 {
                remaining -= 1
                let count = try u16(need + 2)
                let file = string(strings + (try u32(need + 4)))
                var aux = need + (try u32(need + 8))
                for _ in 0..<count {
                    versionRequirements[file, default: []].insert(string(strings + (try u32(aux + 8))))
                    let next = try u32(aux + 12)
                    if next == 0 { break }
                    aux += next
                }
                let next = try u32(need + 12)
                if next == 0 { break }
                need += next
            }
        }
    }
}
