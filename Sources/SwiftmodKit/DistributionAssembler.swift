import Foundation
import SwiftmodModel
import SwiftmodPackaging

/// Gathers what a distribution holds from the project on disk: the readme and license files
/// that `[project]` names, and the built package files. Shared by `develop` and `build`.
public enum DistributionAssembler {
    /// The patterns PEP 639 suggests when `license-files` is absent.
    static let defaultLicensePatterns = ["LICEN[CS]E*", "COPYING*", "NOTICE*", "AUTHORS*"]

    /// Assembles the distribution of `project` from a build's `product`.
    public static func distribution(project: Project, product: ExtensionBuilder.Product, tag: WheelTag) throws -> Distribution {
        let (core, licenses) = try metadata(of: project)
        return Distribution(
            names: project.pyproject.names, metadata: core, tag: tag, packageFiles: try wheelFiles(product, project: project),
            licenseFiles: licenses, generator: "swiftmod \(SwiftmodVersion.current)")
    }

    /// The core metadata of `project` (with its readme and license texts read), and its
    /// license files (PEP 639).
    public static func metadata(of project: Project) throws -> (core: CoreMetadata, licenses: [DistributionFile]) {
        let pyproject = project.pyproject
        let metadata = pyproject.metadata
        var readme: (text: String, contentType: String)?
        switch metadata.readme {
        case .file(let path, let contentType):
            readme = (try readText(path, in: project, key: "readme", what: "readme"), contentType)
        case .text(let text, let contentType):
            readme = (text, contentType)
        case nil:
            break
        }
        var licenseText: String?
        switch metadata.license {
        case .text(let text): licenseText = text
        case .file(let path): licenseText = try readText(path, in: project, key: "license", what: "license file")
        default: break
        }
        let licensePaths = try licenseFiles(of: project)
        var licenses: [DistributionFile] = []
        for path in licensePaths {
            guard let data = FileManager.default.contents(atPath: project.root + "/" + path) else {
                throw SwiftmodError.fileSystem(path: project.root + "/" + path, action: "read", reason: "the file cannot be read")
            }
            licenses.append(DistributionFile(path: path, data: data))
        }
        return (CoreMetadata(project: metadata, readme: readme, licenseText: licenseText, licenseFiles: licensePaths), licenses)
    }

    /// Entry timestamps for archives: `SOURCE_DATE_EPOCH` when set, else now.
    static func sourceDate(_ environment: [String: String]) throws -> Date {
        guard let text = environment["SOURCE_DATE_EPOCH"], !text.isEmpty else { return Date() }
        guard let seconds = Int(text), seconds >= 0 else {
            throw SwiftmodError.badEnvironment(variable: "SOURCE_DATE_EPOCH", value: text, expected: "a number of seconds since 1970")
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The wheel's files besides `.dist-info/`: the package (docs/design/packaging.md#wheel,
    /// docs/design/mixed.md#extra-files), the `include` files, and the `data` directory as
    /// `<name>-<version>.data/` (PEP 427).
    static func wheelFiles(_ product: ExtensionBuilder.Product, project: Project) throws -> [DistributionFile] {
        var files = try packageFiles(product, project: project)
        var taken = Set(files.map(\.path))
        let pyproject = project.pyproject
        if !pyproject.include.isEmpty {
            let source = project.layout.pythonSource.map { $0.isEmpty ? "" : $0 + "/" } ?? ""
            for path in projectFiles(project.root, recursive: true)
            where pyproject.include.contains(where: { $0.matches(path, for: .wheel) }) {
                if pyproject.exclude.contains(where: { $0.matches(path, for: .wheel) }) { continue }
                let target = !source.isEmpty && path.hasPrefix(source) ? String(path.dropFirst(source.count)) : path
                guard taken.insert(target).inserted else { continue }
                files.append(try read(path, in: project, as: target))
            }
        }
        if let data = pyproject.dataDirectory {
            let directory = "\(pyproject.names.wheelDistribution)-\(pyproject.metadata.version).data"
            for (path, scheme) in try dataFiles(project) {
                let target = directory + "/" + scheme + "/" + path.dropFirst(data.count + 1 + scheme.count + 1)
                files.append(try read(path, in: project, as: target))
            }
        }
        return files
    }

    /// The Python package's files, paths as inside a wheel: in the pure layout the extension and
    /// the generated `__init__.py`, `__init__.pyi`, `py.typed`; in the mixed layout every file of
    /// the user's package that git would keep (not bytecode, not `develop`'s own builds of the
    /// extension, not what `exclude` names), then the extension, its stubs and `py.typed`
    /// unless the package has one.
    static func packageFiles(_ product: ExtensionBuilder.Product, project: Project) throws -> [DistributionFile] {
        let layout = project.layout
        guard let library = FileManager.default.contents(atPath: product.library) else {
            throw SwiftmodError.fileSystem(path: product.library, action: "read", reason: "the built extension is missing")
        }
        var files: [DistributionFile] = []
        if let source = layout.pythonSource, let package = layout.sourcePackageDirectory {
            let prefix = source.isEmpty ? "" : source + "/"
            let generated = Set([layout.stubFileName])
            // What git would keep, as for the sdist: a file .gitignore names stays out unless
            // `include` names it.
            let kept = Set(try ProjectWalker.gitFiles(project.root))
            for relative in projectFiles(project.root + "/" + package, recursive: true, outputDirectories: false) {
                let path = package + "/" + relative
                if !kept.contains(path) { continue }
                let name = (relative as NSString).lastPathComponent
                let directory = (path as NSString).deletingLastPathComponent
                if name.hasSuffix(".pyc") { continue }
                if directory == layout.sourceExtensionDirectory, layout.isExtensionBuild(name) || generated.contains(name) { continue }
                if project.pyproject.exclude.contains(where: { $0.matches(path, for: .wheel) }) { continue }
                files.append(try read(path, in: project, as: String(path.dropFirst(prefix.count))))
            }
        }
        let existing = Set(files.map(\.path))
        files.append(DistributionFile(path: layout.inPackage(product.extensionFileName), data: library, executable: true))
        for file in product.pythonFiles where !existing.contains(layout.inPackage(file.path)) {
            files.append(DistributionFile(path: layout.inPackage(file.path), text: file.contents))
        }
        return files
    }

    /// The install schemes a `data` directory may hold (PEP 427).
    static let dataSchemes: Set<String> = ["scripts", "headers", "data", "purelib", "platlib"]

    /// The files of the `data` directory, project-relative, with the scheme each is under.
    static func dataFiles(_ project: Project) throws -> [(path: String, scheme: String)] {
        guard let data = project.pyproject.dataDirectory else { return [] }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: project.root + "/" + data, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SwiftmodError.pyproject(
                project.pyproject.error(
                    "`data = \"\(data)\"` is not a directory in \(project.root): create it, with scripts/, headers/ or data/ inside",
                    table: "tool.swiftmod", key: "data"))
        }
        return try projectFiles(project.root + "/" + data, recursive: true, outputDirectories: false).map { relative in
            let scheme = String(relative.prefix(while: { $0 != "/" }))
            guard dataSchemes.contains(scheme), relative.count > scheme.count else {
                throw SwiftmodError.pyproject(
                    project.pyproject.error(
                        "`\(data)/\(relative)` is not inside one of \(dataSchemes.sorted().map { $0 + "/" }.joined(separator: ", ")), the directories a wheel's .data may hold (PEP 427): move it into one",
                        table: "tool.swiftmod", key: "data"))
            }
            return (data + "/" + relative, scheme)
        }
    }

    /// Reads the project file `path` as a distribution file at `target`.
    static func read(_ path: String, in project: Project, as target: String) throws -> DistributionFile {
        let full = project.root + "/" + path
        guard let data = FileManager.default.contents(atPath: full) else {
            throw SwiftmodError.fileSystem(path: full, action: "read", reason: "the file cannot be read")
        }
        return DistributionFile(path: target, data: data, executable: FileManager.default.isExecutableFile(atPath: full))
    }

    /// Project-relative paths of the license files: `license-files` globs, or the PEP 639
    /// default patterns at the top level. A pattern that matches nothing is an error.
    static func licenseFiles(of project: Project) throws -> [String] {
        let patterns = project.pyproject.metadata.licenseFiles
        let candidates = projectFiles(project.root, recursive: patterns != nil)
        var found: [String] = []
        for pattern in patterns ?? defaultLicensePatterns {
            let matches = candidates.filter { fnmatch(pattern, $0, pattern.contains("**") ? 0 : FNM_PATHNAME) == 0 }
            if matches.isEmpty, patterns != nil {
                throw SwiftmodError.pyproject(
                    project.pyproject.error(
                        "`license-files` pattern `\(pattern)` matches no file in \(project.root)", table: "project", key: "license-files"))
            }
            found += matches
        }
        return Array(Set(found)).sorted()
    }

    /// The project's files, relative (`ProjectWalker.files`).
    static func projectFiles(_ root: String, recursive: Bool, outputDirectories: Bool = true) -> [String] {
        ProjectWalker.files(root, recursive: recursive, outputDirectories: outputDirectories)
    }

    private static func readText(_ path: String, in project: Project, key: String, what: String) throws -> String {
        let full = path.hasPrefix("/") ? path : project.root + "/" + path
        guard let data = FileManager.default.contents(atPath: full) else {
            throw SwiftmodError.pyproject(
                project.pyproject.error("the \(what) `\(path)` does not exist in \(project.root)", table: "project", key: key))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SwiftmodError.pyproject(project.pyproject.error("the \(what) `\(path)` is not UTF-8 text", table: "project", key: key))
        }
        return text
    }
}
