import SwiftmodModel
import Testing

@testable import SwiftmodGenerator

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

    @Test func aUnionThatCanHoldItselfPassesTheRecursionGuardAtEachLevel() {
        let plan = BindingPlan(
            interface: ModuleInterface(
                swiftModule: "M", pythonModule: "m",
                types: [
                    union("JSON", [nil, .double, .array(user("JSON"))]),
                    union("Tree", [.integer(.int), .array(user("Forest"))]),
                    union("Forest", [.dictionary(.string, user("Tree")), .string]),
                    union("Wide", [user("JSON"), .string]),
                    union("Flat", [.string, .array(.string)]),
                ]))
        // Unions naming each other are recursive too; one that only holds a recursive one is not.
        #expect(plan.unions.map(\.isRecursive) == [true, true, true, false, false])
        #expect(plan.unions[0].cases.map(\.holdsUnion) == [false, false, true])
        let glue = SwiftGlueRenderer(plan: plan).render()
        func codec(_ name: String) -> Substring {
            let start = glue.range(of: "enum SMUser_\(name): PyCodec")!.lowerBound
            return glue[start...].prefix { _ in true }.split(separator: "\n}\n", maxSplits: 1)[0]
        }
        // load and dump enter one level; the fast path never descends into a case holding a
        // union (so a deep failure is not retried at every level above it).
        #expect(codec("JSON").components(separatedBy: "swiftmod_enter_nesting() == 0").count == 3)
        #expect(codec("JSON").components(separatedBy: "swiftmod_leave_nesting()").count == 3)
        #expect(!codec("JSON").contains("SMArray<SMUser_JSON>.loadDirect"))
        #expect(codec("JSON").contains("SMDouble.loadDirect"))
        #expect(!codec("Wide").contains("swiftmod_enter_nesting") && codec("Wide").contains("SMUser_JSON.loadDirect"))
    }

    @Test func aVariadicWithTypedThrowsIsCalledThroughAPlainThrowsConversion() {
        // Swift 6.3's SILGen crashes converting a variadic function to a typed-throws type.
        let function = Function(
            swiftName: "count", pythonName: "count", doc: nil,
            parameters: [Parameter(label: nil, name: "numbers", pythonName: "numbers", type: .integer(.int), isVariadic: true)],
            returnType: .integer(.int), effects: .throwsTyped("Overflow"), location: location)
        let plan = BindingPlan(
            interface: ModuleInterface(
                swiftModule: "M", pythonModule: "m", functions: [function],
                errorTypes: [ErrorType(name: "Overflow", doc: nil, location: location)]))
        let glue = SwiftGlueRenderer(plan: plan).render()
        #expect(glue.contains("M::count(_:) as (Swift::Int...) throws -> Swift::Int, to: (([Swift::Int]) throws -> Swift::Int).self)"))
        #expect(!glue.contains("throws(M::Overflow)"))
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
