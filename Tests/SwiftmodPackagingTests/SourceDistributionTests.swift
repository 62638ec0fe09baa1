import Foundation
import SwiftmodModel
import SwiftmodPackaging
import Testing

/// `.gitignore` rules, checked against what git does with the same patterns.
@Suite struct IgnoreRulesMatching {
    func rules(_ root: String, _ nested: [String: String] = [:]) -> IgnoreRules {
        var rules = IgnoreRules()
        rules.add(root, in: "")
        for (directory, text) in nested.sorted(by: { $0.key < $1.key }) { rules.add(text, in: directory) }
        return rules
    }

    @Test(arguments: [
        // pattern, path, is a directory, ignored
        ("*.so", "word_tools.so", false, true),
        ("*.so", "a/b/word_tools.so", false, true),
        (".build/", ".build", true, true),
        (".build/", ".build", false, false),  // a file named .build is kept
        ("/dist", "dist", true, true),
        ("/dist", "sub/dist", true, false),  // anchored to the root
        ("docs/*.md", "docs/a.md", false, true),
        ("docs/*.md", "docs/x/a.md", false, false),  // * does not cross /
        ("docs/**/draft*", "docs/x/y/draft1.md", false, true),
        ("docs/**/draft*", "docs/draft1.md", false, true),  // ** matches no directory too
        ("**/cache", "a/b/cache", true, true),
        ("a/**", "a/b", false, true),
        ("\\#hash", "#hash", false, true),
        ("# comment", "# comment", false, false),
        ("name\\ ", "name ", false, true),
        ("name ", "name", false, true),  // unescaped trailing spaces are dropped
        ("[ab].txt", "b.txt", false, true),
        ("?.txt", "ab.txt", false, false),
        ("*", ".hidden", false, true),  // a leading dot needs no special match
    ])
    func pattern(_ pattern: String, path: String, isDirectory: Bool, ignored: Bool) {
        #expect(rules(pattern).isIgnored(path, isDirectory: isDirectory) == ignored)
    }

    @Test func theLastMatchingRuleWinsAndNegationReincludes() {
        let rules = rules("*.log\n!keep.log\n")
        #expect(rules.isIgnored("a.log", isDirectory: false))
        #expect(!rules.isIgnored("keep.log", isDirectory: false))
        #expect(!rules.isIgnored("sub/keep.log", isDirectory: false))
    }

    @Test func aNestedGitignoreAppliesBelowItsDirectoryOnlyAndOverridesItsParents() {
        let rules = rules("*.bin\n", ["data": "!important.bin\n/local.txt\n"])
        #expect(rules.isIgnored("big.bin", isDirectory: false))
        #expect(!rules.isIgnored("data/important.bin", isDirectory: false))
        #expect(rules.isIgnored("important.bin", isDirectory: false))
        #expect(rules.isIgnored("data/local.txt", isDirectory: false))
        #expect(!rules.isIgnored("local.txt", isDirectory: false))
        #expect(!rules.isIgnored("database/local.txt", isDirectory: false))
    }

    @Test func windowsLineEndsAreLineEnds() {
        #expect(rules("*.o\r\n*.a\r\n").isIgnored("x.a", isDirectory: false))
    }
}

/// The sdist value and its tar.gz writer.
@Suite struct SourceDistributionWriting {
    let names = ProjectNames(distribution: "Word.Tools", module: "word_tools", swiftTarget: "WordTools")

    func sdist(_ files: [DistributionFile]) throws -> SourceDistribution {
        try SourceDistribution(
            names: names, metadata: CoreMetadata(project: ProjectMetadata(name: "Word.Tools", version: "1.0")), files: files)
    }

    @Test func pkgInfoComesFirstThenTheFilesSortedBelowOneDirectory() throws {
        let value = try sdist([
            DistributionFile(path: "pyproject.toml", text: "x"), DistributionFile(path: "Package.swift", text: "y"),
            DistributionFile(path: "PKG-INFO", text: "stale, from an unpacked sdist"),
        ])
        var writer = MemoryWriter()
        try value.write(to: &writer)
        #expect(value.fileName == "word_tools-1.0.tar.gz")
        #expect(writer.files.map(\.path) == ["word_tools-1.0/PKG-INFO", "word_tools-1.0/Package.swift", "word_tools-1.0/pyproject.toml"])
        #expect(writer.text("word_tools-1.0/PKG-INFO")?.hasPrefix("Metadata-Version: 2.4\nName: Word.Tools\nVersion: 1.0\n") == true)
    }

    @Test(arguments: ["../escape", "/etc/passwd", "a/../../b", "a//b", "./a", "a\\b", "a/"])
    func pathsThatCouldLeaveTheArchiveAreRefused(_ path: String) {
        #expect(throws: SourceDistributionError.self) { try sdist([DistributionFile(path: path, text: "")]) }
    }

    /// The entries of an uncompressed tar stream: (name from pax or ustar, mode, size, mtime).
    func entries(_ tar: Data) -> [(String, Int, Int, Int)] {
        let bytes = [UInt8](tar)
        var result: [(String, Int, Int, Int)] = []
        var offset = 0
        var paxPath: String?
        func string(_ start: Int, _ length: Int) -> String {
            String(decoding: bytes[start..<start + length].prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        func octal(_ start: Int, _ length: Int) -> Int { Int(string(start, length).trimmingCharacters(in: .whitespaces), radix: 8) ?? -1 }
        while offset + 512 <= bytes.count, bytes[offset..<offset + 512].contains(where: { $0 != 0 }) {
            // The checksum covers the header with its own field as spaces.
            var header = Array(bytes[offset..<offset + 512])
            for index in 148..<156 { header[index] = 32 }
            #expect(header.reduce(0) { $0 + Int($1) } == octal(offset + 148, 8))
            #expect(string(offset + 257, 6) == "ustar")
            let size = octal(offset + 124, 12)
            let body = offset + 512
            if bytes[offset + 156] == UInt8(ascii: "x") {
                let record = String(decoding: bytes[body..<body + size], as: UTF8.self)
                paxPath = record.split(separator: "=", maxSplits: 1).last.map { String($0.dropLast()) }
            } else {
                let prefix = string(offset + 345, 155)
                let name = paxPath ?? (prefix.isEmpty ? string(offset, 100) : prefix + "/" + string(offset, 100))
                result.append((name, octal(offset + 100, 8), size, octal(offset + 136, 12)))
                paxPath = nil
            }
            offset = body + (size + 511) / 512 * 512
        }
        return result
    }

    @Test func ustarHeadersWithAPaxRecordForALongPath() throws {
        let long = String(repeating: "a", count: 60) + "/" + String(repeating: "b", count: 120) + ".txt"
        let split = String(repeating: "c", count: 120) + "/" + String(repeating: "d", count: 90)
        let archive = TarArchive(date: Date(timeIntervalSince1970: 1_700_000_000))
        try archive.write(DistributionFile(path: "p/short.txt", text: "hello"))
        try archive.write(DistributionFile(path: long, text: String(repeating: "x", count: 600)))
        try archive.write(DistributionFile(path: split, data: Data(), executable: true))
        try archive.write(DistributionFile(path: "p/héllo.txt", text: ""))
        let found = entries(archive.finishTar())
        #expect(found.map(\.0) == ["p/short.txt", long, split, "p/héllo.txt"])
        #expect(found.map(\.1) == [0o644, 0o644, 0o755, 0o644])
        #expect(found.map(\.2) == [5, 600, 0, 0])
        #expect(Set(found.map(\.3)) == [1_700_000_000])
    }

    @Test func paxRecordLengthCountsItself() {
        // "9 a=bcd\n" is 8 bytes, so the length needs care at digit boundaries.
        for length in [1, 90, 93, 94, 95, 990, 994, 995] {
            let record = String(decoding: TarArchive.paxRecord(key: "path", value: String(repeating: "v", count: length)), as: UTF8.self)
            let declared = Int(record.prefix(while: { $0 != " " }))
            #expect(declared == record.utf8.count, "value of \(length) bytes")
        }
    }

    @Test func gzipIsReproducibleAndCarriesTheCRCAndSize() throws {
        let make = { () throws -> Data in
            let archive = TarArchive(date: Date(timeIntervalSince1970: 0))
            try archive.write(DistributionFile(path: "a.txt", text: String(repeating: "swift ", count: 1000)))
            return try archive.finish()
        }
        let first = try make()
        #expect(first == (try make()))
        #expect(Array(first.prefix(10)) == [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0x03])
        let size = first.suffix(4).withUnsafeBytes { $0.loadUnaligned(as: UInt32.self).littleEndian }
        #expect(size == 512 + 6144 + 1024)  // header, data padded to 512-byte blocks, two end blocks
        #expect(first.count < 1000)
    }
}

/// RECORD files written by pip (csv: "\r\n" line ends).
@Suite struct RecordReading {
    @Test func crlfLineEndsAndQuotedPaths() {
        let text =
            "a/__init__.py,sha256=x,1\r\n\"a/with,comma.py\",sha256=y,2\r\na-1.0.dist-info/REQUESTED,sha256=z,0\r\na-1.0.dist-info/RECORD,,\r\n"
        #expect(Record.paths(in: text) == ["a/__init__.py", "a/with,comma.py", "a-1.0.dist-info/REQUESTED", "a-1.0.dist-info/RECORD"])
    }
}
