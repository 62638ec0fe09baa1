import Foundation
import SwiftmodPackaging

/// The one walk of a project's files, with the one skip list (the develop stamp, license files,
/// `include` globs, a mixed project's package, the sdist): build output, virtualenvs, caches
/// and VCS data are never project files. Two ways to walk: `files` lists what is there;
/// `gitFiles` lists what git would keep, as the sdist needs.
struct ProjectWalker {
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

    /// Walk into subdirectories.
    var recursive = true
    /// The root is a project's, whose top-level `dist/` and `build/` are output.
    var outputDirectories = true
    /// Walk as git sees the tree: `.gitignore` read at every level, hidden directories entered,
    /// a symbolic link taken as the file it points to (which must be inside the project, and
    /// not a directory), only regular files listed, and a directory that cannot be listed an error.
    var asGit = false
    /// A path skipped (the sdist's output directory).
    var excluded: String?

    /// The files below `root`, relative and sorted, without reading `.gitignore`; hidden
    /// directories (tool caches such as `.pytest_cache`) are not entered.
    /// `outputDirectories: false` walks a directory that is not a project root (a Python package).
    static func files(_ root: String, recursive: Bool, outputDirectories: Bool = true) -> [String] {
        // Only a walk as git throws.
        (try? ProjectWalker(recursive: recursive, outputDirectories: outputDirectories).walk(root)) ?? []
    }

    /// The files git would keep below `root` (the sdist's), relative and sorted: everything not
    /// ignored by a `.gitignore`, not skipped and not `excluded`.
    static func gitFiles(_ root: String, excluding excluded: String? = nil) throws -> [String] {
        try ProjectWalker(asGit: true, excluded: excluded).walk(root)
    }

    /// What an entry is, for the walk.
    private enum Kind { case file, directory }

    func walk(_ root: String) throws -> [String] {
        let manager = FileManager.default
        let realRoot = asGit ? URL(fileURLWithPath: root).resolvingSymlinksInPath().path : root
        var rules = IgnoreRules()
        var result: [String] = []

        /// The kind of `full`, or nil when it is not listed (missing, or not a regular file in a walk as git).
        func kind(of full: String) throws -> Kind? {
            guard asGit else {
                var isDirectory: ObjCBool = false
                guard manager.fileExists(atPath: full, isDirectory: &isDirectory) else { return nil }
                return isDirectory.boolValue ? .directory : .file
            }
            var type = (try? manager.attributesOfItem(atPath: full))?[.type] as? FileAttributeType
            if type == .typeSymbolicLink {
                let target = URL(fileURLWithPath: full).resolvingSymlinksInPath().path
                guard target.hasPrefix(realRoot + "/") else {
                    throw SwiftmodError.sourceDistribution(
                        path: full,
                        reason: "it is a symbolic link to \(target), outside the project; copy the file into the project instead")
                }
                type = (try? manager.attributesOfItem(atPath: target))?[.type] as? FileAttributeType
                if type == .typeDirectory {
                    throw SwiftmodError.sourceDistribution(
                        path: full,
                        reason: "it is a symbolic link to a directory, which an sdist cannot hold; replace it with the directory")
                }
            }
            return type == .typeDirectory ? .directory : type == .typeRegular ? .file : nil
        }

        func walk(_ relative: String) throws {
            let directory = relative.isEmpty ? root : root + "/" + relative
            if asGit, let text = try? String(contentsOfFile: directory + "/.gitignore", encoding: .utf8) {
                rules.add(text, in: relative)
            }
            let names: [String]
            do { names = try manager.contentsOfDirectory(atPath: directory) } catch {
                guard asGit else { return }
                throw SwiftmodError.fileSystem(path: directory, action: "list", reason: error.localizedDescription)
            }
            for name in names.sorted() where !Self.isSkipped(name, atTop: relative.isEmpty, outputDirectories: outputDirectories) {
                let child = relative.isEmpty ? name : relative + "/" + name
                let full = root + "/" + child
                if full == excluded { continue }
                guard let kind = try kind(of: full) else { continue }
                if asGit, rules.isIgnored(child, isDirectory: kind == .directory) { continue }
                switch kind {
                case .directory:
                    if recursive, asGit || !name.hasPrefix(".") { try walk(child) }
                case .file:
                    result.append(child)
                }
            }
        }
        try walk("")
        return result
    }
}
