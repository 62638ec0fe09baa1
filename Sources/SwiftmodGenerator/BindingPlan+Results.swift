import SwiftmodModel

/// The Python types the glue adds for results (docs/design/results.md): one iterator type for lazy
/// sequences (and exported `Sequence` types' `__iter__`), and one array type per element type of
/// a `ContiguousArray<T>` result. Their type objects follow the module state's other slots.
public struct ResultTypesPlan: Equatable, Sendable {
    /// The module-state slot of the first of these types: after the exported types, the enum
    /// member tuples and the exception classes.
    public var base: Int = 0
    /// Whether the iterator type exists: a callable returns a lazy sequence, or an exported
    /// `Sequence` type is iterated through `makeIterator()`.
    public var usesIterator: Bool = false
    /// The iterator type's `tp_name` (`shapes.iterator`); it is not a module attribute.
    public var iteratorName: String = ""
    /// One array type per element type that a `ContiguousArray<T>` anywhere in the API uses.
    public var arrays: [ArrayTypePlan] = []

    /// Whether the glue needs these types at all (the iterator and array files are generated only then).
    public var isUsed: Bool { usesIterator || !arrays.isEmpty }
    /// How many module-state slots they take: the iterator type's (even when unused, to keep
    /// the arrays' slots fixed) and one per array type.
    public var slotCount: Int { isUsed ? 1 + arrays.count : 0 }
    /// The iterator type's slot.
    public var iteratorSlot: Int { base }
}

/// The Python type of `ContiguousArray<T>` results for one element type `T`.
public struct ArrayTypePlan: Equatable, Sendable {
    /// `T`: `Double`, `Float` or a fixed-width integer.
    public var element: SwiftType
    /// `DoubleArray`: a module attribute and a class in the stubs.
    public var pythonName: String
    /// `buffers.DoubleArray`: its `tp_name`.
    public var qualifiedName: String
    /// The struct-module format code its buffer exports (`d`, `q`, ...).
    public var format: String
    /// Its module-state slot.
    public var slot: Int
}

extension BindingPlan {
    /// Decides the result types of `resultTypes` from every result, property and element in the
    /// plan; `base` is the first module-state slot after the others.
    static func translateResultTypes(functions: [Callable], types: [TypePlan], base: Int, module: String) -> ResultTypesPlan {
        var plan = ResultTypesPlan(base: base, iteratorName: "\(module).iterator")
        var allTypes: [SwiftType] = []
        for function in functions + types.flatMap({ $0.initializers + $0.methods + $0.enumMembers }) {
            allTypes += function.arguments.map(\.type) + [function.result]
        }
        for type in types {
            allTypes += (type.properties + type.constants).map(\.type)
            allTypes += type.operators.flatMap { $0.overloads.flatMap { $0.operands + [$0.result] } }
            allTypes += type.subscripts.flatMap { [$0.index, $0.result] }
            allTypes += [type.element, type.sequenceElement, type.iteratorElement].compactMap { $0 }
            if type.sequenceElement != nil { plan.usesIterator = true }
        }
        var elements: [SwiftType] = []
        func collect(_ type: SwiftType) {
            switch type {
            case .iterator(let element, let form):
                // An async sequence is the async runtime's iterator (docs/design/async.md#async-iterators).
                if !form.isAsync { plan.usesIterator = true }
                collect(element)
            case .contiguousArray(let element):
                if !elements.contains(element) { elements.append(element) }
            case .array(let t), .set(let t), .optional(let t), .collection(let t), .sequence(let t): collect(t)
            case .dictionary(let k, let v):
                collect(k)
                collect(v)
            case .tuple(let ts): ts.forEach(collect)
            case .integer, .double, .float, .bool, .string, .bytes, .void, .utf8Span, .rawSpan, .span, .mutableSpan,
                .borrowedBytes, .user, .function:
                break
            }
        }
        allTypes.forEach(collect)
        // A fixed order (the order of the Span element types), so that the slots do not depend
        // on which function mentions an element first.
        let order: [SwiftType] = [.double, .float] + IntegerKind.allCases.map { .integer($0) }
        for element in order where elements.contains(element) {
            let name = element.arrayClassName!
            plan.arrays.append(
                ArrayTypePlan(
                    element: element, pythonName: name, qualifiedName: "\(module).\(name)",
                    format: String(bufferFormats(element).prefix(1)), slot: base + 1 + plan.arrays.count))
        }
        return plan
    }
}
