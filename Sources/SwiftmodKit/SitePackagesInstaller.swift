import Foundation
import SwiftmodModel
import SwiftmodPackaging

/// Installs a distribution straight into a site-packages directory, the way pip would install
/// its wheel: the files, then `.dist-info/` with `RECORD`, `INSTALLER` and `direct_url.json`.
/// A previous install of the same distribution is replaced: files it listed that the new one
/// does not have are removed afterwards, so the directory is never without a working module.
public struct SitePackagesInstaller {
    /// The absolute site-packages directory (purelib/platlib) the distribution is installed into.
    public let sitePackages: String
    /// The environment's root (a virtualenv): files of an old install are only ever removed
    /// below it (scripts live in its `bin/`, data files anywhere in it).
    public let prefix: String

    /// What an install changed.
    public struct Outcome: Sendable {
        /// How many files were written because they were new or changed.
        public var written: Int
        /// How many files already had the right contents and were left alone.
        public var unchanged: Int
        /// How many files of a previous install were removed because the new one no longer has them.
        public var removed: Int
        /// The absolute path of the new install's `RECORD`.
        public var recordPath: String
    }

    /// An installer into `sitePackages`, removing old files only below `prefix` (default: `sitePackages`).
    public init(sitePackages: String, prefix: String? = nil) {
        self.sitePackages = sitePackages
        self.prefix = URL(fileURLWithPath: prefix ?? sitePackages).standardizedFileURL.path
    }

    /// Installs `distribution`; `projectURL` goes into `direct_url.json`.
    public func install(_ distribution: Distribution, projectURL: String, editable: Bool) throws -> Outcome {
        // Read the old RECORDs first: the new install may overwrite them.
        let previous = previousInstalls(of: distribution.names).map { distInfo in
            let recordPath = sitePackages + "/" + distInfo + "/RECORD"
            return (
                distInfo,
                FileManager.default.contents(atPath: recordPath).map { Record.paths(in: String(decoding: $0, as: UTF8.self)) } ?? []
            )
        }
        var writer = DiskWriter(root: sitePackages)
        try distribution.write(to: &writer, kind: .install(installer: "swiftmod", projectURL: projectURL, editable: editable))
        let kept = Set(writer.paths)
        var removed = 0
        for (distInfo, listed) in previous {
            for path in listed where !kept.contains(path) {
                if remove(path) { removed += 1 }
            }
            if !kept.contains(distInfo + "/RECORD") { removeTree(sitePackages + "/" + distInfo) }
        }
        return Outcome(
            written: writer.written, unchanged: writer.unchanged, removed: removed,
            recordPath: sitePackages + "/" + distribution.distInfoDirectory + "/RECORD")
    }

    /// The `.dist-info` directories of earlier installs of `names` (any version).
    func previousInstalls(of names: ProjectNames) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: sitePackages)) ?? []
        return entries.filter { entry in
            guard entry.hasSuffix(".dist-info") else { return false }
            let distribution = entry.dropLast(".dist-info".count).prefix(while: { $0 != "-" })
            return NameRules.normalize(String(distribution)) == names.normalizedDistribution
        }.sorted()
    }

    /// Removes one file listed in an old RECORD (and its bytecode), then directories left empty.
    private func remove(_ relative: String) -> Bool {
        let path = URL(fileURLWithPath: sitePackages + "/" + relative).standardizedFileURL.path
        // Only ever delete inside the environment.
        guard path.hasPrefix(prefix + "/"), FileManager.default.fileExists(atPath: path) else { return false }
        try? FileManager.default.removeItem(atPath: path)
        var directory = (path as NSString).deletingLastPathComponent
        if path.hasSuffix(".py") {
            let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            let cache = directory + "/__pycache__"
            for name in (try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? []
            where name.hasPrefix(stem + ".") && name.hasSuffix(".pyc") {
                try? FileManager.default.removeItem(atPath: cache + "/" + name)
            }
            removeIfEmpty(cache)
        }
        while directory.hasPrefix(sitePackages + "/")
            || (directory.hasPrefix(prefix + "/") && !Self.keptDirectories.contains((directory as NSString).lastPathComponent)),
            removeIfEmpty(directory)
        {
            directory = (directory as NSString).deletingLastPathComponent
        }
        return true
    }

    /// The environment's own directories, never removed even when empty.
    static let keptDirectories: Set<String> = ["bin", "lib", "include", "share", "site-packages"]

    @discardableResult
    private func removeIfEmpty(_ directory: String) -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory), names.isEmpty else { return false }
        return (try? FileManager.default.removeItem(atPath: directory)) != nil
    }

    private func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Writes distribution files below a directory: unchanged files are left alone, changed ones
/// are written to a temporary file and renamed over the old, so a process that has the old
/// extension loaded keeps its copy.
struct DiskWriter: DistributionWriter {
    let root: String
    private(set) var paths: [String] = []
    private(set) var written = 0
    private(set) var unchanged = 0
    private let files = FileWriter()

    init(root: String) {
        self.root = root
    }

    mutating func write(_ file: DistributionFile) throws {
        paths.append(file.path)
        let path = root + "/" + file.path
        if FileManager.default.contents(atPath: path) == file.data {
            unchanged += 1
            return
        }
        try files.createDirectory((path as NSString).deletingLastPathComponent)
        try files.writeAtomically(file.data, to: path, permissions: file.executable ? 0o755 : 0o644)
        written += 1
    }
}
