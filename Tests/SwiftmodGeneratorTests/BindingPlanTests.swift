import SwiftmodGenerator
import SwiftmodModel
import Testing

/// The translate stage: decisions made once, read by every printer.
@Suite struct BindingPlanTranslation {
    let location = SourceLocation(file: "/p/M.swift", line: 1)

    func function(_ name: String, _ parameters: [Parameter], effects: Effects = .none) -> Function {
        Function(
            swiftName: name, pythonName: PythonNames.snakeCase(name), doc: nil, parameters: parameters, returnType: .void, effects: effects,
            location: location)
    }

    @Test func onlyLeadingUnlabelledParametersArePositionalOnly() {
        // f(a:, _ b:): `b` follows a labelled parameter, so it is positional-or-keyword.
        let f = function(
            "f",
            [
                Parameter(label: "a", name: "a", pythonName: "a", type: .integer(.int)),
                Parameter(label: nil, name: "b", pythonName: "b", type: .integer(.int)),
            ])
        let g = function(
            "g",
            [
                Parameter(label: nil, name: "x", pythonName: "x", type: .integer(.int)),
                Parameter(label: "y", name: "y", pythonName: "y", type: .integer(.int)),
            ])
        let plan = BindingPlan(interface: ModuleInterface(swiftModule: "M", pythonModule: "m", functions: [f, g]))
        #expect(plan.functions[0].positionalOnlyCount == 0)
        #expect(plan.functions[0].textSignature == "f($module, a, b)")
        #expect(plan.functions[1].positionalOnlyCount == 1)
        #expect(plan.functions[1].textSignature == "g($module, x, /, y)")
    }

    @Test func onlyTrailingDefaultsShowAndTheRestAreRequired() {
        let f = function(
            "f",
            [
                Parameter(label: "a", name: "a", pythonName: "a", type: .integer(.int), defaultValue: .literal(python: "1", swift: "1")),
                Parameter(label: "b", name: "b", pythonName: "b", type: .integer(.int)),
                Parameter(label: "c", name: "c", pythonName: "c", type: .integer(.int), defaultValue: .expression("Int.max")),
            ])
        let plan = BindingPlan(interface: ModuleInterface(swiftModule: "M", pythonModule: "m", functions: [f]))
        let callable = plan.functions[0]
        #expect(callable.requiredCount == 2)
        #expect(callable.arguments.map(\.defaultValue) == [.required, .required, .swiftDefault])
        #expect(callable.textSignature == "f($module, a, b, c=...)")
    }

    @Test func typedThrowsOfAnExportedTypeRaiseItsClassDirectly() {
        let plan = BindingPlan(
            interface: ModuleInterface(
                swiftModule: "M", pythonModule: "m",
                functions: [
                    function("a", [], effects: .throwsTyped("E2")), function("b", [], effects: .throwsTyped("Other")),
                    function("c", [], effects: .throwsAny),
                ],
                errorTypes: [ErrorType(name: "E1", doc: nil, location: location), ErrorType(name: "E2", doc: nil, location: location)]))
        #expect(plan.functions.map(\.errors) == [.typed(exception: 1), .dynamic, .dynamic])
        #expect(plan.exceptions.map(\.qualifiedName) == ["m.E1", "m.E2"])
    }

    @Test func symbolsNeverCollideWithEachOtherOrTheRuntime() {
        let names = ["state", "token", "enter", "exit", "parse_args", "gil", "exception"]
        let plan = BindingPlan(interface: ModuleInterface(swiftModule: "M", pythonModule: "m", functions: names.map { function($0, []) }))
        let prefixes = plan.functions.map(\.symbols.prefix)
        #expect(Set(prefixes).count == names.count)
        // The runtime's names are `swiftmod_<word>`; generated ones `swiftmod_f<number>_...`.
        for prefix in prefixes { #expect(prefix.wholeMatch(of: /swiftmod_f[0-9]+_[a-z_]+/) != nil) }
        #expect(plan.functions[0].symbols.gil == "swiftmod_f0_state_gil")
    }
}

/// The decisions for types (docs/design/types.md), made once in the plan.
@Suite struct TypePlanTranslation {
    let location = SourceLocation(file: "/p/M.swift", line: 1)

    func plan(_ types: [TypeDeclaration]) -> BindingPlan {
        BindingPlan(interface: ModuleInterface(swiftModule: "M", pythonModule: "m", types: types))
    }

    func method(_ name: String, mutating: Bool = false, isStatic: Bool = false) -> Method {
        Method(
            function: Function(
                swiftName: name, pythonName: PythonNames.snakeCase(name), doc: nil, parameters: [], returnType: .void, location: location),
            isStatic: isStatic, isMutating: mutating)
    }

    @Test func comparisonHashingAndReprFollowTheConformances() {
        let stored = Property(swiftName: "x", pythonName: "x", type: .double, isSettable: true, isStored: true, location: location)
        let computed = Property(
            swiftName: "norm", pythonName: "norm", type: .double, isSettable: false, isStored: false, location: location)
        let types = plan([
            TypeDeclaration(name: "Hashed", kind: .structure, location: location, conformances: [.equatable, .hashable, .comparable]),
            TypeDeclaration(name: "Plain", kind: .structure, location: location, properties: [stored, computed]),
            TypeDeclaration(name: "Node", kind: .class(isFinal: true, superclass: nil), location: location),
            TypeDeclaration(
                name: "Equal", kind: .class(isFinal: true, superclass: nil), location: location,
                conformances: [.equatable, .customDebugStringConvertible]),
        ]).types
        #expect(types.map(\.comparison) == [.equatable(ordered: true), .none, .identity, .equatable(ordered: false)])
        // A struct that is not Hashable is unhashable; a class compares and hashes by identity
        // unless it is Equatable (then it is unhashable unless Hashable).
        #expect(types.map(\.hashing) == [.hashable, .unhashable, .identity, .unhashable])
        #expect(types.map(\.repr) == [.fields([]), .fields(["x"]), .inherited, .debugDescription])
    }

    @Test func aHashableStructThatPythonCanChangeIsUnhashable() {
        let settable = Property(swiftName: "x", pythonName: "x", type: .double, isSettable: true, isStored: true, location: location)
        let constant = Property(swiftName: "x", pythonName: "x", type: .double, isSettable: false, isStored: true, location: location)
        let hashable: Set<Conformance> = [.equatable, .hashable]
        let setter = Subscript(index: .integer(.int), label: nil, result: .double, isSettable: true, location: location)
        let types = plan([
            TypeDeclaration(
                name: "Frozen", kind: .structure, location: location, conformances: hashable, properties: [constant],
                methods: [method("read"), method("make", mutating: true, isStatic: true)]),
            TypeDeclaration(name: "Settable", kind: .structure, location: location, conformances: hashable, properties: [settable]),
            TypeDeclaration(
                name: "Mutating", kind: .structure, location: location, conformances: hashable, methods: [method("bump", mutating: true)]),
            TypeDeclaration(name: "Assignable", kind: .structure, location: location, conformances: hashable, subscripts: [setter]),
            TypeDeclaration(
                name: "Node", kind: .class(isFinal: true, superclass: nil), location: location, conformances: hashable,
                properties: [settable]),
        ]).types
        // docs/design/objects.md#hashing: a hash must not change while the object is a key; classes keep theirs.
        #expect(types.map(\.hashing) == [.hashable, .unhashable, .unhashable, .unhashable, .hashable])
        #expect(types.map(\.checksBorrows) == [true, true, true, true, false])
    }

    @Test func methodsKeepTheGILUnlessTheTypeIsSendableAndTheMethodDoesNotMutate() {
        let types = plan([
            TypeDeclaration(
                name: "Shared", kind: .structure, location: location, conformances: [.sendable],
                methods: [method("read"), method("write", mutating: true), method("make", isStatic: true)]),
            TypeDeclaration(name: "Local", kind: .class(isFinal: true, superclass: nil), location: location, methods: [method("read")]),
        ]).types
        #expect(types[0].methods.map(\.keepsGIL) == [false, true, false])
        #expect(types[1].methods.map(\.keepsGIL) == [true])
        #expect(types[0].methods.map(\.role) == [.method(mutating: false), .method(mutating: true), .staticMethod])
    }

    @Test func valueEnumCasesAreSubclassesWithTheirOwnSlots() {
        let plan = plan([
            TypeDeclaration(name: "Before", kind: .structure, location: location),
            TypeDeclaration(
                name: "Shape", kind: .valueEnum, location: location,
                cases: [
                    EnumCase(
                        swiftName: "circle", pythonName: "Circle", fields: [.init(label: "radius", pythonName: "radius", type: .double)]),
                    EnumCase(swiftName: "empty", pythonName: "Empty"),
                ]),
            TypeDeclaration(name: "After", kind: .class(isFinal: false, superclass: nil), location: location),
            TypeDeclaration(name: "Sub", kind: .class(isFinal: true, superclass: "After"), location: location),
        ])
        #expect(plan.types.map(\.qualname) == ["Before", "Shape", "Shape.Circle", "Shape.Empty", "After", "Sub"])
        #expect(plan.types.map(\.index) == Array(0..<6))
        #expect(plan.types[2].storage == .enumCase(baseIndex: 1, caseIndex: 0))
        #expect(plan.types[2].matchArgs == ["radius"])
        #expect(plan.types[1].cases.map(\.typeIndex) == [2, 3])
        #expect(plan.types[5].storage == .reference(isFinal: true, baseIndex: 4))
        #expect(plan.types[4].subclassIndices == [5])
        // Every C symbol is distinct, whatever the Swift names.
        let prefixes = plan.types.map(\.symbols.prefix) + plan.types.flatMap { $0.initializers.map(\.symbols.prefix) }
        #expect(Set(prefixes).count == prefixes.count)
    }

    @Test func operatorsShareASlotPerSymbolAndNameTheirMethods() {
        let point = SwiftType.user(UserTypeReference(module: "M", name: "P", isHashable: false))
        let types = plan([
            TypeDeclaration(
                name: "P", kind: .structure, location: location,
                operators: [
                    Operator(symbol: "*", operands: [point, .double], result: point, isInPlace: false, location: location),
                    Operator(symbol: "*", operands: [point, point], result: .double, isInPlace: false, location: location),
                    Operator(symbol: "-", operands: [point], result: point, isInPlace: false, location: location),
                    Operator(symbol: "+=", operands: [point, point], result: .void, isInPlace: true, location: location),
                ])
        ]).types
        #expect(types[0].operators.map(\.kind.cSlot) == ["nb_multiply", "nb_negative", "nb_inplace_add"])
        #expect(types[0].operators[0].overloads.count == 2)
    }

    @Test func openMethodsOfOpenClassesAreOverridableAndFunctionsTakingThemKeepTheGIL() {
        // docs/design/types.md#overrides: open func score(_:) is trampolined, a public one is not; a
        // function taking the class keeps the GIL (its overrides need no GIL round trip).
        let value = Parameter(label: nil, name: "value", pythonName: "value", type: .integer(.int))
        let score = Function(
            swiftName: "score", pythonName: "score", doc: nil, parameters: [value], returnType: .double, effects: .none, location: location)
        let plain = Function(
            swiftName: "plain", pythonName: "plain", doc: nil, parameters: [], returnType: .void, effects: .none, location: location)
        let strategy = SwiftType.user(UserTypeReference(module: "M", name: "Strategy", isHashable: false))
        let run = Function(
            swiftName: "run", pythonName: "run", doc: nil, parameters: [Parameter(label: nil, name: "s", pythonName: "s", type: strategy)],
            returnType: .void, effects: .none, location: location)
        let other = Function(
            swiftName: "other", pythonName: "other", doc: nil, parameters: [value], returnType: .void, effects: .none, location: location)
        let plan = BindingPlan(
            interface: ModuleInterface(
                swiftModule: "M", pythonModule: "m", functions: [run, other],
                types: [
                    TypeDeclaration(
                        name: "Strategy", kind: .class(isFinal: false, superclass: nil), location: location,
                        initializers: [Initializer(parameters: [], location: location)],
                        methods: [Method(function: score, isOpen: true), Method(function: plain)])
                ]))
        #expect(plan.types[0].methods.map(\.isOverridable) == [true, false])
        #expect(plan.functions.map(\.keepsGIL) == [true, false])
    }

}
