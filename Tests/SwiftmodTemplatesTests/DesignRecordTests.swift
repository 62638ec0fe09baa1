import Foundation
import Testing

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// `docs/design/`: the project's design record.
let designDirectory = repositoryRoot.appendingPathComponent("docs/design")

/// The text files of the repository that may cite the design record, by relative path: sources,
/// templates, tests, benchmarks, examples, docs, the README and the Makefile. Hidden directories
/// (`.build`, `.venv`) and large data files (symbol-graph fixtures, goldens) are skipped.
func citingFiles() -> [String: String] {
    let root = repositoryRoot.standardizedFileURL.path + "/"
    var files: [String: String] = [:]
    for top in ["README.md", "Makefile"] {
        files[top] = try? String(contentsOfFile: root + top, encoding: .utf8)
    }
    let extensions: Set<String> = ["swift", "tmpl", "py", "md", "toml", "txt", "c", "h"]
    for directory in ["Sources", "Templates", "Tests", "Benchmarks", "Examples", "docs"] {
        guard let enumerator = FileManager.default.enumerator(atPath: root + directory) else { continue }
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") || name == "build" || name == "dist" {
                enumerator.skipDescendants()
                continue
            }
            guard extensions.contains((name as NSString).pathExtension) else { continue }
            let path = directory + "/" + relative
            if let text = try? String(contentsOfFile: root + path, encoding: .utf8) { files[path] = text }
        }
    }
    return files
}

/// The anchors a design file declares (`<a id="name"></a>`).
func anchors(in text: String) throws -> Set<String> {
    let regex = try Regex(#"<a id="([a-z0-9-]+)"></a>"#)
    return Set(text.matches(of: regex).compactMap { $0.output[1].substring.map(String.init) })
}

@Suite struct DesignRecord {
    /// Every `docs/design/<file>.md#<anchor>` in the repository, and every relative link between
    /// the design files, names a file and an anchor that exist (docs/design/README.md).
    @Test func everyCitationResolves() throws {
        let files = citingFiles()
        #expect(files.count > 100)
        var known: [String: Set<String>] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: designDirectory.path) where name.hasSuffix(".md") {
            known[name] = try anchors(in: String(contentsOf: designDirectory.appendingPathComponent(name), encoding: .utf8))
        }
        #expect(known["README.md"] != nil)
        let citation = try Regex(#"docs/design/([a-z0-9-]+\.md)(?:#([A-Za-z0-9_-]+))?"#)
        let link = try Regex(#"\]\(([a-z0-9-]+\.md)(?:#([A-Za-z0-9_-]+))?\)"#)
        var count = 0
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            var found = text.matches(of: citation).map {
                ($0.output[1].substring.map(String.init)!, $0.output[2].substring.map(String.init))
            }
            if path.hasPrefix("docs/design/") {
                found += text.matches(of: link).map { ($0.output[1].substring.map(String.init)!, $0.output[2].substring.map(String.init)) }
            }
            for (file, anchor) in found {
                count += 1
                guard let declared = known[file] else {
                    Issue.record("\(path) cites docs/design/\(file), which does not exist")
                    continue
                }
                if let anchor, !declared.contains(anchor) {
                    Issue.record("\(path) cites docs/design/\(file)#\(anchor), which has no such anchor")
                }
            }
        }
        #expect(count > 150)
    }

    /// Nothing cites the outside brief by its section numbers any more.
    @Test func nothingCitesTheOutsideBrief() {
        let old = "DESIGN " + "§"
        for (path, text) in citingFiles() where text.contains(old) {
            Issue.record("\(path) cites \(old)N: cite docs/design/ instead (docs/design/README.md)")
        }
    }
}
