import Foundation
import SwiftmodModel
import Testing

@testable import SwiftmodGenerator

/// The values both renderers and the stub printer read instead of agreeing by string
/// (docs/design/stages.md#pipeline): slot function symbols, operator kinds, the module state's layout.
@Suite struct PlanContract {
    @Test func everyOperatorKindHasItsSlotAndItsDunder() {
        let expected: [(OperatorKind.Operation, String, String)] = [
            (.add, "nb_add", "__add__"), (.subtract, "nb_subtract", "__sub__"), (.multiply, "nb_multiply", "__mul__"),
            (.trueDivide, "nb_true_divide", "__truediv__"), (.remainder, "nb_remainder", "__mod__"),
            (.negative, "nb_negative", "__neg__"), (.positive, "nb_positive", "__pos__"),
        ]
        #expect(expected.count == OperatorKind.Operation.allCases.count)
        for (operation, slot, dunder) in expected {
            let kind = OperatorKind(operation: operation, isInPlace: false)
            #expect(kind.cSlot == slot && kind.pythonName == dunder)
        }
        let inPlace = OperatorKind(operation: .add, isInPlace: true)
        #expect(inPlace.cSlot == "nb_inplace_add" && inPlace.pythonName == "__iadd__")
        #expect(TypePlan.operatorKind("+=", unary: false) == inPlace)
        #expect(TypePlan.operatorKind("-", unary: true) == OperatorKind(operation: .negative, isInPlace: false))
        #expect(TypePlan.operatorKind("%", unary: false) == OperatorKind(operation: .remainder, isInPlace: false))
    }

    @Test func protocolSlotFunctionsCarryTheirSlotAndSignature() {
        let symbols = Symbols(prefix: "swiftmod_t0_Point")
        #expect(symbols.slot(.richcompare) == "swiftmod_t0_Point_richcompare")
        for function in SlotFunction.allCases {
            // A function the C shim puts in a slot table has both; the others neither.
            #expect((function.cSlot == nil) == (function.cSignature == nil), "\(function)")
            #expect(function.cSignature.map { $0.contains("NAME(") } ?? true, "\(function)")
        }
        #expect(SlotFunction.hash.cSlot == "Py_tp_hash" && SlotFunction.item.cSlot == "Py_sq_item")
    }

    @Test func theStateLayoutPutsEachKindAfterTheLast() {
        let layout = StateLayout(typeCount: 3, exceptionCount: 2, resultSlotCount: 2)
        #expect((0..<3).map(layout.typeSlot) == [0, 1, 2])
        #expect((0..<3).map(layout.enumMembersSlot) == [3, 4, 5])
        #expect((0..<2).map(layout.exceptionSlot) == [6, 7])
        #expect(layout.resultTypesBase == 8 && layout.count == 10)
    }

    /// The two halves meet by symbol: every function the C shim declares `extern` (and does not
    /// define in C itself) is a `@_cdecl` of the Swift glue, for each golden interface and build
    /// kind. A mismatch would be a link error at best, a wrong call at worst.
    @Test(arguments: GoldenInterfaces.all.keys.sorted())
    func everyExternTheShimDeclaresIsASwiftCdecl(name: String) throws {
        let contexts: [GluePackage.Context] = [
            .init(projectRoot: "/p", pythonInclude: "/i"),
            .init(projectRoot: "/p", pythonInclude: "/i", stableABI: .abi3(PythonVersion(3, 11))),
        ]
        for context in contexts {
            let package = try GluePackage(interface: GoldenInterfaces.all[name]!, context: context)
            let c = package.packageFiles.filter { $0.path.hasSuffix(".c") || $0.path.hasSuffix(".h") }.map(\.contents).joined(
                separator: "\n")
            let swift = package.packageFiles.filter { $0.path.hasSuffix(".swift") && !$0.path.hasSuffix("Package.swift") }
                .map(\.contents).joined(separator: "\n")
            let externs = matches(#"extern [^;(]*?\**\b(swiftmod_\w+)\("#, in: c)
            let cdecls = Set(matches(#"@_cdecl\("(\w+)"\)"#, in: swift))
            let definedInC = Set(matches(#"(?m)^[A-Za-z_][\w \*]*?\b(swiftmod_\w+)\([^;]*\)\s*\{"#, in: c))
            #expect(!externs.isEmpty)
            let missing = Set(externs).subtracting(cdecls).subtracting(definedInC)
            #expect(missing.isEmpty, "\(name) \(context.stableABI?.description ?? "full API"): \(missing.sorted())")
        }
    }

    private func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
