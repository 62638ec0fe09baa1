import SwiftmodGenerator
import SwiftmodModel
import Testing

/// The translate stage for docs/design/python-shapes.md: unions, variadics and callbacks.
@Suite struct PythonShapesPlan {
    let location = SourceLocation(file: "/p/M.swift", line: 1)

    func union(_ name: String, _ payloads: [SwiftType?]) -> TypeDeclaration {
        var declaration = TypeDeclaration(name: name, kind: .union, location: location)
        declaration.cases = payloads.enumerated().map { index, payload in
            EnumCase(
                swiftName: "c\(index)", pythonName: "C\(index)",
                fields: payload.map { [EnumCase.Field(label: nil, pythonName: "_0", type: $0)] } ?? [])
        }
        return declaration
    }

    func user(_ name: String) -> SwiftType { .user(UserTypeReference(module: "M", name: name, isHashable: false)) }

    @Test func aUnionIsSpelledForMessagesStubsAndTheModuleAttributeWithNoneLast() {
        let plan = BindingPlan(
            interface: ModuleInterface(
                swiftModule: "M", pythonModule: "m",
                types: [
                    union("Number", [nil, .integer(.int), .double]),
                    union("Document", [.string, .bytes, .array(.string)]),
                ]))
        #expect(plan.types.isEmpty)
        #expect(plan.unions.map(\.expected) == ["int, float or None", "str, bytes or list[str]"])
        #expect(plan.unions.map(\.stubSpelling) == ["int | float | None", "str | bytes | list[str]"])
        #expect(plan.unions.map(\.runtimeSpelling) == ["int | float | None", "str | bytes | list[str]"])
        #expect(plan.unions[1].cases.map(\.codec) == ["SMString", "SMBytes", "SMArray<SMString>"])
    }

    @Test func aRecursiveUnionRefersToItselfByNameInsideContainersAndNestedUnionsFlatten() {
        let plan = BindingPlan(
            interface: ModuleInterface(
                swiftModule: "M", pythonModule: "m",
                types: [
                    union("JSON", [nil, .bool, .double, .array(user("JSON")), .dictionary(.string, user("JSON"))]),
                    union("Wide", [user("JSON"), .optional(.integer(.int))]),
                ]))
        #expect(plan.unions[0].stubSpelling == "bool | float | list[JSON] | dict[str, JSON] | None")
        #expect(plan.unions[0].runtimeSpelling == "bool | float | list['JSON'] | dict[str, 'JSON'] | None")
        #expect(plan.unions[1].runtimeSpelling == "bool | float | list['JSON'] | dict[str, 'JSON'] | int | None")
    }

    @Test func aVariadicIsStarArgsAndEndsThePositionalOnlyParameters() {
        let function = Function(
            swiftName: "tag", pythonName: "tag", doc: nil,
            parameters: [
                Parameter(label: nil, name: "prefix", pythonName: "prefix", type: .string),
                Parameter(label: "names", name: "names", pythonName: "names", type: .string, isVariadic: true),
                Parameter(
                    label: "upper", name: "upper", pythonName: "upper", type: .bool, defaultValue: .literal(python: "False", swift: "false")
                ),
            ],
            returnType: .array(.string), location: location)
        let plan = BindingPlan(interface: ModuleInterface(swiftModule: "M", pythonModule: "m", functions: [function]))
        let callable = plan.functions[0]
        #expect(callable.variadicIndex == 1)
        #expect(callable.arguments[1].type == .array(.string) && callable.arguments[1].codec == "SMArray<SMString>")
        #expect(callable.positionalOnlyCount == 1)
        #expect(callable.textSignature == "tag($module, prefix, /, *names, upper=False)")
        #expect(callable.convention == .fastcall)
    }

    @Test func callbacksDecideWhetherTheCallKeepsOrReleasesTheGIL() {
        let plain = ClosureType(parameters: [.integer(.int)], result: .integer(.int), canThrow: true)
        let sendable = ClosureType(parameters: [.integer(.int)], result: .void, canThrow: false, isEscaping: true, isSendable: true)
        func calling(_ type: SwiftType) -> Callable {
            let function = Function(
                swiftName: "f", pythonName: "f", doc: nil, parameters: [Parameter(label: nil, name: "g", pythonName: "g", type: type)],
                returnType: .void, location: location)
            return BindingPlan(interface: ModuleInterface(swiftModule: "M", pythonModule: "m", functions: [function])).functions[0]
        }
        let keeps = calling(.function(plain))
        #expect(keeps.keepsGIL && !keeps.releasesGIL && keeps.mayRunPythonCode)
        guard case .callback(let callback) = keeps.arguments[0].passing else {
            Issue.record("a closure parameter is a callback")
            return
        }
        #expect(
            callback.parameterCodecs == ["SMSigned<Swift::Int>"] && callback.resultCodec == "SMSigned<Swift::Int>" && !callback.isEscaping)
        let releases = calling(.function(sendable))
        #expect(!releases.keepsGIL && releases.releasesGIL)
        let optional = calling(.optional(.function(plain)))
        if case .callback(let callback) = optional.arguments[0].passing { #expect(callback.isOptional && callback.isEscaping) }
    }
}
