import SwiftmodModel
import Testing

@testable import SwiftmodGenerator

/// docs/design/results.md#module-state: where the iterator and array types live, decided once in the plan.
@Suite struct ResultTypesPlanning {
    let location = SourceLocation(file: "/project/Sources/R/R.swift", line: 1)

    func function(_ name: String, returns type: SwiftType) -> Function {
        Function(swiftName: name, pythonName: name, doc: nil, parameters: [], returnType: type, location: location)
    }

    @Test func noResultTypesNoSlotsAndNoFiles() throws {
        let interface = ModuleInterface(swiftModule: "R", pythonModule: "r", functions: [function("f", returns: .array(.double))])
        let plan = BindingPlan(interface: interface)
        #expect(!plan.resultTypes.isUsed && plan.resultTypes.slotCount == 0)
        let package = try GluePackage(interface: interface, context: .init(projectRoot: "/project", pythonInclude: "/include"))
        #expect(!package.packageFiles.contains { $0.path.hasSuffix("Results.swift") })
    }

    @Test func arraysFollowTheIteratorInAFixedOrderAfterTheExceptions() throws {
        let interface = ModuleInterface(
            swiftModule: "R", pythonModule: "r",
            functions: [
                function("a", returns: .contiguousArray(.integer(.uint8))),
                function("b", returns: .optional(.contiguousArray(.double))),
                function("c", returns: .tuple([.contiguousArray(.integer(.uint8)), .bool])),
            ],
            errorTypes: [ErrorType(name: "E", doc: nil, location: location)])
        let plan = BindingPlan(interface: interface)
        #expect(plan.resultTypes.base == 1 && plan.resultTypes.iteratorSlot == 1)
        #expect(plan.resultTypes.arrays.map(\.pythonName) == ["DoubleArray", "UInt8Array"])
        #expect(plan.resultTypes.arrays.map(\.slot) == [2, 3])
        #expect(plan.resultTypes.arrays.map(\.format) == ["d", "B"])
        #expect(plan.resultTypes.arrays[0].qualifiedName == "r.DoubleArray")
        #expect(CShimRenderer(plan: plan).slotCount == 4)
        let package = try GluePackage(interface: interface, context: .init(projectRoot: "/project", pythonInclude: "/include"))
        #expect(package.packageFiles.contains { $0.path == "Sources/SwiftmodGlue/Results.swift" })
        #expect(package.packageFiles.contains { $0.path == "Sources/SwiftmodShim/swiftmod_results.c" })
    }

    @Test func lazyResultsUseTheIteratorTypeAndSayIterator() {
        let interface = ModuleInterface(
            swiftModule: "R", pythonModule: "r", functions: [function("f", returns: .iterator(.string, .anySequence))])
        let plan = BindingPlan(interface: interface)
        #expect(plan.resultTypes.usesIterator && plan.resultTypes.arrays.isEmpty && plan.resultTypes.slotCount == 1)
        #expect(plan.functions[0].resultCodec == "SMLazySequence<SMString>")
        let stub = StubRenderer(plan: plan).stub()
        #expect(stub.contains("from collections.abc import Iterator"))
        #expect(stub.contains("def f() -> Iterator[str]: ..."))
    }
}
