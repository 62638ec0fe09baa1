import Foundation
import SwiftmodModel

/// Reads the compiler's symbol graph of the user's library into a `ModuleInterface`
/// (docs/design/exported.md#what-is-exported, docs/design/building.md#scanning): every top-level
/// public function whose types are supported, and every public `Error` type. What cannot be
/// exported becomes a warning naming its file and line.
public struct SymbolGraphScanner {
    /// The interface, and a diagnostic for each public declaration that was skipped.
    public struct Result: Sendable {
        /// The exported functions, types and errors, in the order the symbol graph lists them.
        public var interface: ModuleInterface
        /// One warning (an error with `strict`) per public declaration left out, with its file and line.
        public var diagnostics: [Diagnostic]
    }

    /// A symbol graph that cannot be read: a bug or an incompatible compiler, not a user error.
    public struct InvalidSymbolGraph: Error, CustomStringConvertible {
        /// The decoder's or the scanner's own account of what did not match the expected format.
        public var reason: String
        /// The one-line message `swiftmod` prints.
        public var description: String { "could not read the compiler's symbol graph: \(reason)" }
    }

    /// A scanner; it holds no state, so one can scan any number of graphs.
    public init() {}

    /// Scans `json`, the contents of `<swiftModule>.symbols.json`.
    ///
    /// With `strict`, skipped declarations are errors instead of warnings.
    public func scan(
        json: Data, swiftModule: String, pythonModule: String, strict: Bool = false
    ) throws -> Result {
        let graph: SymbolGraph
        do { graph = try JSONDecoder().decode(SymbolGraph.self, from: json) } catch {
            throw InvalidSymbolGraph(reason: "\(error)")
        }
        let errorUSRs = Set(
            graph.relationships.filter { $0.kind == "conformsTo" && $0.target == "s:s5ErrorP" }
                .map(\.source))
        let severity: Diagnostic.Severity = strict ? .error : .warning

        var functions: [Function] = []
        var errorTypes: [ErrorType] = []
        var diagnostics: [Diagnostic] = []
        var exportedNames: [String: SourceLocation] = [:]

        let topLevel = graph.symbols.filter {
            ($0.accessLevel == "public" || $0.accessLevel == "open") && $0.pathComponents.count == 1
        }.sorted {
            ($0.sourceLocation?.file ?? "", $0.sourceLocation?.line ?? 0) < ($1.sourceLocation?.file ?? "", $1.sourceLocation?.line ?? 0)
        }
        let context = TypeScanContext(graph: graph, swiftModule: swiftModule, severity: severity)

        // The types that cross the boundary as Python objects (docs/design/types.md): every public,
        // non-generic struct, class and enum that is not an error type.
        // Nested public types too, as attributes of their outer type (outer types first).
        let nominalKinds: Set<String> = ["swift.enum", "swift.struct", "swift.class"]
        let nominal = graph.symbols.filter {
            ($0.accessLevel == "public" || $0.accessLevel == "open") && nominalKinds.contains($0.kind.identifier)
        }.sorted {
            ($0.pathComponents.count, $0.sourceLocation?.file ?? "", $0.sourceLocation?.line ?? 0) < (
                $1.pathComponents.count, $1.sourceLocation?.file ?? "", $1.sourceLocation?.line ?? 0
            )
        }
        var userTypes: [String: UserTypeReference] = [:]
        var exportedPaths: Set<[String]> = []
        var nestedTypes: [SymbolGraph.Symbol] = []
        for symbol in nominal {
            let usr = symbol.identifier.precise
            guard !errorUSRs.contains(usr), symbol.swiftGenerics == nil else { continue }
            if symbol.pathComponents.count > 1 {
                guard exportedPaths.contains(Array(symbol.pathComponents.dropLast())) else { continue }
                nestedTypes.append(symbol)
            }
            exportedPaths.insert(symbol.pathComponents)
            userTypes[usr] = UserTypeReference(
                module: swiftModule, name: symbol.pathComponents.joined(separator: "."),
                isHashable: context.conformances(of: usr).contains(.hashable))
        }
        // docs/design/objects.md#hashing: a Hashable struct or enum that Python can change is unhashable in Python,
        // so it cannot be a set element or a dictionary key at the boundary.
        for symbol in nominal where symbol.kind.identifier != "swift.class" {
            let usr = symbol.identifier.precise
            guard userTypes[usr]?.isHashable == true else { continue }
            if context.makeType(symbol, userTypes: userTypes, scanner: self).0.isChangeableFromPython {
                userTypes[usr]?.isHashable = false
                userTypes[usr]?.isChangeable = true
            }
        }
        var types: [TypeDeclaration] = []

        for symbol in topLevel {
            let location = symbol.sourceLocation.map { SourceLocation(file: $0.file, line: $0.line) }
            let title = symbol.pathComponents[0]
            switch symbol.kind.identifier {
            case "swift.func":
                do {
                    let function = try makeFunction(symbol, location: location ?? SourceLocation(file: "?", line: 0), userTypes: userTypes)
                    if let previous = exportedNames[function.pythonName] {
                        diagnostics.append(
                            Diagnostic(
                                location: location, severity: severity,
                                message:
                                    "'\(title)' is not exported: its Python name '\(function.pythonName)' is taken by the function at \(previous) (Swift overloads cannot share one Python name)"
                            ))
                        continue
                    }
                    exportedNames[function.pythonName] = function.location
                    functions.append(function)
                } catch {
                    diagnostics.append(
                        Diagnostic(location: location, severity: severity, message: "'\(title)' is not exported: \(error.reason)"))
                }
            case "swift.enum", "swift.struct", "swift.class":
                guard errorUSRs.contains(symbol.identifier.precise) else {
                    guard symbol.swiftGenerics == nil else {
                        diagnostics.append(
                            Diagnostic(
                                location: location, severity: severity,
                                message: "'\(title)' is not exported: generic types are not supported (a non-generic wrapper type can be)"))
                        continue
                    }
                    let (type, skipped) = context.makeType(symbol, userTypes: userTypes, scanner: self)
                    diagnostics += skipped
                    types.append(type)
                    continue
                }
                guard symbol.swiftGenerics == nil else {
                    diagnostics.append(
                        Diagnostic(
                            location: location, severity: severity,
                            message: "error type '\(title)' is not exported: generic error types are not supported"))
                    continue
                }
                let cases = context.members(of: symbol.identifier.precise).filter { $0.kind.identifier == "swift.enum.case" }.map {
                    $0.pathComponents.last!.prefix { $0 != "(" }
                }
                errorTypes.append(
                    ErrorType(
                        name: title, doc: symbol.docText, location: location ?? SourceLocation(file: "?", line: 0),
                        cases: cases.map(String.init)))
            case "swift.var":
                diagnostics.append(
                    Diagnostic(
                        location: location, severity: severity,
                        message: "'\(title)' is not exported: top-level variables are not exported; a function can return the value"))
            case "swift.protocol", "swift.typealias":
                diagnostics.append(
                    Diagnostic(
                        location: location, severity: severity,
                        message:
                            "'\(title)' is not exported: a \(symbol.kind.identifier.dropFirst("swift.".count)) has no Python counterpart"))
            default:
                continue
            }
        }
        for symbol in nestedTypes {
            let (type, skipped) = context.makeType(symbol, userTypes: userTypes, scanner: self)
            diagnostics += skipped
            types.append(type)
        }
        diagnostics += context.resolveSequenceElements(&types)
        types = TypeScanContext.superclassesFirst(types)
        let (classified, unionDiagnostics) = UnionShapes.classify(types, severity: severity)
        types = classified
        diagnostics += unionDiagnostics
        let interface = ModuleInterface(
            swiftModule: swiftModule, pythonModule: pythonModule, functions: functions, errorTypes: errorTypes, types: types)
        return Result(interface: interface, diagnostics: diagnostics)
    }

    /// The closure parameters docs/design/python-shapes.md#callables supports: a parameter's own type (or an optional
    /// one) whose parameters and result convert as any other value, and which throws when it
    /// returns a value (a Python exception must have somewhere to go).
    static func checkClosureParameter(_ type: SwiftType, name: String) throws(DeclarationParser.Unsupported) {
        guard let closure = type.closure else {
            throw DeclarationParser.Unsupported(
                reason:
                    "parameter '\(name)': closures are supported as a parameter's own type or an optional one, not inside \(type.swiftSpelling)"
            )
        }
        for (index, parameter) in closure.parameters.enumerated()
        where parameter.containsFunction || parameter.containsBorrowed || parameter.containsVoid || parameter == .void {
            throw DeclarationParser.Unsupported(
                reason:
                    "parameter '\(name)': the closure's parameter \(index + 1), \(parameter.swiftSpelling), cannot be passed to Python (closures, borrowed types and Void are not supported there)"
            )
        }
        if closure.result.containsFunction || closure.result.containsBorrowed || (closure.result != .void && closure.result.containsVoid) {
            throw DeclarationParser.Unsupported(
                reason: "parameter '\(name)': the closure's result, \(closure.result.swiftSpelling), cannot come from Python")
        }
        if !closure.canThrow, closure.result != .void {
            throw DeclarationParser.Unsupported(
                reason:
                    "parameter '\(name)': a closure that returns a value must be 'throws' (\(ClosureType(parameters: closure.parameters, result: closure.result, canThrow: true).typeSpelling(\.swiftSpelling))), so that a Python exception or a result of the wrong type has somewhere to go"
            )
        }
    }

    /// What an `async` function may take (docs/design/async.md#scope): its arguments are converted to
    /// owned Swift values before the task starts, and the task runs after the Python call returned,
    /// so nothing may borrow Python's memory or call back into the caller's frame.
    static func checkAsync(_ parsed: DeclarationParser.ParsedFunction) throws(DeclarationParser.Unsupported) {
        // The symbol graph spells the attribute as two fragments, `@` and `MainActor`.
        if parsed.modifiers.contains("MainActor") {
            throw DeclarationParser.Unsupported(
                reason:
                    "it is isolated to the main actor, whose queue nothing runs in a Python process (its task would never finish); make it nonisolated, or isolate it to an actor of your own"
            )
        }
        for parameter in parsed.parameters {
            if parameter.type.containsBorrowed || parameter.isInout {
                throw DeclarationParser.Unsupported(
                    reason:
                        "parameter '\(parameter.name)': an async function cannot borrow Python's memory (\(parameter.type.swiftSpelling)), since its task runs after the call returns; take an owned copy instead (String, [UInt8], [T])"
                )
            }
            if parameter.type.containsFunction {
                throw DeclarationParser.Unsupported(reason: "parameter '\(parameter.name)': async functions cannot take closures yet")
            }
            if parameter.isVariadic {
                throw DeclarationParser.Unsupported(
                    reason:
                        "parameter '\(parameter.name)': async functions cannot take variadic parameters yet (take an array, [T], instead)")
            }
        }
        if parsed.returnType.isAsyncIterator {
            throw DeclarationParser.Unsupported(
                reason:
                    "an async function cannot return an async sequence (Python would await an async iterator); drop 'async' from the function: the sequence's own elements are awaited"
            )
        }
        if parsed.returnType.containsIterator || { if case .sequence = parsed.returnType { true } else { false } }() {
            throw DeclarationParser.Unsupported(
                reason: "async functions cannot return lazy sequences or iterators yet (return an array, [T], instead)")
        }
    }

    func makeFunction(_ symbol: SymbolGraph.Symbol, location: SourceLocation, userTypes: [String: UserTypeReference])
        throws(DeclarationParser.Unsupported) -> Function
    {
        // `some Collection<T>` parameters make a function generic in the symbol graph, with no
        // named parameter; the declaration parser checks which opaque types are supported.
        if let generics = symbol.swiftGenerics, !generics.onlyOpaqueParameters {
            throw DeclarationParser.Unsupported.generic
        }
        var parser = DeclarationParser(fragments: symbol.declarationFragments ?? [], userTypes: userTypes)
        let parsed = try parser.parseFunction()
        // A method named like a Python special method is the escape hatch of docs/design/types.md#escape-hatch.
        let isSpecial = symbol.pathComponents.count > 1 && PythonNames.isSpecialMethodName(parsed.name)
        if parsed.name.hasPrefix("_"), !isSpecial {
            throw DeclarationParser.Unsupported(reason: "names starting with '_' are private by convention")
        }
        var function = try makeFunction(parsed, doc: symbol.docText, location: location)
        if isSpecial { function.pythonName = parsed.name }
        return function
    }

    /// A function from its parsed declaration: Python names, defaults, checks of docs/design/borrowed.md.
    func makeFunction(_ parsed: DeclarationParser.ParsedFunction, doc: String?, location: SourceLocation) throws(DeclarationParser
        .Unsupported) -> Function
    {
        var seen: Set<String> = []
        var parameters: [Parameter] = []
        if parsed.isAsync {
            try Self.checkAsync(parsed)
        }
        for parameter in parsed.parameters {
            // Borrowed types (docs/design/borrowed.md) are a parameter's own type only: the view lives for
            // the call, so it cannot sit inside a container, and Python has nothing to give
            // when the argument is omitted.
            if parameter.type.containsBorrowed, !parameter.type.isBorrowed {
                throw DeclarationParser.Unsupported(
                    reason:
                        "parameter '\(parameter.name)': borrowed types (UTF8Span, Span, some Collection, ...) cannot be nested inside another type"
                )
            }
            // A borrowed collection's elements may themselves be borrowed collections (a list of
            // lists read in place, `some Sequence<some Sequence<String>>`), and nothing else borrowed.
            if parameter.type == .borrowedBytes {
                throw DeclarationParser.Unsupported(
                    reason:
                        "parameter '\(parameter.name)': UnsafeRawBufferPointer is supported only as the element of some Collection<T> or some Sequence<T> (each str or bytes item's bytes, in place); one buffer is a RawSpan"
                )
            }
            var level = parameter.type
            while let element = level.borrowedCollectionElement {
                if element.borrowedCollectionElement == nil, element != .borrowedBytes, element.containsBorrowed {
                    let spelling = if case .collection = level { "some Collection<T>" } else { "some Sequence<T>" }
                    throw DeclarationParser.Unsupported(
                        reason:
                            "parameter '\(parameter.name)': the elements of \(spelling) cannot be borrowed types other than some Collection<T>, some Sequence<T> and UnsafeRawBufferPointer"
                    )
                }
                level = element
            }
            if parameter.type.isBorrowed, parameter.defaultText != nil {
                throw DeclarationParser.Unsupported(
                    reason:
                        "parameter '\(parameter.name)': a borrowed \(parameter.type.swiftSpelling) parameter cannot have a default value")
            }
            if parameter.isVariadic {
                // docs/design/python-shapes.md#variadics: Python's `*args`, converted as an array of the element type.
                if parsed.parameters.filter(\.isVariadic).count > 1 {
                    throw DeclarationParser.Unsupported(
                        reason: "it has more than one variadic parameter (Python has one *args); take arrays ([T]) instead")
                }
                if parameter.type.containsBorrowed {
                    throw DeclarationParser.Unsupported(
                        reason: "parameter '\(parameter.name)': a variadic parameter's elements cannot be borrowed types")
                }
                if let other = parsed.parameters.first(where: { $0.type.isBorrowed || $0.isInout }) {
                    throw DeclarationParser.Unsupported(
                        reason:
                            "parameter '\(other.name)': a function with a variadic parameter cannot also take a borrowed or inout parameter"
                    )
                }
            }
            if parameter.type.containsFunction {
                try Self.checkClosureParameter(parameter.type, name: parameter.name)
            }
            let defaultValue = parameter.defaultText.map { DefaultValues.classify($0, type: parameter.type) }
            if case .expression? = defaultValue, parsed.parameters.contains(where: \.isVariadic) {
                // The glue calls a variadic function through a function value (Swift cannot pass
                // an array as `T...`), which leaves no room for Swift's own default expressions.
                throw DeclarationParser.Unsupported(
                    reason:
                        "parameter '\(parameter.name)': in a function with a variadic parameter, defaults must be literals (a number, string, bool, nil or [])"
                )
            }
            let pythonName = PythonNames.snakeCase(parameter.label ?? parameter.name)
            guard seen.insert(pythonName).inserted else {
                throw DeclarationParser.Unsupported(reason: "two parameters would both be called '\(pythonName)' in Python")
            }
            parameters.append(
                Parameter(
                    label: parameter.label, name: parameter.name, pythonName: pythonName,
                    type: parameter.type, defaultValue: defaultValue, isVariadic: parameter.isVariadic))
        }
        if parsed.returnType.containsFunction {
            // docs/design/python-shapes.md#closure-results: a closure result is a Python callable that
            // converts its arguments from Python and its result back.
            guard case .function(let closure) = parsed.returnType else {
                throw DeclarationParser.Unsupported(
                    reason:
                        "it returns \(parsed.returnType.swiftSpelling): closures are supported as a result's own type, not inside another type"
                )
            }
            for parameter in closure.parameters + [closure.result]
            where parameter.containsFunction || parameter.containsBorrowed || (parameter != .void && parameter.containsVoid) {
                throw DeclarationParser.Unsupported(
                    reason:
                        "it returns a closure whose type \(parameter.swiftSpelling) cannot cross to Python (closures, borrowed types and Void are not supported there)"
                )
            }
            if closure.parameters.contains(.void) {
                throw DeclarationParser.Unsupported(reason: "it returns a closure with a Void parameter")
            }
        }
        if parameters.contains(where: { $0.type.containsIterator }) {
            throw DeclarationParser.Unsupported(
                reason:
                    "lazy sequences and iterators (AnySequence, AnyIterator, some IteratorProtocol) are supported only as a result; a parameter that takes any iterable is some Sequence<T>"
            )
        }
        // `some Sequence<T>` as the result itself: a lazy Python iterator (docs/design/results.md#iterators).
        var parsed = parsed
        if case .sequence(let element) = parsed.returnType { parsed.returnType = .iterator(element, .someSequence) }
        if parsed.returnType.containsIterator, !{ if case .iterator = parsed.returnType { true } else { false } }() {
            throw DeclarationParser.Unsupported(
                reason:
                    "it returns \(parsed.returnType.swiftSpelling): a lazy sequence is supported only as the result itself, not inside another type"
            )
        }
        if case .iterator(let element, _) = parsed.returnType, element.containsIterator || element.containsBorrowed {
            throw DeclarationParser.Unsupported(
                reason: "it returns \(parsed.returnType.swiftSpelling), whose elements cannot be lazy sequences or borrowed types")
        }
        if parsed.returnType.containsBorrowed {
            throw DeclarationParser.Unsupported(
                reason: "it returns \(parsed.returnType.swiftSpelling), a borrowed type, which can only be a parameter")
        }
        if case .tuple = parsed.returnType {
        } else if parsed.returnType.containsVoid {
            throw DeclarationParser.Unsupported(reason: "Void inside a return type is not supported")
        }
        return Function(
            swiftName: parsed.name, pythonName: PythonNames.snakeCase(parsed.name), doc: doc,
            parameters: parameters, returnType: parsed.returnType, effects: parsed.effects, isAsync: parsed.isAsync, location: location)
    }
}

extension SwiftType {
    /// Whether `Void` appears nested inside this type.
    var containsVoid: Bool {
        switch self {
        case .void: false
        case .array(let t), .set(let t), .optional(let t): t == .void || t.containsVoid
        case .dictionary(let k, let v): [k, v].contains { $0 == .void || $0.containsVoid }
        case .tuple(let ts): ts.contains { $0 == .void || $0.containsVoid }
        default: false
        }
    }
}
