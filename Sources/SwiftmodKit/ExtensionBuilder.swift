import Foundation
import SwiftmodGenerator
import SwiftmodModel
import SwiftmodScanner

/// The build pipeline (DESIGN §6): scan the user's Swift API into a module interface, render
/// the glue package, compile it with `swift build`, check the `.so`, and lay out the Python
/// package (`<module>/__init__.py`, the extension, `__init__.pyi`, `py.typed`).
public struct ExtensionBuilder {
    /// How to build.
    public struct Options: Sendable {
        public var release: Bool
        public var swift: String

        public init(release: Bool = false, swift: String = ProcessInfo.processInfo.environment["SWIFTMOD_SWIFT"] ?? "swift") {
            self.release = release
            self.swift = swift
        }
    }

    /// What a build produced.
    public struct Product: Sendable {
        /// The extension module as built (`lib<module>.so` in the glue package's build directory).
        public var library: String
        /// The installed file name (`<module><EXT_SUFFIX>`).
        public var extensionFileName: String
        public var interface: ModuleInterface
        /// The Python files to install beside the extension.
        public var pythonFiles: [GluePackage.File]
        public var diagnostics: [Diagnostic]
    }

    public let project: Project
    public let python: PythonInterpreter
    public let options: Options
    public let runner: ProcessRunner
    /// Receives each stage's name and duration, and diagnostics.
    public var report: (@Sendable (String) -> Void)?

    public init(project: Project, python: PythonInterpreter, options: Options, runner: ProcessRunner) {
        self.project = project
        self.python = python
        self.options = options
        self.runner = runner
    }

    private var names: ProjectNames { project.pyproject.names }
    private var glueDirectory: String { project.buildDirectory + "/glue-\(names.module)" }
    private var symbolDirectory: String { project.buildDirectory + "/symbols" }
    private var configuration: String { options.release ? "release" : "debug" }

    /// Flags given to every `swift build` of the glue package: identical in both builds, so that
    /// the user's target is compiled once.
    private var commonFlags: [String] {
        ["--package-path", glueDirectory, "-c", configuration,
         "-Xswiftc", "-emit-symbol-graph", "-Xswiftc", "-emit-symbol-graph-dir", "-Xswiftc", symbolDirectory]
    }

    /// Runs the whole pipeline.
    public func build() throws -> Product {
        let context = GluePackage.Context(projectRoot: project.root, pythonInclude: python.include)
        let placeholder = ModuleInterface(swiftModule: names.swiftTarget, pythonModule: names.module)

        // 1. Compile the user's target alone, emitting its symbol graph.
        let files = FileWriter()
        try files.createDirectory(symbolDirectory)
        let initial = try GluePackage(interface: placeholder, context: context)
        try files.write(initial.packageFiles.filter { $0.path == "Package.swift" }, below: glueDirectory)
        try files.write(initial.packageFiles.filter { $0.path != "Package.swift" }, below: glueDirectory, onlyIfMissing: true)
        try stage("compiling \(names.swiftTarget)") {
            try swiftBuild(["--target", names.swiftTarget], failure: "compiling the Swift target \(names.swiftTarget)")
        }

        // 2. Scan it.
        let scan = try stage("scanning the public API") { () throws -> SymbolGraphScanner.Result in
            let path = symbolDirectory + "/\(names.swiftTarget).symbols.json"
            guard let json = FileManager.default.contents(atPath: path) else {
                throw SwiftmodError.internal("the compiler wrote no symbol graph at \(path)")
            }
            return try SymbolGraphScanner().scan(json: json, swiftModule: names.swiftTarget, pythonModule: names.module, strict: project.pyproject.strict)
        }
        for diagnostic in scan.diagnostics { report?(diagnostic.description) }
        if project.pyproject.strict, !scan.diagnostics.isEmpty {
            throw SwiftmodError.strictFailed(count: scan.diagnostics.count)
        }

        // 3. Generate the glue (unchanged files keep their timestamps) and build the extension.
        let package = try GluePackage(interface: scan.interface, context: context)
        try files.write(package.packageFiles, below: glueDirectory)
        try stage("compiling the extension") {
            try swiftBuild(["--product", GluePackage.productName(for: scan.interface)], failure: "compiling the generated bindings")
        }
        let library = glueDirectory + "/.build/\(configuration)/lib\(GluePackage.productName(for: scan.interface)).so"
        try ExtensionCheck.verify(library: library, module: names.module)
        return Product(
            library: library, extensionFileName: names.module + python.extSuffix,
            interface: scan.interface, pythonFiles: package.pythonFiles, diagnostics: scan.diagnostics)
    }

    /// Builds and lays out the Python package `<directory>/<module>/`, replacing files atomically.
    public func buildPackage(into directory: String) throws -> (Product, String) {
        let product = try build()
        let packageDirectory = directory + "/" + names.module
        let files = FileWriter()
        try files.createDirectory(packageDirectory)
        try files.copyAtomically(from: product.library, to: packageDirectory + "/" + product.extensionFileName)
        try files.write(product.pythonFiles, below: packageDirectory)
        return (product, packageDirectory)
    }

    private func swiftBuild(_ arguments: [String], failure: String) throws {
        let output = try runner.run(options.swift, ["build"] + commonFlags + arguments)
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
