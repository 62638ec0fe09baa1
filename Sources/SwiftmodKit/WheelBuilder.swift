import Foundation
import SwiftmodModel
import SwiftmodPackaging

/// `swiftmod build` (docs/design/building.md#self-contained, docs/design/packaging.md#wheel): a
/// self-contained release build, stripped, tagged from what the `.so` requires, packed into a
/// wheel that is renamed into place only when complete.
public struct WheelBuilder {
    /// What to build.
    public struct Request: Sendable {
        /// `-o/--out`: the directory the wheels go into; nil means `<project>/dist`.
        public var outDirectory: String?
        /// The interpreters to build for (`-i`, repeatable): paths or names on `PATH`. Empty means
        /// `python3`, unless `findInterpreters` is set.
        public var interpreters: [String]
        /// `-f/--find-interpreter`: every CPython found that `requires-python` allows.
        public var findInterpreters: Bool
        /// `--abi3 3.10`; nil means `[tool.swiftmod] abi3`, if any.
        public var abi3: PythonVersion?
        /// `--abi3t 3.15`; nil means `[tool.swiftmod] abi3t`, if any.
        public var abi3t: PythonVersion?
        /// `--debug`: a debug build, not stripped (the wheel is larger and slower, for debugging the extension).
        public var debug: Bool
        /// `--compatibility`: the most compatible manylinux tag the extension meets (the default), or plain `linux_<arch>`.
        public var compatibility: PlatformTag.Compatibility
        /// A wheel for an editable install (PEP 660): the `develop` build (debug, linked to the
        /// toolchain's Swift runtime, sharing develop's build directory), tagged `linux_<arch>`
        /// because it only works on this machine.
        public var editable: Bool

        /// A request; the defaults are a release manylinux wheel for `python3`, written to `<project>/dist`.
        public init(
            outDirectory: String? = nil, interpreters: [String] = [], findInterpreters: Bool = false, abi3: PythonVersion? = nil,
            abi3t: PythonVersion? = nil, debug: Bool = false, compatibility: PlatformTag.Compatibility = .manylinux, editable: Bool = false
        ) {
            self.abi3t = abi3t
            self.editable = editable
            self.outDirectory = outDirectory
            self.interpreters = interpreters
            self.findInterpreters = findInterpreters
            self.abi3 = abi3
            self.debug = debug
            self.compatibility = compatibility
        }
    }

    /// A wheel written.
    public struct Outcome: Sendable {
        /// The wheel's absolute path.
        public var path: String
        /// The wheel's size in bytes.
        public var size: Int
        /// The size in bytes of the extension module (the `.so`) inside the wheel, as packed (stripped unless `--debug`).
        public var extensionSize: Int
        /// The wheel's tag: Python, ABI and platform (`cp312-cp312-manylinux_2_34_x86_64`).
        public var tag: WheelTag
        /// The interpreter whose headers the extension was compiled against.
        public var interpreter: PythonInterpreter
        /// For a Stable ABI wheel (abi3 or abi3t): which, and the oldest CPython it is for.
        public var stableABI: StableABI?
        /// Whether the user's target imports Foundation (statically linked, so larger).
        public var usesFoundation: Bool
        /// The highest symbol version the extension requires in each family (`GLIBC_2.34`), which decided the
        /// platform tag; empty for an editable wheel.
        public var highestVersions: [String]
    }

    /// The command's context: the project, the environment (`SOURCE_DATE_EPOCH`, the `swift`
    /// driver, where interpreters are found), the runner and the report.
    public let context: BuildContext
    /// What to build: interpreters, abi3, debug, compatibility, output directory.
    public let request: Request

    /// A builder for `request` in `context`; nothing runs until `run()`.
    public init(context: BuildContext, request: Request) {
        self.context = context
        self.request = request
    }

    private var project: Project { context.project }
    private var report: (@Sendable (String) -> Void)? { context.report }

    /// Builds one wheel per interpreter (one in all for abi3). Every interpreter is checked
    /// before anything is built, so a bad one leaves `dist/` untouched. Builds share the
    /// compiled user target: only the glue depends on the Python version.
    public func run() throws -> [Outcome] {
        let stable = try context.stableABI(abi3: request.abi3, abi3t: request.abi3t)
        let targets = try context.targets(interpreters: request.interpreters, find: request.findInterpreters, stableABI: stable)
        let outDirectory = URL(fileURLWithPath: request.outDirectory ?? project.root + "/dist").standardizedFileURL.path
        let date = try context.sourceDate()
        return try targets.map { target in
            if targets.count > 1 { report?("building for \(target.interpreter.executable) (\(target.tagDescription))") }
            return try build(target, outDirectory: outDirectory, date: date)
        }
    }

    private func build(_ target: BuildTarget, outDirectory: String, date: Date) throws -> Outcome {
        let options: ExtensionBuilder.Options =
            request.editable ? .init(release: false) : .init(release: !request.debug, selfContained: true)
        var product = try context.extensionBuilder(for: target, options: options).build()
        if request.editable {
            let binary = try BinaryAudit.requirements(of: product.library, selfContained: false)
            let tag = target.wheelTag(platform: PlatformTag.linux(architecture: binary.architecture))
            return try write(product: product, target: target, tag: tag, highestVersions: [], date: date, to: outDirectory)
        }

        // Strip a copy (the build directory keeps the unstripped library for debugging).
        let files = FileWriter()
        try files.createDirectory(project.buildDirectory + "/wheel")
        let stripped = project.buildDirectory + "/wheel/" + product.extensionFileName
        if !request.debug {
            try BinaryAudit.strip(product.library, to: stripped, removing: [".swift_modhash"], runner: context.runner)
            product.library = stripped
        }

        let binary = try BinaryAudit.requirements(of: product.library, selfContained: true)
        let platform = try BinaryAudit.platformTag(binary, path: product.library, compatibility: request.compatibility)
        return try write(
            product: product, target: target, tag: target.wheelTag(platform: platform),
            highestVersions: binary.highestVersions, date: date, to: outDirectory)
    }

    /// Packs the wheel and renames it into `outDirectory`.
    private func write(
        product: ExtensionBuilder.Product, target: BuildTarget, tag: WheelTag, highestVersions: [String], date: Date,
        to outDirectory: String
    ) throws -> Outcome {
        let files = FileWriter()
        let start = Date()
        var distribution = try DistributionAssembler.distribution(project: project, product: product, tag: tag)
        if request.editable, project.layout.isMixed {
            // PEP 660 for a mixed project, as `develop` does it: the extension goes into the source
            // package and the wheel carries a .pth to python-source instead of the package.
            let plan = try DevelopInstall.plan(product, project: project, python: target.interpreter)
            try plan.writeInSource(project)
            let data = "\(project.pyproject.names.wheelDistribution)-\(project.pyproject.metadata.version).data/"
            distribution.packageFiles =
                plan.installed.filter { $0.path.hasSuffix(".pth") } + distribution.packageFiles.filter { $0.path.hasPrefix(data) }
        }
        let archive = try WheelArchive(date: date)
        try distribution.write(to: archive)
        let data = archive.finish()
        try files.createDirectory(outDirectory)
        let path = outDirectory + "/" + distribution.wheelFileName
        try files.writeAtomically(data, to: path, permissions: 0o644)
        report?(String(format: "writing the wheel (%.2fs)", Date().timeIntervalSince(start)))

        let extensionSize = distribution.packageFiles.first { $0.path.hasSuffix(".so") }?.data.count ?? 0
        return Outcome(
            path: path, size: data.count, extensionSize: extensionSize, tag: tag, interpreter: target.interpreter,
            stableABI: target.stableABI,
            usesFoundation: Self.importsFoundation(project), highestVersions: highestVersions)
    }

    /// Whether a source file of the user's package imports Foundation.
    static func importsFoundation(_ project: Project) -> Bool {
        DistributionAssembler.projectFiles(project.root, recursive: true).contains { path in
            guard path.hasPrefix("Sources/"), path.hasSuffix(".swift"),
                let text = try? String(contentsOfFile: project.root + "/" + path, encoding: .utf8)
            else { return false }
            return text.split(separator: "\n").contains { line in
                let words = line.split(separator: " ")
                return words.first == "import" && words.count > 1 && words[1].hasPrefix("Foundation")
            }
        }
    }
}

extension Distribution {
    /// Writes into a class-based writer (the wheel archive).
    @discardableResult
    func write(to archive: WheelArchive) throws -> String {
        var writer = archive
        return try write(to: &writer)
    }
}
