import Foundation
import SwiftmodModel

/// What every stage of a command reads (docs/design/stages.md#build-context): the project,
/// loaded once; the process environment, read once by the command line and handed down; the
/// runner that starts programs; and where progress lines go. A command makes one and passes it
/// to each stage it composes, so no stage loads the project or reads the environment itself.
public struct BuildContext: Sendable {
    /// The project, with its parsed `pyproject.toml` and layout.
    public let project: Project
    /// The process environment (`SWIFTMOD_SWIFT`, `VIRTUAL_ENV`, `SOURCE_DATE_EPOCH`, `PATH`,
    /// `SWIFTMOD_MODULE_CACHE`, `XDG_CACHE_HOME`, `HOME`, `PYENV_ROOT`).
    public let environment: [String: String]
    /// Starts `swift`, the interpreters and `strip`.
    public let runner: any ProcessRunning
    /// Receives each stage's name and duration, and diagnostics.
    public var report: (@Sendable (String) -> Void)?

    /// A context for `project`.
    public init(project: Project, environment: [String: String], runner: any ProcessRunning, report: (@Sendable (String) -> Void)? = nil) {
        self.project = project
        self.environment = environment
        self.runner = runner
        self.report = report
    }

    /// Loads the project in `directory` (the one `Project.load` of a command).
    public static func load(
        _ directory: String, environment: [String: String], runner: any ProcessRunning, report: (@Sendable (String) -> Void)? = nil
    ) throws -> BuildContext {
        BuildContext(project: try Project.load(directory), environment: environment, runner: runner, report: report)
    }

    /// The `swift` driver builds run: `$SWIFTMOD_SWIFT`, else `swift` on `PATH`.
    public var swift: String { SwiftToolchain.requested(environment: environment) }

    /// The path of the `swift` driver, or the error that says how to get one.
    public func locateSwift() throws -> String {
        try SwiftToolchain.locate(swift, environment: environment)
    }

    /// `$SWIFTMOD_MODULE_CACHE`, else `$XDG_CACHE_HOME/swiftmod/ModuleCache` (or
    /// `~/.cache/...`): the Clang module cache every project's builds share; nil when set empty
    /// or when there is no home.
    public var moduleCache: String? {
        if let explicit = environment["SWIFTMOD_MODULE_CACHE"] { return explicit.isEmpty ? nil : explicit }
        guard let base = environment["XDG_CACHE_HOME"] ?? environment["HOME"].map({ $0 + "/.cache" }) else { return nil }
        return base + "/swiftmod/ModuleCache"
    }

    /// Entry timestamps for archives: `SOURCE_DATE_EPOCH` when set, else now.
    public func sourceDate() throws -> Date {
        try DistributionAssembler.sourceDate(environment)
    }

    /// The Stable ABI to build for: `--abi3` or `--abi3t`, else the project's `abi3` or `abi3t`.
    public func stableABI(abi3: PythonVersion?, abi3t: PythonVersion?) throws -> StableABI? {
        try BuildTarget.stableABI(abi3: abi3, abi3t: abi3t, project: project)
    }

    /// The first stage of every build: the extension modules to build, for `interpreters`
    /// (paths or names on `PATH`), every interpreter found when `find`, one in all for abi3.
    public func targets(interpreters: [String], find: Bool = false, stableABI: StableABI?) throws -> [BuildTarget] {
        try BuildTarget.resolve(
            interpreters: interpreters, find: find, stableABI: stableABI, project: project, runner: runner, environment: environment,
            report: report)
    }

    /// The extension stage for `target`: scan, generate, `swift build`, check.
    public func extensionBuilder(for target: BuildTarget, options: ExtensionBuilder.Options) -> ExtensionBuilder {
        ExtensionBuilder(context: self, target: target, options: options)
    }
}
