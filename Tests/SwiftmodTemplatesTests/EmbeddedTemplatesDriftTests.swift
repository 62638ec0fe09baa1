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

/// Whether `SWIFTMOD_RECORD` asks to re-record `name`: `1` or `all` re-records everything, else
/// a comma-separated list of names (`templates`; the goldens have their own names).
func isRecording(_ name: String) -> Bool {
    guard let value = ProcessInfo.processInfo.environment["SWIFTMOD_RECORD"] else { return false }
    let names = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    return names.contains { $0 == "1" || $0 == "all" || $0 == name }
}

@Suite struct TemplateDrift {
    /// `SWIFTMOD_RECORD=templates swift test --filter TemplateDrift` (`make templates`) rewrites
    /// the copy; the test then passes (it compares the file it has just written).
    @Test func embeddedSourceMatchesTemplatesDirectory() throws {
        let expected = EmbeddedTemplatesSource.render(try templatesOnDisk())
        // Written only when it changes: a new modification time would rebuild the targets above.
        if isRecording("templates"), (try? String(contentsOf: embeddedSourceFile, encoding: .utf8)) != expected {
            try expected.write(to: embeddedSourceFile, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: embeddedSourceFile, encoding: .utf8)
        #expect(
            committed == expected,
            "Sources/SwiftmodTemplates/EmbeddedTemplates.swift differs from Templates/: run `make templates`"
        )
    }

    /// While recording, the compiled copy is the one being replaced: the next build checks it.
    @Test(.disabled(if: isRecording("templates"), "re-recording: the compiled copy is the old one until the next build"))
    func compiledTemplatesMatchTemplatesDirectory() throws {
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
