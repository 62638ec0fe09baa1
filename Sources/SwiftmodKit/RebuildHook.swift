import Foundation
import SwiftmodPackaging
import SwiftmodTemplates

/// The import hook of `develop --rebuild-on-import` (issue 19): a module and a `.pth` that
/// imports it at start-up, both in site-packages and in RECORD (so `pip uninstall` removes
/// them). Importing the project's top-level module first compares the project's files with the
/// ones this develop saw, written into the hook (no file to parse at start-up), and runs
/// `swiftmod develop` when one changed (`Templates/develop`).
struct RebuildHook {
    let project: Project
    let release: Bool
    /// The files this develop saw, which the hook compares against.
    let inputs: [DevelopStamp.FileState]
    /// The `swiftmod` binary the hook runs: this one.
    var executable: String = RebuildHook.currentExecutable

    /// The running binary's path (`/proc/self/exe`), so the hook rebuilds with the same swiftmod.
    static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// `_swiftmod_rebuild_<module>`.
    var moduleName: String { "_swiftmod_rebuild_" + project.layout.topLevelPackage }

    /// The hook module and its `.pth`.
    func files() throws -> [DistributionFile] {
        let values = [
            "module": project.layout.topLevelPackage,
            "module_literal": Self.pythonLiteral(project.layout.topLevelPackage),
            "project_literal": Self.pythonLiteral(project.root),
            "swiftmod_literal": Self.pythonLiteral(executable),
            "recorded_literal": "{" + inputs.map { "\n    \(Self.pythonLiteral($0.path)): (\($0.size), \($0.modified))," }.joined() + "\n}",
            "develop_literal": "["
                + (["develop", "--rebuild-on-import"] + (release ? ["--release"] : [])).map(Self.pythonLiteral).joined(separator: ", ")
                + "]",
        ]
        let source = try Template("develop/rebuild_hook.py.tmpl").render(values)
        return [
            DistributionFile(path: moduleName + ".py", text: source),
            DistributionFile(path: moduleName + ".pth", text: "import \(moduleName)\n"),
        ]
    }

    /// A Python string literal for `text` (JSON's escaping is valid Python).
    static func pythonLiteral(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        guard let data = try? encoder.encode(text), let literal = String(data: data, encoding: .utf8) else { return "''" }
        return literal
    }
}
