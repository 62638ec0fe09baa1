import Foundation

/// The one skip list for walking a project (the develop stamp, license files, `include`
/// globs, a mixed project's package, the sdist): build output, virtualenvs, caches and VCS
/// data are never project files.
enum ProjectWalker {
    /// Directories skipped at any depth.
    static let skipped: Set<String> = [".build", ".swiftpm", ".venv", "__pycache__", ".git", ".hg", ".svn", "node_modules"]
    /// Directories skipped at the top of the project only: swiftmod's and Python's output
    /// (`dist/`, `build/swiftmod` from `compile`). A `build/` deeper down is source.
    static let skippedAtTop: Set<String> = ["dist", "build"]

    /// Whether the entry `name` is skipped; `atTop` when it is directly in the walked root,
    /// and `outputDirectories` when that root is a project's (not a package's inside it).
    static func isSkipped(_ name: String, atTop: Bool, outputDirectories: Bool = true) -> Bool {
        skipped.contains(name) || name.hasPrefix(".build-") || (atTop && outputDirectories && skippedAtTop.contains(name))
    }

    /// The files below `root`, relative and sorted, without reading `.gitignore`; hidden
    /// directories (tool caches such as `.pytest_cache`) are not entered.
    /// `outputDirectories: false` walks a directory that is not a project root (a Python package).
    static func files(_ root: String, recursive: Bool, outputDirectories: Bool = true) -> [String] {
        var result: [String] = []
        func walk(_ relative: String) {
            let path = relative.isEmpty ? root : root + "/" + relative
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
            for name in names.sorted() where !isSkipped(name, atTop: relative.isEmpty, outputDirectories: outputDirectories) {
                let child = relative.isEmpty ? name : relative + "/" + name
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: root + "/" + child, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    if recursive, !name.hasPrefix(".") { walk(child) }
                } else {
                    result.append(child)
                }
            }
        }
        walk("")
        return result
    }
}
