import Foundation
import SwiftmodGenerator
import SwiftmodModel
import Testing

/// `Tests/SwiftmodGeneratorTests/Golden/`: committed references for the generated text.
let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

/// Fixed interfaces whose generated files are compared against the references.
enum GoldenInterfaces {
    static let location = SourceLocation(file: "/project/Sources/M/M.swift", line: 1)

    static let hello = ModuleInterface(
        swiftModule: "WordTools", pythonModule: "word_tools",
        functions: [
            Function(
                swiftName: "wordCount", pythonName: "word_count", doc: "Counts the words in `text`.",
                parameters: [
                    Parameter(label: nil, name: "text", pythonName: "text", type: .string),
                    Parameter(label: "minLength", name: "minLength", pythonName: "min_length", type: .integer(.int), defaultValue: .literal(python: "1", swift: "1")),
                ],
                returnType: .integer(.int), location: location),
            Function(
                swiftName: "parseRatio", pythonName: "parse_ratio", doc: "Parses \"a/b\".\n\nSecond paragraph.",
                parameters: [Parameter(label: nil, name: "text", pythonName: "text", type: .string)],
                returnType: .double, effects: .throwsTyped("RatioError"), location: location),
        ],
        errorTypes: [ErrorType(name: "RatioError", doc: "Why a ratio could not be parsed.", location: location)])

    static let mixed = ModuleInterface(
        swiftModule: "Mixed", pythonModule: "mixed",
        functions: [
            Function(
                swiftName: "pairs", pythonName: "pairs", doc: nil,
                parameters: [
                    Parameter(label: "of", name: "values", pythonName: "of", type: .array(.tuple([.integer(.uint8), .optional(.string)]))),
                    Parameter(label: "limit", name: "limit", pythonName: "limit", type: .integer(.int), defaultValue: .expression("Int.max")),
                    Parameter(label: "data", name: "data", pythonName: "data", type: .bytes, defaultValue: .literal(python: "b''", swift: "[]")),
                ],
                returnType: .dictionary(.string, .set(.integer(.int64))), effects: .throwsAny, location: location),
            Function(swiftName: "reset", pythonName: "reset", doc: nil, parameters: [], returnType: .void, location: location),
        ])

    /// One function per borrowed passing mode (DESIGN §14); `Tests/EndToEnd/test_goldens_compile.py`
    /// builds a project with this API and checks that the generated files equal these references.
    static let borrowed = ModuleInterface(
        swiftModule: "Borrowed", pythonModule: "borrowed",
        functions: [
            Function(
                swiftName: "length", pythonName: "length", doc: nil,
                parameters: [Parameter(label: nil, name: "text", pythonName: "text", type: .utf8Span)],
                returnType: .integer(.int), location: location),
            Function(
                swiftName: "checksum", pythonName: "checksum", doc: nil,
                parameters: [Parameter(label: nil, name: "data", pythonName: "data", type: .rawSpan)],
                returnType: .integer(.uint64), location: location),
            Function(
                swiftName: "scale", pythonName: "scale", doc: nil,
                parameters: [
                    Parameter(label: nil, name: "values", pythonName: "values", type: .mutableSpan(.double)),
                    Parameter(label: "by", name: "factor", pythonName: "by", type: .double),
                ],
                returnType: .void, effects: .throwsAny, location: location),
            Function(
                swiftName: "total", pythonName: "total", doc: nil,
                parameters: [Parameter(label: nil, name: "values", pythonName: "values", type: .span(.integer(.int64)))],
                returnType: .integer(.int64), location: location),
            Function(
                swiftName: "sum", pythonName: "sum", doc: nil,
                parameters: [Parameter(label: nil, name: "values", pythonName: "values", type: .collection(.double))],
                returnType: .double, location: location),
        ],
        errorTypes: [ErrorType(name: "ZeroFactor", doc: nil, location: location)])

    static let all = ["hello": hello, "mixed": mixed, "borrowed": borrowed]
}

@Suite struct GeneratorGoldens {
    @Test(arguments: ["hello", "mixed", "borrowed"])
    func generatedFilesMatchReferences(name: String) throws {
        let package = try GluePackage(
            interface: GoldenInterfaces.all[name]!,
            context: .init(projectRoot: "/project", pythonInclude: "/usr/include/python3.11"))
        let generated = [
            "module.c": package.packageFiles.first { $0.path.hasSuffix("module.c") }!.contents,
            "Glue.swift": package.packageFiles.first { $0.path.hasSuffix("Glue.swift") }!.contents,
            "__init__.pyi": package.pythonFiles.first { $0.path == "__init__.pyi" }!.contents,
        ]
        let directory = goldenDirectory.appendingPathComponent(name)
        let record = ProcessInfo.processInfo.environment["SWIFTMOD_RECORD"] != nil
        for (file, text) in generated {
            let url = directory.appendingPathComponent(file + ".golden")
            if record {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
            let reference = try String(contentsOf: url, encoding: .utf8)
            #expect(text == reference, "\(name)/\(file) differs from its golden: re-record with SWIFTMOD_RECORD=1 if intended")
        }
    }

    @Test func manifestDependsOnTheUserPackageByPath() throws {
        let package = try GluePackage(
            interface: GoldenInterfaces.hello,
            context: .init(projectRoot: "/home/me/word-tools", pythonInclude: "/inc"))
        let manifest = package.packageFiles.first { $0.path == "Package.swift" }!.contents
        #expect(manifest.contains(".package(path: \"/home/me/word-tools\")"))
        #expect(manifest.contains(".product(name: \"WordTools\", package: \"word-tools\")"))
        #expect(manifest.contains(".library(name: \"word_tools\", type: .dynamic"))
        #expect(!manifest.contains("python3"))
    }

    @Test func textSignatureCarriesDefaultsAndPositionalOnlyMarker() throws {
        let package = try GluePackage(interface: GoldenInterfaces.hello, context: .init(projectRoot: "/p", pythonInclude: "/i"))
        let shim = package.packageFiles.first { $0.path.hasSuffix("module.c") }!.contents
        #expect(shim.contains("\"word_count($module, text, /, min_length=1)\\n--\\n\\nCounts the words in `text`.\""))
        #expect(shim.contains("PyMODINIT_FUNC PyInit_word_tools(void)"))
    }
}
