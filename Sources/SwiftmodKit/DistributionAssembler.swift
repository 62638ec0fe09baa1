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
            names: project.pyproject.names, metadata: core, tag: tag, packageFiles: try packageFiles(product, module: project.pyproject.names.module),
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

    /// The package directory's files: the extension, then the generated Python files.
    static func packageFiles(_ product: ExtensionBuilder.Product, module: String) throws -> [DistributionFile] {
        guard let library = FileManager.default.contents(atPath: product.library) else {
            throw SwiftmodError.fileSystem(path: product.library, action: "read", reason: "the built extension is missing")
        }
        var files = [DistributionFile(path: "\(module)/\(product.extensionFileName)", data: library, executable: true)]
        for file in product.pythonFiles {
            files.append(DistributionFile(path: "\(module)/\(file.path)", text: file.contents))
        }
        return files
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
                throw SwiftmodError.pyproject(project.pyproject.error("`license-files` pattern `\(pattern)` matches no file in \(project.root)", table: "project", key: "license-files"))
            }
            found += matches
        }
        return Array(Set(found)).sorted()
    }

    /// The project's files, relative, skipping build output, virtualenvs and VCS metadata.
    static func projectFiles(_ root: String, recursive: Bool) -> [String] {
        let skipped: Set<String> = [".build", ".git", ".venv", "dist", "build", "__pycache__", ".swiftpm", "node_modules"]
        var result: [String] = []
        func walk(_ relative: String) {
            let path = relative.isEmpty ? root : root + "/" + relative
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
            for name in names.sorted() where !skipped.contains(name) {
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

    private static func readText(_ path: String, in project: Project, key: String, what: String) throws -> String {
        let full = path.hasPrefix("/") ? path : project.root + "/" + path
        guard let data = FileManager.default.contents(atPath: full) else {
            throw SwiftmodError.pyproject(project.pyproject.error("the \(what) `\(path)` does not exist in \(project.root)", table: "project", key: key))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SwiftmodError.pyproject(project.pyproject.error("the \(what) `\(path)` is not UTF-8 text", table: "project", key: key))
        }
        return text
    }
}
