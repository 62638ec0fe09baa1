import Foundation
import SwiftmodModel

/// Reads one public struct, class or enum and its public members from the symbol graph
/// (docs/design/types.md). Members that cannot be exported become diagnostics; members that implement a
/// protocol Python sees through a special method (`description`, `hash(into:)`, `==`, ...) are
/// taken in through the type's conformances instead.
struct TypeScanContext {
    let graph: SymbolGraph
    let swiftModule: String
    let severity: Diagnostic.Severity
    private let symbolsByUSR: [String: SymbolGraph.Symbol]
    private let membersByType: [String: [SymbolGraph.Symbol]]
    private let conformancesByType: [String: Set<Conformance>]
    private let superclassByType: [String: String]
    /// Every initializer the user's module declares, by type, whatever its access level (an
    /// internal designated init stops a subclass from inheriting its superclass's).
    private let initializersByType: [String: [SymbolGraph.Symbol]]

    init(graph: SymbolGraph, swiftModule: String, severity: Diagnostic.Severity) {
        self.graph = graph
        self.swiftModule = swiftModule
        self.severity = severity
        symbolsByUSR = Dictionary(graph.symbols.map { ($0.identifier.precise, $0) }, uniquingKeysWith: { first, _ in first })
        let modulePrefix = "s:\(swiftModule.utf8.count)\(swiftModule)"
        var members: [String: [SymbolGraph.Symbol]] = [:]
        var conformances: [String: Set<Conformance>] = [:]
        var superclasses: [String: String] = [:]
        var initializers: [String: [SymbolGraph.Symbol]] = [:]
        let byUSR = Dictionary(Conformance.allCases.map { ($0.usr, $0) }, uniquingKeysWith: { first, _ in first })
        for relationship in graph.relationships {
            switch relationship.kind {
            case "memberOf":
                // The user's own members only: not those the standard library's protocol
                // extensions add (`hashValue`, `map`, ...) nor synthesized ones.
                guard relationship.source.hasPrefix(modulePrefix), !relationship.source.contains("::SYNTHESIZED::"),
                    let symbol = symbolsByUSR[relationship.source]
                else { continue }
                if symbol.kind.identifier == "swift.init" { initializers[relationship.target, default: []].append(symbol) }
                guard symbol.accessLevel == "public" || symbol.accessLevel == "open" else { continue }
                members[relationship.target, default: []].append(symbol)
            case "conformsTo":
                if let conformance = byUSR[relationship.target] { conformances[relationship.source, default: []].insert(conformance) }
            case "inheritsFrom":
                superclasses[relationship.source] = relationship.target
            default:
                continue
            }
        }
        membersByType = members.mapValues { symbols in
            symbols.sorted {
                ($0.sourceLocation?.file ?? "", $0.sourceLocation?.line ?? 0) < (
                    $1.sourceLocation?.file ?? "", $1.sourceLocation?.line ?? 0
                )
            }
        }
        conformancesByType = conformances
        superclassByType = superclasses
        initializersByType = initializers.mapValues { symbols in
            symbols.sorted {
                ($0.sourceLocation?.file ?? "", $0.sourceLocation?.line ?? 0) < (
                    $1.sourceLocation?.file ?? "", $1.sourceLocation?.line ?? 0
                )
            }
        }
    }

    /// A class's initializers, its own and those it inherits, as Swift's rules say
    /// (The Swift Programming Language, "Automatic Initializer Inheritance"): a subclass that
    /// declares no designated initializer (at any access level) inherits all its superclass's
    /// designated initializers; one that has (inherited or overridden) every designated
    /// initializer of its superclass also inherits its convenience initializers. Only a
    /// superclass of this module can be seen; otherwise nothing is taken as inherited.
    func initializerChain(of usr: String) -> (designated: [SymbolGraph.Symbol], convenience: [SymbolGraph.Symbol]) {
        func isConvenience(_ symbol: SymbolGraph.Symbol) -> Bool {
            (symbol.declarationFragments ?? []).contains { $0.kind == "keyword" && $0.spelling == "convenience" }
        }
        func selector(_ symbol: SymbolGraph.Symbol) -> String { symbol.pathComponents.last ?? "" }
        let own = initializersByType[usr] ?? []
        var designated = own.filter { !isConvenience($0) }
        var convenience = own.filter(isConvenience)
        guard let superclass = superclassByType[usr], symbolsByUSR[superclass] != nil else { return (designated, convenience) }
        let inherited = initializerChain(of: superclass)
        let ownSelectors = Set(own.map(selector))
        if designated.isEmpty {
            designated = inherited.designated
            convenience += inherited.convenience.filter { !ownSelectors.contains(selector($0)) }
        } else if Set(inherited.designated.map(selector)).isSubset(of: ownSelectors) {
            convenience += inherited.convenience.filter { !ownSelectors.contains(selector($0)) }
        }
        return (designated, convenience)
    }

    /// The public initializers a class inherits (in its superclass's order), for `makeType`.
    func inheritedPublicInitializers(of usr: String) -> [SymbolGraph.Symbol] {
        let own = Set((initializersByType[usr] ?? []).map(\.identifier.precise))
        let chain = initializerChain(of: usr)
        return (chain.designated + chain.convenience).filter {
            !own.contains($0.identifier.precise) && ($0.accessLevel == "public" || $0.accessLevel == "open")
        }
    }

    func conformances(of usr: String) -> Set<Conformance> { conformancesByType[usr] ?? [] }

    /// The source files read so far, for `sourceLine(of:)`.
    private let sources = SourceCache()

    /// The text of a symbol's declaration line, when its file can be read.
    func sourceLine(of symbol: SymbolGraph.Symbol) -> String? {
        guard let location = symbol.sourceLocation else { return nil }
        return sources.line(location.line, of: location.file)
    }

    func members(of usr: String) -> [SymbolGraph.Symbol] { membersByType[usr] ?? [] }

    /// Protocol requirements that Python sees through special methods, not as members.
    private static let protocolMembers: Set<String> = [
        "description", "debugDescription", "hashValue", "hash(into:)", "encode(to:)", "init(from:)", "init(rawValue:)",
        "rawValue", "makeIterator()", "startIndex", "endIndex", "index(after:)", "index(before:)", "index(_:offsetBy:)",
        "distance(from:to:)", "allCases", "==(_:_:)", "!=(_:_:)", "<(_:_:)", "<=(_:_:)", ">(_:_:)", ">=(_:_:)", "~=(_:_:)",
    ]

    /// Whether an `init(from:)` is Decodable's: its parameter is a `Decoder` (`any Decoder`, or
    /// a generic `some Decoder`).
    static func takesDecoder(_ member: SymbolGraph.Symbol) -> Bool {
        (member.declarationFragments ?? []).contains {
            $0.kind == "typeIdentifier" && ($0.preciseIdentifier == "s:s7DecoderP" || $0.spelling == "Decoder")
        }
    }

    /// The operators that docs/design/types.md#protocols maps to special methods, by arity.
    static let binaryOperators: Set<String> = ["+", "-", "*", "/", "%", "+=", "-=", "*=", "/=", "%="]
    static let prefixOperators: Set<String> = ["-", "+"]

    /// The type and the diagnostics of the members it leaves out.
    func makeType(_ symbol: SymbolGraph.Symbol, userTypes: [String: UserTypeReference], scanner: SymbolGraphScanner) -> (
        TypeDeclaration, [Diagnostic]
    ) {
        let usr = symbol.identifier.precise
        let name = symbol.pathComponents.joined(separator: ".")
        let location = symbol.sourceLocation.map { SourceLocation(file: $0.file, line: $0.line) } ?? SourceLocation(file: "?", line: 0)
        var diagnostics: [Diagnostic] = []
        var conformances = conformances(of: usr)
        var memberSymbols = members(of: usr)
        // A subclass that inherits initializers is created through them (`class Dog: Animal`).
        if symbol.kind.identifier == "swift.class" { memberSymbols += inheritedPublicInitializers(of: usr) }
        // docs/design/types.md#overrides: the glue's Swift subclass inherits the class's initializers only when
        // every designated one is public (else it inherits no convenience initializer either):
        // otherwise its open methods are not overridable from Python.
        let designatedAreAllPublic = !(initializersByType[usr] ?? []).contains { member in
            member.accessLevel != "public" && member.accessLevel != "open"
                && !(member.declarationFragments ?? []).contains { $0.kind == "keyword" && $0.spelling == "convenience" }
        }
        var kind: TypeDeclaration.Kind
        switch symbol.kind.identifier {
        case "swift.struct":
            kind = .structure
        case "swift.class":
            let isFinal = (symbol.declarationFragments ?? []).contains { $0.kind == "keyword" && $0.spelling == "final" }
            let superclass = superclassByType[usr].flatMap { userTypes[$0]?.name }
            kind = .class(isFinal: isFinal, superclass: superclass)
            // A subclass inherits its superclass's conformances (Equatable on the base class).
            var ancestor = superclassByType[usr]
            while let current = ancestor {
                conformances.formUnion(self.conformances(of: current))
                ancestor = superclassByType[current]
            }
        default:
            let hasValues = memberSymbols.contains {
                $0.kind.identifier == "swift.enum.case" && ($0.pathComponents.last ?? "").contains("(")
            }
            if hasValues {
                kind = .valueEnum
            } else {
                var rawType: SwiftType?
                if let rawInit = memberSymbols.first(where: { $0.pathComponents.last == "init(rawValue:)" }) {
                    var parser = DeclarationParser(fragments: rawInit.declarationFragments ?? [])
                    rawType = (try? parser.parseInitializer())?.parameters.first?.type
                }
                kind = .simpleEnum(rawType: rawType)
            }
        }
        var declaration = TypeDeclaration(name: name, kind: kind, doc: symbol.docText, location: location, conformances: conformances)
        var pythonNames: [String: String] = [:]

        func skip(_ member: SymbolGraph.Symbol, _ reason: String) {
            let memberName = member.pathComponents.last ?? "?"
            diagnostics.append(
                Diagnostic(
                    location: member.sourceLocation.map { SourceLocation(file: $0.file, line: $0.line) }, severity: severity,
                    message: "'\(name).\(memberName)' is not exported: \(reason)"))
        }
        func claim(_ pythonName: String, _ member: SymbolGraph.Symbol) -> Bool {
            let memberName = member.pathComponents.last ?? "?"
            // An enum.Enum member's own `name` and `value` cannot be replaced.
            if declaration.isSimpleEnum, ["name", "value"].contains(pythonName) {
                skip(member, "an enum.Enum member's '\(pythonName)' is Python's own (the case's name, its raw value)")
                return false
            }
            if let previous = pythonNames[pythonName] {
                skip(member, "its Python name '\(pythonName)' is taken by '\(previous)' (Swift overloads cannot share one Python name)")
                return false
            }
            pythonNames[pythonName] = memberName
            return true
        }

        for member in memberSymbols {
            let memberName = member.pathComponents.last ?? "?"
            let memberLocation = member.sourceLocation.map { SourceLocation(file: $0.file, line: $0.line) } ?? location
            if memberName == "makeIterator()" {
                // Not a Python method, but it says what a Sequence's elements are (docs/design/results.md#exported-sequences).
                var parser = DeclarationParser(fragments: member.declarationFragments ?? [], userTypes: userTypes)
                declaration.makeIteratorResult = (try? parser.parseFunction())?.returnType
            }
            if Self.protocolMembers.contains(memberName) {
                // `init(from:)` is Decodable's only when it takes a Decoder: `init(from value: Int)` is the user's.
                guard memberName == "init(from:)", !Self.takesDecoder(member) else { continue }
            }
            if memberName.hasPrefix("_"), !PythonNames.isSpecialMethodName(String(memberName.prefix { $0 != "(" })) { continue }
            var parser = DeclarationParser(fragments: member.declarationFragments ?? [], userTypes: userTypes)
            do throws(DeclarationParser.Unsupported) {
                switch member.kind.identifier {
                case "swift.init":
                    if declaration.isSimpleEnum { continue }
                    if case .valueEnum = kind {
                        skip(member, "initializers of enums with associated values are not exported (each case is a constructor)")
                        continue
                    }
                    if member.swiftGenerics != nil { throw DeclarationParser.Unsupported(reason: "generic initializers are not supported") }
                    let parsed = try parser.parseInitializer()
                    let function = try scanner.makeFunction(parsed, doc: member.docText, location: memberLocation)
                    declaration.initializers.append(
                        Initializer(
                            parameters: function.parameters, isFailable: parsed.isFailable, effects: function.effects, doc: member.docText,
                            location: memberLocation))
                case "swift.property", "swift.type.property":
                    let parsed = try parser.parseProperty()
                    if parsed.type.containsBorrowed {
                        throw DeclarationParser.Unsupported(
                            reason: "its type \(parsed.type.swiftSpelling) is a borrowed type, which can only be a parameter")
                    }
                    if parsed.type.containsIterator || parsed.type == .sequence(parsed.type.borrowedCollectionElement ?? .void) {
                        throw DeclarationParser.Unsupported(
                            reason:
                                "its type \(parsed.type.swiftSpelling) is lazy: a lazy sequence is exported only as a function's or method's result (make it a method)"
                        )
                    }
                    if parsed.type.containsFunction {
                        throw DeclarationParser.Unsupported(
                            reason:
                                "its type \(parsed.type.swiftSpelling) is a closure, which can only be a parameter (docs/design/python-shapes.md#callables)"
                        )
                    }
                    let isStatic = member.kind.identifier == "swift.type.property"
                    if isStatic, declaration.isSimpleEnum {
                        skip(
                            member,
                            "static properties of enums without associated values are not exported (a static func can return the value)")
                        continue
                    }
                    if isStatic, !parsed.isLet {
                        skip(
                            member,
                            "static variables are not exported (a Python class attribute would be a stale copy); a static func can return the value"
                        )
                        continue
                    }
                    let pythonName = isStatic ? PythonNames.upperSnakeCase(parsed.name) : PythonNames.snakeCase(parsed.name)
                    // `private(set) var x: T` reads as `var x: T { get }`, like a computed
                    // property: its source line says which (for the default repr's fields).
                    let restrictedSetter = parsed.listsAccessors && sourceLine(of: member).map { $0.contains("(set)") } == true
                    guard claim(pythonName, member) else { continue }
                    declaration.properties.append(
                        Property(
                            swiftName: parsed.name, pythonName: pythonName, type: parsed.type,
                            isSettable: !isStatic && parsed.hasSetter && !declaration.isSimpleEnum,
                            isStored: !isStatic && (!parsed.listsAccessors || restrictedSetter), isStatic: isStatic, doc: member.docText,
                            location: memberLocation))
                case "swift.method", "swift.type.method":
                    let function = try scanner.makeFunction(member, location: memberLocation, userTypes: userTypes)
                    var modifiers: Set<String> = []
                    var modifierParser = DeclarationParser(fragments: member.declarationFragments ?? [], userTypes: userTypes)
                    if let parsed = try? modifierParser.parseFunction() { modifiers = parsed.modifiers }
                    if modifiers.contains("mutating"), function.parameters.contains(where: \.isVariadic) {
                        // The glue calls a variadic method through its function value (docs/design/python-shapes.md#variadics), and Swift has none for a mutating method.
                        skip(member, "a mutating method cannot have a variadic parameter (take an array, [T], instead)")
                        continue
                    }
                    if declaration.isSimpleEnum, modifiers.contains("mutating") {
                        skip(
                            member,
                            "mutating methods of enums without associated values are not exported (a Python enum member cannot change)")
                        continue
                    }
                    if declaration.isSimpleEnum, PythonNames.isSpecialMethodName(function.pythonName) {
                        skip(member, "special methods of enums without associated values are not exported (the enum is a Python enum.Enum)")
                        continue
                    }
                    let isStatic = member.kind.identifier == "swift.type.method"
                    // docs/design/async.md#scope: the task runs on its own copy of the value (or its
                    // own reference) without the GIL, while Python threads may use the object.
                    if function.isAsync, declaration.isSimpleEnum {
                        skip(member, "async methods of enums without associated values are not exported yet")
                        continue
                    }
                    if function.isAsync, !isStatic {
                        if modifiers.contains("mutating") {
                            skip(
                                member,
                                "a mutating async method is not exported (its task cannot change the Python object after the call returned); return the new value instead"
                            )
                            continue
                        }
                        if !declaration.conformances.contains(.sendable) {
                            skip(
                                member,
                                "async methods are exported only for Sendable types (the task uses the object on another thread without the GIL); declare '\(name): Sendable'"
                            )
                            continue
                        }
                    }
                    // docs/design/async.md#async-iterators: the driver iterates the sequence on
                    // another thread without the GIL, and the sequence may use the object.
                    if function.returnType.isAsyncIterator, !isStatic, !declaration.conformances.contains(.sendable) {
                        skip(
                            member,
                            "a method returning an async sequence is exported only for Sendable types (a Swift task iterates it on another thread without the GIL, and it may use the object); declare '\(name): Sendable', or make it a static method"
                        )
                        continue
                    }
                    if declaration.methods.contains(where: {
                        $0.function.pythonName == function.pythonName && ($0.function.isAsync || function.isAsync)
                    }) {
                        skip(member, "async methods cannot be overloads (another method is also called '\(function.pythonName)' in Python)")
                        continue
                    }
                    // Methods of one name are overloads (tried in declaration order, as
                    // initializers are) when they are all instance or all static methods.
                    if let sibling = declaration.methods.first(where: { $0.function.pythonName == function.pythonName }) {
                        guard sibling.isStatic == isStatic else {
                            skip(
                                member,
                                "its Python name '\(function.pythonName)' is taken by \(sibling.isStatic ? "a static" : "an instance") method of the same name (overloads must all be instance or all static methods)"
                            )
                            continue
                        }
                    } else {
                        guard claim(function.pythonName, member) else { continue }
                    }
                    let isOpen =
                        member.accessLevel == "open" && symbol.accessLevel == "open" && designatedAreAllPublic && !isStatic
                        && !modifiers.contains("final")
                    declaration.methods.append(
                        Method(function: function, isStatic: isStatic, isMutating: modifiers.contains("mutating"), isOpen: isOpen))
                case "swift.func.op":
                    parser.allowsInoutUserTypes = true
                    let parsed = try parser.parseFunction()
                    if parsed.parameters.contains(where: { $0.type.containsFunction }) {
                        throw DeclarationParser.Unsupported(reason: "operators cannot take closures")
                    }
                    let isPrefix = !parsed.modifiers.contains("postfix")
                    let arity = parsed.parameters.count
                    guard
                        (arity == 2 && Self.binaryOperators.contains(parsed.name))
                            || (arity == 1 && isPrefix && Self.prefixOperators.contains(parsed.name))
                    else {
                        skip(member, "operator \(parsed.name) has no Python special method")
                        continue
                    }
                    let isInPlace = parsed.name.hasSuffix("=")
                    if isInPlace, parsed.parameters.first?.isInout != true || parsed.parameters.first?.type != .user(userTypes[usr]!) {
                        skip(member, "an assignment operator's left operand must be inout \(name)")
                        continue
                    }
                    if parsed.parameters.contains(where: { $0.type.containsBorrowed || $0.type.containsIterator })
                        || parsed.returnType.containsIterator
                    {
                        throw DeclarationParser.Unsupported(reason: "borrowed operands are not supported")
                    }
                    declaration.operators.append(
                        Operator(
                            symbol: parsed.name, operands: parsed.parameters.map(\.type), result: parsed.returnType, isInPlace: isInPlace,
                            effects: parsed.effects, location: memberLocation))
                case "swift.subscript":
                    let parsed = try parser.parseSubscript()
                    if parsed.result.containsFunction || parsed.parameters.contains(where: { $0.type.containsFunction }) {
                        throw DeclarationParser.Unsupported(reason: "subscripts with closures are not supported")
                    }
                    guard parsed.parameters.count == 1, !parsed.parameters[0].type.containsBorrowed, !parsed.result.containsBorrowed,
                        !parsed.result.containsIterator
                    else {
                        skip(member, "only subscripts with one index are exported (as __getitem__)")
                        continue
                    }
                    declaration.subscripts.append(
                        Subscript(
                            index: parsed.parameters[0].type, label: parsed.parameters[0].label, result: parsed.result,
                            isSettable: parsed.hasSetter, location: memberLocation))
                case "swift.enum.case":
                    let parsed = try parser.parseCase()
                    if parsed.fields.contains(where: { $0.type.containsFunction }) {
                        throw DeclarationParser.Unsupported(reason: "enum cases with closure values are not supported")
                    }
                    let pythonName =
                        declaration.isSimpleEnum ? PythonNames.upperSnakeCase(parsed.name) : PythonNames.caseClassName(parsed.name)
                    let fields = parsed.fields.enumerated().map { index, field in
                        EnumCase.Field(
                            label: field.label, pythonName: field.label.map(PythonNames.snakeCase) ?? "_\(index)", type: field.type)
                    }
                    declaration.cases.append(EnumCase(swiftName: parsed.name, pythonName: pythonName, fields: fields, doc: member.docText))
                default:
                    continue
                }
            } catch {
                skip(member, error.reason)
            }
        }
        // Sequences: the element type comes from the `Int` subscript of a Collection.
        if conformances.contains(.collection) || conformances.contains(.randomAccessCollection) {
            if let element = declaration.subscripts.first(where: { $0.index == .integer(.int) && $0.label == nil })?.result {
                declaration.elementType = element
            } else {
                diagnostics.append(
                    Diagnostic(
                        location: location, severity: severity,
                        message: "'\(name)' is a Collection, but its iteration is not exported: it needs a public subscript(Int) -> Element"
                    ))
            }
        }
        // Iterators and other sequences (docs/design/results.md#exported-sequences): the element type
        // comes from `next()` and `makeIterator()`; a `makeIterator()` returning an exported
        // iterator type is resolved once every type is known (`resolveSequenceElements`).
        let instanceMethods = declaration.methods.filter { !$0.isStatic && $0.function.parameters.isEmpty }
        if conformances.contains(.iteratorProtocol), let next = instanceMethods.first(where: { $0.function.swiftName == "next" }),
            case .optional(let element) = next.function.returnType
        {
            declaration.iteratorElement = element
        }
        if conformances.contains(.sequence), declaration.elementType == nil, declaration.iteratorElement == nil,
            case .iterator(let element, _)? = declaration.makeIteratorResult
        {
            declaration.sequenceElement = element
        }
        return (declaration, diagnostics)
    }

    /// Gives each `Sequence` whose `makeIterator()` returns an exported `IteratorProtocol` type
    /// that type's elements, and warns about the sequences whose elements stay unknown.
    func resolveSequenceElements(_ types: inout [TypeDeclaration]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let byName = Dictionary(types.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for index in types.indices {
            let type = types[index]
            guard type.conformances.contains(.sequence), !type.conformances.contains(.collection),
                !type.conformances.contains(.randomAccessCollection),
                type.elementType == nil, type.sequenceElement == nil, type.iteratorElement == nil
            else { continue }
            if case .user(let reference)? = type.makeIteratorResult, let element = byName[reference.name]?.iteratorElement {
                types[index].sequenceElement = element
                continue
            }
            diagnostics.append(
                Diagnostic(
                    location: type.location, severity: severity,
                    message:
                        "'\(type.name)' is a Sequence, but its iteration is not exported: Python needs its element type, from a public makeIterator() returning some IteratorProtocol<T>, AnyIterator<T>, IndexingIterator<[T]> or an exported IteratorProtocol type with a public next() -> T?"
                ))
        }
        return diagnostics
    }

    /// `types` with every exported superclass before its subclasses (Python creates a base
    /// class first), otherwise in source order.
    static func superclassesFirst(_ types: [TypeDeclaration]) -> [TypeDeclaration] {
        var ordered: [TypeDeclaration] = []
        var placed: Set<String> = []
        let byName = Dictionary(types.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        func place(_ type: TypeDeclaration) {
            guard !placed.contains(type.name) else { return }
            if case .class(_, let superclass?) = type.kind, let base = byName[superclass] { place(base) }
            placed.insert(type.name)
            ordered.append(type)
        }
        types.forEach(place)
        return ordered
    }
}

/// Source files by path, split into lines, read once.
final class SourceCache {
    private var files: [String: [Substring]] = [:]

    func line(_ number: Int, of path: String) -> String? {
        if files[path] == nil {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            files[path] = text.split(separator: "\n", omittingEmptySubsequences: false)
        }
        guard let lines = files[path], number >= 1, number <= lines.count else { return nil }
        return String(lines[number - 1])
    }
}
