/// Where the extension module sits among the project's Python files (docs/design/mixed.md).
///
/// - Pure layout (no Python code of the user's): the package `word_tools/` is generated, with
///   `__init__.py` re-exporting the extension `word_tools/word_tools.<EXT_SUFFIX>`.
/// - Mixed layout: the user's own package `word_tools/` (in `python-source`, or beside
///   `pyproject.toml`) ships as it is, with the extension added to it:
///   `module-name = "word_tools._native"` gives `word_tools/_native.<EXT_SUFFIX>` and
///   `word_tools/_native.pyi`; an undotted `module-name = "word_tools"` gives
///   `word_tools/word_tools.<EXT_SUFFIX>`, as maturin does.
public struct ModuleLayout: Equatable, Sendable {
    /// `[tool.swiftmod].module-name`: `word_tools` or `word_tools._native`.
    public var module: String
    /// For the mixed layout, the directory holding the Python package, relative to the project
    /// root (`python`; empty for the project root). Nil for the pure layout.
    public var pythonSource: String?

    /// A layout for the dotted `module`; `pythonSource` nil means the pure layout.
    public init(module: String, pythonSource: String?) {
        self.module = module
        self.pythonSource = pythonSource
    }

    /// Whether the project has Python code of its own.
    public var isMixed: Bool { pythonSource != nil }

    /// The module's dotted components.
    private var components: [Substring] { module.split(separator: ".") }

    /// The extension module's own name, as in `PyInit_<name>`: `_native`, or `word_tools`.
    public var extensionName: String { String(components.last ?? Substring(module)) }

    /// The dotted package that holds the extension: `word_tools` in both `word_tools._native`
    /// and the undotted `word_tools`.
    public var package: String {
        components.count > 1 ? components.dropLast().joined(separator: ".") : module
    }

    /// The top-level package, the one `import` finds on `sys.path`: `word_tools`.
    public var topLevelPackage: String { String(components.first ?? Substring(module)) }

    /// The package's directory inside a wheel or site-packages: `word_tools` (`a/b` for `a.b`).
    public var packageDirectory: String { package.split(separator: ".").joined(separator: "/") }

    /// The full import name of the extension: `word_tools._native`, or `word_tools.word_tools`.
    public var extensionImportName: String { package + "." + extensionName }

    /// The path of `name` inside the package directory.
    public func inPackage(_ name: String) -> String { packageDirectory + "/" + name }

    /// For the mixed layout, the project-relative directory of the top-level package
    /// (`python/word_tools`, or `word_tools`).
    public var sourcePackageDirectory: String? {
        guard let pythonSource else { return nil }
        return pythonSource.isEmpty ? topLevelPackage : pythonSource + "/" + topLevelPackage
    }

    /// For the mixed layout, the project-relative directory the extension is built into by
    /// `develop` (`python/word_tools`).
    public var sourceExtensionDirectory: String? {
        guard let pythonSource else { return nil }
        return pythonSource.isEmpty ? packageDirectory : pythonSource + "/" + packageDirectory
    }

    /// The stub file of the extension: `__init__.pyi` in the pure layout (the generated package
    /// is the module), `<extension>.pyi` in the mixed one.
    public var stubFileName: String { isMixed ? extensionName + ".pyi" : "__init__.pyi" }

    /// Whether `fileName` is a build of this extension module (`_native.cpython-311-….so`,
    /// `_native.abi3.so`, `_native.so`): what `develop` leaves in the source package, which
    /// neither a wheel nor an sdist should carry.
    public func isExtensionBuild(_ fileName: String) -> Bool {
        fileName.hasPrefix(extensionName + ".") && fileName.hasSuffix(".so")
    }
}
