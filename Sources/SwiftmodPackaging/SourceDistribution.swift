import Foundation
import SwiftmodModel

/// A source distribution as a value (the PyPA sdist format): `PKG-INFO` and the project's
/// files, all below one `<name>-<version>/` directory. `write(to:)` puts `PKG-INFO` first,
/// then the files sorted by path.
public struct SourceDistribution: Sendable {
    /// The project's names: the archive's top directory uses the distribution's wheel spelling (PEP 625).
    public var names: ProjectNames
    /// The `PKG-INFO` contents.
    public var metadata: CoreMetadata
    /// The project's files, paths relative to the project root.
    public var files: [DistributionFile]

    /// Fails when a path could leave the archive's root or is not a plain relative path.
    public init(names: ProjectNames, metadata: CoreMetadata, files: [DistributionFile]) throws(SourceDistributionError) {
        for file in files { try Self.checkPath(file.path) }
        var seen = Set<String>()
        for file in files where !seen.insert(file.path).inserted {
            throw SourceDistributionError(path: file.path, reason: "it is listed twice")
        }
        self.names = names
        self.metadata = metadata
        self.files = files
    }

    /// `word_tools-0.1.0`: the archive's top directory (PEP 625 name, normalized version).
    public var baseName: String { "\(names.wheelDistribution)-\(metadata.project.version)" }

    /// `word_tools-0.1.0.tar.gz`.
    public var fileName: String { baseName + ".tar.gz" }

    /// Writes `PKG-INFO`, then every file, each below `baseName/`.
    public func write<W: DistributionWriter>(to writer: inout W) throws {
        try writer.write(DistributionFile(path: "\(baseName)/PKG-INFO", text: metadata.render()))
        for file in files.sorted(by: { $0.path < $1.path }) where file.path != "PKG-INFO" {
            var entry = file
            entry.path = "\(baseName)/\(file.path)"
            try writer.write(entry)
        }
    }

    /// A relative path of plain names: no `..`, no `.`, no empty part, not absolute, no NUL.
    static func checkPath(_ path: String) throws(SourceDistributionError) {
        if path.hasPrefix("/") { throw SourceDistributionError(path: path, reason: "it is absolute") }
        if path.contains("\0") || path.contains("\\") {
            throw SourceDistributionError(path: path, reason: "it contains a NUL or a backslash")
        }
        for part in path.split(separator: "/", omittingEmptySubsequences: false) where part.isEmpty || part == "." || part == ".." {
            throw SourceDistributionError(path: path, reason: "it has an empty, `.` or `..` part and could point outside the archive")
        }
    }
}

/// A file that cannot go into an sdist.
public struct SourceDistributionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The offending path, as given.
    public var path: String
    /// Why it cannot go in (`it is absolute`, `it is listed twice`, ...).
    public var reason: String
    /// The message: cannot put `<path>` into the sdist: <reason>.
    public var description: String { "cannot put `\(path)` into the sdist: \(reason)" }
}
