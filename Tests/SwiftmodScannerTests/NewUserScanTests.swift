import Foundation
import SwiftmodModel
import Testing

@testable import SwiftmodScanner

/// `Fixtures/NewUser.symbols.json` (source: `Fixtures/NewUser.swift.txt`): what a new user's
/// small library tripped over (issue 24).
func scanNewUser() throws -> SymbolGraphScanner.Result {
    let url = Bundle.module.url(forResource: "Fixtures/NewUser.symbols", withExtension: "json")!
    return try SymbolGraphScanner().scan(json: try Data(contentsOf: url), swiftModule: "NewUser", pythonModule: "new_user")
}

@Suite struct NewUserScanning {
    func type(_ name: String) throws -> TypeDeclaration {
        try #require(try scanNewUser().interface.types.first { $0.name == name })
    }

    @Test func keywordNamesGetPEP8sTrailingUnderscoreWithoutBackticks() throws {
        let keywords = try type("Keywords")
        // `func `class`()` is `class_`, and its Swift name keeps the backticks the glue needs.
        let method = try #require(keywords.methods.first { $0.function.swiftName.contains("class") })
        #expect(method.function.pythonName == "class_")
        #expect(method.function.swiftName == "`class`")
        let shifted = try #require(keywords.methods.first { $0.function.swiftName == "shifted" })
        #expect(shifted.function.parameters.map(\.pythonName) == ["from_", "lambda_", "pass_", "in_"])
        #expect(shifted.function.parameters.map(\.label) == ["from", "lambda", "pass", "in"])
        #expect(keywords.properties.map(\.pythonName).contains("default"))
        #expect(!keywords.properties.map(\.pythonName).contains { $0.contains("`") })
    }

    @Test func initFromIsDecodablesOnlyWhenItTakesADecoder() throws {
        let keywords = try type("Keywords")
        #expect(keywords.initializers.map { $0.parameters.map(\.pythonName) } == [["from_"]])
        #expect(keywords.initializers.first?.parameters.first?.type == .integer(.int))
        #expect(try type("Decoded").initializers.isEmpty)
        let diagnostics = try scanNewUser().diagnostics.map(\.message)
        #expect(!diagnostics.contains { $0.contains("Decoded.init(from:)") }, "\(diagnostics)")
    }

    @Test func subclassesInheritInitializersExactlyWhenSwiftSaysTheyDo() throws {
        func inits(_ name: String) throws -> [[String]] { try type(name).initializers.map { $0.parameters.map(\.pythonName) } }
        #expect(try inits("Animal") == [["name"], []])
        // No designated init of its own: all of Animal's, designated and convenience.
        #expect(try inits("Dog") == [["name"], []])
        #expect(try inits("Dogish") == [["name"], []])
        #expect(try inits("Puppy2") == [["name"], []])
        // A designated init of its own, at any access level: none inherited.
        #expect(try inits("Cat") == [["lives"]])
        #expect(try inits("Puppy") == [])
        #expect(try inits("Hidden") == [])
        // Every designated init overridden: the convenience init() comes too.
        #expect(try inits("Bird") == [["name"], []])
    }

    @Test func aPlainEnumKeepsItsPropertiesAndMethods() throws {
        let direction = try type("Direction")
        #expect(direction.properties.map(\.pythonName) == ["is_vertical"])
        #expect(direction.properties.map(\.isSettable) == [false])
        #expect(direction.methods.map(\.function.pythonName) == ["turned", "parse"])
        #expect(direction.methods.map(\.isStatic) == [false, true])
        let diagnostics = try scanNewUser().diagnostics.map(\.message)
        #expect(!diagnostics.contains { $0.contains("Direction.") }, "\(diagnostics)")
    }

    @Test func aNestedTypeAndATopLevelTypeOfTheJoinedNameAreBothExported() throws {
        let names = try scanNewUser().interface.types.map(\.name)
        #expect(names.contains("Outer.Inner") && names.contains("Outer_Inner"))
    }
}
