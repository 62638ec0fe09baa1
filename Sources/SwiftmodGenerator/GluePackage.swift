import Foundation
import SwiftmodModel
import SwiftmodTemplates

/// Everything generated from a module interface (docs/design/building.md#generated-package): the glue Swift package that
/// `swift build` turns into the extension, and the Python files installed beside it.
public struct GluePackage: Equatable, Sendable {
    /// A generated file: its path relative to the package (or Python package) root.
    public struct File: Equatable, Sendable {
        /// The path relative to the package (or Python package) root: `Sources/SwiftmodGlue/Glue.swift`.
        public var path: String
        /// The whole text of the file.
        public var contents: String
    }

    /// The files of the Swift package, relative to its root.
    public var packageFiles: [File]
    /// The Python package's files besides the extension: `__init__.py`, `__init__.pyi`, `py.typed`.
    public var pythonFiles: [File]

    /// Where the user's package is and how to compile against CPython.
    public struct Context: Equatable, Sendable {
        /// The absolute path of the user's Swift package.
        public var projectRoot: String
        /// The directory holding `Python.h`.
        public var pythonInclude: String
        /// `[tool.swiftmod].release-gil`.
        public var releaseGIL: ReleaseGIL
        /// The Stable ABI the glue compiles for, nil for the full API of `pythonInclude`'s CPython.
        /// abi3 compiles against the limited API of its version (`Py_LIMITED_API`); abi3t (3.15+)
        /// also defines `Py_TARGET_ABI3T` (PEP 803): `PyObject` is opaque and the module is
        /// exported with `PyModExport_<name>` (docs/design/interpreters.md#abi3t).
        public var stableABI: StableABI?

        /// The module's full dotted name (`word_tools._native` in a mixed project, docs/design/mixed.md),
        /// for the names of the classes it defines; nil when it is the extension's own name.
        public var qualifiedModule: String?

        /// `[tool.swiftmod.exceptions]`: each error type's built-in base (docs/design/exported.md#exception-bases).
        public var exceptionBases: [String: String]

        /// A context; `releaseGIL`, `stableABI`, `qualifiedModule` and `exceptionBases` default to the
        /// project settings of a plain version-specific build.
        public init(
            projectRoot: String, pythonInclude: String, releaseGIL: ReleaseGIL = .auto, stableABI: StableABI? = nil,
            qualifiedModule: String? = nil, exceptionBases: [String: String] = [:]
        ) {
            self.stableABI = stableABI
            self.exceptionBases = exceptionBases
            self.projectRoot = projectRoot
            self.pythonInclude = pythonInclude
            self.releaseGIL = releaseGIL
            self.qualifiedModule = qualifiedModule
        }

        /// The C flags that select the Python API: the headers, and `Py_LIMITED_API` for abi3.
        /// `SWIFTMOD_PYTHON` names the headers and API in the importer's module hash, so that a
        /// shared module cache never hands a `SwiftmodShim` module compiled against one Python's
        /// object layout to a build for another.
        var pythonCFlags: [String] {
            let api: String =
                switch stableABI {
                case nil: "full"
                case .abi3(let version)?: version.limitedAPIHex
                case .abi3t(let version)?: version.limitedAPIHex + "t"
                }
            var flags = ["-I", pythonInclude, "-DSWIFTMOD_PYTHON=\(Self.fingerprint(pythonInclude + "|" + api))"]
            switch stableABI {
            case nil: break
            case .abi3(let version)?: flags.append("-DPy_LIMITED_API=\(version.limitedAPIHex)")
            case .abi3t(let version)?: flags += ["-DPy_LIMITED_API=\(version.limitedAPIHex)", "-DPy_TARGET_ABI3T=\(version.limitedAPIHex)"]
            }
            return flags
        }

        /// Swift compilation conditions the fixed runtime tests with `#if`.
        var swiftDefines: [String] {
            // The buffer protocol (`Py_buffer`, `PyObject_GetBuffer`) is in the limited API from 3.11.
            switch stableABI {
            case nil: return []
            case .abi3(let version)?: return ["SWIFTMOD_LIMITED_API"] + (version < PythonVersion(3, 11) ? ["SWIFTMOD_NO_BUFFER_API"] : [])
            case .abi3t?: return ["SWIFTMOD_LIMITED_API", "SWIFTMOD_ABI3T"]
            }
        }

        /// FNV-1a of `text`, as 16 hex digits.
        static func fingerprint(_ text: String) -> String {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            let hex = String(hash, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }
    }

    /// The name of the dynamic library product (`lib<name>.so`).
    public static func productName(for interface: ModuleInterface) -> String { interface.pythonModule }

    /// Renders every file for `interface`.
    public init(interface: ModuleInterface, context: Context) throws(TemplateError) {
        let plan = BindingPlan(
            interface: interface, releaseGIL: context.releaseGIL, qualifiedModule: context.qualifiedModule,
            exceptionBases: context.exceptionBases)
        let shim = CShimRenderer(plan: plan).render()
        let glue = SwiftGlueRenderer(plan: plan).render()
        let stubs = StubRenderer(plan: plan)
        packageFiles = [
            Self.manifestFile(for: interface, context: context),
            File(path: "Sources/SwiftmodShim/include/swiftmod_shim.h", contents: try Template("glue/swiftmod_shim.h.tmpl").render([:])),
            File(path: "Sources/SwiftmodShim/include/swiftmod_gil.h", contents: try Template("glue/swiftmod_gil.h.tmpl").render([:])),
            File(path: "Sources/SwiftmodShim/include/swiftmod_module.h", contents: CShimRenderer(plan: plan).header()),
            File(path: "Sources/SwiftmodShim/swiftmod_runtime.c", contents: try Template("glue/swiftmod_runtime.c.tmpl").render([:])),
            File(path: "Sources/SwiftmodShim/module.c", contents: shim),
            File(path: "Sources/SwiftmodGlue/Runtime.swift", contents: try Template("glue/Runtime.swift.tmpl").render([:])),
            File(path: "Sources/SwiftmodGlue/Numbers.swift", contents: try Template("glue/Numbers.swift.tmpl").render([:])),
            File(path: "Sources/SwiftmodGlue/Text.swift", contents: try Template("glue/Text.swift.tmpl").render([:])),
            File(path: "Sources/SwiftmodGlue/Containers.swift", contents: try Template("glue/Containers.swift.tmpl").render([:])),
            File(path: "Sources/SwiftmodGlue/BorrowedBuffers.swift", contents: try Template("glue/BorrowedBuffers.swift.tmpl").render([:])),
            File(
                path: "Sources/SwiftmodGlue/BorrowedCollections.swift",
                contents: try Template("glue/BorrowedCollections.swift.tmpl").render([:])
            ),
            File(path: "Sources/SwiftmodGlue/Types.swift", contents: try Template("glue/Types.swift.tmpl").render([:])),
            File(path: "Sources/SwiftmodGlue/Codable.swift", contents: try Template("glue/Codable.swift.tmpl").render([:])),
            File(path: "Sources/SwiftmodGlue/Callbacks.swift", contents: try Template("glue/Callbacks.swift.tmpl").render([:])),
            File(path: "Sources/SwiftmodGlue/Glue.swift", contents: glue),
            // The C declarations of lazy iterators and arrays (docs/design/results.md), in every
            // package whether or not the module returns them, included by `swiftmod_module.h`: a
            // header that appears in the shim's `include/` of a package built before is not seen
            // by the Clang module the Swift glue imports (it stays cached until a header it read
            // changes), so the first array result added to a built project failed with "cannot
            // find 'swiftmod_array_check' in scope".
            File(
                path: "Sources/SwiftmodShim/include/swiftmod_results.h", contents: try Template("glue/swiftmod_results.h.tmpl").render([:])),
        ]
        // Their code only for a module that returns them (it uses the plan's state slots). A
        // source file that is no longer generated is removed by the build
        // (`FileWriter.removeStaleFiles`).
        if plan.resultTypes.isUsed {
            packageFiles += [
                File(path: "Sources/SwiftmodShim/swiftmod_results.c", contents: try Template("glue/swiftmod_results.c.tmpl").render([:])),
                File(path: "Sources/SwiftmodGlue/Results.swift", contents: try Template("glue/Results.swift.tmpl").render([:])),
            ]
        }
        // async functions (docs/design/async.md): only for a module that has them (their C
        // declarations are in swiftmod_shim.h for every module).
        if plan.usesAsync {
            packageFiles += [
                File(path: "Sources/SwiftmodShim/swiftmod_async.c", contents: try Template("glue/swiftmod_async.c.tmpl").render([:])),
                File(path: "Sources/SwiftmodGlue/Async.swift", contents: try Template("glue/Async.swift.tmpl").render([:])),
            ]
        }
        pythonFiles = [
            File(path: "__init__.py", contents: stubs.initModule()),
            File(path: "__init__.pyi", contents: stubs.stub()),
            File(path: "py.typed", contents: ""),
        ]
    }

    /// The manifest alone, for a build that only needs to point the glue package at another
    /// Python (it depends on the names and the context, not on the scanned API).
    public static func manifestFile(for interface: ModuleInterface, context: Context) -> File {
        File(path: "Package.swift", contents: manifest(interface: interface, context: context))
    }

    /// The glue package's manifest: a dynamic library over the shim and the glue, depending
    /// on the user's package by path.
    static func manifest(interface: ModuleInterface, context: Context) -> String {
        let identity = context.projectRoot.split(separator: "/").last.map(String.init) ?? interface.swiftModule
        let cFlags = context.pythonCFlags.map(swiftString).joined(separator: ", ")
        let importerFlags = (context.pythonCFlags + ["-D_GNU_SOURCE"]).flatMap { ["-Xcc", $0] }.map(swiftString).joined(separator: ", ")
        let defines = context.swiftDefines.map { "\n                    .define(\(swiftString($0)))," }.joined()
        return """
            // swift-tools-version:5.9
            // Generated by swiftmod for the Python module \(interface.pythonModule). Do not edit.
            import PackageDescription

            let package = Package(
                name: "swiftmod-glue-\(interface.pythonModule)",
                products: [
                    .library(name: \(swiftString(productName(for: interface))), type: .dynamic, targets: ["SwiftmodGlue"])
                ],
                dependencies: [
                    .package(path: \(swiftString(context.projectRoot)))
                ],
                targets: [
                    .target(
                        name: "SwiftmodShim",
                        // NDEBUG drops the CPython headers' asserts, which embed the build path.
                        cSettings: [.unsafeFlags([\(cFlags)]), .define("NDEBUG", .when(configuration: .release))]
                    ),
                    .target(
                        name: "SwiftmodGlue",
                        dependencies: [
                            "SwiftmodShim",
                            .product(name: \(swiftString(interface.swiftModule)), package: \(swiftString(identity))),
                        ],
                        swiftSettings: [
                            .unsafeFlags([\(importerFlags)]),
                            .unsafeFlags(["-Xcc", "-DNDEBUG"], .when(configuration: .release)),\(defines)
                        ],
                        // Without a SONAME the linker records the output's full path in the
                        // library, and builds in two directories would differ.
                        linkerSettings: [.unsafeFlags(["-Xlinker", "-soname=lib\(productName(for: interface)).so"])]
                    ),
                ]
            )

            """
    }
}

/// A Swift string literal for `text`.
func swiftString(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}
