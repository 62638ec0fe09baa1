import SwiftmodModel

/// The stubs of results (docs/design/results.md): lazy results are `Iterator[T]` (from
/// `SwiftType.pythonSpelling`), each array type is a final class, and exported sequences and
/// iterators declare `__iter__` (and `__next__`).
extension StubRenderer {
    /// Whether a stub spells `Iterator`: a lazy result, an array type, or an exported sequence or iterator type.
    var usesIteratorStubs: Bool {
        plan.resultTypes.isUsed || plan.types.contains { $0.iteratorElement != nil || $0.sequenceElement != nil }
    }

    /// One final class per array type the module returns (`DoubleArray`).
    func arrayStubs() -> String {
        var out = ""
        for array in plan.resultTypes.arrays {
            let item = array.element.pythonSpelling
            out += """

                @final
                class \(array.pythonName):
                    \"\"\"An array of \(array.element.swiftSpelling) returned by Swift as ContiguousArray<\(array.element.swiftSpelling)>, sharing its memory through the buffer protocol (format '\(array.format)').\"\"\"
                    def __len__(self) -> int: ...
                    def __getitem__(self, index: int, /) -> \(item): ...
                    def __iter__(self) -> Iterator[\(item)]: ...
                    def tolist(self) -> list[\(item)]: ...
                    if sys.version_info >= (3, 12):
                        def __buffer__(self, flags: int, /) -> memoryview: ...

                """
        }
        return out
    }

    /// `__iter__` of an exported `Sequence` without an `Int` index; `__iter__` and `__next__`
    /// of an `IteratorProtocol` type (its own iterator).
    func iterationStubs(_ type: TypePlan, indent: String) -> [String] {
        if let element = type.iteratorElement {
            return [
                "\(indent)def __iter__(self) -> \(type.qualname): ...", "\(indent)def __next__(self) -> \(element.pythonSpelling): ...",
            ]
        }
        if let element = type.sequenceElement, !type.specialSlots.keys.contains("__iter__") {
            return ["\(indent)def __iter__(self) -> Iterator[\(element.pythonSpelling)]: ..."]
        }
        return []
    }
}
