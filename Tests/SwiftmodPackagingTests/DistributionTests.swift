import Foundation
import SwiftmodModel
import SwiftmodPackaging
import Testing

/// METADATA, WHEEL, RECORD and the file order, written to the in-memory writer double.
@Suite struct DistributionRendering {
    func distribution(_ pyproject: String, tag: String = "manylinux_2_34_x86_64") throws -> Distribution {
        let project = try PyProject(text: pyproject)
        return Distribution(
            names: project.names,
            metadata: CoreMetadata(project: project.metadata, readme: ("# Title\n", "text/markdown"), licenseFiles: ["LICENSE"]),
            tag: WheelTag(python: "cp311", abi: "cp311", platform: tag),
            packageFiles: [
                DistributionFile(path: "wt/wt.cpython-311-x86_64-linux-gnu.so", data: Data([1, 2, 3]), executable: true),
                DistributionFile(path: "wt/__init__.py", text: "from .wt import *\n"),
            ],
            licenseFiles: [DistributionFile(path: "LICENSE", text: "MIT\n")],
            generator: "swiftmod 0.1.0")
    }

    let full = """
        [project]
        name = "Word.Tools"
        version = "1.0.0-RC.1"
        description = "Word tools"
        requires-python = ">=3.11"
        license = "MIT"
        authors = [{ name = "Ada", email = "ada@example.org" }, { name = "Bob" }, { email = "c@example.org" }]
        keywords = ["a", "b"]
        classifiers = ["Programming Language :: Python :: 3"]
        dependencies = ["numpy>=2"]

        [project.optional-dependencies]
        test = ["pytest; python_version >= '3.11'"]

        [project.urls]
        Homepage = "https://example.org"

        [project.scripts]
        wt = "wt:main"

        [tool.swiftmod]
        module-name = "wt"
        """

    @Test func metadataHasEveryFieldInOrder() throws {
        let text = try distribution(full).metadata.render()
        #expect(
            text == """
                Metadata-Version: 2.4
                Name: Word.Tools
                Version: 1.0.0rc1
                Summary: Word tools
                Keywords: a,b
                Author: Bob
                Author-email: Ada <ada@example.org>, c@example.org
                License-Expression: MIT
                License-File: LICENSE
                Classifier: Programming Language :: Python :: 3
                Requires-Python: >=3.11
                Requires-Dist: numpy>=2
                Provides-Extra: test
                Requires-Dist: pytest; (python_version >= '3.11') and extra == "test"
                Project-URL: Homepage, https://example.org
                Description-Content-Type: text/markdown

                # Title

                """)
    }

    @Test func wheelFilesComeInOrderWithRecordLast() throws {
        var writer = MemoryWriter()
        let dist = try distribution(full)
        try dist.write(to: &writer)
        #expect(dist.wheelFileName == "word_tools-1.0.0rc1-cp311-cp311-manylinux_2_34_x86_64.whl")
        #expect(
            writer.files.map(\.path) == [
                "wt/__init__.py", "wt/wt.cpython-311-x86_64-linux-gnu.so",
                "word_tools-1.0.0rc1.dist-info/METADATA", "word_tools-1.0.0rc1.dist-info/WHEEL",
                "word_tools-1.0.0rc1.dist-info/entry_points.txt", "word_tools-1.0.0rc1.dist-info/licenses/LICENSE",
                "word_tools-1.0.0rc1.dist-info/RECORD",
            ])
        #expect(
            writer.text("word_tools-1.0.0rc1.dist-info/WHEEL")
                == "Wheel-Version: 1.0\nGenerator: swiftmod 0.1.0\nRoot-Is-Purelib: false\nTag: cp311-cp311-manylinux_2_34_x86_64\n")
        #expect(writer.text("word_tools-1.0.0rc1.dist-info/entry_points.txt") == "[console_scripts]\nwt = wt:main\n")
        let record = try #require(writer.text("word_tools-1.0.0rc1.dist-info/RECORD")).split(separator: "\n")
        #expect(record.count == 7)
        // sha256 of bytes 01 02 03, urlsafe base64 without padding.
        #expect(record[1] == "wt/wt.cpython-311-x86_64-linux-gnu.so,sha256=A5BYxvLAy0ksUzsKTRTvd8wPeKvMztUofYShogEc-4E,3")
        #expect(record.last == "word_tools-1.0.0rc1.dist-info/RECORD,,")
    }

    @Test func aCompressedTagSetIsListedTagByTag() throws {
        let dist = try distribution(full, tag: "manylinux_2_17_x86_64.manylinux2014_x86_64")
        #expect(dist.wheelFile.hasSuffix("Tag: cp311-cp311-manylinux_2_17_x86_64\nTag: cp311-cp311-manylinux2014_x86_64\n"))
    }

    @Test func anInstallAddsInstallerAndDirectURL() throws {
        var writer = MemoryWriter()
        try distribution(full).write(to: &writer, kind: .install(installer: "swiftmod", projectURL: "file:///home/a/wt", editable: true))
        #expect(writer.text("word_tools-1.0.0rc1.dist-info/INSTALLER") == "swiftmod\n")
        #expect(
            writer.text("word_tools-1.0.0rc1.dist-info/direct_url.json")
                == "{\"dir_info\": {\"editable\": true}, \"url\": \"file:///home/a/wt\"}\n")
        #expect(Record.paths(in: writer.text("word_tools-1.0.0rc1.dist-info/RECORD")!).contains("word_tools-1.0.0rc1.dist-info/INSTALLER"))
    }

    @Test func recordQuotesAwkwardPathsAndReadsThemBack() {
        var record = Record()
        record.add(DistributionFile(path: "a,b/\"c\".py", text: ""))
        let text = record.render(recordPath: "x.dist-info/RECORD")
        #expect(text.hasPrefix("\"a,b/\"\"c\"\".py\",sha256="))
        #expect(Record.paths(in: text) == ["a,b/\"c\".py", "x.dist-info/RECORD"])
    }

    @Test func theArchiveIsReproducible() throws {
        func bytes() throws -> Data {
            let archive = try WheelArchive(date: Date(timeIntervalSince1970: 1_700_000_000))
            var writer = archive
            try distribution(full).write(to: &writer)
            return archive.finish()
        }
        let first = try bytes()
        #expect(try bytes() == first)
        #expect(try WheelArchive.entries(of: first).map(\.0).last == "word_tools-1.0.0rc1.dist-info/RECORD")
    }
}
