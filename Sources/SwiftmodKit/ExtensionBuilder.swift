import Foundation
import SwiftmodGenerator
import SwiftmodModel
import SwiftmodScanner

/// The build pipeline (docs/design/stages.md#pipeline): scan the user's Swift API into a module interface, render
/// the glue package, compile it with `swift build`, check the `.so`, and lay out the Python
/// package (`<module>/__init__.py`, the extension, `__init__.pyi`, `py.typed`).
public struct ExtensionBuilder {
    /// How to build.
    public struct Options: Sendable {
        public var release: Bool
        /// For a wheel: the Swift runtime linked statically, no toolchain RUNPATH, stripped;
        /// built in its own build directory so that `develop` builds stay incremental.
        public var selfContained: Bool
        public var swift: String
        /// For an abi3 build (docs/design/interpreters.md#abi3): the oldest CPython whose limited API the glue uses.
        public var abi3: PythonVersion?

        public init(release: Bool = false, selfContained: Bool = false, abi3: PythonVersion? = nil, swift: String = SwiftToolchain.requested()) {
            self.release = release
            self.selfContained = selfContained
            self.abi3 = abi3
            self.swift = swift
        }
    }

    /// What a build produced.
    public struct Product: Sendable {
        /// The extension module as built (`lib<module>.so` in the glue package's build directory).
        public var library: String
        /// The installed file name (`<module><EXT_SUFFIX>`, `_native<EXT_SUFFIX>` in a mixed project).
        public var extensionFileName: String
        public var interface: ModuleInterface
        /// The generated Python files to install beside the extension, relative to its package
        /// directory: `__init__.py`, `__init__.pyi` and `py.typed` in the pure layout;
        /// `<extension>.pyi` and `py.typed` in the mixed one (docs/design/mixed.md).
        public var pythonFiles: [GluePackage.File]
        public var diagnostics: [Diagnostic]
    }

    public let project: Project
    public let python: PythonInterpreter
    public let options: Options
    public let runner: any ProcessRunning
    /// Receives each stage's name and duration, and diagnostics.
    public var report: (@Sendable (String) -> Void)?

    public init(project: Project, python: PythonInterpreter, options: Options, runner: any ProcessRunning) {
        self.project = project
        self.python = python
        self.options = options
        self.runner = runner
    }

    private var names: ProjectNames { project.pyproject.names }
    /// The extension module's own name (`PyInit_<name>`): the module, or the last component of
    /// a dotted module name.
    private var extensionName: String { project.layout.extensionName }
    private var glueDirectory: String { project.buildDirectory + "/glue-\(names.module)" }
    private var symbolDirectory: String { project.buildDirectory + "/symbols" }
    private var configuration: String { options.release ? "release" : "debug" }
    private var scratchDirectory: String { glueDirectory + (options.selfContained ? "/.build-wheel" : "/.build") }

    /// Flags given to every `swift build` of the glue package: identical in both builds, so that
    /// the user's target is compiled once.
    private var commonFlags: [String] {
        var flags = ["--package-path", glueDirectory, "--scratch-path", scratchDirectory, "-c", configuration,
                     "-Xswiftc", "-emit-symbol-graph", "-Xswiftc", "-emit-symbol-graph-dir", "-Xswiftc", symbolDirectory,
                     // At the public level the graph leaves out `_`-prefixed names, so special
                     // methods (`__len__`, docs/design/types.md#escape-hatch) would vanish; the scan keeps public ones only.
                     // Members the standard library's protocol extensions add are not needed.
                     // Private initializers are listed too: one stops a subclass from inheriting
                     // its superclass's initializers (docs/design/types.md#initializers).
                     "-Xswiftc", "-symbol-graph-minimum-access-level", "-Xswiftc", "private",
                     "-Xswiftc", "-symbol-graph-skip-synthesized-members"]
        if options.release {
            // The glue calls the user's functions from another module: cross-module optimization
            // lets it inline and specialize them, so a generic `some Collection<Double>`
            // parameter is read through the concrete list view, not through protocol witnesses.
            flags += ["-Xswiftc", "-cross-module-optimization"]
        }
        // One module cache for all projects: the first build of a new project then skips
        // rebuilding the C modules of Glibc and the Swift overlays (about a second here).
        if let cache = Self.moduleCache {
            flags += ["-Xswiftc", "-module-cache-path", "-Xswiftc", cache]
        }
        if options.selfContained {
            // `--static-swift-stdlib` is ignored for dynamic products (docs/design/building.md#self-contained).
            flags += ["-Xswiftc", "-static-stdlib", "-Xswiftc", "-no-toolchain-stdlib-rpath"]
            // Reproducible across directories: the object files' module hash and any recorded
            // source path name the project as `.`, so a wheel built from an unpacked sdist
            // equals one built in the checkout.
            // The build id hashes the whole file, including the objects' `.swift_modhash` (a
            // hash of the LLVM module, which depends on the build directory; `strip` drops it).
            flags += ["-Xswiftc", "-file-prefix-map", "-Xswiftc", "\(project.root)=.", "-Xcc", "-ffile-prefix-map=\(project.root)=.",
                      "-Xlinker", "--build-id=none"]
        }
        return flags
    }

    /// `$XDG_CACHE_HOME/swiftmod/ModuleCache` (or `~/.cache/...`); nil when there is no home.
    static let moduleCache: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["SWIFTMOD_MODULE_CACHE"] { return explicit.isEmpty ? nil : explicit }
        guard let base = environment["XDG_CACHE_HOME"] ?? environment["HOME"].map({ $0 + "/.cache" }) else { return nil }
        return base + "/swiftmod/ModuleCache"
    }()

    /// Runs the whole pipeline.
    ///
    /// When glue from an earlier build exists, it first builds the extension in one pass with
    /// that glue (the user's target is recompiled and its symbol graph re-emitted on the way),
    /// and only generates and builds again when the public API changed. Most edits change a
    /// function body, so the edit loop costs one `swift build`.
    /// Makes the next build recompile the user's Swift target whole. The Swift driver's
    /// incremental record compares source modification times to the second: a file edited again
    /// within the second of its last build looks unchanged, and the old code would be installed
    /// (measured: an edit 0.7 s after the previous one was missed about one time in three).
    public func forgetIncrementalRecord() {
        try? FileManager.default.removeItem(atPath: scratchDirectory + "/\(configuration)/\(names.swiftTarget).build/primary.priors")
    }

    /// Makes SwiftPM plan the build again when a source file was added to or removed from the
    /// user's package (or a local package it depends on) since the last build. SwiftPM re-plans
    /// when the root package's structure changes, and the user's package is a dependency of the
    /// glue package: a new file went unseen, and the build failed with "cannot find 'X' in
    /// scope" (found adding LSHStore.swift to Examples/minhash). Touching the glue's manifest
    /// makes it re-plan; a build whose file list is unchanged pays only the listing.
    private func replanWhenSourcesChange(manifestPath: String) throws {
        let sourceSuffixes = [".swift", ".c", ".h", ".cc", ".cpp", ".m", ".mm", ".s", ".S", ".modulemap"]
        let local = DistributionAssembler.projectFiles(project.root, recursive: true)
        let dependencies = DevelopStamp.localDependencyFiles(project).map(\.path)
        let sources = (local + dependencies).filter { path in sourceSuffixes.contains { path.hasSuffix($0) } }.sorted()
        let listing = Data((sources.joined(separator: "\n") + "\n").utf8)
        let recorded = glueDirectory + "/.swiftmod-source-files"
        guard FileManager.default.contents(atPath: recorded) != listing else { return }
        if FileManager.default.fileExists(atPath: recorded) {
            try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: manifestPath)
        }
        try FileWriter().writeAtomically(listing, to: recorded)
    }

    public func build() throws -> Product {
        _ = try SwiftToolchain.locate(options.swift)
        let context = GluePackage.Context(projectRoot: project.root, pythonInclude: python.include, releaseGIL: project.pyproject.releaseGIL, limitedAPI: options.abi3, qualifiedModule: names.module == extensionName ? nil : names.module, exceptionBases: project.pyproject.exceptionBases)
        let files = FileWriter()
        try files.createDirectory(symbolDirectory)
        let product = extensionName
        let gluePath = glueDirectory + "/Sources/SwiftmodGlue/Glue.swift"
        let placeholder = ModuleInterface(swiftModule: names.swiftTarget, pythonModule: extensionName)
        let manifest = GluePackage.manifestFile(for: placeholder, context: context)
        try pinDependencies()
        try files.createDirectory(glueDirectory)
        try files.write([manifest], below: glueDirectory)
        try replanWhenSourcesChange(manifestPath: glueDirectory + "/Package.swift")

        if FileManager.default.fileExists(atPath: gluePath) {
            // The manifest (written above) names the Python headers and API: a build for another
            // interpreter than the last one rewrote it, so that only the glue is recompiled (the
            // user's target does not depend on Python).
            let speculative = try stage("compiling") {
                try runSwiftBuild(["--product", product])
            }
            if speculative.status == 0 {
                let scan = try scanSymbols()
                let package = try GluePackage(interface: scan.interface, context: context)
                if try !files.wouldChange(package.packageFiles, below: glueDirectory) {
                    return try finish(scan, package)
                }
                try files.write(package.packageFiles, below: glueDirectory)
                try stage("compiling the new bindings") {
                    try swiftBuild(["--product", product], failure: "compiling the generated bindings")
                }
                return try finish(scan, package)
            }
            // The old glue no longer fits (or the user's code does not compile): start over, so
            // that errors in the user's code are reported as such.
        }

        // 1. Compile the user's target alone, emitting its symbol graph.
        let initial = try GluePackage(interface: placeholder, context: context)
        try files.write(initial.packageFiles.filter { $0.path != "Package.swift" }, below: glueDirectory, onlyIfMissing: true)
        try stage("compiling \(names.swiftTarget)") {
            try swiftBuild(["--target", names.swiftTarget], failure: "compiling the Swift target \(names.swiftTarget)")
        }
        // 2. Scan it, generate the glue (unchanged files keep their timestamps), build the extension.
        let scan = try scanSymbols()
        let package = try GluePackage(interface: scan.interface, context: context)
        try files.write(package.packageFiles, below: glueDirectory)
        try stage("compiling the bindings") {
            try swiftBuild(["--product", product], failure: "compiling the generated bindings")
        }
        return try finish(scan, package)
    }

    /// Hands the project's `Package.resolved` to the glue package, the root package of the
    /// build (SwiftPM reads the root's pins only), so that the build uses the versions the
    /// project pinned; from an sdist too, which carries the file. Copied when the project's
    /// file changed since the last copy, so SwiftPM's own updates of the glue's copy stand.
    private func pinDependencies() throws {
        let files = FileWriter()
        guard let pins = FileManager.default.contents(atPath: project.root + "/Package.resolved") else { return }
        let copied = glueDirectory + "/.swiftmod-project-Package.resolved"
        guard FileManager.default.contents(atPath: copied) != pins else { return }
        try files.createDirectory(glueDirectory)
        try files.writeAtomically(pins, to: glueDirectory + "/Package.resolved")
        try files.writeAtomically(pins, to: copied)
    }

    /// Reads the symbol graph the last build emitted, reporting unsupported declarations.
    private func scanSymbols() throws -> SymbolGraphScanner.Result {
        let path = symbolDirectory + "/\(names.swiftTarget).symbols.json"
        guard let json = FileManager.default.contents(atPath: path) else {
            throw SwiftmodError.internal("the compiler wrote no symbol graph at \(path)")
        }
        let scan = try SymbolGraphScanner().scan(json: json, swiftModule: names.swiftTarget, pythonModule: extensionName, strict: project.pyproject.strict)
        for diagnostic in scan.diagnostics { report?(diagnostic.description) }
        // The buffer protocol joined the limited API in 3.11 (docs/design/interpreters.md#abi3).
        if let abi3 = options.abi3, abi3 < PythonVersion(3, 11),
           let function = scan.interface.functions.first(where: { $0.parameters.contains { $0.type.isBuffer } }),
           let parameter = function.parameters.first(where: { $0.type.isBuffer }) {
            throw SwiftmodError.abi3WithoutBuffers(abi3: abi3.description, function: function.swiftName, parameter: parameter.type.swiftSpelling, location: function.location.description)
        }
        // ContiguousArray<T> results are exported through the buffer protocol too (docs/design/results.md#arrays).
        if let abi3 = options.abi3, abi3 < PythonVersion(3, 11) {
            let functions = scan.interface.functions + scan.interface.types.flatMap { $0.methods.map(\.function) }
            if let function = functions.first(where: { $0.returnType.containsContiguousArray || $0.parameters.contains { $0.type.containsContiguousArray } }) {
                let type = function.returnType.containsContiguousArray ? function.returnType : function.parameters.first { $0.type.containsContiguousArray }!.type
                throw SwiftmodError.abi3WithoutArrays(abi3: abi3.description, function: function.swiftName, type: type.swiftSpelling, location: function.location.description)
            }
        }
        if project.pyproject.strict, !scan.diagnostics.isEmpty {
            throw SwiftmodError.strictFailed(count: scan.diagnostics.count)
        }
        // [tool.swiftmod.exceptions] may only name the module's exported error types (docs/design/exported.md#exception-bases).
        let errorNames = Set(scan.interface.errorTypes.map(\.name))
        for name in project.pyproject.exceptionBases.keys.sorted() where !errorNames.contains(name) {
            let known = errorNames.isEmpty ? "the module exports none" : "the module's error types are \(errorNames.sorted().joined(separator: ", "))"
            throw SwiftmodError.pyproject(project.pyproject.error(
                "[tool.swiftmod.exceptions] names `\(name)`, which is not a public Error type of \(names.swiftTarget) (\(known))",
                table: "tool.swiftmod.exceptions", key: name))
        }
        return scan
    }

    private func finish(_ scan: SymbolGraphScanner.Result, _ package: GluePackage) throws -> Product {
        let library = scratchDirectory + "/\(configuration)/lib\(GluePackage.productName(for: scan.interface)).so"
        try ExtensionCheck.verify(library: library, module: extensionName)
        var pythonFiles = package.pythonFiles
        if project.layout.isMixed {
            // The user's package has its own __init__.py; the stubs are the extension's own.
            pythonFiles = pythonFiles.compactMap { file in
                switch file.path {
                case "__init__.py": nil
                case "__init__.pyi": renamed(file, to: project.layout.stubFileName)
                default: file
                }
            }
        } else if var stub = pythonFiles.first(where: { $0.path == "__init__.pyi" }) {
            // The extension is a submodule of the package (`shapes.shapes`) and needs stubs of
            // its own, or `python -m mypy.stubtest shapes` fails to find them. It has the
            // package's names (the package re-exports it), and its types are the package's
            // (`__module__` is the package), so its stub re-exports the package's stub.
            stub = renamed(stub, to: extensionName + ".pyi")
            stub.contents = "# Generated by swiftmod. Do not edit.\n# The extension module: the package re-exports it whole (see __init__.pyi).\nfrom . import *  # noqa: F401,F403\n"
            pythonFiles.append(stub)
        }
        return Product(
            library: library, extensionFileName: extensionName + (options.abi3 == nil ? python.extSuffix : ".abi3.so"),
            interface: scan.interface, pythonFiles: pythonFiles, diagnostics: scan.diagnostics)
    }

    private func renamed(_ file: GluePackage.File, to path: String) -> GluePackage.File {
        var file = file
        file.path = path
        return file
    }

    /// Builds and lays out the Python package below `directory` (`<module>/`; in a mixed
    /// project the user's package with the extension in it), replacing files atomically.
    public func buildPackage(into directory: String) throws -> (Product, String) {
        let product = try build()
        let files = FileWriter()
        for file in try DistributionAssembler.packageFiles(product, project: project) {
            let path = directory + "/" + file.path
            try files.createDirectory((path as NSString).deletingLastPathComponent)
            try files.writeAtomically(file.data, to: path, permissions: file.executable ? 0o755 : 0o644)
        }
        return (product, directory + "/" + project.layout.topLevelPackage)
    }

    private func runSwiftBuild(_ arguments: [String]) throws -> ProcessRunner.Output {
        try runner.run(options.swift, ["build"] + commonFlags + arguments)
    }

    private func swiftBuild(_ arguments: [String], failure: String) throws {
        let output = try runSwiftBuild(arguments)
        guard output.status == 0 else {
            report?(CompilerOutput.relevant(output.combined))
            throw SwiftmodError.compileFailed(stage: failure)
        }
    }

    private func stage<T>(_ name: String, _ body: () throws -> T) throws -> T {
        let start = Date()
        let result = try body()
        report?(String(format: "%@ (%.2fs)", name, Date().timeIntervalSince(start)))
        return result
    }
}

/// Trims `swift build` output to what a person needs when it fails: the compiler's messages.
enum CompilerOutput {
    static func relevant(_ output: String) -> String {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        let kept = lines.filter { line in
            !(line.hasPrefix("[") && line.contains("]")) && !line.hasPrefix("Building for") && !line.hasPrefix("Compiling") && !line.hasPrefix("Write ")
        }
        return kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
