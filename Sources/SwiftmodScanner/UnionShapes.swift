import SwiftmodModel

/// Which enums with associated values are unions (docs/design/python-shapes.md#unions): every
/// case carries exactly one unlabelled value, at most one carries none (it is `None`), and no
/// two cases take the same Python type. Decided once every type is known, since a payload's
/// Python types depend on other declarations (a class takes its subclasses' objects, a union
/// its cases' types).
enum UnionShapes {
    /// `types` with each union-shaped enum's kind set to `.union`, and a diagnostic for each enum
    /// that is union-shaped but whose cases overlap, and for each member of a union (a union is
    /// not a Python class, so it has no members).
    static func classify(_ types: [TypeDeclaration], severity: Diagnostic.Severity) -> ([TypeDeclaration], [Diagnostic]) {
        var types = types
        var diagnostics: [Diagnostic] = []
        let byName = Dictionary(types.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let candidates = Set(types.filter(hasUnionShape).map(\.name))
        for index in types.indices where candidates.contains(types[index].name) {
            let declaration = types[index]
            if let (first, second, shared) = overlap(declaration, byName: byName, candidates: candidates) {
                diagnostics.append(
                    Diagnostic(
                        location: declaration.location, severity: .warning,
                        message:
                            "'\(declaration.name)' is exported as a class with a subclass per case, not as a union: its cases '\(first)' and '\(second)' both take \(shared) (give each case a payload of a different Python type to make it a union)"
                    ))
                continue
            }
            types[index].kind = .union
            let members =
                declaration.methods.map(\.function.swiftName) + declaration.properties.map(\.swiftName)
                + declaration.operators.map(\.symbol) + (declaration.subscripts.isEmpty ? [] : ["subscript"])
            for member in members {
                diagnostics.append(
                    Diagnostic(
                        location: declaration.location, severity: severity,
                        message:
                            "'\(declaration.name).\(member)' is not exported: '\(declaration.name)' is a union, which Python sees as its payload (\(spelling(declaration))), so it has no members"
                    ))
            }
        }
        return (types, diagnostics)
    }

    /// Every case has one unlabelled value, except at most one with none.
    static func hasUnionShape(_ declaration: TypeDeclaration) -> Bool {
        guard case .valueEnum = declaration.kind, !declaration.cases.isEmpty else { return false }
        var empty = 0
        for enumCase in declaration.cases {
            switch enumCase.fields.count {
            case 0: empty += 1
            case 1 where enumCase.fields[0].label == nil: continue
            default: return false
            }
        }
        return empty <= 1 && declaration.cases.count - empty >= 1
    }

    /// The first two cases that take a Python type in common, and that type's name.
    static func overlap(_ declaration: TypeDeclaration, byName: [String: TypeDeclaration], candidates: Set<String>) -> (
        String, String, String
    )? {
        var seen: [(name: String, types: Set<String>)] = []
        for enumCase in declaration.cases {
            let taken =
                enumCase.fields.first.map { pythonTypes($0.type, byName: byName, candidates: candidates, visiting: [declaration.name]) }
                ?? ["None"]
            for earlier in seen {
                if let shared = earlier.types.intersection(taken).sorted().first { return (earlier.name, enumCase.swiftName, shared) }
            }
            seen.append((enumCase.swiftName, taken))
        }
        return nil
    }

    /// The Python types whose objects a parameter of `type` takes as they are (the exact pass of
    /// docs/design/python-shapes.md#unions): an object of one of these types, or of a subclass.
    static func pythonTypes(_ type: SwiftType, byName: [String: TypeDeclaration], candidates: Set<String>, visiting: Set<String>) -> Set<
        String
    > {
        switch type {
        case .integer: ["int"]
        case .double, .float: ["float"]
        case .bool: ["bool"]
        case .string, .utf8Span: ["str"]
        case .bytes: ["bytes", "bytearray"]
        case .array: ["list", "tuple"]
        case .tuple: ["tuple"]
        case .dictionary: ["dict"]
        case .set: ["set", "frozenset"]
        case .optional(let wrapped): pythonTypes(wrapped, byName: byName, candidates: candidates, visiting: visiting).union(["None"])
        case .void: ["None"]
        case .rawSpan, .span, .mutableSpan, .collection, .sequence, .borrowedBytes: ["buffer"]
        case .function: ["callable"]
        // docs/design/results.md: an array takes lists, tuples and its own array objects; a lazy
        // result is never a parameter.
        case .contiguousArray(let element): ["list", "tuple", element.arrayClassName ?? "array"]
        case .iterator: ["iterator"]
        case .user(let reference):
            userTypes(reference.name, byName: byName, candidates: candidates, visiting: visiting)
        }
    }

    /// An exported type takes its own objects and, for a class, its subclasses' objects, which
    /// are also objects of every exported ancestor; a union takes what its cases take.
    static func userTypes(_ name: String, byName: [String: TypeDeclaration], candidates: Set<String>, visiting: Set<String>) -> Set<String>
    {
        guard let declaration = byName[name] else { return [name] }
        if candidates.contains(name) {
            guard !visiting.contains(name) else { return [] }
            return declaration.cases.reduce(into: Set<String>()) { result, enumCase in
                result.formUnion(
                    enumCase.fields.first.map {
                        pythonTypes($0.type, byName: byName, candidates: candidates, visiting: visiting.union([name]))
                    } ?? ["None"])
            }
        }
        var result: Set<String> = [name]
        var current = declaration
        while case .class(_, let superclass?) = current.kind, let base = byName[superclass] {
            result.insert(base.name)
            current = base
        }
        return result
    }

    /// `str | bytes | list[str]`, for messages.
    static func spelling(_ declaration: TypeDeclaration) -> String {
        declaration.cases.map { $0.fields.first?.type.pythonSpelling ?? "None" }.joined(separator: " | ")
    }
}
