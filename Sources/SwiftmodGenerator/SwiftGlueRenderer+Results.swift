import SwiftmodModel

/// The Swift half of results (docs/design/results.md): where the iterator and array types live in
/// the module state, and the iteration slots of exported `Sequence` and `IteratorProtocol` types.
extension SwiftGlueRenderer {
    /// The module-state slots that `Results.swift` reads: the iterator type's, and each array
    /// element type's (a conformance to `PyArrayElement`).
    func resultTypesGlue() -> String {
        let results = plan.resultTypes
        guard results.isUsed else { return "" }
        var out = """
            // MARK: Results (docs/design/results.md)

            /// The lazy iterator type's slot in the module state.
            let swiftmodIteratorSlot: Swift::Int = \(results.iteratorSlot)


            """
        for array in results.arrays {
            let code = array.format.unicodeScalars.first!.value
            out += """
                extension \(array.element.qualifiedSpelling): PyArrayElement {
                    static var arraySlot: Swift::Int { \(array.slot) }
                    static var arrayFormat: Swift::CChar { \(code) }  // '\(array.format)'
                }


                """
        }
        return out
    }

    /// `__next__` of an `IteratorProtocol` type (its `next()` on the object's own value, which
    /// changes it), or `__iter__` of another `Sequence` (a lazy iterator over a copy of the value,
    /// so changing the object meanwhile changes nothing the iterator sees).
    func iterationGlue(_ type: TypePlan) -> String {
        let codec = type.codec
        let name = type.qualname
        if let element = type.iteratorElement {
            // No Python code runs during `next()`: no other access may be in progress.
            let check =
                type.checksBorrows
                ? "guard \(codec).checkWritable(object, \(swiftLiteral("advance a \(name) iterator"))) else { return nil }\n    " : ""
            return """
                @_cdecl("\(type.symbols.slot(.next))")
                public func \(type.symbols.slot(.next))(_ object: PyRef) -> PyRef? {
                    let module = swiftmod_object_module(object).unsafelyUnwrapped
                \(filledCheck(type, failure: "nil"))    \(check)guard let value = \(codec).pointer(object).pointee.next() else { return nil }
                    return \(element.codec).dump(value, module)
                }


                """
        }
        if let element = type.sequenceElement {
            let check =
                type.checksBorrows
                ? "guard \(codec).checkReadable(object, \(swiftLiteral("iterate over a \(name) object"))) else { return nil }\n    " : ""
            return """
                @_cdecl("\(type.symbols.slot(.iter))")
                public func \(type.symbols.slot(.iter))(_ object: PyRef) -> PyRef? {
                    let module = swiftmod_object_module(object).unsafelyUnwrapped
                \(filledCheck(type, failure: "nil"))    \(check)let sequence = \(codec).pointer(object).pointee
                    return SMLazySequence<\(element.codec)>.dump(sequence, module)
                }


                """
        }
        return ""
    }
}
