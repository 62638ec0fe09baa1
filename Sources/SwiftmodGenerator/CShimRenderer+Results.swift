import SwiftmodModel

/// The C half of results (docs/design/results.md): the iterator and array types at module
/// execution, and the iteration slots of exported `Sequence` and `IteratorProtocol` types.
extension CShimRenderer {
    /// Module execution: the lazy iterator type (not a module attribute) and each array type
    /// (a module attribute, as the stubs declare it).
    func resultTypeCreation() -> String {
        let results = plan.resultTypes
        guard results.isUsed else { return "" }
        let slot = results.iteratorSlot
        var out = """
                // docs/design/results.md: the lazy iterator type and the array types.
                {
                    extern Py_ssize_t swiftmod_iterator_size(void);
                    state->slots[\(slot)] = swiftmod_iterator_type(module, \(cString(results.iteratorName)), swiftmod_iterator_size());
                    if (state->slots[\(slot)] == NULL) return -1;
                }

            """
        for array in results.arrays {
            let doc =
                "An array of \(array.element.swiftSpelling) that a Swift function returned as ContiguousArray<\(array.element.swiftSpelling)>: "
                + "it owns the Swift array and shares its memory through the buffer protocol (format '\(array.format)'), so numpy.asarray() and memoryview() do not copy."
            out += "    state->slots[\(array.slot)] = swiftmod_array_type(module, \(cString(array.qualifiedName)), \(cString(doc)));\n"
            out +=
                "    if (state->slots[\(array.slot)] == NULL || PyModule_AddObjectRef(module, \(cString(array.pythonName)), state->slots[\(array.slot)]) < 0) return -1;\n"
        }
        return out
    }

    /// `__iter__` (and `__next__`) of an exported type that is a `Sequence` without an `Int`
    /// index (a Swift function that iterates over a copy) or an `IteratorProtocol` (its own
    /// iterator: `__iter__` returns self).
    func iterationSlots(_ type: TypePlan) -> (declarations: String, slots: [(String, String)]) {
        if type.iteratorElement != nil {
            return (
                "extern PyObject *\(type.symbols.slot(.next))(PyObject *self);\n",
                [("Py_tp_iter", "PyObject_SelfIter"), ("Py_tp_iternext", "\(type.symbols.slot(.next))")]
            )
        }
        if type.sequenceElement != nil {
            return ("extern PyObject *\(type.symbols.slot(.iter))(PyObject *self);\n", [("Py_tp_iter", "\(type.symbols.slot(.iter))")])
        }
        return ("", [])
    }
}
