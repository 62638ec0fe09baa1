import Foundation
import SwiftmodModel
import SwiftmodPackaging

/// What `develop` puts where (docs/design/develop.md, docs/design/mixed.md#develop), worked out from a build before anything is
/// written: the files for site-packages (paths relative to it; `../../../bin/x` for scripts,
/// as pip writes them into RECORD, so that `pip uninstall` removes them too), and, in a mixed
/// project, the extension and its stubs for the source package (project-relative).
struct DevelopInstall {
    /// Files for site-packages and the environment: listed in RECORD.
    var installed: [DistributionFile]
    /// Files written into the project's source package: not in RECORD (pip uninstall leaves
    /// them, as with maturin), ignored by the scaffold's `.gitignore`.
    var inSource: [DistributionFile]

    /// The install of `product` into `python`'s environment.
    static func plan(_ product: ExtensionBuilder.Product, project: Project, python: PythonInterpreter) throws -> DevelopInstall {
        let layout = project.layout
        var installed: [DistributionFile] = []
        var inSource: [DistributionFile] = []
        if let source = layout.pythonSource, let extensionDirectory = layout.sourceExtensionDirectory {
            // A .pth puts python-source on sys.path: the user's Python is imported from the
            // project, so edits are live with no reinstall.
            let directory = source.isEmpty ? project.root : project.root + "/" + source
            installed.append(DistributionFile(path: project.pyproject.names.wheelDistribution + ".pth", text: directory + "\n"))
            guard let library = FileManager.default.contents(atPath: product.library) else {
                throw SwiftmodError.fileSystem(path: product.library, action: "read", reason: "the built extension is missing")
            }
            inSource.append(DistributionFile(path: extensionDirectory + "/" + product.extensionFileName, data: library, executable: true))
            for file in product.pythonFiles where file.path == layout.stubFileName {
                inSource.append(DistributionFile(path: extensionDirectory + "/" + file.path, text: file.contents))
            }
        } else {
            installed = try DistributionAssembler.packageFiles(product, project: project)
        }

        // The data directory, as an installer maps a wheel's .data/ (PEP 427).
        let sitePackages = python.platlib
        let prefix = python.data.isEmpty ? python.scripts + "/.." : python.data
        let version = python.fullVersion
        let targets: [String: String] = [
            "purelib": sitePackages, "platlib": sitePackages, "scripts": python.scripts, "data": prefix,
            "headers": prefix + "/include/site/python\(version.major).\(version.minor)/" + project.pyproject.names.distribution,
        ]
        if let data = project.pyproject.dataDirectory {
            for (path, scheme) in try DistributionAssembler.dataFiles(project) {
                let rest = String(path.dropFirst(data.count + 1 + scheme.count + 1))
                var file = try DistributionAssembler.read(
                    path, in: project, as: relativePath(from: sitePackages, to: targets[scheme]! + "/" + rest))
                if scheme == "scripts", file.data.starts(with: Array("#!python".utf8)) {
                    // Installers point `#!python` at the environment's interpreter.
                    file.data = Data(("#!" + python.executable).utf8) + file.data.dropFirst("#!python".count)
                    file.executable = true
                }
                installed.append(file)
            }
        }

        // [project.scripts] and [project.gui-scripts], as pip writes them.
        for group in project.pyproject.metadata.entryPoints where group.group == "console_scripts" || group.group == "gui_scripts" {
            for (name, value) in group.entries {
                guard let launcher = ScriptLauncher(name: name, value: value) else {
                    throw SwiftmodError.pyproject(
                        project.pyproject.error(
                            "script `\(name) = \"\(value)\"` does not name a function as `module:function`",
                            table: group.group == "console_scripts" ? "project.scripts" : "project.gui-scripts", key: name))
                }
                var file = DistributionFile(
                    path: relativePath(from: sitePackages, to: python.scripts + "/" + name),
                    text: launcher.render(python: python.executable))
                file.executable = true
                installed.append(file)
            }
        }
        installed.append(contentsOf: try includedFiles(project))
        return DevelopInstall(installed: installed, inSource: inSource)
    }

    /// Writes the files for the project's source package (a mixed project's extension and its
    /// stubs); unchanged ones are left alone, changed ones renamed over the old.
    func writeInSource(_ project: Project) throws {
        var writer = DiskWriter(root: project.root)
        for file in inSource { try writer.write(file) }
    }

    /// In the pure layout, the `include` files that the wheel would carry; a mixed project's
    /// files are used where they are, through the `.pth`.
    private static func includedFiles(_ project: Project) throws -> [DistributionFile] {
        guard !project.layout.isMixed, !project.pyproject.include.isEmpty else { return [] }
        return try DistributionAssembler.projectFiles(project.root, recursive: true).filter { path in
            project.pyproject.include.contains { $0.matches(path, for: .wheel) }
                && !project.pyproject.exclude.contains { $0.matches(path, for: .wheel) }
        }.map { try DistributionAssembler.read($0, in: project, as: $0) }
    }

    /// `to` relative to the directory `from` (both absolute): `../../../bin/word-count`.
    static func relativePath(from base: String, to target: String) -> String {
        let from = URL(fileURLWithPath: base).standardizedFileURL.pathComponents
        let to = URL(fileURLWithPath: target).standardizedFileURL.pathComponents
        var common = 0
        while common < min(from.count, to.count), from[common] == to[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + to[common...]).joined(separator: "/")
    }
}
