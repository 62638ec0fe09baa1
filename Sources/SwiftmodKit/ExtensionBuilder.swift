import Foundation
import SwiftmodGenerator
import SwiftmodModel
import SwiftmodPackaging
import SwiftmodScanner

/// The build pipeline (docs/design/stages.md#pipeline): scan the user's Swift API into a module interface, render
/// the glue package, compile it with `swift build`, check the `.so`, and lay out the Python
/// package (`<module>/__init__.py`, the extension, `__init__.pyi`, `py.typed`).
public struct ExtensionBuilder {
    /// How to build.
    public struct Options: Sendable {
        /// An optimized (`-c release`) build; otherwise debug.
        public var release: Bool
        /// For a wheel: the Swift runtime linked statically, no toolchain RUNPATH, stripped;
        /// built in its own build directory so that `develop` builds stay incremental.
        public var selfContained: Bool

        /// Options; a debug build for this machine (`develop`, `compile`) unless told.
        public init(release: Bool = false, selfContained: Bool = false) {
            self.release = release
            self.selfContained = selfContained
        }
    }

    /// What a build produced.
    public struct Product: Sendable {
        /// The extension module as built (`lib<module>.so` in the glue package's build directory).
        public var library: String
        /// The installed file name (`<module><EXT_SUFFIX>`, `_native<EXT_SUFFIX>` in a mixed project).
        public var extensionFileName: String
        /// What the scan found the user's module exports: what the glue and stubs were rendered from.
        public var interface: ModuleInterface
        /// The generated Python files to install beside the extension, relative to its package
        /// directory: `__init__.py`, `__init__.pyi` and `py.typed` in the pure layout;
        /// `<extension>.pyi` and `py.typed` in the mixed one (docs/design/mixed.md).
        public var pythonFiles: [GluePackage.File]
        /// The scan's warnings (public declarations left out, and why), already reported; with `strict` they fail the build instead.
        public var diagnostics: [Diagnostic]
    }

    /// The command's context: the project, the environment (the `swift` driver, the module
    /// cache), the runner and the report.
    public let context: BuildContext
    /// The interpreter whose headers the glue compiles against, and the abi3 version if any.
    public let target: BuildTarget
    /// Release or debug, self-contained or not.
    public let options: Options

    /// A builder for one target; nothing runs until `build()`.
    public init(context: BuildContext, target: BuildTarget, options: Options) {
        self.context = context
        self.target = target
        self.options = options
    }

    private var project: Project { context.project }
    private var python: PythonInterpreter { target.interpreter }
    private var runner: any ProcessRunning { context.runner }
    private var report: (@Sendable (String) -> Void)? { context.report }

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
        var flags = [
            "--package-path", glueDirectory, "--scratch-path", scratchDirectory, "-c", configuration,
            "-Xswiftc", "-emit-symbol-graph", "-Xswiftc", "-emit-symbol-graph-dir", "-Xswiftc", symbolDirectory,
            // At the public level the graph leaves out `_`-prefixed names, so special
            // methods (`__len__`, docs/design/types.md#escape-hatch) would vanish; the scan keeps public ones only.
            // Members the standard library's protocol extensions add are not needed.
            // Private initializers are listed too: one stops a subclass from inheriting
            // its superclass's initializers (docs/design/types.md#initializers).
            "-Xswiftc", "-symbol-graph-minimum-access-level", "-Xswiftc", "private",
            "-Xswiftc", "-symbol-graph-skip-synthesized-members",
        ]
        if options.release {
            // The glue calls the user's functions from another module: cross-module optimization
            // lets it inline and specialize them, so a generic `some Collection<Double>`
            // parameter is read through the concrete list view, not through protocol witnesses.
            flags += ["-Xswiftc", "-cross-module-optimization"]
        }
        // One module cache for all projects: the first build of a new project then skips
        // rebuilding the C modules of Glibc and the Swift overlays (about a second here).
        if let cache = context.moduleCache {
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
            flags += [
                "-Xswiftc", "-file-prefix-map", "-Xswiftc", "\(project.root)=.", "-Xcc", "-ffile-prefix-map=\(project.root)=.",
                "-Xlinker", "--build-id=none",
            ]
        }
        return flags
    }

    /// Makes the next build recompile the user's Swift target whole. The Swift driver's
    /// incremental record compares source modification times to the second: a file edited again
    /// within the second of its last build looks unchanged, and the old code would be installed
    /// (measured: an edit 0.7 s after the previous one was missed about one time in three).
    public func forgetIncrementalRecord() {
        try? FileManager.default.removeItem(atPath: scratchDirectory + "/\(configuration)/\(names.swiftTarget).build/primary.priors")
    }

    /// Makes SwiftPM plan the build again when a source file was added to or removed from the
    /// user's package (or a local package it depends on), or when one of their manifests
    /// changed, since the last build. SwiftPM re-plans when the root package's structure or
    /// manifest changes, and the user's package is a dependency of the glue package: a new file
    /// went unseen, and the build failed with "cannot find 'X' in scope" (found adding
    /// LSHStore.swift to Examples/minhash); an edit of the user's `Package.swift` alone (a
    /// `.define`, a new dependency) was ignored until `.build/swiftmod` was deleted. Touching
    /// the glue's manifest makes it re-plan; a build whose file list and manifests are
    /// unchanged pays only the listing.
    private func replanWhenSourcesChange(manifestPath: String) throws {
        let sourceSuffixes = [".swift", ".c", ".h", ".cc", ".cpp", ".m", ".mm", ".s", ".S", ".modulemap"]
        let local = DistributionAssembler.projectFiles(project.root, recursive: true)
        let dependencies = DevelopStamp.localDependencyFiles(project).map(\.path)
        let sources = (local + dependencies).filter { path in sourceSuffixes.contains { path.hasSuffix($0) } }.sorted()
        // The manifests by content: their paths are in the list already.
        let manifests = sources.filter { $0 == "Package.swift" || $0.hasSuffix("/Package.swift") }.map { path in
            let full = path.hasPrefix("/") ? path : project.root + "/" + path
            return "--- \(path)\n" + ((try? String(contentsOfFile: full, encoding: .utf8)) ?? "")
        }
        let listing = Data(((sources + manifests).joined(separator: "\n") + "\n").utf8)
        let recorded = glueDirectory + "/.swiftmod-source-files"
        guard FileManager.default.contents(atPath: recorded) != listing else { return }
        if FileManager.default.fileExists(atPath: recorded) {
            try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: manifestPath)
        }
        try FileWriter().writeAtomically(listing, to: recorded)
    }

    /// Runs the whole pipeline.
    ///
    /// When glue from an earlier build exists, it first builds the extension in one pass with
    /// that glue (the user's target is recompiled and its symbol graph re-emitted on the way),
    /// and only generates and builds again when the public API changed. Most edits change a
    /// function body, so the edit loop costs one `swift build`. When the lines of the user's
    /// sources that declare things changed since the last build (`DeclarationLines`), the API
    /// probably changed too, and that pass would compile the whole glue once for nothing: the
    /// build then compiles the user's target alone, generates, and compiles the glue once.
    /// Either way the result is the same; the guess only picks the faster order.
    public func build() throws -> Product {
        let declarations = DeclarationLines.digest(of: project)
        let recorded = glueDirectory + "/.swiftmod-declarations"
        let declarationsChanged = FileManager.default.contents(atPath: recorded).map { $0 != declarations } ?? false
        let product = try build(speculatively: !declarationsChanged)
        try? FileWriter().writeAtomically(declarations, to: recorded)
        return product
    }

    private func build(speculatively: Bool) throws -> Product {
        _ = try context.locateSwift()
        let glue = GluePackage.Context(
            projectRoot: project.root, pythonInclude: python.include, releaseGIL: project.pyproject.releaseGIL, stableABI: target.stableABI,
            qualifiedModule: names.module == extensionName ? nil : names.module,
            exceptionBases: project.pyproject.exceptionBases)
        let files = FileWriter()
        try files.createDirectory(symbolDirectory)
        let product = extensionName
        let gluePath = glueDirectory + "/Sources/SwiftmodGlue/Glue.swift"
        let placeholder = ModuleInterface(swiftModule: names.swiftTarget, pythonModule: extensionName)
        let manifest = GluePackage.manifestFile(for: placeholder, context: glue)
        try pinDependencies()
        try files.createDirectory(glueDirectory)
        try files.write([manifest], below: glueDirectory)
        try replanWhenSourcesChange(manifestPath: glueDirectory + "/Package.swift")

        if speculatively, FileManager.default.fileExists(atPath: gluePath) {
            // The manifest (written above) names the Python headers and API: a build for another
            // interpreter than the last one rewrote it, so that only the glue is recompiled (the
            // user's target does not depend on Python).
            let speculative = try buildStage("compiling", ["--product", product], failure: nil)
            if speculative.status == 0 {
                let (scan, package) = try generate(glue)
                if try !files.wouldChange(package.packageFiles, below: glueDirectory) {
                    return try finish(scan, package)
                }
                try files.write(package.packageFiles, below: glueDirectory)
                try files.removeStaleFiles(package.packageFiles, below: glueDirectory)
                try buildStage("compiling the new bindings", ["--product", product], failure: "compiling the generated bindings")
                return try finish(scan, package)
            }
            // The old glue no longer fits (or the user's code does not compile): start over, so
            // that errors in the user's code are reported as such.
        }

        // 1. Compile the user's target alone, emitting its symbol graph.
        let initial = try GluePackage(interface: placeholder, context: glue)
        try files.write(initial.packageFiles.filter { $0.path != "Package.swift" }, below: glueDirectory, onlyIfMissing: true)
        try buildStage(
            "compiling \(names.swiftTarget)", ["--target", names.swiftTarget], failure: "compiling the Swift target \(names.swiftTarget)")
        // 2. Scan it, generate the glue (unchanged files keep their timestamps), build the extension.
        let (scan, package) = try generate(glue)
        try files.write(package.packageFiles, below: glueDirectory)
        try files.removeStaleFiles(package.packageFiles, below: glueDirectory)
        try buildStage("compiling the bindings", ["--product", product], failure: "compiling the generated bindings")
        return try finish(scan, package)
    }

    /// Scans the symbol graph the last build emitted and renders the glue package from it.
    private func generate(_ glue: GluePackage.Context) throws -> (SymbolGraphScanner.Result, GluePackage) {
        let start = Date()
        let scan = try scanSymbols()
        let scanned = Date()
        let package = try GluePackage(interface: scan.interface, context: glue)
        report?(
            String(
                format: "scanning and generating (%.2fs: scan %.2f, generate %.2f)",
                Date().timeIntervalSince(start), scanned.timeIntervalSince(start), Date().timeIntervalSince(scanned)))
        return (scan, package)
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
        let scan = try SymbolGraphScanner().scan(
            json: json, swiftModule: names.swiftTarget, pythonModule: extensionName, strict: project.pyproject.strict)
        for diagnostic in scan.diagnostics { report?(diagnostic.description) }
        // The buffer protocol joined the limited API in 3.11 (docs/design/interpreters.md#abi3).
        if let abi3 = target.stableABI?.version, abi3 < PythonVersion(3, 11),
            let function = scan.interface.functions.first(where: { $0.parameters.contains { $0.type.isBuffer } }),
            let parameter = function.parameters.first(where: { $0.type.isBuffer })
        {
            throw SwiftmodError.abi3WithoutBuffers(
                abi3: abi3.description, function: function.swiftName, parameter: parameter.type.swiftSpelling,
                location: function.location.description)
        }
        // ContiguousArray<T> results are exported through the buffer protocol too (docs/design/results.md#arrays).
        if let abi3 = target.stableABI?.version, abi3 < PythonVersion(3, 11) {
            let functions = scan.interface.functions + scan.interface.types.flatMap { $0.methods.map(\.function) }
            if let function = functions.first(where: {
                $0.returnType.containsContiguousArray || $0.parameters.contains { $0.type.containsContiguousArray }
            }) {
                let type =
                    function.returnType.containsContiguousArray
                    ? function.returnType : function.parameters.first { $0.type.containsContiguousArray }!.type
                throw SwiftmodError.abi3WithoutArrays(
                    abi3: abi3.description, function: function.swiftName, type: type.swiftSpelling, location: function.location.description)
            }
        }
        if project.pyproject.strict, !scan.diagnostics.isEmpty {
            throw SwiftmodError.strictFailed(count: scan.diagnostics.count)
        }
        // [tool.swiftmod.exceptions] may only name the module's exported error types (docs/design/exported.md#exception-bases).
        let errorNames = Set(scan.interface.errorTypes.map(\.name))
        for name in project.pyproject.exceptionBases.keys.sorted() where !errorNames.contains(name) {
            let known =
                errorNames.isEmpty
                ? "the module exports none" : "the module's error types are \(errorNames.sorted().joined(separator: ", "))"
            throw SwiftmodError.pyproject(
                project.pyproject.error(
                    "[tool.swiftmod.exceptions] names `\(name)`, which is not a public Error type of \(names.swiftTarget) (\(known))",
                    table: "tool.swiftmod.exceptions", key: name))
        }
        return scan
    }

    private func finish(_ scan: SymbolGraphScanner.Result, _ package: GluePackage) throws -> Product {
        let library = scratchDirectory + "/\(configuration)/lib\(GluePackage.productName(for: scan.interface)).so"
        try ExtensionCheck.verify(library: library, module: extensionName, exportsWithPyModExport: target.stableABI?.isABI3T ?? false)
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
            stub.contents =
                "# Generated by swiftmod. Do not edit.\n# The extension module: the package re-exports it whole (see __init__.pyi).\nfrom . import *  # noqa: F401,F403\n"
            pythonFiles.append(stub)
        }
        return Product(
            library: library, extensionFileName: extensionName + target.extensionSuffix,
            interface: scan.interface, pythonFiles: pythonFiles, diagnostics: scan.diagnostics)
    }

    private func renamed(_ file: GluePackage.File, to path: String) -> GluePackage.File {
        var file = file
        file.path = path
        return file
    }

    /// Runs `swift build` on the glue package and reports the stage `name` with its duration and
    /// how it divided (SwiftPM's own work, compiling, linking). A failure shows the compiler's
    /// messages and throws `compileFailed(failure)`; with `failure` nil it is returned instead.
    @discardableResult
    private func buildStage(_ name: String, _ arguments: [String], failure: String?) throws -> ProcessRunner.Output {
        let start = Date()
        let output = try runner.run(context.swift, ["build"] + commonFlags + arguments)
        let seconds = Date().timeIntervalSince(start)
        if output.status == 0 {
            report?(String(format: "%@ (%.2fs: %@)", name, seconds, SwiftBuildTimes(output, total: seconds).description))
        } else if let failure {
            report?(CompilerOutput.relevant(output.combined))
            throw SwiftmodError.compileFailed(stage: failure)
        } else {
            report?(String(format: "%@ (%.2fs)", name, seconds))
        }
        return output
    }
}

/// The lines of the user's Swift sources that can change the public API (declarations with
/// `public` or `open`, attributes, `extension` headers, enum `case`s, doc comments; each up to
/// its first `{`), as a
/// digest: when it changed since the last build, `ExtensionBuilder` skips the speculative
/// build. A guess, for speed only: a body edit on such a line costs one more `swift build` start
/// (about 0.35 s), an API change it misses costs what it cost before.
enum DeclarationLines {
    static func digest(of project: Project) -> Data {
        var text = ""
        for path in DistributionAssembler.projectFiles(project.root, recursive: true)
        where path.hasPrefix("Sources/") && path.hasSuffix(".swift") {
            guard let source = try? String(contentsOfFile: project.root + "/" + path, encoding: .utf8) else { continue }
            text += "--- \(path)\n"
            for line in source.split(separator: "\n") {
                // A one-line function's body is not its declaration.
                let trimmed = line.drop { $0 == " " || $0 == "\t" }.prefix { $0 != "{" }
                if isDeclaration(trimmed) { text += trimmed + "\n" }
            }
        }
        return Data(Digest.recordHash(Data(text.utf8)).utf8)
    }

    static func isDeclaration(_ line: Substring) -> Bool {
        line.hasPrefix("///") || line.hasPrefix("@") || line.hasPrefix("extension ") || line.hasPrefix("case ")
            || line.contains("public ") || line.contains("open ")
    }
}

/// How the time of one `swift build` divided, from when SwiftPM printed each step (a step's
/// line comes when it finishes): SwiftPM's own work (start-up, loading the manifests, planning,
/// checking what is up to date, and exiting), compiling (from the last line before the first
/// compile step to the line before `Linking`), and linking (the line before `Linking` to it).
struct SwiftBuildTimes: Equatable, CustomStringConvertible {
    var swiftPM: Double
    var compiling: Double
    var linking: Double

    init(swiftPM: Double, compiling: Double, linking: Double) {
        self.swiftPM = swiftPM
        self.compiling = compiling
        self.linking = linking
    }

    init(_ output: ProcessRunner.Output, total: Double) {
        let lines = output.lineTimes
        let compileSteps = ["] Compiling", "] Emitting module", "] Wrapping AST", "] Linking"]
        let firstCompile = lines.firstIndex { line in line.line.hasPrefix("[") && compileSteps.contains { line.line.contains($0) } }
        let link = lines.firstIndex { $0.line.hasPrefix("[") && $0.line.contains("] Linking") }
        func before(_ index: Int?) -> Double? {
            guard let index else { return nil }
            return index > 0 ? lines[index - 1].seconds : 0
        }
        let compileStart = before(firstCompile) ?? total
        let linkStart = before(link) ?? total
        linking = link.map { lines[$0].seconds - linkStart } ?? 0
        compiling = max(0, linkStart - compileStart)
        swiftPM = total - compiling - linking
    }

    var description: String { String(format: "SwiftPM %.2f, compile %.2f, link %.2f", swiftPM, compiling, linking) }
}

/// Trims `swift build` output to what a person needs when it fails: the compiler's messages.
enum CompilerOutput {
    static func relevant(_ output: String) -> String {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        let kept = lines.filter { line in
            !(line.hasPrefix("[") && line.contains("]")) && !line.hasPrefix("Building for") && !line.hasPrefix("Compiling")
                && !line.hasPrefix("Write ")
        }
        return kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
