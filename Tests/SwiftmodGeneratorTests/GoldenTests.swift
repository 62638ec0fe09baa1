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
                    Parameter(
                        label: "minLength", name: "minLength", pythonName: "min_length", type: .integer(.int),
                        defaultValue: .literal(python: "1", swift: "1")),
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
                    Parameter(
                        label: "limit", name: "limit", pythonName: "limit", type: .integer(.int), defaultValue: .expression("Int.max")),
                    Parameter(
                        label: "data", name: "data", pythonName: "data", type: .bytes, defaultValue: .literal(python: "b''", swift: "[]")),
                ],
                returnType: .dictionary(.string, .set(.integer(.int64))), effects: .throwsAny, location: location),
            Function(swiftName: "reset", pythonName: "reset", doc: nil, parameters: [], returnType: .void, location: location),
        ])

    /// One function per borrowed passing mode (docs/design/borrowed.md) and per result object
    /// (docs/design/results.md); `Tests/EndToEnd/test_goldens_compile.py`
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
            Function(
                swiftName: "rowSums", pythonName: "row_sums", doc: nil,
                parameters: [Parameter(label: nil, name: "rows", pythonName: "rows", type: .sequence(.collection(.double)))],
                returnType: .array(.double), location: location),
            Function(
                swiftName: "itemSizes", pythonName: "item_sizes", doc: nil,
                parameters: [Parameter(label: nil, name: "items", pythonName: "items", type: .sequence(.borrowedBytes))],
                returnType: .array(.integer(.int)), location: location),
            // The results of docs/design/results.md: a lazy iterator and an array sharing its memory.
            Function(
                swiftName: "evens", pythonName: "evens", doc: nil,
                parameters: [Parameter(label: nil, name: "n", pythonName: "n", type: .integer(.int))],
                returnType: .iterator(.integer(.int), .someSequence), location: location),
            Function(
                swiftName: "halves", pythonName: "halves", doc: nil,
                parameters: [Parameter(label: nil, name: "n", pythonName: "n", type: .integer(.int))],
                returnType: .contiguousArray(.double), location: location),
        ],
        errorTypes: [ErrorType(name: "ZeroFactor", doc: nil, location: location)])

    /// The kinds of docs/design/types.md: a struct (Hashable, Comparable, Codable, CustomStringConvertible, with
    /// init overloads, properties, methods, a constant and operators), a class hierarchy, each
    /// kind of enum and an enum error; `Tests/EndToEnd/test_goldens_compile.py` builds a project
    /// with this API and checks that the generated files equal these references.
    static let types: ModuleInterface = {
        let point = UserTypeReference(module: "Geometry", name: "Point", isHashable: true)
        let shape = UserTypeReference(module: "Geometry", name: "Shape", isHashable: false)
        let color = UserTypeReference(module: "Geometry", name: "Color", isHashable: true)
        let figure = UserTypeReference(module: "Geometry", name: "Figure", isHashable: false)
        func at(_ line: Int) -> SwiftmodModel.SourceLocation {
            SwiftmodModel.SourceLocation(file: "/project/Sources/Geometry/Geometry.swift", line: line)
        }
        let x = Parameter(label: "x", name: "x", pythonName: "x", type: .double, defaultValue: .literal(python: "0", swift: "0"))
        let y = Parameter(label: "y", name: "y", pythonName: "y", type: .double, defaultValue: .literal(python: "0", swift: "0"))
        return ModuleInterface(
            swiftModule: "Geometry", pythonModule: "geometry",
            functions: [
                Function(
                    swiftName: "paint", pythonName: "paint", doc: nil,
                    parameters: [
                        Parameter(label: nil, name: "shapes", pythonName: "shapes", type: .array(.user(shape))),
                        Parameter(label: "with", name: "color", pythonName: "with_", type: .optional(.user(color))),
                    ],
                    returnType: .dictionary(.string, .user(color)), location: at(40)),
                Function(
                    swiftName: "grow", pythonName: "grow", doc: nil,
                    parameters: [Parameter(label: nil, name: "figure", pythonName: "figure", type: .user(figure))],
                    returnType: .user(figure), effects: .throwsTyped("GeometryError"), location: at(44)),
            ],
            errorTypes: [ErrorType(name: "GeometryError", doc: nil, location: at(38), cases: ["negative", "degenerate"])],
            types: [
                TypeDeclaration(
                    name: "Point", kind: .structure, doc: "A point in the plane.", location: at(2),
                    conformances: [.equatable, .hashable, .comparable, .encodable, .decodable, .customStringConvertible, .sendable],
                    initializers: [
                        Initializer(parameters: [x, y], location: at(5)),
                        Initializer(
                            parameters: [Parameter(label: "polar", name: "radius", pythonName: "polar", type: .double)], isFailable: true,
                            location: at(6)),
                    ],
                    properties: [
                        Property(swiftName: "x", pythonName: "x", type: .double, isSettable: true, isStored: true, location: at(3)),
                        Property(swiftName: "y", pythonName: "y", type: .double, isSettable: true, isStored: true, location: at(4)),
                        Property(
                            swiftName: "origin", pythonName: "ORIGIN", type: .user(point), isSettable: false, isStored: false,
                            isStatic: true, location: at(7)),
                        Property(
                            swiftName: "length", pythonName: "length", type: .double, isSettable: false, isStored: false, location: at(8)),
                    ],
                    methods: [
                        Method(
                            function: Function(
                                swiftName: "distance", pythonName: "distance", doc: nil,
                                parameters: [Parameter(label: "to", name: "other", pythonName: "to", type: .user(point))],
                                returnType: .double, location: at(9))),
                        Method(
                            function: Function(
                                swiftName: "translate", pythonName: "translate", doc: nil,
                                parameters: [Parameter(label: "by", name: "offset", pythonName: "by", type: .double)],
                                returnType: .void, location: at(10)), isMutating: true),
                    ],
                    operators: [
                        Operator(
                            symbol: "+", operands: [.user(point), .user(point)], result: .user(point), isInPlace: false, location: at(11)),
                        Operator(symbol: "-", operands: [.user(point)], result: .user(point), isInPlace: false, location: at(12)),
                    ]),
                TypeDeclaration(
                    name: "Shape", kind: .class(isFinal: false, superclass: nil), location: at(18),
                    initializers: [
                        Initializer(
                            parameters: [Parameter(label: "name", name: "name", pythonName: "name", type: .string)], location: at(20))
                    ],
                    properties: [
                        Property(swiftName: "name", pythonName: "name", type: .string, isSettable: true, isStored: true, location: at(19))
                    ],
                    methods: [
                        Method(
                            function: Function(
                                swiftName: "area", pythonName: "area", doc: nil, parameters: [], returnType: .double, location: at(21))),
                        Method(
                            function: Function(
                                swiftName: "unit", pythonName: "unit", doc: nil, parameters: [], returnType: .user(shape), location: at(22)),
                            isStatic: true),
                    ]),
                TypeDeclaration(
                    name: "Circle", kind: .class(isFinal: true, superclass: "Shape"), location: at(24),
                    initializers: [
                        Initializer(
                            parameters: [Parameter(label: "radius", name: "radius", pythonName: "radius", type: .double)], location: at(26))
                    ],
                    properties: [
                        Property(
                            swiftName: "radius", pythonName: "radius", type: .double, isSettable: false, isStored: true, location: at(25))
                    ]),
                TypeDeclaration(
                    name: "Color", kind: .simpleEnum(rawType: .string), location: at(29), conformances: [.equatable, .hashable],
                    cases: [EnumCase(swiftName: "darkRed", pythonName: "DARK_RED"), EnumCase(swiftName: "blue", pythonName: "BLUE")]),
                TypeDeclaration(
                    name: "Direction", kind: .simpleEnum(rawType: nil), location: at(30), conformances: [.equatable, .hashable],
                    cases: [EnumCase(swiftName: "north", pythonName: "NORTH"), EnumCase(swiftName: "south", pythonName: "SOUTH")]),
                TypeDeclaration(
                    name: "Figure", kind: .valueEnum, location: at(32), conformances: [.equatable],
                    methods: [
                        Method(
                            function: Function(
                                swiftName: "area", pythonName: "area", doc: nil, parameters: [], returnType: .double, location: at(35)))
                    ],
                    cases: [
                        EnumCase(
                            swiftName: "circle", pythonName: "Circle", fields: [.init(label: "radius", pythonName: "radius", type: .double)]
                        ),
                        EnumCase(swiftName: "dot", pythonName: "Dot", fields: [.init(label: nil, pythonName: "_0", type: .user(point))]),
                    ]),
            ])
    }()

    static let all = ["hello": hello, "mixed": mixed, "borrowed": borrowed, "types": types]
}

/// Whether `SWIFTMOD_RECORD` asks to re-record the golden `name` (`hello`, `mixed`, `borrowed`,
/// `types`): `1` or `all` re-records every golden, else a comma-separated list of names
/// (`make goldens GOLDEN=types`). A golden that has just been recorded passes.
func isRecording(_ name: String) -> Bool {
    guard let value = ProcessInfo.processInfo.environment["SWIFTMOD_RECORD"] else { return false }
    let names = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    return names.contains { $0 == "1" || $0 == "all" || $0 == name }
}

@Suite struct GeneratorGoldens {
    @Test(arguments: ["hello", "mixed", "borrowed", "types"])
    func generatedFilesMatchReferences(name: String) throws {
        let package = try GluePackage(
            interface: GoldenInterfaces.all[name]!,
            context: .init(
                projectRoot: "/project", pythonInclude: "/usr/include/python3.11", exceptionBases: ["GeometryError": "ValueError"]))
        let generated = [
            "module.c": package.packageFiles.first { $0.path.hasSuffix("module.c") }!.contents,
            "Glue.swift": package.packageFiles.first { $0.path.hasSuffix("Glue.swift") }!.contents,
            "__init__.pyi": package.pythonFiles.first { $0.path == "__init__.pyi" }!.contents,
        ]
        let directory = goldenDirectory.appendingPathComponent(name)
        let record = isRecording(name)
        for (file, text) in generated {
            let url = directory.appendingPathComponent(file + ".golden")
            if record, (try? String(contentsOf: url, encoding: .utf8)) != text {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
            let reference = try String(contentsOf: url, encoding: .utf8)
            #expect(text == reference, "\(name)/\(file) differs from its golden: re-record with `make goldens GOLDEN=\(name)` if intended")
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
