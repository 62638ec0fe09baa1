import Foundation
import SwiftmodModel
import SwiftmodPackaging

/// `swiftmod compile` (docs/design/stages.md#pipeline): the extension built for one interpreter
/// and laid out as a Python package in a directory; nothing is installed. A composition of the
/// stages: resolve the target, build the extension, lay out the package, write it.
public struct Compiler {
    /// What to build, and where to put it.
    public struct Request: Sendable {
        /// The directory to write the Python package into.
        public var outDirectory: String
        /// The interpreter to build for: a path, or a name on `PATH`.
        public var interpreter: String
        /// `--release`: an optimized build; otherwise debug.
        public var release: Bool
        /// `--abi3`; nil means `[tool.swiftmod] abi3`, if any.
        public var abi3: PythonVersion?
        /// `--abi3t`; nil means `[tool.swiftmod] abi3t`, if any.
        public var abi3t: PythonVersion?

        /// A request; a debug build for `python3` unless told.
        public init(
            outDirectory: String, interpreter: String = "python3", release: Bool = false, abi3: PythonVersion? = nil,
            abi3t: PythonVersion? = nil
        ) {
            self.abi3t = abi3t
            self.outDirectory = outDirectory
            self.interpreter = interpreter
            self.release = release
            self.abi3 = abi3
        }
    }

    /// What `compile` wrote.
    public struct Outcome: Sendable {
        /// The build: the extension, the interface and the generated Python files.
        public var product: ExtensionBuilder.Product
        /// The top-level package directory written (`<out>/<package>`).
        public var packageDirectory: String
    }

    /// The command's context: the project, the environment, the runner and the report.
    public let context: BuildContext
    /// The output directory, interpreter and build options.
    public let request: Request

    /// A compile of `request` in `context`; nothing runs until `run()`.
    public init(context: BuildContext, request: Request) {
        self.context = context
        self.request = request
    }

    /// Builds, then writes the package's files below the output directory (unchanged files are
    /// left alone, changed ones replaced atomically).
    public func run() throws -> Outcome {
        let stable = try context.stableABI(abi3: request.abi3, abi3t: request.abi3t)
        let target = try context.targets(interpreters: [request.interpreter], stableABI: stable)[0]
        let product = try context.extensionBuilder(for: target, options: .init(release: request.release)).build()
        let outDirectory = URL(fileURLWithPath: request.outDirectory).standardizedFileURL.path
        var writer = DiskWriter(root: outDirectory)
        for file in try DistributionAssembler.packageFiles(product, project: context.project) {
            try writer.write(file)
        }
        return Outcome(product: product, packageDirectory: outDirectory + "/" + context.project.layout.topLevelPackage)
    }
}
