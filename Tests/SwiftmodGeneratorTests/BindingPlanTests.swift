import SwiftmodGenerator
import SwiftmodModel
import Testing

/// The translate stage: decisions made once, read by every printer.
@Suite struct BindingPlanTranslation {
    let location = SourceLocation(file: "/p/M.swift", line: 1)

    func function(_ name: String, _ parameters: [Parameter], effects: Effects = .none) -> Function {
        Function(swiftName: name, pythonName: PythonNames.snakeCase(name), doc: nil, parameters: parameters, returnType: .void, effects: effects, location: location)
    }

    @Test func onlyLeadingUnlabelledParametersArePositionalOnly() {
        // f(a:, _ b:): `b` follows a labelled parameter, so it is positional-or-keyword.
        let f = function("f", [
            Parameter(label: "a", name: "a", pythonName: "a", type: .integer(.int)),
            Parameter(label: nil, name: "b", pythonName: "b", type: .integer(.int)),
        ])
        let g = function("g", [
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
        let f = function("f", [
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
        let plan = BindingPlan(interface: ModuleInterface(
            swiftModule: "M", pythonModule: "m",
            functions: [function("a", [], effects: .throwsTyped("E2")), function("b", [], effects: .throwsTyped("Other")), function("c", [], effects: .throwsAny)],
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
