import SwiftmodModel

/// Every decision about the bindings, made once: the value between the module interface and
/// the printers (parse → translate → render, as swift-openapi-generator does). The C shim, the
/// Swift glue and the stubs read only this, so the two sides of the glue meet through values
/// (symbol names, exception indices, argument specs), never through naming conventions.
public struct BindingPlan: Equatable, Sendable {
    /// The user's Swift module, spelled with a module selector in the glue (`WordTools::`).
    public var swiftModule: String
    /// The Python module (the `module-name`).
    public var pythonModule: String
    /// The module's `__doc__`.
    public var moduleDoc: String
    /// Module-level functions, in source order.
    public var functions: [Callable]
    /// Exception classes, one per public `Error` type; `index` is its slot in the module state.
    public var exceptions: [ExceptionPlan]
    /// Python types, one per exported struct, class and enum (docs/design/types.md), and one per case of
    /// an enum with associated values; `index` is the type object's slot in the module state.
    public var types: [TypePlan]
    /// Unions (docs/design/python-shapes.md#unions): enums that Python sees as their payloads.
    public var unions: [UnionPlan] = []
    /// The closure types that functions and methods return (docs/design/python-shapes.md#closure-results):
    /// a codec each that makes a Python callable.
    public var closureResults: [ClosureType] = []
    /// The tuple arities any conversion needs (a generic codec per arity).
    public var tupleArities: [Int]
    /// How each function treats the GIL (docs/design/gil.md).
    public var releaseGIL: ReleaseGIL
    /// The iterator and array types that results need (docs/design/results.md).
    public var resultTypes = ResultTypesPlan()

    /// Whether any function or method is `async`: the glue then has the async runtime
    /// (docs/design/async.md), and only then, so other modules' glue is unchanged.
    public var usesAsync: Bool {
        let callables = functions + types.flatMap { $0.methods }
        return callables.contains { $0.isAsync || $0.result.isAsyncIterator }
    }
}

/// The module state's one flat array of object slots (PEP 489 state, one per module object), in
/// this order: the exported type objects, one `enum.Enum` member tuple per type, the exception
/// classes, then the result types (docs/design/results.md). Both renderers read slot numbers
/// from here, so the C shim that fills a slot and the Swift glue that reads it cannot disagree.
public struct StateLayout: Equatable, Sendable {
    /// How many exported types (`BindingPlan.types`).
    public var typeCount: Int
    /// How many exception classes (`BindingPlan.exceptions`).
    public var exceptionCount: Int
    /// How many slots the result types take (`ResultTypesPlan.slotCount`).
    public var resultSlotCount: Int

    /// The slot of the type object of `BindingPlan.types[typeIndex]`.
    public func typeSlot(_ typeIndex: Int) -> Int { typeIndex }
    /// The slot of the member tuple of the `enum.Enum` type `BindingPlan.types[typeIndex]`, in case order.
    public func enumMembersSlot(_ typeIndex: Int) -> Int { typeCount + typeIndex }
    /// The slot of the first exception class.
    public var exceptionBase: Int { 2 * typeCount }
    /// The slot of the exception class of `BindingPlan.exceptions[index]`.
    public func exceptionSlot(_ index: Int) -> Int { exceptionBase + index }
    /// The slot of the first result type (`ResultTypesPlan.base`).
    public var resultTypesBase: Int { exceptionBase + exceptionCount }
    /// How many slots in all.
    public var count: Int { resultTypesBase + resultSlotCount }
}

extension BindingPlan {
    /// The module state's layout for this plan.
    public var stateLayout: StateLayout {
        StateLayout(typeCount: types.count, exceptionCount: exceptions.count, resultSlotCount: resultTypes.slotCount)
    }
}

/// One Python callable backed by one `@_cdecl` entry point.
public struct Callable: Equatable, Sendable {
    /// What it belongs to: the module, or (with docs/design/types.md's types) a type.
    public enum Owner: Equatable, Sendable {
        case module
        /// The type at this index of `BindingPlan.types`.
        case type(Int)
    }

    /// What it does, for the printers.
    public enum Role: Equatable, Sendable {
        case function
        /// An instance method; `mutating` ones change the object's value in place.
        case method(mutating: Bool)
        /// A `static`/`class` method (Python receives the type as `self`).
        case staticMethod
        /// One overload of the constructor; `failable` for `init?`.
        case initializer(failable: Bool)
        /// The constructor of an enum case's class: builds the case from its fields.
        case caseConstructor(caseIndex: Int)
    }

    /// How a thrown Swift error becomes a Python exception (docs/design/exported.md#errors).
    public enum Errors: Equatable, Sendable {
        /// It cannot throw.
        case none
        /// `throws` (or typed throws of a type that is not exported): checked against every
        /// exported error type, else `RuntimeError`.
        case dynamic
        /// `throws(T)` with `T` exported: the exception at this index of the module state.
        case typed(exception: Int)
    }

    /// What it belongs to: a module function or a member of a type.
    public var owner: Owner
    /// What kind of callable it is, which decides its entry point's shape and how the printers call it.
    public var role: Role
    /// For a member of an `enum.Enum` type (docs/design/types.md#enums: `Direction.NORTH.is_vertical`): a module
    /// function whose first argument is the member, and how it reaches the Swift member.
    public var enumMember: EnumMember? = nil
    /// The Swift base name (`wordCount`).
    public var swiftName: String
    /// The exported name (`word_count`).
    public var pythonName: String
    /// The `///` doc comment.
    public var doc: String?
    /// The C symbols of this callable, from the one mangler.
    public var symbols: Symbols
    /// The Python-visible arguments, in Swift's order (for a method, not counting `self`).
    public var arguments: [ArgumentPlan]
    /// How many leading arguments are positional-only (unlabelled, before any labelled one).
    public var positionalOnlyCount: Int
    /// How many leading arguments have no default in Python.
    public var requiredCount: Int
    /// The result's Swift type (`.void` for none) and its codec.
    public var result: SwiftType
    /// The codec that converts the result to Python; nil for `Void` (the call returns `None`).
    public var resultCodec: String?
    /// How a thrown error becomes a Python exception.
    public var errors: Errors
    /// Whether it is one of several overloads behind one Python callable: its conversions
    /// report through a `converted` flag whether the next overload should be tried.
    public var isOverload: Bool = false
    /// Whether the call must keep the GIL whatever the policy: it reads Python objects while
    /// the user's code runs (`some Collection<T>`, docs/design/borrowed.md#collections), or calls back
    /// into Python through a closure that is not `@Sendable` (docs/design/python-shapes.md#callables).
    public var keepsGIL: Bool = false
    /// Whether the call releases the GIL whatever the policy: its closures are all `@Sendable`,
    /// so the user's code may call them from other threads, which must be able to take the GIL.
    public var releasesGIL: Bool = false
    /// `async` (docs/design/async.md): the call returns an asyncio future at once, and a Swift task
    /// runs the user's code without the GIL (so it never consults the GIL policy).
    public var isAsync: Bool = false
    /// Whether it throws a typed error (`throws(E)`).
    var hasTypedThrows: Bool {
        if case .typed = errors { true } else { false }
    }

    /// An `open` method of an `open` class that a Python subclass may override: the glue's
    /// Swift subclass of the class forwards Swift's calls to the override (docs/design/types.md#overrides).
    public var isOverridable: Bool = false

    /// Whether Python code can run while the user's code runs (docs/design/objects.md#borrow-state): an argument read in
    /// place converts its items as the user's code reaches them (`__float__`, `__index__`).
    /// A method that may run Python code holds its receiver's borrow for the whole call; one
    /// that cannot only checks that no other access is in progress. New argument kinds that
    /// call into Python (callables, docs/design/python-shapes.md#callables) must say so here.
    public var mayRunPythonCode: Bool {
        arguments.contains { argument in
            switch argument.passing {
            case .collection, .callback: true
            case .owned, .utf8, .bytes, .typedBuffer: false
            }
        }
    }

    /// Whether it is the `__reduce__` escape hatch (docs/design/types.md#escape-hatch): `func __reduce__() -> (Args, State)`,
    /// which Python sees as `(type(self), args, state)`.
    public var isReduceHatch: Bool {
        guard pythonName == "__reduce__", arguments.isEmpty, case .method = role, case .tuple(let items) = result, items.count == 2 else {
            return false
        }
        if case .tuple = items[0] { return true }
        return false
    }

    /// How CPython calls a method's entry point: the cheapest convention its signature allows.
    public enum Convention: Equatable, Sendable {
        /// `METH_NOARGS`: no arguments.
        case noArguments
        /// `METH_O`: one required positional-only argument.
        case single
        /// `METH_FASTCALL | METH_KEYWORDS`: the general case (and module functions, overloads).
        case fastcall
    }

    /// Whether the entry point CPython calls is the Swift function itself (a `METH_NOARGS` or
    /// `METH_O` method): no C wrapper, one call fewer. A method that follows the GIL policy (a
    /// Sendable type's, docs/design/gil.md) reads its `swiftmod_gil_state` through `gilReference`.
    public var hasSwiftEntry: Bool {
        convention == .noArguments || convention == .single
    }

    /// The C constant that points at the method's `swiftmod_gil_state`, declared in
    /// `swiftmod_module.h` for a Swift entry point that follows the GIL policy.
    public var gilReference: String { symbols.gil + "_ref" }

    /// The calling convention of the method's entry point: `METH_NOARGS` or `METH_O` for a plain
    /// method or static method whose arguments allow it, else `METH_FASTCALL | METH_KEYWORDS`.
    public var convention: Convention {
        guard !isOverload, variadicIndex == nil,
            role == .method(mutating: true) || role == .method(mutating: false) || role == .staticMethod
        else { return .fastcall }
        if arguments.isEmpty { return .noArguments }
        if arguments.count == 1, positionalOnlyCount == 1, requiredCount == 1 { return .single }
        return .fastcall
    }

    /// Whether the Swift call can throw.
    public var canThrow: Bool { errors != .none }

    /// The index of the `*args` argument (docs/design/python-shapes.md#variadics), if any: its slot
    /// holds a new tuple that the entry point releases after the call.
    public var variadicIndex: Int? { arguments.firstIndex(where: \.isVariadic) }

    /// `word_count($module, text, /, min_length=1)`: what CPython reads into `__text_signature__`.
    public var textSignature: String {
        var parts: [String] =
            switch role {
            case .function: ["$module"]
            case .method: ["$self"]
            case .staticMethod: ["$type"]
            case .initializer, .caseConstructor: []
            }
        for (index, argument) in arguments.enumerated() {
            parts.append((argument.isVariadic ? "*" : "") + argument.pythonName + (argument.pythonDefault.map { "=\($0)" } ?? ""))
            if index + 1 == positionalOnlyCount { parts.append("/") }
        }
        return "\(pythonName)(\(parts.joined(separator: ", ")))"
    }

    /// The docstring CPython splits into `__text_signature__` and `__doc__`.
    public var docstring: String { textSignature + "\n--\n\n" + (doc ?? "") }
}

/// A computed property or method of an enum without associated values: a function of the
/// module (whose first argument is the member, for an instance member) that module execution
/// sets on the `enum.Enum` class as a method, a property or a static method.
public struct EnumMember: Equatable, Sendable {
    /// What module execution makes of it on the class; the raw value is its code in the C table.
    public enum Kind: Character, Equatable, Sendable {
        case method = "m"
        case property = "p"
        case staticMethod = "s"
    }
    /// Method, property or static method on the `enum.Enum` class.
    public var kind: Kind
    /// The enum's Swift type (`Direction`), for a static method's call.
    public var typeName: String
}

/// The C names of one callable, all with one prefix that only the mangler hands out.
public struct Symbols: Equatable, Sendable {
    /// `swiftmod_f0_word_count`.
    public var prefix: String
    /// The `@_cdecl` Swift function that converts, calls and converts back.
    public var impl: String { prefix + "_impl" }
    /// The C entry point CPython calls (`METH_FASTCALL | METH_KEYWORDS`).
    public var entry: String { prefix + "_entry" }
    /// Its GIL policy state (docs/design/gil.md#policy).
    public var gil: String { prefix + "_gil" }
    /// Its keyword names.
    public var keywords: String { prefix + "_keywords" }
    /// Its argument spec for `swiftmod_parse_args`.
    public var spec: String { prefix + "_spec" }
}

/// A function of a type (or of a property) that the Swift glue defines with `@_cdecl` and the C
/// shim declares and calls or puts in a slot table: the one spelling of its symbol for both
/// renderers (`Symbols.slot`), and for the protocol slots, CPython's slot and C signature.
public enum SlotFunction: String, CaseIterable, Sendable {
    /// `tp_richcompare`, `tp_hash`, `tp_repr`, `tp_str` (docs/design/types.md#protocols).
    case richcompare, hash, repr, str
    /// `mp_subscript`, `mp_ass_subscript` from subscripts; `mp_length`/`sq_length` and `sq_item`
    /// for a `Collection` with an `Int` index.
    case getitem, setitem, length, item
    /// `tp_iter` and `tp_iternext` of an exported `Sequence` or `IteratorProtocol` type (docs/design/results.md).
    case iter, next
    /// A property's getter and setter (`PyGetSetDef`; the prefix is the property's).
    case get, set
    /// The object's size, the empty-object check and adoption of a Swift subclass's object
    /// (docs/design/types.md#subclasses), `tp_dealloc`, the `tp_vectorcall` constructor.
    case size, filled, adopt, dealloc, vectorcall
    /// An `enum.Enum` type's member table; class constants; pickling (`__reduce__` and its decoder).
    case members, constants, reduce, decode

    /// The CPython slot a protocol slot function fills (`Py_tp_richcompare`); nil for the others,
    /// which the shim calls or lists itself.
    public var cSlot: String? {
        switch self {
        case .richcompare: "Py_tp_richcompare"
        case .hash: "Py_tp_hash"
        case .repr: "Py_tp_repr"
        case .str: "Py_tp_str"
        case .getitem: "Py_mp_subscript"
        case .setitem: "Py_mp_ass_subscript"
        case .length: "Py_mp_length"
        case .item: "Py_sq_item"
        case .iter, .next, .get, .set, .size, .filled, .adopt, .dealloc, .vectorcall, .members, .constants, .reduce, .decode: nil
        }
    }

    /// A protocol slot function's C declaration, with `NAME` for its symbol; nil for the others.
    public var cSignature: String? {
        switch self {
        case .richcompare: "PyObject *NAME(PyObject *self, PyObject *other, int op)"
        case .hash: "Py_hash_t NAME(PyObject *self)"
        case .repr, .str: "PyObject *NAME(PyObject *self)"
        case .getitem: "PyObject *NAME(PyObject *self, PyObject *key)"
        case .setitem: "int NAME(PyObject *self, PyObject *key, PyObject *value)"
        case .length: "Py_ssize_t NAME(PyObject *self)"
        case .item: "PyObject *NAME(PyObject *self, Py_ssize_t index)"
        case .iter, .next, .get, .set, .size, .filled, .adopt, .dealloc, .vectorcall, .members, .constants, .reduce, .decode: nil
        }
    }
}

extension Symbols {
    /// The symbol of one of this type's (or property's) slot functions: `swiftmod_t0_Point_hash`.
    public func slot(_ function: SlotFunction) -> String { prefix + "_" + function.rawValue }
}

/// One argument: how Python passes it and how the glue converts it.
public struct ArgumentPlan: Equatable, Sendable {
    /// What the glue does when Python omits it.
    public enum Default: Equatable, Sendable {
        /// Python must pass it.
        case required
        /// A literal: the variable starts as `swift`, Python shows `python`.
        case literal(python: String, swift: String)
        /// Another expression: Swift's own default applies, so the call leaves the argument out.
        case swiftDefault
    }

    /// How the glue hands the argument to Swift (docs/design/exported.md#type-mapping, docs/design/borrowed.md).
    public enum Passing: Equatable, Sendable {
        /// Converted into a Swift value the function owns, by `codec`.
        case owned
        /// `UTF8Span`: the `str`'s own UTF-8, borrowed for the call.
        case utf8
        /// `RawSpan` or `Span<UInt8>` (`raw`), or `inout MutableSpan<UInt8>` (`writable`): the
        /// bytes of any C-contiguous buffer.
        case bytes(span: SpanKind, writable: Bool)
        /// `Span<T>` or `inout MutableSpan<T>`: a C-contiguous buffer whose item format is one
        /// of `formats` (struct-module codes) and whose items are `itemSize` bytes.
        case typedBuffer(element: SwiftType, formats: String, itemSize: Int, writable: Bool)
        /// `some Collection<T>`/`some Sequence<T>`: a list or tuple read in place.
        case collection
        /// A closure (docs/design/python-shapes.md#callables): the Python callable, wrapped in a Swift closure
        /// that converts its arguments and result per call.
        case callback(CallbackPlan)
    }

    /// Which view a bytes buffer becomes.
    public enum SpanKind: Equatable, Sendable {
        case raw, uint8
    }

    /// The Swift argument label, or nil for `_`.
    public var label: String?
    /// The Python name (keyword, and in messages: `argument 'min_length'`).
    public var pythonName: String
    /// The Swift parameter type.
    public var type: SwiftType
    /// The runtime codec that converts it (`SMSigned<Swift::Int>`).
    public var codec: String
    /// What happens when Python omits the argument: required, a literal the glue passes, or Swift's own default.
    public var defaultValue: Default
    /// How the value reaches Swift: converted and owned, borrowed in place, or wrapped as a callback.
    public var passing: Passing = .owned
    /// The default as Python shows it (`1`, `None`, `...`), or nil when Python must pass it.
    /// Only trailing defaults show: Python has no required argument after an optional one.
    public var pythonDefault: String?
    /// Whether it is Python's `*args` (a Swift variadic, docs/design/python-shapes.md#variadics): `type` is the
    /// array of its elements, which the parser hands over as a tuple; later arguments are
    /// keyword-only.
    public var isVariadic: Bool = false
}

/// How the glue wraps a Python callable into a closure (docs/design/python-shapes.md#callables).
public struct CallbackPlan: Equatable, Sendable {
    /// The closure's Swift type: its parameters, result, and whether it throws, escapes or is `@Sendable`.
    public var closure: ClosureType
    /// The codecs that convert the closure's arguments to Python.
    public var parameterCodecs: [String]
    /// The codec that converts the callable's result back; nil for `Void` (the result is ignored).
    public var resultCodec: String?
    /// `((T) -> U)?`: `None` is nil.
    public var isOptional: Bool

    /// Whether Swift may keep it after the call: an `@escaping` or optional closure holds a
    /// reference to the callable, and its exceptions go to `sys.unraisablehook` when it cannot throw.
    public var isEscaping: Bool { closure.isEscaping || isOptional }
}

/// An exception class for a public `Error` type (docs/design/exported.md#errors, docs/design/exported.md#exception-bases).
public struct ExceptionPlan: Equatable, Sendable {
    /// Its slot in the module state's exception array.
    public var index: Int
    /// The Swift type name (`RatioError`), which is also the Python class name.
    public var name: String
    /// `word_tools.RatioError`.
    public var qualifiedName: String
    /// The error type's `///` doc comment, the class's `__doc__`.
    public var doc: String?
    /// The built-in exception it subclasses (`ValueError`), from `[tool.swiftmod.exceptions]`
    /// (docs/design/exported.md#exception-bases); nil for `Exception`.
    public var base: String?
    /// For an enum error: its case names, for `err.case`.
    public var cases: [String] = []
}

/// A Python type for a Swift struct, class or enum (docs/design/types.md).
public struct TypePlan: Equatable, Sendable {
    /// How Python objects of the type hold their Swift value.
    public enum Storage: Equatable, Sendable {
        /// A struct (or an enum with associated values): the value inline after the object
        /// header; each Python object owns its copy.
        case value
        /// A class: one strong reference; `baseIndex` is the exported superclass's type.
        case reference(isFinal: Bool, baseIndex: Int?)
        /// An enum without associated values: an `enum.Enum` subclass made at module execution;
        /// `rawType` is its raw value type (nil: `.value` is the case name).
        case enumeration(rawType: SwiftType?)
        /// One case of an enum with associated values: a subclass of the enum's type at
        /// `baseIndex`, holding the same Swift enum value.
        case enumCase(baseIndex: Int, caseIndex: Int)
    }

    /// Its slot in the module state's type array.
    public var index: Int
    /// The Swift type (`Point`), spelled `Module::Point` in the glue.
    public var swiftName: String
    /// The Python class name (`Point`, or `Circle` for a case class).
    public var pythonName: String
    /// `shapes.Point`, `shapes.Figure.Circle`: the type's `tp_name`.
    public var qualifiedName: String
    /// `Point`, `Figure.Circle`: its `__qualname__`.
    public var qualname: String
    /// The type's `///` doc comment, the class's `__doc__`.
    public var doc: String?
    /// How its Python objects hold the Swift value.
    public var storage: Storage
    /// The codec type that converts values of this Swift type (`SMUser_Point`).
    public var codec: String
    /// C symbols of the type's slot functions (`swiftmod_t0_Point_...`).
    public var symbols: Symbols
    /// The constructor's overloads, in declaration order (none: Python cannot create it).
    public var initializers: [Callable]
    /// Stored and computed instance properties, as Python attributes (getset descriptors).
    public var properties: [PropertyPlan]
    /// Instance and static methods, in declaration order; overloads share a Python name (`methodGroups`).
    public var methods: [Callable]
    /// `static let` constants, set as class attributes at module execution.
    public var constants: [PropertyPlan]
    /// Enum members (`enumeration`) or case classes (their indices in `BindingPlan.types`).
    public var cases: [CasePlan]
    /// Which rich comparisons the type supports.
    public var comparison: Comparison
    /// What `__hash__` is.
    public var hashing: Hashing
    /// `__repr__`: `debugDescription`, the stored properties, or Python's default.
    public var repr: Repr
    /// `__str__` from `description`.
    public var hasStr: Bool
    /// Operator slots (`nb_add`, ...) from the type's `static func` operators.
    public var operators: [OperatorPlan]
    /// `__getitem__`/`__setitem__` from the type's subscripts.
    public var subscripts: [SubscriptPlan]
    /// For a `Collection` with an `Int` index: its element type (`__len__`, `__getitem__`, `__iter__`).
    public var element: SwiftType?
    /// For another `Sequence`: its element type (`__iter__` over a copy, docs/design/results.md#exported-sequences).
    public var sequenceElement: SwiftType? = nil
    /// For an `IteratorProtocol` type: its element type (`__iter__` returns self, `__next__`).
    public var iteratorElement: SwiftType? = nil
    /// Special methods the user wrote by name (`__len__`) that fill a type slot.
    public var specialSlots: [String: Int]
    /// `Codable`: `__reduce__` through the generated Encoder/Decoder.
    public var isCodable: Bool
    /// Python's `__match_args__` (a case class's field names).
    public var matchArgs: [String]
    /// A class's exported subclasses, deepest first: a reference converts to its dynamic type.
    public var subclassIndices: [Int]
    /// The methods by Python name, in order of first declaration: indices into `methods`; a
    /// group of several is one Python method whose overloads are tried in declaration order.
    public var methodGroups: [[Int]] {
        var order: [String] = []
        var groups: [String: [Int]] = [:]
        for (index, method) in methods.enumerated() {
            if groups[method.pythonName] == nil { order.append(method.pythonName) }
            groups[method.pythonName, default: []].append(index)
        }
        return order.map { groups[$0]! }
    }
    /// For a nested type (`Polygon.Winding`): its outer type, whose attribute it is.
    public var outerIndex: Int? = nil
    /// An `enum.Enum` type's computed properties and methods: module functions (role
    /// `.function`, `enumMember` set) that become members of the class at module execution.
    public var enumMembers: [Callable] = []

    /// The rich comparisons a type supports (`tp_richcompare`).
    public enum Comparison: Equatable, Sendable {
        /// Python's default (identity).
        case none
        /// `Equatable`: `==`, `!=`; `ordered` adds `<`, `<=`, `>`, `>=` (`Comparable`).
        case equatable(ordered: Bool)
        /// A class that is not `Equatable`: the same Swift instance compares equal.
        case identity
    }

    /// Where `__hash__` comes from (`tp_hash`).
    public enum Hashing: Equatable, Sendable {
        /// Python's default.
        case inherited
        /// `Hashable`: the Swift hash value.
        case hashable
        /// The Swift instance's identity (classes that are not `Equatable`).
        case identity
        /// Unhashable (`__hash__ = None`).
        case unhashable
    }

    /// Where `__repr__` comes from (`tp_repr`).
    public enum Repr: Equatable, Sendable {
        case inherited
        case debugDescription
        /// `Point(x=1.0, y=2.0)` from these stored properties (`Figure.Circle(radius=2.0)`).
        case fields([String])
    }

    /// Whether it is a class (objects hold a reference).
    public var isClassType: Bool {
        if case .reference = storage { true } else { false }
    }

    /// Whether its objects carry a borrow state (docs/design/objects.md#borrow-state): structs and enums with associated
    /// values, whose value lives inside the object (a class's objects share the instance).
    public var checksBorrows: Bool {
        switch storage {
        case .value, .enumCase: true
        case .reference, .enumeration: false
        }
    }

    /// Whether Python objects of this type are created by the glue (not an `enum.Enum`).
    public var isObjectType: Bool {
        if case .enumeration = storage { false } else { true }
    }
}

/// A property: its getter and, when Python may assign it, its setter.
public struct PropertyPlan: Equatable, Sendable {
    /// The Swift property name (`cornerRadius`).
    public var swiftName: String
    /// The attribute name Python sees (`corner_radius`).
    public var pythonName: String
    /// The property's Swift type.
    public var type: SwiftType
    /// The codec that converts the value in both directions.
    public var codec: String
    /// Whether Python may assign it: a `var` with a public setter (a case class's fields never are).
    public var isSettable: Bool
    /// The property's `///` doc comment, the descriptor's `__doc__`.
    public var doc: String?
    /// The C symbols of its getter and setter.
    public var symbols: Symbols
    /// For an enum case class's field: the case and the field's position among its values.
    public var caseField: CaseField?

    /// Where a case class's field sits in the enum case's associated values.
    public struct CaseField: Equatable, Sendable {
        /// The Swift case name (`circle`).
        public var caseName: String
        /// The field's position among the case's associated values, from 0.
        public var index: Int
        /// How many associated values the case has.
        public var count: Int
    }
}

/// An enum member (`Color.DARK_RED`) or an enum case class (`Figure.Circle`).
public struct CasePlan: Equatable, Sendable {
    /// The Swift case name (`darkRed`, `circle`).
    public var swiftName: String
    /// The Python name: the member's (`DARK_RED`) or the case class's (`Circle`).
    public var pythonName: String
    /// A case class's type index.
    public var typeIndex: Int?
    /// A case class's field labels (nil: unlabelled).
    public var labels: [String?]
}

/// Which number-protocol operator a Swift operator is: the one value the C shim (its slot), the
/// Swift glue and the stubs (its dunder name) read.
public struct OperatorKind: Hashable, Sendable {
    /// The operation, by CPython's slot name.
    public enum Operation: String, Hashable, Sendable, CaseIterable {
        case add, subtract, multiply
        case trueDivide = "true_divide"
        case remainder, negative, positive

        /// The dunder's middle (`__sub__`, `__truediv__`).
        var dunder: String {
            switch self {
            case .add: "add"
            case .subtract: "sub"
            case .multiply: "mul"
            case .trueDivide: "truediv"
            case .remainder: "mod"
            case .negative: "neg"
            case .positive: "pos"
            }
        }
    }

    /// The operation.
    public var operation: Operation
    /// `+=` and its kind: the in-place slot, which changes the left operand.
    public var isInPlace: Bool

    /// CPython's number slot: `nb_add`, `nb_inplace_add`, `nb_negative`, ...
    public var cSlot: String { isInPlace ? "nb_inplace_\(operation.rawValue)" : "nb_\(operation.rawValue)" }
    /// The method the stubs declare: `__add__`, `__iadd__`, `__neg__`, ...
    public var pythonName: String { "__" + (isInPlace ? "i" : "") + operation.dunder + "__" }
}

/// A binary, unary or in-place operator slot and the Swift overloads behind it.
public struct OperatorPlan: Equatable, Sendable {
    /// Which operator, hence which slot (`nb_add`) and which dunder (`__add__`).
    public var kind: OperatorKind
    /// `+`, `+=`, `-`.
    public var swiftOperator: String
    /// The Swift operator functions behind the slot, tried in declaration order.
    public var overloads: [Overload]
    /// The C symbols of the slot function.
    public var symbols: Symbols

    /// One Swift operator function.
    public struct Overload: Equatable, Sendable {
        /// Its operand types: one for a unary operator, two for a binary or in-place one.
        public var operands: [SwiftType]
        /// The codecs that convert the operands, in order.
        public var codecs: [String]
        /// Its result type (`.void` for an in-place operator).
        public var result: SwiftType
        /// The codec of the result; nil for `Void`.
        public var resultCodec: String?
        /// Whether the operator function throws.
        public var canThrow: Bool
    }

    /// Whether the slot takes one operand (`-x`, `+x`).
    public var isUnary: Bool { overloads.first?.operands.count == 1 }
}

/// `__getitem__` (and `__setitem__`) from a subscript.
public struct SubscriptPlan: Equatable, Sendable {
    /// The subscript's index type (the key Python passes).
    public var index: SwiftType
    /// The codec that converts the key.
    public var indexCodec: String
    /// The index's argument label (`subscript(key key: K)`), nil when unlabelled.
    public var label: String?
    /// The element type the subscript returns.
    public var result: SwiftType
    /// The codec that converts the element in both directions.
    public var resultCodec: String
    /// Whether the subscript has a public setter (`__setitem__`).
    public var isSettable: Bool
}

extension TypePlan {
    /// Whether the type has `Py_TPFLAGS_BASETYPE`: a non-final class, or an enum whose cases are
    /// its subclasses (the stubs mark the others `@final`).
    var isSubclassable: Bool {
        switch storage {
        case .reference(let isFinal, _): !isFinal
        case .value: cases.contains { $0.typeIndex != nil }
        default: false
        }
    }

    /// Whether an object of the type may hold no value: a non-final class that Python can
    /// construct, whose Python subclasses' objects are empty until their `__init__` runs the
    /// class's initializer (docs/design/types.md#subclasses). Its codec, slots and methods check.
    var mayBeEmpty: Bool {
        guard case .reference(let isFinal, _) = storage else { return false }
        return !isFinal && !initializers.isEmpty
    }

    /// The methods a Python override can replace for Swift's callers (`Callable.isOverridable`):
    /// when any, the glue declares `_SwiftmodSub_<Name>`, the Swift subclass whose objects
    /// the Python subclasses' `__init__` creates.
    var overridable: [Int] {
        guard mayBeEmpty else { return [] }
        return methods.indices.filter { methods[$0].isOverridable }
    }

    /// The glue's Swift subclass of the class (`overridable`).
    var trampolineName: String { "_SwiftmodSub_\(swiftName.replacingOccurrences(of: ".", with: "_"))" }

    /// Whether its base is `object`.
    var isRootType: Bool {
        switch storage {
        case .reference(_, let base): base == nil
        case .value: true
        default: false
        }
    }
}
