import SwiftmodModel
import Testing

/// `[project]` fields (PEP 621) and their errors, with lines.
@Suite struct ProjectMetadataParsing {
    func parse(_ extra: String) throws(PyProjectError) -> ProjectMetadata {
        try PyProject(text: "[project]\nname = \"wt\"\nversion = \"1.0\"\n" + extra).metadata
    }

    @Test func readsTheFields() throws {
        let metadata = try parse(
            """
            readme = { text = "Hi", content-type = "text/x-rst" }
            license = "Apache-2.0 OR (MIT WITH LLVM-exception)"
            license-files = ["LICENSES/*"]
            urls = { Source = "https://example.org" }
            """)
        #expect(metadata.readme == .text("Hi", contentType: "text/x-rst"))
        #expect(metadata.license == .expression("Apache-2.0 OR (MIT WITH LLVM-exception)"))
        #expect(metadata.licenseFiles == ["LICENSES/*"])
        #expect(metadata.urls.map(\.0) == ["Source"])
    }

    @Test(arguments: [
        ("README.md", "text/markdown"), ("docs/README.RST", "text/x-rst"), ("README.txt", "text/plain"),
    ])
    func readmeContentTypeFollowsTheExtension(path: String, type: String) throws {
        #expect(try parse("readme = \"\(path)\"").readme == .file(path: path, contentType: type))
    }

    @Test(arguments: [
        ("readme = \"README\"", 4, "cannot tell the content type of readme `README`"),
        ("license = \"MIT License\"", 4, "is not an SPDX license expression"),
        ("license = \"MIT AND\"", 4, "is not an SPDX license expression"),
        ("homepage = \"x\"", 4, "unknown key `homepage` in [project]"),
        ("dynamic = [\"version\"]", 4, "swiftmod reads every [project] field"),
        ("authors = [{ name = \"A\", email = \"nope\" }]", 4, "`nope` in `authors` is not an email address"),
        ("dependencies = \"numpy\"", 4, "`dependencies` must be an array of strings"),
        ("\n[project.scripts]\nwt = \"no-colon\"", 6, "`wt` in [project.scripts] must be \"module:function\""),
        ("\n[project.optional-dependencies]\n\"-x\" = []", 5, "`-x` is not a valid extra name"),
        ("license = { text = \"MIT\" }\nlicense-files = [\"L\"]", 5, "`license-files` needs `license` to be an SPDX expression"),
    ])
    func errorsPointAtTheLine(text: String, line: Int, message: String) {
        #expect {
            try parse(text)
        } throws: { error in
            guard let error = error as? PyProjectError else { return false }
            return error.line == line && error.message.contains(message)
        }
    }
}
