/// A public struct, class or enum exported as a Python type (docs/design/types.md).
public struct TypeDeclaration: Equatable, Sendable {
    /// What kind of Swift type it is, which decides the Python shape (docs/design/types.md).
    public enum Kind: Equatable, Sendable {
        case structure
        /// A class; `superclass` is the exported public class it inherits from, if any.
        case `class`(isFinal: Bool, superclass: String?)
        /// An enum whose cases carry no values: `rawType` is its raw value type, if any.
        case simpleEnum(rawType: SwiftType?)
        /// An enum with associated values: one Python subclass per case.
        case valueEnum
        /// A union (docs/design/python-shapes.md#unions): an enum whose cases each carry one
        /// unlabelled value (at most one carries none, for `None`) of types Python tells apart.
        /// Not a Python class: a parameter takes any object one payload takes, a result is the payload.
        case union
    }

    /// The Swift type name, which is also the Python class name.
    public var name: String
    /// Whether it is a struct, a class, a simple or value enum, or a union.
    public var kind: Kind
    /// The type's `///` doc comment, lines joined with newlines, for the Python class docstring; nil when it has none.
    public var doc: String?
    /// Where the type is declared, for diagnostics.
    public var location: SourceLocation
    /// The standard protocols it conforms to that change what Python sees.
    public var conformances: Set<Conformance>
    /// Public initializers that cross the boundary, in source order: the constructor, with more than one an overload set.
    public var initializers: [Initializer]
    /// Public instance and static properties, in source order.
    public var properties: [Property]
    /// Instance and static methods, in source order.
    public var methods: [Method]
    /// Operator functions (`static func +`) the type declares.
    public var operators: [Operator]
    /// Public one-index subscripts: `__getitem__` and, when settable, `__setitem__`.
    public var subscripts: [Subscript]
    /// Enum cases, in source order.
    public var cases: [EnumCase]
    /// For a `Collection` (or `Sequence`) whose elements cross the boundary: their type.
    public var elementType: SwiftType?
    /// For a `Sequence` that is not an `Int`-indexed `Collection`: its elements' type, from
    /// `makeIterator()` (`__iter__` iterates over a copy, docs/design/results.md#exported-sequences).
    public var sequenceElement: SwiftType? = nil
    /// For an `IteratorProtocol` type: its elements' type, from `next()` (its own iterator).
    public var iteratorElement: SwiftType? = nil
    /// The result type of a public `makeIterator()` (not exported itself), for `sequenceElement`.
    public var makeIteratorResult: SwiftType? = nil

    /// A type with the given members; `sequenceElement`, `iteratorElement` and `makeIteratorResult` start nil.
    public init(
        name: String, kind: Kind, doc: String? = nil, location: SourceLocation, conformances: Set<Conformance> = [],
        initializers: [Initializer] = [], properties: [Property] = [], methods: [Method] = [], operators: [Operator] = [],
        subscripts: [Subscript] = [], cases: [EnumCase] = [], elementType: SwiftType? = nil
    ) {
        self.name = name
        self.kind = kind
        self.doc = doc
        self.location = location
        self.conformances = conformances
        self.initializers = initializers
        self.properties = properties
        self.methods = methods
        self.operators = operators
        self.subscripts = subscripts
        self.cases = cases
        self.elementType = elementType
    }

    /// Whether Python objects of this type hold a Swift reference (identity) rather than a value.
    public var isClass: Bool {
        if case .class = kind { true } else { false }
    }

    /// Whether it is a union (docs/design/python-shapes.md#unions), not a Python class.
    public var isUnion: Bool {
        if case .union = kind { true } else { false }
    }

    /// Whether it is an `enum.Enum` in Python.
    public var isSimpleEnum: Bool {
        if case .simpleEnum = kind { true } else { false }
    }
}

/// The protocols whose conformance docs/design/types.md turns into Python behaviour.
public enum Conformance: String, CaseIterable, Sendable {
    case equatable = "Equatable"
    case hashable = "Hashable"
    case comparable = "Comparable"
    case customStringConvertible = "CustomStringConvertible"
    case customDebugStringConvertible = "CustomDebugStringConvertible"
    case encodable = "Encodable"
    case decodable = "Decodable"
    case sendable = "Sendable"
    case sequence = "Sequence"
    case collection = "Collection"
    case randomAccessCollection = "RandomAccessCollection"
    case iteratorProtocol = "IteratorProtocol"

    /// The standard library's USR of the protocol.
    public var usr: String {
        switch self {
        case .equatable: "s:SQ"
        case .hashable: "s:SH"
        case .comparable: "s:SL"
        case .customStringConvertible: "s:s23CustomStringConvertibleP"
        case .customDebugStringConvertible: "s:s28CustomDebugStringConvertibleP"
        case .encodable: "s:SE"
        case .decodable: "s:Se"
        case .sendable: "s:s8SendableP"
        case .sequence: "s:ST"
        case .collection: "s:Sl"
        case .randomAccessCollection: "s:Sk"
        case .iteratorProtocol: "s:St"
        }
    }
}

/// A public initializer: the Python constructor, or one of its overloads.
public struct Initializer: Equatable, Sendable {
    /// The initializer's parameters, in order.
    public var parameters: [Parameter]
    /// `init?`: nil becomes `ValueError`.
    public var isFailable: Bool
    /// Whether and how it throws: a thrown error becomes a Python exception.
    public var effects: Effects
    /// The initializer's `///` doc comment, lines joined with newlines; nil when it has none.
    public var doc: String?
    /// Where the initializer is declared, for diagnostics.
    public var location: SourceLocation

    /// An initializer; not failable and not throwing unless told.
    public init(parameters: [Parameter], isFailable: Bool = false, effects: Effects = .none, doc: String? = nil, location: SourceLocation) {
        self.parameters = parameters
        self.isFailable = isFailable
        self.effects = effects
        self.doc = doc
        self.location = location
    }
}

/// A public property, instance or static.
public struct Property: Equatable, Sendable {
    /// The Swift property name (`radius`, `algorithmVersion`).
    public var swiftName: String
    /// `radius`, or `ALGORITHM_VERSION` for a static constant.
    public var pythonName: String
    /// The property's Swift type, which decides how its value crosses to Python.
    public var type: SwiftType
    /// Whether Python may assign it (a `var` with a public setter).
    public var isSettable: Bool
    /// Whether it is stored (`var x: T` or `let`), as the default `repr` shows.
    public var isStored: Bool
    /// `static var` / `static let` / `class var`: a class attribute in Python.
    public var isStatic: Bool
    /// The property's `///` doc comment, lines joined with newlines; nil when it has none.
    public var doc: String?
    /// Where the property is declared, for diagnostics.
    public var location: SourceLocation

    /// A property; instance and undocumented unless told.
    public init(
        swiftName: String, pythonName: String, type: SwiftType, isSettable: Bool, isStored: Bool, isStatic: Bool = false,
        doc: String? = nil, location: SourceLocation
    ) {
        self.swiftName = swiftName
        self.pythonName = pythonName
        self.type = type
        self.isSettable = isSettable
        self.isStored = isStored
        self.isStatic = isStatic
        self.doc = doc
        self.location = location
    }
}

/// A public method: a function with a receiver.
public struct Method: Equatable, Sendable {
    /// The method's name, parameters, result, effects, doc and location, as for a top-level function.
    public var function: Function
    /// `static func` / `class func`.
    public var isStatic: Bool
    /// `mutating func` (structs): changes the object it is called on.
    public var isMutating: Bool
    /// `open func` of an `open class`: a Python subclass's override is what Swift calls
    /// (docs/design/types.md#overrides).
    public var isOpen: Bool

    /// An instance, non-mutating, non-open method unless told.
    public init(function: Function, isStatic: Bool = false, isMutating: Bool = false, isOpen: Bool = false) {
        self.function = function
        self.isStatic = isStatic
        self.isMutating = isMutating
        self.isOpen = isOpen
    }
}

/// An operator the type declares (`static func + (lhs: T, rhs: T) -> T`).
public struct Operator: Equatable, Sendable {
    /// `+`, `-`, `+=`, ...
    public var symbol: String
    /// Its operands: one for a prefix operator, two otherwise.
    public var operands: [SwiftType]
    /// The operator's result type (`Void` for an in-place operator such as `+=`).
    public var result: SwiftType
    /// Whether the left operand is `inout` (`+=`).
    public var isInPlace: Bool
    /// Whether and how the operator function throws.
    public var effects: Effects
    /// Where the operator is declared, for diagnostics.
    public var location: SourceLocation

    /// An operator; not throwing unless told.
    public init(
        symbol: String, operands: [SwiftType], result: SwiftType, isInPlace: Bool, effects: Effects = .none, location: SourceLocation
    ) {
        self.symbol = symbol
        self.operands = operands
        self.result = result
        self.isInPlace = isInPlace
        self.effects = effects
        self.location = location
    }
}

/// A public subscript with one index.
public struct Subscript: Equatable, Sendable {
    /// The type of the single index (`Int` for `subscript(i: Int)`).
    public var index: SwiftType
    /// The index's argument label (nil for the usual unlabelled subscript).
    public var label: String?
    /// The element type the subscript returns (and, when settable, takes).
    public var result: SwiftType
    /// Whether it has a public setter, so Python may assign through it (`__setitem__`).
    public var isSettable: Bool
    /// Where the subscript is declared, for diagnostics.
    public var location: SourceLocation

    /// A subscript with the given index, label, result and settability.
    public init(index: SwiftType, label: String?, result: SwiftType, isSettable: Bool, location: SourceLocation) {
        self.index = index
        self.label = label
        self.result = result
        self.isSettable = isSettable
        self.location = location
    }
}

/// One enum case.
public struct EnumCase: Equatable, Sendable {
    /// The Swift case name (`darkRed`, `circle`).
    public var swiftName: String
    /// `DARK_RED` for a simple enum's member; `Circle` for a value enum's subclass.
    public var pythonName: String
    /// The associated values, each with its label (nil when unlabelled).
    public var fields: [Field]
    /// The case's `///` doc comment, lines joined with newlines; nil when it has none.
    public var doc: String?

    /// One associated value of a case.
    public struct Field: Equatable, Sendable {
        /// The associated value's Swift label; nil when unlabelled.
        public var label: String?
        /// The Python attribute: the label, else `_0`, `_1`, ...
        public var pythonName: String
        /// The associated value's Swift type, converted as a property of that type would be.
        public var type: SwiftType

        /// A field with the given label, Python attribute name and type.
        public init(label: String?, pythonName: String, type: SwiftType) {
            self.label = label
            self.pythonName = pythonName
            self.type = type
        }
    }

    /// A case; one without fields is a simple enum's member.
    public init(swiftName: String, pythonName: String, fields: [Field] = [], doc: String? = nil) {
        self.swiftName = swiftName
        self.pythonName = pythonName
        self.fields = fields
        self.doc = doc
    }
}

extension TypeDeclaration {
    /// Whether Python can change a value of this struct or enum in place: a settable property,
    /// a `mutating` method or a subscript setter. Such a type is unhashable in Python even when
    /// it is `Hashable` (docs/design/objects.md#hashing: a hash must not change while the object is a key).
    public var isChangeableFromPython: Bool {
        switch kind {
        case .class, .simpleEnum, .union: return false
        case .structure, .valueEnum:
            return properties.contains { $0.isSettable && !$0.isStatic }
                || methods.contains { $0.isMutating && !$0.isStatic }
                || subscripts.contains(where: \.isSettable)
        }
    }
}
