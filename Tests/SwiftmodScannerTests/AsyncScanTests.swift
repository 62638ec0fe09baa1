import Foundation
import SwiftmodModel
import Testing

@testable import SwiftmodScanner

/// `Fixtures/Async.symbols.json` (from `Async.swift.txt`): async functions and methods as the
/// scanner reads them, and what it refuses (docs/design/async.md#scope).
func scanAsync() throws -> SymbolGraphScanner.Result {
    let url = Bundle.module.url(forResource: "Fixtures/Async.symbols", withExtension: "json")!
    return try SymbolGraphScanner().scan(json: try Data(contentsOf: url), swiftModule: "Async", pythonModule: "async_fixture")
}

@Suite struct AsyncScanning {
    @Test func asyncFunctionsAreExportedWithTheirEffects() throws {
        let functions = Dictionary(uniqueKeysWithValues: try scanAsync().interface.functions.map { ($0.pythonName, $0) })
        #expect(functions["wait"]?.isAsync == true)
        #expect(functions["wait"]?.effects == .throwsAny)
        #expect(functions["compute"]?.isAsync == true)
        #expect(functions["compute"]?.effects == Effects.none)
        #expect(functions["typed"]?.effects == .throwsTyped("Failure"))
        #expect(
            Set(functions.keys) == [
                "wait", "compute", "typed", "stream", "throwing_stream", "opaque", "opaque_throwing", "existential",
            ])
    }

    @Test func asyncSequenceResultsAreAsyncIterators() throws {
        let functions = Dictionary(uniqueKeysWithValues: try scanAsync().interface.functions.map { ($0.pythonName, $0) })
        #expect(functions["stream"]?.returnType == .iterator(.integer(.int), .asyncStream))
        #expect(functions["stream"]?.isAsync == false)
        #expect(functions["throwing_stream"]?.returnType == .iterator(.string, .asyncThrowingStream))
        #expect(functions["opaque"]?.returnType == .iterator(.integer(.int), .someAsyncSequence))
        #expect(functions["opaque_throwing"]?.returnType == .iterator(.double, .someThrowingAsyncSequence))
        #expect(functions["existential"]?.returnType == .iterator(.integer(.int), .existentialAsyncSequence))
        #expect(functions["stream"]?.returnType.pythonSpelling == "AsyncIterator[int]")
        #expect(functions["opaque_throwing"]?.returnType.swiftSpelling == "some AsyncSequence<Double, any Error>")
    }

    @Test func asyncSequencesElsewhereAreRefusedSayingWhatToWrite() throws {
        let messages = try scanAsync().diagnostics.map(\.message)
        #expect(
            messages.contains(
                "'typedFailure()' is not exported: some AsyncSequence<T, E> is supported with E = Never or any Error (a thrown error is mapped by its type either way); return some AsyncSequence<T, any Error>"
            ))
        #expect(
            messages.contains(
                "'asyncStream()' is not exported: an async function cannot return an async sequence (Python would await an async iterator); drop 'async' from the function: the sequence's own elements are awaited"
            ))
        #expect(
            messages.contains(
                "'nestedStreams()' is not exported: it returns [AsyncStream<Int>]: a lazy sequence is supported only as the result itself, not inside another type"
            ))
        #expect(messages.contains { $0.hasPrefix("'takesStream(_:)' is not exported: lazy sequences and iterators") })
    }

    @Test func borrowedClosureVariadicAndLazyFormsAreRefusedSayingWhatToWrite() throws {
        let messages = try scanAsync().diagnostics.map(\.message)
        #expect(
            messages.contains(
                "'borrows(_:)' is not exported: parameter 'data': an async function cannot borrow Python's memory (RawSpan), since its task runs after the call returns; take an owned copy instead (String, [UInt8], [T])"
            ))
        #expect(
            messages.contains {
                $0.hasPrefix("'text(_:)' is not exported: parameter 'text': an async function cannot borrow Python's memory (UTF8Span)")
            })
        #expect(messages.contains("'callsBack(_:)' is not exported: parameter 'f': async functions cannot take closures yet"))
        #expect(
            messages.contains(
                "'stars(_:)' is not exported: parameter 'values': async functions cannot take variadic parameters yet (take an array, [T], instead)"
            ))
        #expect(
            messages.contains(
                "'onMain()' is not exported: it is isolated to the main actor, whose queue nothing runs in a Python process (its task would never finish); make it nonisolated, or isolate it to an actor of your own"
            ))
        #expect(
            messages.contains(
                "'lazy()' is not exported: async functions cannot return lazy sequences or iterators yet (return an array, [T], instead)"))
    }

    @Test func methodsOfSendableTypesAreExportedUnlessMutatingOrOverloaded() throws {
        let result = try scanAsync()
        let value = try #require(result.interface.types.first { $0.name == "Value" })
        let methods = Dictionary(uniqueKeysWithValues: value.methods.map { ($0.function.pythonName, $0) })
        #expect(methods["doubled"]?.function.isAsync == true)
        #expect(methods["make"]?.isStatic == true && methods["make"]?.function.isAsync == true)
        #expect(methods["bump"] == nil)
        #expect(methods["same"]?.function.isAsync == false)
        #expect(methods["counts"]?.function.returnType == .iterator(.integer(.int), .asyncStream))
        let shared = try #require(result.interface.types.first { $0.name == "Shared" })
        #expect(shared.methods.map(\.function.pythonName) == ["build", "streams"])
        let messages = result.diagnostics.map(\.message)
        #expect(
            messages.contains(
                "'Value.bump()' is not exported: a mutating async method is not exported (its task cannot change the Python object after the call returned); return the new value instead"
            ))
        #expect(
            messages.contains(
                "'Value.same(_:)' is not exported: async methods cannot be overloads (another method is also called 'same' in Python)"))
        #expect(
            messages.contains(
                "'Shared.work()' is not exported: async methods are exported only for Sendable types (the task uses the object on another thread without the GIL); declare 'Shared: Sendable'"
            ))
        #expect(
            messages.contains(
                "'Shared.stream()' is not exported: a method returning an async sequence is exported only for Sendable types (a Swift task iterates it on another thread without the GIL, and it may use the object); declare 'Shared: Sendable', or make it a static method"
            ))
    }

    @Test func membersOfAMainActorTypeAreRefusedUnlessNonisolated() throws {
        // Isolation to the main actor declared on the type, inherited from a superclass or a
        // protocol, or declared on an extension: the symbol graph spells `@MainActor` on each
        // isolated member, so the member's own check sees it.
        let result = try scanAsync()
        let messages = result.diagnostics.map(\.message)
        for member in ["Screen.refresh()", "Screen.open()", "Dialog.show()", "Canvas.draw()", "Panel.redraw()"] {
            #expect(
                messages.contains { $0.hasPrefix("'\(member)' is not exported: it is isolated to the main actor") },
                "\(messages)")
        }
        let screen = result.interface.types.first { $0.name == "Screen" }
        #expect(screen?.methods.map(\.function.pythonName) == ["ping"])
    }
}
