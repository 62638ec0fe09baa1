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

        /// A generic function (`<T>`, `where`): Python has no type to pick `T` with.
        static let generic = Unsupported(
            reason: "generic functions are not supported: export a non-generic function that calls it with concrete types")
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

    /// One unit of a declaration: a type name with its USR, a keyword or attribute, a parameter
    /// name, an identifier, or one character of the text between them.
    enum Token: Equatable {
        case type(spelling: String, usr: String?)
        case keyword(String)
        case externalParam(String)
        case internalParam(String)
        case identifier(String)
        case char(Character)
    }

    var tokens: [Token] = []
    var position = 0
    /// The user's exported types by USR (docs/design/types.md): they cross the boundary as Python objects.
    var userTypes: [String: UserTypeReference] = [:]
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
        if peekChar() == "<" { throw Unsupported.generic }
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
                throw Unsupported.generic
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

    // MARK: - Tokens

    func peek() -> Token? { position < tokens.count ? tokens[position] : nil }

    /// Whether `...` (a variadic parameter's type suffix) comes next.
    var isAtEllipsis: Bool {
        position + 2 < tokens.count && tokens[position..<position + 3].allSatisfy { $0 == .char(".") }
    }

    func peekChar() -> Character? {
        if case .char(let c) = peek() { return c }
        return nil
    }

    /// The letters at the current position, for words that arrive as text.
    func peekWord() -> String {
        var word = ""
        var index = position
        while index < tokens.count, case .char(let c) = tokens[index], c.isLetter {
            word.append(c)
            index += 1
        }
        return word
    }

    mutating func next() -> Token? {
        skipSpaces()
        defer { position += 1 }
        return peek()
    }

    mutating func skipSpaces() {
        while let c = peekChar(), c == " " || c == "\n" { position += 1 }
    }

    /// Skips `label: ` inside a tuple type.
    mutating func skipTupleLabel() {
        skipSpaces()
        var index = position
        while index < tokens.count, case .char(let c) = tokens[index], c.isLetter || c.isNumber || c == "_" { index += 1 }
        if index > position, index < tokens.count, tokens[index] == .char(":") {
            position = index + 1
        }
    }

    mutating func expect(_ c: Character) throws(Unsupported) {
        skipSpaces()
        guard peekChar() == c else {
            let found = peek().map(describe) ?? "the end"
            throw Unsupported(reason: "expected '\(c)', found '\(found)'")
        }
        position += 1
    }

    func describe(_ token: Token) -> String {
        switch token {
        case .type(let spelling, _), .keyword(let spelling), .externalParam(let spelling),
            .internalParam(let spelling), .identifier(let spelling):
            spelling
        case .char(let c): String(c)
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
