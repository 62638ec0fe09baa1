import Foundation
import SwiftmodModel
import Testing

@testable import SwiftmodScanner

/// `Fixtures/PythonShapes.symbols.json` (from `PythonShapes.swift.txt`): unions, variadics and
/// closures as the scanner reads them (docs/design/python-shapes.md).
func scanPythonShapes() throws -> SymbolGraphScanner.Result {
    let url = Bundle.module.url(forResource: "Fixtures/PythonShapes.symbols", withExtension: "json")!
    return try SymbolGraphScanner().scan(json: try Data(contentsOf: url), swiftModule: "PythonShapes", pythonModule: "python_shapes")
}

@Suite struct PythonShapesScanning {
    @Test func unionShapedEnumsWithDisjointPythonTypesAreUnions() throws {
        let kinds = Dictionary(uniqueKeysWithValues: try scanPythonShapes().interface.types.map { ($0.name, $0.kind) })
        #expect(kinds["Document"] == .union)
        #expect(kinds["Number"] == .union)
        #expect(kinds["JSON"] == .union)
        #expect(kinds["Shaped"] == .union)
        // Overlapping cases, labelled values: classes with a subclass per case.
        #expect(kinds["Measure"] == .valueEnum)
        #expect(kinds["Labelled"] == .valueEnum)
        #expect(kinds["Pet"] == .valueEnum)
    }

    @Test func overlapsAndUnionMembersAreWarnedAboutOnce() throws {
        let messages = try scanPythonShapes().diagnostics.map(\.message)
        #expect(
            messages.contains(
                "'Measure' is exported as a class with a subclass per case, not as a union: its cases 'meters' and 'feet' both take int (give each case a payload of a different Python type to make it a union)"
            ))
        #expect(
            messages.contains {
                $0.hasPrefix(
                    "'Pet' is exported as a class with a subclass per case, not as a union: its cases 'any' and 'dog' both take Animal")
            })
        #expect(
            messages.contains(
                "'Shaped.isName' is not exported: 'Shaped' is a union, which Python sees as its payload (str | int), so it has no members"))
        #expect(!messages.contains { $0.hasPrefix("'Labelled'") })
    }

    @Test func variadicsAreMarkedAndTheirLimitsWarned() throws {
        let result = try scanPythonShapes()
        let functions = Dictionary(uniqueKeysWithValues: result.interface.functions.map { ($0.pythonName, $0) })
        let mean = try #require(functions["mean"])
        #expect(mean.parameters.map(\.isVariadic) == [true, false])
        #expect(mean.parameters[0].type == .double)
        #expect(functions["tag"]?.parameters.map(\.isVariadic) == [false, true, false])
        #expect(functions["two_stars"] == nil)
        #expect(functions["star_default"] == nil)
        let messages = result.diagnostics.map(\.message)
        #expect(
            messages.contains(
                "'twoStars(_:b:)' is not exported: it has more than one variadic parameter (Python has one *args); take arrays ([T]) instead"
            ))
        #expect(
            messages.contains(
                "'starDefault(_:scale:)' is not exported: parameter 'scale': in a function with a variadic parameter, defaults must be literals (a number, string, bool, nil or [])"
            ))
    }

    @Test func closuresAreParameterTypesWithTheirEffectsAndAttributes() throws {
        let result = try scanPythonShapes()
        let functions = Dictionary(uniqueKeysWithValues: result.interface.functions.map { ($0.pythonName, $0) })
        #expect(
            functions["apply"]?.parameters[1].type
                == .function(ClosureType(parameters: [.integer(.int)], result: .integer(.int), canThrow: true)))
        #expect(functions["apply"]?.effects == .throwsAny)  // rethrows
        #expect(
            functions["progress"]?.parameters[0].type
                == .function(
                    ClosureType(parameters: [.integer(.int), .string], result: .void, canThrow: false, isEscaping: true, isSendable: true)))
        #expect(
            functions["optional_callback"]?.parameters[0].type
                == .optional(.function(ClosureType(parameters: [.string], result: .void, canThrow: false))))
        let messages = result.diagnostics.map(\.message)
        #expect(
            messages.contains(
                "'valueWithoutThrows(_:)' is not exported: parameter 'f': a closure that returns a value must be 'throws' ((Int) throws -> Int), so that a Python exception or a result of the wrong type has somewhere to go"
            ))
        #expect(
            messages.contains {
                $0.hasPrefix("'typedThrows(_:)' is not exported: parameter 'f': closures with typed throws are not supported")
            })
        #expect(
            messages.contains(
                "'nestedClosure(_:)' is not exported: parameter 'fs': closures are supported as a parameter's own type or an optional one, not inside [(Int) -> Void]"
            ))
        // A closure result is a Python callable (docs/design/python-shapes.md#closure-results).
        #expect(
            functions["returns_closure"]?.returnType
                == .function(ClosureType(parameters: [.integer(.int)], result: .integer(.int), canThrow: false)))
    }
}
