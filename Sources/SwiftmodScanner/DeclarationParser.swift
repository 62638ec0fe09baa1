import SwiftmodModel

/// Parses a function's declaration fragments (`func f(_ a: [Int?], b: Int = 1) throws -> T`)
/// into parameters, effects and a return type.
///
/// Type names come as atomic tokens carrying their USR; punctuation, default values and
/// effects come as text, which is split into characters.
struct DeclarationParser {
    /// Why a declaration cannot be exported.
    struct Unsupported: Error, Equatable {
        var reason: String
    }

    /// A parsed parameter, before Python names are attached.
    struct ParsedParameter: Equatable {
        var label: String?
        var name: String
        var type: SwiftType
        var defaultText: String?
        var isInout = false
        /// `T...`: `type` is the element type.
        var isVariadic = false
    }

    /// A parsed function, method or initializer.
    struct ParsedFunction: Equatable {
        var name: String
        var parameters: [ParsedParameter]
        var effects: Effects
        var returnType: SwiftType
        /// The declaration modifiers before `func` (`static`, `class`, `mutating`, ...).
        var modifiers: Set<String> = []
        /// `init?`.
        var isFailable = false
        /// `async` (docs/design/async.md): Python gets an awaitable.
        var isAsync = false
    }

    /// A parsed property (`var x: Double { get }`, `static let origin: Point`).
    struct ParsedProperty: Equatable {
        var name: String
        var type: SwiftType
        var isLet: Bool
        /// Whether the declaration lists accessors (`{ get }`): then it is computed or has a
        /// restricted setter, and `hasSetter` says whether Python may assign it.
        var listsAccessors: Bool
        var hasSetter: Bool
        var modifiers: Set<String>
    }

    /// A parsed enum case.
    struct ParsedCase: Equatable {
        var name: String
        var fields: [(label: String?, type: SwiftType)]

        static func == (a: ParsedCase, b: ParsedCase) -> Bool {
            a.name == b.name && a.fields.map(\.label) == b.fields.map(\.label) && a.fields.map(\.type) == b.fields.map(\.type)
        }
    }

    private enum Token: Equatable {
        case type(spelling: String, usr: String?)
        case keyword(String)
        case externalParam(String)
        case internalParam(String)
        case identifier(String)
        case char(Character)
    }

    private var tokens: [Token] = []
    private var position = 0
    /// The user's exported types by USR (docs/design/types.md): they cross the boundary as Python objects.
    private var userTypes: [String: UserTypeReference] = [:]
    /// Whether `inout` parameters of user types are allowed (operators such as `+=`).
    var allowsInoutUserTypes = false

    init(fragments: [Fragment], userTypes: [String: UserTypeReference] = [:]) {
        self.userTypes = userTypes
        for fragment in fragments {
            switch fragment.kind {
            case "typeIdentifier": tokens.append(.type(spelling: fragment.spelling, usr: fragment.preciseIdentifier))
            case "keyword", "attribute": tokens.append(.keyword(fragment.spelling))
            case "externalParam": tokens.append(.externalParam(fragment.spelling))
            case "internalParam": tokens.append(.internalParam(fragment.spelling))
            case "identifier": tokens.append(.identifier(fragment.spelling))
            default: tokens += fragment.spelling.map { .char($0) }
            }
        }
    }

    // MARK: - Functions

    /// The modifiers and attributes before the introducer keyword (`static`, `mutating`, ...).
    private mutating func parseModifiers(until introducers: Set<String>) -> Set<String> {
        var modifiers: Set<String> = []
        while true {
            skipSpaces()
            guard let token = peek() else { return modifiers }
            switch token {
            case .keyword(let word) where introducers.contains(word): return modifiers
            case .keyword(let word):
                modifiers.insert(word)
                position += 1
            case .char("("):
                // `nonisolated(unsafe)`, `private(set)`: skip the parenthesized part.
                while let c = peekChar(), c != ")" {
                    _ = c
                    position += 1
                }
                position += 1
            case .char:
                position += 1
            default:
                return modifiers
            }
        }
    }

    mutating func parseFunction() throws(Unsupported) -> ParsedFunction {
        let modifiers = parseModifiers(until: ["func"])
        guard case .keyword("func") = next() else { throw Unsupported(reason: "not a function") }
        guard case .identifier(let name) = next() else { throw Unsupported(reason: "no name") }
        var function = try parseSignature(name: name)
        function.modifiers = modifiers
        return function
    }

    /// `init(…)`, `init?(…)`, with effects.
    mutating func parseInitializer() throws(Unsupported) -> ParsedFunction {
        let modifiers = parseModifiers(until: ["init"])
        guard case .keyword("init") = next() else { throw Unsupported(reason: "not an initializer") }
        var isFailable = false
        if peekChar() == "?" {
            isFailable = true
            position += 1
        } else if peekChar() == "!" {
            throw Unsupported(reason: "init! is not supported (use init?)")
        }
        var function = try parseSignature(name: "init")
        function.modifiers = modifiers
        function.isFailable = isFailable
        return function
    }

    /// `var name: T`, `let name: T`, `var name: T { get }`, `static let name: T`.
    mutating func parseProperty() throws(Unsupported) -> ParsedProperty {
        let modifiers = parseModifiers(until: ["var", "let"])
        guard case .keyword(let introducer) = next(), introducer == "var" || introducer == "let" else {
            throw Unsupported(reason: "not a property")
        }
        guard case .identifier(let name) = next() else { throw Unsupported(reason: "no name") }
        try expect(":")
        let type: SwiftType
        do { type = try parseType() } catch { throw Unsupported(reason: "property '\(name)': \(error.reason)") }
        skipSpaces()
        var accessors: [String] = []
        var listsAccessors = false
        if peekChar() == "{" {
            listsAccessors = true
            position += 1
            while position < tokens.count {
                if case .keyword(let word) = tokens[position] { accessors.append(word) }
                if peekWord() == "get" || peekWord() == "set" {
                    let word = peekWord()
                    accessors.append(word)
                    position += word.count
                    continue
                }
                position += 1
            }
        }
        return ParsedProperty(
            name: name, type: type, isLet: introducer == "let", listsAccessors: listsAccessors,
            hasSetter: introducer == "var" && (!listsAccessors || accessors.contains("set")), modifiers: modifiers)
    }

    /// `subscript(i: Int) -> T { get set }`: the parameters, the result and whether it has a setter.
    mutating func parseSubscript() throws(Unsupported) -> (parameters: [ParsedParameter], result: SwiftType, hasSetter: Bool) {
        _ = parseModifiers(until: ["subscript"])
        guard case .keyword("subscript") = next() else { throw Unsupported(reason: "not a subscript") }
        skipSpaces()
        if peekChar() == "<" { throw Unsupported(reason: "generic subscripts are not supported") }
        let parameters = try parseParameterList()
        skipSpaces()
        guard peekChar() == "-" else { throw Unsupported(reason: "a subscript without a result type") }
        position += 2
        let result = try parseType()
        var hasSetter = false
        while position < tokens.count {
            if tokens[position] == .keyword("set") { hasSetter = true }
            position += 1
        }
        return (parameters, result, hasSetter)
    }

    /// `case name`, `case name(Double, label: T)`.
    mutating func parseCase() throws(Unsupported) -> ParsedCase {
        guard case .keyword("case") = next() else { throw Unsupported(reason: "not an enum case") }
        guard case .identifier(let name) = next() else { throw Unsupported(reason: "no name") }
        skipSpaces()
        guard peekChar() == "(" else { return ParsedCase(name: name, fields: []) }
        position += 1
        var fields: [(label: String?, type: SwiftType)] = []
        while true {
            skipSpaces()
            var label: String?
            if case .externalParam(let external) = peek() {
                label = external == "_" ? nil : external
                position += 1
                skipSpaces()
                if case .internalParam = peek() { position += 1 }
                try expect(":")
            }
            do { fields.append((label, try parseType())) } catch { throw Unsupported(reason: "case '\(name)': \(error.reason)") }
            skipSpaces()
            if peekChar() == "," {
                position += 1
                continue
            }
            if peekChar() == "=" { throw Unsupported(reason: "case '\(name)': default values of associated values are not supported") }
            try expect(")")
            break
        }
        return ParsedCase(name: name, fields: fields)
    }

    /// A parenthesized parameter list.
    private mutating func parseParameterList() throws(Unsupported) -> [ParsedParameter] {
        try expect("(")
        var parameters: [ParsedParameter] = []
        skipSpaces()
        if peekChar() == ")" {
            position += 1
            return parameters
        }
        while true {
            parameters.append(try parseParameter())
            skipSpaces()
            if peekChar() == "," {
                position += 1
                continue
            }
            try expect(")")
            return parameters
        }
    }

    /// The parameter list, effects and result after a function's name.
    private mutating func parseSignature(name: String) throws(Unsupported) -> ParsedFunction {
        skipSpaces()
        if peekChar() == "<" { throw Unsupported(reason: "generic functions are not supported") }
        try expect("(")
        var parameters: [ParsedParameter] = []
        skipSpaces()
        if peekChar() == ")" {
            position += 1
        } else {
            while true {
                parameters.append(try parseParameter())
                skipSpaces()
                if peekChar() == "," {
                    position += 1
                    continue
                }
                try expect(")")
                break
            }
        }
        var effects = Effects.none
        var returnType = SwiftType.void
        var isAsync = false
        while true {
            skipSpaces()
            guard position < tokens.count else { break }
            switch tokens[position] {
            case .keyword("async"):
                // docs/design/async.md: an awaitable in Python.
                position += 1
                isAsync = true
            case .keyword("rethrows"):
                // It throws what its closure throws: a Python exception (docs/design/python-shapes.md#callables).
                position += 1
                effects = .throwsAny
            case .keyword("throws"):
                position += 1
                effects = .throwsAny
                if peekChar() == "(" {
                    position += 1
                    skipSpaces()
                    if case .type(let spelling, _) = peek() {
                        position += 1
                        effects = spelling == "any Error" || spelling == "Error" ? .throwsAny : .throwsTyped(spelling)
                    } else if peekWord() == "any" {
                        position += 3
                        skipSpaces()
                        position += 1  // Error
                    } else if peekWord() == "Never" {
                        effects = .none
                    }
                    while position < tokens.count, peekChar() != ")" { position += 1 }
                    try expect(")")
                }
            case .char("-") where position + 1 < tokens.count && tokens[position + 1] == .char(">"):
                position += 2
                returnType = try parseType()
            case .keyword("where"):
                throw Unsupported(reason: "generic functions are not supported")
            default:
                throw Unsupported(reason: "unexpected '\(describe(tokens[position]))' in the declaration")
            }
        }
        return ParsedFunction(name: name, parameters: parameters, effects: effects, returnType: returnType, isAsync: isAsync)
    }

    private mutating func parseParameter() throws(Unsupported) -> ParsedParameter {
        skipSpaces()
        var external = "_"
        var name = "_"
        switch next() {
        case .externalParam(let value):
            external = value
            name = value
        case .internalParam(let value):
            // Operators and subscripts: no argument label.
            name = value
        default:
            throw Unsupported(reason: "a parameter without a name")
        }
        skipSpaces()
        if case .internalParam(let internalName) = peek() {
            name = internalName
            position += 1
        }
        try expect(":")
        skipSpaces()
        var isInout = false
        if case .keyword(let word) = peek(),
            ["inout", "borrowing", "consuming", "sending", "__owned", "__shared", "isolated"].contains(word)
        {
            if word != "inout" { throw Unsupported(reason: "parameter '\(name)' is '\(word)', which is not supported") }
            // `inout MutableSpan<T>` is a writable buffer (docs/design/borrowed.md#kinds); other inout parameters
            // have nothing in Python to write back to.
            position += 1
            skipSpaces()
            if case .type(_, let usr?) = peek(), userTypes[usr] != nil, allowsInoutUserTypes {
                // `static func += (lhs: inout T, rhs: T)`: the object the operator changes.
                isInout = true
            } else {
                guard case .type("MutableSpan", let usr) = peek(), usr?.hasPrefix("s:s") == true else {
                    throw Unsupported(
                        reason: "parameter '\(name)' is inout, which is not supported (except inout MutableSpan<T>, a writable buffer)")
                }
                isInout = true
            }
        }
        let type: SwiftType
        do { type = try parseType() } catch {
            throw Unsupported(reason: "parameter '\(name)': \(error.reason)")
        }
        if case .mutableSpan = type, !isInout {
            throw Unsupported(reason: "parameter '\(name)': a MutableSpan parameter must be inout (inout MutableSpan<T>)")
        }
        skipSpaces()
        var isVariadic = false
        if peekChar() == "." {
            // `T...`: the fragments spell the dots as text.
            for _ in 0..<3 {
                guard peekChar() == "." else { throw Unsupported(reason: "parameter '\(name)': unsupported type syntax") }
                position += 1
            }
            isVariadic = true
            skipSpaces()
        }
        var defaultText: String?
        if peekChar() == "=" {
            position += 1
            defaultText = readDefault()
        }
        return ParsedParameter(
            label: external == "_" ? nil : external, name: name, type: type, defaultText: defaultText, isInout: isInout,
            isVariadic: isVariadic)
    }

    /// The text of a default value: up to the `,` or `)` that ends the parameter, skipping
    /// brackets and string literals.
    private mutating func readDefault() -> String {
        var text = ""
        var depth = 0
        var inString = false
        var escaped = false
        while position < tokens.count {
            let token = tokens[position]
            if case .char(let c) = token {
                if inString {
                    if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                } else if c == "\"" {
                    inString = true
                } else if "([{".contains(c) {
                    depth += 1
                } else if ")]}".contains(c) {
                    if depth == 0 { break }
                    depth -= 1
                } else if c == ",", depth == 0 {
                    break
                }
            }
            text += describe(token)
            position += 1
        }
        return text.trimmingSpaces()
    }

    // MARK: - Types

    private mutating func parseType() throws(Unsupported) -> SwiftType {
        skipSpaces()
        var type: SwiftType
        switch peek() {
        case .type(let spelling, let usr):
            position += 1
            type = try namedType(spelling: spelling, usr: usr)
        case .char("["):
            position += 1
            let first = try parseType()
            skipSpaces()
            if peekChar() == ":" {
                position += 1
                let value = try parseType()
                skipSpaces()
                try expect("]")
                type = try dictionary(first, value)
            } else {
                try expect("]")
                type = first == .integer(.uint8) ? .bytes : .array(first)
            }
        case .char("("):
            let elements = try parseParenthesizedTypes()
            if isAtFunctionArrow {
                type = .function(try parseClosure(parameters: elements, attributes: []))
            } else {
                type = elements.isEmpty ? .void : elements.count == 1 ? elements[0] : .tuple(elements)
            }
        case .keyword(let word) where word.hasPrefix("@"):
            // `@escaping`, `@Sendable`: attributes of a closure type (docs/design/python-shapes.md#callables).
            var attributes: Set<String> = []
            while case .keyword(let attribute) = peek(), attribute.hasPrefix("@") {
                guard ["@escaping", "@Sendable"].contains(attribute) else {
                    throw Unsupported(reason: "closures with attribute \(attribute) are not supported")
                }
                attributes.insert(attribute)
                position += 1
                skipSpaces()
            }
            guard peekChar() == "(" else {
                throw Unsupported(reason: "unsupported type syntax after \(attributes.sorted().joined(separator: " "))")
            }
            let elements = try parseParenthesizedTypes()
            guard isAtFunctionArrow else {
                throw Unsupported(reason: "attributes \(attributes.sorted().joined(separator: " ")) on a type that is not a closure")
            }
            type = .function(try parseClosure(parameters: elements, attributes: attributes))
        case .keyword("some"):
            // `some Collection<T>` / `some Sequence<T>`: a list or tuple read in place (as a
            // result, `some Sequence<T>` is a lazy iterator: SymbolGraphScanner.makeFunction).
            position += 1
            skipSpaces()
            guard case .type(let spelling, let usr) = peek(), usr?.hasPrefix("s:S") == true,
                ["Collection", "Sequence", "IteratorProtocol", "AsyncSequence"].contains(spelling)
            else {
                throw Unsupported(
                    reason:
                        "opaque 'some' types other than some Collection<T>, some Sequence<T>, some IteratorProtocol<T> and some AsyncSequence<T, E> are not supported"
                )
            }
            position += 1
            if spelling == "AsyncSequence" {
                // docs/design/async.md#async-iterators: a Python async iterator (a result only).
                let (element, throwing) = try parseAsyncSequenceArguments(spelling: "some AsyncSequence")
                type = .iterator(element, throwing ? .someThrowingAsyncSequence : .someAsyncSequence)
                break
            }
            let arguments = try parseGenericArguments()
            guard arguments.count == 1 else { throw Unsupported(reason: "some \(spelling) needs its element type: some \(spelling)<T>") }
            switch spelling {
            case "Collection": type = .collection(arguments[0])
            case "Sequence": type = .sequence(arguments[0])
            default: type = .iterator(arguments[0], .someIterator)
            }
        case .keyword("any"):
            // `any Sequence<T>` / `any IteratorProtocol<T>` results: lazy iterators (docs/design/results.md#iterators).
            position += 1
            skipSpaces()
            guard case .type(let spelling, let usr) = peek(), usr?.hasPrefix("s:S") == true,
                spelling == "Sequence" || spelling == "IteratorProtocol" || spelling == "AsyncSequence"
            else {
                throw Unsupported(
                    reason:
                        "existential 'any' types other than any Sequence<T>, any IteratorProtocol<T> and any AsyncSequence<T, E> are not supported"
                )
            }
            position += 1
            if spelling == "AsyncSequence" {
                let (element, throwing) = try parseAsyncSequenceArguments(spelling: "any AsyncSequence")
                type = .iterator(element, throwing ? .existentialThrowingAsyncSequence : .existentialAsyncSequence)
                break
            }
            let arguments = try parseGenericArguments()
            guard arguments.count == 1 else { throw Unsupported(reason: "any \(spelling) needs its element type: any \(spelling)<T>") }
            type = .iterator(arguments[0], spelling == "Sequence" ? .existentialSequence : .existentialIterator)
        case .keyword(let word):
            throw Unsupported(reason: "'\(word)' types are not supported")
        default:
            throw Unsupported(reason: "unsupported type syntax")
        }
        while true {
            skipSpaces()
            if peekChar() == "?" || peekChar() == "!" {
                position += 1
                type = .optional(type)
            } else if peekChar() == "-" || peek() == .keyword("throws") || peek() == .keyword("async") {
                throw Unsupported(reason: "closures are not supported")
            } else if peekChar() == ".", !isAtEllipsis {
                throw Unsupported(reason: "nested or metatype types are not supported")
            } else {
                break
            }
        }
        return type
    }

    private mutating func namedType(spelling: String, usr: String?) throws(Unsupported) -> SwiftType {
        if let usr, let reference = userTypes[usr] { return .user(reference) }
        let isStandardLibrary = usr.map { $0.hasPrefix("s:S") || $0.hasPrefix("s:s") } ?? false
        guard isStandardLibrary else {
            throw Unsupported(reason: "type '\(spelling)' is not supported")
        }
        if let kind = IntegerKind(rawValue: spelling) { return .integer(kind) }
        switch spelling {
        case "Double": return .double
        case "Float": return .float
        case "Bool": return .bool
        case "String": return .string
        case "Void": return .void
        case "UTF8Span": return .utf8Span
        case "RawSpan": return .rawSpan
        case "UnsafeRawBufferPointer": return .borrowedBytes
        case "Span", "MutableSpan":
            let arguments = try parseGenericArguments()
            guard arguments.count == 1 else { throw Unsupported(reason: "\(spelling) needs its element type") }
            switch arguments[0] {
            case .integer, .double, .float: break
            default:
                throw Unsupported(
                    reason:
                        "\(spelling)<\(arguments[0].swiftSpelling)> is not supported: the elements of a borrowed buffer are Double, Float or a fixed-width integer"
                )
            }
            return spelling == "Span" ? .span(arguments[0]) : .mutableSpan(arguments[0])
        case "AnySequence", "AnyIterator", "StrideTo", "StrideThrough", "UnfoldFirstSequence":
            // Lazy results (docs/design/results.md#iterators): a Python iterator over the Swift one.
            let arguments = try parseGenericArguments()
            guard arguments.count == 1 else { throw Unsupported(reason: "\(spelling) needs its element type") }
            let form: IteratorForm =
                switch spelling {
                case "AnySequence": .anySequence
                case "AnyIterator": .anyIterator
                case "StrideTo": .strideTo
                case "StrideThrough": .strideThrough
                default: .unfoldFirst
                }
            return .iterator(arguments[0], form)
        case "AsyncStream":
            // docs/design/async.md#async-iterators: a Python async iterator (a result only).
            let arguments = try parseGenericArguments()
            guard arguments.count == 1 else { throw Unsupported(reason: "AsyncStream needs its element type") }
            return .iterator(arguments[0], .asyncStream)
        case "AsyncThrowingStream":
            let (element, throwing) = try parseAsyncSequenceArguments(spelling: "AsyncThrowingStream")
            return .iterator(element, throwing ? .asyncThrowingStream : .asyncStream)
        case "IndexingIterator":
            // An array's own iterator (`makeIterator() -> IndexingIterator<[T]>`): its elements are the array's.
            let arguments = try parseGenericArguments()
            switch arguments.first {
            case .array(let element)?, .contiguousArray(let element)?: return .iterator(element, .indexingIterator)
            case .bytes?: return .iterator(.integer(.uint8), .indexingIterator)
            default: throw Unsupported(reason: "IndexingIterator is supported only over an array (IndexingIterator<[T]>)")
            }
        case "ContiguousArray":
            let arguments = try parseGenericArguments()
            guard arguments.count == 1 else { throw Unsupported(reason: "ContiguousArray needs its element type") }
            guard arguments[0].arrayClassName != nil else {
                throw Unsupported(
                    reason:
                        "ContiguousArray<\(arguments[0].swiftSpelling)> is not supported: its elements must be Double, Float or a fixed-width integer (the buffer protocol's item formats); use [\(arguments[0].swiftSpelling)] for a list"
                )
            }
            return .contiguousArray(arguments[0])
        case "Array", "Set", "Optional", "Dictionary":
            let arguments = try parseGenericArguments()
            switch (spelling, arguments.count) {
            case ("Array", 1): return arguments[0] == .integer(.uint8) ? .bytes : .array(arguments[0])
            case ("Set", 1): return try set(arguments[0])
            case ("Optional", 1): return .optional(arguments[0])
            case ("Dictionary", 2): return try dictionary(arguments[0], arguments[1])
            default: throw Unsupported(reason: "type '\(spelling)' needs its generic arguments")
            }
        default:
            throw Unsupported(reason: "type '\(spelling)' is not supported")
        }
    }

    /// `<T, E>` of an async sequence: the element type, and whether it throws (`E` is `any Error`
    /// or `Error`; `Never` does not). Other failure types are refused: the sequence's errors are
    /// mapped by their dynamic type anyway (docs/design/async.md#async-iterators).
    private mutating func parseAsyncSequenceArguments(spelling: String) throws(Unsupported) -> (SwiftType, Bool) {
        skipSpaces()
        try expect("<")
        let element = try parseType()
        skipSpaces()
        try expect(",")
        skipSpaces()
        if peek() == .keyword("any") {
            position += 1
            skipSpaces()
        }
        guard case .type(let failure, let usr) = peek(), usr?.hasPrefix("s:s") == true, failure == "Error" || failure == "Never" else {
            throw Unsupported(
                reason:
                    "\(spelling)<T, E> is supported with E = Never or any Error (a thrown error is mapped by its type either way); return \(spelling)<T, any Error>"
            )
        }
        position += 1
        skipSpaces()
        try expect(">")
        return (element, failure == "Error")
    }

    private mutating func parseGenericArguments() throws(Unsupported) -> [SwiftType] {
        skipSpaces()
        try expect("<")
        var arguments: [SwiftType] = []
        while true {
            arguments.append(try parseType())
            skipSpaces()
            if peekChar() == "," {
                position += 1
                continue
            }
            break
        }
        try expect(">")
        return arguments
    }

    private func dictionary(_ key: SwiftType, _ value: SwiftType) throws(Unsupported) -> SwiftType {
        guard key.isHashable else {
            throw Unsupported(reason: "dictionary keys of type \(key.swiftSpelling) are not supported" + key.changeableNote)
        }
        return .dictionary(key, value)
    }

    private func set(_ element: SwiftType) throws(Unsupported) -> SwiftType {
        guard element.isHashable else {
            throw Unsupported(reason: "set elements of type \(element.swiftSpelling) are not supported" + element.changeableNote)
        }
        return .set(element)
    }

    // MARK: - Tokens

    private func peek() -> Token? { position < tokens.count ? tokens[position] : nil }

    /// `(A, label: B)`: a tuple's element types or a closure's parameter types, then the spaces after.
    private mutating func parseParenthesizedTypes() throws(Unsupported) -> [SwiftType] {
        try expect("(")
        var elements: [SwiftType] = []
        skipSpaces()
        if peekChar() != ")" {
            while true {
                skipTupleLabel()
                elements.append(try parseType())
                skipSpaces()
                if peekChar() == "," {
                    position += 1
                    continue
                }
                break
            }
        }
        try expect(")")
        skipSpaces()
        return elements
    }

    /// Whether a closure type's effects or arrow come next (after its parameter list).
    private var isAtFunctionArrow: Bool {
        switch peek() {
        case .keyword("throws"), .keyword("async"), .keyword("rethrows"): true
        case .char("-"): position + 1 < tokens.count && tokens[position + 1] == .char(">")
        default: false
        }
    }

    /// The rest of a closure type after its parameter list: effects, `->`, the result.
    private mutating func parseClosure(parameters: [SwiftType], attributes: Set<String>) throws(Unsupported) -> ClosureType {
        var canThrow = false
        while true {
            skipSpaces()
            switch peek() {
            case .keyword("async"):
                throw Unsupported(reason: "async closures are not supported yet")
            case .keyword("throws"):
                position += 1
                canThrow = true
                if peekChar() == "(" {
                    throw Unsupported(
                        reason:
                            "closures with typed throws are not supported (a Python exception is thrown as its own error type): write 'throws'"
                    )
                }
                continue
            default:
                break
            }
            break
        }
        try expect("-")
        try expect(">")
        let result = try parseType()
        return ClosureType(
            parameters: parameters == [.void] ? [] : parameters, result: result, canThrow: canThrow,
            isEscaping: attributes.contains("@escaping"), isSendable: attributes.contains("@Sendable"))
    }

    /// Whether `...` (a variadic parameter's type suffix) comes next.
    private var isAtEllipsis: Bool {
        position + 2 < tokens.count && tokens[position..<position + 3].allSatisfy { $0 == .char(".") }
    }

    private func peekChar() -> Character? {
        if case .char(let c) = peek() { return c }
        return nil
    }

    /// The letters at the current position, for words that arrive as text.
    private func peekWord() -> String {
        var word = ""
        var index = position
        while index < tokens.count, case .char(let c) = tokens[index], c.isLetter {
            word.append(c)
            index += 1
        }
        return word
    }

    private mutating func next() -> Token? {
        skipSpaces()
        defer { position += 1 }
        return peek()
    }

    private mutating func skipSpaces() {
        while let c = peekChar(), c == " " || c == "\n" { position += 1 }
    }

    /// Skips `label: ` inside a tuple type.
    private mutating func skipTupleLabel() {
        skipSpaces()
        var index = position
        while index < tokens.count, case .char(let c) = tokens[index], c.isLetter || c.isNumber || c == "_" { index += 1 }
        if index > position, index < tokens.count, tokens[index] == .char(":") {
            position = index + 1
        }
    }

    private mutating func expect(_ c: Character) throws(Unsupported) {
        skipSpaces()
        guard peekChar() == c else {
            let found = peek().map(describe) ?? "the end"
            throw Unsupported(reason: "expected '\(c)', found '\(found)'")
        }
        position += 1
    }

    private func describe(_ token: Token) -> String {
        switch token {
        case .type(let spelling, _), .keyword(let spelling), .externalParam(let spelling),
            .internalParam(let spelling), .identifier(let spelling):
            spelling
        case .char(let c): String(c)
        }
    }
}

extension SwiftType {
    /// Why a `Hashable` user type cannot be a key or element: Python can change it.
    var changeableNote: String {
        guard case .user(let reference) = self, reference.isChangeable else { return "" }
        return
            ": \(reference.name) is Hashable but unhashable in Python, which can change it (a settable property, a mutating method or a subscript setter); make it immutable to use it as a key"
    }

    /// Whether values of this type can be dictionary keys or set elements.
    var isHashable: Bool {
        switch self {
        case .integer, .double, .float, .bool, .string, .bytes: true
        case .array(let element), .set(let element): element.isHashable
        case .optional(let wrapped): wrapped.isHashable
        case .dictionary(let key, let value): key.isHashable && value.isHashable
        case .user(let reference): reference.isHashable
        case .tuple, .void, .utf8Span, .rawSpan, .span, .mutableSpan, .collection, .sequence, .borrowedBytes, .iterator, .contiguousArray,
            .function:
            false
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
