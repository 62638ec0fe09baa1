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
}
