import SwiftmodModel
import Testing

@testable import SwiftmodGenerator

/// docs/design/async.md: what the plan, the glue, the stubs and the package make of an async function.
@Suite struct AsyncPlanning {
    let location = SourceLocation(file: "/project/Sources/A/A.swift", line: 1)

    func function(_ name: String, isAsync: Bool, effects: Effects = .none, returns type: SwiftType = .integer(.int)) -> Function {
        Function(
            swiftName: name, pythonName: name, doc: nil,
            parameters: [Parameter(label: "n", name: "n", pythonName: "n", type: .integer(.int))],
            returnType: type, effects: effects, isAsync: isAsync, location: location)
    }

    @Test func noAsyncFunctionsNoAsyncRuntime() throws {
        let interface = ModuleInterface(swiftModule: "A", pythonModule: "a", functions: [function("f", isAsync: false)])
        #expect(!BindingPlan(interface: interface).usesAsync)
        let package = try GluePackage(interface: interface, context: .init(projectRoot: "/project", pythonInclude: "/include"))
        #expect(!package.packageFiles.contains { $0.path.hasSuffix("Async.swift") || $0.path.contains("swiftmod_async") })
    }

    @Test func anAsyncFunctionStartsATaskOnItsOwnCopiesAndIsAnAsyncDef() throws {
        let interface = ModuleInterface(
            swiftModule: "A", pythonModule: "a",
            functions: [function("wait", isAsync: true, effects: .throwsAny), function("f", isAsync: false)])
        let plan = BindingPlan(interface: interface)
        #expect(plan.usesAsync && plan.functions.map(\.isAsync) == [true, false])
        let glue = SwiftGlueRenderer(plan: plan).render()
        #expect(glue.contains("return startAsync(module, \"wait()\") { [a0] in"))
        #expect(glue.contains("let result = try await A::wait(n: a0)"))
        #expect(glue.contains("catch is Swift::CancellationError {\n            return .cancelled"))
        // The GIL policy is for synchronous calls: the task never holds the GIL.
        let entry = glue.components(separatedBy: "@_cdecl(")[1]
        #expect(!entry.contains("gilEnter"))
        let stub = StubRenderer(plan: plan).stub()
        #expect(stub.contains("async def wait(n: int) -> int:"))
        #expect(stub.contains("\ndef f(n: int) -> int:"))
        let package = try GluePackage(interface: interface, context: .init(projectRoot: "/project", pythonInclude: "/include"))
        for path in ["Sources/SwiftmodGlue/Async.swift", "Sources/SwiftmodShim/swiftmod_async.c"] {
            #expect(package.packageFiles.contains { $0.path == path }, "\(path)")
        }
    }

    @Test func anAsyncSequenceResultIsAnAsyncIteratorAndBringsTheAsyncRuntime() throws {
        // A module whose only async API is a stream still gets the async runtime, and no lazy
        // iterator type (the async iterator types are the runtime's).
        let interface = ModuleInterface(
            swiftModule: "A", pythonModule: "a",
            functions: [function("ticks", isAsync: false, returns: .iterator(.integer(.int), .asyncStream))])
        let plan = BindingPlan(interface: interface)
        #expect(plan.usesAsync && !plan.resultTypes.isUsed)
        let glue = SwiftGlueRenderer(plan: plan).render()
        #expect(glue.contains("SMAsyncSequence<"))
        let stub = StubRenderer(plan: plan).stub()
        #expect(stub.contains("from collections.abc import AsyncIterator\n"))
        #expect(stub.contains("\ndef ticks(n: int) -> AsyncIterator[int]:"))
        let package = try GluePackage(interface: interface, context: .init(projectRoot: "/project", pythonInclude: "/include"))
        #expect(package.packageFiles.contains { $0.path == "Sources/SwiftmodGlue/Async.swift" })
        #expect(!package.packageFiles.contains { $0.path.hasSuffix("Results.swift") })
    }
}
