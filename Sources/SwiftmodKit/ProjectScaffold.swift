import SwiftmodModel
import SwiftmodTemplates

/// The files of a new project (`swiftmod new` / `init`), rendered in memory from the templates.
public struct ProjectScaffold: Sendable {
    /// One file to write: its path relative to the project root and its contents.
    public struct File: Equatable, Sendable {
        /// The path relative to the project root (`Sources/WordTools/WordTools.swift`).
        public var path: String
        /// The rendered text of the file.
        public var contents: String
    }

    /// The names the templates were rendered for.
    public let names: ProjectNames
    /// Every file, in a fixed order.
    public let files: [File]

    /// Files that belong to the project's identity: `init` refuses to run where one exists.
    public static let identityFiles = ["pyproject.toml", "Package.swift"]

    /// Renders every template of `Templates/new/` for `names`; with `mixed`, the mixed layout
    /// of docs/design/mixed.md (`Templates/new/mixed/`): the Swift core as `<package>._native` inside the
    /// Python package `python/<package>/`, which wraps it.
    public init(names: ProjectNames, mixed: Bool = false) throws(TemplateError) {
        self.names = names
        let layout = ModuleLayout(module: names.module, pythonSource: mixed ? "python" : nil)
        let values = [
            "name": names.distribution,
            "module": names.module,
            "package": layout.package,
            "extension": layout.extensionName,
            "target": names.swiftTarget,
            "swiftmod_requirement": SwiftmodVersion.buildRequirement,
        ]
        let target = names.swiftTarget
        let package = "python/" + layout.packageDirectory
        let mixedLayout: [(template: String, path: String)] = [
            ("new/Package.swift.tmpl", "Package.swift"),
            ("new/mixed/pyproject.toml.tmpl", "pyproject.toml"),
            ("new/Library.swift.tmpl", "Sources/\(target)/\(target).swift"),
            ("new/LibraryTests.swift.tmpl", "Tests/\(target)Tests/\(target)Tests.swift"),
            ("new/mixed/__init__.py.tmpl", package + "/__init__.py"),
            ("new/mixed/py.typed.tmpl", package + "/py.typed"),
            ("new/mixed/test_package.py.tmpl", "tests/test_\(layout.package.replacingOccurrences(of: ".", with: "_")).py"),
            ("new/mixed/gitignore.tmpl", ".gitignore"),
            ("new/mixed/README.md.tmpl", "README.md"),
        ]
        let pureLayout: [(template: String, path: String)] = [
            ("new/Package.swift.tmpl", "Package.swift"),
            ("new/pyproject.toml.tmpl", "pyproject.toml"),
            ("new/Library.swift.tmpl", "Sources/\(target)/\(target).swift"),
            ("new/LibraryTests.swift.tmpl", "Tests/\(target)Tests/\(target)Tests.swift"),
            ("new/test_module.py.tmpl", "tests/test_\(names.module).py"),
            ("new/gitignore.tmpl", ".gitignore"),
            ("new/README.md.tmpl", "README.md"),
        ]
        var files: [File] = []
        for entry in mixed ? mixedLayout : pureLayout {
            files.append(
                File(path: entry.path, contents: try Template(entry.template).render(values)))
        }
        self.files = files
    }
}
