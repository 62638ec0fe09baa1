import Foundation
import SwiftmodModel
import SwiftmodPackaging
import SwiftmodTemplates

/// swiftmod as a Python distribution (`make wheel`): a wheel named `swiftmod` that installs the
/// `swiftmod` binary into the environment's scripts directory (`bin/`) and the `swiftmod` Python
/// package, the PEP 517/660 build backend that runs that binary. Built with the same packaging
/// code as users' wheels; tagged `py3-none-<platform>` from the binary's ELF requirements.
public struct SelfPackager {
    /// The `swiftmod` executable to ship (a release build with the Swift runtime linked in).
    public let binary: String
    /// The directory the wheel is written into.
    public let outDirectory: String
    /// Runs `strip` on a copy of the binary before it is packed.
    public let runner: any ProcessRunning
    /// The process environment (`SOURCE_DATE_EPOCH`).
    public let environment: [String: String]

    /// A packager for `binary`; nothing is written until it runs.
    public init(binary: String, outDirectory: String, runner: any ProcessRunning, environment: [String: String]) {
        self.binary = binary
        self.outDirectory = outDirectory
        self.runner = runner
        self.environment = environment
    }

    /// The distribution's metadata.
    static var metadata: ProjectMetadata {
        var metadata = ProjectMetadata(name: "swiftmod", version: SwiftmodVersion.current)
        metadata.description = "Build and ship Swift packages as CPython extension modules; a PEP 517/660 build backend"
        metadata.requiresPython = ">=3.8"
        metadata.keywords = ["swift", "extension", "build-backend", "packaging"]
        metadata.classifiers = [
            "Programming Language :: Python :: Implementation :: CPython",
            "Programming Language :: Swift",
            "Topic :: Software Development :: Build Tools",
        ]
        return metadata
    }

    /// The long description (METADATA's body).
    static let readme = """
        # swiftmod

        Build and ship Swift packages as CPython extension modules. Write plain `public` Swift;
        swiftmod generates the CPython bindings, builds the extension with `swift build` and
        packages it as a self-contained wheel.

        This wheel carries the `swiftmod` command and its PEP 517/660 build backend, so a project
        with `build-backend = "swiftmod"` installs with `pip install .`. Compiling a project needs
        a Swift 6 toolchain: `swift` on `PATH`, or `SWIFTMOD_SWIFT=/path/to/usr/bin/swift`.

        """

    /// Writes the wheel; returns its path.
    public func run() throws -> String {
        let stripped = outDirectory + "/.swiftmod-binary-\(getpid())"
        try FileWriter().createDirectory(outDirectory)
        defer { try? FileManager.default.removeItem(atPath: stripped) }
        try BinaryAudit.strip(binary, to: stripped, runner: runner)
        guard let data = FileManager.default.contents(atPath: stripped) else {
            throw SwiftmodError.fileSystem(path: stripped, action: "read", reason: "strip wrote no file")
        }
        let requirements = try BinaryAudit.requirements(
            of: stripped, selfContained: true, hint: "build it with `swift build -c release --static-swift-stdlib`", named: binary)
        let platform = try BinaryAudit.platformTag(requirements, path: binary, compatibility: .manylinux)

        let version = SwiftmodVersion.current
        let values = ["version": version]
        var files = [DistributionFile(path: "swiftmod-\(version).data/scripts/swiftmod", data: data, executable: true)]
        for name in ["__init__.py", "__main__.py"] {
            files.append(DistributionFile(path: "swiftmod/\(name)", text: try Template("backend/swiftmod/\(name).tmpl").render(values)))
        }
        let names = ProjectNames(distribution: "swiftmod", module: "swiftmod", swiftTarget: "Swiftmod")
        let distribution = Distribution(
            names: names, metadata: CoreMetadata(project: Self.metadata, readme: (Self.readme, "text/markdown")),
            tag: WheelTag(python: "py3", abi: "none", platform: platform),
            packageFiles: files, generator: "swiftmod \(version)")
        let archive = try WheelArchive(date: try DistributionAssembler.sourceDate(environment))
        try distribution.write(to: archive)
        let path = outDirectory + "/" + distribution.wheelFileName
        try FileWriter().writeAtomically(archive.finish(), to: path, permissions: 0o644)
        return path
    }
}
