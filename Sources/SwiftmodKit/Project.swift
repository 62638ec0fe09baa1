import Foundation
import SwiftmodModel

/// A swiftmod project on disk: its directory, its parsed `pyproject.toml` and its layout.
public struct Project: Sendable {
    /// The absolute project directory.
    public var root: String
    /// The parsed `pyproject.toml` at the root.
    public var pyproject: PyProject
    /// Pure or mixed (docs/design/mixed.md), as `python-source` says or the files beside
    /// `pyproject.toml` show.
    public var layout: ModuleLayout

    /// Loads the project in `directory`.
    public static func load(_ directory: String) throws -> Project {
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        let path = root + "/pyproject.toml"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SwiftmodError.noProject(path: root)
        }
        let pyproject: PyProject
        do {
            pyproject = try PyProject(text: String(decoding: data, as: UTF8.self), path: path)
        } catch {
            throw SwiftmodError.pyproject(error)
        }
        return Project(root: root, pyproject: pyproject, layout: try layout(of: pyproject, root: root))
    }

    /// The layout: mixed when `python-source` is set, or when the top-level package of
    /// `module-name` is a directory with an `__init__.py` beside `pyproject.toml`.
    static func layout(of pyproject: PyProject, root: String) throws -> ModuleLayout {
        let module = pyproject.names.module
        let top = String(module.split(separator: ".").first ?? Substring(module))
        if let source = pyproject.pythonSource {
            let layout = ModuleLayout(module: module, pythonSource: source)
            let initFile = layout.sourcePackageDirectory! + "/__init__.py"
            guard FileManager.default.fileExists(atPath: root + "/" + initFile) else {
                throw SwiftmodError.pyproject(
                    pyproject.error(
                        "`python-source = \"\(source)\"` but there is no \(initFile) in \(root): the Python package `\(top)` of module-name `\(module)` must be there (create it, or fix python-source or module-name)",
                        table: "tool.swiftmod", key: "python-source"))
            }
            if let extensionDirectory = layout.sourceExtensionDirectory, extensionDirectory != layout.sourcePackageDirectory,
                !FileManager.default.fileExists(atPath: root + "/" + extensionDirectory + "/__init__.py")
            {
                throw SwiftmodError.pyproject(
                    pyproject.error(
                        "module-name `\(module)` puts the extension in the package \(extensionDirectory), which has no __init__.py: create it",
                        table: "tool.swiftmod", key: "module-name"))
            }
            return layout
        }
        if FileManager.default.fileExists(atPath: root + "/" + top + "/__init__.py") {
            return ModuleLayout(module: module, pythonSource: "")
        }
        guard !module.contains(".") else {
            throw SwiftmodError.pyproject(
                pyproject.error(
                    "module-name `\(module)` puts the extension inside the Python package `\(top)`, which needs a mixed project: set `python-source = \"python\"` with python/\(top)/__init__.py, or create \(top)/__init__.py beside pyproject.toml",
                    table: "tool.swiftmod", key: "module-name"))
        }
        return ModuleLayout(module: module, pythonSource: nil)
    }

    /// swiftmod's own directory inside the project's SwiftPM build directory.
    public var buildDirectory: String { root + "/.build/swiftmod" }
}
