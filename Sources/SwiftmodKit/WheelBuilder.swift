import Foundation
import SwiftmodModel
import SwiftmodPackaging

/// `swiftmod build` (DESIGN §7, §8): a self-contained release build, stripped, tagged from
/// what the `.so` requires, packed into a wheel that is renamed into place only when complete.
public struct WheelBuilder {
    /// What to build.
    public struct Request: Sendable {
        public var projectDirectory: String
        public var outDirectory: String?
        public var interpreter: String
        public var debug: Bool
        public var compatibility: PlatformTag.Compatibility
        /// A wheel for an editable install (PEP 660): the `develop` build (debug, linked to the
        /// toolchain's Swift runtime, sharing develop's build directory), tagged `linux_<arch>`
        /// because it only works on this machine.
        public var editable: Bool

        public init(projectDirectory: String = ".", outDirectory: String? = nil, interpreter: String = "python3", debug: Bool = false, compatibility: PlatformTag.Compatibility = .manylinux, editable: Bool = false) {
            self.editable = editable
            self.projectDirectory = projectDirectory
            self.outDirectory = outDirectory
            self.interpreter = interpreter
            self.debug = debug
            self.compatibility = compatibility
        }
    }

    /// The wheel written.
    public struct Outcome: Sendable {
        public var path: String
        public var size: Int
        public var extensionSize: Int
        public var tag: WheelTag
        /// Whether the user's target imports Foundation (statically linked, so larger).
        public var usesFoundation: Bool
        public var highestVersions: [String]
    }

    public let request: Request
    public let runner: ProcessRunner
    public var report: (@Sendable (String) -> Void)?
    public var environment: [String: String] = ProcessInfo.processInfo.environment

    public init(request: Request, runner: ProcessRunner) {
        self.request = request
        self.runner = runner
    }

    public func run() throws -> Outcome {
        let project = try Project.load(request.projectDirectory)
        let python = try PythonInterpreter.probe(request.interpreter, runner: runner)
        let outDirectory = URL(fileURLWithPath: request.outDirectory ?? project.root + "/dist").standardizedFileURL.path
        let date = try DistributionAssembler.sourceDate(environment)

        let options: ExtensionBuilder.Options = request.editable ? .init(release: false) : .init(release: !request.debug, selfContained: true)
        var builder = ExtensionBuilder(project: project, python: python, options: options, runner: runner)
        builder.report = report
        var product = try builder.build()
        if request.editable {
            return try write(project: project, product: product, tag: WheelTag(cpythonVersion: python.version, platform: "linux_x86_64"), highestVersions: [], date: date, to: outDirectory)
        }

        // Strip a copy (the build directory keeps the unstripped library for debugging).
        let files = FileWriter()
        try files.createDirectory(project.buildDirectory + "/wheel")
        let stripped = project.buildDirectory + "/wheel/" + product.extensionFileName
        if !request.debug {
            let output = try runner.run("strip", ["--strip-unneeded", "--remove-section=.swift_modhash", "-o", stripped, product.library])
            guard output.status == 0 else {
                throw SwiftmodError.toolMissing(tool: "strip", reason: output.combined.trimmingCharacters(in: .whitespacesAndNewlines) + " (install binutils)")
            }
            product.library = stripped
        }

        let elf: ELFFile
        do { elf = try ELFFile(bytes: [UInt8](FileManager.default.contents(atPath: product.library) ?? Data())) } catch {
            throw SwiftmodError.badExtension(path: product.library, reason: error.description)
        }
        // `$ORIGIN` (SwiftPM adds it) stays inside the wheel; an absolute path (the toolchain's
        // lib directory) would point at this machine.
        for runpath in elf.runpaths.flatMap({ $0.split(separator: ":") }) where !runpath.hasPrefix("$ORIGIN") {
            throw SwiftmodError.badExtension(path: product.library, reason: "it carries the RUNPATH \(runpath), which would not exist on another machine")
        }
        let binary = BinaryRequirements(elf: elf)
        let platform: String
        do { platform = try PlatformTag.choose(for: binary, compatibility: request.compatibility).tag } catch {
            throw SwiftmodError.platformTag(path: product.library, reason: error.description)
        }
        return try write(
            project: project, product: product, tag: WheelTag(cpythonVersion: python.version, platform: platform),
            highestVersions: binary.highestVersions, date: date, to: outDirectory)
    }

    /// Packs the wheel and renames it into `outDirectory`.
    private func write(project: Project, product: ExtensionBuilder.Product, tag: WheelTag, highestVersions: [String], date: Date, to outDirectory: String) throws -> Outcome {
        let files = FileWriter()
        let start = Date()
        let distribution = try DistributionAssembler.distribution(project: project, product: product, tag: tag)
        let archive = try WheelArchive(date: date)
        try distribution.write(to: archive)
        let data = archive.finish()
        try files.createDirectory(outDirectory)
        let path = outDirectory + "/" + distribution.wheelFileName
        try files.writeAtomically(data, to: path, permissions: 0o644)
        report?(String(format: "writing the wheel (%.2fs)", Date().timeIntervalSince(start)))

        let extensionSize = distribution.packageFiles.first { $0.path.hasSuffix(".so") }?.data.count ?? 0
        return Outcome(
            path: path, size: data.count, extensionSize: extensionSize, tag: tag,
            usesFoundation: Self.importsFoundation(project), highestVersions: highestVersions)
    }

    /// Whether a source file of the user's package imports Foundation.
    static func importsFoundation(_ project: Project) -> Bool {
        DistributionAssembler.projectFiles(project.root, recursive: true).contains { path in
            guard path.hasPrefix("Sources/"), path.hasSuffix(".swift"),
                  let text = try? String(contentsOfFile: project.root + "/" + path, encoding: .utf8) else { return false }
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
