/// What the user's Swift library exports to Python: the value between the scan and the
/// generator (docs/design/exported.md#what-is-exported). Built from the compiler's symbol graph; rendered into glue and stubs.
public struct ModuleInterface: Equatable, Sendable {
    /// The user's Swift module (the `swift-target`).
    public var swiftModule: String
    /// The Python module (the `module-name`).
    public var pythonModule: String
    /// Exported functions, in source order.
    public var functions: [Function]
    /// Public types conforming to `Error`, each exported as an exception class.
    public var errorTypes: [ErrorType]
    /// Public structs, classes and enums exported as Python types (docs/design/types.md), superclasses
    /// before their subclasses.
    public var types: [TypeDeclaration]

    /// An interface with the given exports, none by default.
    public init(
        swiftModule: String, pythonModule: String, functions: [Function] = [],
        errorTypes: [ErrorType] = [], types: [TypeDeclaration] = []
    ) {
        self.swiftModule = swiftModule
        self.pythonModule = pythonModule
        self.functions = functions
        self.errorTypes = errorTypes
        self.types = types
    }
}

extension ModuleInterface {
    /// `3 functions, 2 types, 1 exception class`: what the module exports, for messages.
    public var exportSummary: String {
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        return [
            count(functions.count, "function", "functions"), count(types.count, "type", "types"),
            count(errorTypes.count, "exception class", "exception classes"),
        ].joined(separator: ", ")
    }
}

/// A place in the user's source: the file and its 1-based line.
public struct SourceLocation: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The source file's path as the compiler's symbol graph gives it (`?` when unknown).
    public var file: String
    /// The 1-based line (0 when unknown).
    public var line: Int

    /// The location `file:line`.
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `file:line`, as compilers print positions.
    public var description: String { "\(file):\(line)" }
}

/// A top-level public function.
public struct Function: Equatable, Sendable {
    /// The Swift base name (`wordCount`).
    public var swiftName: String
    /// The exported name (`word_count`).
    public var pythonName: String
    /// The `///` doc comment, lines joined with newlines.
    public var doc: String?
    /// The parameters, in order.
    public var parameters: [Parameter]
    /// The result type; `Void` returns `None` to Python.
    public var returnType: SwiftType
    /// Whether and how it throws: a thrown error becomes a Python exception.
    public var effects: Effects
    /// `async`: Python gets an awaitable that the Swift task completes (docs/design/async.md).
    public var isAsync: Bool
    /// Where the function is declared, for diagnostics.
    public var location: SourceLocation

    /// A function; synchronous and not throwing unless told.
    public init(
        swiftName: String, pythonName: String, doc: String?, parameters: [Parameter],
        returnType: SwiftType, effects: Effects = .none, isAsync: Bool = false, location: SourceLocation
    ) {
        self.isAsync = isAsync
        self.swiftName = swiftName
        self.pythonName = pythonName
        self.doc = doc
        self.parameters = parameters
        self.returnType = returnType
        self.effects = effects
        self.location = location
    }

    /// Whether the function can throw.
    public var canThrow: Bool { effects != .none }
}

/// How a function may fail.
public enum Effects: Equatable, Sendable {
    case none
    /// `throws`: any error.
    case throwsAny
    /// `throws(T)`: errors of one named type.
    case throwsTyped(String)
}

/// One parameter of an exported function.
public struct Parameter: Equatable, Sendable {
    /// The argument label, or nil for `_` (positional-only in Python).
    public var label: String?
    /// The internal parameter name.
    public var name: String
    /// The Python name: the snake_case label, or of the internal name when unlabelled.
    public var pythonName: String
    /// For a variadic parameter (`_ xs: Double...`, Python's `*xs`): the element type.
    public var type: SwiftType
    /// The default value, when the Swift parameter has one: the Python argument is then optional.
    public var defaultValue: DefaultValue?
    /// Whether it is variadic (docs/design/python-shapes.md#variadics): Python's `*args`, and the
    /// parameters after it are keyword-only.
    public var isVariadic: Bool

    /// A parameter; no default and not variadic unless told.
    public init(
        label: String?, name: String, pythonName: String, type: SwiftType,
        defaultValue: DefaultValue? = nil, isVariadic: Bool = false
    ) {
        self.label = label
        self.name = name
        self.pythonName = pythonName
        self.type = type
        self.defaultValue = defaultValue
        self.isVariadic = isVariadic
    }
}

/// A parameter's default value as written in Swift.
public enum DefaultValue: Equatable, Sendable {
    /// A literal Python can show: its Python spelling and its Swift spelling.
    case literal(python: String, swift: String)
    /// Any other expression: shown as `...`; Swift's own default applies when omitted.
    case expression(String)
}

/// A public `Error` type, exported as an exception class of the same name.
public struct ErrorType: Equatable, Sendable {
    /// The Swift type name, also the Python exception class name.
    public var name: String
    /// The type's `///` doc comment, lines joined with newlines, for the exception's docstring; nil when it has none.
    public var doc: String?
    /// Where the error type is declared, for diagnostics.
    public var location: SourceLocation
    /// For an enum: its case names, so that `err.case` can name the case (docs/design/exported.md#exception-bases).
    public var cases: [String]

    /// An error type; `cases` empty for a struct or class.
    public init(name: String, doc: String?, location: SourceLocation, cases: [String] = []) {
        self.name = name
        self.doc = doc
        self.location = location
        self.cases = cases
    }
}

/// The Swift types that cross the boundary (docs/design/exported.md#type-mapping).
public indirect enum SwiftType: Equatable, Hashable, Sendable {
    case integer(IntegerKind)
    case double
    case float
    case bool
    case string
    /// `[UInt8]`: bytes-like objects in, `bytes` out.
    case bytes
    case array(SwiftType)
    case dictionary(SwiftType, SwiftType)
    case set(SwiftType)
    case optional(SwiftType)
    case tuple([SwiftType])
    case void
    // Borrowed parameter types (docs/design/borrowed.md): only as a parameter's own type, never nested or
    // returned. Python's memory is read (or written) in place for the call.
    /// `UTF8Span`: a `str`'s own UTF-8.
    case utf8Span
    /// `RawSpan`: any C-contiguous buffer's bytes.
    case rawSpan
    /// `Span<T>`: a C-contiguous buffer whose items are `T` (`Span<UInt8>`: any buffer's bytes).
    case span(SwiftType)
    /// `inout MutableSpan<T>`: a writable buffer of `T`, changed in place.
    case mutableSpan(SwiftType)
    /// `some Collection<T>`: a list or tuple, each element converted when it is read.
    case collection(SwiftType)
    /// `some Sequence<T>`: as `collection`.
    case sequence(SwiftType)
    /// `UnsafeRawBufferPointer`, only as the element of `some Collection<T>`/`some Sequence<T>`:
    /// each item's bytes in place, a `str`'s UTF-8 or a `bytes` object's data, valid for the call.
    case borrowedBytes
    /// A struct, class or enum of the user's module, exported as a Python type (docs/design/types.md).
    case user(UserTypeReference)
    // Results (docs/design/results.md): only a callable's own result, never a parameter.
    /// A lazy sequence or iterator of `T` (`some Sequence<T>`, `AnyIterator<T>`, ...): a Python
    /// iterator that advances the Swift one on each `__next__`.
    case iterator(SwiftType, IteratorForm)
    /// `ContiguousArray<T>`, `T` a `Span` element type: an object that owns the array and
    /// exports it through the buffer protocol (a list or tuple in, as for `[T]`).
    case contiguousArray(SwiftType)
    /// A closure (docs/design/python-shapes.md#callables): as a parameter (or an optional one), any Python
    /// callable, called from Swift; never nested in another type.
    case function(ClosureType)

    /// The Swift spelling (`[String: [Int?]]`).
    public var swiftSpelling: String {
        switch self {
        case .integer(let kind): kind.rawValue
        case .double: "Double"
        case .float: "Float"
        case .bool: "Bool"
        case .string: "String"
        case .bytes: "[UInt8]"
        case .array(let element): "[\(element.swiftSpelling)]"
        case .dictionary(let key, let value): "[\(key.swiftSpelling): \(value.swiftSpelling)]"
        case .set(let element): "Set<\(element.swiftSpelling)>"
        case .optional(let wrapped):
            if case .tuple = wrapped { "(\(wrapped.swiftSpelling))?" } else { "\(wrapped.swiftSpelling)?" }
        case .tuple(let elements): "(" + elements.map(\.swiftSpelling).joined(separator: ", ") + ")"
        case .void: "Void"
        case .utf8Span: "UTF8Span"
        case .rawSpan: "RawSpan"
        case .span(let element): "Span<\(element.swiftSpelling)>"
        case .mutableSpan(let element): "inout MutableSpan<\(element.swiftSpelling)>"
        case .collection(let element): "some Collection<\(element.swiftSpelling)>"
        case .sequence(let element): "some Sequence<\(element.swiftSpelling)>"
        case .borrowedBytes: "UnsafeRawBufferPointer"
        case .user(let reference): reference.name
        case .iterator(let element, let form): form.spelling(element.swiftSpelling)
        case .contiguousArray(let element): "ContiguousArray<\(element.swiftSpelling)>"
        case .function(let closure): closure.swiftSpelling
        }
    }

    /// The closure type of a closure parameter, plain or optional.
    public var closure: ClosureType? {
        switch self {
        case .function(let closure): closure
        case .optional(let wrapped): if case .function(let closure) = wrapped { closure } else { nil }
        case .integer, .double, .float, .bool, .string, .bytes, .void, .utf8Span, .rawSpan, .borrowedBytes, .user, .array, .set,
            .dictionary, .tuple, .span, .mutableSpan, .collection, .sequence, .iterator, .contiguousArray:
            nil
        }
    }

    /// The types one level inside this one: an element, a key and a value, a tuple's members, the
    /// wrapped type. A closure's parameter and result types are the callback's, not values this
    /// type holds, so a closure has none, as a user type has none.
    public var children: [SwiftType] {
        switch self {
        case .array(let t), .set(let t), .optional(let t), .collection(let t), .sequence(let t), .span(let t), .mutableSpan(let t),
            .iterator(let t, _), .contiguousArray(let t):
            [t]
        case .dictionary(let k, let v): [k, v]
        case .tuple(let ts): ts
        case .integer, .double, .float, .bool, .string, .bytes, .void, .utf8Span, .rawSpan, .borrowedBytes, .user, .function: []
        }
    }

    /// Whether this type or any type inside it (`children`, at any depth) satisfies `predicate`.
    public func contains(where predicate: (SwiftType) -> Bool) -> Bool {
        predicate(self) || children.contains { $0.contains(where: predicate) }
    }

    /// Whether a closure type appears anywhere inside this type (itself included).
    public var containsFunction: Bool {
        contains { if case .function = $0 { true } else { false } }
    }

    /// Whether this is one of the borrowed parameter types of docs/design/borrowed.md.
    public var isBorrowed: Bool {
        switch self {
        case .utf8Span, .rawSpan, .span, .mutableSpan, .collection, .sequence, .borrowedBytes: true
        case .integer, .double, .float, .bool, .string, .bytes, .void, .user, .function, .array, .set, .dictionary, .tuple, .optional,
            .iterator, .contiguousArray:
            false
        }
    }

    /// Whether a borrowed type appears anywhere inside this type (itself included).
    public var containsBorrowed: Bool { contains(where: \.isBorrowed) }

    /// `T` of `some Collection<T>` or `some Sequence<T>`, else nil.
    public var borrowedCollectionElement: SwiftType? {
        switch self {
        case .collection(let element), .sequence(let element): element
        case .integer, .double, .float, .bool, .string, .bytes, .void, .utf8Span, .rawSpan, .borrowedBytes, .user, .function, .array, .set,
            .dictionary, .tuple, .optional, .span, .mutableSpan, .iterator, .contiguousArray:
            nil
        }
    }

    /// Whether this is `some Sequence<T>`, which takes any iterable.
    public var isSequence: Bool {
        if case .sequence = self { true } else { false }
    }

    /// Whether the stub spells this type with `Iterable` (`some Sequence<T>` at any depth).
    public var mentionsIterable: Bool {
        switch self {
        case .sequence: true
        case .collection(let element): element.mentionsIterable
        case .integer, .double, .float, .bool, .string, .bytes, .void, .utf8Span, .rawSpan, .borrowedBytes, .user, .function, .array, .set,
            .dictionary, .tuple, .optional, .span, .mutableSpan, .iterator, .contiguousArray:
            false
        }
    }

    /// Whether this is a buffer type, which needs the buffer protocol (limited API 3.11+).
    public var isBuffer: Bool {
        switch self {
        case .rawSpan, .span, .mutableSpan: true
        case .integer, .double, .float, .bool, .string, .bytes, .void, .utf8Span, .borrowedBytes, .user, .function, .array, .set,
            .dictionary,
            .tuple, .optional, .collection, .sequence, .iterator, .contiguousArray:
            false
        }
    }

    /// Whether the stub spells this type with `Buffer` (a buffer parameter, or borrowed bytes
    /// items at any depth), which the stub then imports.
    public var mentionsBuffer: Bool {
        switch self {
        case .rawSpan, .span, .mutableSpan, .borrowedBytes: true
        case .collection(let element), .sequence(let element): element.mentionsBuffer
        case .integer, .double, .float, .bool, .string, .bytes, .void, .utf8Span, .user, .function, .array, .set, .dictionary, .tuple,
            .optional, .iterator, .contiguousArray:
            false
        }
    }

    /// The type as a stub spells it for a value returned to Python (`list[int | None]`).
    public var pythonSpelling: String {
        switch self {
        case .integer: "int"
        case .double, .float: "float"
        case .bool: "bool"
        case .string: "str"
        case .bytes: "bytes"
        case .array(let element): "list[\(element.pythonSpelling)]"
        case .dictionary(let key, let value): "dict[\(key.pythonSpelling), \(value.pythonSpelling)]"
        case .set(let element): "set[\(element.pythonSpelling)]"
        case .optional(let wrapped): "\(wrapped.pythonSpelling) | None"
        case .tuple(let elements): "tuple[" + elements.map(\.pythonSpelling).joined(separator: ", ") + "]"
        case .void: "None"
        case .utf8Span: "str"
        case .rawSpan, .span, .mutableSpan: "Buffer"
        case .collection(let element): "list[\(element.pythonSpelling)] | tuple[\(element.pythonSpelling), ...]"
        case .sequence(let element): "Iterable[\(element.pythonSpelling)]"
        case .borrowedBytes: "str | Buffer"
        case .user(let reference): reference.name
        case .iterator(let element, let form): "\(form.isAsync ? "AsyncIterator" : "Iterator")[\(element.pythonSpelling)]"
        case .contiguousArray(let element): element.arrayClassName ?? "list"
        case .function(let closure):
            "Callable[[" + closure.parameters.map(\.pythonSpelling).joined(separator: ", ") + "], " + closure.result.callbackResultSpelling
                + "]"
        }
    }

    /// What a Python callback may return for this result type: anything when Swift ignores it.
    var callbackResultSpelling: String { self == .void ? "object" : pythonSpelling }

    /// Whether the stub spells this type with `Callable`.
    public var mentionsCallable: Bool { containsFunction }

    /// Whether a lazy iterator result appears anywhere inside this type (itself included).
    public var containsIterator: Bool {
        contains { if case .iterator = $0 { true } else { false } }
    }

    /// Whether this is an async sequence result (`AsyncStream<T>`, `some AsyncSequence<T, E>`).
    public var isAsyncIterator: Bool {
        if case .iterator(_, let form) = self { form.isAsync } else { false }
    }

    /// Whether a `ContiguousArray<T>` appears anywhere inside this type (the buffer protocol).
    public var containsContiguousArray: Bool {
        contains { if case .contiguousArray = $0 { true } else { false } }
    }

    /// The Python class of `ContiguousArray<Self>` (`DoubleArray`), for a `Span` element type.
    public var arrayClassName: String? {
        switch self {
        case .double: "DoubleArray"
        case .float: "FloatArray"
        case .integer(let kind): kind.rawValue + "Array"
        case .bool, .string, .bytes, .void, .utf8Span, .rawSpan, .borrowedBytes, .user, .function, .array, .set, .dictionary, .tuple,
            .optional, .span, .mutableSpan, .collection, .sequence, .iterator, .contiguousArray:
            nil
        }
    }
}

/// How a lazy result is spelled in Swift: whether the glue calls `makeIterator()` first.
public enum IteratorForm: String, Equatable, Hashable, Sendable {
    case someSequence, anySequence, existentialSequence
    case someIterator, anyIterator, existentialIterator
    /// `IndexingIterator<[T]>`: an array's own iterator.
    case indexingIterator
    /// Another standard-library sequence (`StrideTo<T>`, `UnfoldFirstSequence<T>`): its name.
    case strideTo = "StrideTo"
    case strideThrough = "StrideThrough"
    case unfoldFirst = "UnfoldFirstSequence"
    // Async sequences (docs/design/async.md#async-iterators): a Python async iterator.
    /// `AsyncStream<T>`.
    case asyncStream = "AsyncStream"
    /// `AsyncThrowingStream<T, any Error>`.
    case asyncThrowingStream = "AsyncThrowingStream"
    /// `some AsyncSequence<T, Never>`, `some AsyncSequence<T, any Error>`.
    case someAsyncSequence, someThrowingAsyncSequence
    /// `any AsyncSequence<T, Never>`, `any AsyncSequence<T, any Error>`.
    case existentialAsyncSequence, existentialThrowingAsyncSequence

    /// Whether the Swift value is a `Sequence` (else an `IteratorProtocol`); async sequences are not.
    public var isSequence: Bool {
        switch self {
        case .someIterator, .anyIterator, .existentialIterator, .indexingIterator: false
        case .asyncStream, .asyncThrowingStream, .someAsyncSequence, .someThrowingAsyncSequence, .existentialAsyncSequence,
            .existentialThrowingAsyncSequence:
            false
        case .someSequence, .anySequence, .existentialSequence, .strideTo, .strideThrough, .unfoldFirst: true
        }
    }

    /// Whether the Swift value is an `AsyncSequence`: Python gets an async iterator.
    public var isAsync: Bool {
        switch self {
        case .asyncStream, .asyncThrowingStream, .someAsyncSequence, .someThrowingAsyncSequence, .existentialAsyncSequence,
            .existentialThrowingAsyncSequence:
            true
        case .someSequence, .anySequence, .existentialSequence, .someIterator, .anyIterator, .existentialIterator, .indexingIterator,
            .strideTo, .strideThrough, .unfoldFirst:
            false
        }
    }

    /// The Swift spelling for elements spelled `element`.
    public func spelling(_ element: String) -> String {
        switch self {
        case .someSequence: "some Sequence<\(element)>"
        case .anySequence: "AnySequence<\(element)>"
        case .existentialSequence: "any Sequence<\(element)>"
        case .someIterator: "some IteratorProtocol<\(element)>"
        case .anyIterator: "AnyIterator<\(element)>"
        case .existentialIterator: "any IteratorProtocol<\(element)>"
        case .indexingIterator: "IndexingIterator<[\(element)]>"
        case .strideTo, .strideThrough, .unfoldFirst, .asyncStream: "\(rawValue)<\(element)>"
        case .asyncThrowingStream: "AsyncThrowingStream<\(element), any Error>"
        case .someAsyncSequence: "some AsyncSequence<\(element), Never>"
        case .someThrowingAsyncSequence: "some AsyncSequence<\(element), any Error>"
        case .existentialAsyncSequence: "any AsyncSequence<\(element), Never>"
        case .existentialThrowingAsyncSequence: "any AsyncSequence<\(element), any Error>"
        }
    }
}

/// The type of a closure (docs/design/python-shapes.md#callables): `@escaping @Sendable (Int, String) throws -> Double`.
public struct ClosureType: Equatable, Hashable, Sendable {
    /// The closure's parameter types, in order (closure types have no labels): converted to Python arguments for the callable.
    public var parameters: [SwiftType]
    /// The closure's result type: what the Python callable's return value is converted to.
    public var result: SwiftType
    /// `throws`: a Python exception is thrown into the user's code as an error.
    public var canThrow: Bool
    /// `@escaping` (or optional, which Swift makes escaping): Swift may keep and call it later.
    public var isEscaping: Bool
    /// `@Sendable`: Swift may call it from any thread, so the call releases the GIL.
    public var isSendable: Bool

    /// A closure type; neither escaping nor `@Sendable` unless told.
    public init(parameters: [SwiftType], result: SwiftType, canThrow: Bool, isEscaping: Bool = false, isSendable: Bool = false) {
        self.parameters = parameters
        self.result = result
        self.canThrow = canThrow
        self.isEscaping = isEscaping
        self.isSendable = isSendable
    }

    /// `@escaping @Sendable (Int) throws -> Double`.
    public var swiftSpelling: String {
        (isEscaping ? "@escaping " : "") + typeSpelling(\.swiftSpelling)
    }

    /// The type without `@escaping`, its parameters and result spelled by `spell`.
    public func typeSpelling(_ spell: (SwiftType) -> String) -> String {
        (isSendable ? "@Sendable " : "") + "(" + parameters.map(spell).joined(separator: ", ") + ")" + (canThrow ? " throws" : "") + " -> "
            + spell(result)
    }
}

/// A type of the user's module that crosses the boundary as a Python object of its exported type.
public struct UserTypeReference: Equatable, Hashable, Sendable {
    /// The Swift module that declares it.
    public var module: String
    /// Its name there (and in Python).
    public var name: String
    /// Whether it is hashable in Python (a dictionary key or set element): `Hashable`, and not a
    /// struct or enum that Python can change (docs/design/objects.md#hashing).
    public var isHashable: Bool
    /// Whether it is `Hashable` in Swift but unhashable in Python because Python can change it.
    public var isChangeable: Bool

    /// A reference to `module.name`; not changeable from Python unless told.
    public init(module: String, name: String, isHashable: Bool, isChangeable: Bool = false) {
        self.module = module
        self.name = name
        self.isHashable = isHashable
        self.isChangeable = isChangeable
    }
}

/// Swift's fixed-width integers.
public enum IntegerKind: String, CaseIterable, Sendable {
    case int = "Int"
    case int8 = "Int8"
    case int16 = "Int16"
    case int32 = "Int32"
    case int64 = "Int64"
    case uint = "UInt"
    case uint8 = "UInt8"
    case uint16 = "UInt16"
    case uint32 = "UInt32"
    case uint64 = "UInt64"

    /// Whether the type is unsigned.
    public var isUnsigned: Bool { rawValue.hasPrefix("U") }
}
