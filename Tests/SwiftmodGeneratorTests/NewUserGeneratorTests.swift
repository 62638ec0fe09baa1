import SwiftmodGenerator
import SwiftmodModel
import Testing

/// The generated text for what a new user's small library tripped over (issue 24).
@Suite struct NewUserGeneration {
    let location = SourceLocation(file: "/p/M.swift", line: 1)

    func package(_ types: [TypeDeclaration], errors: [ErrorType] = []) throws -> (shim: String, glue: String, stub: String) {
        let package = try GluePackage(
            interface: ModuleInterface(swiftModule: "M", pythonModule: "m", errorTypes: errors, types: types),
            context: .init(projectRoot: "/p", pythonInclude: "/i"))
        return (
            package.packageFiles.first { $0.path.hasSuffix("module.c") }!.contents,
            package.packageFiles.first { $0.path.hasSuffix("Glue.swift") }!.contents,
            package.pythonFiles.first { $0.path == "__init__.pyi" }!.contents
        )
    }

    func function(_ name: String, _ parameters: [Parameter] = [], returns: SwiftType = .void) -> Function {
        Function(
            swiftName: name, pythonName: PythonNames.snakeCase(name), doc: nil, parameters: parameters, returnType: returns,
            location: location)
    }

    func user(_ name: String) -> SwiftType { .user(UserTypeReference(module: "M", name: name, isHashable: false)) }

    @Test func aCodableTypesReduceHatchIsItsOnlyReduce() throws {
        let reduce = Method(function: function("__reduce__", returns: .tuple([.tuple([.integer(.int)]), .string])))
        let (shim, _, stub) = try package([
            TypeDeclaration(
                name: "Ticket", kind: .structure, location: location, conformances: [.encodable, .decodable], methods: [reduce])
        ])
        #expect(shim.components(separatedBy: "{\"__reduce__\"").count == 2, "one __reduce__ entry in the method table")
        #expect(!shim.contains("_swiftmod_decode"))
        #expect(stub.components(separatedBy: "def __reduce__").count == 2)
    }

    @Test func aCollectionIteratesAndAnswersInAndAHandWrittenIterReturnsAnIterator() throws {
        let subscriptInt = Subscript(index: .integer(.int), label: nil, result: .double, isSettable: false, location: location)
        let iter = Method(function: function("__iter__", returns: .array(.string)))
        let (shim, _, stub) = try package([
            TypeDeclaration(
                name: "Mesh", kind: .structure, location: location, conformances: [.collection], subscripts: [subscriptInt],
                elementType: .double),
            TypeDeclaration(name: "Bag", kind: .class(isFinal: true, superclass: nil), location: location, methods: [iter]),
        ])
        #expect(stub.contains("from collections.abc import Iterator\n"))
        #expect(stub.contains("    def __iter__(self) -> Iterator[float]: ...\n"))
        #expect(stub.contains("    def __contains__(self, value: object, /) -> bool: ...\n"))
        #expect(stub.contains("    def __iter__(self) -> Iterator[str]: ...\n"))
        #expect(!stub.contains("-> list[str]"))
        #expect(shim.contains("{Py_tp_iter, (void *)swiftmod_sequence_iter}"))
        #expect(shim.contains("{Py_sq_contains, (void *)swiftmod_sequence_contains}"))
    }

    @Test func aNestedTypeBesideATopLevelTypeOfTheJoinedNameGetsItsOwnCodec() throws {
        let (_, glue, _) = try package([
            TypeDeclaration(name: "A", kind: .structure, location: location),
            TypeDeclaration(name: "A_B", kind: .structure, location: location),
            TypeDeclaration(name: "A.B", kind: .structure, location: location),
        ])
        #expect(glue.contains("enum SMUser_A_DB: PyObjectStorage"))
        #expect(glue.contains("enum SMUser_A__B: PyObjectStorage"))
        #expect(glue.components(separatedBy: "enum SMUser_A_DB:").count == 2)
    }

    @Test func anEnumErrorHasCaseNoneWhenRaisedFromPython() throws {
        let (shim, _, stub) = try package([], errors: [ErrorType(name: "MeshError", doc: nil, location: location, cases: ["empty"])])
        #expect(shim.contains("swiftmod_set_attribute(state->slots[0], \"case\", Py_NewRef(Py_None))"))
        #expect(stub.contains("    case: Literal[\"empty\"] | None"))
    }

    @Test func anEnumsComputedPropertiesAndMethodsAreMembersOfItsClass() throws {
        let direction = user("Direction")
        let turned = Method(
            function: function(
                "turned",
                [
                    Parameter(
                        label: "clockwise", name: "clockwise", pythonName: "clockwise", type: .bool,
                        defaultValue: .literal(python: "True", swift: "true"))
                ], returns: direction))
        let parse = Method(
            function: function(
                "parse", [Parameter(label: nil, name: "text", pythonName: "text", type: .string)], returns: .optional(direction)),
            isStatic: true)
        let vertical = Property(
            swiftName: "isVertical", pythonName: "is_vertical", type: .bool, isSettable: false, isStored: false, location: location)
        let (shim, glue, stub) = try package([
            TypeDeclaration(
                name: "Direction", kind: .simpleEnum(rawType: nil), location: location, properties: [vertical], methods: [turned, parse],
                cases: [EnumCase(swiftName: "north", pythonName: "NORTH"), EnumCase(swiftName: "south", pythonName: "SOUTH")])
        ])
        #expect(stub.contains("    @property\n    def is_vertical(self) -> bool: ...\n"))
        #expect(stub.contains("    def turned(self, /, clockwise: bool = True) -> Direction: ...\n"))
        #expect(stub.contains("    @staticmethod\n    def parse(text: str, /) -> Direction | None: ...\n"))
        #expect(shim.contains("\"turned($module, self, /, clockwise=True)\\n--\\n\\n\""))
        #expect(shim.contains("_Direction_enum_members, \"pms\", \"Direction\") < 0) return -1;"))
        #expect(glue.contains("let result = a0.isVertical\n"))
        #expect(glue.contains("a0.turned(clockwise: a1)"))
        #expect(glue.contains("M::Direction.parse(a0)"))
    }
}
