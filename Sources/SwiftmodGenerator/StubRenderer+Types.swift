import SwiftmodModel

/// The `.pyi` side of docs/design/types.md: a class per type with `@property` (and setters), `@overload`ed
/// `__init__`, class methods, constants, comparison and operator methods; `Enum` subclasses;
/// an enum's case classes nested in its class.
extension StubRenderer {
    /// The `typing` and `enum` names the stub uses.
    func typingImports() -> String {
        var typing: Set<String> = []
        var imports = ""
        for type in plan.types {
            if type.initializers.count > 1 || type.operators.contains(where: { $0.overloads.count > 1 })
                || type.methods.contains(where: \.isOverload)
            {
                typing.insert("overload")
            }
            if !type.constants.isEmpty || type.hashing == .unhashable || !type.matchArgs.isEmpty { typing.insert("ClassVar") }
            if type.isCodable || type.methods.contains(where: \.isReduceHatch) { typing.insert("Any") }
            if type.methods.contains(where: { $0.pythonName == "__iter__" && $0.result.iteratedPythonSpelling == "Any" }) {
                typing.insert("Any")
            }
            if type.isObjectType, !type.isSubclassable { typing.insert("final") }
        }
        if !plan.resultTypes.arrays.isEmpty { typing.insert("final") }
        if !plan.unions.isEmpty { typing.insert("TypeAlias") }
        let needsDisjoint = plan.types.contains { $0.isObjectType && $0.isRootType && $0.isSubclassable }
        if !plan.exceptions.filter({ !$0.cases.isEmpty }).isEmpty { typing.insert("Literal") }
        if plan.types.contains(where: { !$0.isObjectType }) { imports += "from enum import Enum\n" }
        if !typing.isEmpty { imports += "from typing import \(typing.sorted().joined(separator: ", "))\n" }
        if plan.types.contains(where: { !$0.reflectedOperators.isEmpty }) { imports += "from types import NotImplementedType\n" }
        // PEP 800: a type whose objects have their own layout cannot share a subclass with
        // another such type (type checkers and stubtest know it as a disjoint base).
        if needsDisjoint { imports += "from typing_extensions import disjoint_base\n" }
        return imports
    }

    /// An enum.Enum's property, method or static method: the module function's arguments
    /// after the member (`self`).
    func enumMemberStub(_ member: Callable, indent: String) -> String {
        let kind = member.enumMember!.kind
        var parts: [String] = []
        for (index, argument) in member.arguments.enumerated() {
            let name =
                kind != .staticMethod && index == 0
                ? "self" : "\(argument.pythonName): \(argument.type.pythonSpelling)" + (argument.pythonDefault.map { " = \($0)" } ?? "")
            parts.append(name)
            if index + 1 == member.positionalOnlyCount, kind != .property { parts.append("/") }
        }
        let decorator =
            switch kind {
            case .property: "\(indent)@property\n"
            case .staticMethod: "\(indent)@staticmethod\n"
            case .method: ""
            }
        let doc = member.doc.map { "\n\(indent)    \(docstring($0, indent: indent + "    "))" } ?? " ..."
        return "\(decorator)\(indent)def \(member.pythonName)(\(parts.joined(separator: ", "))) -> \(member.result.pythonSpelling):\(doc)"
    }

    func literal(_ values: [String]) -> String {
        "Literal[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    }

    func typeStub(_ type: TypePlan, indent: String) -> String {
        let inner = indent + "    "
        var bases: [String] = []
        switch type.storage {
        case .enumeration: bases = ["Enum"]
        case .reference(_, let baseIndex?): bases = [plan.types[baseIndex].pythonName]
        case .enumCase(let baseIndex, _): bases = [plan.types[baseIndex].pythonName]
        default: break
        }
        var out = ""
        if type.isObjectType, type.isRootType, type.isSubclassable { out += "\(indent)@disjoint_base\n" }
        if type.isObjectType, !type.isSubclassable { out += "\(indent)@final\n" }
        out += "\(indent)class \(type.pythonName)\(bases.isEmpty ? "" : "(" + bases.joined(separator: ", ") + ")"):\n"
        var body: [String] = []
        if let doc = type.doc { body.append("\(inner)\(docstring(doc, indent: inner))") }
        if case .enumeration(let rawType) = type.storage {
            for enumCase in type.cases {
                body.append("\(inner)\(enumCase.pythonName) = \(rawType == nil ? "\"\(enumCase.swiftName)\"" : "...")")
            }
            for member in type.enumMembers { body.append(enumMemberStub(member, indent: inner)) }
            for nested in plan.types where nested.outerIndex == type.index {
                body.append(typeStub(nested, indent: inner).dropLast().description)
            }
            return out + body.joined(separator: "\n") + "\n"
        }
        if !type.matchArgs.isEmpty {
            body.append("\(inner)__match_args__: ClassVar[tuple[\(type.matchArgs.map { _ in "str" }.joined(separator: ", "))]]")
        }
        for constant in type.constants {
            body.append("\(inner)\(constant.pythonName): ClassVar[\(constant.type.pythonSpelling)]")
        }
        let overloaded = type.initializers.count > 1
        // The constructor is `tp_new` (there is no `__init__`), so the stub describes `__new__`.
        for initializer in type.initializers {
            let parameters = stubParameters(initializer)
            if overloaded { body.append("\(inner)@overload") }
            body.append("\(inner)def __new__(cls\(parameters.isEmpty ? "" : ", " + parameters)) -> \(type.qualname): ...")
        }
        // A class that Python subclasses: `super().__init__(…)` runs the initializer (docs/design/types.md#subclasses).
        if type.mayBeEmpty {
            for initializer in type.initializers {
                let parameters = stubParameters(initializer)
                if overloaded { body.append("\(inner)@overload") }
                body.append("\(inner)def __init__(self\(parameters.isEmpty ? "" : ", " + parameters)) -> None: ...")
            }
        }
        for property in type.properties {
            body.append("\(inner)@property")
            var getter = "\(inner)def \(property.pythonName)(self) -> \(property.type.pythonSpelling):"
            getter += property.doc.map { "\n\(inner)    \(docstring($0, indent: inner + "    "))" } ?? " ..."
            body.append(getter)
            if property.isSettable {
                body.append("\(inner)@\(property.pythonName).setter")
                body.append("\(inner)def \(property.pythonName)(self, value: \(property.type.pythonSpelling)) -> None: ...")
            }
        }
        for method in type.methods {
            let parameters = stubParameters(method)
            if method.isOverload { body.append("\(inner)@overload") }
            let receiver = method.role == .staticMethod ? "cls" : "self"
            if method.role == .staticMethod { body.append("\(inner)@classmethod") }
            // A hand-written `__iter__` returns a Swift collection that the tp_iter slot turns
            // into an iterator (`iter(result)`): Python sees an Iterator of its elements.
            let result =
                method.isReduceHatch
                ? "tuple[Any, ...]"
                : method.pythonName == "__iter__" && method.role != .staticMethod
                    ? "Iterator[\(method.result.iteratedPythonSpelling)]"
                    : method.result.pythonSpelling
            var line =
                "\(inner)\(method.isAsync ? "async " : "")def \(method.pythonName)(\(receiver)\(parameters.isEmpty ? "" : ", " + parameters)) -> \(result):"
            // Overloads are tried in declaration order: one that an earlier one covers (Iterable[str]
            // before str) is never reached, as mypy says; it stays, as the Swift API has it.
            let unreachable =
                method.isOverload && type.methods.first(where: { $0.pythonName == method.pythonName })?.symbols != method.symbols
            let ignore = unreachable ? "  # type: ignore[overload-cannot-match]" : ""
            line += method.doc.map { "\(ignore)\n\(inner)    \(docstring($0, indent: inner + "    "))" } ?? " ...\(ignore)"
            body.append(line)
        }
        let selfType = type.qualname
        switch type.comparison {
        case .none: break
        case .equatable(let ordered):
            body.append("\(inner)def __eq__(self, other: object, /) -> bool: ...")
            body.append("\(inner)def __ne__(self, other: object, /) -> bool: ...")
            if ordered {
                for name in ["__lt__", "__le__", "__gt__", "__ge__"] {
                    body.append("\(inner)def \(name)(self, other: \(selfType), /) -> bool: ...")
                }
            }
        case .identity:
            body.append("\(inner)def __eq__(self, other: object, /) -> bool: ...")
            body.append("\(inner)def __ne__(self, other: object, /) -> bool: ...")
        }
        switch type.hashing {
        case .hashable, .identity: body.append("\(inner)def __hash__(self) -> int: ...")
        case .unhashable: body.append("\(inner)__hash__: ClassVar[None]  # type: ignore[assignment]")
        case .inherited: break
        }
        for op in type.operators {
            let name = op.kind.pythonName
            let forward = op.overloads.filter { overload in
                if case .user(let reference)? = overload.operands.first { reference.name == type.swiftName } else { false }
            }
            for overload in forward {
                if forward.count > 1 { body.append("\(inner)@overload") }
                let result = op.kind.isInPlace ? "Self" : overload.result.pythonSpelling
                let other = overload.operands.count > 1 ? ", other: \(overload.operands[1].pythonSpelling), /" : ""
                body.append("\(inner)def \(name)(self\(other)) -> \(result == "Self" ? selfType : result): ...")
            }
        }
        for (name, overloads) in type.reflectedOperators {
            let reflected = overloads.filter { overload in
                if case .user(let reference)? = overload.operands.last { reference.name == type.swiftName } else { false }
            }
            if reflected.isEmpty {
                // The slot is shared with the forward operator; no overload takes this type on the right.
                body.append("\(inner)def \(name)(self, other: object, /) -> NotImplementedType: ...")
            }
            for overload in reflected {
                if reflected.count > 1 { body.append("\(inner)@overload") }
                body.append(
                    "\(inner)def \(name)(self, other: \(overload.operands[0].pythonSpelling), /) -> \(overload.result.pythonSpelling): ...")
            }
        }
        if !type.subscripts.isEmpty {
            body.append(
                "\(inner)def __getitem__(self, key: \(type.subscripts.map(\.index.pythonSpelling).joined(separator: " | ")), /) -> \(type.subscripts.map(\.result.pythonSpelling).joined(separator: " | ")): ..."
            )
            if type.subscripts.contains(where: \.isSettable) {
                body.append(
                    "\(inner)def __setitem__(self, key: \(type.subscripts.map(\.index.pythonSpelling).joined(separator: " | ")), value: \(type.subscripts.map(\.result.pythonSpelling).joined(separator: " | ")), /) -> None: ..."
                )
            }
        }
        if let element = type.element {
            // A Collection iterates and answers `in` through its Int subscript (tp_iter, sq_contains).
            if !type.specialSlots.keys.contains("__len__") { body.append("\(inner)def __len__(self) -> int: ...") }
            if !type.specialSlots.keys.contains("__iter__") {
                body.append("\(inner)def __iter__(self) -> Iterator[\(element.pythonSpelling)]: ...")
            }
            if !type.specialSlots.keys.contains("__contains__") {
                body.append("\(inner)def __contains__(self, value: object, /) -> bool: ...")
            }
        }
        body += iterationStubs(type, indent: inner)
        if type.isCodable {
            body.append("\(inner)def __reduce__(self) -> tuple[Any, ...]: ...")
        }
        for enumCase in type.cases {
            if let index = enumCase.typeIndex { body.append(typeStub(plan.types[index], indent: inner).dropLast().description) }
        }
        for nested in plan.types where nested.outerIndex == type.index {
            body.append(typeStub(nested, indent: inner).dropLast().description)
        }
        for union in plan.unions where union.outerIndex == type.index {
            body.append("\(inner)\(union.pythonName): TypeAlias = \(union.stubSpelling)")
        }
        if body.isEmpty { body.append("\(inner)...") }
        out += body.joined(separator: "\n") + "\n"
        return out
    }
}

extension TypePlan {
    /// `__radd__`, ...: the reflected methods CPython derives from each binary number slot.
    var reflectedOperators: [(String, [OperatorPlan.Overload])] {
        operators.filter { !$0.isUnary && !$0.kind.isInPlace }.map { op in
            ("__r" + op.kind.pythonName.dropFirst(2), op.overloads)
        }
    }
}

extension SwiftType {
    /// What iterating over a value of this type gives in Python (`list[int]` → `int`), for the
    /// stub of a hand-written `__iter__`; `Any` when the stub cannot tell.
    var iteratedPythonSpelling: String {
        switch self {
        case .array(let element), .set(let element), .collection(let element), .sequence(let element): element.pythonSpelling
        case .dictionary(let key, _): key.pythonSpelling
        case .string: "str"
        case .bytes: "int"
        case .tuple(let elements) where !elements.isEmpty:
            elements.map(\.pythonSpelling).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.joined(separator: " | ")
        case .tuple:
            "Any"
        case .integer, .double, .float, .bool, .optional, .void, .utf8Span, .rawSpan, .span, .mutableSpan, .borrowedBytes, .user,
            .iterator, .contiguousArray, .function:
            "Any"
        }
    }
}
