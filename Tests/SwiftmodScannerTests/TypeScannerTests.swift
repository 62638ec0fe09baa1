import Foundation
import SwiftmodModel
import Testing

@testable import SwiftmodScanner

/// `Fixtures/Geometry.symbols.json`: the compiler's symbol graph (internal level, synthesized
/// members skipped, as the build emits it) of `Tests/EndToEnd/test_goldens_compile.py`'s TYPES
/// source plus a `Box` with members that cannot be exported and a generic `Holder`.
func scanGeometry() throws -> SymbolGraphScanner.Result {
    let url = Bundle.module.url(forResource: "Fixtures/Geometry.symbols", withExtension: "json")!
    return try SymbolGraphScanner().scan(json: try Data(contentsOf: url), swiftModule: "Geometry", pythonModule: "geometry")
}

@Suite struct TypeScanning {
    @Test func findsEachKindOfTypeWithSuperclassesFirst() throws {
        let types = try scanGeometry().interface.types
        #expect(types.map(\.name) == ["Point", "Shape", "Circle", "Color", "Direction", "Figure", "Box", "Box.Inner"])
        let kinds = Dictionary(uniqueKeysWithValues: types.map { ($0.name, $0.kind) })
        #expect(kinds["Point"] == .structure)
        #expect(kinds["Shape"] == .class(isFinal: false, superclass: nil))
        #expect(kinds["Circle"] == .class(isFinal: true, superclass: "Shape"))
        #expect(kinds["Color"] == .simpleEnum(rawType: .string))
        #expect(kinds["Direction"] == .simpleEnum(rawType: nil))
        #expect(kinds["Figure"] == .valueEnum)
    }

    @Test func readsMembersInSourceOrderAndLeavesProtocolRequirementsToConformances() throws {
        let point = try #require(try scanGeometry().interface.types.first { $0.name == "Point" })
        #expect(point.doc == "A point in the plane.")
        #expect(
            point.conformances.isSuperset(of: [
                .equatable, .hashable, .comparable, .encodable, .decodable, .customStringConvertible, .sendable,
            ]))
        #expect(point.initializers.map { $0.parameters.map(\.pythonName) } == [["x", "y"], ["polar"]])
        #expect(point.initializers.map(\.isFailable) == [false, true])
        // `description`, `<` and `init(from:)` are protocol requirements, not members.
        #expect(point.properties.map(\.pythonName) == ["x", "y", "ORIGIN", "length"])
        #expect(point.properties.map(\.isSettable) == [true, true, false, false])
        #expect(point.properties.map(\.isStored) == [true, true, false, false])
        #expect(point.properties.map(\.isStatic) == [false, false, true, false])
        #expect(point.methods.map(\.function.pythonName) == ["distance", "translate"])
        #expect(point.methods.map(\.isMutating) == [false, true])
        // docs/design/objects.md#hashing: Hashable, but Python can change it (`x` is settable): not a key in Python.
        #expect(
            point.methods[0].function.parameters[0].type
                == .user(UserTypeReference(module: "Geometry", name: "Point", isHashable: false, isChangeable: true)))
        #expect(point.isChangeableFromPython)
        #expect(point.operators.map(\.symbol) == ["+", "-"])
        #expect(point.operators.map(\.operands.count) == [2, 1])
    }

    @Test func readsCasesOfBothKindsOfEnums() throws {
        let types = try scanGeometry().interface.types
        let color = try #require(types.first { $0.name == "Color" })
        #expect(color.cases.map(\.pythonName) == ["DARK_RED", "BLUE"])
        let figure = try #require(types.first { $0.name == "Figure" })
        #expect(figure.cases.map(\.pythonName) == ["Circle", "Dot"])
        #expect(figure.cases.map { $0.fields.map(\.pythonName) } == [["radius"], ["_0"]])
        #expect(figure.methods.map(\.function.pythonName) == ["area"])
        let errors = try scanGeometry().interface.errorTypes
        #expect(errors.map(\.name) == ["GeometryError"])
        #expect(errors[0].cases == ["negative", "degenerate"])
    }

    @Test func specialMethodNamesAreKeptAndUnsupportedMembersWarned() throws {
        let result = try scanGeometry()
        let box = try #require(result.interface.types.first { $0.name == "Box" })
        #expect(box.methods.map(\.function.pythonName) == ["__len__"])
        #expect(box.properties.map(\.pythonName) == ["hits"])
        #expect(box.initializers.isEmpty)  // the memberwise init is internal
        let messages = result.diagnostics.map(\.message)
        #expect(
            messages.contains(
                "'Box.shared' is not exported: static variables are not exported (a Python class attribute would be a stale copy); a static func can return the value"
            ))
        #expect(
            messages.contains(
                "'Box.map(_:)' is not exported: parameter 'transform': a closure that returns a value must be 'throws' ((Int) throws -> Int), so that a Python exception or a result of the wrong type has somewhere to go"
            ))
        #expect(messages.contains("'Holder' is not exported: generic types are not supported (a non-generic wrapper type can be)"))
    }

    @Test func exportedTypesAreUsableInFunctionSignatures() throws {
        let functions = try scanGeometry().interface.functions
        let paint = try #require(functions.first { $0.swiftName == "paint" })
        #expect(paint.parameters.map(\.type.swiftSpelling) == ["[Shape]", "Color?"])
        #expect(paint.returnType.swiftSpelling == "[String: Color]")
        #expect(paint.parameters[1].pythonName == "with_")
        let grow = try #require(functions.first { $0.swiftName == "grow" })
        #expect(grow.effects == .throwsTyped("GeometryError"))
    }
}
