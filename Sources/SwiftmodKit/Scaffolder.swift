import Foundation
import SwiftmodModel

/// Writes a `ProjectScaffold` to disk for `swiftmod new` and `swiftmod init`, all or nothing.
public struct Scaffolder {
    /// What a scaffolding run did.
    public struct Outcome: Equatable, Sendable {
        /// The project directory.
        public var root: String
        /// The names the project was created with.
        public var names: ProjectNames
        /// Files written, relative to `root`.
        public var written: [String]
        /// Files left as they were because they already existed (`init` only).
        public var kept: [String]
    }

    /// Explicit names from the command line; what is nil is derived (docs/design/exported.md#names).
    public struct NameChoices: Sendable {
        /// `--name`: the distribution name; nil derives it from the directory name.
        public var distribution: String?
        /// `--module-name`: the Python module; nil derives it from the distribution (`<module>._native` when `mixed`).
        public var module: String?
        /// `--swift-target`: the Swift library target; nil derives it from the distribution (`word-tools` → `WordTools`).
        public var swiftTarget: String?
        /// The mixed layout (docs/design/mixed.md): a Python package in `python/` around the Swift core,
        /// whose module name defaults to `<module>._native`.
        public var mixed: Bool

        /// Choices; everything derived and the pure layout unless told.
        public init(distribution: String? = nil, module: String? = nil, swiftTarget: String? = nil, mixed: Bool = false) {
            self.distribution = distribution
            self.module = module
            self.swiftTarget = swiftTarget
            self.mixed = mixed
        }
    }

    private let fileManager = FileManager.default

    /// A scaffolder that writes with the default file manager.
    public init() {}

    // MARK: - new

    /// Creates the project directory `path` (which must not exist, or be empty) with every file.
    ///
    /// The files are written into a temporary sibling directory that is renamed into place, so
    /// a failure leaves nothing behind.
    public func createNew(at path: String, names choices: NameChoices) throws -> Outcome {
        let root = URL(fileURLWithPath: path).standardizedFileURL
        let names = try resolveNames(choices, directoryName: root.lastPathComponent)
        let scaffold = try ProjectScaffold(names: names, mixed: choices.mixed)

        var isDirectory: ObjCBool = false
        let exists = fileManager.fileExists(atPath: root.path, isDirectory: &isDirectory)
        if exists {
            guard isDirectory.boolValue else { throw SwiftmodError.notADirectory(path: path) }
            let contents = try fileSystem("read", root.path) {
                try fileManager.contentsOfDirectory(atPath: root.path)
            }
            guard contents.isEmpty else { throw SwiftmodError.directoryNotEmpty(path: path) }
        }
        let parent = root.deletingLastPathComponent()
        try fileSystem("create", parent.path) {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        }
        let staging = parent.appendingPathComponent(".swiftmod-new-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: staging) }
        try write(scaffold.files, into: staging)
        if exists {
            try fileSystem("replace", root.path) { try fileManager.removeItem(at: root) }
        }
        try fileSystem("create", root.path) { try fileManager.moveItem(at: staging, to: root) }
        return Outcome(
            root: root.path, names: names, written: scaffold.files.map(\.path), kept: [])
    }

    // MARK: - init

    /// Adds a project's files to the existing directory `path`.
    ///
    /// Refuses, writing nothing, where `pyproject.toml` or `Package.swift` exists. Other files
    /// that exist already (a README, a `.gitignore`, an existing Swift target) are kept.
    /// Files are staged in a temporary directory and moved into place; a failure removes any
    /// that were moved.
    public func initialize(at path: String, names choices: NameChoices) throws -> Outcome {
        let root = URL(fileURLWithPath: path).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw SwiftmodError.fileSystem(
                path: path, action: "use", reason: "no such directory (use `swiftmod new` to create one)")
        }
        guard isDirectory.boolValue else { throw SwiftmodError.notADirectory(path: path) }
        for file in ProjectScaffold.identityFiles
        where fileManager.fileExists(atPath: root.appendingPathComponent(file).path) {
            throw SwiftmodError.projectFileExists(path: root.appendingPathComponent(file).path)
        }
        let names = try resolveNames(choices, directoryName: root.lastPathComponent)
        let scaffold = try ProjectScaffold(names: names, mixed: choices.mixed)

        var toWrite: [ProjectScaffold.File] = []
        var kept: [String] = []
        for file in scaffold.files {
            if isTaken(file.path, in: root) { kept.append(file.path) } else { toWrite.append(file) }
        }

        let staging = root.appendingPathComponent(".swiftmod-init-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: staging) }
        try write(toWrite, into: staging)

        var created: [URL] = []  // files and directories this run created, in creation order
        do {
            for file in toWrite {
                let destination = root.appendingPathComponent(file.path)
                created += try makeParents(of: destination, below: root)
                try fileSystem("write", destination.path) {
                    try fileManager.moveItem(
                        at: staging.appendingPathComponent(file.path), to: destination)
                }
                created.append(destination)
            }
        } catch {
            for url in created.reversed() { try? fileManager.removeItem(at: url) }
            throw error
        }
        return Outcome(root: root.path, names: names, written: toWrite.map(\.path), kept: kept)
    }

    // MARK: - Helpers

    /// Names from the choices, the project name defaulting to the directory's name.
    private func resolveNames(_ choices: NameChoices, directoryName: String) throws -> ProjectNames {
        do {
            let distribution = choices.distribution ?? directoryName
            var module = choices.module
            if choices.mixed, module == nil {
                try NameRules.validateDistribution(distribution)
                module = NameRules.defaultModuleName(for: distribution) + "._native"
            }
            return try ProjectNames.derive(from: distribution, module: module, swiftTarget: choices.swiftTarget)
        } catch {
            let hint: String
            switch error.kind {
            case .distribution where choices.distribution == nil:
                hint = "the project name comes from the directory's name; give one with --name"
            case .distribution: hint = "give another with --name"
            case .module: hint = "give one with --module-name"
            case .swiftTarget: hint = "give one with --swift-target"
            }
            throw SwiftmodError.invalidName(error, hint: hint)
        }
    }

    /// Whether `init` must leave `path` alone: it exists, or it is a sample source file in a
    /// Swift target directory that already exists.
    private func isTaken(_ path: String, in root: URL) -> Bool {
        let url = root.appendingPathComponent(path)
        if fileManager.fileExists(atPath: url.path) { return true }
        let isSwiftSource = path.hasPrefix("Sources/") || path.hasPrefix("Tests/")
        return isSwiftSource
            && fileManager.fileExists(atPath: url.deletingLastPathComponent().path)
    }

    /// Writes `files` below `directory`, creating it.
    private func write(_ files: [ProjectScaffold.File], into directory: URL) throws {
        for file in files {
            let url = directory.appendingPathComponent(file.path)
            try fileSystem("write", url.path) {
                try fileManager.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
            }
        }
    }

    /// Creates the missing directories between `root` and `url`'s parent; returns those created.
    private func makeParents(of url: URL, below root: URL) throws -> [URL] {
        var missing: [URL] = []
        var directory = url.deletingLastPathComponent()
        while directory.path.count > root.path.count, !fileManager.fileExists(atPath: directory.path) {
            missing.append(directory)
            directory = directory.deletingLastPathComponent()
        }
        for directory in missing.reversed() {
            try fileSystem("create", directory.path) {
                try fileManager.createDirectory(at: directory, withIntermediateDirectories: false)
            }
        }
        return missing.reversed()
    }

    /// Runs a file-system action, turning Foundation's errors into a `SwiftmodError`.
    private func fileSystem<T>(_ action: String, _ path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as SwiftmodError { throw error } catch {
            throw SwiftmodError.fileSystem(
                path: path, action: action, reason: (error as NSError).localizedDescription)
        }
    }
}
