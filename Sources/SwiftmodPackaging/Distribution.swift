import Foundation
import SwiftmodModel

/// One file of a wheel or an install: its path relative to the archive root (or to
/// site-packages), its bytes and whether it is executable.
public struct DistributionFile: Equatable, Sendable {
    /// The path relative to the archive root or site-packages, `/`-separated (`word_tools/__init__.py`).
    public var path: String
    /// The file's bytes, written as they are (text is UTF-8).
    public var data: Data
    /// Whether it gets mode 755 instead of 644 (scripts, the `swiftmod` binary).
    public var executable: Bool

    /// A file with the given bytes; not executable unless told.
    public init(path: String, data: Data, executable: Bool = false) {
        self.path = path
        self.data = data
        self.executable = executable
    }

    /// A non-executable text file, encoded as UTF-8.
    public init(path: String, text: String) {
        self.init(path: path, data: Data(text.utf8))
    }
}

/// Receives a distribution's files in order; the wheel archive, the site-packages installer
/// and the in-memory test double implement it.
public protocol DistributionWriter {
    mutating func write(_ file: DistributionFile) throws
}

/// Keeps the files in memory, in the order they were written (tests, dry runs).
public struct MemoryWriter: DistributionWriter {
    /// The files written so far, in order.
    public private(set) var files: [DistributionFile] = []

    /// An empty writer.
    public init() {}

    /// Appends `file`; never throws.
    public mutating func write(_ file: DistributionFile) throws { files.append(file) }

    /// The file at `path`, as text.
    public func text(_ path: String) -> String? {
        files.first { $0.path == path }.map { String(decoding: $0.data, as: UTF8.self) }
    }
}

/// A binary distribution as a value (PEP 427/491): the package files, the metadata and the
/// tag. `write(to:)` puts the package first and `.dist-info/` last, with `RECORD` at the end.
public struct Distribution: Sendable {
    /// How the files are being delivered.
    public enum Kind: Sendable, Equatable {
        /// A `.whl` archive.
        case wheel
        /// Installed straight into site-packages by `develop`: adds `INSTALLER` and a PEP 610
        /// `direct_url.json` pointing at the project.
        case install(installer: String, projectURL: String, editable: Bool)
    }

    /// The project's names: the wheel file name and `.dist-info` directory use the distribution's wheel spelling.
    public var names: ProjectNames
    /// The `METADATA` contents.
    public var metadata: CoreMetadata
    /// `cp311-cp311-manylinux_2_34_x86_64`.
    public var tag: WheelTag
    /// The package files (`<module>/__init__.py`, the extension, ...), paths relative to the root.
    public var packageFiles: [DistributionFile]
    /// License files, paths relative to the project (placed under `.dist-info/licenses/`).
    public var licenseFiles: [DistributionFile]
    /// The `Generator:` line of `WHEEL` (`swiftmod 0.4.0`).
    public var generator: String

    /// A distribution of the given files; nothing is written until `write(to:kind:)`.
    public init(
        names: ProjectNames, metadata: CoreMetadata, tag: WheelTag, packageFiles: [DistributionFile], licenseFiles: [DistributionFile] = [],
        generator: String
    ) {
        self.names = names
        self.metadata = metadata
        self.tag = tag
        self.packageFiles = packageFiles
        self.licenseFiles = licenseFiles
        self.generator = generator
    }

    /// `word_tools-0.1.0.dist-info`.
    public var distInfoDirectory: String { distInfo.directory }

    /// `word_tools-0.1.0-cp311-cp311-manylinux_2_34_x86_64.whl`.
    public var wheelFileName: String { "\(names.wheelDistribution)-\(metadata.project.version)-\(tag).whl" }

    /// The `WHEEL` file.
    public var wheelFile: String {
        let tags = tag.expanded.map { "Tag: \($0)\n" }.joined()
        return "Wheel-Version: 1.0\nGenerator: \(generator)\nRoot-Is-Purelib: false\n" + tags
    }

    /// The `.dist-info/` files that do not depend on the build.
    public var distInfo: DistInfo { DistInfo(names: names, metadata: metadata, licenseFiles: licenseFiles) }

    /// Writes every file, package first, then `.dist-info/` sorted with `RECORD` last.
    /// Returns the RECORD text.
    @discardableResult
    public func write<W: DistributionWriter>(to writer: inout W, kind: Kind = .wheel) throws -> String {
        var record = Record()
        for file in packageFiles.sorted(by: { $0.path < $1.path }) {
            try writer.write(file)
            record.add(file)
        }
        let info = distInfoDirectory
        var distInfo = self.distInfo.files + [DistributionFile(path: "\(info)/WHEEL", text: wheelFile)]
        if case .install(let installer, let projectURL, let editable) = kind {
            distInfo.append(DistributionFile(path: "\(info)/INSTALLER", text: installer + "\n"))
            distInfo.append(DistributionFile(path: "\(info)/direct_url.json", text: Self.directURL(projectURL, editable: editable)))
        }
        for file in distInfo.sorted(by: { $0.path < $1.path }) {
            try writer.write(file)
            record.add(file)
        }
        let text = record.render(recordPath: "\(info)/RECORD")
        try writer.write(DistributionFile(path: "\(info)/RECORD", text: text))
        return text
    }

    /// PEP 610's `direct_url.json` for a local directory.
    static func directURL(_ url: String, editable: Bool) -> String {
        let escaped = url.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")
        return "{\"dir_info\": {\"editable\": \(editable)}, \"url\": \"\(escaped)\"}\n"
    }
}

/// A distribution's `.dist-info/` files that are known before anything is built (`METADATA`,
/// `entry_points.txt`, `licenses/`): the one source of them for a wheel, an install and PEP
/// 517's `prepare_metadata_for_build_wheel`. `WHEEL` (the tag) and `RECORD` (the files) are
/// added by `Distribution.write`, once the build is known.
public struct DistInfo: Sendable {
    /// The project's names: the directory is named from the distribution's wheel spelling.
    public var names: ProjectNames
    /// The `METADATA` contents; its entry points make `entry_points.txt`.
    public var metadata: CoreMetadata
    /// License files, paths relative to the project (placed under `licenses/`).
    public var licenseFiles: [DistributionFile]

    /// The `.dist-info/` files for `names` and `metadata`.
    public init(names: ProjectNames, metadata: CoreMetadata, licenseFiles: [DistributionFile] = []) {
        self.names = names
        self.metadata = metadata
        self.licenseFiles = licenseFiles
    }

    /// `word_tools-0.1.0.dist-info`.
    public var directory: String { "\(names.wheelDistribution)-\(metadata.project.version).dist-info" }

    /// `entry_points.txt`, or nil when the project declares none.
    public var entryPointsFile: String? {
        let groups = metadata.project.entryPoints.filter { !$0.entries.isEmpty }
        guard !groups.isEmpty else { return nil }
        return groups.map { group in
            "[\(group.group)]\n" + group.entries.map { "\($0.0) = \($0.1)\n" }.joined()
        }.joined(separator: "\n")
    }

    /// The files, paths below the distribution's root (`<directory>/METADATA`).
    public var files: [DistributionFile] {
        var files = [DistributionFile(path: "\(directory)/METADATA", text: metadata.render())]
        if let entryPointsFile { files.append(DistributionFile(path: "\(directory)/entry_points.txt", text: entryPointsFile)) }
        for license in licenseFiles { files.append(DistributionFile(path: "\(directory)/licenses/\(license.path)", data: license.data)) }
        return files
    }
}

/// The `RECORD` file: every file with its sha256 digest and size, then `RECORD,,`.
public struct Record: Equatable, Sendable {
    /// One CSV line per file added (`path,sha256=<unpadded urlsafe base64>,size`), in order, without line ends.
    public private(set) var lines: [String] = []

    /// An empty record.
    public init() {}

    /// Adds a line for `file`: its path, its sha256 digest and its size in bytes.
    public mutating func add(_ file: DistributionFile) {
        lines.append("\(Self.csvField(file.path)),\(Digest.recordHash(file.data)),\(file.data.count)")
    }

    /// The file's text: every line added, then `recordPath,,` (RECORD lists itself without a digest), each ending in `\n`.
    public func render(recordPath: String) -> String {
        (lines + ["\(Self.csvField(recordPath)),,"]).map { $0 + "\n" }.joined()
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break.
    static func csvField(_ value: String) -> String {
        value.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + value.replacingAll("\"", with: "\"\"") + "\"" : value
    }

    /// The paths listed in a RECORD text (first CSV field of each line).
    public static func paths(in text: String) -> [String] {
        // pip writes RECORD with csv's "\r\n" line ends, which Swift sees as one Character.
        text.split(whereSeparator: \.isNewline).compactMap { line -> String? in
            guard !line.isEmpty else { return nil }
            if line.hasPrefix("\"") {
                var result = ""
                var index = line.index(after: line.startIndex)
                while index < line.endIndex {
                    let c = line[index]
                    index = line.index(after: index)
                    if c == "\"" {
                        if index < line.endIndex, line[index] == "\"" {
                            result.append("\"")
                            index = line.index(after: index)
                        } else {
                            break
                        }
                    } else {
                        result.append(c)
                    }
                }
                return result
            }
            return String(line.prefix(while: { $0 != "," }))
        }
    }
}

/// A wheel's compatibility tag (PEP 425): `cp311-cp311-manylinux_2_34_x86_64`.
public struct WheelTag: Equatable, Sendable, CustomStringConvertible {
    /// The Python tag: `cp311` for a version-specific or abi3 build, `py3` for swiftmod's own wheel.
    public var python: String
    /// One ABI, or several joined with `.` (`abi3.abi3t`).
    public var abi: String
    /// One platform, or several joined with `.`.
    public var platform: String

    /// A tag from its three parts, not checked.
    public init(python: String, abi: String, platform: String) {
        self.python = python
        self.abi = abi
        self.platform = platform
    }

    /// `python-abi-platform`, as in a wheel file name.
    public var description: String { "\(python)-\(abi)-\(platform)" }

    /// Each single tag a compressed tag set stands for, as the `WHEEL` file lists them.
    public var expanded: [String] {
        abi.split(separator: ".").flatMap { abi in platform.split(separator: ".").map { "\(python)-\(abi)-\($0)" } }
    }
}
