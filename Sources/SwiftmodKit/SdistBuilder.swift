import Foundation
import SwiftmodModel
import SwiftmodPackaging

/// `swiftmod sdist`: the project's source as `<name>-<version>.tar.gz`, with `PKG-INFO`.
/// It holds the files git would hold (`.gitignore` rules at every level), never build output,
/// virtualenvs or VCS data, plus whatever `[project]` names (readme, license files), so that
/// building a wheel from the unpacked archive works.
public struct SdistBuilder {
    /// The sdist written.
    public struct Outcome: Sendable {
        /// The archive's absolute path (`<out>/<name>-<version>.tar.gz`).
        public var path: String
        /// The archive's size in bytes.
        public var size: Int
        /// The archive's entries, in order.
        public var entries: [String]
    }

    /// The command's context: the project, the environment (`SOURCE_DATE_EPOCH`,
    /// `SWIFTMOD_SWIFT`) and the runner (`swift package dump-package`, to find local package
    /// dependencies).
    public let context: BuildContext
    /// The directory the archive goes into; nil means `<project>/dist`.
    public let outDirectory: String?

    /// A builder writing into `outDirectory` (default `<project>/dist`); nothing runs until `run()`.
    public init(context: BuildContext, outDirectory: String? = nil) {
        self.context = context
        self.outDirectory = outDirectory
    }

    /// Collects the files, checks the project's local package dependencies are inside it, and writes the archive.
    /// Throws `SwiftmodError` when a file cannot go in or the metadata is invalid.
    public func run() throws -> Outcome {
        let project = context.project
        let outDirectory = URL(fileURLWithPath: self.outDirectory ?? project.root + "/dist").standardizedFileURL.path
        let date = try context.sourceDate()
        let (core, licenses) = try DistributionAssembler.metadata(of: project)

        try checkLocalDependencies(project)
        var paths = Set(try ProjectWalker.gitFiles(project.root, excluding: outDirectory))
        let pyproject = project.pyproject
        // `include` adds files (even ignored ones), `exclude` drops them; develop's builds of a
        // mixed project's extension never go in.
        if !pyproject.include.isEmpty {
            for path in DistributionAssembler.projectFiles(project.root, recursive: true)
            where pyproject.include.contains(where: { $0.matches(path, for: .sdist) }) {
                paths.insert(path)
            }
        }
        paths = paths.filter { path in !pyproject.exclude.contains { $0.matches(path, for: .sdist) } }
        if let directory = project.layout.sourceExtensionDirectory {
            paths = paths.filter { path in
                let name = (path as NSString).lastPathComponent
                return (path as NSString).deletingLastPathComponent != directory
                    || !(project.layout.isExtensionBuild(name) || name == project.layout.stubFileName)
            }
        }
        // A build from the sdist resolves the Swift dependencies the checkout resolved.
        if FileManager.default.fileExists(atPath: project.root + "/Package.resolved") { paths.insert("Package.resolved") }
        // What the metadata names must be there even when ignored.
        if case .file(let readme, _) = project.pyproject.metadata.readme, !readme.hasPrefix("/") { paths.insert(readme) }
        if case .file(let license) = project.pyproject.metadata.license, !license.hasPrefix("/") { paths.insert(license) }
        for license in licenses { paths.insert(license.path) }
        for required in ["pyproject.toml", "Package.swift"] where !paths.contains(required) {
            throw SwiftmodError.sourceDistribution(
                path: project.root + "/" + required, reason: "it is missing or ignored by .gitignore, and a build from the sdist needs it")
        }

        var files: [DistributionFile] = []
        for path in paths.sorted() {
            let full = project.root + "/" + path
            guard let data = FileManager.default.contents(atPath: full) else {
                throw SwiftmodError.fileSystem(path: full, action: "read", reason: "the file cannot be read")
            }
            files.append(DistributionFile(path: path, data: data, executable: FileManager.default.isExecutableFile(atPath: full)))
        }
        let sdist: SourceDistribution
        do { sdist = try SourceDistribution(names: project.pyproject.names, metadata: core, files: files) } catch {
            throw SwiftmodError.sourceDistribution(path: project.root + "/" + error.path, reason: error.reason)
        }

        let archive = TarArchive(date: date)
        var writer = EntryRecorder(archive: archive)
        try sdist.write(to: &writer)
        let data = try archive.finish()
        let disk = FileWriter()
        try disk.createDirectory(outDirectory)
        let path = outDirectory + "/" + sdist.fileName
        try disk.writeAtomically(data, to: path, permissions: 0o644)
        return Outcome(path: path, size: data.count, entries: writer.entries)
    }

    /// Refuses a local package dependency outside the project (`.package(path: "../Shared")`):
    /// a build from the sdist could not find it. Package.swift is asked through
    /// `swift package dump-package`, only when its text mentions `path:`.
    func checkLocalDependencies(_ project: Project) throws {
        let manifest = project.root + "/Package.swift"
        guard let text = try? String(contentsOfFile: manifest, encoding: .utf8), text.contains("path:") else { return }
        let output = try context.runner.run(context.swift, ["package", "dump-package", "--package-path", project.root])
        guard output.status == 0 else {
            throw SwiftmodError.sourceDistribution(
                path: manifest,
                reason:
                    "`swift package dump-package` failed, so its dependencies cannot be checked: \(CompilerOutput.relevant(output.combined))"
            )
        }
        let root = URL(fileURLWithPath: project.root).resolvingSymlinksInPath().path
        for dependency in Self.localDependencies(dumpedManifest: Data(output.stdout.utf8)) {
            let path = URL(fileURLWithPath: dependency).standardizedFileURL.resolvingSymlinksInPath().path
            if path == root || path.hasPrefix(root + "/") { continue }
            throw SwiftmodError.sourceDistribution(
                path: manifest,
                reason:
                    "it depends on the local package at \(path) (`.package(path:)`), which is outside the project, so a build from the sdist could not find it: vendor the package inside the project (and depend on it by that path), or depend on it by URL (`.package(url: \"https://…\", from: \"1.0.0\")`)"
            )
        }
    }

    /// The paths of the `fileSystem` dependencies in `swift package dump-package` output.
    static func localDependencies(dumpedManifest json: Data) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any],
            let dependencies = object["dependencies"] as? [[String: Any]]
        else { return [] }
        return dependencies.flatMap { dependency -> [String] in
            ((dependency["fileSystem"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String }
        }
    }
}

/// Passes files on to the archive and remembers their paths.
private struct EntryRecorder: DistributionWriter {
    let archive: TarArchive
    var entries: [String] = []

    mutating func write(_ file: DistributionFile) throws {
        try archive.write(file)
        entries.append(file.path)
    }
}
