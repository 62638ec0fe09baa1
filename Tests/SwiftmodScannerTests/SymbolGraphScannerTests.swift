import Foundation
import SwiftmodModel
import SwiftmodScanner
import Testing

/// The scan of `Examples/types`'s real symbol graph (recorded from Swift 6.3.1).
func scanFixture(strict: Bool = false) throws -> SymbolGraphScanner.Result {
    let url = Bundle.module.url(forResource: "Fixtures/TypeTour.symbols", withExtension: "json")!
    return try SymbolGraphScanner().scan(
        json: try Data(contentsOf: url), swiftModule: "TypeTour", pythonModule: "type_tour", strict: strict)
}

@Suite struct SymbolGraphScanning {
    @Test func exportsSupportedFunctionsInSourceOrder() throws {
        let names = try scanFixture().interface.functions.map(\.pythonName)
        #expect(names.first == "add")
        #expect(names.contains("echo_uint8") && names.contains("count_words") && names.contains("checked_root"))
        #expect(!names.contains("generic") && !names.contains("mutates"))
        #expect(names.count == 35)
    }

    @Test func readsTypesLabelsDefaultsAndDocs() throws {
        let functions = try scanFixture().interface.functions
        let describe = try #require(functions.first { $0.swiftName == "describe" })
        #expect(describe.doc == "Formats a record; shows keyword arguments and literal defaults.")
        #expect(describe.parameters.map(\.pythonName) == ["name", "age", "ratio", "tag", "flag", "note", "items", "meta"])
        #expect(describe.parameters[0].label == nil)
        #expect(describe.parameters[1].defaultValue == .literal(python: "30", swift: "30"))
        #expect(describe.parameters[3].defaultValue == .literal(python: "'none'", swift: "\"none\""))
        #expect(describe.parameters[5].type == .optional(.string))
        #expect(describe.parameters[7].defaultValue == .literal(python: "{}", swift: "[:]"))
        let limit = try #require(functions.first { $0.swiftName == "limit" })
        #expect(limit.parameters[1].defaultValue == .expression("Int.max"))
        let nested = try #require(functions.first { $0.swiftName == "echoNested" })
        #expect(nested.returnType == .dictionary(.string, .array(.optional(.integer(.int)))))
        let triples = try #require(functions.first { $0.swiftName == "echoTriples" })
        #expect(triples.returnType == .array(.tuple([.bool, .double, .optional(.string)])))
        let bytes = try #require(functions.first { $0.swiftName == "echoBytes" })
        #expect(bytes.returnType == .bytes)
        let root = try #require(functions.first { $0.swiftName == "checkedRoot" })
        #expect(root.effects == .throwsTyped("TourError"))
        #expect(root.location == SourceLocation(file: "/project/Sources/TypeTour/TypeTour.swift", line: 80))
    }

    @Test func findsPublicErrorTypesOnly() throws {
        let errors = try scanFixture().interface.errorTypes
        #expect(errors.map(\.name) == ["TourError"])
        #expect(errors[0].doc == "An error with its own description.")
    }

    @Test func warnsWithFileLineAndReason() throws {
        let diagnostics = try scanFixture().diagnostics.map(\.description)
        #expect(
            diagnostics == [
                "/project/Sources/TypeTour/TypeTour.swift:102: warning: 'generic(_:)' is not exported: generic functions are not supported: export a non-generic function that calls it with concrete types",
                "/project/Sources/TypeTour/TypeTour.swift:103: warning: 'takesClosure(_:)' is not exported: parameter 'body': a closure that returns a value must be 'throws' ((Int) throws -> Int), so that a Python exception or a result of the wrong type has somewhere to go",
                "/project/Sources/TypeTour/TypeTour.swift:104: warning: 'mutates(_:)' is not exported: parameter 'value' is inout, which is not supported (except inout MutableSpan<T>, a writable buffer)",
                "/project/Sources/TypeTour/TypeTour.swift:105: warning: 'later(_:)' is not exported: parameter 'data': an async function cannot borrow Python's memory (RawSpan), since its task runs after the call returns; take an owned copy instead (String, [UInt8], [T])",
            ])
    }

    @Test func publicTypesVariablesAndProtocolsAreNotSkippedSilently() throws {
        func symbol(_ kind: String, _ name: String, line: Int) -> String {
            #"{"kind":{"identifier":"swift.\#(kind)"},"identifier":{"precise":"s:1M\#(name)"},"pathComponents":["\#(name)"],"accessLevel":"public","location":{"uri":"file:///p/M.swift","position":{"line":\#(line)}}}"#
        }
        let json =
            #"{"symbols":["#
            + [
                symbol("struct", "Point", line: 0), symbol("class", "Box", line: 1), symbol("var", "limit", line: 2),
                symbol("protocol", "Shape", line: 3),
            ].joined(separator: ",") + #"],"relationships":[]}"#
        let result = try SymbolGraphScanner().scan(json: Data(json.utf8), swiftModule: "M", pythonModule: "m")
        #expect(result.interface.types.map(\.name) == ["Point", "Box"])
        #expect(result.interface.types.map(\.kind) == [.structure, .class(isFinal: false, superclass: nil)])
        #expect(
            result.diagnostics.map(\.description) == [
                "/p/M.swift:3: warning: 'limit' is not exported: top-level variables are not exported; a function can return the value",
                "/p/M.swift:4: warning: 'Shape' is not exported: a protocol has no Python counterpart",
            ])
    }

    @Test func strictMakesThemErrors() throws {
        #expect(try scanFixture(strict: true).diagnostics.allSatisfy { $0.severity == .error })
    }

    @Test func invalidJSONIsReported() {
        #expect(throws: SymbolGraphScanner.InvalidSymbolGraph.self) {
            try SymbolGraphScanner().scan(json: Data("{".utf8), swiftModule: "M", pythonModule: "m")
        }
    }
}

@Suite struct SnakeCase {
    @Test(arguments: [
        ("wordCount", "word_count"), ("parseURL", "parse_url"), ("utf8String", "utf8_string"),
        ("HTTPServer", "http_server"), ("echoUInt8", "echo_uint8"), ("from", "from_"), ("x", "x"),
        ("minLength", "min_length"),
    ])
    func converts(swift: String, python: String) {
        #expect(PythonNames.snakeCase(swift) == python)
    }
}

/// Borrowed parameter types (docs/design/borrowed.md), from a real symbol graph (Swift 6.3.1).
@Suite struct BorrowedParameterScanning {
    func scan() throws -> SymbolGraphScanner.Result {
        let url = Bundle.module.url(forResource: "Fixtures/Borrowing.symbols", withExtension: "json")!
        return try SymbolGraphScanner().scan(json: try Data(contentsOf: url), swiftModule: "Borrowing", pythonModule: "borrowing")
    }

    @Test func readsEveryBorrowedType() throws {
        let types = try scan().interface.functions.map {
            "\($0.swiftName): " + $0.parameters.map(\.type.swiftSpelling).joined(separator: ", ")
        }
        #expect(
            types == [
                "text: UTF8Span", "raw: RawSpan", "bytes: Span<UInt8>", "doubles: Span<Double>",
                "fill: inout MutableSpan<Int32>, Int32", "sum: some Collection<Double>", "words: some Sequence<String>",
                "collectionOfSpans: some Collection<[Int]>", "tags: Set<String>, Int?",
            ])
    }

    @Test func anEmptySetDefaultShowsAsEllipsisNotAsAList() throws {
        let tags = try #require(try scan().interface.functions.first { $0.swiftName == "tags" })
        #expect(tags.parameters[0].defaultValue == .literal(python: "...", swift: "[]"))
        #expect(tags.parameters[1].defaultValue == .literal(python: "None", swift: "nil"))
    }

    @Test func refusesWhatCannotBeBorrowedSayingWhy() throws {
        let messages = try scan().diagnostics.map(\.message)
        #expect(
            messages == [
                "'spanOfStrings(_:)' is not exported: parameter 'values': Span<String> is not supported: the elements of a borrowed buffer are Double, Float or a fixed-width integer",
                "'inoutInt(_:)' is not exported: parameter 'value' is inout, which is not supported (except inout MutableSpan<T>, a writable buffer)",
                "'someHashable(_:)' is not exported: parameter 'value': opaque 'some' types other than some Collection<T>, some Sequence<T>, some IteratorProtocol<T> and some AsyncSequence<T, E> are not supported",
                "'generic(_:)' is not exported: generic functions are not supported: export a non-generic function that calls it with concrete types",
                "'defaulted(_:)' is not exported: parameter 'values': a borrowed some Collection<Int> parameter cannot have a default value",
            ])
    }
}

/// Borrowed collections of collections and borrowed bytes items, from a real symbol graph
/// (Swift 6.3.1; source in the test's comment).
///
///     public func rowSums(_ rows: some Collection<some Sequence<Double>>) -> [Double]
///     public func itemSizes(_ items: some Sequence<UnsafeRawBufferPointer>) -> [Int]
///     public func documentSizes(_ documents: some Sequence<some Collection<UnsafeRawBufferPointer>>) -> [Int]
///     public func oneBuffer(_ bytes: UnsafeRawBufferPointer) -> Int
///     public func arrayOfBuffers(_ items: [UnsafeRawBufferPointer]) -> Int
@Suite struct NestedBorrowingScanning {
    func scan() throws -> SymbolGraphScanner.Result {
        let url = Bundle.module.url(forResource: "Fixtures/NestedBorrowing.symbols", withExtension: "json")!
        return try SymbolGraphScanner().scan(
            json: try Data(contentsOf: url), swiftModule: "NestedBorrowing", pythonModule: "nested_borrowing")
    }

    @Test func collectionsMayHoldCollectionsAndBorrowedBytes() throws {
        let functions = try scan().interface.functions
        #expect(functions.map(\.swiftName) == ["rowSums", "itemSizes", "documentSizes"])
        #expect(
            functions.map { $0.parameters[0].type } == [
                .collection(.sequence(.double)), .sequence(.borrowedBytes), .sequence(.collection(.borrowedBytes)),
            ])
        #expect(
            functions.map { $0.parameters[0].type.pythonSpelling } == [
                "list[Iterable[float]] | tuple[Iterable[float], ...]", "Iterable[str | Buffer]",
                "Iterable[list[str | Buffer] | tuple[str | Buffer, ...]]",
            ])
    }

    @Test func borrowedBytesAreOnlyACollectionsElement() throws {
        let messages = try scan().diagnostics.map(\.message).sorted()
        #expect(
            messages == [
                "'arrayOfBuffers(_:)' is not exported: parameter 'items': borrowed types (UTF8Span, Span, some Collection, ...) cannot be nested inside another type",
                "'oneBuffer(_:)' is not exported: parameter 'bytes': UnsafeRawBufferPointer is supported only as the element of some Collection<T> or some Sequence<T> (each str or bytes item's bytes, in place); one buffer is a RawSpan",
            ])
    }
}
