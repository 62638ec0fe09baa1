import Foundation
import SwiftmodTemplates
import Testing

/// The repository's `Templates/` directory, found from this file's path.
let templatesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Templates")

/// The committed embedded copy.
let embeddedSourceFile = templatesDirectory.deletingLastPathComponent()
    .appendingPathComponent("Sources/SwiftmodTemplates/EmbeddedTemplates.swift")

/// Every file below `Templates/` (except its README), by relative path.
func templatesOnDisk() throws -> [String: String] {
    var files: [String: String] = [:]
    let root = templatesDirectory.standardizedFileURL.path + "/"
    let enumerator = FileManager.default.enumerator(atPath: root)!
    while let relative = enumerator.nextObject() as? String {
        var isDirectory: ObjCBool = false
        FileManager.default.fileExists(atPath: root + relative, isDirectory: &isDirectory)
        if isDirectory.boolValue || relative == "README.md" { continue }
        files[relative] = try String(contentsOfFile: root + relative, encoding: .utf8)
    }
    return files
}

@Suite struct TemplateDrift {
    /// `SWIFTMOD_RECORD=1 swift test --filter TemplateDrift` (`make templates`) rewrites the copy.
    @Test func embeddedSourceMatchesTemplatesDirectory() throws {
        let expected = EmbeddedTemplatesSource.render(try templatesOnDisk())
        if ProcessInfo.processInfo.environment["SWIFTMOD_RECORD"] != nil {
            try expected.write(to: embeddedSourceFile, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: embeddedSourceFile, encoding: .utf8)
        #expect(
            committed == expected,
            "Sources/SwiftmodTemplates/EmbeddedTemplates.swift differs from Templates/: run `make templates`"
        )
    }

    @Test func compiledTemplatesMatchTemplatesDirectory() throws {
        let onDisk = try templatesOnDisk()
        #expect(!onDisk.isEmpty)
        #expect(Set(Template.all.keys) == Set(onDisk.keys))
        for (path, text) in onDisk {
            #expect(Template.all[path] == text, "embedded copy of \(path) is stale: run `make templates`")
        }
    }

    @Test(arguments: [
        "plain", "with \"quotes\"", "raw \"# and \\# inside", "\"\"\"#\nmulti\n", "a\nb", "",
        "ends with newline\n", "\\(interpolation) and \\#(this)",
    ])
    func literalRoundTrips(text: String) throws {
        // The literal must be valid Swift that evaluates to `text`; the committed file proves
        // that for the real templates, this checks the escaping rules on awkward inputs.
        let literal = EmbeddedTemplatesSource.literal(text)
        let hashes = String(literal.prefix { $0 == "#" })
        #expect(!hashes.isEmpty && literal.hasSuffix("\"" + hashes))
        #expect(!text.contains("\"" + hashes))
        #expect(!text.contains("\\" + hashes))
    }
}
