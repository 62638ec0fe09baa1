import Foundation
import SwiftmodModel
import SwiftmodScanner
import Testing

/// The results of docs/design/results.md, scanned from a real symbol graph (`Fixtures/Results.swift.txt`).
@Suite struct ResultsScanning {
    func scan() throws -> SymbolGraphScanner.Result {
        let url = Bundle.module.url(forResource: "Fixtures/Results.symbols", withExtension: "json")!
        return try SymbolGraphScanner().scan(
            json: try Data(contentsOf: url), swiftModule: "Results", pythonModule: "results", strict: false)
    }

    @Test func lazyResultsAreIteratorsOfTheirElements() throws {
        let functions = Dictionary(try scan().interface.functions.map { ($0.swiftName, $0.returnType) }, uniquingKeysWith: { a, _ in a })
        let point = SwiftType.user(UserTypeReference(module: "Results", name: "Point", isHashable: false, isChangeable: false))
        #expect(functions["evens"] == .iterator(.integer(.int), .someSequence))
        #expect(functions["countdown"] == .iterator(.integer(.int), .someIterator))
        #expect(functions["words"] == .iterator(.string, .anySequence))
        #expect(functions["letters"] == .iterator(.string, .anyIterator))
        #expect(functions["steps"] == .iterator(.double, .strideTo))
        #expect(functions["doubling"] == .iterator(.integer(.int), .unfoldFirst))
        if case .iterator(.user(let reference), .existentialSequence)? = functions["points"] {
            #expect(reference.name == "Point")
        } else {
            Issue.record("points: \(String(describing: functions["points"])), expected an iterator of \(point)")
        }
    }

    @Test func contiguousArraysOfSpanElementsOnly() throws {
        let functions = Dictionary(try scan().interface.functions.map { ($0.swiftName, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(functions["halves"]?.returnType == .contiguousArray(.double))
        #expect(functions["total"]?.parameters.first?.type == .contiguousArray(.integer(.int32)))
        #expect(functions["maybe"]?.returnType == .optional(.contiguousArray(.integer(.uint8))))
        #expect(functions["names"] == nil)
    }

    @Test func sequenceAndIteratorTypesKnowTheirElements() throws {
        let types = Dictionary(try scan().interface.types.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(types["CountdownIterator"]?.iteratorElement == .integer(.int))
        #expect(types["Countdown"]?.sequenceElement == .integer(.int))
        #expect(types["Letters"]?.sequenceElement == .string)
        #expect(types["Pair"]?.sequenceElement == .integer(.int))
        #expect(types["Opaque"]?.sequenceElement == nil)
    }

    @Test func refusesWhatIsNotAResultSayingWhy() throws {
        let messages = try scan().diagnostics.map(\.message)
        #expect(
            messages.contains(
                "'nested()' is not exported: it returns [AnySequence<Int>]: a lazy sequence is supported only as the result itself, not inside another type"
            ))
        #expect(
            messages.contains(
                "'takesLazy(_:)' is not exported: lazy sequences and iterators (AnySequence, AnyIterator, some IteratorProtocol) are supported only as a result; a parameter that takes any iterable is some Sequence<T>"
            ))
        #expect(messages.contains { $0.hasPrefix("'names()' is not exported: ContiguousArray<String> is not supported") })
        #expect(messages.contains { $0.hasPrefix("'Opaque' is a Sequence, but its iteration is not exported") })
    }
}
