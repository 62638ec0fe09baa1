import SwiftmodModel

extension BindingPlan {
    /// The Python types of docs/design/types.md: one per struct, class and enum, plus one per case of an
    /// enum with associated values (right after its enum), superclasses before subclasses.
    static func translateTypes(
        _ declarations: [TypeDeclaration], module: String, exceptionIndex: [String: Int], mangler: inout SymbolMangler
    ) -> [TypePlan] {
        // Indices first: a subclass refers to its superclass's type.
        var indexByName: [String: Int] = [:]
        var next = 0
        for declaration in declarations {
            indexByName[declaration.name] = next
            next += 1
            if case .valueEnum = declaration.kind { next += declaration.cases.count }
        }
        var plans: [TypePlan] = []
        for declaration in declarations {
            plans += translateType(
                declaration, index: indexByName[declaration.name]!, indexByName: indexByName, module: module,
                exceptionIndex: exceptionIndex, mangler: &mangler)
        }
        // A class reference converts to the Python type of its dynamic class: each class lists
        // its exported descendants, deepest first.
        func depth(_ index: Int) -> Int {
            if case .reference(_, let base?) = plans[index].storage { 1 + depth(base) } else { 0 }
        }
        func descends(_ index: Int, from ancestor: Int) -> Bool {
            guard case .reference(_, let base?) = plans[index].storage else { return false }
            return base == ancestor || descends(base, from: ancestor)
        }
        for i in plans.indices where plans[i].isClassType {
            plans[i].subclassIndices = plans.indices.filter { descends($0, from: i) }.sorted { depth($0) > depth($1) }
        }
        return plans
    }

    /// The plan of one declaration (and, for an enum with associated values, its case classes).
    static func translateType(
        _ declaration: TypeDeclaration, index: Int, indexByName: [String: Int], module: String, exceptionIndex: [String: Int],
        mangler: inout SymbolMangler
    ) -> [TypePlan] {
        let name = declaration.name
        let conformances = declaration.conformances
        let storage: TypePlan.Storage =
            switch declaration.kind {
            // Unions are not Python types (BindingPlan.translateUnions); none reaches here.
            case .structure, .valueEnum, .union: .value
            case .class(let isFinal, let superclass): .reference(isFinal: isFinal, baseIndex: superclass.flatMap { indexByName[$0] })
            case .simpleEnum(let rawType): .enumeration(rawType: rawType)
            }
        let owner = Callable.Owner.type(index)
        let isSendable = conformances.contains(.sendable)

        var initializers: [Callable] = []
        for initializer in declaration.initializers {
            let function = Function(
                swiftName: "init", pythonName: name, doc: initializer.doc, parameters: initializer.parameters, returnType: .void,
                effects: initializer.effects, location: initializer.location)
            var callable = translateCallable(
                function, owner: owner, role: .initializer(failable: initializer.isFailable), exceptionIndex: exceptionIndex,
                mangler: &mangler)
            callable.keepsGIL = true
            initializers.append(callable)
        }
        var methods: [Callable] = []
        var specialSlots: [String: Int] = [:]
        for method in declaration.methods {
            let role: Callable.Role = method.isStatic ? .staticMethod : .method(mutating: method.isMutating)
            var callable = translateCallable(method.function, owner: owner, role: role, exceptionIndex: exceptionIndex, mangler: &mangler)
            // docs/design/types.md#threads: methods keep the GIL unless the type is Sendable (and, for a struct's
            // method, it does not mutate the object), so threads sharing an object never race.
            let isValue = if case .value = storage { true } else { false }
            if !method.isStatic, !isSendable || (isValue && method.isMutating) { callable.keepsGIL = true }
            if PythonNames.isSpecialMethodName(callable.pythonName), TypePlan.slotSpecialMethods.contains(callable.pythonName),
                specialSlots[callable.pythonName] == nil
            {
                specialSlots[callable.pythonName] = methods.count
            }
            methods.append(callable)
        }
        for index in methods.indices where methods.filter({ $0.pythonName == methods[index].pythonName }).count > 1 {
            methods[index].isOverload = true
        }
        // docs/design/types.md#overrides: an open method whose arguments all convert to Python objects.
        for (index, method) in declaration.methods.enumerated() where method.isOpen {
            let callable = methods[index]
            methods[index].isOverridable =
                !callable.isOverload && !callable.isAsync && callable.variadicIndex == nil && !callable.hasTypedThrows
                && callable.arguments.allSatisfy { $0.passing == .owned } && PythonNames.isSpecialMethodName(callable.pythonName) == false
        }
        for index in initializers.indices where initializers.count > 1 { initializers[index].isOverload = true }
        let typeSymbols = mangler.symbols(for: name, kind: "t")
        var properties: [PropertyPlan] = []
        var constants: [PropertyPlan] = []
        for property in declaration.properties {
            let plan = PropertyPlan(
                swiftName: property.swiftName, pythonName: property.pythonName, type: property.type, codec: property.type.codec,
                isSettable: property.isSettable, doc: property.doc, symbols: mangler.symbols(for: property.pythonName, kind: "p"))
            if property.isStatic { constants.append(plan) } else { properties.append(plan) }
        }

        let comparison: TypePlan.Comparison
        if conformances.contains(.equatable) {
            comparison = .equatable(ordered: conformances.contains(.comparable))
        } else if declaration.isClass {
            comparison = .identity
        } else {
            comparison = .none
        }
        // docs/design/objects.md#hashing: Python's data model forbids a hash that can change, so a struct (or enum)
        // that Python can change — a settable property, a mutating method, a subscript setter —
        // is unhashable even when it is `Hashable` (a `__hash__` method is the escape hatch).
        let hashing: TypePlan.Hashing
        if conformances.contains(.hashable), !declaration.isChangeableFromPython {
            hashing = .hashable
        } else if case .identity = comparison {
            hashing = .identity
        } else {
            hashing = .unhashable
        }
        let storedFields = declaration.properties.filter { $0.isStored && !$0.isStatic }.map(\.pythonName)
        let repr: TypePlan.Repr =
            if conformances.contains(.customDebugStringConvertible) {
                .debugDescription
            } else if case .structure = declaration.kind {
                .fields(storedFields)
            } else {
                .inherited
            }

        var operators: [OperatorPlan] = []
        for op in declaration.operators {
            let kind = TypePlan.operatorKind(op.symbol, unary: op.operands.count == 1)
            let overload = OperatorPlan.Overload(
                operands: op.operands, codecs: op.operands.map(\.codec), result: op.result,
                resultCodec: op.result == .void ? nil : op.result.codec, canThrow: op.effects != .none)
            if let existing = operators.firstIndex(where: { $0.kind == kind }) {
                operators[existing].overloads.append(overload)
            } else {
                operators.append(
                    OperatorPlan(
                        kind: kind, swiftOperator: op.symbol, overloads: [overload],
                        symbols: mangler.symbols(for: kind.cSlot, kind: "o")))
            }
        }
        let subscripts = declaration.subscripts.map {
            SubscriptPlan(
                index: $0.index, indexCodec: $0.index.codec, label: $0.label, result: $0.result, resultCodec: $0.result.codec,
                isSettable: $0.isSettable)
        }

        let pythonName = String(name.split(separator: ".").last ?? Substring(name))
        var plan = TypePlan(
            index: index, swiftName: name, pythonName: pythonName, qualifiedName: "\(module).\(name)", qualname: name, doc: declaration.doc,
            storage: storage,
            codec: SwiftType.user(UserTypeReference(module: "", name: name, isHashable: false)).codec, symbols: typeSymbols,
            initializers: initializers, properties: properties, methods: methods, constants: constants, cases: [],
            comparison: comparison, hashing: hashing, repr: repr, hasStr: conformances.contains(.customStringConvertible),
            operators: operators, subscripts: subscripts, element: declaration.elementType, specialSlots: specialSlots,
            // A hand-written `__reduce__` (the escape hatch of docs/design/types.md#escape-hatch) wins over the Codable one.
            isCodable: conformances.contains(.encodable) && conformances.contains(.decodable)
                && !methods.contains { $0.pythonName == "__reduce__" },
            matchArgs: [], subclassIndices: [])
        // An enum.Enum has no object of its own to iterate (docs/design/results.md#exported-sequences).
        if plan.isObjectType {
            plan.sequenceElement = declaration.sequenceElement
            plan.iteratorElement = declaration.iteratorElement
        }
        if name.contains(".") { plan.outerIndex = indexByName[String(name[..<name.lastIndex(of: ".")!])] }

        guard case .valueEnum = declaration.kind else {
            plan.cases = declaration.cases.map { CasePlan(swiftName: $0.swiftName, pythonName: $0.pythonName, typeIndex: nil, labels: []) }
            if case .enumeration = storage {
                // An enum.Enum has no slots: its members are functions set on the class.
                plan.enumMembers = translateEnumMembers(declaration, exceptionIndex: exceptionIndex, mangler: &mangler)
                plan.methods = []
                plan.properties = []
                plan.specialSlots = [:]
            }
            return [plan]
        }
        // An enum with associated values: the enum's type cannot be created itself; each case
        // is a subclass whose constructor takes the case's values.
        var caseTypes: [TypePlan] = []
        for (caseIndex, enumCase) in declaration.cases.enumerated() {
            let caseTypeIndex = index + 1 + caseIndex
            let parameters = enumCase.fields.map { field in
                Parameter(label: field.label, name: field.pythonName, pythonName: field.pythonName, type: field.type)
            }
            let function = Function(
                swiftName: enumCase.swiftName, pythonName: enumCase.pythonName, doc: enumCase.doc, parameters: parameters,
                returnType: .void, location: declaration.location)
            var constructor = translateCallable(
                function, owner: .type(caseTypeIndex), role: .caseConstructor(caseIndex: caseIndex), exceptionIndex: exceptionIndex,
                mangler: &mangler)
            // Case fields are keywords by their Python names whatever their Swift labels.
            constructor.positionalOnlyCount = 0
            constructor.keepsGIL = true
            let fields = enumCase.fields.enumerated().map { position, field in
                var property = PropertyPlan(
                    swiftName: field.pythonName, pythonName: field.pythonName, type: field.type, codec: field.type.codec,
                    isSettable: false, doc: nil, symbols: mangler.symbols(for: field.pythonName, kind: "p"))
                property.caseField = .init(caseName: enumCase.swiftName, index: position, count: enumCase.fields.count)
                return property
            }
            var caseType = TypePlan(
                index: caseTypeIndex, swiftName: name, pythonName: enumCase.pythonName,
                qualifiedName: "\(module).\(name).\(enumCase.pythonName)", qualname: "\(name).\(enumCase.pythonName)",
                doc: enumCase.doc, storage: .enumCase(baseIndex: index, caseIndex: caseIndex), codec: plan.codec,
                symbols: mangler.symbols(for: enumCase.pythonName, kind: "t"), initializers: [constructor], properties: fields, methods: [],
                constants: [], cases: [], comparison: .none, hashing: .inherited, repr: .inherited, hasStr: false, operators: [],
                subscripts: [], element: nil, specialSlots: [:], isCodable: false, matchArgs: fields.map(\.pythonName), subclassIndices: [])
            if case .fields = repr { caseType.repr = .fields(fields.map(\.pythonName)) }
            caseTypes.append(caseType)
            plan.cases.append(
                CasePlan(
                    swiftName: enumCase.swiftName, pythonName: enumCase.pythonName, typeIndex: caseTypeIndex,
                    labels: enumCase.fields.map(\.label)))
        }
        if case .inherited = plan.repr, !conformances.contains(.customDebugStringConvertible) {
            for i in caseTypes.indices { caseTypes[i].repr = .fields(caseTypes[i].properties.map(\.pythonName)) }
        }
        return [plan] + caseTypes
    }
}

extension BindingPlan {
    /// An `enum.Enum`'s computed properties and methods (docs/design/types.md#enums): module functions that
    /// take the member first (`turned($module, self, /, clockwise=True)`), set on the class at
    /// module execution; they keep the GIL, as every method of a type that is not Sendable.
    static func translateEnumMembers(_ declaration: TypeDeclaration, exceptionIndex: [String: Int], mangler: inout SymbolMangler)
        -> [Callable]
    {
        let selfType = SwiftType.user(UserTypeReference(module: "", name: declaration.name, isHashable: false))
        let receiver = Parameter(label: nil, name: "self", pythonName: "self", type: selfType)
        var members: [Callable] = []
        func add(_ function: Function, _ kind: EnumMember.Kind) {
            var callable = translateCallable(function, owner: .module, role: .function, exceptionIndex: exceptionIndex, mangler: &mangler)
            callable.enumMember = EnumMember(kind: kind, typeName: declaration.name)
            callable.keepsGIL = true
            members.append(callable)
        }
        for property in declaration.properties where !property.isStatic {
            add(
                Function(
                    swiftName: property.swiftName, pythonName: property.pythonName, doc: property.doc, parameters: [receiver],
                    returnType: property.type, location: property.location), .property)
        }
        for method in declaration.methods where !method.isMutating {
            var function = method.function
            if !method.isStatic { function.parameters.insert(receiver, at: 0) }
            add(function, method.isStatic ? .staticMethod : .method)
        }
        return members
    }
}

extension TypePlan {
    /// Special methods a user may write by name that CPython reads from a type slot, not from
    /// the class dictionary (the escape hatch, docs/design/types.md#escape-hatch, fills the slot from the method).
    static let slotSpecialMethods: Set<String> = [
        "__len__", "__bool__", "__repr__", "__str__", "__hash__", "__iter__", "__contains__", "__getitem__",
    ]

    /// The number-protocol operator of a Swift operator (`+`, `+=`, prefix `-`).
    static func operatorKind(_ symbol: String, unary: Bool) -> OperatorKind {
        if unary { return OperatorKind(operation: symbol == "-" ? .negative : .positive, isInPlace: false) }
        let isInPlace = symbol.hasSuffix("=")
        let operation: OperatorKind.Operation =
            switch isInPlace ? String(symbol.dropLast()) : symbol {
            case "+": .add
            case "-": .subtract
            case "*": .multiply
            case "/": .trueDivide
            default: .remainder  // `%`: the scanner passes only these five
            }
        return OperatorKind(operation: operation, isInPlace: isInPlace)
    }
}
