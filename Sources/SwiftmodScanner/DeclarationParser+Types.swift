import SwiftmodModel

// The type vocabulary of the scanner: which Swift type spellings become which `SwiftType`, and
// what is refused with which reason (docs/design/exported.md#type-mapping). DeclarationParser.swift
// holds the declaration syntax (functions, properties, subscripts, cases) and the tokens.
extension DeclarationParser {
    /// One type at the current token, with its `?` suffixes; throws the reason it cannot cross
    /// the boundary.
    mutating func parseType() throws(Unsupported) -> SwiftType {
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
        case .keyword(let introducer) where introducer == "some" || introducer == "any":
            position += 1
            type = try parseProtocolType(opaque: introducer == "some")
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

    mutating func namedType(spelling: String, usr: String?) throws(Unsupported) -> SwiftType {
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

    /// `some P<…>` or `any P<…>` after its keyword, for the standard-library protocols that cross
    /// the boundary: a `some Collection<T>` or `some Sequence<T>` parameter is a list or tuple read
    /// in place (as a result, `some Sequence<T>` is a lazy iterator: SymbolGraphScanner.makeFunction);
    /// `Sequence` and `IteratorProtocol` results are lazy iterators (docs/design/results.md#iterators),
    /// `AsyncSequence<T, E>` results async iterators (docs/design/async.md#async-iterators).
    private mutating func parseProtocolType(opaque: Bool) throws(Unsupported) -> SwiftType {
        let introducer = opaque ? "some" : "any"
        let allowed =
            opaque ? ["Collection", "Sequence", "IteratorProtocol", "AsyncSequence"] : ["Sequence", "IteratorProtocol", "AsyncSequence"]
        skipSpaces()
        guard case .type(let spelling, let usr) = peek(), usr?.hasPrefix("s:S") == true, allowed.contains(spelling) else {
            throw Unsupported(
                reason: opaque
                    ? "opaque 'some' types other than some Collection<T>, some Sequence<T>, some IteratorProtocol<T> and some AsyncSequence<T, E> are not supported"
                    : "existential 'any' types other than any Sequence<T>, any IteratorProtocol<T> and any AsyncSequence<T, E> are not supported"
            )
        }
        position += 1
        if spelling == "AsyncSequence" {
            let (element, throwing) = try parseAsyncSequenceArguments(spelling: "\(introducer) AsyncSequence")
            let form: IteratorForm =
                switch (opaque, throwing) {
                case (true, false): .someAsyncSequence
                case (true, true): .someThrowingAsyncSequence
                case (false, false): .existentialAsyncSequence
                case (false, true): .existentialThrowingAsyncSequence
                }
            return .iterator(element, form)
        }
        let arguments = try parseGenericArguments()
        guard arguments.count == 1 else {
            throw Unsupported(reason: "\(introducer) \(spelling) needs its element type: \(introducer) \(spelling)<T>")
        }
        switch (opaque, spelling) {
        case (true, "Collection"): return .collection(arguments[0])
        case (true, "Sequence"): return .sequence(arguments[0])
        case (true, _): return .iterator(arguments[0], .someIterator)
        case (false, "Sequence"): return .iterator(arguments[0], .existentialSequence)
        case (false, _): return .iterator(arguments[0], .existentialIterator)
        }
    }

    /// `<T, E>` of an async sequence: the element type, and whether it throws (`E` is `any Error`
    /// or `Error`; `Never` does not). Other failure types are refused: the sequence's errors are
    /// mapped by their dynamic type anyway (docs/design/async.md#async-iterators).
    mutating func parseAsyncSequenceArguments(spelling: String) throws(Unsupported) -> (SwiftType, Bool) {
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

    mutating func parseGenericArguments() throws(Unsupported) -> [SwiftType] {
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

    func dictionary(_ key: SwiftType, _ value: SwiftType) throws(Unsupported) -> SwiftType {
        guard key.isHashable else {
            throw Unsupported(reason: "dictionary keys of type \(key.swiftSpelling) are not supported" + key.changeableNote)
        }
        return .dictionary(key, value)
    }

    func set(_ element: SwiftType) throws(Unsupported) -> SwiftType {
        guard element.isHashable else {
            throw Unsupported(reason: "set elements of type \(element.swiftSpelling) are not supported" + element.changeableNote)
        }
        return .set(element)
    }

    /// `(A, label: B)`: a tuple's element types or a closure's parameter types, then the spaces after.
    mutating func parseParenthesizedTypes() throws(Unsupported) -> [SwiftType] {
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
    var isAtFunctionArrow: Bool {
        switch peek() {
        case .keyword("throws"), .keyword("async"), .keyword("rethrows"): true
        case .char("-"): position + 1 < tokens.count && tokens[position + 1] == .char(">")
        default: false
        }
    }

    /// The rest of a closure type after its parameter list: effects, `->`, the result.
    mutating func parseClosure(parameters: [SwiftType], attributes: Set<String>) throws(Unsupported) -> ClosureType {
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
