import SwiftmodModel

/// A union (docs/design/python-shapes.md#unions): a Swift enum whose cases each carry one value of a type
/// Python tells apart from the others'. A parameter takes any object one case's payload takes;
/// a result is the payload itself; the module has the union as a `types.UnionType` attribute.
public struct UnionPlan: Equatable, Sendable {
    /// The Swift type (`Document`, `Outer.Document`).
    public var swiftName: String
    /// The attribute's name (`Document`).
    public var pythonName: String
    /// For a nested union: the type (at this index of `BindingPlan.types`) whose attribute it is.
    public var outerIndex: Int?
    /// The enum's `///` doc comment.
    public var doc: String?
    /// The codec type that converts values of the union (`SMUser_Document`).
    public var codec: String
    /// Its cases, in declaration order (the converting pass tries them in this order).
    public var cases: [Case]
    /// What a `TypeError` says it expected: `str, bytes or list[str]`.
    public var expected: String
    /// The stubs' alias: `str | bytes | list[str]`.
    public var stubSpelling: String
    /// The expression module execution evaluates for the attribute: the stub's, with unions
    /// inside containers as forward references (`list['JSON']`), so a recursive one evaluates.
    public var runtimeSpelling: String
    /// Whether a value of the union can hold another one (`indirect enum JSON`, or unions that
    /// name each other): its conversions then go one level deeper per nesting, so each level
    /// passes CPython's recursion guard.
    public var isRecursive: Bool

    /// One case of the union and the Python values that select it.
    public struct Case: Equatable, Sendable {
        /// The Swift case name (`text`).
        public var swiftName: String
        /// The one associated value's type; nil for the case that stands for `None`.
        public var payload: SwiftType?
        /// The payload's codec; nil for the `None` case.
        public var codec: String?
        /// Whether the payload holds a union (`[JSON]`): in a recursive union such a case has
        /// no fast path, so a conversion walks each level once.
        public var holdsUnion: Bool = false
    }
}

extension BindingPlan {
    /// The unions of `declarations`, each spelled for messages, stubs and the module attribute.
    static func translateUnions(_ declarations: [TypeDeclaration], types: [TypePlan]) -> [UnionPlan] {
        let payloads = Dictionary(
            declarations.map { ($0.name, $0.cases.map { $0.fields.first?.type }) }, uniquingKeysWith: { first, _ in first })
        return declarations.map { declaration in
            let cases = declaration.cases.map { enumCase in
                let payload = enumCase.fields.first?.type
                let holdsUnion =
                    payload?.contains { if case .user(let reference) = $0 { payloads[reference.name] != nil } else { false } } ?? false
                return UnionPlan.Case(swiftName: enumCase.swiftName, payload: payload, codec: payload?.codec, holdsUnion: holdsUnion)
            }
            // None reads best last (`str | None`), as Python spells optionals.
            let spellings = cases.compactMap { $0.payload?.pythonSpelling } + (cases.contains { $0.payload == nil } ? ["None"] : [])
            let expected = spellings.count == 1 ? spellings[0] : spellings.dropLast().joined(separator: ", ") + " or " + spellings.last!
            let name = declaration.name
            var outerIndex: Int?
            if let dot = name.lastIndex(of: ".") {
                let outer = String(name[..<dot])
                outerIndex = types.first { $0.swiftName == outer }?.index
            }
            var runtime = UnionSpelling(payloads: payloads)
            let isRecursive = reachesItself(name, payloads: payloads)
            return UnionPlan(
                swiftName: name, pythonName: String(name.split(separator: ".").last ?? Substring(name)), outerIndex: outerIndex,
                doc: declaration.doc, codec: SwiftType.user(UserTypeReference(module: "", name: name, isHashable: false)).codec,
                cases: cases, expected: expected, stubSpelling: spellings.joined(separator: " | "),
                runtimeSpelling: runtime.topLevel(name).joined(separator: " | "), isRecursive: isRecursive)
        }
    }

    /// Whether union `name`'s payloads lead back to it, through other unions' payloads.
    private static func reachesItself(_ name: String, payloads: [String: [SwiftType?]]) -> Bool {
        var seen: Set<String> = []
        var pending = [name]
        while let current = pending.popLast() {
            for payload in (payloads[current] ?? []).compactMap({ $0 }) {
                var named: [String] = []
                _ = payload.contains { type in
                    if case .user(let reference) = type, payloads[reference.name] != nil { named.append(reference.name) }
                    return false
                }
                if named.contains(name) { return true }
                for next in named where seen.insert(next).inserted { pending.append(next) }
            }
        }
        return false
    }
}

/// The runtime spelling of a union: nested unions at the top level are expanded into their
/// members (`types.UnionType` flattens them anyway); a type inside a container that mentions a
/// union is a string, a forward reference, so a recursive union's expression evaluates.
struct UnionSpelling {
    /// Each union's case payloads (nil: the `None` case), by Swift name.
    let payloads: [String: [SwiftType?]]
    private var visiting: Set<String> = []

    init(payloads: [String: [SwiftType?]]) { self.payloads = payloads }

    /// The members of union `name`, `None` last, each once.
    mutating func topLevel(_ name: String) -> [String] {
        guard let cases = payloads[name], !visiting.contains(name) else { return [] }
        visiting.insert(name)
        defer { visiting.remove(name) }
        var members: [String] = []
        var hasNone = false
        for payload in cases {
            guard let payload else {
                hasNone = true
                continue
            }
            for member in spell(payload) {
                if member == "None" { hasNone = true } else if !members.contains(member) { members.append(member) }
            }
        }
        return members + (hasNone ? ["None"] : [])
    }

    /// One payload's members at the top level.
    private mutating func spell(_ type: SwiftType) -> [String] {
        switch type {
        case .user(let reference) where payloads[reference.name] != nil: topLevel(reference.name)
        case .optional(let wrapped): spell(wrapped) + ["None"]
        case .user, .integer, .double, .float, .bool, .string, .bytes, .array, .dictionary, .set, .tuple, .void, .utf8Span,
            .rawSpan, .span, .mutableSpan, .collection, .sequence, .borrowedBytes, .iterator, .contiguousArray, .function:
            [inner(type)]
        }
    }

    /// A type as the stubs spell it, with every element that mentions a union quoted.
    private func inner(_ type: SwiftType) -> String {
        func element(_ type: SwiftType) -> String {
            mentionsUnion(type) ? "'" + type.pythonSpelling + "'" : type.pythonSpelling
        }
        switch type {
        case .array(let item): return "list[\(element(item))]"
        case .set(let item): return "set[\(element(item))]"
        case .dictionary(let key, let value): return "dict[\(element(key)), \(element(value))]"
        case .tuple(let items): return "tuple[" + items.map(element).joined(separator: ", ") + "]"
        case .user, .optional, .integer, .double, .float, .bool, .string, .bytes, .void, .utf8Span, .rawSpan, .span, .mutableSpan,
            .collection, .sequence, .borrowedBytes, .iterator, .contiguousArray, .function:
            return type.pythonSpelling
        }
    }

    private func mentionsUnion(_ type: SwiftType) -> Bool {
        switch type {
        case .user(let reference): payloads[reference.name] != nil
        case .array(let item), .set(let item), .optional(let item): mentionsUnion(item)
        case .dictionary(let key, let value): mentionsUnion(key) || mentionsUnion(value)
        case .tuple(let items): items.contains(where: mentionsUnion)
        case .integer, .double, .float, .bool, .string, .bytes, .void, .utf8Span, .rawSpan, .span, .mutableSpan, .collection, .sequence,
            .borrowedBytes, .function, .iterator, .contiguousArray:
            false
        }
    }
}
