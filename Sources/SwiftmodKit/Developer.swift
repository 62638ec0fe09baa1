import Foundation
import SwiftmodModel
import SwiftmodPackaging

/// `swiftmod develop` (docs/design/develop.md): build the extension for a virtualenv's Python and install it
/// into that virtualenv so that pip sees it. When nothing that goes into the install changed
/// since the last run, it does nothing (no `swift build` at all).
public struct Developer {
    /// What `develop` did.
    public struct Outcome: Sendable {
        /// The virtualenv installed into (absolute path).
        public var environment: String
        /// The virtualenv's site-packages directory (its interpreter's `platlib`).
        public var sitePackages: String
        /// Whether nothing had changed since the last `develop`, so nothing was built or installed.
        public var upToDate: Bool
        /// What the module exports, for the message (`3 functions, 2 types, 1 exception class`).
        public var exports: String
    }

    /// The command's context: the project, the environment (`VIRTUAL_ENV`), the runner and the report.
    public let context: BuildContext
    /// `--release`: an optimized build instead of the debug one (each has its own stamp).
    public let release: Bool
    /// Install an import hook that rebuilds when the Swift sources changed (also turned on by
    /// `[tool.swiftmod] rebuild-on-import = true`).
    public var rebuildOnImport = false

    /// A `develop` run in `context`; nothing runs until `run()`.
    public init(context: BuildContext, release: Bool) {
        self.context = context
        self.release = release
    }

    /// The virtualenv to install into: `$VIRTUAL_ENV`, else `<project>/.venv`.
    public static func virtualenv(projectRoot: String, environment: [String: String]) throws -> String {
        if let active = environment["VIRTUAL_ENV"], !active.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: active + "/bin/python") else {
                throw SwiftmodError.toolMissing(
                    tool: active + "/bin/python",
                    reason: "VIRTUAL_ENV is set to \(active), but it has no bin/python; activate a working virtualenv")
            }
            return active
        }
        let local = projectRoot + "/.venv"
        if FileManager.default.isExecutableFile(atPath: local + "/bin/python") { return local }
        throw SwiftmodError.noVirtualenv(projectRoot: projectRoot)
    }

    /// Finds the virtualenv, and unless the stamp shows nothing changed, builds the extension for its Python and
    /// installs it there (replacing an earlier install). Throws `SwiftmodError` for a missing virtualenv or a failed build.
    public func run() throws -> Outcome {
        let project = context.project
        let venv = try Self.virtualenv(projectRoot: project.root, environment: context.environment)
        let python = try PythonInterpreter.probe(venv + "/bin/python", runner: context.runner)
        let stampPath = project.buildDirectory + "/develop-\(release ? "release" : "debug").stamp"
        let rebuildOnImport = rebuildOnImport || project.pyproject.rebuildOnImport
        var inputs = DevelopStamp.inputs(project: project, python: python, release: release)
        inputs.settings.append("rebuild-on-import \(rebuildOnImport)")
        let stamp = DevelopStamp.load(stampPath)
        if let stamp, stamp.matches(inputs) {
            return Outcome(environment: venv, sitePackages: python.platlib, upToDate: true, exports: stamp.exports)
        }

        try python.requireBuildable(requiresPython: project.pyproject.requiresPython)
        // develop builds what the wheel ships: abi3 or abi3t when the project says so.
        let target = BuildTarget(interpreter: python, stableABI: project.pyproject.stableABI)
        if let stableABI = target.stableABI, python.fullVersion.minorVersion < stableABI.version {
            let abi3 = stableABI.version
            throw SwiftmodError.interpreter(
                python.executable,
                reason:
                    "it is Python \(python.version), and the project's \(stableABI.name) = \"\(abi3)\" wheel needs CPython \(abi3) or newer; use a virtualenv of a newer Python"
            )
        }
        let builder = context.extensionBuilder(for: target, options: .init(release: release))
        if stamp?.hasSameSecondEdit(inputs.files) ?? false { builder.forgetIncrementalRecord() }
        let product = try builder.build()

        let start = Date()
        let architecture = try BinaryAudit.requirements(of: product.library, selfContained: false).architecture
        var distribution = try DistributionAssembler.distribution(
            project: project, product: product, tag: target.wheelTag(platform: PlatformTag.linux(architecture: architecture)))
        let plan = try DevelopInstall.plan(product, project: project, python: python)
        distribution.packageFiles = plan.installed
        if rebuildOnImport {
            distribution.packageFiles += try RebuildHook(project: project, release: release, inputs: inputs.files).files()
        }
        // A mixed project's extension goes into its source package, renamed over the old one.
        try plan.writeInSource(project)
        let installer = SitePackagesInstaller(sitePackages: python.platlib, prefix: venv)
        let outcome = try installer.install(distribution, projectURL: URL(fileURLWithPath: project.root).absoluteString, editable: true)
        context.report?(String(format: "installing into %@ (%.2fs)", venv, Date().timeIntervalSince(start)))

        let recordText = FileManager.default.contents(atPath: outcome.recordPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let installed = Record.paths(in: recordText).map { python.platlib + "/" + $0 } + plan.inSource.map { project.root + "/" + $0.path }
        DevelopStamp(inputs: inputs, installed: installed, exports: product.interface.exportSummary)
            .save(stampPath)
        return Outcome(environment: venv, sitePackages: python.platlib, upToDate: false, exports: product.interface.exportSummary)
    }
}

/// What the last successful `develop` saw: its inputs (the project's files by size and
/// modification time, the interpreter, swiftmod's version) and the files it installed.
struct DevelopStamp: Codable, Equatable {
    /// A file's size and modification time.
    struct FileState: Codable, Equatable {
        var path: String
        var size: Int
        var modified: Double

        init?(_ path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            self.path = path
            size = Int(info.st_size)
            modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        }
    }

    var settings: [String]
    var inputs: [FileState]
    var installed: [FileState]
    var exports: String

    init(inputs: (settings: [String], files: [FileState]), installed: [String], exports: String) {
        settings = inputs.settings
        self.inputs = inputs.files
        self.installed = installed.compactMap(FileState.init)
        self.exports = exports
    }

    static func inputs(project: Project, python: PythonInterpreter, release: Bool) -> (settings: [String], files: [FileState]) {
        let settings = [
            "swiftmod \(SwiftmodVersion.current)", "python \(python.executable) \(python.extSuffix) \(python.platlib)",
            "release \(release)", "stable ABI \(project.pyproject.stableABI?.description ?? "no")",
        ]
        // A mixed project's Python files are used where they are (through the .pth), and the
        // extension develop puts beside them is its output, not an input.
        let package = project.layout.sourcePackageDirectory.map { $0 + "/" }
        let files = DistributionAssembler.projectFiles(project.root, recursive: true).filter { path in
            guard let package, path.hasPrefix(package) else { return true }
            let name = (path as NSString).lastPathComponent
            return
                !(name.hasSuffix(".py") || name.hasSuffix(".pyc") || name == project.layout.stubFileName
                || project.layout.isExtensionBuild(name))
        }.compactMap { FileState(project.root + "/" + $0) }
        // The swiftmod binary itself: a new build of the same version generates different glue.
        let tool = Bundle.main.executablePath.flatMap(FileState.init).map { [$0] } ?? []
        return (settings, files + localDependencyFiles(project) + tool)
    }

    /// The files of the local packages `Package.swift` depends on by a path outside the
    /// project (`.package(path: "../Shared")`): an edit there must rebuild too.
    static func localDependencyFiles(_ project: Project) -> [FileState] {
        guard let text = try? String(contentsOfFile: project.root + "/Package.swift", encoding: .utf8) else { return [] }
        return PackageManifest.localDependencyPaths(in: text).flatMap { path -> [FileState] in
            let directory = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: project.root + "/")).standardizedFileURL.path
            guard directory != project.root, !directory.hasPrefix(project.root + "/") else { return [] }
            return DistributionAssembler.projectFiles(directory, recursive: true).compactMap { FileState(directory + "/" + $0) }
        }
    }

    /// Whether a Swift source changed while keeping its modification time's second: the edit the
    /// driver's incremental record cannot see (`ExtensionBuilder.forgetIncrementalRecord`).
    func hasSameSecondEdit(_ files: [FileState]) -> Bool {
        let before = Dictionary(inputs.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        return files.contains { file in
            guard file.path.hasSuffix(".swift"), let old = before[file.path], old != file else { return false }
            return old.modified.rounded(.down) == file.modified.rounded(.down)
        }
    }

    func matches(_ inputs: (settings: [String], files: [FileState])) -> Bool {
        settings == inputs.settings && self.inputs == inputs.files && installed.allSatisfy { FileState($0.path) == $0 }
    }

    static func load(_ path: String) -> DevelopStamp? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(DevelopStamp.self, from: data)
    }

    func save(_ path: String) {
        guard let data = try? JSONEncoder().encode(self) else { return }
        try? FileWriter().writeAtomically(data, to: path)
    }
}
